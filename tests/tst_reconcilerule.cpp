// Reconciliation's rule for one product, table-driven: what a lane does with its record and a
// peer's (either may be missing), whether the lanes hold the same messages, and whether the
// product changed here during the run.
#include "inventoryrequestlimiter.h"
#include "reconcilerule.h"

#include <QTest>

#include <optional>

Q_DECLARE_METATYPE(std::optional<InventoryRecord>)
Q_DECLARE_METATYPE(ReconcileRule::Action)
Q_DECLARE_METATYPE(ReconcileRule::Backing)

namespace {
HlcTime at(qint64 ms, const QString &lane, qint64 counter = 0)
{
    return HlcTime{ms, counter, lane};
}

// A record with stock and its last update; with baselineAt, a baseline (a count) too.
InventoryRecord record(qint64 stock, HlcTime updated, qint64 baseline = 0,
                       std::optional<HlcTime> baselineAt = std::nullopt)
{
    InventoryRecord r;
    r.productId = QStringLiteral("p");
    r.currentStock = stock;
    r.updated = updated;
    r.lastUpdated = updated.iso();
    r.hasBaseline = baselineAt.has_value();
    r.baselineQuantity = baseline;
    if (baselineAt)
        r.baselineHlc = *baselineAt;
    return r;
}
} // namespace

class TstReconcileRule : public QObject
{
    Q_OBJECT
private slots:
    void decide_data()
    {
        using A = ReconcileRule::Action;
        using R = std::optional<InventoryRecord>;
        QTest::addColumn<R>("local");
        QTest::addColumn<R>("remote");
        QTest::addColumn<bool>("sameMessages");
        QTest::addColumn<bool>("changedHere");
        QTest::addColumn<A>("action");
        QTest::addColumn<bool>("remoteWins");
        QTest::addColumn<qint64>("quantity");
        QTest::addColumn<HlcTime>("time");

        const QString L1 = QStringLiteral("L1");
        const QString L2 = QStringLiteral("L2");
        const HlcTime t10 = at(10000, L1), t20 = at(20000, L2), t30 = at(30000, L1);
        const HlcTime none;

        QTest::newRow("same stock, same time: nothing")
            << R(record(7, t10)) << R(record(7, t10)) << true << false << A::Same << false
            << qint64(0) << none;
        QTest::newRow("same even while messages differ")
            << R(record(7, t10)) << R(record(7, t10)) << false << true << A::Same << false
            << qint64(0) << none;
        QTest::newRow("a difference waits for the same messages")
            << R(record(7, t10)) << R(record(9, t20)) << false << false << A::NotSameMessages
            << false << qint64(0) << none;
        QTest::newRow("messages first, then what changed here")
            << R(record(7, t10)) << R(record(9, t20)) << false << true << A::NotSameMessages
            << false << qint64(0) << none;
        QTest::newRow("changed here during the run: next run")
            << R(record(7, t10)) << R(record(9, t20)) << true << true << A::ChangedHere << false
            << qint64(0) << none;
        QTest::newRow("no baselines: the later lastUpdated (remote)")
            << R(record(7, t10)) << R(record(9, t20)) << true << false << A::Settle << true
            << qint64(9) << t20;
        QTest::newRow("no baselines: the later lastUpdated (local)")
            << R(record(7, t30)) << R(record(9, t20)) << true << false << A::Settle << false
            << qint64(7) << t30;
        QTest::newRow("same ms: the counter decides")
            << R(record(7, at(20000, L2, 1))) << R(record(9, t20)) << true << false << A::Settle
            << false << qint64(7) << at(20000, L2, 1);
        QTest::newRow("same ms and counter: the lane id decides")
            << R(record(7, at(20000, L1))) << R(record(9, t20)) << true << false << A::Settle
            << true << qint64(9) << t20;
        QTest::newRow("the later count wins, at its baseline, over a later sale")
            << R(record(40, t30, 50, t10)) << R(record(60, t20, 60, t20)) << true << false
            << A::Settle << true << qint64(60) << t20;
        QTest::newRow("the local later count wins")
            << R(record(40, t30, 50, t30)) << R(record(60, t20, 60, t20)) << true << false
            << A::Settle << false << qint64(50) << t30;
        QTest::newRow("equal baselines: lastUpdated and the current figure")
            << R(record(40, t30, 50, t10)) << R(record(45, t20, 50, t10)) << true << false
            << A::Settle << false << qint64(40) << t30;
        QTest::newRow("one baseline only: lastUpdated")
            << R(record(40, t10)) << R(record(45, t20, 50, t10)) << true << false << A::Settle
            << true << qint64(45) << t20;
        QTest::newRow("only the peer has it, with a baseline: its baseline")
            << R() << R(record(45, t20, 50, t10)) << true << false << A::Settle << true
            << qint64(50) << t10;
        QTest::newRow("only the peer has it, no baseline: its figure")
            << R() << R(record(45, t20)) << true << false << A::Settle << true << qint64(45) << t20;
        QTest::newRow("only this lane has it: its figure")
            << R(record(45, t20, 50, t10)) << R() << true << false << A::Settle << false
            << qint64(45) << t20;
    }

    void decide()
    {
        QFETCH(std::optional<InventoryRecord>, local);
        QFETCH(std::optional<InventoryRecord>, remote);
        QFETCH(bool, sameMessages);
        QFETCH(bool, changedHere);
        QFETCH(ReconcileRule::Action, action);
        QFETCH(bool, remoteWins);
        QFETCH(qint64, quantity);
        QFETCH(HlcTime, time);
        const ReconcileRule::Decision d = ReconcileRule::decide(
            local ? &*local : nullptr, remote ? &*remote : nullptr, sameMessages, changedHere);
        QCOMPARE(int(d.action), int(action));
        if (action != ReconcileRule::Action::Settle)
            return;
        QCOMPARE(d.remoteWins, remoteWins);
        QCOMPARE(d.quantity, quantity);
        QCOMPARE(d.time.ms, time.ms);
        QCOMPARE(d.time.counter, time.counter);
        QCOMPARE(d.time.terminal, time.terminal);
    }

    // Facts, not figures: whether a settle decision may be acted on, given what the peer's
    // record rests on.
    void mayAct_data()
    {
        using B = ReconcileRule::Backing;
        QTest::addColumn<int>("action");
        QTest::addColumn<bool>("remoteWins");
        QTest::addColumn<bool>("remoteHasRecord");
        QTest::addColumn<B>("backing");
        QTest::addColumn<bool>("act");
        const int settle = int(ReconcileRule::Action::Settle);
        QTest::newRow("peer wins, its count is a message held here: adopted")
            << settle << true << true << B::Message << true;
        QTest::newRow("peer wins on the catalog's figure: no message, nothing")
            << settle << true << true << B::Catalog << false;
        QTest::newRow("peer wins, named message not here: nothing")
            << settle << true << true << B::Missing << false;
        QTest::newRow("peer wins, nothing backs it: nothing")
            << settle << true << true << B::None << false;
        QTest::newRow("this lane wins over a backed record: published")
            << settle << false << true << B::Message << true;
        QTest::newRow("this lane wins over the catalog's figure: published")
            << settle << false << true << B::Catalog << true;
        QTest::newRow("this lane wins over a figure nothing backs: nothing")
            << settle << false << true << B::None << false;
        QTest::newRow("this lane wins over a record the peer does not have: nothing")
            << settle << false << false << B::None << false;
        QTest::newRow("not the same messages: nothing")
            << int(ReconcileRule::Action::NotSameMessages) << true << true << B::Message << false;
        QTest::newRow("same figures: nothing")
            << int(ReconcileRule::Action::Same) << false << true << B::Message << false;
    }

    void mayAct()
    {
        QFETCH(int, action);
        QFETCH(bool, remoteWins);
        QFETCH(bool, remoteHasRecord);
        QFETCH(ReconcileRule::Backing, backing);
        QFETCH(bool, act);
        ReconcileRule::Decision d;
        d.action = ReconcileRule::Action(action);
        d.remoteWins = remoteWins;
        QCOMPARE(ReconcileRule::mayAct(d, remoteHasRecord, backing), act);
    }

    // inventory_request answers per requesting lane: a burst of perMinute, then one per
    // 60 s / perMinute, never two in flight; each lane counted on its own.
    void requestLimiter()
    {
        InventoryRequestLimiter limit(6);
        const QString l2 = QStringLiteral("L2");
        // Two runs of three rounds each, back to back (a scheduled one, then an on-demand one).
        for (int i = 0; i < 6; ++i) {
            const auto d = limit.admit(l2, 1000 + i * 100);
            QVERIFY2(d.admitted, qPrintable(QString::number(i)));
            // Not answered yet: the next request is refused as in flight.
            const auto busy = limit.admit(l2, 1000 + i * 100 + 1);
            QVERIFY(!busy.admitted);
            QCOMPARE(busy.reason, QStringLiteral("an answer to it is still in flight"));
            QVERIFY(busy.log); // the first refusal since an answer
            limit.answered(l2);
        }
        auto refused = limit.admit(l2, 1600);
        QVERIFY(!refused.admitted);
        QCOMPARE(refused.reason, QStringLiteral("more than 6 per minute"));
        QVERIFY(refused.retryAfterMs > 0 && refused.retryAfterMs <= 10000);
        QCOMPARE(refused.refusedInARow, 2); // after the one refused as in flight
        QVERIFY(!refused.log);              // that one was logged a moment ago
        limit.answered(l2);
        // Logged: the first refusal in a row, then once a minute.
        InventoryRequestLimiter quiet(1);
        QVERIFY(quiet.admit(l2, 0).admitted); // and never answered
        QVERIFY(quiet.admit(l2, 1).log);
        QVERIFY(!quiet.admit(l2, 2).log);
        QVERIFY(!quiet.admit(l2, 59000).log);
        QVERIFY(quiet.admit(l2, 60001).log);
        // Another lane has a bucket of its own.
        QVERIFY(limit.admit(QStringLiteral("L3"), 1700).admitted);
        // A token comes back every 10 s, one at a time.
        InventoryRequestLimiter slow(6);
        for (int i = 0; i < 6; ++i) {
            QVERIFY(slow.admit(l2, 0).admitted);
            slow.answered(l2);
        }
        QVERIFY(!slow.admit(l2, 9999).admitted);
        QVERIFY(slow.admit(l2, 10000).admitted);
        slow.answered(l2);
        QVERIFY(!slow.admit(l2, 10001).admitted);
        // A flood of 2000 in 15 s gets the burst and one more.
        InventoryRequestLimiter flood(6);
        int answered = 0;
        for (int i = 0; i < 2000; ++i) {
            if (flood.admit(l2, i * 15000 / 2000).admitted) {
                ++answered;
                flood.answered(l2);
            }
        }
        QCOMPARE(answered, 7);
    }
};

QTEST_GUILESS_MAIN(TstReconcileRule)
#include "tst_reconcilerule.moc"
