#pragma once

#include "result.h"

#include <QString>

// A consistent copy of a lane's database, taken with SQLite's online backup API while the lane
// may be running (WAL: the copy reads one snapshot and blocks no writer), checked and put in
// place atomically.
namespace DatabaseBackup {

// lane_meta in a backup: when the backup was taken. A lane started on it (restored) publishes
// nothing until a peer has told it how far it holds the lane's messages (PROTOCOL.md §4.1).
inline const QString RestoredMetaKey = QStringLiteral("restored_from_backup");

struct Summary
{
    QString path;
    qint64 schemaVersion = 0;
    qint64 bytes = 0;
    qint64 transactions = 0;
    qint64 outboxMessages = 0;
    qint64 lastOwnSeq = 0;
};

// Copies the database at source to target through a temporary file beside target, which must
// not exist: the copy is integrity-checked and synced before it takes target's name, so target
// is either absent or a whole, checked database. terminalId names the lane whose seq counter
// the summary reports.
[[nodiscard]] Result<Summary> copy(const QString &source, const QString &target,
                                   const QString &terminalId);

} // namespace DatabaseBackup
