// Property test of the day's reports: random days on 2 or 3 real lanes (real SQLite files,
// the production SaleService, Shifts and Inbox) with sales of several lines, line and cart
// discounts, cash with change, card and split tenders, returns of any lane's sales, paid in and
// out (approved above the limit), drawer opens, voided carts, several shifts with blind counts
// over and short, Z reports, and lanes that stay offline until the end of the day while the
// others trade messages as they go. Every X report (each shift), every Z report and the
// store-wide report on every lane must add up, cent for cent, to what the simulation itself
// recorded of each transaction and movement (its own arithmetic on the carts it paid, not the
// report code), to SQL sums over the stored transactions, and to their own internal identities
// (tenders = total, tax by rate = tax, Z = its shifts, store = its lanes, every lane the same).
//
// Seeds: EUPHORIA_REPORT_SEEDS="FIRST-LAST" (default 0-11). Replay one:
// EUPHORIA_REPORT_SEEDS=N tst_reportsim days:seed-N
#include "cart.h"
#include "testlane.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTest>

namespace {
// What the simulation knows of one shift, from its own bookkeeping.
struct ModelShift
{
    QString lane;
    qint64 sales = 0, returns = 0, items = 0, gross = 0, discount = 0, returnsCents = 0, tax = 0,
           total = 0;
    QMap<int, QPair<qint64, qint64>> rates;       // bp -> (net, tax)
    QMap<QString, QPair<qint64, qint64>> tenders; // method -> (count, amount)
    qint64 paidInCount = 0, paidIn = 0, paidOutCount = 0, paidOut = 0, noSales = 0, voided = 0,
           voidedCents = 0, floatCents = 0;
    bool closed = false;
    qint64 counted = 0;

    ReportTotals totals() const
    {
        ReportTotals t;
        t.salesCount = sales;
        t.returnsCount = returns;
        t.customerCount = sales;
        t.itemsSold = items;
        t.grossCents = gross;
        t.discountCents = discount;
        t.returnsCents = returnsCents;
        t.taxCents = tax;
        t.totalCents = total;
        for (auto it = rates.cbegin(); it != rates.cend(); ++it)
            t.taxByRate.insert(it.key(), {it->first, it->second});
        for (auto it = tenders.cbegin(); it != tenders.cend(); ++it)
            t.tenders.insert(it.key(), {it->first, it->second});
        t.paidInCount = paidInCount;
        t.paidInCents = paidIn;
        t.paidOutCount = paidOutCount;
        t.paidOutCents = paidOut;
        t.noSaleCount = noSales;
        t.voidedCount = voided;
        t.voidedCents = voidedCents;
        t.floatCents = floatCents;
        return t;
    }
    qint64 expectedCash() const
    {
        return floatCents + tenders.value(QStringLiteral("cash")).second + paidIn - paidOut;
    }
};

QString describe(const ReportTotals &t)
{
    return QString::fromUtf8(QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact));
}

// The identities every report must satisfy whatever it covers.
QString inconsistency(const ReportTotals &t)
{
    qint64 tenders = 0, rateTax = 0, rateAll = 0;
    for (const auto &tender : t.tenders)
        tenders += tender.amountCents;
    for (const auto &rate : t.taxByRate) {
        rateTax += rate.taxCents;
        rateAll += rate.netCents + rate.taxCents;
    }
    if (tenders != t.totalCents)
        return QStringLiteral("tenders %1 != total %2").arg(tenders).arg(t.totalCents);
    if (rateTax != t.taxCents)
        return QStringLiteral("tax by rate %1 != tax %2").arg(rateTax).arg(t.taxCents);
    if (rateAll != t.totalCents)
        return QStringLiteral("net + tax by rate %1 != total %2").arg(rateAll).arg(t.totalCents);
    if (t.customerCount != t.salesCount)
        return QStringLiteral("customers != sales");
    return {};
}
} // namespace

class TstReportSim : public QObject
{
    Q_OBJECT

    struct Day
    {
        QRandomGenerator rng;
        std::vector<std::unique_ptr<TestLane>> lanes;
        QSet<int> offline; // lanes that trade messages only at the end of the day
        QMap<QString, ModelShift> shifts;
        QMap<QString, QString> shiftOfSale; // sale id -> shift (the model's record)
        QStringList saleIds;                // completed sales, any lane
        qint64 actions = 0, returns = 0, splits = 0, approvals = 0, zs = 0, overShort = 0;

        int pick(int n) { return int(rng.bounded(quint32(n))); }
        bool chance(int percent) { return pick(100) < percent; }
    };

    static void syncPair(Day &d, int from, int to)
    {
        if (from == to)
            return;
        const QList<QByteArray> frames = lacking(*d.lanes[from], *d.lanes[to]);
        if (!frames.isEmpty())
            QVERIFY(allApplied(deliver(*d.lanes[to], frames)));
    }

    static void openShift(Day &d, int i)
    {
        TestLane &t = *d.lanes[i];
        QList<DenominationCount> counts;
        qint64 amount = 0;
        if (d.chance(50)) {
            for (qint64 value : {2000, 1000, 500, 100, 25, 10}) {
                const qint64 n = d.pick(6);
                if (n) {
                    counts.append({value, n});
                    amount += value * n;
                }
            }
        } else {
            amount = d.pick(30000);
        }
        auto shift = t.lane().shifts().open(demoCashier(t), amount, counts);
        QVERIFY2(shift, qPrintable(shift.error()));
        ModelShift m;
        m.lane = t.lane().config().terminalId;
        m.floatCents = amount;
        d.shifts.insert(shift->id, m);
    }

    static void sell(Day &d, int i)
    {
        TestLane &t = *d.lanes[i];
        auto products = t.lane().catalog().byCategory(QString(), 60);
        QVERIFY(products && !products->isEmpty());
        Cart cart;
        const int lines = 1 + d.pick(4);
        for (int l = 0; l < lines; ++l)
            QVERIFY(cart.add(products->at(d.pick(int(products->size()))), 1 + d.pick(3)));
        for (int l = 0; l < cart.lines().size(); ++l) {
            if (d.chance(20))
                QVERIFY(cart.setLineDiscountBp(l, 500 * (1 + d.pick(3))));
        }
        if (d.chance(10))
            QVERIFY(cart.setCartDiscountBp(1000));
        const int how = d.pick(3);
        if (how == 0) {
            QVERIFY(cart.addCard(cart.totalCents()));
        } else if (how == 1) {
            QVERIFY(cart.addCash(cart.totalCents() + d.pick(2000)));
        } else {
            const qint64 card = cart.totalCents() / (2 + d.pick(3));
            QVERIFY(cart.addCard(card));
            QVERIFY(cart.addCash(cart.remainingCents() + d.pick(500)));
            ++d.splits;
        }
        const Cart paid = cart; // what the simulation charged, before the cart is cleared
        const QString shiftId = t.lane().shifts().current()->id;
        auto sale = t.lane().sales().complete(cart, demoCashier(t));
        QVERIFY2(sale, qPrintable(sale.error()));
        ModelShift &m = d.shifts[shiftId];
        ++m.sales;
        m.items += paid.itemCount();
        m.gross += paid.subtotalCents();
        m.discount += paid.discountCents();
        m.tax += paid.taxCents();
        m.total += paid.totalCents();
        for (const CartLine &l : paid.lines()) {
            m.rates[l.product.taxRateBp].first += l.net();
            m.rates[l.product.taxRateBp].second += l.tax();
        }
        qint64 remaining = paid.totalCents();
        for (const Tender &tender : paid.tenders()) {
            const QString method = tender.method == Tender::Method::Cash ? QStringLiteral("cash")
                                                                         : QStringLiteral("card");
            // Cash beyond what is left to pay is change: only what is applied counts.
            const qint64 applied = std::min(tender.amountCents, remaining);
            remaining -= applied;
            ++m.tenders[method].first;
            m.tenders[method].second += applied;
        }
        d.shiftOfSale.insert(sale->id, shiftId);
        d.saleIds.append(sale->id);
    }

    static void takeReturn(Day &d, int i)
    {
        TestLane &t = *d.lanes[i];
        if (d.saleIds.isEmpty())
            return;
        const QString saleId = d.saleIds.at(d.pick(int(d.saleIds.size())));
        auto sale = t.lane().sales().sales().byId(saleId);
        QVERIFY(sale);
        if (!sale->has_value())
            return; // not on this lane (yet)
        auto left = t.lane().sales().returnable(**sale);
        QVERIFY(left);
        QList<SaleService::ReturnLine> lines;
        for (auto it = left->cbegin(); it != left->cend(); ++it) {
            if (*it > 0 && d.chance(60))
                lines.append({it.key(), 1 + d.pick(*it)});
        }
        if (lines.isEmpty())
            return;
        const QString method = d.chance(50) ? QStringLiteral("cash") : QStringLiteral("card");
        const QString shiftId = t.lane().shifts().current()->id;
        auto ret =
            t.lane().sales().completeReturn(saleId, lines, method, demoCashier(t), demoManager(t));
        QVERIFY2(ret, qPrintable(ret.error()));
        // The refund's amounts are the sale's own shares (SaleService's rule, tested in
        // tst_sale); the simulation books the record and checks it against SQL below.
        ModelShift &m = d.shifts[shiftId];
        ++m.returns;
        m.returnsCents += ret->totalCents;
        m.tax += ret->taxCents;
        m.total += ret->totalCents;
        for (const SaleLine &l : ret->lines) {
            m.items += l.quantity;
            m.rates[l.taxRateBp].first += l.totalCents - l.taxCents;
            m.rates[l.taxRateBp].second += l.taxCents;
        }
        for (const SalePayment &p : ret->payments) {
            ++m.tenders[p.method].first;
            m.tenders[p.method].second += p.amountCents;
        }
        QCOMPARE(ret->payments.size(), 1);
        QCOMPARE(ret->payments.first().amountCents, ret->totalCents);
        ++d.returns;
    }

    static void moveCash(Day &d, int i)
    {
        TestLane &t = *d.lanes[i];
        Shifts &shifts = t.lane().shifts();
        ModelShift &m = d.shifts[shifts.current()->id];
        const Employee cashier = demoCashier(t);
        const Employee manager = demoManager(t);
        const int kind = d.pick(4);
        if (kind <= 1) {
            const qint64 amount = 1 + d.pick(9000);
            const bool approve = shifts.needsApproval(amount);
            d.approvals += approve;
            auto r = kind == 0 ? shifts.payIn(cashier, amount, QStringLiteral("change"),
                                              approve ? &manager : nullptr)
                               : shifts.payOut(cashier, amount, QStringLiteral("supplies"),
                                               approve ? &manager : nullptr);
            QVERIFY2(r, qPrintable(r.error()));
            if (kind == 0) {
                ++m.paidInCount;
                m.paidIn += amount;
            } else {
                ++m.paidOutCount;
                m.paidOut += amount;
            }
        } else if (kind == 2) {
            QVERIFY(shifts.noSale(cashier));
            ++m.noSales;
        } else {
            const qint64 amount = 1 + d.pick(20000);
            QVERIFY(shifts.cartVoided(cashier, amount));
            ++m.voided;
            m.voidedCents += amount;
        }
    }

    static void closeShift(Day &d, int i)
    {
        TestLane &t = *d.lanes[i];
        const QString id = t.lane().shifts().current()->id;
        ModelShift &m = d.shifts[id];
        const qint64 counted = std::max<qint64>(0, m.expectedCash() + d.pick(1001) - 500);
        auto closed = t.lane().shifts().close(demoCashier(t), counted);
        QVERIFY2(closed, qPrintable(closed.error()));
        QCOMPARE(closed->expectedCashCents, m.expectedCash());
        QCOMPARE(closed->overShortCents, counted - m.expectedCash());
        d.overShort += closed->overShortCents != 0;
        m.closed = true;
        m.counted = counted;
    }

    static void takeZ(Day &d, int i)
    {
        TestLane &t = *d.lanes[i];
        auto before = t.lane().shifts().store().closedWithoutZ(t.lane().config().terminalId);
        QVERIFY(before);
        if (before->isEmpty())
            return;
        auto z = t.lane().shifts().takeZ(demoManager(t));
        QVERIFY2(z, qPrintable(z.error()));
        ++d.zs;
    }

    static void checkShift(Day &d, TestLane &t, const QString &shiftId)
    {
        const ModelShift &m = d.shifts.value(shiftId);
        auto x = t.lane().shifts().totals(shiftId);
        QVERIFY2(x, qPrintable(x.error()));
        QVERIFY2(*x == m.totals(),
                 qPrintable(QStringLiteral("shift %1 on %2:\n report %3\n model  %4")
                                .arg(shiftId, t.lane().config().terminalId, describe(*x),
                                     describe(m.totals()))));
        QVERIFY2(inconsistency(*x).isEmpty(), qPrintable(inconsistency(*x)));
        QCOMPARE(x->expectedCashCents(), m.expectedCash());
        // The same figures by SQL over the stored rows.
        if (m.lane == t.lane().config().terminalId) {
            QCOMPARE(t.count(QStringLiteral("SELECT COALESCE(SUM(total_cents), 0) FROM "
                                            "transactions WHERE shift_id = '%1'")
                                 .arg(shiftId)),
                     m.total);
            QCOMPARE(t.count(QStringLiteral("SELECT COALESCE(SUM(p.amount_cents), 0) FROM "
                                            "payments p JOIN transactions x ON x.id = "
                                            "p.transaction_id WHERE x.shift_id = '%1' AND "
                                            "p.method = 'cash'")
                                 .arg(shiftId)),
                     m.tenders.value(QStringLiteral("cash")).second);
        }
    }

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("lane.*.info=false")); }

    void days_data()
    {
        QTest::addColumn<quint32>("seed");
        const QString spec = qEnvironmentVariable("EUPHORIA_REPORT_SEEDS", QStringLiteral("0-11"));
        const QStringList range = spec.split(QLatin1Char('-'));
        const quint32 first = range.value(0).toUInt();
        const quint32 last = range.size() > 1 ? range.value(1).toUInt() : first;
        for (quint32 s = first; s <= last; ++s)
            QTest::newRow(qPrintable(QStringLiteral("seed-%1").arg(s))) << s;
    }

    void days()
    {
        QFETCH(quint32, seed);
        qInfo("seed %u -- replay: EUPHORIA_REPORT_SEEDS=%u tst_reportsim days:seed-%u", seed, seed,
              seed);
        Day d{QRandomGenerator(seed), {}, {}, {}, {}, {}};
        const int laneCount = 2 + d.pick(2);
        for (int i = 0; i < laneCount; ++i)
            d.lanes.push_back(std::make_unique<TestLane>(QStringLiteral("L%1").arg(i + 1),
                                                         seed * 10 + quint32(i)));
        if (d.chance(70))
            d.offline.insert(d.pick(laneCount));
        // The demo shift each lane starts with is the day's first.
        for (auto &t : d.lanes) {
            ModelShift m;
            m.lane = t->lane().config().terminalId;
            d.shifts.insert(t->lane().shifts().current()->id, m);
        }

        const int steps = 150 + d.pick(100);
        for (int step = 0; step < steps; ++step) {
            const int i = d.pick(laneCount);
            TestLane &t = *d.lanes[i];
            // One store time for every lane (clocks that drift apart would hold each other's
            // sales back as stamped too far ahead: tst_stocksim's business, not this one's).
            const qint64 elapsed = 1000 + d.pick(20000);
            for (auto &lane : d.lanes)
                lane->clock().advanceMs(elapsed);
            ++d.actions;
            if (!t.lane().shifts().current()) {
                if (d.chance(30))
                    takeZ(d, i);
                openShift(d, i);
            } else {
                const int roll = d.pick(100);
                if (roll < 55)
                    sell(d, i);
                else if (roll < 67)
                    takeReturn(d, i);
                else if (roll < 85)
                    moveCash(d, i);
                else if (roll < 91)
                    closeShift(d, i);
                else {
                    // Peers trade what they have (offline lanes only at the end).
                    const int j = d.pick(laneCount);
                    if (!d.offline.contains(i) && !d.offline.contains(j)) {
                        syncPair(d, i, j);
                        syncPair(d, j, i);
                    }
                }
            }
            if (QTest::currentTestFailed())
                return;
        }
        // The end of the day: every lane counts its drawer and takes its Z; then the network
        // heals and every lane gets everything.
        for (int i = 0; i < laneCount; ++i) {
            if (d.lanes[i]->lane().shifts().current())
                closeShift(d, i);
            takeZ(d, i);
        }
        for (int round = 0; round < 2; ++round)
            for (int i = 0; i < laneCount; ++i)
                for (int j = 0; j < laneCount; ++j)
                    syncPair(d, i, j);
        if (QTest::currentTestFailed())
            return;

        // Every lane holds every lane's transactions.
        for (auto &origin : d.lanes) {
            const QString sql = QStringLiteral("SELECT COUNT(*) FROM transactions WHERE "
                                               "terminal_id = '%1'")
                                    .arg(origin->lane().config().terminalId);
            for (auto &t : d.lanes)
                QVERIFY2(t->count(sql) == origin->count(sql),
                         qPrintable(QStringLiteral("%1 holds %2 of %3's %4 transactions")
                                        .arg(t->lane().config().terminalId)
                                        .arg(t->count(sql))
                                        .arg(origin->lane().config().terminalId)
                                        .arg(origin->count(sql))));
        }

        // X of every shift, on every lane (a remote closed shift: the totals it closed with).
        for (auto &t : d.lanes)
            for (auto it = d.shifts.cbegin(); it != d.shifts.cend(); ++it) {
                checkShift(d, *t, it.key());
                if (QTest::currentTestFailed())
                    return;
            }

        // Each lane's Z reports: 1, 2, ... and each the sum of its shifts; every lane holds
        // every Z; every shift in exactly one Z.
        QSet<QString> inZ;
        for (auto &t : d.lanes) {
            const QString id = t->lane().config().terminalId;
            auto zs = t->lane().shifts().store().zReports(QString(), 1000);
            QVERIFY(zs);
            QMap<QString, QList<qint64>> numbers;
            for (const ZReportRecord &z : *zs) {
                numbers[z.terminalId].prepend(z.zNumber);
                ReportTotals sum;
                for (const QString &s : z.shiftIds) {
                    QVERIFY(d.shifts.contains(s));
                    QCOMPARE(d.shifts.value(s).lane, z.terminalId);
                    sum.add(d.shifts.value(s).totals());
                    if (id == QLatin1String("L1")) {
                        QVERIFY2(!inZ.contains(s), "a shift in two Z reports");
                        inZ.insert(s);
                    }
                }
                auto totals =
                    ReportTotals::fromJson(QJsonDocument::fromJson(z.totalsJson.toUtf8()).object());
                QVERIFY(totals);
                QVERIFY2(*totals == sum,
                         qPrintable(QStringLiteral("Z %1 of %2").arg(z.zNumber).arg(z.terminalId)));
                QVERIFY2(inconsistency(*totals).isEmpty(), qPrintable(inconsistency(*totals)));
            }
            QCOMPARE(numbers.size(), laneCount);
            for (auto it = numbers.cbegin(); it != numbers.cend(); ++it) {
                std::sort(numbers[it.key()].begin(), numbers[it.key()].end());
                for (int k = 0; k < it->size(); ++k)
                    QCOMPARE(numbers.value(it.key()).at(k), qint64(k + 1));
            }
        }
        QCOMPARE(inZ.size(), d.shifts.size());

        // The store's day: the same on every lane, each lane's row its shifts' sales and
        // movements, the store the sum of its lanes.
        const QDate day = d.lanes.front()->clock().nowUtc().toLocalTime().date();
        QMap<QString, ReportTotals> perLane;
        for (const ModelShift &m : std::as_const(d.shifts)) {
            ReportTotals t = m.totals();
            t.floatCents = 0; // floats are per drawer, not the store's day
            perLane[m.lane].add(t);
        }
        std::optional<ReportTotals> first;
        for (auto &t : d.lanes) {
            auto report = t->lane().shifts().storeReport(day);
            QVERIFY2(report, qPrintable(report.error()));
            QCOMPARE(report->lanes.size(), laneCount);
            ReportTotals sum;
            for (const Shifts::LaneTotals &lane : report->lanes) {
                QVERIFY2(lane.totals == perLane.value(lane.terminalId),
                         qPrintable(QStringLiteral("store report of %1 on %2:\n report %3\n model "
                                                   "%4")
                                        .arg(lane.terminalId, t->lane().config().terminalId,
                                             describe(lane.totals),
                                             describe(perLane.value(lane.terminalId)))));
                sum.add(lane.totals);
            }
            QVERIFY(report->store == sum);
            QVERIFY2(inconsistency(report->store).isEmpty(),
                     qPrintable(inconsistency(report->store)));
            QCOMPARE(t->count(QStringLiteral("SELECT SUM(total_cents) FROM transactions")),
                     report->store.totalCents);
            if (first)
                QVERIFY(*first == report->store);
            first = report->store;
            QCOMPARE(report->zReports.size(), qsizetype(d.zs));
        }
        QVERIFY2(d.returns > 0 && d.splits > 0,
                 "the day had no return or no split tender: the property was not exercised");
        qInfo("seed %u: %d lanes, %lld actions, %lld shifts, %lld Z, %lld returns, %lld split "
              "tenders, %lld approvals, %lld counts over or short",
              seed, laneCount, d.actions, qint64(d.shifts.size()), d.zs, d.returns, d.splits,
              d.approvals, d.overShort);
    }
};

QTEST_GUILESS_MAIN(TstReportSim)
#include "tst_reportsim.moc"
