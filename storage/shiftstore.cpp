#include "shiftstore.h"

#include "database.h"
#include "sqlstatement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
const QString kShiftColumns = QStringLiteral(
    "id, terminal_id, opened_by, opened_at, float_cents, COALESCE(float_counts, ''), "
    "COALESCE(closed_by, ''), COALESCE(closed_at, ''), COALESCE(counted_cents, 0), "
    "COALESCE(counted_counts, ''), COALESCE(expected_cash_cents, 0), "
    "COALESCE(over_short_cents, 0), COALESCE(totals, ''), COALESCE(z_id, ''), "
    "COALESCE(message_id, '')");

ShiftRecord readShift(const SqlRow &r)
{
    ShiftRecord s;
    s.id = r.text(0);
    s.terminalId = r.text(1);
    s.openedBy = r.text(2);
    s.openedAt = r.text(3);
    s.floatCents = r.integer(4);
    s.floatCounts = ShiftStore::countsFromJson(r.text(5));
    s.closedBy = r.text(6);
    s.closedAt = r.text(7);
    s.countedCents = r.integer(8);
    s.countedCounts = ShiftStore::countsFromJson(r.text(9));
    s.expectedCashCents = r.integer(10);
    s.overShortCents = r.integer(11);
    s.totalsJson = r.text(12);
    s.zId = r.text(13);
    s.messageId = r.text(14);
    return s;
}

const QString kZColumns =
    QStringLiteral("id, terminal_id, z_number, opened_at, closed_at, created_at, created_by, "
                   "shift_ids, totals, COALESCE(message_id, '')");

ZReportRecord readZ(const SqlRow &r)
{
    ZReportRecord z;
    z.id = r.text(0);
    z.terminalId = r.text(1);
    z.zNumber = r.integer(2);
    z.openedAt = r.text(3);
    z.closedAt = r.text(4);
    z.createdAt = r.text(5);
    z.createdBy = r.text(6);
    z.shiftIds = r.text(7).split(QLatin1Char(','), Qt::SkipEmptyParts);
    z.totalsJson = r.text(8);
    z.messageId = r.text(9);
    return z;
}
} // namespace

bool CashMovement::isKind(const QString &kind)
{
    return kind == QLatin1String("paidIn") || kind == QLatin1String("paidOut") ||
           kind == QLatin1String("noSale") || kind == QLatin1String("cartVoided");
}

QString ShiftStore::countsToJson(const QList<DenominationCount> &counts)
{
    if (counts.isEmpty())
        return {};
    QJsonArray a;
    for (const DenominationCount &c : counts)
        a.append(QJsonObject{{QStringLiteral("denominationCents"), c.denominationCents},
                             {QStringLiteral("count"), c.count}});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QList<DenominationCount> ShiftStore::countsFromJson(const QString &json)
{
    QList<DenominationCount> out;
    if (json.isEmpty())
        return out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        out.append({qint64(o.value(QLatin1String("denominationCents")).toDouble()),
                    qint64(o.value(QLatin1String("count")).toDouble())});
    }
    return out;
}

Result<bool> ShiftStore::insert(const ShiftRecord &s)
{
    auto closedOnly = [&s](qint64 v) { return s.isOpen() ? std::nullopt : std::optional(v); };
    auto n = m_db.integer(
        QStringLiteral("INSERT INTO shifts(id, terminal_id, opened_by, opened_at, float_cents, "
                       "float_counts, closed_by, closed_at, counted_cents, counted_counts, "
                       "expected_cash_cents, over_short_cents, totals, message_id) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO NOTHING RETURNING 1"),
        s.id, s.terminalId, s.openedBy, s.openedAt, s.floatCents,
        SqlOptional{countsToJson(s.floatCounts)}, SqlOptional{s.closedBy}, SqlOptional{s.closedAt},
        closedOnly(s.countedCents), SqlOptional{countsToJson(s.countedCounts)},
        closedOnly(s.expectedCashCents), closedOnly(s.overShortCents), SqlOptional{s.totalsJson},
        SqlOptional{s.messageId});
    if (!n)
        return Result<bool>::failure(n.error());
    return n->has_value();
}

Result<std::optional<ShiftRecord>> ShiftStore::open(const QString &terminalId)
{
    return m_db.row(QStringLiteral("SELECT %1 FROM shifts WHERE terminal_id = ? AND closed_at "
                                   "IS NULL")
                        .arg(kShiftColumns),
                    readShift, terminalId);
}

Result<std::optional<ShiftRecord>> ShiftStore::byId(const QString &id)
{
    return m_db.row(QStringLiteral("SELECT %1 FROM shifts WHERE id = ?").arg(kShiftColumns),
                    readShift, id);
}

Result<QList<ShiftRecord>> ShiftStore::recent(const QString &terminalId, int limit)
{
    return m_db.rows(QStringLiteral("SELECT %1 FROM shifts WHERE ? = '' OR terminal_id = ? "
                                    "ORDER BY opened_at DESC, id LIMIT ?")
                         .arg(kShiftColumns),
                     readShift, terminalId, terminalId, limit);
}

Status ShiftStore::close(const ShiftRecord &s)
{
    auto n = m_db.integer(
        QStringLiteral("UPDATE shifts SET closed_by = ?, closed_at = ?, counted_cents = ?, "
                       "counted_counts = ?, expected_cash_cents = ?, over_short_cents = ?, "
                       "totals = ?, message_id = ? WHERE id = ? AND closed_at IS NULL "
                       "RETURNING 1"),
        s.closedBy, s.closedAt, s.countedCents, SqlOptional{countsToJson(s.countedCounts)},
        s.expectedCashCents, s.overShortCents, s.totalsJson, SqlOptional{s.messageId}, s.id);
    if (!n)
        return Status::failure(n.error());
    if (!n->has_value())
        return Status::failure(QStringLiteral("shift %1 is not open").arg(s.id));
    return {};
}

Result<QList<ShiftRecord>> ShiftStore::closedWithoutZ(const QString &terminalId)
{
    return m_db.rows(QStringLiteral("SELECT %1 FROM shifts WHERE terminal_id = ? AND closed_at "
                                    "IS NOT NULL AND z_id IS NULL ORDER BY opened_at, rowid")
                         .arg(kShiftColumns),
                     readShift, terminalId);
}

Result<bool> ShiftStore::addMovement(const CashMovement &m)
{
    auto n = m_db.integer(
        QStringLiteral("INSERT INTO shift_movements(id, shift_id, kind, amount_cents, reason, "
                       "employee_id, approved_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO NOTHING RETURNING 1"),
        m.id, m.shiftId, m.kind, m.amountCents, m.reason, m.employeeId, SqlOptional{m.approvedBy},
        m.at);
    if (!n)
        return Result<bool>::failure(n.error());
    return n->has_value();
}

Result<QList<CashMovement>> ShiftStore::movements(const QString &shiftId)
{
    return m_db.rows(
        QStringLiteral("SELECT id, shift_id, kind, amount_cents, reason, employee_id, "
                       "COALESCE(approved_by, ''), created_at FROM shift_movements "
                       "WHERE shift_id = ? ORDER BY created_at, rowid"),
        [](const SqlRow &r) {
            return CashMovement{r.text(0), r.text(1), r.text(2), r.integer(3),
                                r.text(4), r.text(5), r.text(6), r.text(7)};
        },
        shiftId);
}

Result<QList<ShiftStore::LaneMovement>> ShiftStore::movementsBetween(const QString &fromIso,
                                                                     const QString &toIso)
{
    return m_db.rows(
        QStringLiteral("SELECT s.terminal_id, m.id, m.shift_id, m.kind, m.amount_cents, m.reason, "
                       "m.employee_id, COALESCE(m.approved_by, ''), m.created_at FROM "
                       "shift_movements m JOIN shifts s ON s.id = m.shift_id WHERE m.created_at "
                       ">= ? AND m.created_at < ? ORDER BY s.terminal_id, m.created_at"),
        [](const SqlRow &r) {
            return LaneMovement{r.text(0),
                                CashMovement{r.text(1), r.text(2), r.text(3), r.integer(4),
                                             r.text(5), r.text(6), r.text(7), r.text(8)}};
        },
        fromIso, toIso);
}

Result<QStringList> ShiftStore::transactionIds(const ShiftRecord &shift)
{
    auto ids = m_db.rows(
        QStringLiteral("SELECT id FROM transactions WHERE shift_id = ? AND "
                       "terminal_id = ? ORDER BY rowid"),
        [](const SqlRow &r) { return r.text(0); }, shift.id, shift.terminalId);
    if (!ids)
        return Result<QStringList>::failure(ids.error());
    return QStringList(*ids);
}

Result<QStringList> ShiftStore::transactionIdsBetween(const QString &fromIso, const QString &toIso)
{
    auto ids = m_db.rows(
        QStringLiteral("SELECT id FROM transactions WHERE created_at >= ? AND "
                       "created_at < ? ORDER BY terminal_id, created_at, id"),
        [](const SqlRow &r) { return r.text(0); }, fromIso, toIso);
    if (!ids)
        return Result<QStringList>::failure(ids.error());
    return QStringList(*ids);
}

Result<qint64> ShiftStore::lastZNumber(const QString &terminalId)
{
    return m_db.integerOrZero(
        QStringLiteral("SELECT MAX(z_number) FROM z_reports WHERE terminal_id = ?"), terminalId);
}

Result<bool> ShiftStore::insertZ(const ZReportRecord &z)
{
    using R = Result<bool>;
    auto held = zById(z.id);
    if (!held)
        return R::failure(held.error());
    if (held->has_value())
        return false;
    auto other = zByNumber(z.terminalId, z.zNumber);
    if (!other)
        return R::failure(other.error());
    if (other->has_value())
        return R::failure(QStringLiteral("Z %1 of %2 is already report %3")
                              .arg(z.zNumber)
                              .arg(z.terminalId, (*other)->id));
    if (Status s = m_db.run(QStringLiteral("INSERT INTO z_reports(id, terminal_id, z_number, "
                                           "opened_at, closed_at, created_at, created_by, "
                                           "shift_ids, totals, message_id) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                            z.id, z.terminalId, z.zNumber, z.openedAt, z.closedAt, z.createdAt,
                            z.createdBy, z.shiftIds.join(QLatin1Char(',')), z.totalsJson,
                            SqlOptional{z.messageId});
        !s)
        return R::failure(s.error());
    return true;
}

Status ShiftStore::assignZ(const QStringList &shiftIds, const QString &zId)
{
    auto q = m_db.statement(QStringLiteral("UPDATE shifts SET z_id = ? WHERE id = ?"));
    if (!q)
        return Status::failure(q.error());
    for (const QString &id : shiftIds) {
        if (Status s = (*q)->bindAll(zId, id).exec(); !s)
            return s;
    }
    return {};
}

Result<std::optional<ZReportRecord>> ShiftStore::zById(const QString &id)
{
    return m_db.row(QStringLiteral("SELECT %1 FROM z_reports WHERE id = ?").arg(kZColumns), readZ,
                    id);
}

Result<std::optional<ZReportRecord>> ShiftStore::zByNumber(const QString &terminalId, qint64 number)
{
    return m_db.row(
        QStringLiteral("SELECT %1 FROM z_reports WHERE terminal_id = ? AND z_number = ?")
            .arg(kZColumns),
        readZ, terminalId, number);
}

Result<QList<ZReportRecord>> ShiftStore::zReports(const QString &terminalId, int limit)
{
    return m_db.rows(QStringLiteral("SELECT %1 FROM z_reports WHERE ? = '' OR terminal_id = ? "
                                    "ORDER BY created_at DESC, terminal_id, z_number DESC "
                                    "LIMIT ?")
                         .arg(kZColumns),
                     readZ, terminalId, terminalId, limit);
}

Result<QList<ZReportRecord>> ShiftStore::zReportsBetween(const QString &fromIso,
                                                         const QString &toIso)
{
    return m_db.rows(QStringLiteral("SELECT %1 FROM z_reports WHERE created_at >= ? AND "
                                    "created_at < ? ORDER BY terminal_id, z_number")
                         .arg(kZColumns),
                     readZ, fromIso, toIso);
}
