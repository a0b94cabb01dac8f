#include "inbox.h"

#include "clock.h"
#include "database.h"
#include "idgenerator.h"
#include "logging.h"
#include "stockledger.h"
#include "topics.h"
#include "transactionpayload.h"
#include "writetransaction.h"

#include <QJsonValue>
#include <QScopeGuard>
#include <QSqlQuery>

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

Inbox::Inbox(Database &db, QString localTerminal, Clock &clock, Hlc &hlc)
    : m_db(db)
    , m_local(std::move(localTerminal))
    , m_clock(clock)
    , m_hlc(hlc)
    , m_sales(db)
    , m_inventory(db)
{
}

Status Inbox::validate(const OutboxMessage &m, std::shared_ptr<const SaleRecord> *decoded)
{
    const QJsonObject &p = m.payload;
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
        Result r = applyOne(in, now, &applied);
        if (r.outcome == Outcome::Rejected)
            return std::nullopt;
        results.append(std::move(r));
    }
    for (auto it = applied.begin(); it != applied.end(); ++it) {
        if (Status s = advanceProgress(it.key(), it.value()); !s)
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
    // One savepoint per message, so a message that fails is undone alone; run through the
    // native statement cache because it happens several times per received message.
    const auto step = [this](const QString &sql) -> Status {
        auto q = m_db.statement(sql);
        return q ? (*q)->exec() : Status::failure(q.error());
    };
    const QString begin = QStringLiteral("SAVEPOINT inbox_message");
    const QString release = QStringLiteral("RELEASE inbox_message");
    const QString rollback = QStringLiteral("ROLLBACK TO inbox_message");
    for (const Incoming &in : batch) {
        if (Status s = step(begin); !s) {
            results.append({Outcome::Rejected, s.error()});
            continue;
        }
        Result r = applyOne(in, now, nullptr);
        const Status end = r.outcome == Outcome::Applied ? step(release) : step(rollback);
        if (r.outcome != Outcome::Applied)
            (void)step(release);
        if (!end)
            r = {Outcome::Rejected, end.error()};
        results.append(r);
    }
    if (Status s = tx.commit(); !s) {
        for (Result &r : results)
            r = {Outcome::Rejected, s.error()};
    }
    return results;
}

Inbox::Result Inbox::applyOne(const Incoming &in, const QString &now,
                              QHash<QString, QList<qint64>> *applied)
{
    const OutboxMessage &m = in.message;
    auto dup = m_db.statement(
        QStringLiteral("SELECT (SELECT COUNT(*) FROM inbox_processed WHERE message_id = ?1) + "
                       "(SELECT COUNT(*) FROM outbox WHERE id = ?1)"));
    if (!dup)
        return {Outcome::Rejected, dup.error()};
    const ::Result<qint64> count = (*dup)->bind(1, m.id).execReturningInt();
    if (!count)
        return {Outcome::Rejected, count.error()};
    const bool known = *count > 0;
    if (known)
        return {Outcome::Duplicate, {}};
    if (m.fromTerminal == m_local)
        return {Outcome::Rejected,
                QStringLiteral("message %1 claims to come from this lane but is not in its outbox")
                    .arg(m.id)};

    Status effect;
    if (m.topic == Topics::Transaction)
        effect = applyTransaction(m, in.sale.get(), now);
    else if (m.topic == Topics::Inventory)
        effect = applyInventory(m, now);
    else if (m.topic == Topics::Customer)
        effect = applyCustomer(m);
    else if (m.topic == Topics::Employee)
        effect = applyEmployee(m);
    if (!effect)
        return {Outcome::Rejected, effect.error()};

    auto q = m_db.statement(QStringLiteral(
        "INSERT INTO inbox_processed(message_id, from_terminal, topic, payload, processed_at, "
        "seq, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    if (!q)
        return {Outcome::Rejected, q.error()};
    Status s = (*q)->bind(1, m.id)
                   .bind(2, m.fromTerminal)
                   .bind(3, m.topic)
                   .bind(4, in.payload)
                   .bind(5, now)
                   .bind(6, m.seq)
                   .bind(7, m.timestamp)
                   .exec();
    if (!s)
        return {Outcome::Rejected, s.error()};
    if (m.seq > 0) {
        if (applied)
            (*applied)[m.fromTerminal].append(m.seq);
        else if (Status p = advanceProgress(m.fromTerminal, {m.seq}); !p)
            return {Outcome::Rejected, p.error()};
    }
    return {Outcome::Applied, {}};
}

Status Inbox::advanceProgress(const QString &origin, QList<qint64> seqs)
{
    std::sort(seqs.begin(), seqs.end());
    auto up = m_db.statement(QStringLiteral(
        "INSERT INTO origin_progress(origin, contiguous_seq, max_seq) VALUES (?, 0, ?) "
        "ON CONFLICT(origin) DO UPDATE SET max_seq = MAX(max_seq, excluded.max_seq) "
        "RETURNING contiguous_seq"));
    if (!up)
        return Status::failure(up.error());
    auto contiguous = (*up)->bind(1, origin).bind(2, seqs.last()).execReturningInt();
    if (!contiguous)
        return Status::failure(contiguous.error());
    // Walk forward over the seqs just applied and those that arrived ahead of them earlier.
    auto next = m_db.statement(QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM inbox_processed WHERE from_terminal = ? AND seq = ?)"));
    if (!next)
        return Status::failure(next.error());
    qint64 reached = *contiguous;
    auto pending = std::upper_bound(seqs.cbegin(), seqs.cend(), reached);
    for (;;) {
        const qint64 following = reached + 1;
        while (pending != seqs.cend() && *pending < following)
            ++pending;
        if (pending != seqs.cend() && *pending == following) {
            reached = following;
            continue;
        }
        const ::Result<qint64> found =
            (*next)->bind(1, origin).bind(2, following).execReturningInt();
        if (!found)
            return Status::failure(found.error());
        if (*found == 0)
            break;
        reached = following;
    }
    if (reached == *contiguous)
        return {};
    auto set = m_db.statement(
        QStringLiteral("UPDATE origin_progress SET contiguous_seq = ? WHERE origin = ?"));
    if (!set)
        return Status::failure(set.error());
    return (*set)->bind(1, reached).bind(2, origin).exec();
}

Status Inbox::applyTransaction(const OutboxMessage &m, const SaleRecord *decoded,
                               const QString &now)
{
    auto sale = decoded ? ::Result<SaleRecord>(*decoded) : TransactionPayload::decode(m.payload);
    if (!sale)
        return Status::failure(sale.error());
    sale->messageId = m.id;
    if (Status s = m_sales.insert(*sale); !s)
        return s;
    if (auto o = m_hlc.observe(HlcTime{sale->hlcMs, sale->hlcCounter, m.fromTerminal}); !o)
        return Status::failure(o.error());
    return m_inventory.applySale(*sale, now, m.seq);
}

Status Inbox::applyInventory(const OutboxMessage &m, const QString &now)
{
    auto e = InventoryEvent::fromJson(m.payload, m);
    if (!e)
        return Status::failure(e.error());
    if (auto o = m_hlc.observe(e->hlc); !o)
        return Status::failure(o.error());
    StockChange change{e->productId, e->delta, e->reason, e->employeeId, m.fromTerminal,
                       m.id,         now,      e->hlc,    m.seq};
    auto r = e->isDelta() ? m_inventory.applyDelta(change)
                          : m_inventory.applyBaseline(change, e->quantity);
    return r ? Status() : Status::failure(r.error());
}

Status Inbox::applyCustomer(const OutboxMessage &m)
{
    const QJsonObject &p = m.payload;
    auto q = m_db.statement(QStringLiteral(
        "INSERT INTO customers(id, name, phone, email, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "phone = excluded.phone, email = excluded.email, updated_at = excluded.updated_at "
        "WHERE excluded.updated_at > customers.updated_at"));
    if (!q)
        return Status::failure(q.error());
    const QString updated = p.value(QLatin1String("updatedAt")).toString();
    const QString created = p.value(QLatin1String("createdAt")).toString();
    const QString id = p.value(QLatin1String("id")).toString();
    const QString name = p.value(QLatin1String("name")).toString();
    const QString phone = p.value(QLatin1String("phone")).toString();
    const QString email = p.value(QLatin1String("email")).toString();
    return (*q)
        ->bind(1, id)
        .bind(2, name)
        .bindOptional(3, phone)
        .bindOptional(4, email)
        .bind(5, created.isEmpty() ? updated : created)
        .bind(6, updated)
        .exec();
}

Status Inbox::applyEmployee(const OutboxMessage &m)
{
    const QJsonObject &p = m.payload;
    // Last write wins on updatedAt; the login state (failed attempts, lock) stays per lane.
    auto q = m_db.statement(QStringLiteral(
        "INSERT INTO employees(id, name, role, pin_hash, active, discount_limit_bp, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active, "
        "discount_limit_bp = excluded.discount_limit_bp, updated_at = excluded.updated_at "
        "WHERE excluded.updated_at > employees.updated_at"));
    if (!q)
        return Status::failure(q.error());
    const QString id = p.value(QLatin1String("id")).toString();
    const QString name = p.value(QLatin1String("name")).toString();
    const QString role = p.value(QLatin1String("role")).toString();
    const QString hash = p.value(QLatin1String("pinHash")).toString();
    const QString updated = p.value(QLatin1String("updatedAt")).toString();
    const double limit = p.value(QLatin1String("discountLimitBp")).toDouble(0);
    return (*q)
        ->bind(1, id)
        .bind(2, name)
        .bind(3, role)
        .bind(4, hash)
        .bind(5, p.value(QLatin1String("active")).toBool() ? 1 : 0)
        .bind(6, qint64(limit >= 0 && limit <= 10000 ? limit : 0))
        .bind(7, updated)
        .exec();
}
