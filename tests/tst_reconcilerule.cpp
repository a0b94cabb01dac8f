// Reconciliation's rule for one product, table-driven: what a lane does with its record and a
// peer's (either may be missing), whether the lanes hold the same messages, and whether the
// product changed here during the run.
#include "reconcilerule.h"

#include <QTest>

#include <optional>

Q_DECLARE_METATYPE(std::optional<InventoryRecord>)
Q_DECLARE_METATYPE(ReconcileRule::Action)

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
};

QTEST_GUILESS_MAIN(TstReconcileRule)
#include "tst_reconcilerule.moc"
