#include "shiftpayload.h"

#include "clock.h"
#include "idgenerator.h"
#include "jsonint.h"
#include "payloadlimits.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
constexpr qint64 kMax = JsonInt::MaxExact;
constexpr int kMaxCounts = 32;
constexpr int kMaxMovements = PayloadLimits::MaxMovements;
constexpr int kMaxShiftIds = 100; // = Shifts::MaxShiftsPerZ

class Reader
{
public:
    explicit Reader(const QJsonObject &o)
        : m_o(o)
    {
    }
    bool uuid(QLatin1String key, QString &out, bool optional = false)
    {
        const QJsonValue v = m_o.value(key);
        if (optional && (v.isUndefined() || v.isNull()))
            return true;
        if (!v.isString() || !IdGenerator::isUuid(v.toString()))
            return fail(QStringLiteral("%1 must be a UUID string").arg(key));
        out = v.toString();
        return true;
    }
    bool text(QLatin1String key, QString &out, int maxLength, bool optional = false)
    {
        const QJsonValue v = m_o.value(key);
        if (optional && (v.isUndefined() || v.isNull()))
            return true;
        if (!v.isString() || v.toString().size() > maxLength ||
            (!optional && v.toString().isEmpty()))
            return fail(QStringLiteral("%1 must be a string of at most %2 characters")
                            .arg(key)
                            .arg(maxLength));
        out = v.toString();
        return true;
    }
    bool time(QLatin1String key, QString &out)
    {
        const QJsonValue v = m_o.value(key);
        if (!v.isString() || !v.toString().endsWith(QLatin1Char('Z')) ||
            !Clock::fromIso(v.toString()).isValid())
            return fail(QStringLiteral("%1 must be an ISO 8601 UTC time (ending in Z)").arg(key));
        out = v.toString();
        return true;
    }
    bool integer(QLatin1String key, qint64 &out, qint64 min = -kMax, qint64 max = kMax)
    {
        if (JsonInt::read(m_o.value(key), min, max, out))
            return true;
        return fail(QStringLiteral("%1 must be an integer in [%2, %3]").arg(key).arg(min).arg(max));
    }
    bool counts(QLatin1String key, QList<DenominationCount> &out)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isArray() || v.toArray().size() > kMaxCounts)
            return fail(QStringLiteral("%1 must be an array of at most %2 counts")
                            .arg(key)
                            .arg(kMaxCounts));
        for (const QJsonValue &c : v.toArray()) {
            DenominationCount d;
            if (!c.isObject() ||
                !JsonInt::read(c.toObject().value(QLatin1String("denominationCents")), 1, kMax,
                               d.denominationCents) ||
                !JsonInt::read(c.toObject().value(QLatin1String("count")), 0, 1000000, d.count))
                return fail(QStringLiteral("%1: each count needs denominationCents > 0 and count "
                                           ">= 0")
                                .arg(key));
            out.append(d);
        }
        return true;
    }
    bool fail(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
        return false;
    }
    const QString &error() const { return m_error; }

private:
    const QJsonObject &m_o;
    QString m_error;
};

QJsonArray countsJson(const QList<DenominationCount> &counts)
{
    QJsonArray a;
    for (const DenominationCount &c : counts)
        a.append(QJsonObject{{QStringLiteral("denominationCents"), c.denominationCents},
                             {QStringLiteral("count"), c.count}});
    return a;
}
} // namespace

QJsonObject ShiftPayload::encodeShift(const ShiftRecord &s, const QList<CashMovement> &movements,
                                      const ReportTotals &totals)
{
    QJsonArray moves;
    for (const CashMovement &m : movements) {
        QJsonObject o{{QStringLiteral("movementId"), m.id},
                      {QStringLiteral("kind"), m.kind},
                      {QStringLiteral("amountCents"), m.amountCents},
                      {QStringLiteral("employeeId"), m.employeeId},
                      {QStringLiteral("at"), m.at}};
        if (!m.reason.isEmpty())
            o.insert(QStringLiteral("reason"), m.reason);
        if (!m.approvedBy.isEmpty())
            o.insert(QStringLiteral("approvedBy"), m.approvedBy);
        moves.append(o);
    }
    QJsonObject o{{QStringLiteral("shiftId"), s.id},
                  {QStringLiteral("terminalId"), s.terminalId},
                  {QStringLiteral("openedAt"), s.openedAt},
                  {QStringLiteral("openedBy"), s.openedBy},
                  {QStringLiteral("floatCents"), s.floatCents},
                  {QStringLiteral("closedAt"), s.closedAt},
                  {QStringLiteral("closedBy"), s.closedBy},
                  {QStringLiteral("countedCents"), s.countedCents},
                  {QStringLiteral("expectedCashCents"), s.expectedCashCents},
                  {QStringLiteral("overShortCents"), s.overShortCents},
                  {QStringLiteral("movements"), moves},
                  {QStringLiteral("totals"), totals.toJson()}};
    if (!s.floatCounts.isEmpty())
        o.insert(QStringLiteral("floatCounts"), countsJson(s.floatCounts));
    if (!s.countedCounts.isEmpty())
        o.insert(QStringLiteral("countedCounts"), countsJson(s.countedCounts));
    return o;
}

Result<ShiftPayload::Shift> ShiftPayload::decodeShift(const QJsonObject &o)
{
    using R = Result<Shift>;
    Shift out;
    ShiftRecord &s = out.shift;
    Reader r(o);
    if (!r.uuid(QLatin1String("shiftId"), s.id) ||
        !r.text(QLatin1String("terminalId"), s.terminalId, 64) ||
        !r.time(QLatin1String("openedAt"), s.openedAt) ||
        !r.uuid(QLatin1String("openedBy"), s.openedBy) ||
        !r.integer(QLatin1String("floatCents"), s.floatCents, 0) ||
        !r.counts(QLatin1String("floatCounts"), s.floatCounts) ||
        !r.time(QLatin1String("closedAt"), s.closedAt) ||
        !r.uuid(QLatin1String("closedBy"), s.closedBy) ||
        !r.integer(QLatin1String("countedCents"), s.countedCents, 0) ||
        !r.counts(QLatin1String("countedCounts"), s.countedCounts) ||
        !r.integer(QLatin1String("expectedCashCents"), s.expectedCashCents) ||
        !r.integer(QLatin1String("overShortCents"), s.overShortCents))
        return R::failure(QStringLiteral("shift payload: ") + r.error());
    if (Clock::fromIso(s.closedAt) < Clock::fromIso(s.openedAt))
        return R::failure(QStringLiteral("shift payload: closedAt is before openedAt"));
    if (s.overShortCents != s.countedCents - s.expectedCashCents)
        return R::failure(QStringLiteral("shift payload: overShortCents must be countedCents - "
                                         "expectedCashCents"));
    const QJsonValue moves = o.value(QLatin1String("movements"));
    if (!moves.isArray() || moves.toArray().size() > kMaxMovements)
        return R::failure(QStringLiteral("shift payload: movements must be an array of at most "
                                         "%1")
                              .arg(kMaxMovements));
    for (const QJsonValue &v : moves.toArray()) {
        const QJsonObject mo = v.toObject();
        Reader mr(mo);
        CashMovement m;
        m.shiftId = s.id;
        if (!v.isObject() || !mr.uuid(QLatin1String("movementId"), m.id) ||
            !mr.text(QLatin1String("kind"), m.kind, 16) || !CashMovement::isKind(m.kind) ||
            !mr.integer(QLatin1String("amountCents"), m.amountCents, 0) ||
            !mr.text(QLatin1String("reason"), m.reason, 200, true) ||
            !mr.uuid(QLatin1String("employeeId"), m.employeeId) ||
            !mr.uuid(QLatin1String("approvedBy"), m.approvedBy, true) ||
            !mr.time(QLatin1String("at"), m.at) ||
            (m.kind == QLatin1String("noSale") && m.amountCents != 0))
            return R::failure(QStringLiteral("shift payload: a movement needs movementId, kind "
                                             "paidIn|paidOut|noSale|cartVoided, amountCents >= "
                                             "0 (0 for noSale), employeeId and at (%1)")
                                  .arg(mr.error()));
        out.movements.append(m);
    }
    auto totals = ReportTotals::fromJson(o.value(QLatin1String("totals")).toObject());
    if (!o.value(QLatin1String("totals")).isObject() || !totals)
        return R::failure(QStringLiteral("shift payload: ") +
                          (totals ? QStringLiteral("totals must be an object") : totals.error()));
    out.totals = *totals;
    s.totalsJson =
        QString::fromUtf8(QJsonDocument(out.totals.toJson()).toJson(QJsonDocument::Compact));
    return out;
}

QJsonObject ShiftPayload::encodeZ(const ZReportRecord &z, const ReportTotals &totals)
{
    return QJsonObject{{QStringLiteral("zId"), z.id},
                       {QStringLiteral("terminalId"), z.terminalId},
                       {QStringLiteral("zNumber"), z.zNumber},
                       {QStringLiteral("openedAt"), z.openedAt},
                       {QStringLiteral("closedAt"), z.closedAt},
                       {QStringLiteral("createdAt"), z.createdAt},
                       {QStringLiteral("createdBy"), z.createdBy},
                       {QStringLiteral("shiftIds"), QJsonArray::fromStringList(z.shiftIds)},
                       {QStringLiteral("totals"), totals.toJson()}};
}

Result<ShiftPayload::Z> ShiftPayload::decodeZ(const QJsonObject &o)
{
    using R = Result<Z>;
    Z out;
    ZReportRecord &z = out.z;
    Reader r(o);
    if (!r.uuid(QLatin1String("zId"), z.id) ||
        !r.text(QLatin1String("terminalId"), z.terminalId, 64) ||
        !r.integer(QLatin1String("zNumber"), z.zNumber, 1) ||
        !r.time(QLatin1String("openedAt"), z.openedAt) ||
        !r.time(QLatin1String("closedAt"), z.closedAt) ||
        !r.time(QLatin1String("createdAt"), z.createdAt) ||
        !r.uuid(QLatin1String("createdBy"), z.createdBy))
        return R::failure(QStringLiteral("z.report payload: ") + r.error());
    if (Clock::fromIso(z.closedAt) < Clock::fromIso(z.openedAt))
        return R::failure(QStringLiteral("z.report payload: closedAt is before openedAt"));
    const QJsonValue ids = o.value(QLatin1String("shiftIds"));
    if (!ids.isArray() || ids.toArray().isEmpty() || ids.toArray().size() > kMaxShiftIds)
        return R::failure(QStringLiteral("z.report payload: shiftIds must be an array of 1 to %1 "
                                         "UUIDs")
                              .arg(kMaxShiftIds));
    for (const QJsonValue &v : ids.toArray()) {
        if (!v.isString() || !IdGenerator::isUuid(v.toString()) ||
            z.shiftIds.contains(v.toString()))
            return R::failure(QStringLiteral("z.report payload: shiftIds must be distinct UUIDs"));
        z.shiftIds.append(v.toString());
    }
    auto totals = ReportTotals::fromJson(o.value(QLatin1String("totals")).toObject());
    if (!o.value(QLatin1String("totals")).isObject() || !totals)
        return R::failure(QStringLiteral("z.report payload: ") +
                          (totals ? QStringLiteral("totals must be an object") : totals.error()));
    out.totals = *totals;
    z.totalsJson =
        QString::fromUtf8(QJsonDocument(out.totals.toJson()).toJson(QJsonDocument::Compact));
    return out;
}
