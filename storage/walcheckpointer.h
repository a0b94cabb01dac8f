#pragma once

#include "result.h"

#include <QString>
#include <QThread>

#include <atomic>
#include <chrono>

class CheckpointWorker;
struct sqlite3;

// Keeps WAL checkpoints off the thread that commits sales. SQLite's automatic checkpoint runs
// inside whichever commit crosses the threshold, which then waits for the database file to be
// written and synced: the multi-millisecond outliers of a sale commit. Instead the database
// reports the size of its WAL after every commit (committed(), from SQLite's WAL hook, which
// replaces the automatic checkpoint); past `thresholdFrames` a background thread with its own
// connection runs a PASSIVE checkpoint (it never blocks writers), again while commits keep
// coming, so that each one is small and finishes between two commits: only a WAL checkpointed
// to its end is started over by the next writer, otherwise it grows without end. A writer that
// never pauses (catch-up of thousands of messages) starts its next transaction before any
// background checkpoint can finish; past `hardLimitFrames` the committing thread itself runs a
// PASSIVE checkpoint, which has little left to copy, so the WAL starts over and stays bounded.
// A timer checkpoints what is left when the lane goes quiet.
class WalCheckpointer
{
public:
    struct Options
    {
        int thresholdFrames = 256;  // 1 MiB of 4 KiB pages
        int hardLimitFrames = 4096; // 16 MiB
        std::chrono::milliseconds idleInterval = std::chrono::milliseconds(1000);
    };

    explicit WalCheckpointer(QString path)
        : WalCheckpointer(std::move(path), Options{})
    {
    }
    WalCheckpointer(QString path, Options options);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Opens the checkpointer's connection (failure: the caller keeps SQLite's automatic
    // checkpoint) and starts its thread.
    [[nodiscard]] Status start();
    void stop();

    // Called on the committing thread after every commit with the WAL size in frames; true
    // when that thread should checkpoint now (see hardLimitFrames).
    [[nodiscard]] bool committed(int walFrames);

    // Frames in the WAL after the last commit.
    int walFrames() const { return m_walFrames.load(); }
    // True when the last checkpoint copied every frame the WAL had after the last commit: the
    // next writer starts the WAL over.
    bool caughtUp() const { return m_checkpointedFrames.load() == m_walFrames.load(); }
    // Checkpoints that ran to the end of the WAL as it was when they started.
    qint64 completedCheckpoints() const { return m_completed.load(); }

private:
    friend class CheckpointWorker;
    QString m_path;
    Options m_options;
    QThread m_thread;
    CheckpointWorker *m_worker = nullptr;
    std::atomic<bool> m_requested{false};
    std::atomic<int> m_walFrames{0};
    std::atomic<qint64> m_completed{0};
    std::atomic<int> m_checkpointedFrames{-1};
};
