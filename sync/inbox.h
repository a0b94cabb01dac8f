#pragma once

#include "inventorystore.h"
#include "outboxmessage.h"
#include "result.h"
#include "salestore.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class Clock;
class Hlc;
class Database;

// Applies messages from other lanes exactly once: each message's effect and its
// inbox_processed row commit together, and a message already processed is applied zero times.
// A batch shares one transaction (one fsync). It is applied at once, with what many messages
// change written once; if any message fails, it is applied again one savepoint per message so
// that only the bad one is left out.
class Inbox
{
public:
    enum class Outcome { Applied, Duplicate, Rejected };
    struct Incoming
    {
        OutboxMessage message;
        QByteArray payload; // compact JSON as stored and relayed
        // A transaction's payload as validate() decoded it (null: decoded when applied).
        std::shared_ptr<const SaleRecord> sale{};
    };
    struct Result
    {
        Outcome outcome = Outcome::Rejected;
        QString error;
    };

    Inbox(Database &db, QString localTerminal, Clock &clock, Hlc &hlc);

    // Checks a message's payload against its topic before anything is written.
    // `decoded`, when given, receives a transaction's decoded payload for Incoming::sale.
    [[nodiscard]] static Status validate(const OutboxMessage &message,
                                         std::shared_ptr<const SaleRecord> *decoded = nullptr);

    // One transaction for the whole batch; on a failed commit every result is Rejected.
    QList<Result> applyBatch(const QList<Incoming> &batch);

private:
    std::optional<QList<Result>> applyBatchAtOnce(const QList<Incoming> &batch);
    QList<Result> applyBatchOneByOne(const QList<Incoming> &batch);
    // `applied` (batch mode) collects the seqs applied per origin instead of advancing the
    // origin's progress per message.
    Result applyOne(const Incoming &in, const QString &now, QHash<QString, QList<qint64>> *applied);
    Status applyTransaction(const OutboxMessage &m, const SaleRecord *decoded, const QString &now);
    Status applyInventory(const OutboxMessage &m, const QString &now);
    Status applyCustomer(const OutboxMessage &m);
    Status applyEmployee(const OutboxMessage &m);
    Status advanceProgress(const QString &origin, QList<qint64> seqs);

    Database &m_db;
    QString m_local;
    Clock &m_clock;
    Hlc &m_hlc;
    SaleStore m_sales;
    InventoryStore m_inventory;
};
