#pragma once

// A test-only SQLite VFS: the default VFS with a slow or stopped disk sync. Every xSync (of any
// file: WAL, database) first waits `delayMs`, and while the gate is closed waits for it to
// open. install() registers it as the default VFS, so every connection opened afterwards in
// this process uses it. ui_bench loads it into a lane process with LD_PRELOAD
// (libsyncdelayvfs.so, EUPHORIA_SYNC_DELAY_MS); tst_durability links it.
namespace SyncDelayVfs {
// Registers the VFS as the default (once); false if SQLite refused.
bool install();
void setDelayMs(int ms);
// Closed: a sync on another thread than install()'s waits until it opens (or for at most 60 s,
// then counts as timedOut()). The test's own thread is never held: the lane's connection still
// syncs a new WAL header there now and then (see Database), and a test cannot wait on itself.
void setGateClosed(bool closed);
// Syncs finished since the last reset(), and syncs now waiting at the gate.
int syncs();
int waiting();
// Syncs made on install()'s thread.
int ownThreadSyncs();
// Syncs that gave up waiting for a closed gate.
int timedOut();
// While on, every sync fails (SQLITE_IOERR_FSYNC) without syncing: a disk that reports an error.
void setFailing(bool failing);
void reset();
} // namespace SyncDelayVfs
