#include "inbox.h"

#include "catalogpayload.h"
#include "clock.h"
#include "database.h"
#include "idgenerator.h"
#include "outbox.h"
#include "payloadlimits.h"
#include "peerprotocol.h"
#include "shiftpayload.h"
#include "stockledger.h"
#include "synclog.h"
#include "topics.h"
#include "transactionpayload.h"
#include "writetransaction.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QScopeGuard>

#include <algorithm>

namespace {
bool isText(const QJsonValue &v, int max)
{
    return v.isString() && !v.toString().trimmed().isEmpty() && v.toString().size() <= max;
}

bool isOptionalText(const QJsonValue &v, int max)
{
    return v.isUndefined() || v.isNull() || (v.isString() && v.toString().size() <= max);
}

} // namespace

QJsonObject HeldAcceptance::toJson() const
{
    QJsonObject o{{QStringLiteral("messageId"), messageId},
                  {QStringLiteral("origin"), origin},
                  {QStringLiteral("topic"), topic},
                  {QStringLiteral("hlcTime"), Clock::msToIso(hlcMs)},
                  {QStringLiteral("hlcCounter"), hlcCounter},
                  {QStringLiteral("reason"), reason},
                  {QStringLiteral("acceptedAt"), acceptedAt}};
    if (!acceptedBy.isEmpty())
        o.insert(QStringLiteral("acceptedBy"), acceptedBy);
    return o;
}

::Result<HeldAcceptance> HeldAcceptance::fromJson(const QJsonObject &p)
{
    using R = ::Result<HeldAcceptance>;
    HeldAcceptance a;
    a.messageId = p.value(QLatin1String("messageId")).toString();
    a.origin = p.value(QLatin1String("origin")).toString();
    a.topic = p.value(QLatin1String("topic")).toString();
    a.reason = p.value(QLatin1String("reason")).toString();
    a.acceptedBy = p.value(QLatin1String("acceptedBy")).toString();
    a.acceptedAt = p.value(QLatin1String("acceptedAt")).toString();
    const auto ms = Clock::isoMs(p.value(QLatin1String("hlcTime")).toString());
    const QJsonValue counter = p.value(QLatin1String("hlcCounter"));
    if (!IdGenerator::isUuid(a.messageId) || !PeerProtocol::isTerminalId(a.origin) ||
        !Topics::isTimed(a.topic) || !ms || *ms < 0 || !counter.isDouble() ||
        counter.toDouble() < 0 || counter.toDouble() > 1e15 ||
        counter.toDouble() != double(qint64(counter.toDouble())) ||
        (a.reason != QLatin1String("manager") && a.reason != QLatin1String("clock")) ||
        (a.reason == QLatin1String("manager") && !IdGenerator::isUuid(a.acceptedBy)) ||
        !Clock::isoMs(a.acceptedAt))
        return R::failure(QStringLiteral(
            "held.accepted payload needs messageId (UUID), origin (lane id), topic (transaction, "
            "inventory, customer, employee or product), hlcTime (ISO 8601 UTC), hlcCounter "
            "(integer >= "
            "0), reason (manager, with acceptedBy: an employee UUID; or clock) and acceptedAt"));
    a.hlcMs = *ms;
    a.hlcCounter = qint64(counter.toDouble());
    return a;
}

Inbox::Inbox(Database &db, QString localTerminal, Clock &clock, Hlc &hlc)
    : m_db(db)
    , m_local(std::move(localTerminal))
    , m_clock(clock)
    , m_hlc(hlc)
    , m_store(db)
    , m_held(db)
    , m_sales(db)
    , m_inventory(db)
    , m_customers(db)
    , m_employees(db)
    , m_catalog(db)
    , m_shifts(db)
    , m_outbox(db)
{
}

Status Inbox::validate(const OutboxMessage &m, std::shared_ptr<const SaleRecord> *decoded,
                       qsizetype payloadBytes)
{
    const QJsonObject &p = m.payload;
    if (Status s = PayloadLimits::check(m.topic, p, payloadBytes); !s)
        return s;
    if (m.topic == Topics::Transaction) {
        auto sale = TransactionPayload::decode(p);
        if (!sale)
            return Status::failure(QStringLiteral("transaction payload: ") + sale.error());
        if (sale->terminalId != m.fromTerminal)
            return Status::failure(QStringLiteral("transaction payload: terminalId %1 is not the "
                                                  "message's origin %2")
                                       .arg(sale->terminalId.left(40), m.fromTerminal));
        if (decoded)
            *decoded = std::make_shared<const SaleRecord>(std::move(*sale));
        return {};
    }
    if (m.topic == Topics::Inventory) {
        auto e = InventoryEvent::fromJson(p, m);
        return e ? Status() : Status::failure(e.error());
    }
    if (m.topic == Topics::Customer) {
        if (!IdGenerator::isUuid(p.value(QLatin1String("id")).toString()) ||
            !isText(p.value(QLatin1String("name")), 200) ||
            !isOptionalText(p.value(QLatin1String("phone")), 40) ||
            !isOptionalText(p.value(QLatin1String("email")), 200) ||
            !Clock::fromIso(p.value(QLatin1String("updatedAt")).toString()).isValid())
            return Status::failure(QStringLiteral("customer payload needs id (UUID), name, "
                                                  "updatedAt; phone and email optional"));
        return {};
    }
    if (m.topic == Topics::Employee) {
        const QString role = p.value(QLatin1String("role")).toString();
        if (!IdGenerator::isUuid(p.value(QLatin1String("id")).toString()) ||
            !isText(p.value(QLatin1String("name")), 200) ||
            (role != QLatin1String("cashier") && role != QLatin1String("manager")) ||
            !p.value(QLatin1String("pinHash")).toString().startsWith(QLatin1String("$argon2id$")) ||
            !p.value(QLatin1String("active")).isBool() ||
            !Clock::fromIso(p.value(QLatin1String("updatedAt")).toString()).isValid())
            return Status::failure(QStringLiteral("employee payload needs id (UUID), name, role "
                                                  "cashier|manager, an Argon2id pinHash, active "
                                                  "and updatedAt"));
        return {};
    }
    if (m.topic == Topics::HeldAccepted) {
        auto a = HeldAcceptance::fromJson(p);
        return a ? Status() : Status::failure(a.error());
    }
    if (m.topic == Topics::Product) {
        auto v = CatalogPayload::decode(p, m.fromTerminal);
        return v ? Status() : Status::failure(v.error());
    }
    if (m.topic == Topics::PriceScheduled) {
        auto c = CatalogPayload::decodeScheduled(p);
        return c ? Status() : Status::failure(c.error());
    }
    if (m.topic == Topics::Shift) {
        auto s = ShiftPayload::decodeShift(p);
        if (!s)
            return Status::failure(s.error());
        if (s->shift.terminalId != m.fromTerminal)
            return Status::failure(QStringLiteral("shift payload: terminalId %1 is not the "
                                                  "message's origin %2")
                                       .arg(s->shift.terminalId, m.fromTerminal));
        return {};
    }
    if (m.topic == Topics::ZReport) {
        auto z = ShiftPayload::decodeZ(p);
        if (!z)
            return Status::failure(z.error());
        if (z->z.terminalId != m.fromTerminal)
            return Status::failure(QStringLiteral("z.report payload: terminalId %1 is not the "
                                                  "message's origin %2")
                                       .arg(z->z.terminalId, m.fromTerminal));
        return {};
    }
    if (m.topic == Topics::ReconciliationRequest || m.topic == Topics::ReconciliationComplete)
        return {}; // recorded for the audit trail; reconciliation reads them
    return Status::failure(QStringLiteral("unknown topic %1").arg(m.topic.left(64)));
}

QList<Inbox::Result> Inbox::applyBatch(const QList<Incoming> &batch)
{
    if (auto fast = applyBatchAtOnce(batch))
        return *fast;
    return applyBatchOneByOne(batch);
}

std::optional<QList<Inbox::Result>> Inbox::applyBatchAtOnce(const QList<Incoming> &batch)
{
    // The common case, every message good: no savepoints, and what many messages change (stock
    // rows, the clock, each origin's progress) is written once for the batch. The first message
    // that fails rolls everything back, and the batch is applied again one by one.
    // Received messages are held by their senders, who send again what this lane's version
    // vector lacks: their commits need not wait for the disk (see Durability::Deferred).
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred);
    if (!tx.isActive())
        return std::nullopt;
    const QString now = m_clock.nowIso();
    QList<Result> results;
    results.reserve(batch.size());
    QHash<QString, QList<qint64>> applied; // origin -> seqs applied in this batch
    m_inventory.setDeferred(true);
    m_hlc.setDeferred(true);
    const auto done = qScopeGuard([this] {
        m_inventory.setDeferred(false);
        m_inventory.discardDeferred();
        m_hlc.setDeferred(false);
    });
    for (const Incoming &in : batch) {
        Result r = in.refusal.isEmpty()
                       ? applyOne(in, now, &applied)
                       // Refused before the inbox: nothing to undo, only the refusal to keep.
                       : recordRejection(in, refuse(in.refusal), now);
        if (r.outcome == Outcome::Rejected && !(r.permanent && !in.refusal.isEmpty()))
            return std::nullopt;
        results.append(std::move(r));
    }
    for (auto it = applied.begin(); it != applied.end(); ++it) {
        if (Status s = m_store.advanceOrigin(it.key(), it.value()); !s)
            return std::nullopt;
    }
    if (Status s = m_inventory.flushDeferred(); !s)
        return std::nullopt;
    if (Status s = m_hlc.flushDeferred(); !s)
        return std::nullopt;
    if (Status s = tx.commit(); !s)
        return std::nullopt;
    return results;
}

QList<Inbox::Result> Inbox::applyBatchOneByOne(const QList<Incoming> &batch)
{
    QList<Result> results;
    results.reserve(batch.size());
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred);
    if (!tx.isActive()) {
        for (qsizetype i = 0; i < batch.size(); ++i)
            results.append({Outcome::Rejected, tx.error()});
        return results;
    }
    const QString now = m_clock.nowIso();
    // One savepoint per message, so a message that fails is undone alone.
    for (const Incoming &in : batch) {
        if (Status s = m_store.beginMessage(); !s) {
            results.append({Outcome::Rejected, s.error()});
            continue;
        }
        Result r = applyOne(in, now, nullptr);
        const Status end =
            r.outcome == Outcome::Applied ? m_store.keepMessage() : m_store.undoMessage();
        if (r.outcome != Outcome::Applied)
            (void)m_store.keepMessage(); // ends the savepoint rolled back to
        if (!end)
            r = {Outcome::Rejected, end.error()};
        else if (r.outcome == Outcome::Rejected && r.permanent)
            r = recordRejection(in, r, now);
        results.append(r);
    }
    if (Status s = tx.commit(); !s) {
        for (Result &r : results)
            r = {Outcome::Rejected, s.error()};
    }
    return results;
}

Inbox::Result Inbox::recordRejection(const Incoming &in, const Result &rejected, const QString &now)
{
    // The seq counts as settled here, so that nobody is asked for it again: only when its origin
    // sent it (a relay cannot make this lane skip another lane's message), only the first time
    // (a message id refused before settles nothing more), and never for a message this lane
    // holds already or one claiming this lane as its origin.
    const OutboxMessage &m = in.message;
    if (m.fromTerminal == m_local || !in.fromOrigin)
        return rejected;
    const ::Result<InboxStore::Arrival> arrival = m_store.arrival(m.id);
    if (!arrival)
        return {Outcome::Rejected, arrival.error()};
    if (arrival->known)
        return rejected;
    const ::Result<bool> added = m_store.recordRejected(
        RejectedRow{m.id, m.fromTerminal, m.topic.left(64), m.seq, rejected.error, now});
    if (!added)
        return {Outcome::Rejected, added.error()};
    if (*added && m.seq > 0) {
        if (Status s = m_store.advanceOrigin(m.fromTerminal, {m.seq}); !s)
            return {Outcome::Rejected, s.error()};
    }
    return rejected;
}

Inbox::Result Inbox::applyOne(const Incoming &in, const QString &now,
                              QHash<QString, QList<qint64>> *applied)
{
    const OutboxMessage &m = in.message;
    if (!in.refusal.isEmpty())
        return refuse(in.refusal);
    if (m.fromTerminal == m_local)
        return applyOwn(in, now);
    // Known already? And was it accepted at a time of its own before it came (-1: no)?
    const ::Result<InboxStore::Arrival> arrival = m_store.arrival(m.id);
    if (!arrival)
        return {Outcome::Rejected, arrival.error()};
    if (arrival->known)
        return {Outcome::Duplicate, {}};
    std::optional<HlcTime> accepted;
    if (arrival->accepted())
        accepted = HlcTime{arrival->acceptedMs, arrival->acceptedCounter, m.fromTerminal};
    if (m.fromTerminal == m_local)
        return refuse(
            QStringLiteral("message %1 claims to come from this lane but is not in its outbox")
                .arg(m.id));

    // A lane numbers its Z reports once: another report under a number held already is a
    // contradiction no retry can settle.
    if (m.topic == Topics::ZReport) {
        auto z = ShiftPayload::decodeZ(m.payload);
        if (z) {
            auto other = m_shifts.zByNumber(z->z.terminalId, z->z.zNumber);
            if (!other)
                return {Outcome::Rejected, other.error()};
            if (other->has_value() && (*other)->id != z->z.id)
                return refuse(QStringLiteral("Z %1 of %2 is already report %3")
                                  .arg(z->z.zNumber)
                                  .arg(z->z.terminalId, (*other)->id));
        }
    }

    bool held = false;
    if (!accepted && Topics::isTimed(m.topic)) {
        const std::optional<qint64> stamped = stampedMs(m, in.sale.get());
        const qint64 limit = m_clock.nowUtc().toMSecsSinceEpoch() + m_hlc.maxAheadMs();
        if (stamped && *stamped > limit) {
            if (Status s = hold(m, *stamped, now); !s)
                return {Outcome::Rejected, s.error()};
            held = true;
        }
    }
    if (!held) {
        // Not for good: most failures here come from the database (a product this lane does not
        // know yet, a full disk), and the message may apply later. The sender tries again.
        if (Status effect = applyEffect(m, in.sale.get(), now, accepted); !effect)
            return {Outcome::Rejected, effect.error()};
    }

    if (Status s = m_store.insert(
            InboxRow{m.id, m.fromTerminal, m.topic, in.payload, now, m.seq, m.timestamp});
        !s)
        return {Outcome::Rejected, s.error()};
    if (m.seq > 0) {
        if (applied)
            (*applied)[m.fromTerminal].append(m.seq);
        else if (Status p = m_store.advanceOrigin(m.fromTerminal, {m.seq}); !p)
            return {Outcome::Rejected, p.error()};
    }
    return {Outcome::Applied, {}, held};
}

Inbox::Result Inbox::applyOwn(const Incoming &in, const QString &now)
{
    const OutboxMessage &m = in.message;
    auto known = m_outbox.byId(m.id);
    if (!known)
        return {Outcome::Rejected, known.error()};
    if (known->has_value())
        return {Outcome::Duplicate, {}};
    const QString notOurs =
        QStringLiteral("message %1 claims to come from this lane but is not in its outbox")
            .arg(m.id);
    auto held = m_db.meta(Outbox::RecoveryMetaKey);
    if (!held)
        return {Outcome::Rejected, held.error()};
    const QString counter = QStringLiteral("outbox_seq:") + m_local;
    auto last = m_outbox.lastSeq(m_local);
    if (!last)
        return {Outcome::Rejected, last.error()};
    // Only a seq this lane has not used (never a second message under one of its seqs), and
    // only while it waits for its own messages (in recovery): otherwise a message claiming to
    // be this lane's is refused, as it always was.
    qint64 heldSeq = held->toLongLong();
    if (m.seq <= *last || (heldSeq <= *last && m.seq > heldSeq))
        return refuse(notOurs);
    // In recovery, a peer holds it (it sent it): a seq above what this lane waits for (a peer
    // that got more of it since it said own_held) raises the wait, in the same transaction, so
    // this lane can never publish under that seq.
    if (m.seq > heldSeq) {
        heldSeq = m.seq;
        if (Status s = m_db.setMeta(Outbox::RecoveryMetaKey, QString::number(heldSeq)); !s)
            return {Outcome::Rejected, s.error()};
    }
    if (Status effect = applyEffect(m, in.sale.get(), now, std::nullopt); !effect)
        return {Outcome::Rejected, effect.error()};
    if (Status own = applyOwnShiftState(m); !own)
        return {Outcome::Rejected, own.error()};
    OutboxRow row;
    row.id = m.id;
    row.topic = m.topic;
    row.payload = in.payload;
    row.status = QStringLiteral("peer_ack"); // a peer holds it: it sent it
    row.createdAt = m.timestamp;
    row.terminalId = m_local;
    row.peerAckedAt = now;
    row.seq = m.seq;
    row.priority = Topics::priorityOf(m.topic);
    if (Status s = m_outbox.insert(row); !s)
        return {Outcome::Rejected, s.error()};
    // The seq counter covers only what the outbox holds without a gap (it is this lane's vector
    // entry for itself); the receipt counter goes past the receipt numbers it used.
    auto upTo = m_outbox.contiguousSeq(m_local, *last);
    if (!upTo)
        return {Outcome::Rejected, upTo.error()};
    if (Status s = m_outbox.raiseCounter(counter, *upTo); !s)
        return {Outcome::Rejected, s.error()};
    if (m.topic == Topics::Transaction) {
        std::shared_ptr<const SaleRecord> sale = in.sale;
        if (!sale) {
            if (auto decoded = TransactionPayload::decode(m.payload))
                sale = std::make_shared<const SaleRecord>(std::move(*decoded));
        }
        const QString prefix = m_local + QLatin1Char('-');
        if (sale && sale->receiptNumber.startsWith(prefix)) {
            bool ok = false;
            const qint64 n = sale->receiptNumber.mid(prefix.size()).toLongLong(&ok);
            if (ok) {
                if (Status s = m_outbox.raiseCounter(QStringLiteral("receipt:") + m_local, n); !s)
                    return {Outcome::Rejected, s.error()};
            }
        }
    }
    if (*upTo >= heldSeq && *last < heldSeq)
        qCInfo(lcPeer).noquote()
            << QStringLiteral("recovered: this lane holds its own messages up to seq %1 again "
                              "(got back from its peers); it publishes again")
                   .arg(*upTo);
    return {Outcome::Applied, {}, false};
}

Status Inbox::applyEffect(const OutboxMessage &m, const SaleRecord *decoded, const QString &now,
                          const std::optional<HlcTime> &at)
{
    if (m.topic == Topics::Transaction)
        return applyTransaction(m, decoded, now, at);
    if (m.topic == Topics::Inventory)
        return applyInventory(m, now, at);
    if (m.topic == Topics::Customer)
        return applyCustomer(m, at);
    if (m.topic == Topics::Employee)
        return applyEmployee(m, at);
    if (m.topic == Topics::HeldAccepted)
        return applyHeldAccepted(m);
    if (m.topic == Topics::Product)
        return applyProduct(m, now, at);
    if (m.topic == Topics::PriceScheduled)
        return applyScheduledPrice(m, now);
    if (m.topic == Topics::Shift)
        return applyShift(m);
    if (m.topic == Topics::ZReport)
        return applyZReport(m);
    return {};
}

std::optional<qint64> Inbox::stampedMs(const OutboxMessage &m, const SaleRecord *decoded)
{
    if (m.topic == Topics::Transaction) {
        if (decoded)
            return decoded->hlcMs;
        auto sale = TransactionPayload::decode(m.payload);
        return sale ? std::optional<qint64>(sale->hlcMs) : std::nullopt;
    }
    if (m.topic == Topics::Inventory) {
        auto e = InventoryEvent::fromJson(m.payload, m);
        return e ? std::optional<qint64>(e->hlc.ms) : std::nullopt;
    }
    if (m.topic == Topics::Customer || m.topic == Topics::Employee)
        return Clock::isoMs(m.payload.value(QLatin1String("updatedAt")).toString());
    if (m.topic == Topics::Product)
        return Clock::isoMs(m.payload.value(QLatin1String("hlcTime")).toString());
    return std::nullopt;
}

Status Inbox::hold(const OutboxMessage &m, qint64 stamped, const QString &now)
{
    if (Status s = m_held.hold(HeldMessageRow{m.id, m.fromTerminal, m.topic, stamped, now, {}}); !s)
        return s;
    if (!m_holdingFrom.contains(m.fromTerminal)) {
        m_holdingFrom.insert(m.fromTerminal);
        qCWarning(lcPeer).noquote()
            << "holding back messages from" << m.fromTerminal
            << "stamped further ahead of the store's time than" << m_hlc.maxAheadMs() / 1000
            << "s (first:" << m.topic << m.id << "at"
            << Clock::msToIso(stamped) + QStringLiteral("); they take effect when their "
                                                        "time comes or a manager accepts "
                                                        "them");
    }
    return {};
}

Status Inbox::releaseHeld(const QString &messageId, std::optional<HlcTime> at,
                          const QString &releasedBy)
{
    auto held = m_held.received(messageId);
    if (!held)
        return Status::failure(held.error());
    if (!*held)
        return Status::failure(QStringLiteral("message %1 is not held").arg(messageId));
    OutboxMessage m;
    m.id = messageId;
    m.fromTerminal = (*held)->origin;
    m.topic = (*held)->topic;
    m.seq = (*held)->seq;
    m.timestamp = (*held)->sentAt;
    m.payload = QJsonDocument::fromJson((*held)->payload).object();
    if (at)
        at->terminal = m.fromTerminal;
    const QString now = m_clock.nowIso();
    if (Status s = applyEffect(m, nullptr, now, at); !s)
        return s;
    return m_held.markReleased(messageId, now, releasedBy);
}

Status Inbox::applyHeldAccepted(const OutboxMessage &m)
{
    auto a = HeldAcceptance::fromJson(m.payload);
    if (!a)
        return Status::failure(a.error());
    return applyAcceptance(a->messageId, HlcTime{a->hlcMs, a->hlcCounter, a->origin}, a->acceptedBy,
                           m.fromTerminal, a->acceptedAt);
}

Status Inbox::applyAcceptance(const QString &messageId, const HlcTime &at,
                              const QString &acceptedBy, const QString &acceptedOn,
                              const QString &acceptedAt)
{
    // Of all acceptances of a message, the earliest time stands: the same on every lane, in
    // whatever order they arrive (a manager accepts it now; its origin may later re-time it to
    // when it really happened).
    auto earlier = m_held.acceptedNoLaterThan(messageId, at.ms, at.counter);
    if (!earlier)
        return Status::failure(earlier.error());
    if (*earlier)
        return {};
    if (Status s = m_held.putAcceptance(
            HeldAcceptanceRow{messageId, at.ms, at.counter, acceptedBy, acceptedOn, acceptedAt});
        !s)
        return s;
    auto waiting = m_held.isHeld(messageId);
    if (!waiting)
        return Status::failure(waiting.error());
    if (*waiting)
        return releaseHeld(messageId, at,
                           acceptedBy.isEmpty() ? QStringLiteral("clock:") + acceptedOn
                                                : QStringLiteral("manager:") + acceptedBy);
    // Applied already (this lane's own, or released when its time came): it moves.
    auto known = m_store.stored(messageId);
    if (!known)
        return Status::failure(known.error());
    if (!*known)
        return {}; // not here yet
    OutboxMessage m;
    m.id = messageId;
    m.fromTerminal = (*known)->origin;
    m.topic = (*known)->topic;
    m.payload = QJsonDocument::fromJson((*known)->payload).object();
    return restamp(m, HlcTime{at.ms, at.counter, m.fromTerminal});
}

Status Inbox::restamp(const OutboxMessage &m, const HlcTime &at)
{
    if (m.topic == Topics::Transaction || m.topic == Topics::Inventory) {
        if (Status s = m_hlc.observe(at); !s)
            return s;
        // The products it changed, from its payload; an unreadable one (never applied as such)
        // is searched for in the whole ledger.
        QStringList products;
        if (m.topic == Topics::Transaction) {
            if (auto sale = TransactionPayload::decode(m.payload))
                for (const SaleLine &l : sale->lines)
                    products.append(l.productId);
        } else if (auto e = InventoryEvent::fromJson(m.payload, m)) {
            products.append(e->productId);
        }
        return m_inventory.restamp(m.id, products, at);
    }
    if (m.topic == Topics::Product) {
        auto v = CatalogPayload::decode(m.payload, m.fromTerminal);
        if (!v)
            return Status::failure(v.error());
        if (Status s = m_hlc.observe(at); !s)
            return s;
        return m_catalog.restampVersion(v->product.id, v->version, at);
    }
    if (m.topic != Topics::Customer && m.topic != Topics::Employee)
        return {};
    // The record keeps what the message set, with the accepted time, unless something later
    // replaced it meanwhile.
    const QString iso = at.iso();
    const QString id = m.payload.value(QLatin1String("id")).toString();
    const QString stamped = m.payload.value(QLatin1String("updatedAt")).toString();
    return m.topic == Topics::Customer ? m_customers.restamp(id, stamped, iso)
                                       : m_employees.restamp(id, stamped, iso);
}

Status Inbox::applyTransaction(const OutboxMessage &m, const SaleRecord *decoded,
                               const QString &now, const std::optional<HlcTime> &at)
{
    auto sale = decoded ? ::Result<SaleRecord>(*decoded) : TransactionPayload::decode(m.payload);
    if (!sale)
        return Status::failure(sale.error());
    sale->messageId = m.id;
    if (at) {
        sale->hlcMs = at->ms;
        sale->hlcCounter = at->counter;
    }
    // A product another lane made may come after its sales (sales go first): the sale is kept
    // with what its line says about the product, completed when the product's message comes.
    for (const SaleLine &l : sale->lines) {
        Product p;
        p.id = l.productId;
        p.sku = l.sku.left(CatalogPayload::MaxSku);
        p.name = l.name.left(CatalogPayload::MaxName);
        p.priceCents = std::clamp<qint64>(l.unitPriceCents, 0, CatalogPayload::MaxPriceCents);
        p.taxRateBp = std::clamp(l.taxRateBp, 0, 10000);
        if (auto added = m_catalog.ensurePlaceholder(p); !added)
            return Status::failure(added.error());
        else if (*added)
            qCInfo(lcPeer).noquote()
                << "product" << l.productId << "(" << p.sku << ") is not known here yet: sale"
                << sale->receiptNumber << "from" << m.fromTerminal
                << "recorded on a placeholder until its product message comes";
    }
    if (Status s = m_sales.insert(*sale); !s)
        return s;
    if (Status o = m_hlc.observe(HlcTime{sale->hlcMs, sale->hlcCounter, m.fromTerminal}); !o)
        return o;
    return m_inventory.applySale(*sale, now, m.seq);
}

Status Inbox::applyInventory(const OutboxMessage &m, const QString &now,
                             const std::optional<HlcTime> &at)
{
    auto e = InventoryEvent::fromJson(m.payload, m);
    if (!e)
        return Status::failure(e.error());
    if (at)
        e->hlc = *at;
    if (Status o = m_hlc.observe(e->hlc); !o)
        return o;
    Product unknown;
    unknown.id = e->productId;
    unknown.sku = e->productId;
    unknown.name = QStringLiteral("Product %1").arg(e->productId.left(8));
    if (auto added = m_catalog.ensurePlaceholder(unknown); !added)
        return Status::failure(added.error());
    StockChange change{e->productId, e->delta, e->reason, e->employeeId, m.fromTerminal,
                       m.id,         now,      e->hlc,    m.seq};
    auto r = e->isDelta() ? m_inventory.applyDelta(change)
                          : m_inventory.applyBaseline(change, e->quantity);
    return r ? Status() : Status::failure(r.error());
}

Status Inbox::applyCustomer(const OutboxMessage &m, const std::optional<HlcTime> &at)
{
    const QJsonObject &p = m.payload;
    const QString updated = at ? at->iso() : p.value(QLatin1String("updatedAt")).toString();
    const QString created = p.value(QLatin1String("createdAt")).toString();
    const Customer c{
        p.value(QLatin1String("id")).toString(), p.value(QLatin1String("name")).toString(),
        p.value(QLatin1String("phone")).toString(), p.value(QLatin1String("email")).toString()};
    return m_customers.upsertIfNewer(c, created.isEmpty() ? updated : created, updated);
}

Status Inbox::applyEmployee(const OutboxMessage &m, const std::optional<HlcTime> &at)
{
    const QJsonObject &p = m.payload;
    // Last write wins on updatedAt; the login state (failed attempts, lock) stays per lane.
    Employee e;
    e.id = p.value(QLatin1String("id")).toString();
    e.name = p.value(QLatin1String("name")).toString();
    e.role = p.value(QLatin1String("role")).toString();
    e.pinHash = p.value(QLatin1String("pinHash")).toString();
    e.active = p.value(QLatin1String("active")).toBool();
    const double limit = p.value(QLatin1String("discountLimitBp")).toDouble(0);
    e.discountLimitBp = int(limit >= 0 && limit <= 10000 ? limit : 0);
    const QString updated = at ? at->iso() : p.value(QLatin1String("updatedAt")).toString();
    return m_employees.upsertIfNewer(e, updated);
}

Status Inbox::applyProduct(const OutboxMessage &m, const QString &now,
                           const std::optional<HlcTime> &at)
{
    auto v = CatalogPayload::decode(m.payload, m.fromTerminal);
    if (!v)
        return Status::failure(v.error());
    if (at) {
        const HlcTime accepted{at->ms, at->counter, m.fromTerminal};
        if (v->priceVersion == v->version || accepted < v->priceVersion)
            v->priceVersion = accepted;
        v->version = accepted;
    }
    if (Status o = m_hlc.observe(v->version); !o)
        return o;
    auto applied = m_catalog.applyVersion(v->product, v->version, v->priceVersion);
    if (!applied)
        return Status::failure(applied.error());
    if (v->headOfficeSeq > 0) {
        if (Status s = m_catalog.markHeadOfficeChange(v->headOfficeSeq, now); !s)
            return s;
    }
    // Price changes scheduled for it before it came, and due now.
    auto due = m_catalog.applyDuePrices(m_clock.nowUtc().toMSecsSinceEpoch(), v->product.id);
    return due ? Status() : Status::failure(due.error());
}

Status Inbox::applyShift(const OutboxMessage &m)
{
    auto s = ShiftPayload::decodeShift(m.payload);
    if (!s)
        return Status::failure(s.error());
    s->shift.messageId = m.id;
    auto inserted = m_shifts.insert(s->shift);
    if (!inserted)
        return Status::failure(inserted.error());
    if (!*inserted)
        return {}; // the first copy of a shift is the one kept
    for (const CashMovement &movement : s->movements) {
        if (auto added = m_shifts.addMovement(movement); !added)
            return Status::failure(added.error());
    }
    return {};
}

// This lane's own shift and Z report, got back after a restore: the copy restored from the backup
// may be the shift still open (closed after the backup), and a Z it took after the backup must
// own its shifts again, or the next Z would count them a second time.
Status Inbox::applyOwnShiftState(const OutboxMessage &m)
{
    if (m.topic == Topics::Shift) {
        auto s = ShiftPayload::decodeShift(m.payload);
        if (!s)
            return Status::failure(s.error());
        if (!s->shift.isOpen()) {
            auto local = m_shifts.byId(s->shift.id);
            if (!local)
                return Status::failure(local.error());
            if (*local && (*local)->isOpen()) {
                if (Status c = m_shifts.close(s->shift); !c)
                    return c;
            }
        }
        for (const CashMovement &movement : s->movements) {
            if (auto added = m_shifts.addMovement(movement); !added)
                return Status::failure(added.error());
        }
        return {};
    }
    if (m.topic == Topics::ZReport) {
        auto z = ShiftPayload::decodeZ(m.payload);
        if (!z)
            return Status::failure(z.error());
        return m_shifts.assignZ(z->z.shiftIds, z->z.id);
    }
    return {};
}

Status Inbox::applyZReport(const OutboxMessage &m)
{
    auto z = ShiftPayload::decodeZ(m.payload);
    if (!z)
        return Status::failure(z.error());
    z->z.messageId = m.id;
    auto inserted = m_shifts.insertZ(z->z);
    return inserted ? Status() : Status::failure(inserted.error());
}

Status Inbox::applyScheduledPrice(const OutboxMessage &m, const QString &now)
{
    auto c = CatalogPayload::decodeScheduled(m.payload);
    if (!c)
        return Status::failure(c.error());
    auto added = m_catalog.addPriceChange(PriceChangeRow{c->changeId, c->productId, c->priceCents,
                                                         c->effectiveMs, c->headOfficeSeq, false},
                                          now);
    if (!added)
        return Status::failure(added.error());
    if (c->headOfficeSeq > 0) {
        if (Status s = m_catalog.markHeadOfficeChange(c->headOfficeSeq, now); !s)
            return s;
    }
    auto due = m_catalog.applyDuePrices(m_clock.nowUtc().toMSecsSinceEpoch(), c->productId);
    return due ? Status() : Status::failure(due.error());
}
