#include "checkoutcontroller.h"
#include "configloader.h"
#include "database.h"
#include "deviceprinterlink.h"
#include "escposemulator.h"
#include "lane.h"
#include "printjobstore.h"
#include "receiptprinter.h"
#include "shiftcontroller.h"
#include "syncstatuscontroller.h"
#include "testlane.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using Type = EscPosEmulator::Event::Type;

namespace {
// Generous: the suite must pass on a busy 2-core machine.
constexpr int kTimeoutMs = 30000;

void ringSale(TestLane &t, CheckoutController &checkout, bool cash)
{
    auto products = t.lane().catalog().byCategory(QString(), 2);
    QVERIFY(products);
    QCOMPARE(products->size(), 2);
    for (const Product &p : *products)
        checkout.enter(p.barcodes.value(0, p.sku));
    checkout.startPayment();
    if (cash)
        checkout.payCashCents(1000000);
    else
        checkout.payCard();
    QCOMPARE(checkout.stage(), CheckoutController::Stage::Done);
}

std::function<void(LaneConfig &)> withPrinter(quint16 port)
{
    return [port](LaneConfig &c) {
        c.printer = QStringLiteral("tcp://127.0.0.1:%1").arg(port);
        c.printerRetrySeconds = 10;
    };
}
} // namespace

// The receipt printer: receipts reach an ESC/POS printer (the tests' emulator) exactly, a sale
// never waits for it, and what it cannot print now waits in print_jobs until it can.
class TstPrinter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }

    void receiptTextReachesThePrinterExactly_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("thanks");
        QTest::addRow("Spanish") << QStringLiteral("es") << QStringLiteral("¡Gracias");
        QTest::addRow("French") << QStringLiteral("fr") << QStringLiteral("Merci");
    }
    void receiptTextReachesThePrinterExactly()
    {
        QFETCH(QString, language);
        QFETCH(QString, thanks);
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/euphoria-lane_%1.qm").arg(language)));
        QCoreApplication::installTranslator(&translator);
        auto uninstall = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });

        EscPosEmulator printer;
        QVERIFY(printer.start());
        TestLane t(QStringLiteral("L1"), 42, [&](LaneConfig &c) {
            withPrinter(printer.port())(c);
            c.currency = QStringLiteral("EUR");
        });
        auto money = MoneyFormat::of(QLocale(language), QStringLiteral("EUR"));
        QVERIFY(money);
        t.lane().setMoneyFormat(*money);
        QVERIFY(t.loginCashier());
        CheckoutController checkout(t.lane());
        ringSale(t, checkout, false);
        ringSale(t, checkout, false);

        QTRY_COMPARE_WITH_TIMEOUT(printer.receipts().size(), 2, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(t.lane().printer()->queued(), 0, kTimeoutMs);
        QCOMPARE(printer.problems(), QStringList());
        const SaleRecord &last = *checkout.lastSale();
        const QStringList expected =
            ReceiptPrinter::document(
                last, {t.lane().config().storeId, t.lane().session().current()->name, *money})
                .toText(48);
        QCOMPARE(printer.receipts().at(1), expected);
        const QString all = expected.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("€")), qPrintable(all));
        QVERIFY2(all.contains(thanks), qPrintable(all));
        QVERIFY(all.contains(last.receiptNumber));
        // Each receipt started with an init on PC858 and ended with a cut.
        QCOMPARE(printer.count(Type::Init), 2);
        QCOMPARE(printer.count(Type::Cut), 2);
        QCOMPARE(printer.count(Type::Drawer), 0); // card sales
    }

    void drawerKicksForCashNotForCard()
    {
        EscPosEmulator printer;
        QVERIFY(printer.start());
        TestLane t(QStringLiteral("L1"), 42, withPrinter(printer.port()));
        QVERIFY(t.loginCashier());
        CheckoutController checkout(t.lane());
        QSignalSpy opened(t.lane().printer(), &PrintQueue::drawerOpened);
        ringSale(t, checkout, false);
        QTRY_COMPARE_WITH_TIMEOUT(printer.receipts().size(), 1, kTimeoutMs);
        QCOMPARE(printer.count(Type::Drawer), 0);
        ringSale(t, checkout, true);
        QTRY_COMPARE_WITH_TIMEOUT(printer.receipts().size(), 2, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
        QCOMPARE(printer.count(Type::Drawer), 1);
        const auto it = std::find_if(printer.events().begin(), printer.events().end(),
                                     [](const auto &e) { return e.type == Type::Drawer; });
        QCOMPARE(it->value, 0); // pin 2
        QCOMPARE(it->onMs, 50);
        QCOMPARE(it->offMs, 500);
        QCOMPARE(printer.problems(), QStringList());
    }

    // The shift's drawer opens for the float, paid in/out and a no-sale (not for a voided
    // cart); the Z report prints when it is taken, with its number, lane and totals.
    void shiftsOpenTheDrawerAndTheZReportPrints()
    {
        EscPosEmulator printer;
        QVERIFY(printer.start());
        TestLane t(QStringLiteral("L1"), 42, withPrinter(printer.port()));
        Shifts &shifts = t.lane().shifts();
        const Employee cashier = demoCashier(t);
        QVERIFY(shifts.payIn(cashier, 1000, QStringLiteral("change")));
        QVERIFY(shifts.noSale(cashier));
        QVERIFY(shifts.cartVoided(cashier, 500));
        QTRY_COMPARE_WITH_TIMEOUT(printer.count(Type::Drawer), 2, kTimeoutMs);
        QVERIFY(shifts.close(cashier, 1000));
        QVERIFY(shifts.open(cashier, 5000));
        QTRY_COMPARE_WITH_TIMEOUT(printer.count(Type::Drawer), 3, kTimeoutMs);
        QVERIFY(shifts.close(cashier, 5000));

        const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
        QVERIFY(t.lane().session().login(manager->employeeId, manager->pin).ok);
        ShiftController c(t.lane());
        QSignalSpy printed(&c, &ShiftController::reportPrinted);
        QVERIFY(c.takeZ());
        QCOMPARE(printed.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(printer.receipts().size(), 1, kTimeoutMs);
        const QStringList z = printer.receipts().first();
        QVERIFY2(z.first().contains(QLatin1String("Z report 1, lane L1")),
                 qPrintable(z.join(QLatin1Char('\n'))));
        QVERIFY2(z.join(QLatin1Char('\n')).contains(QLatin1String("Paid in")),
                 qPrintable(z.join(QLatin1Char('\n'))));
        QCOMPARE(printer.count(Type::Drawer), 3);
        QCOMPARE(printer.problems(), QStringList());
    }

    void drawerFailsClearlyWhenThePrinterIsOff()
    {
        EscPosEmulator printer;
        QVERIFY(printer.start());
        TestLane t(QStringLiteral("L1"), 42, withPrinter(printer.port()));
        printer.stop();
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("cash drawer not opened")));
        QSignalSpy failed(t.lane().printer(), &PrintQueue::drawerFailed);
        t.lane().printer()->openDrawer();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeoutMs);
        QVERIFY(failed.first().first().toString().contains(QString::number(printer.port())));
        // Not stored: switched on again, the drawer stays shut.
        QVERIFY(printer.start(printer.port()));
        t.clock().advanceMs(60000);
        QCOMPARE(t.lane().printer()->queued(), 0);
        QCOMPARE(printer.count(Type::Drawer), 0);
    }

    void printerOffThenOn()
    {
        EscPosEmulator printer;
        QVERIFY(printer.start());
        const quint16 port = printer.port();
        printer.stop();
        TestLane t(QStringLiteral("L1"), 42, withPrinter(port));
        QVERIFY(t.loginCashier());
        CheckoutController checkout(t.lane());
        PrintQueue &queue = *t.lane().printer();
        SyncStatusController status(t.lane());
        status.attach();
        QElapsedTimer took;
        took.start();
        ringSale(t, checkout, false);
        const QString first = checkout.lastReceipt();
        QVERIFY(took.elapsed() < 5000); // the sale did not wait for the printer
        QCOMPARE(queue.queued(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(queue.state(), PrintQueue::State::Offline, kTimeoutMs);
        QVERIFY2(checkout.message().contains(QStringLiteral("offline")),
                 qPrintable(checkout.message()));
        checkout.newSale();
        ringSale(t, checkout, false);
        const QString second = checkout.lastReceipt();
        QVERIFY2(checkout.message().contains(QStringLiteral("offline")),
                 qPrintable(checkout.message()));
        QTRY_COMPARE_WITH_TIMEOUT(queue.queued(), 2, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(queue.state(), PrintQueue::State::Offline, kTimeoutMs);
        QCOMPARE(status.printerLine(), QStringLiteral("Printer offline \u2013 2 receipts waiting"));
        QVERIFY(status.printerProblem());

        QVERIFY(printer.start(port));
        t.clock().advanceMs(10000); // the retry
        QTRY_COMPARE_WITH_TIMEOUT(queue.queued(), 0, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(queue.state(), PrintQueue::State::Ready, kTimeoutMs);
        QCOMPARE(status.printerLine(), QStringLiteral("Printer ready"));
        QCOMPARE(printer.receipts().size(), 2);
        QVERIFY(printer.receipts().at(0).join(QLatin1Char('\n')).contains(first));
        QVERIFY(printer.receipts().at(1).join(QLatin1Char('\n')).contains(second));
        // Once each: nothing more after further retries.
        t.clock().advanceMs(60000);
        QTest::qWait(0);
        QCOMPARE(printer.receipts().size(), 2);
        QCOMPARE(printer.problems(), QStringList());
    }

    void paperOutThenBack()
    {
        EscPosEmulator printer;
        QVERIFY(printer.start());
        printer.setPaperOut(true);
        TestLane t(QStringLiteral("L1"), 42, withPrinter(printer.port()));
        QVERIFY(t.loginCashier());
        CheckoutController checkout(t.lane());
        PrintQueue &queue = *t.lane().printer();
        ringSale(t, checkout, false);
        QTRY_COMPARE_WITH_TIMEOUT(queue.state(), PrintQueue::State::PaperOut, kTimeoutMs);
        QCOMPARE(queue.queued(), 1);
        QCOMPARE(printer.receipts().size(), 0);
        QVERIFY2(checkout.message().contains(QStringLiteral("paper")),
                 qPrintable(checkout.message()));
        {
            PrintJobStore store(t.db());
            auto job = store.nextQueued();
            QVERIFY(job && job->has_value());
            QCOMPARE((*job)->attempts, 1);
            QVERIFY((*job)->lastError.contains(QStringLiteral("paper")));
        }
        printer.setPaperOut(false);
        t.clock().advanceMs(10000);
        QTRY_COMPARE_WITH_TIMEOUT(queue.queued(), 0, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(printer.receipts().size(), 1, kTimeoutMs);
        QCOMPARE(queue.state(), PrintQueue::State::Ready);
        QVERIFY(printer.receipts().at(0).join(QLatin1Char('\n')).contains(checkout.lastReceipt()));
    }

    void queuedJobsSurviveARestart()
    {
        EscPosEmulator printer;
        QVERIFY(printer.start());
        const quint16 port = printer.port();
        printer.stop();
        QTemporaryDir dir;
        ManualClock clock(QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC));
        SeededIdGenerator ids(7);
        LaneConfig config;
        config.dataDir = dir.path();
        config.sqliteSynchronous = Database::Synchronous::Normal;
        config.printer = QStringLiteral("tcp://127.0.0.1:%1").arg(port);
        QStringList titles;
        {
            Lane lane(config, clock, ids);
            QVERIFY(lane.start());
            for (int i = 1; i <= 3; ++i) {
                const QString title = QStringLiteral("R-%1").arg(i);
                auto id = lane.printer()->enqueue(
                    PrintDocument().line(QStringLiteral("Receipt %1").arg(title)),
                    QStringLiteral("receipt"), title);
                QVERIFY(id);
                titles.append(title);
                clock.advanceMs(1);
            }
            QTRY_COMPARE_WITH_TIMEOUT(lane.printer()->state(), PrintQueue::State::Offline,
                                      kTimeoutMs);
            QCOMPARE(lane.printer()->queued(), 3);
        }
        QVERIFY(printer.start(port));
        Lane lane(config, clock, ids);
        QVERIFY(lane.start());
        QTRY_COMPARE_WITH_TIMEOUT(lane.printer()->queued(), 0, kTimeoutMs);
        QCOMPARE(printer.receipts(), (QList<QStringList>{{QStringLiteral("Receipt R-1")},
                                                         {QStringLiteral("Receipt R-2")},
                                                         {QStringLiteral("Receipt R-3")}}));
    }

    void deviceBackendWritesTheStream()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lp0"));
        TestLane t(QStringLiteral("L1"), 42,
                   [&](LaneConfig &c) { c.printer = QStringLiteral("device:") + path; });
        PrintQueue &queue = *t.lane().printer();
        const PrintDocument doc = PrintDocument()
                                      .title(QStringLiteral("Boulangerie"))
                                      .row(QStringLiteral("Pain"), QStringLiteral("1,20 €"));
        QVERIFY(queue.enqueue(doc, QStringLiteral("receipt"), QStringLiteral("R-1")));
        QTRY_COMPARE_WITH_TIMEOUT(queue.queued(), 0, kTimeoutMs);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        EscPosEmulator decoder;
        decoder.feed(f.readAll());
        QCOMPARE(decoder.problems(), QStringList());
        QCOMPARE(decoder.receipts(), QList<QStringList>{doc.toText(48)});
    }

    // A USB printer's buffer fills (here a FIFO's 64 KiB): the rest of the job goes as it
    // drains, once, in order; nothing is cut or sent again from the start.
    void deviceBackendFinishesAJobAsTheDeviceDrains()
    {
        QTemporaryDir dir;
        const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("lp0")));
        QCOMPARE(::mkfifo(path.constData(), 0600), 0);
        const int reader = ::open(path.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        QVERIFY(reader >= 0);
        ManualClock clock(QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC));
        DevicePrinterLink link(QString::fromLocal8Bit(path), clock);
        QList<PrinterLink::Reply> finished;
        connect(&link, &PrinterLink::finished, this,
                [&](const PrinterLink::Reply &r) { finished.append(r); });
        QByteArray job;
        for (int i = 0; job.size() < 300 * 1024; ++i)
            job += QByteArray("line ") + QByteArray::number(i) + QByteArray(60, 'x') + '\n';
        link.send(job, false);
        QByteArray got;
        char buffer[4096];
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (;;) {
                    const ssize_t n = ::read(reader, buffer, sizeof buffer);
                    if (n <= 0)
                        break;
                    got.append(buffer, n);
                }
                return !finished.isEmpty();
            }(),
            kTimeoutMs);
        for (ssize_t n; (n = ::read(reader, buffer, sizeof buffer)) > 0;)
            got.append(buffer, n);
        ::close(reader);
        QCOMPARE(finished.size(), 1);
        QVERIFY2(finished.first().outcome == PrinterLink::Outcome::Printed,
                 qPrintable(finished.first().message));
        QCOMPARE(got.size(), job.size());
        QVERIFY(got == job);
    }

    void deviceBackendMissingDirectoryIsOffline()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no/such/dir/lp0"));
        TestLane t(QStringLiteral("L1"), 42, [&](LaneConfig &c) { c.printer = path; });
        PrintQueue &queue = *t.lane().printer();
        QElapsedTimer took;
        took.start();
        QVERIFY(queue.enqueue(PrintDocument().line(QStringLiteral("x")), QStringLiteral("receipt"),
                              QStringLiteral("R-1")));
        QVERIFY(took.elapsed() < 5000);
        QTRY_COMPARE_WITH_TIMEOUT(queue.state(), PrintQueue::State::Offline, kTimeoutMs);
        QCOMPARE(queue.queued(), 1);
        QVERIFY2(queue.lastError().contains(QStringLiteral("No such file")),
                 qPrintable(queue.lastError()));
    }

    void badPrinterSettingIsRefused_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addRow("relative path") << QStringLiteral("lp0");
        QTest::addRow("http") << QStringLiteral("http://printer:9100");
        QTest::addRow("tcp without host") << QStringLiteral("tcp://:9100");
        QTest::addRow("tcp with a path") << QStringLiteral("tcp://printer/x");
        QTest::addRow("device without path") << QStringLiteral("device:");
    }
    void badPrinterSettingIsRefused()
    {
        QFETCH(QString, value);
        ConfigLoader::Sources sources;
        sources.flags.insert(QStringLiteral("printer"), value);
        auto loaded = ConfigLoader::load(sources);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().startsWith(QStringLiteral("option --printer: expected")),
                 qPrintable(loaded.error()));
    }

    void goodPrinterSettings()
    {
        ConfigLoader::Sources sources;
        sources.flags.insert(QStringLiteral("printer"), QStringLiteral("tcp://10.0.0.9"));
        sources.flags.insert(QStringLiteral("printerColumns"), QStringLiteral("32"));
        auto loaded = ConfigLoader::load(sources);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QCOMPARE(loaded->config.printerColumns, 32);
        auto address = PrinterLink::parse(loaded->config.printer);
        QVERIFY(address);
        QCOMPARE(address->host, QStringLiteral("10.0.0.9"));
        QCOMPARE(address->port, quint16(9100));
        sources.flags.insert(QStringLiteral("printerColumns"), QStringLiteral("80"));
        QVERIFY(!ConfigLoader::load(sources));
    }

    // The real executable: --ring-sales 3 with a printer prints three receipts, then exits.
    void ringSalesPrintsReceipts()
    {
        EscPosEmulator printer;
        QVERIFY(printer.start());
        QTemporaryDir dir;
        QProcess lane;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        lane.setProcessEnvironment(env);
        lane.setWorkingDirectory(dir.path());
        lane.start(QStringLiteral(LANE_EXECUTABLE),
                   {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--printer"),
                    QStringLiteral("tcp://127.0.0.1:%1").arg(printer.port()),
                    QStringLiteral("--ring-sales"), QStringLiteral("3")});
        QTRY_COMPARE_WITH_TIMEOUT(lane.state(), QProcess::NotRunning, 120000);
        QCOMPARE(lane.exitCode(), 0);
        QCOMPARE(printer.receipts().size(), 3);
        QCOMPARE(printer.problems(), QStringList());
        Database db;
        QVERIFY(db.open({dir.filePath(QStringLiteral("lane-L1.sqlite"))}));
        auto numbers = db.rows(QStringLiteral("SELECT receipt_number FROM transactions "
                                              "ORDER BY created_at"),
                               [](const SqlRow &r) { return r.text(0); });
        QVERIFY(numbers);
        QCOMPARE(numbers->size(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(printer.receipts().at(i).join(QLatin1Char('\n')).contains(numbers->at(i)),
                     qPrintable(numbers->at(i)));
    }
};

QTEST_MAIN(TstPrinter)
#include "tst_printer.moc"
