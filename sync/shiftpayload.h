#pragma once

#include "reporttotals.h"
#include "result.h"
#include "shiftstore.h"

#include <QJsonObject>

// The payloads of `shift` (a closed shift, whole) and `z.report` messages (PROTOCOL.md §8.3).
namespace ShiftPayload {
struct Shift
{
    ShiftRecord shift;
    QList<CashMovement> movements;
    ReportTotals totals;
};
struct Z
{
    ZReportRecord z;
    ReportTotals totals;
};

QJsonObject encodeShift(const ShiftRecord &shift, const QList<CashMovement> &movements,
                        const ReportTotals &totals);
// Validates types, ids, times, that it is closed and that over/short is counted - expected.
[[nodiscard]] Result<Shift> decodeShift(const QJsonObject &payload);
QJsonObject encodeZ(const ZReportRecord &z, const ReportTotals &totals);
[[nodiscard]] Result<Z> decodeZ(const QJsonObject &payload);
} // namespace ShiftPayload
