#include "shifts.h"

#include "clock.h"
#include "corelog.h"
#include "database.h"
#include "employeestore.h"
#include "idgenerator.h"
#include "outbox.h"
#include "saleservice.h"
#include "shiftpayload.h"
#include "topics.h"
#include "writetransaction.h"

#include <QJsonDocument>
#include <QTimeZone>

namespace {
constexpr qint64 kMaxCashCents = 100000000000LL; // a billion in major units: nothing real

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Status checkCounts(const QList<DenominationCount> &counts, qint64 amountCents)
{
    if (counts.isEmpty())
        return {};
    qint64 sum = 0;
    for (const DenominationCount &c : counts) {
        if (c.denominationCents <= 0 || c.count < 0 || c.count > 1000000)
            return Status::failure(Shifts::tr("A count must be a number of notes or coins."));
        sum += c.denominationCents * c.count;
    }
    if (sum != amountCents)
        return Status::failure(
            QStringLiteral("the counts add up to %1, not %2").arg(sum).arg(amountCents));
    return {};
}
} // namespace

Shifts::Shifts(Database &db, Outbox &outbox, Clock &clock, IdGenerator &ids, SaleService &sales,
               qint64 approvalLimitCents, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_outbox(outbox)
    , m_clock(clock)
    , m_ids(ids)
    , m_sales(sales)
    , m_approvalLimit(approvalLimitCents)
    , m_store(db)
{
}

Status Shifts::load()
{
    auto open = m_store.open(m_outbox.terminalId());
    if (!open)
        return Status::failure(open.error());
    setCurrent(*open);
    return {};
}

Status Shifts::refresh()
{
    if (!m_current)
        return {};
    auto row = m_store.byId(m_current->id);
    if (!row)
        return Status::failure(row.error());
    if (*row && (*row)->isOpen())
        return {};
    return load();
}

void Shifts::setCurrent(std::optional<ShiftRecord> shift)
{
    m_current = std::move(shift);
    m_sales.setShift(m_current ? m_current->id : QString());
    Q_EMIT changed();
}

Result<ShiftRecord> Shifts::open(const Employee &employee, qint64 floatCents,
                                 const QList<DenominationCount> &counts)
{
    using R = Result<ShiftRecord>;
    if (employee.id.isEmpty() || !employee.active)
        return R::failure(tr("Log in with your PIN first."));
    if (m_current)
        return R::failure(tr("A shift is already open on this lane."));
    if (floatCents < 0 || floatCents > kMaxCashCents)
        return R::failure(tr("The float must be an amount of zero or more."));
    if (Status s = checkCounts(counts, floatCents); !s)
        return R::failure(s.error());
    ShiftRecord shift;
    shift.id = m_ids.nextString();
    shift.terminalId = m_outbox.terminalId();
    shift.openedBy = employee.id;
    shift.openedAt = m_clock.nowIso();
    shift.floatCents = floatCents;
    shift.floatCounts = counts;
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    auto inserted = m_store.insert(shift);
    if (!inserted)
        return R::failure(inserted.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp).noquote() << "shift" << shift.id << "opened by" << employee.id
                            << "with a float of" << floatCents;
    setCurrent(shift);
    openDrawerWhenDurable();
    return shift;
}

Result<CashMovement> Shifts::payIn(const Employee &employee, qint64 amountCents,
                                   const QString &reason, const Employee *approver)
{
    return addMovement(employee, QStringLiteral("paidIn"), amountCents, reason, approver);
}

Result<CashMovement> Shifts::payOut(const Employee &employee, qint64 amountCents,
                                    const QString &reason, const Employee *approver)
{
    return addMovement(employee, QStringLiteral("paidOut"), amountCents, reason, approver);
}

Result<CashMovement> Shifts::noSale(const Employee &employee, const QString &reason)
{
    return addMovement(employee, QStringLiteral("noSale"), 0, reason, nullptr);
}

Result<CashMovement> Shifts::cartVoided(const Employee &employee, qint64 totalCents)
{
    return addMovement(employee, QStringLiteral("cartVoided"), totalCents, {}, nullptr);
}

Result<CashMovement> Shifts::addMovement(const Employee &employee, const QString &kind,
                                         qint64 amountCents, const QString &reason,
                                         const Employee *approver)
{
    using R = Result<CashMovement>;
    if (employee.id.isEmpty() || !employee.active)
        return R::failure(tr("Log in with your PIN first."));
    if (!m_current)
        return R::failure(tr("No shift is open on this lane."));
    const bool cash = kind == QLatin1String("paidIn") || kind == QLatin1String("paidOut");
    const QString why = reason.trimmed();
    if (cash) {
        if (amountCents <= 0 || amountCents > kMaxCashCents)
            return R::failure(tr("Enter an amount above zero."));
        if (why.isEmpty())
            return R::failure(tr("Enter a reason."));
        if (needsApproval(amountCents) && (!approver || !approver->isManager() ||
                                           !approver->active || approver->id == employee.id))
            return R::failure(tr("An amount above the limit needs another manager's approval."));
    }
    if (why.size() > 200)
        return R::failure(tr("The reason is too long (at most 200 characters)."));
    if (amountCents < 0)
        return R::failure(tr("Enter an amount of zero or more."));
    auto held = m_store.movements(m_current->id);
    if (!held)
        return R::failure(held.error());
    if (held->size() >= MaxMovementsPerShift)
        return R::failure(tr("This shift holds %1 cash movements, the most one shift can: close "
                             "it (count the drawer) and open a new one.")
                              .arg(MaxMovementsPerShift));
    CashMovement m;
    m.id = m_ids.nextString();
    m.shiftId = m_current->id;
    m.kind = kind;
    m.amountCents = amountCents;
    m.reason = why;
    m.employeeId = employee.id;
    m.approvedBy = approver && cash && needsApproval(amountCents) ? approver->id : QString();
    m.at = m_clock.nowIso();
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    auto added = m_store.addMovement(m);
    if (!added)
        return R::failure(added.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp).noquote() << "shift" << m.shiftId << kind << amountCents << "by" << employee.id
                            << (m.approvedBy.isEmpty()
                                    ? QString()
                                    : QStringLiteral("approved by ") + m.approvedBy);
    Q_EMIT changed();
    if (kind != QLatin1String("cartVoided"))
        openDrawerWhenDurable();
    return m;
}

Result<ReportTotals> Shifts::totals(const QString &shiftId)
{
    using R = Result<ReportTotals>;
    auto shift = m_store.byId(shiftId);
    if (!shift)
        return R::failure(shift.error());
    if (!shift->has_value())
        return R::failure(tr("No such shift."));
    if (!(*shift)->isOpen() && (*shift)->terminalId != m_outbox.terminalId()) {
        // Another lane's closed shift: the totals it closed with (its sales may not all be here).
        auto t =
            ReportTotals::fromJson(QJsonDocument::fromJson((*shift)->totalsJson.toUtf8()).object());
        return t ? R(*t) : R::failure(t.error());
    }
    return totalsOf(**shift);
}

Result<ReportTotals> Shifts::totalsOf(const ShiftRecord &shift)
{
    using R = Result<ReportTotals>;
    ReportTotals t;
    t.floatCents = shift.floatCents;
    auto ids = m_store.transactionIds(shift);
    if (!ids)
        return R::failure(ids.error());
    for (const QString &id : *ids) {
        auto sale = m_sales.sales().byId(id);
        if (!sale)
            return R::failure(sale.error());
        if (sale->has_value())
            t.add(**sale);
    }
    auto movements = m_store.movements(shift.id);
    if (!movements)
        return R::failure(movements.error());
    for (const CashMovement &m : *movements)
        t.add(m);
    return t;
}

Result<ShiftRecord> Shifts::close(const Employee &employee, qint64 countedCents,
                                  const QList<DenominationCount> &counts)
{
    using R = Result<ShiftRecord>;
    if (employee.id.isEmpty() || !employee.active)
        return R::failure(tr("Log in with your PIN first."));
    if (!m_current)
        return R::failure(tr("No shift is open on this lane."));
    if (countedCents < 0 || countedCents > kMaxCashCents)
        return R::failure(tr("The count must be an amount of zero or more."));
    if (Status s = checkCounts(counts, countedCents); !s)
        return R::failure(s.error());
    ShiftRecord shift = *m_current;
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    auto totals = totalsOf(shift);
    if (!totals)
        return R::failure(totals.error());
    auto movements = m_store.movements(shift.id);
    if (!movements)
        return R::failure(movements.error());
    shift.closedBy = employee.id;
    shift.closedAt = m_clock.nowIso();
    if (Clock::fromIso(shift.closedAt) < Clock::fromIso(shift.openedAt))
        shift.closedAt = shift.openedAt; // the clock was set back meanwhile
    shift.countedCents = countedCents;
    shift.countedCounts = counts;
    shift.expectedCashCents = totals->expectedCashCents();
    shift.overShortCents = countedCents - shift.expectedCashCents;
    shift.totalsJson = compact(totals->toJson());
    shift.messageId = m_ids.nextString();
    if (Status s = m_store.close(shift); !s)
        return R::failure(s.error());
    auto published =
        m_outbox.publish(QString(Topics::Shift),
                         ShiftPayload::encodeShift(shift, *movements, *totals), shift.messageId);
    if (!published)
        return R::failure(published.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp).noquote() << "shift" << shift.id << "closed by" << employee.id << "counted"
                            << countedCents << "expected" << shift.expectedCashCents << "over/short"
                            << shift.overShortCents;
    setCurrent(std::nullopt);
    return shift;
}

Result<ZReportRecord> Shifts::takeZ(const Employee &employee)
{
    using R = Result<ZReportRecord>;
    if (employee.id.isEmpty() || !employee.active)
        return R::failure(tr("Log in with your PIN first."));
    if (!employee.isManager())
        return R::failure(tr("Only a manager can take the Z report."));
    if (m_current)
        return R::failure(tr("Close the open shift (count the drawer) before the Z report."));
    const QString terminal = m_outbox.terminalId();
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    auto shifts = m_store.closedWithoutZ(terminal);
    if (!shifts)
        return R::failure(shifts.error());
    if (shifts->isEmpty())
        return R::failure(tr("There is no closed shift since the last Z report."));
    // A Z names at most MaxShiftsPerZ shifts (the message's limit); the oldest go first, the
    // rest into the next Z.
    if (shifts->size() > MaxShiftsPerZ)
        shifts->resize(MaxShiftsPerZ);
    auto last = m_store.lastZNumber(terminal);
    if (!last)
        return R::failure(last.error());
    ReportTotals totals;
    ZReportRecord z;
    z.id = m_ids.nextString();
    z.terminalId = terminal;
    z.zNumber = *last + 1;
    z.createdAt = m_clock.nowIso();
    z.createdBy = employee.id;
    z.messageId = m_ids.nextString();
    for (const ShiftRecord &shift : *shifts) {
        auto t = totalsOf(shift);
        if (!t)
            return R::failure(t.error());
        totals.add(*t);
        z.shiftIds.append(shift.id);
        if (z.openedAt.isEmpty() || Clock::fromIso(shift.openedAt) < Clock::fromIso(z.openedAt))
            z.openedAt = shift.openedAt;
        if (z.closedAt.isEmpty() || Clock::fromIso(z.closedAt) < Clock::fromIso(shift.closedAt))
            z.closedAt = shift.closedAt;
    }
    z.totalsJson = compact(totals.toJson());
    auto inserted = m_store.insertZ(z);
    if (!inserted)
        return R::failure(inserted.error());
    if (Status s = m_store.assignZ(z.shiftIds, z.id); !s)
        return R::failure(s.error());
    auto published =
        m_outbox.publish(QString(Topics::ZReport), ShiftPayload::encodeZ(z, totals), z.messageId);
    if (!published)
        return R::failure(published.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp).noquote() << "Z report" << z.zNumber << "of" << terminal << "taken by"
                            << employee.id << "over" << z.shiftIds.size() << "shift(s)";
    Q_EMIT changed();
    return z;
}

Result<Shifts::StoreReport> Shifts::storeReport(QDate day)
{
    using R = Result<StoreReport>;
    if (!day.isValid())
        return R::failure(tr("Choose a day."));
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const QString from = Clock::toIso(QDateTime(day, QTime(0, 0), zone).toUTC());
    const QString to = Clock::toIso(QDateTime(day.addDays(1), QTime(0, 0), zone).toUTC());
    StoreReport report;
    report.day = day;
    auto ids = m_store.transactionIdsBetween(from, to);
    if (!ids)
        return R::failure(ids.error());
    QMap<QString, ReportTotals> lanes;
    for (const QString &id : *ids) {
        auto sale = m_sales.sales().byId(id);
        if (!sale)
            return R::failure(sale.error());
        if (sale->has_value())
            lanes[(*sale)->terminalId].add(**sale);
    }
    auto movements = m_store.movementsBetween(from, to);
    if (!movements)
        return R::failure(movements.error());
    for (const ShiftStore::LaneMovement &m : *movements)
        lanes[m.terminalId].add(m.movement);
    for (auto it = lanes.cbegin(); it != lanes.cend(); ++it) {
        report.lanes.append({it.key(), *it});
        report.store.add(*it);
    }
    auto zs = m_store.zReportsBetween(from, to);
    if (!zs)
        return R::failure(zs.error());
    report.zReports = *zs;
    return report;
}

void Shifts::openDrawerWhenDurable()
{
    // Cash moves once what records it is on disk (the lane syncs its commits in the background).
    m_db.whenDurable(this, [this](const Status &durable) {
        if (durable)
            Q_EMIT drawerOpenRequested();
        else
            qCCritical(lcApp).noquote()
                << "cash drawer kept shut: the movement is not confirmed on disk:"
                << durable.error();
    });
}
