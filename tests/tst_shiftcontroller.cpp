// The shift controller on a real lane: the float counted by denomination, cash paid in and out
// with a manager's PIN above the limit, the blind count (nothing shows the expected cash until
// the close is committed) and its over or short, amounts typed in the UI language, the Z report
// refused while a shift is open and numbered without gaps, the store's day.
#include "languagecontroller.h"
#include "shiftcontroller.h"
#include "testlane.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMetaProperty>
#include <QSignalSpy>
#include <QTest>

namespace {
// The demo start opened a shift for the demo cashier: closed here so each test starts with none.
void closeDemoShift(TestLane &t)
{
    QVERIFY(t.loginCashier());
    auto closed = t.lane().shifts().close(*t.lane().session().current(), 0);
    QVERIFY2(closed, qPrintable(closed.error()));
}

bool loginManager(TestLane &t)
{
    const auto m = Lane::demoEmployee(QStringLiteral("manager"));
    return m && t.lane().session().login(m->employeeId, m->pin).ok;
}

// Every string the controller exposes to QML, and every row of its report models.
QStringList everythingShown(ShiftController &c)
{
    QStringList out;
    const QMetaObject *mo = c.metaObject();
    for (int i = mo->propertyOffset(); i < mo->propertyCount(); ++i) {
        const QVariant v = mo->property(i).read(&c);
        if (v.typeId() == QMetaType::QString)
            out.append(v.toString());
    }
    for (RowListModel *model : {c.report(), c.zReport(), c.storeReport()})
        for (const QVariantMap &row : model->rows())
            out.append(row.value(QStringLiteral("amount")).toString());
    return out;
}
} // namespace

class TestShiftController : public QObject
{
    Q_OBJECT
private slots:
    void openWithAFloatCountedByDenomination()
    {
        TestLane t;
        ShiftController c(t.lane());
        QAbstractItemModelTester tester(c.denominations(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(c.stage(), ShiftController::Stage::Overview);
        closeDemoShift(t);
        QCOMPARE(c.stage(), ShiftController::Stage::Opening);
        QVERIFY(c.screenShown());
        QVERIFY(!c.shiftOpen());
        DenominationModel *d = c.denominations();
        QCOMPARE(d->rowCount(), 10); // USD: $100 ... 1¢
        QCOMPARE(d->data(d->index(0), DenominationModel::LabelRole).toString(),
                 QStringLiteral("$100.00"));
        QSignalSpy changed(d, &QAbstractItemModel::dataChanged);
        QSignalSpy total(d, &DenominationModel::totalChanged);
        QVERIFY(d->setCount(0, 1)); // $100
        QVERIFY(d->setCount(3, 2)); // $10 x 2
        QVERIFY(d->increment(6));   // 25¢
        QVERIFY(d->increment(6));
        QVERIFY(!d->setCount(10, 1)); // no such row
        QVERIFY(!d->setCount(1, -1));
        QCOMPARE(changed.size(), 4);
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 3);
        QCOMPARE(changed.at(1).at(1).toModelIndex().row(), 3);
        QCOMPARE(changed.at(1).at(2).value<QList<int>>(),
                 (QList<int>{DenominationModel::CountRole, DenominationModel::AmountRole}));
        QCOMPARE(total.size(), 4);
        QCOMPARE(d->total(), QStringLiteral("$120.50"));
        QCOMPARE(d->data(d->index(3), DenominationModel::AmountRole).toString(),
                 QStringLiteral("$20.00"));

        QVERIFY(c.openShift());
        QVERIFY(c.shiftOpen());
        QCOMPARE(c.stage(), ShiftController::Stage::Overview);
        QVERIFY(!c.screenShown());
        QCOMPARE(c.floatAmount(), QStringLiteral("$120.50"));
        QCOMPARE(c.openedBy(), Lane::demoCashier()->name);
        const ShiftRecord shift = *t.lane().shifts().current();
        QCOMPARE(shift.floatCents, 12050);
        QCOMPARE(shift.floatCounts, (QList<DenominationCount>{{10000, 1}, {1000, 2}, {25, 2}}));
        QCOMPARE(d->total(), QStringLiteral("$0.00")); // counts cleared for the next count
        // A shift is open already.
        QVERIFY(!c.openShift(QStringLiteral("10")));
        QVERIFY(c.messageIsError());
    }

    void openWithATypedAmount()
    {
        TestLane t;
        ShiftController c(t.lane());
        closeDemoShift(t);
        QVERIFY(!c.openShift(QStringLiteral("ten dollars")));
        QVERIFY(c.messageIsError());
        QVERIFY(!c.shiftOpen());
        QVERIFY(c.openShift(QStringLiteral("150")));
        QCOMPARE(t.lane().shifts().current()->floatCents, 15000);
        QVERIFY(t.lane().shifts().current()->floatCounts.isEmpty());
    }

    void theBlindCountShowsNoExpectedCashBeforeTheClose()
    {
        TestLane t;
        ShiftController c(t.lane());
        closeDemoShift(t);
        QVERIFY(c.openShift(QStringLiteral("100.00")));
        QVERIFY(c.payIn(QStringLiteral("20"), QStringLiteral("Change from the safe")));
        QVERIFY(c.noSale());
        const QString expected = QStringLiteral("$120.00");
        // The cashier's X report: sales, drawer movements, but no expected cash.
        QVERIFY(c.showXReport());
        QVERIFY(c.report()->count() > 10);
        QVERIFY(!everythingShown(c).contains(expected));
        QCOMPARE(c.report()->indexOfKey(0), 0);
        for (const QVariantMap &row : c.report()->rows())
            QVERIFY(row.value(QStringLiteral("label")).toString() !=
                    QLatin1String("Expected cash"));

        c.startCount();
        QCOMPARE(c.stage(), ShiftController::Stage::Counting);
        QVERIFY(c.screenShown());
        QCOMPARE(c.report()->count(), 0);
        QVERIFY(!c.showXReport());                  // not while counting
        QVERIFY(c.denominations()->setCount(2, 5)); // 5 x $20
        QVERIFY(c.denominations()->setCount(4, 3)); // 3 x $5
        QVERIFY(c.denominations()->setCount(5, 2)); // 2 x $1
        QCOMPARE(c.denominations()->total(), QStringLiteral("$117.00"));
        QVERIFY(!everythingShown(c).contains(expected));
        QVERIFY(c.resultExpected().isEmpty());
        QVERIFY(c.resultOverShort().isEmpty());

        QVERIFY(c.closeShift());
        QCOMPARE(c.stage(), ShiftController::Stage::Result);
        QVERIFY(c.screenShown());
        QCOMPARE(c.resultCounted(), QStringLiteral("$117.00"));
        QCOMPARE(c.resultExpected(), expected);
        QCOMPARE(c.resultOverShortLabel(), QStringLiteral("Short"));
        QCOMPARE(c.resultOverShort(), QStringLiteral("$3.00"));
        QCOMPARE(c.resultSign(), -1);
        // Now the report shows it all.
        QVERIFY(everythingShown(c).contains(expected));
        const auto recent = t.lane().shifts().store().recent(QStringLiteral("L1"), 5);
        QVERIFY(recent);
        const auto it = std::find_if(recent->cbegin(), recent->cend(),
                                     [](const ShiftRecord &s) { return s.countedCents == 11700; });
        QVERIFY(it != recent->cend());
        const ShiftRecord closed = *it;
        QCOMPARE(closed.overShortCents, -300);
        QCOMPARE(closed.countedCounts.size(), 3);
        // Without a printer the report is a PDF on the receipt roll under the data directory.
        QSignalSpy printed(&c, &ShiftController::reportPrinted);
        const QString pdf = c.printReport();
        QCOMPARE(printed.size(), 1);
        QVERIFY2(pdf.endsWith(QLatin1String(".pdf")) && QFileInfo(pdf).size() > 500,
                 qPrintable(pdf));
        QVERIFY(pdf.startsWith(t.dir()));
        QVERIFY(ReportLayout::toText(c.lastRows()).contains(QStringLiteral("Short\t$3.00")));
        c.finish();
        QCOMPARE(c.stage(), ShiftController::Stage::Opening);
    }

    void overIsPositive()
    {
        TestLane t;
        ShiftController c(t.lane());
        closeDemoShift(t);
        QVERIFY(c.openShift(QStringLiteral("50")));
        QVERIFY(!c.closeShift(QStringLiteral("50"))); // the count is started first
        c.startCount();
        QVERIFY(c.closeShift(QStringLiteral("50.25")));
        QCOMPARE(c.resultOverShortLabel(), QStringLiteral("Over"));
        QCOMPARE(c.resultOverShort(), QStringLiteral("$0.25"));
        QCOMPARE(c.resultSign(), 1);
        c.finish();
        QVERIFY(c.openShift(QStringLiteral("50")));
        c.startCount();
        QVERIFY(c.closeShift(QStringLiteral("50")));
        QCOMPARE(c.resultOverShortLabel(), QStringLiteral("Even"));
        QCOMPARE(c.resultSign(), 0);
    }

    void aboveTheLimitAManagerApproves()
    {
        TestLane t;
        ShiftController c(t.lane());
        QVERIFY(t.loginCashier());
        QCOMPARE(t.lane().shifts().approvalLimitCents(), 5000);
        QVERIFY(c.payOut(QStringLiteral("50.00"), QStringLiteral("Window cleaner"))); // at it
        QVERIFY(!c.approvalNeeded());
        QSignalSpy approval(&c, &ShiftController::approvalChanged);
        QVERIFY(!c.payOut(QStringLiteral("75.00"), QStringLiteral("Flowers for the shop")));
        QVERIFY(c.approvalNeeded());
        QCOMPARE(approval.size(), 1);
        QVERIFY(c.approvalReason().contains(QStringLiteral("$75.00")));
        QVERIFY(c.approvalReason().contains(QStringLiteral("$50.00")));
        QCOMPARE(c.managers().size(), 1);
        const auto cashier = Lane::demoCashier();
        const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
        auto paidOut = [&] {
            return t.count(QStringLiteral("SELECT COUNT(*) FROM shift_movements WHERE kind = "
                                          "'paidOut'"));
        };
        QCOMPARE(paidOut(), 1);
        // A cashier's PIN and a wrong PIN approve nothing.
        QVERIFY(!c.approve(cashier->employeeId, cashier->pin));
        QVERIFY(c.messageIsError());
        QVERIFY(!c.approve(manager->employeeId, QStringLiteral("0000")));
        QVERIFY(c.approvalNeeded());
        QCOMPARE(paidOut(), 1);
        QVERIFY(c.approve(manager->employeeId, manager->pin));
        QVERIFY(!c.approvalNeeded());
        QCOMPARE(paidOut(), 2);
        auto approvedBy = t.db().scalar(
            QStringLiteral("SELECT approved_by FROM shift_movements WHERE amount_cents = 7500"));
        QVERIFY(approvedBy);
        QCOMPARE(approvedBy->toString(), manager->employeeId);
        // Cancelled: nothing recorded.
        QVERIFY(!c.payIn(QStringLiteral("60"), QStringLiteral("Float top-up")));
        c.cancelApproval();
        QVERIFY(!c.approvalNeeded());
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM shift_movements WHERE kind = "
                                        "'paidIn'")),
                 0);
        // No reason, no amount: refused at once.
        QVERIFY(!c.payIn(QStringLiteral("5"), QStringLiteral("  ")));
        QVERIFY(!c.payIn(QStringLiteral("0"), QStringLiteral("Nothing")));
        QVERIFY(!c.approvalNeeded());
    }

    void amountsInFrench()
    {
        TestLane t;
        ShiftController c(t.lane());
        LanguageController ui(t.lane());
        QVERIFY(ui.setLanguage(QStringLiteral("fr")));
        QVERIFY(t.loginCashier());
        QVERIFY(c.payIn(QStringLiteral("12,50"), QStringLiteral("Monnaie")));
        QCOMPARE(t.count(QStringLiteral("SELECT amount_cents FROM shift_movements WHERE kind = "
                                        "'paidIn'")),
                 1250);
        QVERIFY(c.message().contains(QStringLiteral("12,50")));
        // Rubbish: the parser's message, nothing recorded.
        QVERIFY(!c.payIn(QStringLiteral("12,5,0"), QStringLiteral("Monnaie")));
        QVERIFY(c.messageIsError());
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM shift_movements WHERE kind = "
                                        "'paidIn'")),
                 1);
        QCOMPARE(c.amountExample(), QStringLiteral("125,00"));
        QCOMPARE(c.denominations()->data(c.denominations()->index(0), DenominationModel::LabelRole),
                 QVariant(t.lane().money().format(10000))); // "100,00 $"
        QVERIFY(t.lane().money().format(10000).contains(QLatin1Char(',')));
        c.startCount();
        QVERIFY(c.closeShift(QStringLiteral("10,25")));
        QCOMPARE(c.resultOverShortLabel(), QStringLiteral("Manque"));
        QVERIFY(ui.setLanguage(QStringLiteral("en")));
        QCOMPARE(c.resultOverShortLabel(), QStringLiteral("Short"));
    }

    void zRefusedWhileOpenThenNumbered()
    {
        TestLane t;
        ShiftController c(t.lane());
        QAbstractItemModelTester tester(c.zReports(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(t.loginCashier());
        QVERIFY(!c.takeZ()); // a cashier
        QVERIFY(c.message().contains(QStringLiteral("manager")));
        QVERIFY(loginManager(t));
        QVERIFY(!c.takeZ());
        QCOMPARE(c.message(),
                 QStringLiteral("Close the open shift (count the drawer) before the Z report."));
        c.startCount();
        QVERIFY(c.closeShift(QStringLiteral("0")));
        c.finish();
        QSignalSpy inserted(c.zReports(), &QAbstractItemModel::rowsInserted);
        QVERIFY(c.takeZ());
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(c.zReports()->count(), 1);
        QCOMPARE(c.zReport()->get(0).value(QStringLiteral("label")).toString(),
                 QStringLiteral("Z report 1, lane L1"));
        QVERIFY(!c.takeZ()); // nothing closed since
        QVERIFY(c.openShift(QStringLiteral("20")));
        c.startCount();
        QVERIFY(c.closeShift(QStringLiteral("20")));
        c.finish();
        QVERIFY(c.takeZ());
        QCOMPARE(c.zReports()->count(), 2);
        QCOMPARE(c.zReports()->get(0).value(QStringLiteral("title")).toString(),
                 QStringLiteral("Z 2"));
        QCOMPARE(c.zReports()->get(1).value(QStringLiteral("title")).toString(),
                 QStringLiteral("Z 1"));
        QCOMPARE(c.zReport()->get(0).value(QStringLiteral("label")).toString(),
                 QStringLiteral("Z report 2, lane L1"));
        // An older one shown again.
        QVERIFY(c.showZ(c.zReports()->get(1).value(QStringLiteral("id")).toString()));
        QCOMPARE(c.zReport()->get(0).value(QStringLiteral("label")).toString(),
                 QStringLiteral("Z report 1, lane L1"));
    }

    void storeReportForManagers()
    {
        TestLane t;
        ShiftController c(t.lane());
        QAbstractItemModelTester tester(c.storeReport(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(t.loginCashier());
        QVERIFY(c.payIn(QStringLiteral("5"), QStringLiteral("Change")));
        QVERIFY(!c.showStoreReport());
        QVERIFY(loginManager(t));
        QCOMPARE(c.storeDate(), QDate(2026, 11, 25)); // the lane's clock, not the wall's
        QVERIFY(c.storeDayIsToday());
        QVERIFY(c.showStoreReport());
        QVERIFY(c.storeReport()->count() > 20);
        QVERIFY(c.storeReport()->indexOfKey(0) == 0);
        bool lane = false;
        for (const QVariantMap &row : c.storeReport()->rows())
            lane =
                lane || row.value(QStringLiteral("label")).toString() == QLatin1String("Lane L1");
        QVERIFY(lane);
        c.previousDay();
        QVERIFY(!c.storeDayIsToday());
        c.nextDay();
        c.nextDay(); // not past today
        QCOMPARE(c.storeDate(), QDate(2026, 11, 25));
    }
};

QTEST_MAIN(TestShiftController)
#include "tst_shiftcontroller.moc"
