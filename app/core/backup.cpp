#include "backup.h"

#include "databasebackup.h"

Result<QString> Backup::take(const LaneConfig &config, const QString &file)
{
    auto summary = DatabaseBackup::copy(config.databasePath(), file, config.terminalId);
    if (!summary)
        return Result<QString>::failure(summary.error());
    return QStringLiteral("backup of lane %1 written to %2: schema version %3, %4 bytes, %5 "
                          "transactions, %6 outbox messages, last own seq %7")
        .arg(config.terminalId, summary->path)
        .arg(summary->schemaVersion)
        .arg(summary->bytes)
        .arg(summary->transactions)
        .arg(summary->outboxMessages)
        .arg(summary->lastOwnSeq);
}
