#pragma once

#include "moneyformat.h"
#include "printdocument.h"
#include "reporttotals.h"
#include "shifts.h"
#include "shiftstore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One row of a report as shown on screen and printed: a label, the amount or count beside it
// (right-aligned), and how it reads.
struct ReportRow
{
    enum class Style { Heading, Normal, Total, Separator };
    QString label;
    QString amount; // formatted amount or count; empty for headings and separators
    Style style = Style::Normal;

    // "heading", "normal", "total", "separator": for QML delegates and printers.
    static QString styleName(Style style);
    bool operator==(const ReportRow &o) const
    {
        return label == o.label && amount == o.amount && style == o.style;
    }
};

// The rows of the X report of a shift, the Z report and the store's day, in the UI language
// (amounts through MoneyFormat). The screen and the receipt printer lay out the same rows.
class ReportLayout
{
    Q_DECLARE_TR_FUNCTIONS(ReportLayout)

public:
    // What a closed shift's blind count gave.
    struct Closing
    {
        qint64 countedCents = 0;
        qint64 overShortCents = 0; // counted - expected
    };

    // The body of any report: sales, returns, tax, tenders, the drawer and activity; with a
    // closing, what was counted and the over or short. Blind: without the expected cash (a
    // cashier's X report of an open shift: the drawer is counted blind at the close).
    // drawer: with the float and the expected cash (a shift's or a Z's; not the store's day,
    // whose floats are per drawer).
    static QList<ReportRow> lines(const ReportTotals &t, const MoneyFormat &money,
                                  const std::optional<Closing> &closing = std::nullopt,
                                  bool blind = false, bool drawer = true);
    // The X report of a shift (open or closed): when and by whom it was opened, then lines().
    static QList<ReportRow> xReport(const ShiftRecord &shift, const QString &openedByName,
                                    const ReportTotals &t, const MoneyFormat &money,
                                    bool blind = false);
    // A Z report: its number, the span of its shifts, then lines().
    static QList<ReportRow> zReport(const ZReportRecord &z, const ReportTotals &t,
                                    const MoneyFormat &money);
    // The store's day: each lane, then the store's total and the Z reports taken that day.
    static QList<ReportRow> storeReport(const Shifts::StoreReport &report,
                                        const MoneyFormat &money);

    // "Over" or "Short" (or "Even") for a blind count's difference.
    static QString overShortLabel(qint64 overShortCents);
    // A date and time of the store (ISO 8601 UTC) in the locale's short form, local time.
    static QString dateTime(const QString &iso, const QLocale &locale);
    // Plain text lines for a printer or a log: "label<TAB>amount", "---" for a separator.
    static QStringList toText(const QList<ReportRow> &rows);
    // The same rows for the receipt printer (or its PDF): the first heading as the title, the
    // others bold, totals bold, the store and the time it was printed at the top.
    static PrintDocument document(const QList<ReportRow> &rows, const QString &storeId,
                                  const QString &printedAt);

private:
    static QString count(qint64 n, const MoneyFormat &money);
};
