#include "reportlayout.h"

#include "clock.h"

#include <QJsonDocument>

QString ReportRow::styleName(Style style)
{
    switch (style) {
    case Style::Heading:
        return QStringLiteral("heading");
    case Style::Total:
        return QStringLiteral("total");
    case Style::Separator:
        return QStringLiteral("separator");
    case Style::Normal:
        break;
    }
    return QStringLiteral("normal");
}

QString ReportLayout::count(qint64 n, const MoneyFormat &money)
{
    return money.locale().toString(n);
}

QString ReportLayout::overShortLabel(qint64 overShortCents)
{
    if (overShortCents > 0)
        return tr("Over");
    if (overShortCents < 0)
        return tr("Short");
    return tr("Even");
}

QString ReportLayout::dateTime(const QString &iso, const QLocale &locale)
{
    const QDateTime at = Clock::fromIso(iso);
    return at.isValid() ? locale.toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
}

QList<ReportRow> ReportLayout::lines(const ReportTotals &t, const MoneyFormat &money,
                                     const std::optional<Closing> &closing, bool blind, bool drawer)
{
    using S = ReportRow::Style;
    QList<ReportRow> rows;
    auto row = [&](const QString &label, const QString &amount, S style = S::Normal) {
        rows.append({label, amount, style});
    };
    auto amount = [&](qint64 cents) { return money.format(cents); };

    row(tr("Sales"), {}, S::Heading);
    row(tr("Sales (%1)").arg(count(t.salesCount, money)), amount(t.grossCents));
    row(tr("Discounts"), amount(-t.discountCents));
    row(tr("Net sales"), amount(t.netSalesCents()), S::Total);
    row(tr("Returns (%1)").arg(count(t.returnsCount, money)), amount(t.returnsCents));

    row(tr("Tax"), {}, S::Heading);
    for (auto it = t.taxByRate.cbegin(); it != t.taxByRate.cend(); ++it) {
        // 825 basis points: "8.25", "8,25"; 2000: "20".
        QString rate = money.locale().toString(it.key() / 100.0, 'f', 2);
        const QChar point = money.locale().decimalPoint().front();
        if (rate.endsWith(QLatin1String("00")))
            rate.chop(3);
        else if (rate.endsWith(QLatin1Char('0')) && rate.contains(point))
            rate.chop(1);
        row(tr("Tax %1%").arg(rate), amount(it->taxCents));
    }
    row(tr("Total tax"), amount(t.taxCents), S::Total);
    row(tr("Total with tax"), amount(t.totalCents), S::Total);

    row(tr("Tenders"), {}, S::Heading);
    for (auto it = t.tenders.cbegin(); it != t.tenders.cend(); ++it) {
        const QString n = count(it->count, money);
        const QString label = it.key() == QLatin1String("cash") ? tr("Cash (%1)").arg(n)
                              : it.key() == QLatin1String("card")
                                  ? tr("Card (%1)").arg(n)
                                  : QStringLiteral("%1 (%2)").arg(it.key(), n);
        row(label, amount(it->amountCents));
    }

    row(tr("Cash drawer"), {}, S::Heading);
    if (drawer)
        row(tr("Float"), amount(t.floatCents));
    row(tr("Paid in (%1)").arg(count(t.paidInCount, money)), amount(t.paidInCents));
    row(tr("Paid out (%1)").arg(count(t.paidOutCount, money)), amount(-t.paidOutCents));
    if (!blind && drawer)
        row(tr("Expected cash"), amount(t.expectedCashCents()), S::Total);
    if (closing) {
        row(tr("Counted"), amount(closing->countedCents));
        row(overShortLabel(closing->overShortCents),
            amount(closing->overShortCents < 0 ? -closing->overShortCents
                                               : closing->overShortCents),
            S::Total);
    }

    row(tr("Activity"), {}, S::Heading);
    row(tr("Customers"), count(t.customerCount, money));
    row(tr("Items"), count(t.itemsSold, money));
    row(tr("No-sale opens"), count(t.noSaleCount, money));
    row(tr("Voided carts (%1)").arg(count(t.voidedCount, money)), amount(t.voidedCents));
    return rows;
}

QList<ReportRow> ReportLayout::xReport(const ShiftRecord &shift, const QString &openedByName,
                                       const ReportTotals &t, const MoneyFormat &money, bool blind)
{
    using S = ReportRow::Style;
    QList<ReportRow> rows;
    rows.append({shift.isOpen() ? tr("X report, lane %1").arg(shift.terminalId)
                                : tr("Shift report, lane %1").arg(shift.terminalId),
                 {},
                 S::Heading});
    rows.append({tr("Opened"), dateTime(shift.openedAt, money.locale()), S::Normal});
    rows.append({tr("Opened by"), openedByName, S::Normal});
    std::optional<Closing> closing;
    if (!shift.isOpen()) {
        rows.append({tr("Closed"), dateTime(shift.closedAt, money.locale()), S::Normal});
        closing = Closing{shift.countedCents, shift.overShortCents};
    }
    rows.append({{}, {}, S::Separator});
    rows += lines(t, money, closing, blind && shift.isOpen());
    return rows;
}

QList<ReportRow> ReportLayout::zReport(const ZReportRecord &z, const ReportTotals &t,
                                       const MoneyFormat &money)
{
    using S = ReportRow::Style;
    QList<ReportRow> rows;
    rows.append(
        {tr("Z report %1, lane %2").arg(count(z.zNumber, money), z.terminalId), {}, S::Heading});
    rows.append({tr("From"), dateTime(z.openedAt, money.locale()), S::Normal});
    rows.append({tr("To"), dateTime(z.closedAt, money.locale()), S::Normal});
    rows.append({tr("Shifts"), count(z.shiftIds.size(), money), S::Normal});
    rows.append({tr("Taken"), dateTime(z.createdAt, money.locale()), S::Normal});
    rows.append({{}, {}, S::Separator});
    rows += lines(t, money);
    return rows;
}

QList<ReportRow> ReportLayout::storeReport(const Shifts::StoreReport &report,
                                           const MoneyFormat &money)
{
    using S = ReportRow::Style;
    QList<ReportRow> rows;
    rows.append(
        {tr("Store report, %1").arg(money.locale().toString(report.day, QLocale::LongFormat)),
         {},
         S::Heading});
    rows.append({tr("Lanes"), count(report.lanes.size(), money), S::Normal});
    rows.append({tr("Z reports"), count(report.zReports.size(), money), S::Normal});
    for (const ZReportRecord &z : report.zReports) {
        const auto totals =
            ReportTotals::fromJson(QJsonDocument::fromJson(z.totalsJson.toUtf8()).object());
        rows.append({tr("Z %1, lane %2").arg(count(z.zNumber, money), z.terminalId),
                     totals ? money.format(totals->totalCents) : QString(), S::Normal});
    }
    for (const Shifts::LaneTotals &lane : report.lanes) {
        rows.append({{}, {}, S::Separator});
        rows.append({tr("Lane %1").arg(lane.terminalId), {}, S::Heading});
        rows += lines(lane.totals, money, std::nullopt, false, false);
    }
    rows.append({{}, {}, S::Separator});
    rows.append({tr("Store total"), {}, S::Heading});
    rows += lines(report.store, money, std::nullopt, false, false);
    return rows;
}

PrintDocument ReportLayout::document(const QList<ReportRow> &rows, const QString &storeId,
                                     const QString &printedAt)
{
    PrintDocument doc;
    bool titled = false;
    for (const ReportRow &r : rows) {
        switch (r.style) {
        case ReportRow::Style::Heading:
            if (!titled) {
                doc.title(r.label);
                doc.centered(storeId);
                doc.centered(printedAt);
                doc.separator();
                titled = true;
            } else {
                doc.feed(1);
                doc.bold(r.label);
            }
            break;
        case ReportRow::Style::Separator:
            doc.separator();
            break;
        case ReportRow::Style::Total:
            doc.row(r.label, r.amount, PrintDocument::Bold);
            break;
        case ReportRow::Style::Normal:
            if (r.amount.isEmpty())
                doc.line(r.label);
            else
                doc.row(r.label, r.amount);
            break;
        }
    }
    doc.feed(2);
    return doc;
}

QStringList ReportLayout::toText(const QList<ReportRow> &rows)
{
    QStringList out;
    for (const ReportRow &r : rows) {
        if (r.style == ReportRow::Style::Separator)
            out.append(QStringLiteral("---"));
        else if (r.amount.isEmpty())
            out.append(r.label);
        else
            out.append(r.label + QLatin1Char('\t') + r.amount);
    }
    return out;
}
