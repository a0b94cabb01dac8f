// End to end through the real UI: two lane processes with their QML UI (offscreen). L1 is driven
// by taps and scanner keystrokes (--ui-script): the cashier taps her name and PIN, scans three
// barcodes, pays cash. L2's manager has the sync status panel open. The sale must arrive in L2's
// database, and L2's status panel model must show L1 connected with its message received.
#include "lane.h"
#include "laneprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {
QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

bool writeJson(const QString &path, const QJsonArray &steps)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(steps).toJson()) > 0;
}

QJsonArray loginSteps(const Lane::DemoLogin &who)
{
    QJsonArray steps{QJsonObject{
        {QStringLiteral("tap"), QString(QStringLiteral("employee_") + who.employeeId)}}};
    for (const QChar digit : who.pin)
        steps.append(
            QJsonObject{{QStringLiteral("tap"), QString(QStringLiteral("pinKey_") + digit)}});
    steps.append(QJsonObject{{QStringLiteral("tap"), QStringLiteral("pinKey_ok")}});
    steps.append(QJsonObject{{QStringLiteral("wait"), QStringLiteral("login.loggedIn")},
                             {QStringLiteral("equals"), QStringLiteral("true")}});
    return steps;
}

QJsonObject peerRow(const QJsonObject &dump, const QString &terminalId)
{
    for (const QJsonValue &row : dump.value(QStringLiteral("peers")).toArray())
        if (row.toObject().value(QStringLiteral("terminalId")).toString() == terminalId)
            return row.toObject();
    return {};
}
} // namespace

class TestUiEndToEnd : public QObject
{
    Q_OBJECT
private slots:
    void cashierSellsOnL1AndL2SeesIt()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto cashier = Lane::demoCashier();
        const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
        QVERIFY(cashier);
        QVERIFY(manager);

        // Three products by barcode, as the scanner would type them.
        const QStringList barcodes = Lane::demoBarcodes(3);
        QCOMPARE(barcodes.size(), 3);

        const QString l1Dump = dir.filePath(QStringLiteral("l1-state.json"));
        const QString l2Dump = dir.filePath(QStringLiteral("l2-state.json"));

        // L2: the manager logs in and opens the sync status panel from the indicator.
        QJsonArray l2Steps = loginSteps(*manager);
        l2Steps.append(QJsonObject{{QStringLiteral("tap"), QStringLiteral("syncIndicator")}});
        l2Steps.append(
            QJsonObject{{QStringLiteral("dump"), l2Dump}, {QStringLiteral("everyMs"), 100}});
        QVERIFY(writeJson(dir.filePath(QStringLiteral("l2.json")), l2Steps));

        // L1: the cashier logs in by taps, scans three items (keystrokes, no field focused
        // first), pays with the exact-cash button, and waits until L2 acked the sale.
        QJsonArray l1Steps = loginSteps(*cashier);
        for (const QString &code : barcodes)
            l1Steps.append(
                QJsonObject{{QStringLiteral("keys"), QString(code + QLatin1Char('\n'))}});
        l1Steps.append(QJsonObject{{QStringLiteral("wait"), QStringLiteral("checkout.itemCount")},
                                   {QStringLiteral("equals"), 3}});
        l1Steps.append(QJsonObject{{QStringLiteral("tap"), QStringLiteral("payButton")}});
        l1Steps.append(QJsonObject{{QStringLiteral("tap"), QStringLiteral("quickCash0")}});
        l1Steps.append(QJsonObject{{QStringLiteral("wait"), QStringLiteral("checkout.stage")},
                                   {QStringLiteral("equals"), 2}});
        l1Steps.append(QJsonObject{{QStringLiteral("wait"), QStringLiteral("sync.peerAcked")},
                                   {QStringLiteral("atLeast"), 1},
                                   {QStringLiteral("timeoutMs"), 30000}});
        l1Steps.append(QJsonObject{{QStringLiteral("wait"), QStringLiteral("sync.indicator")},
                                   {QStringLiteral("equals"), QStringLiteral("synced")}});
        l1Steps.append(QJsonObject{{QStringLiteral("dump"), l1Dump}});
        QVERIFY(writeJson(dir.filePath(QStringLiteral("l1.json")), l1Steps));

        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        l2.setUi(dir.filePath(QStringLiteral("l2.json")));
        l1.setUi(dir.filePath(QStringLiteral("l1.json")));
        // As the lanes of a store, each lists the other: both are reachable before either starts.
        l1.holdPort();
        l2.holdPort();
        QVERIFY2(l2.start({l1.url()}), qPrintable(l2.log()));
        QVERIFY2(l1.start({l2.url()}), qPrintable(l1.log()));

        // L1 finished its script: the sale is complete and acked by L2.
        QTRY_VERIFY2_WITH_TIMEOUT(QFile::exists(l1Dump), qPrintable(l1.log()), 60000);
        const QJsonObject l1State = readJson(l1Dump);
        const QString receipt = l1State.value(QStringLiteral("checkout"))
                                    .toObject()
                                    .value(QStringLiteral("lastReceipt"))
                                    .toString();
        QVERIFY2(receipt.startsWith(QStringLiteral("L1-")), qPrintable(receipt));
        QCOMPARE(l1State.value(QStringLiteral("sync"))
                     .toObject()
                     .value(QStringLiteral("indicator"))
                     .toString(),
                 QStringLiteral("synced"));

        // The sale is in L2's database: one transaction of L1 with three lines.
        QTRY_COMPARE_WITH_TIMEOUT(
            l2.count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE receipt_number = '%1' "
                                    "AND terminal_id = 'L1'")
                         .arg(receipt)),
            qint64(1), 30000);
        QCOMPARE(l2.count(QStringLiteral("SELECT COUNT(*) FROM transaction_lines WHERE "
                                         "transaction_id = (SELECT id FROM transactions WHERE "
                                         "receipt_number = '%1')")
                              .arg(receipt)),
                 qint64(3));

        // L2's status panel model: L1 connected, its message received, nothing left unacked.
        const auto l2Peers = [&] {
            return QString::fromUtf8(
                QJsonDocument(readJson(l2Dump).value(QStringLiteral("peers")).toArray()).toJson());
        };
        QTRY_VERIFY2_WITH_TIMEOUT(peerRow(readJson(l2Dump), QStringLiteral("L1"))
                                      .value(QStringLiteral("connected"))
                                      .toBool(),
                                  qPrintable(l2Peers()), 30000);
        QTRY_VERIFY2_WITH_TIMEOUT(!peerRow(readJson(l2Dump), QStringLiteral("L1"))
                                       .value(QStringLiteral("lastMessageAt"))
                                       .toString()
                                       .isEmpty(),
                                  qPrintable(l2Peers()), 30000);
        const QJsonObject l2State = readJson(l2Dump);
        QVERIFY(l2State.value(QStringLiteral("login"))
                    .toObject()
                    .value(QStringLiteral("manager"))
                    .toBool());
        QVERIFY(l2State.value(QStringLiteral("sync"))
                    .toObject()
                    .value(QStringLiteral("connectedPeers"))
                    .toInt() >= 1);
        QCOMPARE(peerRow(l2State, QStringLiteral("L1")).value(QStringLiteral("unacked")).toInt(),
                 0);

        QVERIFY(l1.stop());
        QVERIFY(l2.stop());
        QVERIFY2(!l1.log().contains(QStringLiteral("failed after")), qPrintable(l1.log()));
    }
};

QTEST_GUILESS_MAIN(TestUiEndToEnd)
#include "tst_ui_e2e.moc"
