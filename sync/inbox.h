#pragma once

#include "catalogstore.h"
#include "customerstore.h"
#include "employeestore.h"
#include "heldmessagestore.h"
#include "inboxstore.h"
#include "inventorystore.h"
#include "outboxmessage.h"
#include "outboxstore.h"
#include "result.h"
#include "salestore.h"
#include "shiftstore.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

class Clock;
class Hlc;
class Database;

// A held.accepted payload: the time a held message takes effect at, on every lane. Wire fields:
// messageId, origin, topic (the held message's), hlcTime (ISO 8601 UTC) and hlcCounter (the
// accepted time; its lane is the origin), reason ("manager": accepted on the admin screen and
// clamped to then; "clock": re-timed by its origin, whose clock had run ahead), acceptedBy (the
// manager's employee id, for "manager"), acceptedAt.
struct HeldAcceptance
{
    QString messageId;
    QString origin;
    QString topic;
    qint64 hlcMs = 0;
    qint64 hlcCounter = 0;
    QString reason;
    QString acceptedBy;
    QString acceptedAt;

    QJsonObject toJson() const;
    static ::Result<HeldAcceptance> fromJson(const QJsonObject &payload);
};

// Applies messages from other lanes exactly once: each message's effect and its
// inbox_processed row commit together, and a message already processed is applied zero times.
// A batch shares one transaction (one fsync). It is applied at once, with what many messages
// change written once; if any message fails, it is applied again one savepoint per message so
// that only the bad one is left out.
//
// A message whose own time (a sale's or stock change's HLC time, a record's updatedAt) is
// further ahead of the store's time than the HLC allows is held: recorded (so it is acked,
// relayed and never applied twice) and listed in held_messages, but not applied, so that one lane
// with a clock far ahead cannot order every later sale before its count. HeldMessages releases it
// when its time comes, or at the time an acceptance (topic held.accepted) gives it.
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
        // Not empty: the message failed the checks before the inbox (PeerInbound::check); it
        // is refused for good and the refusal recorded, nothing else.
        QString refusal{};
        // Sent by its origin itself (not relayed): only then does a refusal settle its seq, so
        // that a relay cannot make this lane skip another lane's message.
        bool fromOrigin = false;
    };
    struct Result
    {
        Outcome outcome = Outcome::Rejected;
        QString error;
        bool held = false; // Applied: recorded and acked, its effect held back
        // Rejected: sending it again cannot succeed (recorded in rejected_messages); otherwise
        // this lane could not store it now and its sender should try again later.
        bool permanent = false;
    };

    Inbox(Database &db, QString localTerminal, Clock &clock, Hlc &hlc);

    // Checks a message's payload against its topic before anything is written: first its
    // limits (PayloadLimits: size, array lengths, unknown members), then its members.
    // `decoded`, when given, receives a transaction's decoded payload for Incoming::sale.
    // payloadBytes: the size of the payload's text as received (negative: measured here).
    [[nodiscard]] static Status validate(const OutboxMessage &message,
                                         std::shared_ptr<const SaleRecord> *decoded = nullptr,
                                         qsizetype payloadBytes = -1);

    // One transaction for the whole batch; on a failed commit every result is Rejected.
    QList<Result> applyBatch(const QList<Incoming> &batch);

    // The time a message claims for its effect, in ms since the epoch: a sale's or stock
    // change's HLC time, a customer's or employee's updatedAt; none for other topics.
    static std::optional<qint64> stampedMs(const OutboxMessage &message,
                                           const SaleRecord *decoded = nullptr);

    // Inside the caller's transaction: applies a held message's effect, with its own time or
    // (at) the time it was accepted at, and records how it was released.
    [[nodiscard]] Status releaseHeld(const QString &messageId, std::optional<HlcTime> at,
                                     const QString &releasedBy);
    // Inside the caller's transaction: an acceptance of a message, from any lane (this one
    // included). A held message is applied at the accepted time; one already applied (this
    // lane's own, or released when its time came) moves to it; one not received yet takes it
    // when it comes.
    [[nodiscard]] Status applyAcceptance(const QString &messageId, const HlcTime &at,
                                         const QString &acceptedBy, const QString &acceptedOn,
                                         const QString &acceptedAt);

private:
    std::optional<QList<Result>> applyBatchAtOnce(const QList<Incoming> &batch);
    QList<Result> applyBatchOneByOne(const QList<Incoming> &batch);
    // `applied` (batch mode) collects the seqs applied per origin instead of advancing the
    // origin's progress per message.
    Result applyOne(const Incoming &in, const QString &now, QHash<QString, QList<qint64>> *applied);
    // A message of this lane's own, sent back by a peer while the lane recovers from a backup
    // (PROTOCOL.md §4.1): applied and kept in the outbox under its seq, counters moved past it.
    Result applyOwn(const Incoming &in, const QString &now);
    static Result refuse(QString why) { return {Outcome::Rejected, std::move(why), false, true}; }
    // In the one-by-one pass: keeps a permanent refusal (rejected_messages, the origin's seq
    // settled); on a failure to keep it the result becomes transient.
    Result recordRejection(const Incoming &in, const Result &rejected, const QString &now);
    // The message's effect; `at`: the time it was accepted at instead of its own.
    Status applyEffect(const OutboxMessage &m, const SaleRecord *decoded, const QString &now,
                       const std::optional<HlcTime> &at);
    Status applyTransaction(const OutboxMessage &m, const SaleRecord *decoded, const QString &now,
                            const std::optional<HlcTime> &at);
    Status applyInventory(const OutboxMessage &m, const QString &now,
                          const std::optional<HlcTime> &at);
    Status applyCustomer(const OutboxMessage &m, const std::optional<HlcTime> &at);
    Status applyEmployee(const OutboxMessage &m, const std::optional<HlcTime> &at);
    Status applyHeldAccepted(const OutboxMessage &m);
    Status applyProduct(const OutboxMessage &m, const QString &now,
                        const std::optional<HlcTime> &at);
    Status applyScheduledPrice(const OutboxMessage &m, const QString &now);
    Status applyShift(const OutboxMessage &m);
    Status applyOwnShiftState(const OutboxMessage &m);
    Status applyZReport(const OutboxMessage &m);
    Status hold(const OutboxMessage &m, qint64 stampedMs, const QString &now);
    // A message already applied with its own time moves to `at`.
    Status restamp(const OutboxMessage &m, const HlcTime &at);

    Database &m_db;
    QString m_local;
    Clock &m_clock;
    Hlc &m_hlc;
    InboxStore m_store;
    HeldMessageStore m_held;
    SaleStore m_sales;
    InventoryStore m_inventory;
    CustomerStore m_customers;
    EmployeeStore m_employees;
    CatalogStore m_catalog;
    ShiftStore m_shifts;
    OutboxStore m_outbox;
    QSet<QString> m_holdingFrom; // origins whose held messages were logged (once each)
};
