#pragma once

#include "result.h"

#include <QString>
#include <QThread>

#include <chrono>

class CheckpointWorker;

// Keeps WAL checkpoints off the thread that commits sales. SQLite's automatic checkpoint runs
// inside whichever commit crosses the threshold, which then waits for the database file to be
// written and synced: the multi-millisecond outliers of a sale commit. This runs PASSIVE
// checkpoints from a background thread with its own connection instead (they never block
// writers); the lane's own autocheckpoint stays as a safety net at a larger size.
class WalCheckpointer
{
public:
    explicit WalCheckpointer(QString path,
                             std::chrono::milliseconds interval = std::chrono::milliseconds(500));
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    [[nodiscard]] Status start();
    void stop();

private:
    QString m_path;
    std::chrono::milliseconds m_interval;
    QThread m_thread;
    CheckpointWorker *m_worker = nullptr;
};
