#include "stockledger.h"

#include "clock.h"
#include "database.h"
#include "idgenerator.h"
#include "jsonint.h"
#include "outbox.h"
#include "peerprotocol.h"
#include "topics.h"
#include "writetransaction.h"

#include <QJsonValue>

#include <cmath>

namespace {
constexpr double kMaxStock = 1e9;

bool readInteger(const QJsonValue &v, double min, double max, qint64 &out)
{
    return JsonInt::read(v, qint64(min), qint64(max), out);
}

const QStringList &reasons()
{
    static const QStringList all = {QStringLiteral("sale"),    QStringLiteral("return"),
                                    QStringLiteral("receipt"), QStringLiteral("adjustment"),
                                    QStringLiteral("count"),   QStringLiteral("reconciliation"),
                                    QStringLiteral("import")};
    return all;
}
} // namespace

QJsonObject InventoryEvent::toJson() const
{
    QJsonObject o{{QStringLiteral("productId"), productId},
                  {QStringLiteral("reason"), reason},
                  {QStringLiteral("lastUpdated"), hlc.iso()},
                  {QStringLiteral("hlcCounter"), hlc.counter},
                  {QStringLiteral("hlcTerminal"), hlc.terminal}};
    if (isDelta())
        o.insert(QStringLiteral("delta"), delta);
    else
        o.insert(QStringLiteral("currentStock"), quantity);
    if (!employeeId.isEmpty())
        o.insert(QStringLiteral("employeeId"), employeeId);
    return o;
}

Result<InventoryEvent> InventoryEvent::fromJson(const QJsonObject &p, const OutboxMessage &m)
{
    using R = Result<InventoryEvent>;
    InventoryEvent e;
    e.productId = p.value(QLatin1String("productId")).toString();
    e.reason = p.value(QLatin1String("reason")).toString();
    if (!IdGenerator::isUuid(e.productId))
        return R::failure(QStringLiteral("inventory payload: productId must be a UUID"));
    if (!reasons().contains(e.reason))
        return R::failure(QStringLiteral("inventory payload: reason must be one of ") +
                          reasons().join(QStringLiteral(", ")));
    // Exactly one figure: a payload with both could be read either way by different lanes.
    if (p.contains(QLatin1String(e.isDelta() ? "currentStock" : "delta")))
        return R::failure(QStringLiteral("inventory payload: a %1 carries %2 only, not %3")
                              .arg(e.reason, QLatin1String(e.isDelta() ? "delta" : "currentStock"),
                                   QLatin1String(e.isDelta() ? "currentStock" : "delta")));
    if (e.isDelta()) {
        if (!readInteger(p.value(QLatin1String("delta")), -kMaxStock, kMaxStock, e.delta) ||
            e.delta == 0)
            return R::failure(QStringLiteral("inventory payload: a %1 needs a non-zero integer "
                                             "delta")
                                  .arg(e.reason));
    } else if (!readInteger(p.value(QLatin1String("currentStock")), -kMaxStock, kMaxStock,
                            e.quantity)) {
        return R::failure(
            QStringLiteral("inventory payload: a %1 needs an integer currentStock").arg(e.reason));
    }
    const QJsonValue updated = p.value(QLatin1String("lastUpdated"));
    const QString iso = updated.isUndefined() ? m.timestamp : updated.toString();
    const QDateTime t = Clock::fromIso(iso);
    if (!t.isValid())
        return R::failure(QStringLiteral("inventory payload: lastUpdated must be ISO 8601"));
    qint64 counter = 0;
    const QJsonValue c = p.value(QLatin1String("hlcCounter"));
    if (!c.isUndefined() && !readInteger(c, 0, 1e15, counter))
        return R::failure(QStringLiteral("inventory payload: hlcCounter must be an integer >= 0"));
    QString terminal = m.fromTerminal;
    const QJsonValue by = p.value(QLatin1String("hlcTerminal"));
    if (!by.isUndefined()) {
        // Another lane's time only travels in a count or reconciliation (a republished
        // baseline); deltas always carry their origin's time.
        // Empty: the catalog's baseline at time zero, the same on every lane.
        const bool empty = by.isString() && by.toString().isEmpty() && !e.isDelta();
        if (!by.isString() || (!empty && !PeerProtocol::isTerminalId(by.toString())) ||
            (e.isDelta() && by.toString() != m.fromTerminal))
            return R::failure(QStringLiteral("inventory payload: hlcTerminal must be a lane id "
                                             "(the origin's, for a delta)"));
        terminal = by.toString();
    }
    e.hlc = HlcTime{t.toMSecsSinceEpoch(), counter, terminal};
    const QJsonValue employee = p.value(QLatin1String("employeeId"));
    if (!employee.isUndefined() && !IdGenerator::isUuid(employee.toString()))
        return R::failure(QStringLiteral("inventory payload: employeeId must be a UUID"));
    e.employeeId = employee.toString();
    return e;
}

StockLedger::StockLedger(Database &db, Outbox &outbox, Hlc &hlc, Clock &clock)
    : m_db(db)
    , m_outbox(outbox)
    , m_hlc(hlc)
    , m_clock(clock)
    , m_inventory(db)
{
}

Result<AppliedChange> StockLedger::recordDelta(const QString &productId, qint64 delta,
                                               const QString &reason, const QString &employeeId)
{
    using R = Result<AppliedChange>;
    if (!InventoryStore::isDeltaReason(reason) || reason == QLatin1String("sale") || delta == 0)
        return R::failure(QStringLiteral("a stock delta needs reason receipt, return or "
                                         "adjustment and a non-zero quantity"));
    return commitLocal([&](const HlcTime &now) {
        return InventoryEvent{productId, reason, delta, 0, now, employeeId};
    });
}

Result<AppliedChange> StockLedger::recordCount(const QString &productId, qint64 quantity,
                                               const QString &employeeId)
{
    return commitLocal([&](const HlcTime &now) {
        return InventoryEvent{productId, QStringLiteral("count"), 0, quantity, now, employeeId};
    });
}

Result<AppliedChange>
StockLedger::commitLocal(const std::function<InventoryEvent(const HlcTime &now)> &event)
{
    using R = Result<AppliedChange>;
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    auto stamp = m_hlc.tick();
    if (!stamp)
        return R::failure(stamp.error());
    auto r = publish(event(*stamp));
    if (!r)
        return r;
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    return r;
}

Result<AppliedChange> StockLedger::publishBaseline(const QString &productId, qint64 quantity,
                                                   const HlcTime &hlc, const QString &reason,
                                                   const QString &employeeId)
{
    return publish(InventoryEvent{productId, reason, 0, quantity, hlc, employeeId});
}

Result<AppliedChange> StockLedger::publish(const InventoryEvent &e)
{
    using R = Result<AppliedChange>;
    auto message = m_outbox.publish(QString(Topics::Inventory), e.toJson());
    if (!message)
        return R::failure(message.error());
    StockChange change{e.productId, e.delta,          e.reason, e.employeeId, m_outbox.terminalId(),
                       message->id, m_clock.nowIso(), e.hlc,    message->seq};
    return e.isDelta() ? m_inventory.applyDelta(change)
                       : m_inventory.applyBaseline(change, e.quantity);
}
