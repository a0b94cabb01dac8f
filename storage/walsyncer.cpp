#include "walsyncer.h"

#include "storagelog.h"

#include <QMetaObject>

#include <sqlite3.h>

WalSyncer::WalSyncer(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
{
}

WalSyncer::~WalSyncer()
{
    stop();
}

Status WalSyncer::start()
{
    if (m_thread.joinable())
        return {};
    sqlite3 *db = nullptr;
    const auto fail = [&db, this](const QString &what) {
        const QString error =
            QStringLiteral("%1 %2: %3").arg(what, m_path, QString::fromUtf8(sqlite3_errmsg(db)));
        sqlite3_close_v2(db);
        return Status::failure(error);
    };
    if (sqlite3_open_v2(m_path.toUtf8().constData(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
        return fail(QStringLiteral("cannot open"));
    // The connection opens the WAL file (and keeps it open) when it first reads the database.
    if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) !=
        SQLITE_OK)
        return fail(QStringLiteral("cannot read"));
    sqlite3_file *wal = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK || !wal ||
        !wal->pMethods)
        return fail(QStringLiteral("no WAL file open for"));
    m_db = db;
    m_wal = wal;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
    return {};
}

void WalSyncer::stop()
{
    if (!m_thread.joinable())
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join(); // the last requested sync is done before it ends
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    m_wal = nullptr;
}

void WalSyncer::request(qint64 generation)
{
    {
        const std::lock_guard lock(m_mutex);
        if (generation <= m_requested)
            return;
        m_requested = generation;
    }
    m_wake.notify_one();
}

qint64 WalSyncer::syncCount() const
{
    const std::lock_guard lock(m_mutex);
    return m_syncs;
}

void WalSyncer::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_requested > m_synced; });
        if (m_requested <= m_synced)
            return; // stopping with nothing left to sync
        // Every commit up to `target` wrote its frames before it asked: one sync covers them
        // all, and whatever is asked while it runs waits for the next one.
        const qint64 target = m_requested;
        lock.unlock();
        const int rc = m_wal->pMethods->xSync(m_wal, SQLITE_SYNC_NORMAL);
        lock.lock();
        ++m_syncs;
        // A failed sync is reported (Database makes it final: an fsync is not retried).
        m_synced = target;
        const QString error = rc == SQLITE_OK
                                  ? QString()
                                  : QStringLiteral("syncing the WAL of %1 failed (SQLite error %2)")
                                        .arg(m_path)
                                        .arg(rc);
        QMetaObject::invokeMethod(
            this, [this, target, error] { Q_EMIT synced(target, error); }, Qt::QueuedConnection);
    }
}
