// Exact stock between real lane processes: lanes that sell the same products while cut off from
// each other agree, after they reconnect, on the stock the sales imply; a lane whose clock is an
// hour behind still has its sales counted; scheduled reconciliation runs over the real wire; and
// with one lane's clock a year ahead, at 1970, an hour or ten minutes behind, counts (some made
// on that lane) and sales interleaved end as they happened, on every lane, and that lane says
// its clock is wrong.
#include "laneprocess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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

// The store's time as the lane last recorded it (lane_meta store_clock).
QJsonObject storeClockOf(const LaneProcess &lane)
{
    return QJsonDocument::fromJson(
               lane.column(QStringLiteral("SELECT value FROM lane_meta WHERE key = 'store_clock'"))
                   .value(0)
                   .toUtf8())
        .object();
}

// Units of each product sold in the given sales.
QMap<QString, qint64> unitsSold(const LaneProcess &lane, const QStringList &saleIds)
{
    QMap<QString, qint64> units;
    if (saleIds.isEmpty())
        return units;
    const QStringList rows = lane.column(
        QStringLiteral("SELECT product_id || ':' || SUM(quantity) FROM transaction_lines WHERE "
                       "transaction_id IN ('%1') GROUP BY product_id")
            .arg(saleIds.join(QStringLiteral("','"))));
    for (const QString &row : rows) {
        const qsizetype colon = row.lastIndexOf(QLatin1Char(':'));
        units.insert(row.left(colon), row.mid(colon + 1).toLongLong());
    }
    return units;
}
} // namespace

class TstStockLanes : public QObject
{
    Q_OBJECT

private slots:
    // Three lanes that all know each other; L3's clock is off by offsetSeconds. Counts and sales
    // follow each other phase by phase (each phase on every lane before the next), on a catalog
    // of four products so that every phase sells each of them; two of the counts are made on
    // L3. The truth is the order of the phases, which no lane's clock shows.
    void aWrongClockDoesNotBendTheStock_data()
    {
        QTest::addColumn<qint64>("offsetSeconds");
        const qint64 toEpoch = QDateTime::currentSecsSinceEpoch();
        QTest::newRow("a year ahead") << qint64(365 * 86400);
        QTest::newRow("at 1970") << -(toEpoch - 3600);
        QTest::newRow("an hour behind") << qint64(-3600);
        QTest::newRow("10 minutes behind") << qint64(-600);
    }
    void aWrongClockDoesNotBendTheStock()
    {
        QFETCH(qint64, offsetSeconds);
        QTemporaryDir dir;
        // Four demo products, the same ids on every lane; the rest deactivated.
        const QString catalog = dir.filePath(QStringLiteral("four.csv"));
        {
            QFile f(catalog);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("id,sku,name,priceCents,taxRateBp\n"
                    "da1e10c6-9799-5570-9854-bfe8000aeccd,BEE-0001,Lager 6-pack 12oz,999,825\n"
                    "49034ab0-09e6-5bd3-9462-b22aef316f8b,BEE-0002,Pale Ale 6-pack 12oz,1149,825\n"
                    "b6539fae-8d9c-5d01-9140-b55f0e02ff1e,BEE-0003,IPA 6-pack 12oz,1299,825\n"
                    "f4c85024-e296-5465-a9fe-504686b79cf7,BEE-0004,Stout 4-pack 16oz,1199,825\n");
        }
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        LaneProcess l3(QStringLiteral("L3"), dir.filePath(QStringLiteral("l3")));
        l3.setEnv(QStringLiteral("EUPHORIA_CLOCK_OFFSET_SECONDS"), QString::number(offsetSeconds));
        QList<LaneProcess *> lanes{&l1, &l2, &l3};
        for (LaneProcess *l : lanes) {
            l->holdPort();
            QCOMPARE(l->runOnce({QStringLiteral("--import-catalog"), catalog,
                                 QStringLiteral("--replace-catalog")}),
                     0);
        }
        const QStringList noReconcile{
            QStringLiteral("--reconcile-interval-seconds"), QStringLiteral("0"),
            QStringLiteral("--reconcile-first-seconds"), QStringLiteral("86400")};
        auto peersOf = [&](LaneProcess *self) {
            QStringList urls;
            for (LaneProcess *l : lanes)
                if (l != self)
                    urls.append(l->url());
            return urls;
        };
        for (LaneProcess *l : lanes)
            QVERIFY2(l->start(peersOf(l), noReconcile), qPrintable(l->log()));

        // L3 learns from the others' hellos that its clock is off, and says so.
        const qint64 offsetMs = offsetSeconds * 1000;
        QTRY_VERIFY2_WITH_TIMEOUT(storeClockOf(l3).value(QLatin1String("skewed")).toBool(),
                                  qPrintable(l3.log()), kConverge);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::llabs(storeClockOf(l3).value(QLatin1String("correctionMs")).toInteger() +
                       offsetMs) < 5000,
            kConverge);
        QVERIFY(!storeClockOf(l1).value(QLatin1String("skewed")).toBool());
        QVERIFY(!storeClockOf(l2).value(QLatin1String("skewed")).toBool());

        // The phases. A count's figure holds until the next count of that product; sales after it
        // come off it.
        QMap<QString, qint64> truth;
        for (auto [product, stock] : stockOf(l1).asKeyValueRange())
            truth.insert(product, stock);
        const QString lager = QStringLiteral("da1e10c6-9799-5570-9854-bfe8000aeccd");
        const QString stout = QStringLiteral("f4c85024-e296-5465-a9fe-504686b79cf7");
        qint64 salesSoFar = 0;
        const QString allSales = QStringLiteral("SELECT COUNT(*) FROM transactions");
        auto everyLaneHas = [&](const QString &sql, qint64 value) {
            for (LaneProcess *l : lanes)
                QTRY_COMPARE_WITH_TIMEOUT(l->count(sql), value, kConverge);
        };
        auto count = [&](LaneProcess &lane, const QString &sku, const QString &product,
                         qint64 quantity) {
            QVERIFY(lane.stop());
            QCOMPARE(lane.runOnce({QStringLiteral("--count"),
                                   QStringLiteral("%1=%2").arg(sku).arg(quantity)}),
                     0);
            QVERIFY2(lane.start(peersOf(&lane), noReconcile), qPrintable(lane.log()));
            truth[product] = quantity;
            everyLaneHas(QStringLiteral("SELECT COUNT(*) FROM inventory_baselines WHERE "
                                        "product_id = '%1' AND quantity = %2")
                             .arg(product)
                             .arg(quantity),
                         1);
        };
        // A phase's sales are the sellers' own sales that are new after it (from their databases,
        // not from what their output had flushed when the phase ended).
        auto ownSales = [](const LaneProcess &l) {
            return l.column(QStringLiteral("SELECT id FROM transactions WHERE terminal_id = '%1'")
                                .arg(l.terminalId()));
        };
        auto sell = [&](const QList<LaneProcess *> &sellers, int each, int seed) {
            QMap<LaneProcess *, QStringList> before;
            for (LaneProcess *l : sellers)
                before.insert(l, ownSales(*l));
            for (LaneProcess *l : sellers) {
                QVERIFY(l->stop());
                QVERIFY2(l->start(peersOf(l),
                                  QStringList{QStringLiteral("--ring-sales"), QString::number(each),
                                              QStringLiteral("--seed"), QString::number(seed++)}
                                      << noReconcile),
                         qPrintable(l->log()));
            }
            salesSoFar += qint64(sellers.size()) * each;
            everyLaneHas(allSales, salesSoFar);
            for (LaneProcess *l : sellers) {
                QStringList phase = ownSales(*l);
                for (const QString &id : before.value(l))
                    phase.removeOne(id);
                QCOMPARE(phase.size(), each);
                for (auto [product, units] : unitsSold(*l, phase).asKeyValueRange())
                    truth[product] -= units;
            }
        };
        count(l3, QStringLiteral("BEE-0001"), lager, 100); // on the lane with the wrong clock
        if (QTest::currentTestFailed())
            return;
        sell({&l1, &l2, &l3}, 12, 1);
        if (QTest::currentTestFailed())
            return;
        count(l1, QStringLiteral("BEE-0004"), stout, 60);
        if (QTest::currentTestFailed())
            return;
        sell({&l3, &l2}, 12, 10);
        if (QTest::currentTestFailed())
            return;
        count(l3, QStringLiteral("BEE-0004"), stout, 45); // again on the wrong clock
        if (QTest::currentTestFailed())
            return;
        count(l2, QStringLiteral("BEE-0001"), lager, 80);
        if (QTest::currentTestFailed())
            return;
        sell({&l1, &l3}, 12, 20);
        if (QTest::currentTestFailed())
            return;

        for (LaneProcess *l : lanes) {
            QTRY_VERIFY2_WITH_TIMEOUT(differences(stockOf(*l), truth).isEmpty(),
                                      qPrintable(l->terminalId() + QStringLiteral(": ") +
                                                 differences(stockOf(*l), truth)),
                                      kConverge);
            QCOMPARE(l->count(QStringLiteral(
                         "SELECT COUNT(*) FROM held_messages WHERE released_at IS NULL")),
                     0);
        }
        // L3 still says its clock is wrong; the others name it.
        QVERIFY(storeClockOf(l3).value(QLatin1String("skewed")).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(storeClockOf(l1)
                                     .value(QLatin1String("peers"))
                                     .toObject()
                                     .value(QLatin1String("L3"))
                                     .toObject()
                                     .value(QLatin1String("skewed"))
                                     .toBool(),
                                 kConverge);
        for (LaneProcess *l : lanes)
            QVERIFY(l->stop());
    }

    void partitionedLanesAgreeOnExactStock()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        LaneProcess l3(QStringLiteral("L3"), dir.filePath(QStringLiteral("l3")));
        // L1 and L2 know no other lane; L3, down, knows both: they sell cut off from each other,
        // from the same catalog (the same products), L2 with its clock an hour behind.
        l2.setEnv(QStringLiteral("EUPHORIA_CLOCK_OFFSET_SECONDS"), QStringLiteral("-3600"));
        // Runs every 2 s, 300 times the default schedule: the answering lanes allow as much.
        const QStringList reconcileSoon{QStringLiteral("--reconcile-first-seconds"),
                                        QStringLiteral("1"),
                                        QStringLiteral("--reconcile-interval-seconds"),
                                        QStringLiteral("2"),
                                        QStringLiteral("--peer-inventory-requests-per-minute"),
                                        QStringLiteral("600")};
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
