#pragma once

#include "denominationmodel.h"
#include "employeestore.h"
#include "reportlayout.h"
#include "rowlistmodel.h"

#include <QDate>
#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <optional>

class Lane;
class QJSEngine;
class QQmlEngine;

// State of the shift screen and the managers' report pages: the open shift, opening it with a
// float, cash paid in and out (a manager's PIN above the lane's limit), drawer opens without a
// sale, the blind count that closes it and its result, the X report, the Z report and the
// store's day. Rules live in Shifts; every typed amount is read with Lane::money().
class ShiftController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool shiftOpen READ shiftOpen NOTIFY shiftChanged)
    Q_PROPERTY(QString openedBy READ openedBy NOTIFY shiftChanged)
    Q_PROPERTY(QString openedAt READ openedAt NOTIFY shiftChanged)
    Q_PROPERTY(QString floatAmount READ floatAmount NOTIFY shiftChanged)
    Q_PROPERTY(Stage stage READ stage NOTIFY stageChanged)
    Q_PROPERTY(bool screenShown READ screenShown NOTIFY stageChanged)
    Q_PROPERTY(DenominationModel *denominations READ denominations CONSTANT)
    Q_PROPERTY(bool countByDenomination READ countByDenomination NOTIFY shiftChanged)
    Q_PROPERTY(QString amountExample READ amountExample NOTIFY shiftChanged)
    Q_PROPERTY(QString approvalLimit READ approvalLimit NOTIFY shiftChanged)
    Q_PROPERTY(bool approvalNeeded READ approvalNeeded NOTIFY approvalChanged)
    Q_PROPERTY(QString approvalReason READ approvalReason NOTIFY approvalChanged)
    Q_PROPERTY(QVariantList managers READ managers NOTIFY approvalChanged)
    Q_PROPERTY(QString resultCounted READ resultCounted NOTIFY stageChanged)
    Q_PROPERTY(QString resultExpected READ resultExpected NOTIFY stageChanged)
    Q_PROPERTY(QString resultOverShort READ resultOverShort NOTIFY stageChanged)
    Q_PROPERTY(QString resultOverShortLabel READ resultOverShortLabel NOTIFY stageChanged)
    Q_PROPERTY(int resultSign READ resultSign NOTIFY stageChanged)
    Q_PROPERTY(RowListModel *report READ report CONSTANT)
    Q_PROPERTY(RowListModel *zReport READ zReport CONSTANT)
    Q_PROPERTY(RowListModel *zReports READ zReports CONSTANT)
    Q_PROPERTY(RowListModel *storeReport READ storeReport CONSTANT)
    Q_PROPERTY(QString storeDay READ storeDay NOTIFY storeDayChanged)
    Q_PROPERTY(bool storeDayIsToday READ storeDayIsToday NOTIFY storeDayChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)
public:
    // Opening: no shift is open, the float is counted. Overview: the open shift, cash in and
    // out, no sale, the X report. Counting: the blind count. Result: the closed shift's count.
    enum class Stage { Opening, Overview, Counting, Result };
    Q_ENUM(Stage)

    explicit ShiftController(Lane &lane, QObject *parent = nullptr);

    static void setInstance(ShiftController *instance);
    static ShiftController *create(QQmlEngine *, QJSEngine *);

    bool shiftOpen() const;
    QString openedBy() const;
    QString openedAt() const;
    QString floatAmount() const;
    Stage stage() const;
    // The shift screen covers the checkout: no shift open, a count or its result under way,
    // or the cashier asked for it (show()).
    bool screenShown() const;
    DenominationModel *denominations() { return &m_denominations; }
    bool countByDenomination() const { return m_denominations.count() > 0; }
    QString amountExample() const;
    QString approvalLimit() const;
    bool approvalNeeded() const { return m_pending.has_value(); }
    QString approvalReason() const { return m_approvalReason; }
    QVariantList managers() const;
    // The closed shift's count (empty until a close is committed: the count is blind).
    QString resultCounted() const;
    QString resultExpected() const;
    QString resultOverShort() const;
    QString resultOverShortLabel() const;
    int resultSign() const; // 1 over, -1 short, 0 even
    RowListModel *report() { return &m_report; }
    RowListModel *zReport() { return &m_zReport; }
    RowListModel *zReports() { return &m_zReports; }
    RowListModel *storeReport() { return &m_storeReport; }
    QString storeDay() const;
    bool storeDayIsToday() const;
    QDate storeDate() const { return m_storeDay; }
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }
    // The rows of the report shown last (what printReport() sends).
    QList<ReportRow> lastRows() const;

    Q_INVOKABLE void show();
    Q_INVOKABLE void hide();
    // Opens the shift with the float counted in denominations(), or typed (amount non-empty).
    Q_INVOKABLE bool openShift(const QString &amount = {});
    // Paid in / out with a reason: above the limit the movement waits for a manager (approve()).
    Q_INVOKABLE bool payIn(const QString &amount, const QString &reason);
    Q_INVOKABLE bool payOut(const QString &amount, const QString &reason);
    Q_INVOKABLE bool approve(const QString &managerId, const QString &pin);
    Q_INVOKABLE void cancelApproval();
    Q_INVOKABLE bool noSale();
    // The X report of the open shift into report() (blind for a cashier: no expected cash).
    Q_INVOKABLE bool showXReport();
    // The blind count: counts cleared, the X report hidden until the close is committed.
    Q_INVOKABLE void startCount();
    Q_INVOKABLE void cancelCount();
    // Closes the shift with the count in denominations(), or typed (amount non-empty).
    Q_INVOKABLE bool closeShift(const QString &amount = {});
    // Leaves the result (the shift screen then offers to open the next shift).
    Q_INVOKABLE void finish();
    // Managers: the Z report over the closed shifts since the last one, into zReport().
    Q_INVOKABLE bool takeZ();
    Q_INVOKABLE bool showZ(const QString &zId);
    // The newest Z report, when there is one (the Z page opens on it).
    Q_INVOKABLE bool showLatestZ();
    Q_INVOKABLE void reloadZReports();
    // Managers: the store's day (default today) into storeReport().
    Q_INVOKABLE bool showStoreReport();
    Q_INVOKABLE void previousDay();
    Q_INVOKABLE void nextDay();
    Q_INVOKABLE void today();
    // The report shown last to the receipt printer (queued like a receipt), or as a PDF under
    // the data directory's reports/ without one. Returns the print job's id or the PDF's path.
    Q_INVOKABLE QString printReport();
    Q_INVOKABLE void clearMessage();

Q_SIGNALS:
    void shiftChanged();
    void stageChanged();
    void approvalChanged();
    void storeDayChanged();
    void messageChanged();
    // A report went to the printer's queue (job id) or was saved as a PDF (its path).
    void reportPrinted(const QString &where);

private:
    // What the drawer holds: the typed amount, or the denomination counts and their total
    // (nullopt: the typed amount does not read; the message says why).
    std::optional<std::pair<qint64, QList<DenominationCount>>> counted(const QString &amount);
    struct Pending
    {
        QString kind; // paidIn | paidOut
        qint64 cents = 0;
        QString reason;
    };
    bool requireSession();
    bool requireManager();
    std::optional<qint64> parseAmount(const QString &text);
    bool move(const QString &kind, qint64 cents, const QString &reason, const Employee *approver);
    bool cashMovement(const QString &kind, const QString &amount, const QString &reason);
    QString nameOf(const QString &employeeId) const;
    void setRows(RowListModel &model, const QList<ReportRow> &rows);
    void setStage(Stage stage);
    void say(const QString &message, bool error = false);
    void reformat();
    QDate todayDate() const;

    Lane &m_lane;
    DenominationModel m_denominations;
    Stage m_stage = Stage::Overview;
    bool m_shown = false;
    std::optional<ShiftRecord> m_closed; // the result of the close just committed
    std::optional<Pending> m_pending;
    QString m_approvalReason;
    RowListModel m_report;
    RowListModel m_zReport;
    RowListModel m_zReports;
    RowListModel m_storeReport;
    QString m_shownZ;
    QDate m_storeDay;
    RowListModel *m_lastShown = nullptr;
    QString m_message;
    bool m_messageIsError = false;
};
