#include "walcheckpointer.h"

#include "storagelog.h"

#include <QTimer>

#include <sqlite3.h>

class CheckpointWorker : public QObject
{
    Q_OBJECT
public:
    CheckpointWorker(WalCheckpointer &owner, sqlite3 *db)
        : m_owner(owner)
        , m_db(db)
    {
    }
    ~CheckpointWorker() override { sqlite3_close_v2(m_db); }

    void begin()
    {
        m_idle = new QTimer(this);
        m_idle->setInterval(m_owner.m_options.idleInterval);
        connect(m_idle, &QTimer::timeout, this, [this] {
            if (!m_owner.caughtUp())
                run();
        });
        m_idle->start();
    }

    void run()
    {
        int walFrames = 0;
        int done = 0;
        const int rc =
            sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &done);
        // Commits from now on ask again: whatever they add needs another pass.
        m_owner.m_requested.store(false);
        if (rc == SQLITE_OK && walFrames >= 0 && done == walFrames) {
            m_owner.m_checkpointedFrames.store(walFrames);
            m_owner.m_completed.fetch_add(1);
        }
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && !m_warned) {
            m_warned = true;
            qCWarning(lcStorage) << "background checkpoint failed:" << sqlite3_errmsg(m_db);
        }
    }

private:
    WalCheckpointer &m_owner;
    sqlite3 *m_db;
    QTimer *m_idle = nullptr;
    bool m_warned = false;
};

WalCheckpointer::WalCheckpointer(QString path, Options options)
    : m_path(std::move(path))
    , m_options(options)
{
}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

Status WalCheckpointer::start()
{
    if (m_worker)
        return {};
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(m_path.toUtf8().constData(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        const QString error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close_v2(db);
        return Status::failure(QStringLiteral("cannot open %1: %2").arg(m_path, error));
    }
    // A connection only learns that the file is in WAL mode when it first reads it; until then
    // sqlite3_wal_checkpoint_v2() returns SQLITE_OK and does nothing at all.
    if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
        const QString error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close_v2(db);
        return Status::failure(QStringLiteral("cannot read %1: %2").arg(m_path, error));
    }
    // Its checkpoints sync the WAL before they copy it and the database file after, whatever
    // this SQLite's compiled-in default is.
    if (sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr) != SQLITE_OK) {
        const QString error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close_v2(db);
        return Status::failure(
            QStringLiteral("cannot set synchronous on %1: %2").arg(m_path, error));
    }
    m_worker = new CheckpointWorker(*this, db);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::started, m_worker, &CheckpointWorker::begin);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("wal-checkpoint"));
    m_thread.start(QThread::LowPriority);
    return {};
}

void WalCheckpointer::stop()
{
    if (!m_worker)
        return;
    m_worker = nullptr;
    m_thread.quit();
    m_thread.wait();
}

bool WalCheckpointer::committed(int walFrames)
{
    m_walFrames.store(walFrames);
    if (!m_worker || walFrames < m_options.thresholdFrames)
        return false;
    if (!m_requested.exchange(true))
        QMetaObject::invokeMethod(m_worker, &CheckpointWorker::run, Qt::QueuedConnection);
    return walFrames >= m_options.hardLimitFrames;
}

#include "walcheckpointer.moc"
