// Exact stock between real lane processes: lanes that sell the same products while cut off from
// each other agree, after they reconnect, on the stock the sales imply; a lane whose clock is an
// hour behind still has its sales counted; scheduled reconciliation runs over the real wire.
#include "laneprocess.h"

#include <QMap>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int kConverge = 20000;

QMap<QString, qint64> stockOf(const LaneProcess &lane)
{
    QMap<QString, qint64> stock;
    const QStringList rows = lane.column(
        QStringLiteral("SELECT product_id || ':' || current_stock FROM inventory ORDER BY 1"));
    for (const QString &row : rows) {
        const qsizetype colon = row.lastIndexOf(QLatin1Char(':'));
        stock.insert(row.left(colon), row.mid(colon + 1).toLongLong());
    }
    return stock;
}
QString differences(const QMap<QString, qint64> &have, const QMap<QString, qint64> &truth)
{
    QStringList out;
    for (auto it = truth.cbegin(); it != truth.cend(); ++it)
        if (have.value(it.key(), -999999) != it.value())
            out.append(QStringLiteral("%1: %2 (truth %3)")
                           .arg(it.key())
                           .arg(have.value(it.key(), -999999))
                           .arg(it.value()));
    for (auto it = have.cbegin(); it != have.cend(); ++it)
        if (!truth.contains(it.key()))
            out.append(QStringLiteral("%1: %2 (not in truth)").arg(it.key()).arg(it.value()));
    return out.join(QStringLiteral("; "));
}
} // namespace

class TstStockLanes : public QObject
{
    Q_OBJECT

private slots:
    void partitionedLanesAgreeOnExactStock()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        LaneProcess l3(QStringLiteral("L3"), dir.filePath(QStringLiteral("l3")));
        // L1 and L2 know no other lane; L3, down, knows both: they sell cut off from each other,
        // from the same catalog (the same products), L2 with its clock an hour behind.
        l2.setEnv(QStringLiteral("EUPHORIA_CLOCK_OFFSET_SECONDS"), QStringLiteral("-3600"));
        const QStringList reconcileSoon{
            QStringLiteral("--reconcile-first-seconds"), QStringLiteral("1"),
            QStringLiteral("--reconcile-interval-seconds"), QStringLiteral("2")};
        QVERIFY2(l1.start({}, QStringList{QStringLiteral("--ring-sales"), QStringLiteral("80"),
                                          QStringLiteral("--seed"), QStringLiteral("11")}
                                  << reconcileSoon),
                 qPrintable(l1.log()));
        QVERIFY2(l2.start({}, QStringList{QStringLiteral("--ring-sales"), QStringLiteral("80"),
                                          QStringLiteral("--seed"), QStringLiteral("12")}
                                  << reconcileSoon),
                 qPrintable(l2.log()));
        const QString sales = QStringLiteral("SELECT COUNT(*) FROM transactions");
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(sales), 80, kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(sales), 80, kConverge);
        // Both sold some of the same products while apart.
        const QString sold =
            QStringLiteral("SELECT DISTINCT product_id FROM transaction_lines ORDER BY 1");
        QStringList both;
        const QStringList soldOn2 = l2.column(sold);
        for (const QString &p : l1.column(sold))
            if (soldOn2.contains(p))
                both.append(p);
        QVERIFY2(!both.isEmpty(), "the two lanes sold no product in common");
        // A reconciliation while apart finds no peer to ask, and says so.
        QTRY_VERIFY_WITH_TIMEOUT(
            l1.count(QStringLiteral("SELECT COUNT(*) FROM reconciliation_runs WHERE result = "
                                    "'no peers connected'")) > 0,
            kConverge);

        // L3 comes up and knows both: everything flows through it.
        QVERIFY2(l3.start({l1.url(), l2.url()}, reconcileSoon), qPrintable(l3.log()));
        for (LaneProcess *l : {&l1, &l2, &l3})
            QTRY_COMPARE_WITH_TIMEOUT(l->count(sales), 160, kConverge);

        // Ground truth: the catalog's stock minus every unit sold on either lane.
        const QMap<QString, qint64> start = [&] {
            QMap<QString, qint64> m;
            for (const QString &row : l3.column(QStringLiteral(
                     "SELECT product_id || ':' || quantity FROM inventory_baselines")))
                m.insert(row.section(QLatin1Char(':'), 0, 0),
                         row.section(QLatin1Char(':'), 1).toLongLong());
            return m;
        }();
        QMap<QString, qint64> truth = start;
        for (const QString &row : l3.column(
                 QStringLiteral("SELECT product_id || ':' || SUM(quantity) FROM transaction_lines "
                                "GROUP BY product_id")))
            truth[row.section(QLatin1Char(':'), 0, 0)] -=
                row.section(QLatin1Char(':'), 1).toLongLong();
        for (LaneProcess *l : {&l3, &l1, &l2})
            QTRY_VERIFY2_WITH_TIMEOUT(differences(stockOf(*l), truth).isEmpty(),
                                      qPrintable(l->terminalId() + QStringLiteral(": ") +
                                                 differences(stockOf(*l), truth)),
                                      kConverge);
        // L2's sales, an hour behind by its clock, are all in the stock of every lane.
        const QString l2Units = QStringLiteral("SELECT SUM(l.quantity) FROM transaction_lines l "
                                               "JOIN transactions t ON t.id = l.transaction_id "
                                               "WHERE t.terminal_id = 'L2'");
        QVERIFY(l1.count(l2Units) > 0);
        QCOMPARE(l1.count(l2Units), l2.count(l2Units));

        // Reconciliation over the real wire: a run after they met asks its peers and finds the
        // inventories equal (nothing to resolve).
        const QString inSync =
            QStringLiteral("SELECT COUNT(*) FROM reconciliation_runs WHERE result = 'in sync' AND "
                           "peers_answered > 0 AND differences = 0");
        QTRY_VERIFY_WITH_TIMEOUT(l3.count(inSync) > 0, kConverge);
        QTRY_VERIFY_WITH_TIMEOUT(l1.count(inSync) > 0, kConverge);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM inventory_conflicts")), 0);
        // The runs are published for visibility.
        QVERIFY(l2.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE topic = "
                                        "'inventory.reconciliation.complete'")) > 0);
        for (LaneProcess *l : {&l1, &l2, &l3})
            QVERIFY(l->stop());
    }
};

QTEST_GUILESS_MAIN(TstStockLanes)
#include "tst_stocklanes.moc"
