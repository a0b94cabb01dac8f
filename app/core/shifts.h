#pragma once

#include "reporttotals.h"
#include "result.h"
#include "shiftstore.h"

#include <QCoreApplication>
#include <QDate>
#include <QObject>

#include <optional>

class Clock;
class Database;
class IdGenerator;
class Outbox;
class SaleService;
struct Employee;

// The lane's shifts and its day: opening with a float, paid in and out, drawer opens without a
// sale, voided carts, the blind count that closes a shift, and the Z report that closes the day.
// A lane sells only inside an open shift (SaleService is told which). Each change commits in one
// SQLite transaction; a closed shift and a Z report are published as `shift` and `z.report`
// messages in the same transaction. Report totals come only from transactions and movements.
class Shifts : public QObject
{
    Q_OBJECT

public:
    // The most shifts one Z report names, and cash movements one shift holds (what the
    // z.report and shift messages may carry: PROTOCOL.md §8.2).
    static constexpr int MaxShiftsPerZ = 100;
    static constexpr int MaxMovementsPerShift = 250;

    Shifts(Database &db, Outbox &outbox, Clock &clock, IdGenerator &ids, SaleService &sales,
           qint64 approvalLimitCents, QObject *parent = nullptr);

    // Finds this lane's open shift (after a restart) and tells the sale service.
    [[nodiscard]] Status load();
    // Loads again when the current shift's row was closed by a message (this lane's own close,
    // got back from its peers after a restore): new sales must not go into a closed shift.
    [[nodiscard]] Status refresh();

    const std::optional<ShiftRecord> &current() const { return m_current; }
    // Paid in or out above this needs a manager's approval.
    qint64 approvalLimitCents() const { return m_approvalLimit; }
    bool needsApproval(qint64 amountCents) const { return amountCents > m_approvalLimit; }

    // Opens a shift with a float counted by denomination (counts) or entered as an amount
    // (counts empty). Fails while a shift is open.
    [[nodiscard]] Result<ShiftRecord> open(const Employee &employee, qint64 floatCents,
                                           const QList<DenominationCount> &counts = {});
    // Cash put into or taken out of the drawer, with a reason; approver: a manager, required
    // above approvalLimitCents().
    [[nodiscard]] Result<CashMovement> payIn(const Employee &employee, qint64 amountCents,
                                             const QString &reason,
                                             const Employee *approver = nullptr);
    [[nodiscard]] Result<CashMovement> payOut(const Employee &employee, qint64 amountCents,
                                              const QString &reason,
                                              const Employee *approver = nullptr);
    // The drawer opened without a sale (logged).
    [[nodiscard]] Result<CashMovement> noSale(const Employee &employee, const QString &reason = {});
    // A cart voided before payment: its total, for the report's voided count.
    [[nodiscard]] Result<CashMovement> cartVoided(const Employee &employee, qint64 totalCents);

    // The running totals of a shift (the X report): open or closed, any lane's.
    [[nodiscard]] Result<ReportTotals> totals(const QString &shiftId);
    // Closes the open shift with the cashier's blind count; over/short is computed and kept.
    // The shift is published (`shift`) in the same transaction.
    [[nodiscard]] Result<ShiftRecord> close(const Employee &employee, qint64 countedCents,
                                            const QList<DenominationCount> &counts = {});
    // The Z report over this lane's closed shifts that no Z took yet: numbered 1, 2, ... without
    // gaps, immutable, published (`z.report`). Fails while a shift is open or when there is no
    // closed shift to take. Managers only.
    [[nodiscard]] Result<ZReportRecord> takeZ(const Employee &employee);

    // Every lane's transactions of one day (the lane's time zone), per lane and for the store,
    // with the Z reports received for that day.
    struct LaneTotals
    {
        QString terminalId;
        ReportTotals totals;
    };
    struct StoreReport
    {
        QDate day;
        QList<LaneTotals> lanes; // by terminal id
        ReportTotals store;      // the sum of the lanes
        QList<ZReportRecord> zReports;
    };
    [[nodiscard]] Result<StoreReport> storeReport(QDate day);

    ShiftStore &store() { return m_store; }

Q_SIGNALS:
    // The open shift, its movements or the Z reports changed.
    void changed();
    // The cash drawer should open (float, paid in/out, no sale).
    void drawerOpenRequested();

private:
    [[nodiscard]] Result<CashMovement> addMovement(const Employee &employee, const QString &kind,
                                                   qint64 amountCents, const QString &reason,
                                                   const Employee *approver);
    // Inside a transaction: the totals of a shift from its transactions and movements.
    [[nodiscard]] Result<ReportTotals> totalsOf(const ShiftRecord &shift);
    void setCurrent(std::optional<ShiftRecord> shift);

    void openDrawerWhenDurable();
    Database &m_db;
    Outbox &m_outbox;
    Clock &m_clock;
    IdGenerator &m_ids;
    SaleService &m_sales;
    qint64 m_approvalLimit;
    ShiftStore m_store;
    std::optional<ShiftRecord> m_current;
};
