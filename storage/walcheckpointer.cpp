#include "walcheckpointer.h"

#include "logging.h"

#include <QTimer>

#include <sqlite3.h>

class CheckpointWorker : public QObject
{
    Q_OBJECT
public:
    CheckpointWorker(QString path, std::chrono::milliseconds interval)
        : m_path(std::move(path))
        , m_interval(interval)
    {
    }
    ~CheckpointWorker() override { sqlite3_close_v2(m_db); }

    void begin()
    {
        if (sqlite3_open_v2(m_path.toUtf8().constData(), &m_db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            qCWarning(lcStorage) << "background checkpoints off: cannot open" << m_path << ":"
                                 << sqlite3_errmsg(m_db);
            return;
        }
        m_timer = new QTimer(this);
        m_timer->setInterval(m_interval);
        connect(m_timer, &QTimer::timeout, this, &CheckpointWorker::checkpoint);
        m_timer->start();
    }

    void checkpoint()
    {
        int walFrames = 0;
        int done = 0;
        const int rc =
            sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &done);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && !m_warned) {
            m_warned = true;
            qCWarning(lcStorage) << "background checkpoint failed:" << sqlite3_errmsg(m_db);
        }
    }

private:
    QString m_path;
    std::chrono::milliseconds m_interval;
    sqlite3 *m_db = nullptr;
    QTimer *m_timer = nullptr;
    bool m_warned = false;
};

WalCheckpointer::WalCheckpointer(QString path, std::chrono::milliseconds interval)
    : m_path(std::move(path))
    , m_interval(interval)
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
    m_worker = new CheckpointWorker(m_path, m_interval);
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
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

#include "walcheckpointer.moc"
