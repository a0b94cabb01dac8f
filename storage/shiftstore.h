#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class Database;

// A cash movement of a shift: paid in, paid out, a drawer opened without a sale, a voided cart.
struct CashMovement
{
    QString id; // UUID
    QString shiftId;
    QString kind; // paidIn | paidOut | noSale | cartVoided
    qint64 amountCents = 0;
    QString reason;
    QString employeeId;
    QString approvedBy; // a manager, when the amount was above the lane's limit
    QString at;         // ISO 8601 UTC

    static bool isKind(const QString &kind);
};

// How many of one note or coin were counted.
struct DenominationCount
{
    qint64 denominationCents = 0;
    qint64 count = 0;
    bool operator==(const DenominationCount &o) const
    {
        return denominationCents == o.denominationCents && count == o.count;
    }
};

// A shift of a lane: opened with a float, closed with a blind count.
struct ShiftRecord
{
    QString id; // UUID
    QString terminalId;
    QString openedBy;
    QString openedAt;
    qint64 floatCents = 0;
    QList<DenominationCount> floatCounts; // empty: entered as an amount
    QString closedBy;                     // empty while open
    QString closedAt;
    qint64 countedCents = 0;
    QList<DenominationCount> countedCounts;
    qint64 expectedCashCents = 0;
    qint64 overShortCents = 0; // counted - expected: positive over, negative short
    QString totalsJson;        // the shift's report totals when it closed (compact JSON)
    QString zId;               // the Z report that took it (this lane's own shifts)
    QString messageId;

    bool isOpen() const { return closedAt.isEmpty(); }
};

// A Z report as kept: immutable, numbered per lane.
struct ZReportRecord
{
    QString id; // UUID
    QString terminalId;
    qint64 zNumber = 0;
    QString openedAt;
    QString closedAt;
    QString createdAt;
    QString createdBy;
    QStringList shiftIds;
    QString totalsJson;
    QString messageId;
};

// SQL access to shifts, shift_movements and z_reports.
class ShiftStore
{
public:
    explicit ShiftStore(Database &db)
        : m_db(db)
    {
    }

    // An open shift of this lane, or a closed one (received): false when its id is held already.
    [[nodiscard]] Result<bool> insert(const ShiftRecord &shift);
    [[nodiscard]] Result<std::optional<ShiftRecord>> open(const QString &terminalId);
    [[nodiscard]] Result<std::optional<ShiftRecord>> byId(const QString &id);
    // The newest shifts of a lane (any lane when terminalId is empty), newest first.
    [[nodiscard]] Result<QList<ShiftRecord>> recent(const QString &terminalId, int limit);
    // Records the close of an open shift (fails if it is not open).
    [[nodiscard]] Status close(const ShiftRecord &shift);
    // This lane's closed shifts no Z report took yet, oldest first.
    [[nodiscard]] Result<QList<ShiftRecord>> closedWithoutZ(const QString &terminalId);

    // false when its id is held already.
    [[nodiscard]] Result<bool> addMovement(const CashMovement &movement);
    [[nodiscard]] Result<QList<CashMovement>> movements(const QString &shiftId);
    // Every lane's movements made in [fromIso, toIso), each with its lane's terminal id.
    struct LaneMovement
    {
        QString terminalId;
        CashMovement movement;
    };
    [[nodiscard]] Result<QList<LaneMovement>> movementsBetween(const QString &fromIso,
                                                               const QString &toIso);

    // The ids of the transactions its lane rang in a shift, in the order they were recorded (a
    // sale of another lane naming the shift is not the shift's).
    [[nodiscard]] Result<QStringList> transactionIds(const ShiftRecord &shift);
    // The ids of every lane's transactions created in [fromIso, toIso), by lane then time.
    [[nodiscard]] Result<QStringList> transactionIdsBetween(const QString &fromIso,
                                                            const QString &toIso);

    [[nodiscard]] Result<qint64> lastZNumber(const QString &terminalId);
    // false when its id is held already; fails when its (terminal, number) is another's.
    [[nodiscard]] Result<bool> insertZ(const ZReportRecord &z);
    [[nodiscard]] Status assignZ(const QStringList &shiftIds, const QString &zId);
    [[nodiscard]] Result<std::optional<ZReportRecord>> zById(const QString &id);
    [[nodiscard]] Result<std::optional<ZReportRecord>> zByNumber(const QString &terminalId,
                                                                 qint64 number);
    // The newest Z reports of a lane (any lane when terminalId is empty), newest first.
    [[nodiscard]] Result<QList<ZReportRecord>> zReports(const QString &terminalId, int limit);
    // Every lane's Z reports created in [fromIso, toIso).
    [[nodiscard]] Result<QList<ZReportRecord>> zReportsBetween(const QString &fromIso,
                                                               const QString &toIso);

    static QString countsToJson(const QList<DenominationCount> &counts);
    static QList<DenominationCount> countsFromJson(const QString &json);

private:
    Database &m_db;
};
