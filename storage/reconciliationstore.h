#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <optional>

class Database;

// One resolved difference between this lane and a peer, as reconciliation records it.
struct ConflictRecord
{
    QString runId;
    QString productId;
    QString peer;
    qint64 localStock = 0;
    QString localUpdated; // ISO 8601; empty when this lane had no record
    qint64 remoteStock = 0;
    QString remoteUpdated;
    qint64 chosenStock = 0;
    QString chosenFrom; // the lane whose figure won
    QString resolvedAt;
};

// A recorded conflict with the manager's override, if any, for the admin screen.
struct ConflictRow
{
    qint64 id = 0;
    ConflictRecord conflict;
    QString productName; // empty for a product unknown here
    bool overridden = false;
    qint64 overrideStock = 0;
    QString overrideBy;
    QString overrideAt;
    QString overrideByName;
};

// How a reconciliation run ended, for its row in reconciliation_runs.
struct RunOutcome
{
    QString id;
    QString finishedAt;
    QString result;
    qint64 peersAsked = 0;
    qint64 peersAnswered = 0;
    qint64 productsCompared = 0;
    qint64 differences = 0;
    qint64 resolved = 0;
    QString checksumAfter;
    QString detail; // the run's summary as compact JSON
};

// Reconciliation runs and the conflicts they resolved (reconciliation_runs,
// inventory_conflicts). Writers call it inside a write transaction.
class ReconciliationStore
{
public:
    explicit ReconciliationStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status startRun(const QString &id, const QString &trigger,
                                  const QString &startedAt, const QString &checksumBefore);
    [[nodiscard]] Status finishRun(const RunOutcome &outcome);
    [[nodiscard]] Status recordConflict(const ConflictRecord &conflict);
    // Newest first; limit is clamped to 1..10000.
    [[nodiscard]] Result<QList<ConflictRow>> conflicts(int limit);
    // The product a conflict is about; nullopt when there is no such conflict.
    [[nodiscard]] Result<std::optional<QString>> conflictProduct(qint64 conflictId);
    [[nodiscard]] Status recordOverride(qint64 conflictId, qint64 quantity,
                                        const QString &employeeId, const QString &at);

private:
    Database &m_db;
};
