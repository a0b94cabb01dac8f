#pragma once

#include "result.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;
struct sqlite3_file;

// Makes commits durable off the thread that commits them (group commit). The committing
// connection writes its WAL frames without syncing them (synchronous=NORMAL: the write is in the
// operating system's cache when COMMIT returns, so a killed process loses nothing); this
// thread, with a connection of its own, syncs the WAL file through SQLite's VFS (the very
// xSync that synchronous=FULL would have run in the commit) and one sync covers every commit
// written before it began. request(n) says "commit n is written"; synced(n) comes back on the
// owner's thread once commits up to n are on disk. Checkpoints and the WAL header after a restart
// stay synced as NORMAL syncs them (see Database).
class WalSyncer : public QObject
{
    Q_OBJECT
public:
    explicit WalSyncer(QString path, QObject *parent = nullptr);
    ~WalSyncer() override;
    WalSyncer(const WalSyncer &) = delete;
    WalSyncer &operator=(const WalSyncer &) = delete;

    // Opens the syncer's connection and its handle on the WAL file, and starts the thread.
    [[nodiscard]] Status start();
    // Syncs what was requested and not yet synced, then ends the thread.
    void stop();

    // Thread-safe: commit `generation` (and every one before it) is written; sync it.
    void request(qint64 generation);
    // Syncs run so far (each covers every request made before it began).
    qint64 syncCount() const;

Q_SIGNALS:
    // On the owner's thread: commits up to generation are on disk (error empty), or the sync
    // that should have put them there failed (error says how).
    void synced(qint64 generation, const QString &error);

private:
    void run();

    QString m_path;
    sqlite3 *m_db = nullptr;
    sqlite3_file *m_wal = nullptr;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    qint64 m_requested = 0;
    qint64 m_synced = 0;
    qint64 m_syncs = 0;
    bool m_stopping = false;
};
