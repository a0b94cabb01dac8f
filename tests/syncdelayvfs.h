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
// Closed: a sync waits until it opens (or for at most 60 s, then counts as timedOut()).
void setGateClosed(bool closed);
// Syncs finished since the last reset(), and syncs now waiting at the gate.
int syncs();
int waiting();
// Syncs that gave up waiting for a closed gate.
int timedOut();
void reset();
} // namespace SyncDelayVfs
