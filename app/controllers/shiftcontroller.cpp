#include "shiftcontroller.h"

#include "lane.h"
#include "pinhasher.h"
#include "printqueue.h"
#include "receiptprinter.h"
#include "uilog.h"

#include <QDir>
#include <QJSEngine>
#include <QJsonDocument>
#include <QPointer>

namespace {
QPointer<ShiftController> s_instance;

ReportTotals totalsFromJson(const QString &json)
{
    auto t = ReportTotals::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    return t ? *t : ReportTotals{};
}
} // namespace

ShiftController::ShiftController(Lane &lane, QObject *parent)
    : QObject(parent)
    , m_lane(lane)
    , m_report({"row", "label", "amount", "style"}, "row")
    , m_zReport({"row", "label", "amount", "style"}, "row")
    , m_zReports({"id", "title", "span", "total", "shifts"}, "id")
    , m_storeReport({"row", "label", "amount", "style"}, "row")
    , m_storeDay(todayDate())
{
    m_denominations.setMoneyFormat(m_lane.money());
    connect(&m_lane.shifts(), &Shifts::changed, this, [this] {
        Q_EMIT shiftChanged();
        Q_EMIT stageChanged();
        reloadZReports();
    });
    connect(&m_lane, &Lane::moneyFormatChanged, this, &ShiftController::reformat);
    connect(&m_lane.session(), &EmployeeSession::loggedOut, this, [this] {
        // The next person starts afresh: no half-typed count, no pending approval, no result.
        m_shown = false;
        m_closed.reset();
        m_stage = Stage::Overview;
        m_denominations.clear();
        cancelApproval();
        m_report.setRows(QVariantList());
        m_lastShown = nullptr;
        clearMessage();
        Q_EMIT stageChanged();
    });
    reloadZReports();
}

void ShiftController::setInstance(ShiftController *instance)
{
    s_instance = instance;
}

ShiftController *ShiftController::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

bool ShiftController::shiftOpen() const
{
    return m_lane.shifts().current().has_value();
}

QString ShiftController::nameOf(const QString &employeeId) const
{
    auto e = m_lane.session().store().byId(employeeId);
    return e && e->has_value() ? (*e)->name : employeeId;
}

QString ShiftController::openedBy() const
{
    const auto &shift = m_lane.shifts().current();
    return shift ? nameOf(shift->openedBy) : QString();
}

QString ShiftController::openedAt() const
{
    const auto &shift = m_lane.shifts().current();
    return shift ? ReportLayout::dateTime(shift->openedAt, m_lane.money().locale()) : QString();
}

QString ShiftController::floatAmount() const
{
    const auto &shift = m_lane.shifts().current();
    return shift ? m_lane.money().format(shift->floatCents) : QString();
}

ShiftController::Stage ShiftController::stage() const
{
    if (m_closed)
        return Stage::Result;
    if (!shiftOpen())
        return Stage::Opening;
    return m_stage;
}

bool ShiftController::screenShown() const
{
    return m_shown || stage() != Stage::Overview;
}

QString ShiftController::amountExample() const
{
    const MoneyFormat &money = m_lane.money();
    qint64 hundred = 100;
    for (int i = 0; i < money.minorDigits(); ++i)
        hundred *= 10;
    return money.formatNumber(hundred + hundred / 4);
}

QString ShiftController::approvalLimit() const
{
    return m_lane.money().format(m_lane.shifts().approvalLimitCents());
}

QVariantList ShiftController::managers() const
{
    QVariantList out;
    if (!m_pending)
        return out;
    auto all = m_lane.session().store().active();
    if (!all)
        return out;
    const auto &me = m_lane.session().current();
    for (const Employee &e : *all)
        if (e.isManager() && (!me || me->id != e.id))
            out.append(QVariantMap{{QStringLiteral("id"), e.id}, {QStringLiteral("name"), e.name}});
    return out;
}

QString ShiftController::resultCounted() const
{
    return m_closed ? m_lane.money().format(m_closed->countedCents) : QString();
}

QString ShiftController::resultExpected() const
{
    return m_closed ? m_lane.money().format(m_closed->expectedCashCents) : QString();
}

QString ShiftController::resultOverShort() const
{
    if (!m_closed)
        return {};
    const qint64 d = m_closed->overShortCents;
    return m_lane.money().format(d < 0 ? -d : d);
}

QString ShiftController::resultOverShortLabel() const
{
    return m_closed ? ReportLayout::overShortLabel(m_closed->overShortCents) : QString();
}

int ShiftController::resultSign() const
{
    if (!m_closed || m_closed->overShortCents == 0)
        return 0;
    return m_closed->overShortCents > 0 ? 1 : -1;
}

QString ShiftController::storeDay() const
{
    return m_lane.money().locale().toString(m_storeDay, QLocale::LongFormat);
}

bool ShiftController::storeDayIsToday() const
{
    return m_storeDay == todayDate();
}

void ShiftController::say(const QString &message, bool error)
{
    if (message == m_message && error == m_messageIsError)
        return;
    m_message = message;
    m_messageIsError = error;
    Q_EMIT messageChanged();
}

void ShiftController::clearMessage()
{
    say(QString());
}

void ShiftController::setStage(Stage stage)
{
    m_stage = stage;
    Q_EMIT stageChanged();
}

void ShiftController::show()
{
    m_shown = true;
    clearMessage();
    Q_EMIT stageChanged();
}

void ShiftController::hide()
{
    if (m_stage == Stage::Counting)
        cancelCount();
    m_shown = false;
    m_report.setRows(QVariantList());
    clearMessage();
    Q_EMIT stageChanged();
}

bool ShiftController::requireSession()
{
    if (m_lane.session().isLoggedIn()) {
        m_lane.session().touch();
        return true;
    }
    say(tr("Log in with your PIN first."), true);
    return false;
}

bool ShiftController::requireManager()
{
    if (!requireSession())
        return false;
    if (!m_lane.session().current()->isManager()) {
        say(tr("Only a manager can see this report."), true);
        return false;
    }
    return true;
}

std::optional<qint64> ShiftController::parseAmount(const QString &text)
{
    auto cents = m_lane.money().parse(text);
    if (!cents) {
        say(cents.error(), true);
        return std::nullopt;
    }
    return *cents;
}

std::optional<std::pair<qint64, QList<DenominationCount>>>
ShiftController::counted(const QString &amount)
{
    // A typed amount wins over the counts (and is the whole count then).
    if (amount.trimmed().isEmpty())
        return std::pair(m_denominations.totalCents(), m_denominations.counts());
    const auto typed = parseAmount(amount);
    if (!typed)
        return std::nullopt;
    return std::pair(*typed, QList<DenominationCount>());
}

bool ShiftController::openShift(const QString &amount)
{
    if (!requireSession())
        return false;
    const auto drawer = counted(amount);
    if (!drawer)
        return false;
    const auto &[cents, counts] = *drawer;
    auto shift = m_lane.shifts().open(*m_lane.session().current(), cents, counts);
    if (!shift) {
        say(shift.error(), true);
        return false;
    }
    qCInfo(lcUi) << "shift opened with a float of" << cents;
    m_denominations.clear();
    m_stage = Stage::Overview;
    m_shown = false;
    say(tr("Shift open with a float of %1.").arg(m_lane.money().format(cents)));
    Q_EMIT stageChanged();
    return true;
}

bool ShiftController::payIn(const QString &amount, const QString &reason)
{
    return cashMovement(QStringLiteral("paidIn"), amount, reason);
}

bool ShiftController::payOut(const QString &amount, const QString &reason)
{
    return cashMovement(QStringLiteral("paidOut"), amount, reason);
}

bool ShiftController::cashMovement(const QString &kind, const QString &amount,
                                   const QString &reason)
{
    if (!requireSession())
        return false;
    const auto cents = parseAmount(amount);
    if (!cents)
        return false;
    if (*cents <= 0) {
        say(tr("Enter an amount above zero."), true);
        return false;
    }
    if (reason.trimmed().isEmpty()) {
        say(tr("Enter a reason."), true);
        return false;
    }
    if (m_lane.shifts().needsApproval(*cents)) {
        m_pending = Pending{kind, *cents, reason};
        const QString what = kind == QLatin1String("paidIn")
                                 ? tr("Paid in %1: above the limit of %2.")
                                 : tr("Paid out %1: above the limit of %2.");
        m_approvalReason = what.arg(m_lane.money().format(*cents),
                                    m_lane.money().format(m_lane.shifts().approvalLimitCents()));
        Q_EMIT approvalChanged();
        return false;
    }
    return move(kind, *cents, reason, nullptr);
}

bool ShiftController::move(const QString &kind, qint64 cents, const QString &reason,
                           const Employee *approver)
{
    const Employee &me = *m_lane.session().current();
    auto m = kind == QLatin1String("paidIn") ? m_lane.shifts().payIn(me, cents, reason, approver)
                                             : m_lane.shifts().payOut(me, cents, reason, approver);
    if (!m) {
        say(m.error(), true);
        return false;
    }
    say(kind == QLatin1String("paidIn")
            ? tr("Paid in %1: %2.").arg(m_lane.money().format(cents), m->reason)
            : tr("Paid out %1: %2.").arg(m_lane.money().format(cents), m->reason));
    if (!m_report.rows().isEmpty())
        showXReport();
    return true;
}

bool ShiftController::approve(const QString &managerId, const QString &pin)
{
    if (!m_pending || !requireSession())
        return false;
    auto manager = m_lane.session().store().byId(managerId);
    if (!manager || !manager->has_value() || !(*manager)->active || !(*manager)->isManager() ||
        !PinHasher::verify((*manager)->pinHash, pin)) {
        qCWarning(lcUi).noquote() << "cash approval refused: wrong manager or PIN for"
                                  << managerId.left(36);
        say(tr("Manager PIN not accepted."), true);
        return false;
    }
    const Pending p = *m_pending;
    const Employee approver = **manager;
    if (!move(p.kind, p.cents, p.reason, &approver))
        return false; // still pending: another manager may approve, or cancel
    m_pending.reset();
    m_approvalReason.clear();
    Q_EMIT approvalChanged();
    return true;
}

void ShiftController::cancelApproval()
{
    if (!m_pending)
        return;
    m_pending.reset();
    m_approvalReason.clear();
    Q_EMIT approvalChanged();
}

bool ShiftController::noSale()
{
    if (!requireSession())
        return false;
    auto m = m_lane.shifts().noSale(*m_lane.session().current());
    if (!m) {
        say(m.error(), true);
        return false;
    }
    say(tr("Drawer opened (no sale)."));
    if (!m_report.rows().isEmpty())
        showXReport();
    return true;
}

void ShiftController::setRows(RowListModel &model, const QList<ReportRow> &rows)
{
    QVariantList out;
    for (qsizetype i = 0; i < rows.size(); ++i)
        out.append(QVariantMap{{QStringLiteral("row"), int(i)},
                               {QStringLiteral("label"), rows.at(i).label},
                               {QStringLiteral("amount"), rows.at(i).amount},
                               {QStringLiteral("style"), ReportRow::styleName(rows.at(i).style)}});
    model.setRows(out);
    m_lastShown = &model;
}

bool ShiftController::showXReport()
{
    if (!requireSession())
        return false;
    if (m_stage == Stage::Counting) {
        say(tr("Finish the count first."), true);
        return false;
    }
    const auto &shift = m_lane.shifts().current();
    if (!shift) {
        say(tr("No shift is open on this lane."), true);
        return false;
    }
    auto totals = m_lane.shifts().totals(shift->id);
    if (!totals) {
        say(totals.error(), true);
        return false;
    }
    const bool blind = !m_lane.session().current()->isManager();
    setRows(m_report,
            ReportLayout::xReport(*shift, nameOf(shift->openedBy), *totals, m_lane.money(), blind));
    return true;
}

void ShiftController::startCount()
{
    if (!requireSession() || !shiftOpen())
        return;
    cancelApproval();
    m_denominations.clear();
    // Nothing on screen may show what the drawer should hold.
    m_report.setRows(QVariantList());
    m_lastShown = nullptr;
    clearMessage();
    setStage(Stage::Counting);
}

void ShiftController::cancelCount()
{
    m_denominations.clear();
    clearMessage();
    setStage(Stage::Overview);
}

bool ShiftController::closeShift(const QString &amount)
{
    if (!requireSession())
        return false;
    if (m_stage != Stage::Counting) {
        say(tr("Count the drawer first."), true);
        return false;
    }
    const auto drawer = counted(amount);
    if (!drawer)
        return false;
    const auto &[cents, counts] = *drawer;
    auto closed = m_lane.shifts().close(*m_lane.session().current(), cents, counts);
    if (!closed) {
        say(closed.error(), true);
        return false;
    }
    m_closed = *closed;
    m_stage = Stage::Overview;
    m_denominations.clear();
    auto totals = m_lane.shifts().totals(closed->id);
    setRows(m_report, ReportLayout::xReport(*closed, nameOf(closed->openedBy),
                                            totals ? *totals : ReportTotals{}, m_lane.money()));
    clearMessage();
    Q_EMIT stageChanged();
    return true;
}

void ShiftController::finish()
{
    m_closed.reset();
    m_report.setRows(QVariantList());
    m_lastShown = nullptr;
    clearMessage();
    Q_EMIT stageChanged();
}

bool ShiftController::takeZ()
{
    if (!requireManager())
        return false;
    auto z = m_lane.shifts().takeZ(*m_lane.session().current());
    if (!z) {
        say(z.error(), true);
        return false;
    }
    reloadZReports();
    showZ(z->id);
    // A Z report is printed when it is taken (the store's paper record of the day), once it is
    // on disk: a paper Z whose record a power cut took back would have its number used again.
    const qint64 zNumber = z->zNumber;
    const QString zId = z->id;
    m_lane.database().whenDurable(this, [this, zNumber, zId](const Status &durable) {
        if (!durable) {
            say(tr("Z report %1 is recorded, but the disk reported an error: it was not printed.")
                    .arg(zNumber),
                true);
            return;
        }
        showZ(zId);
        const QString printed = printReport();
        const QString note = m_message;
        say(printed.isEmpty()
                ? tr("Z report %1 taken; it was not printed: %2").arg(zNumber).arg(note)
                : tr("Z report %1 taken. %2").arg(zNumber).arg(note),
            printed.isEmpty());
    });
    return true;
}

bool ShiftController::showZ(const QString &zId)
{
    if (!requireManager())
        return false;
    auto z = m_lane.shifts().store().zById(zId);
    if (!z || !z->has_value()) {
        say(z ? tr("No such Z report.") : z.error(), true);
        return false;
    }
    m_shownZ = zId;
    setRows(m_zReport,
            ReportLayout::zReport(**z, totalsFromJson((*z)->totalsJson), m_lane.money()));
    return true;
}

bool ShiftController::showLatestZ()
{
    if (m_zReports.count() == 0)
        return false;
    return showZ(m_zReports.rows().first().value(QStringLiteral("id")).toString());
}

void ShiftController::reloadZReports()
{
    auto zs = m_lane.shifts().store().zReports(m_lane.config().terminalId, 20);
    if (!zs) {
        qCWarning(lcUi).noquote() << "cannot list Z reports:" << zs.error();
        return;
    }
    const QLocale &locale = m_lane.money().locale();
    QVariantList rows;
    for (const ZReportRecord &z : *zs)
        rows.append(QVariantMap{
            {QStringLiteral("id"), z.id},
            {QStringLiteral("title"), tr("Z %1").arg(locale.toString(z.zNumber))},
            {QStringLiteral("span"), tr("%1 to %2")
                                         .arg(ReportLayout::dateTime(z.openedAt, locale),
                                              ReportLayout::dateTime(z.closedAt, locale))},
            {QStringLiteral("total"),
             m_lane.money().format(totalsFromJson(z.totalsJson).totalCents)},
            {QStringLiteral("shifts"), int(z.shiftIds.size())}});
    m_zReports.setRows(rows);
}

bool ShiftController::showStoreReport()
{
    if (!requireManager())
        return false;
    auto report = m_lane.shifts().storeReport(m_storeDay);
    if (!report) {
        say(report.error(), true);
        return false;
    }
    setRows(m_storeReport, ReportLayout::storeReport(*report, m_lane.money()));
    return true;
}

void ShiftController::previousDay()
{
    m_storeDay = m_storeDay.addDays(-1);
    Q_EMIT storeDayChanged();
    showStoreReport();
}

void ShiftController::nextDay()
{
    if (m_storeDay >= todayDate())
        return;
    m_storeDay = m_storeDay.addDays(1);
    Q_EMIT storeDayChanged();
    showStoreReport();
}

void ShiftController::today()
{
    m_storeDay = todayDate();
    Q_EMIT storeDayChanged();
    showStoreReport();
}

QString ShiftController::printReport()
{
    const QList<ReportRow> rows = lastRows();
    if (rows.isEmpty()) {
        say(tr("Show a report first."), true);
        return {};
    }
    const QString now = m_lane.clock().nowIso();
    const QString title = rows.first().label;
    const PrintDocument doc = ReportLayout::document(
        rows, m_lane.config().storeId, ReportLayout::dateTime(now, m_lane.money().locale()));
    if (PrintQueue *printer = m_lane.printer()) {
        auto id = printer->enqueue(doc, QStringLiteral("report"), title);
        if (!id) {
            qCWarning(lcUi).noquote() << "report" << title << "not queued:" << id.error();
            say(tr("The report could not be sent to the printer: %1").arg(id.error()), true);
            return {};
        }
        const bool waiting = printer->state() == PrintQueue::State::Offline ||
                             printer->state() == PrintQueue::State::PaperOut ||
                             printer->state() == PrintQueue::State::Error;
        say(waiting
                ? tr("The printer is not ready: the report is queued (%1).").arg(printer->message())
                : tr("The report is printing."));
        Q_EMIT reportPrinted(*id);
        return *id;
    }
    // No printer: the same document as a PDF on the receipt roll.
    QString stamp = now;
    stamp.remove(QLatin1Char(':')).remove(QLatin1Char('-')).remove(QLatin1Char('.'));
    const QString path = QDir(m_lane.config().effectiveDataDir())
                             .filePath(QStringLiteral("reports/report-%1.pdf").arg(stamp));
    if (Status s = ReceiptPrinter::printPdf(doc, title, path); !s) {
        qCWarning(lcUi).noquote() << "report" << title << "not saved:" << s.error();
        say(tr("The report could not be saved: %1").arg(s.error()), true);
        return {};
    }
    qCInfo(lcUi).noquote() << "report" << title << "saved as" << path;
    say(tr("Report saved as %1").arg(QDir::toNativeSeparators(path)));
    Q_EMIT reportPrinted(path);
    return path;
}

QList<ReportRow> ShiftController::lastRows() const
{
    QList<ReportRow> out;
    if (!m_lastShown)
        return out;
    for (const QVariantMap &r : m_lastShown->rows()) {
        const QString style = r.value(QStringLiteral("style")).toString();
        out.append({r.value(QStringLiteral("label")).toString(),
                    r.value(QStringLiteral("amount")).toString(),
                    style == QLatin1String("heading")     ? ReportRow::Style::Heading
                    : style == QLatin1String("total")     ? ReportRow::Style::Total
                    : style == QLatin1String("separator") ? ReportRow::Style::Separator
                                                          : ReportRow::Style::Normal});
    }
    return out;
}

QDate ShiftController::todayDate() const
{
    return m_lane.clock().nowUtc().toLocalTime().date();
}

void ShiftController::reformat()
{
    m_denominations.setMoneyFormat(m_lane.money());
    RowListModel *const last = m_lastShown;
    if (m_closed) {
        auto totals = m_lane.shifts().totals(m_closed->id);
        setRows(m_report, ReportLayout::xReport(*m_closed, nameOf(m_closed->openedBy),
                                                totals ? *totals : ReportTotals{}, m_lane.money()));
    } else if (!m_report.rows().isEmpty() && m_lane.session().isLoggedIn()) {
        showXReport();
    }
    if (!m_zReport.rows().isEmpty() && !m_shownZ.isEmpty() && m_lane.session().isLoggedIn())
        showZ(m_shownZ);
    if (!m_storeReport.rows().isEmpty() && m_lane.session().isLoggedIn())
        showStoreReport();
    m_lastShown = last;
    reloadZReports();
    Q_EMIT shiftChanged();
    Q_EMIT stageChanged();
    Q_EMIT storeDayChanged();
}
