// The rows of the X, Z and store reports (ReportLayout) for a known totals object, in English and
// French: labels through tr(), amounts through the UI language's MoneyFormat, counts as the
// locale writes numbers, "Over" or "Short" after a blind count, the expected cash left out of a
// cashier's blind X report.
#include "languagecontroller.h"
#include "reportlayout.h"
#include "testlane.h"

#include <QGuiApplication>
#include <QTest>

namespace {
ReportTotals knownTotals()
{
    ReportTotals t;
    t.salesCount = 12;
    t.returnsCount = 1;
    t.customerCount = 12;
    t.itemsSold = 1034;
    t.grossCents = 125050;
    t.discountCents = 1500;
    t.returnsCents = -1299;
    t.taxCents = 9993;
    t.totalCents = 132244;
    t.taxByRate[0] = {2000, 0};
    t.taxByRate[825] = {121550, 10028};
    t.taxByRate[850] = {-400, -35};
    t.tenders[QStringLiteral("card")] = {8, 90000};
    t.tenders[QStringLiteral("cash")] = {5, 42244};
    t.paidInCount = 1;
    t.paidInCents = 2000;
    t.paidOutCount = 2;
    t.paidOutCents = 7550;
    t.noSaleCount = 3;
    t.voidedCount = 2;
    t.voidedCents = 2499;
    t.floatCents = 15000;
    return t;
}

using Rows = QList<ReportRow>;
using S = ReportRow::Style;

QString show(const Rows &rows)
{
    QString out;
    for (const ReportRow &r : rows)
        out += QStringLiteral("{%1 | %2 | %3}\n")
                   .arg(r.label, r.amount, ReportRow::styleName(r.style));
    return out;
}
} // namespace

class TestReportLayout : public QObject
{
    Q_OBJECT
private slots:
    void body_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<Rows>("expected");
        // clang-format off
        QTest::newRow("en") << QStringLiteral("en") << Rows{
            {QStringLiteral("Sales"), {}, S::Heading},
            {QStringLiteral("Sales (12)"), QStringLiteral("$1,250.50"), S::Normal},
            {QStringLiteral("Discounts"), QStringLiteral("($15.00)"), S::Normal},
            {QStringLiteral("Net sales"), QStringLiteral("$1,235.50"), S::Total},
            {QStringLiteral("Returns (1)"), QStringLiteral("($12.99)"), S::Normal},
            {QStringLiteral("Tax"), {}, S::Heading},
            {QStringLiteral("Tax 0%"), QStringLiteral("$0.00"), S::Normal},
            {QStringLiteral("Tax 8.25%"), QStringLiteral("$100.28"), S::Normal},
            {QStringLiteral("Tax 8.5%"), QStringLiteral("($0.35)"), S::Normal},
            {QStringLiteral("Total tax"), QStringLiteral("$99.93"), S::Total},
            {QStringLiteral("Total with tax"), QStringLiteral("$1,322.44"), S::Total},
            {QStringLiteral("Tenders"), {}, S::Heading},
            {QStringLiteral("Card (8)"), QStringLiteral("$900.00"), S::Normal},
            {QStringLiteral("Cash (5)"), QStringLiteral("$422.44"), S::Normal},
            {QStringLiteral("Cash drawer"), {}, S::Heading},
            {QStringLiteral("Float"), QStringLiteral("$150.00"), S::Normal},
            {QStringLiteral("Paid in (1)"), QStringLiteral("$20.00"), S::Normal},
            {QStringLiteral("Paid out (2)"), QStringLiteral("($75.50)"), S::Normal},
            {QStringLiteral("Expected cash"), QStringLiteral("$516.94"), S::Total},
            {QStringLiteral("Counted"), QStringLiteral("$514.44"), S::Normal},
            {QStringLiteral("Short"), QStringLiteral("$2.50"), S::Total},
            {QStringLiteral("Activity"), {}, S::Heading},
            {QStringLiteral("Customers"), QStringLiteral("12"), S::Normal},
            {QStringLiteral("Items"), QStringLiteral("1,034"), S::Normal},
            {QStringLiteral("No-sale opens"), QStringLiteral("3"), S::Normal},
            {QStringLiteral("Voided carts (2)"), QStringLiteral("$24.99"), S::Normal},
        };
        // The French locale groups with a narrow no-break space and puts a no-break space before
        // the symbol.
        QTest::newRow("fr") << QStringLiteral("fr") << Rows{
            {QStringLiteral("Ventes"), {}, S::Heading},
            {QStringLiteral("Ventes (12)"), QStringLiteral("1\u202f250,50\u00a0$"), S::Normal},
            {QStringLiteral("Remises"), QStringLiteral("(15,00\u00a0$)"), S::Normal},
            {QStringLiteral("Ventes nettes"), QStringLiteral("1\u202f235,50\u00a0$"), S::Total},
            {QStringLiteral("Retours (1)"), QStringLiteral("(12,99\u00a0$)"), S::Normal},
            {QStringLiteral("Taxe"), {}, S::Heading},
            {QStringLiteral("Taxe 0 %"), QStringLiteral("0,00\u00a0$"), S::Normal},
            {QStringLiteral("Taxe 8,25 %"), QStringLiteral("100,28\u00a0$"), S::Normal},
            {QStringLiteral("Taxe 8,5 %"), QStringLiteral("(0,35\u00a0$)"), S::Normal},
            {QStringLiteral("Total des taxes"), QStringLiteral("99,93\u00a0$"), S::Total},
            {QStringLiteral("Total TTC"), QStringLiteral("1\u202f322,44\u00a0$"), S::Total},
            {QStringLiteral("Règlements"), {}, S::Heading},
            {QStringLiteral("Carte (8)"), QStringLiteral("900,00\u00a0$"), S::Normal},
            {QStringLiteral("Espèces (5)"), QStringLiteral("422,44\u00a0$"), S::Normal},
            {QStringLiteral("Tiroir-caisse"), {}, S::Heading},
            {QStringLiteral("Fond de caisse"), QStringLiteral("150,00\u00a0$"), S::Normal},
            {QStringLiteral("Entrées (1)"), QStringLiteral("20,00\u00a0$"), S::Normal},
            {QStringLiteral("Sorties (2)"), QStringLiteral("(75,50\u00a0$)"), S::Normal},
            {QStringLiteral("Espèces attendues"), QStringLiteral("516,94\u00a0$"), S::Total},
            {QStringLiteral("Compté"), QStringLiteral("514,44\u00a0$"), S::Normal},
            {QStringLiteral("Manque"), QStringLiteral("2,50\u00a0$"), S::Total},
            {QStringLiteral("Activité"), {}, S::Heading},
            {QStringLiteral("Clients"), QStringLiteral("12"), S::Normal},
            {QStringLiteral("Articles"), QStringLiteral("1\u202f034"), S::Normal},
            {QStringLiteral("Ouvertures sans vente"), QStringLiteral("3"), S::Normal},
            {QStringLiteral("Paniers annulés (2)"), QStringLiteral("24,99\u00a0$"), S::Normal},
        };
        // clang-format on
    }

    void body()
    {
        QFETCH(QString, language);
        QFETCH(Rows, expected);
        TestLane t;
        LanguageController ui(t.lane());
        QVERIFY(ui.setLanguage(language));
        const ReportTotals totals = knownTotals();
        QCOMPARE(totals.expectedCashCents(), 51694);
        const Rows rows = ReportLayout::lines(totals, t.lane().money(),
                                              ReportLayout::Closing{51444, 51444 - 51694});
        QVERIFY2(rows == expected, qPrintable(show(rows)));
        QVERIFY(ui.setLanguage(QStringLiteral("en")));
    }

    void overShortAndBlind()
    {
        TestLane t;
        const ReportTotals totals = knownTotals();
        const MoneyFormat &money = t.lane().money();
        auto last = [&](qint64 overShort) {
            const Rows rows =
                ReportLayout::lines(totals, money, ReportLayout::Closing{0, overShort});
            const auto it = std::find_if(rows.cbegin(), rows.cend(), [](const ReportRow &r) {
                return r.label == QLatin1String("Counted");
            });
            return it + 1 == rows.cend() ? ReportRow{} : *(it + 1);
        };
        QCOMPARE(last(250), (ReportRow{QStringLiteral("Over"), QStringLiteral("$2.50"), S::Total}));
        QCOMPARE(last(-1), (ReportRow{QStringLiteral("Short"), QStringLiteral("$0.01"), S::Total}));
        QCOMPARE(last(0), (ReportRow{QStringLiteral("Even"), QStringLiteral("$0.00"), S::Total}));

        // A cashier's X report of the open shift: the drawer is counted blind.
        ShiftRecord open;
        open.terminalId = QStringLiteral("L1");
        open.openedAt = QStringLiteral("2026-11-25T10:00:00.000Z");
        auto hasExpected = [](const Rows &rows) {
            return std::any_of(rows.cbegin(), rows.cend(), [](const ReportRow &r) {
                return r.label == QLatin1String("Expected cash");
            });
        };
        QVERIFY(
            !hasExpected(ReportLayout::xReport(open, QStringLiteral("Alex"), totals, money, true)));
        QVERIFY(hasExpected(ReportLayout::xReport(open, QStringLiteral("Alex"), totals, money)));
        QCOMPARE(ReportLayout::xReport(open, QStringLiteral("Alex"), totals, money).first().label,
                 QStringLiteral("X report, lane L1"));
        // Once closed, what was counted and the difference.
        ShiftRecord closed = open;
        closed.closedAt = QStringLiteral("2026-11-25T18:00:00.000Z");
        closed.countedCents = 51700;
        closed.overShortCents = 6;
        const Rows x = ReportLayout::xReport(closed, QStringLiteral("Alex"), totals, money, true);
        QVERIFY(hasExpected(x));
        QVERIFY(x.contains(ReportRow{QStringLiteral("Over"), QStringLiteral("$0.06"), S::Total}));
    }

    void zAndStore()
    {
        TestLane t;
        const MoneyFormat &money = t.lane().money();
        ZReportRecord z;
        z.terminalId = QStringLiteral("L2");
        z.zNumber = 1042;
        z.shiftIds = {QStringLiteral("a"), QStringLiteral("b")};
        z.openedAt = QStringLiteral("2026-11-25T08:00:00.000Z");
        z.closedAt = QStringLiteral("2026-11-25T20:00:00.000Z");
        z.createdAt = z.closedAt;
        const Rows rows = ReportLayout::zReport(z, knownTotals(), money);
        QCOMPARE(rows.first(),
                 (ReportRow{QStringLiteral("Z report 1,042, lane L2"), {}, S::Heading}));
        QVERIFY(rows.contains(ReportRow{QStringLiteral("Shifts"), QStringLiteral("2"), S::Normal}));
        QVERIFY(!rows.contains(ReportRow{QStringLiteral("Counted"), {}, S::Normal}));

        Shifts::StoreReport store;
        store.day = QDate(2026, 11, 25);
        store.lanes = {{QStringLiteral("L1"), knownTotals()},
                       {QStringLiteral("L2"), knownTotals()}};
        store.store.add(knownTotals());
        store.store.add(knownTotals());
        const Rows day = ReportLayout::storeReport(store, money);
        QCOMPARE(day.first().label, QStringLiteral("Store report, Wednesday, November 25, 2026"));
        QCOMPARE(std::count(
                     day.cbegin(), day.cend(),
                     ReportRow{QStringLiteral("Net sales"), QStringLiteral("$1,235.50"), S::Total}),
                 2);
        QVERIFY(day.contains(
            ReportRow{QStringLiteral("Net sales"), QStringLiteral("$2,471.00"), S::Total}));
        const int storeTotal =
            int(day.indexOf(ReportRow{QStringLiteral("Store total"), {}, S::Heading}));
        QVERIFY(storeTotal > day.indexOf(ReportRow{QStringLiteral("Lane L2"), {}, S::Heading}));
        const QStringList text = ReportLayout::toText(day);
        QCOMPARE(text.first(), day.first().label);
        QVERIFY(text.contains(QStringLiteral("Net sales\t$2,471.00")));
        QVERIFY(text.contains(QStringLiteral("---")));
    }

private:
    static Rows frenchRows() { return {}; }
};

QTEST_MAIN(TestReportLayout)
#include "tst_reportlayout.moc"
