// Shifts, cash movements and Z reports on real lanes and real SQLite files: a lane sells only
// inside an open shift; the blind count gives over/short; paid in/out above the limit needs
// another manager; Z reports are numbered without gaps and never change; a closed shift and a Z
// report reach the other lanes as messages, and a second report under a Z number is refused for
// good.
#include "cart.h"
#include "peerprotocol.h"
#include "shiftpayload.h"
#include "testlane.h"
#include "testseed.h"
#include "topics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
// A card or cash sale of `units` of the catalog's first product; cash: `extra` handed over
// beyond the total (change).
Result<SaleRecord> sell(TestLane &t, int units, bool cash, qint64 extra = 0)
{
    auto products = t.lane().catalog().byCategory(QString(), 10);
    if (!products || products->isEmpty())
        return Result<SaleRecord>::failure(QStringLiteral("no products"));
    Cart cart;
    if (auto added = cart.add(products->first(), units); !added)
        return Result<SaleRecord>::failure(added.error());
    const Status paid =
        cash ? cart.addCash(cart.totalCents() + extra) : cart.addCard(cart.totalCents());
    if (!paid)
        return Result<SaleRecord>::failure(paid.error());
    return t.lane().sales().complete(cart, demoCashier(t));
}

qint64 outboxCount(TestLane &t, const QString &topic)
{
    return t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = '%1'").arg(topic));
}

ReportTotals totalsOf(const QString &json)
{
    auto t = ReportTotals::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    return t ? *t : ReportTotals{};
}
} // namespace

class TstShifts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theDemoStartOpensAShiftForTheDemoCashier()
    {
        TestLane t(QStringLiteral("L1"), testRandom().generate());
        const auto &shift = t.lane().shifts().current();
        QVERIFY(shift.has_value());
        QCOMPARE(shift->openedBy, demoCashier(t).id);
        QCOMPARE(shift->floatCents, 0);
        QCOMPARE(t.lane().sales().shiftId(), shift->id);
        // Opening is local: nothing is published until the shift closes.
        QCOMPARE(outboxCount(t, QString(Topics::Shift)), 0);
    }

    void aLaneSellsOnlyInsideAnOpenShift()
    {
        TestLane t(QStringLiteral("L1"), testRandom().generate());
        auto first = sell(t, 1, false);
        QVERIFY2(first, qPrintable(first.error()));
        QCOMPARE(first->shiftId, t.lane().shifts().current()->id);
        QVERIFY(t.lane().shifts().close(demoCashier(t), 0));
        QVERIFY(!t.lane().shifts().current());

        auto refused = sell(t, 1, false);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("No shift is open")),
                 qPrintable(refused.error()));
        auto noReturn = t.lane().sales().completeReturn(first->id, {{1, 1}}, QStringLiteral("card"),
                                                        demoCashier(t), demoManager(t));
        QVERIFY(!noReturn);
        QVERIFY(noReturn.error().contains(QLatin1String("No shift is open")));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 1);

        auto opened = t.lane().shifts().open(demoCashier(t), 5000);
        QVERIFY2(opened, qPrintable(opened.error()));
        auto second = sell(t, 1, false);
        QVERIFY(second);
        QCOMPARE(second->shiftId, opened->id);
        // The shift travels in the transaction's payload.
        auto stored = t.lane().sales().sales().byId(second->id);
        QCOMPARE((*stored)->shiftId, opened->id);
        QVERIFY(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE payload LIKE "
                                       "'%\"shiftId\":\"%1\"%'")
                            .arg(opened->id)) == 1);
    }

    void theBlindCountGivesOverOrShort()
    {
        TestLane t(QStringLiteral("L1"), testRandom().generate());
        Shifts &shifts = t.lane().shifts();
        const Employee cashier = demoCashier(t);
        const Employee manager = demoManager(t);
        QVERIFY(shifts.close(cashier, 0));
        // A float by denomination must add up.
        QVERIFY(!shifts.open(cashier, 10000, {{2000, 4}, {1000, 1}, {100, 5}}));
        auto open = shifts.open(cashier, 10000, {{2000, 4}, {1000, 1}, {100, 10}});
        QVERIFY2(open, qPrintable(open.error()));
        QVERIFY(!shifts.open(cashier, 0)); // one open shift per lane

        auto cashSale = sell(t, 2, true, 500);
        QVERIFY(cashSale);
        QVERIFY(cashSale->changeCents > 0);
        QVERIFY(sell(t, 1, false));
        QVERIFY(shifts.payIn(cashier, 500, QStringLiteral("change from the bank")));
        // Above the limit (5000): another manager's approval.
        QVERIFY(!shifts.payOut(cashier, 6000, QStringLiteral("window cleaner")));
        QVERIFY(!shifts.payOut(cashier, 6000, QStringLiteral("window cleaner"), &cashier));
        QVERIFY(!shifts.payOut(manager, 6000, QStringLiteral("window cleaner"), &manager));
        auto out = shifts.payOut(cashier, 6000, QStringLiteral("window cleaner"), &manager);
        QVERIFY2(out, qPrintable(out.error()));
        QCOMPARE(out->approvedBy, manager.id);
        QVERIFY(!shifts.payOut(cashier, 100, QStringLiteral("  "))); // a reason is needed
        QVERIFY(shifts.noSale(cashier));
        QVERIFY(shifts.cartVoided(cashier, 1234));

        auto x = shifts.totals(open->id);
        QVERIFY(x);
        const qint64 expected = 10000 + cashSale->totalCents + 500 - 6000;
        QCOMPARE(x->expectedCashCents(), expected);
        QCOMPARE(x->salesCount, 2);
        QCOMPARE(x->paidInCents, 500);
        QCOMPARE(x->paidOutCents, 6000);
        QCOMPARE(x->noSaleCount, 1);
        QCOMPARE(x->voidedCount, 1);
        QCOMPARE(x->voidedCents, 1234);
        QCOMPARE(outboxCount(t, QString(Topics::Shift)), 1); // the demo shift closed above

        auto closed = shifts.close(cashier, expected - 150, {});
        QVERIFY2(closed, qPrintable(closed.error()));
        QCOMPARE(closed->expectedCashCents, expected);
        QCOMPARE(closed->overShortCents, -150); // short
        QCOMPARE(totalsOf(closed->totalsJson), *x);
        QCOMPARE(outboxCount(t, QString(Topics::Shift)), 2);
        // Nothing more in a closed shift, and its record never changes.
        QVERIFY(!shifts.payIn(cashier, 100, QStringLiteral("late")));
        QVERIFY(!t.db().run(QStringLiteral("UPDATE shifts SET counted_cents = 1 WHERE id = ?"),
                            open->id));
        QVERIFY(!t.db().run(QStringLiteral("DELETE FROM shift_movements")));
    }

    void zReportsAreNumberedWithoutGapsAndNeverChange()
    {
        TestLane t(QStringLiteral("L1"), testRandom().generate());
        Shifts &shifts = t.lane().shifts();
        const Employee cashier = demoCashier(t);
        const Employee manager = demoManager(t);
        QVERIFY(sell(t, 1, true));
        auto whileOpen = shifts.takeZ(manager);
        QVERIFY(!whileOpen);
        QVERIFY(whileOpen.error().contains(QLatin1String("Close the open shift")));
        const QString firstShift = shifts.current()->id;
        auto x1 = shifts.totals(firstShift);
        QVERIFY(shifts.close(cashier, x1->expectedCashCents()));
        QVERIFY(shifts.open(cashier, 2000));
        QVERIFY(sell(t, 3, false));
        const QString secondShift = shifts.current()->id;
        auto x2 = shifts.totals(secondShift);
        QVERIFY(shifts.close(cashier, 2500));
        QVERIFY(!shifts.takeZ(cashier)); // managers only

        auto z1 = shifts.takeZ(manager);
        QVERIFY2(z1, qPrintable(z1.error()));
        QCOMPARE(z1->zNumber, 1);
        QCOMPARE(z1->shiftIds, QStringList({firstShift, secondShift}));
        ReportTotals sum = *x1;
        sum.add(*x2);
        QCOMPARE(totalsOf(z1->totalsJson), sum);
        auto nothing = shifts.takeZ(manager);
        QVERIFY(!nothing); // no closed shift since
        QVERIFY(nothing.error().contains(QLatin1String("no closed shift")));

        QVERIFY(shifts.open(cashier, 0));
        QVERIFY(sell(t, 1, false));
        QVERIFY(shifts.close(cashier, 0));
        auto z2 = shifts.takeZ(manager);
        QVERIFY(z2);
        QCOMPARE(z2->zNumber, 2);
        QCOMPARE(totalsOf(z2->totalsJson).salesCount, 1);
        QCOMPARE(outboxCount(t, QString(Topics::ZReport)), 2);
        QVERIFY(!t.db().run(QStringLiteral("UPDATE z_reports SET totals = '{}'")));
        QVERIFY(!t.db().run(QStringLiteral("DELETE FROM z_reports")));
        QVERIFY(!t.db().run(QStringLiteral("UPDATE shifts SET z_id = NULL")));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM z_reports")), 2);
    }

    void shiftsAndZReportsReachTheOtherLanes()
    {
        TestLane a(QStringLiteral("L1"), testRandom().generate());
        TestLane b(QStringLiteral("L2"), testRandom().generate());
        Shifts &shifts = a.lane().shifts();
        QVERIFY(sell(a, 2, true));
        QVERIFY(shifts.payIn(demoCashier(a), 700, QStringLiteral("float top-up")));
        const QString shiftId = shifts.current()->id;
        QVERIFY(shifts.close(demoCashier(a), 123));
        auto z = shifts.takeZ(demoManager(a));
        QVERIFY(z);

        const QList<QByteArray> frames = lacking(a, b);
        QVERIFY(allApplied(deliver(b, frames)));
        auto received = b.lane().shifts().store().byId(shiftId);
        QVERIFY(received && received->has_value());
        const ShiftRecord &r = **received;
        QCOMPARE(r.terminalId, QStringLiteral("L1"));
        QVERIFY(!r.isOpen());
        QCOMPARE(r.countedCents, 123);
        QCOMPARE(r.overShortCents, 123 - r.expectedCashCents);
        QCOMPARE(b.lane().shifts().store().movements(shiftId)->size(), 1);
        auto bz = b.lane().shifts().store().zByNumber(QStringLiteral("L1"), 1);
        QVERIFY(bz && bz->has_value());
        QCOMPARE((*bz)->id, z->id);
        QCOMPARE(totalsOf((*bz)->totalsJson), totalsOf(z->totalsJson));
        // b's X of a's shift is the totals a closed it with; b's store report has a's sale.
        QCOMPARE(*b.lane().shifts().totals(shiftId), totalsOf(r.totalsJson));
        auto day = b.lane().shifts().storeReport(a.clock().nowUtc().toLocalTime().date());
        QVERIFY(day);
        QCOMPARE(day->lanes.size(), 1);
        QCOMPARE(day->lanes.first().terminalId, QStringLiteral("L1"));
        QCOMPARE(day->store.salesCount, 1);
        QCOMPARE(day->store.paidInCents, 700);
        QCOMPARE(day->zReports.size(), 1);

        // Again: duplicates, nothing changes.
        for (const Inbox::Result &res : deliver(b, frames))
            QCOMPARE(res.outcome, Inbox::Outcome::Duplicate);

        // Another report under Z 1 of L1 is refused for good.
        QJsonObject forged = ShiftPayload::encodeZ(**bz, totalsOf((*bz)->totalsJson));
        forged.insert(QStringLiteral("zId"),
                      QStringLiteral("6f1c7f9e-8f43-4b8e-9d8e-2b7d1b1c0a11"));
        OutboxMessage m;
        m.id = QStringLiteral("0b5e0e2c-6a1f-4c55-9a57-3c1f2f0d9e01");
        m.fromTerminal = QStringLiteral("L1");
        m.topic = QString(Topics::ZReport);
        m.payload = forged;
        m.timestamp = a.clock().nowIso();
        Inbox inbox(b.db(), QStringLiteral("L2"), b.lane().clock(), b.lane().hlc());
        QVERIFY(inbox.validate(m)); // well formed
        const auto results =
            inbox.applyBatch({Inbox::Incoming{m, PeerProtocol::compact(m.payload)}});
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().outcome, Inbox::Outcome::Rejected);
        QVERIFY(results.first().permanent);
        QVERIFY2(results.first().error.contains(QLatin1String("already report")),
                 qPrintable(results.first().error));
        QCOMPARE(b.count(QStringLiteral("SELECT COUNT(*) FROM z_reports")), 1);
    }

    // A sale another lane sends naming this lane's shift (a bug or a forgery) is kept as that
    // lane's sale, never counted in this lane's drawer.
    void anotherLanesSaleNeverCountsInThisLanesShift()
    {
        TestLane a(QStringLiteral("L1"), testRandom().generate());
        TestLane b(QStringLiteral("L2"), testRandom().generate());
        const QString shiftId = a.lane().shifts().current()->id;
        QVERIFY(sell(a, 1, true));
        const ReportTotals before = *a.lane().shifts().totals(shiftId);
        QVERIFY(sell(b, 2, true));
        auto parsed = PeerProtocol::parse(lacking(b, a, QString(Topics::Transaction)).first());
        QVERIFY(parsed);
        OutboxMessage m = parsed->message;
        m.payload.insert(QStringLiteral("shiftId"), shiftId);
        Inbox inbox(a.db(), QStringLiteral("L1"), a.lane().clock(), a.lane().hlc());
        QVERIFY(
            allApplied(inbox.applyBatch({Inbox::Incoming{m, PeerProtocol::compact(m.payload)}})));
        QCOMPARE(a.count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE shift_id = '%1'")
                             .arg(shiftId)),
                 2);
        QCOMPARE(*a.lane().shifts().totals(shiftId), before);
    }

    void badShiftPayloadsAreRefused_data()
    {
        QTest::addColumn<QString>("member");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("overShort not counted - expected")
            << QStringLiteral("overShortCents") << QJsonValue(1);
        QTest::newRow("negative float") << QStringLiteral("floatCents") << QJsonValue(-1);
        QTest::newRow("shiftId not a UUID")
            << QStringLiteral("shiftId") << QJsonValue(QStringLiteral("x"));
        QTest::newRow("another lane's terminal")
            << QStringLiteral("terminalId") << QJsonValue(QStringLiteral("L9"));
        QTest::newRow("closed before opened")
            << QStringLiteral("closedAt") << QJsonValue(QStringLiteral("2020-01-01T00:00:00.000Z"));
        QTest::newRow("movements not an array") << QStringLiteral("movements") << QJsonValue(3);
        QTest::newRow("bad movement kind")
            << QStringLiteral("movements")
            << QJsonValue(QJsonArray{QJsonObject{
                   {QStringLiteral("movementId"),
                    QStringLiteral("0b5e0e2c-6a1f-4c55-9a57-3c1f2f0d9e02")},
                   {QStringLiteral("kind"), QStringLiteral("refund")},
                   {QStringLiteral("amountCents"), 1},
                   {QStringLiteral("employeeId"),
                    QStringLiteral("0b5e0e2c-6a1f-4c55-9a57-3c1f2f0d9e03")},
                   {QStringLiteral("at"), QStringLiteral("2026-11-25T10:00:00.000Z")}}});
        QTest::newRow("totals expected cash wrong")
            << QStringLiteral("totals.expectedCashCents") << QJsonValue(99);
        QTest::newRow("totals missing") << QStringLiteral("totals") << QJsonValue();
    }

    void badShiftPayloadsAreRefused()
    {
        QFETCH(QString, member);
        QFETCH(QJsonValue, value);
        TestLane a(QStringLiteral("L1"), testRandom().generate());
        TestLane b(QStringLiteral("L2"), testRandom().generate());
        QVERIFY(sell(a, 1, true));
        QVERIFY(a.lane().shifts().close(demoCashier(a), 0));
        auto row = a.db().row(QStringLiteral("SELECT payload FROM outbox WHERE topic = 'shift'"),
                              [](const SqlRow &r) { return r.text(0); });
        QJsonObject payload = QJsonDocument::fromJson((*row)->toUtf8()).object();
        if (member.startsWith(QLatin1String("totals."))) {
            QJsonObject totals = payload.value(QLatin1String("totals")).toObject();
            totals.insert(member.mid(7), value);
            payload.insert(QStringLiteral("totals"), totals);
        } else if (value.isUndefined()) {
            payload.remove(member);
        } else {
            payload.insert(member, value);
        }
        OutboxMessage m;
        m.id = QStringLiteral("0b5e0e2c-6a1f-4c55-9a57-3c1f2f0d9e09");
        m.fromTerminal = QStringLiteral("L1");
        m.topic = QString(Topics::Shift);
        m.payload = payload;
        m.timestamp = a.clock().nowIso();
        Inbox inbox(b.db(), QStringLiteral("L2"), b.lane().clock(), b.lane().hlc());
        const Status s = inbox.validate(m);
        QVERIFY(!s);
        QVERIFY2(s.error().startsWith(QLatin1String("shift payload")), qPrintable(s.error()));
        QCOMPARE(b.count(QStringLiteral("SELECT COUNT(*) FROM shifts WHERE terminal_id = 'L1'")),
                 0);
    }
};

QTEST_GUILESS_MAIN(TstShifts)
#include "tst_shifts.moc"
