// Euphoria Lane: builds the lane from its command line and settings, then runs it with its
// window, headless, or for one of the one-shot modes (ring sales, import, self-test, screenshot).
#include "backup.h"
#include "clock.h"
#include "commandline.h"
#include "configloader.h"
#include "corelog.h"
#include "healthreport.h"
#include "idgenerator.h"
#include "lane.h"
#include "salesimulator.h"
#include "signalwatcher.h"
#include "storekey.h"
#include "uishell.h"

#include <QGuiApplication>
#include <QJsonDocument>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(EuphoriaLane_ControllersPlugin)
Q_IMPORT_QML_PLUGIN(EuphoriaLanePlugin)

namespace {
enum Exit { Ok = 0, RuntimeError = 1, UsageError = 2 };

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// Ends a one-shot run once the receipts it queued are printed, or at once when the printer
// cannot take them now (they stay queued for the next start).
void exitAfterPrinting(Lane &lane)
{
    PrintQueue *printer = lane.printer();
    auto done = [printer] {
        return !printer || printer->queued() == 0 ||
               (printer->state() != PrintQueue::State::Ready &&
                printer->state() != PrintQueue::State::Printing);
    };
    if (done()) {
        QCoreApplication::exit(Ok);
        return;
    }
    QObject::connect(printer, &PrintQueue::changed, printer, [done] {
        if (done())
            QCoreApplication::exit(Ok);
    });
}

bool platformGiven(const QStringList &args)
{
    return args.contains(QStringLiteral("-platform")) ||
           args.contains(QStringLiteral("--platform")) ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

int printHealth(const LaneConfig &config, int maxOfflineSeconds, const Clock &clock,
                QTextStream &out, QTextStream &err)
{
    auto report = HealthReport::read(config, maxOfflineSeconds, clock.nowUtc());
    if (!report) {
        err << "euphoria-lane: " << report.error() << "\n";
        return RuntimeError;
    }
    out << QJsonDocument(report->json).toJson(QJsonDocument::Indented);
    for (const QString &p : report->problems)
        err << "euphoria-lane: unhealthy: " << p << "\n";
    return report->problems.isEmpty() ? Ok : RuntimeError;
}

void installTranslator(QCoreApplication &app)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("euphoria-lane"), QStringLiteral("_"),
                         QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
}
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning "
                                          "%{endif}%{if-critical}error %{endif}%{category}: "
                                          "%{message}"));
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    QTextStream out(stdout);
    QTextStream err(stderr);

    auto cl = CommandLine::parse(args);
    if (!cl) {
        err << "euphoria-lane: " << cl.error() << "\nTry 'euphoria-lane --help'.\n";
        return UsageError;
    }
    if (cl->help) {
        out << CommandLine::helpText();
        return Ok;
    }
    if (cl->version) {
        out << "euphoria-lane " << EUPHORIA_VERSION << "\n";
        return Ok;
    }
    if (cl->newStoreKey) {
        const QString key = StoreKey::generate();
        if (cl->newStoreKeyFile.isEmpty()) {
            out << key << "\n";
            return Ok;
        }
        if (Status s = StoreKey::writeNewFile(cl->newStoreKeyFile, key); !s) {
            err << "euphoria-lane: " << s.error() << "\n";
            return RuntimeError;
        }
        err << "euphoria-lane: wrote a new store key to " << cl->newStoreKeyFile
            << " (mode 0600, fingerprint " << StoreKey::fingerprint(key)
            << "); set storeKeyFile to it on every lane of the store\n";
        return Ok;
    }
    auto loaded = ConfigLoader::load(cl->config);
    if (!loaded) {
        err << "euphoria-lane: " << loaded.error() << "\n";
        return UsageError;
    }
    for (const QString &w : loaded->warnings)
        err << "euphoria-lane: warning: " << w << "\n";
    LaneConfig config = loaded->config;

    // A deliberately wrong clock, for testing how lanes cope with skew.
    bool offsetOk = false;
    const qint64 offsetSeconds =
        qEnvironmentVariable("EUPHORIA_CLOCK_OFFSET_SECONDS").toLongLong(&offsetOk);
    OffsetClock offsetClock(offsetOk ? offsetSeconds * 1000 : 0);
    Clock &ownClock = offsetOk ? static_cast<Clock &>(offsetClock) : Clock::system();

    if (cl->health) {
        QCoreApplication app(argc, argv);
        return printHealth(config, cl->healthMaxOfflineSeconds, ownClock, out, err);
    }

    if (!cl->backupFile.isEmpty()) {
        QCoreApplication app(argc, argv);
        auto line = Backup::take(config, cl->backupFile);
        if (!line) {
            err << "euphoria-lane: backup failed: " << line.error() << "\n";
            return RuntimeError;
        }
        out << *line << "\n";
        return Ok;
    }

    const bool uiRun = cl->selfTest || !cl->screenshotDir.isEmpty();
    const bool oneShot =
        cl->ringSales >= 0 || !cl->importCatalog.isEmpty() || !cl->counts.isEmpty();
    bool headless = cl->headless || (oneShot && !uiRun);
    if (!headless && !uiRun && !hasDisplay() && !platformGiven(args)) {
        err << "euphoria-lane: no display found (DISPLAY and WAYLAND_DISPLAY are unset): running "
               "headless. Press Ctrl-C to stop.\n";
        headless = true;
    }

    // Self-test and screenshots run on a throwaway database so they never touch a real lane.
    std::unique_ptr<QTemporaryDir> scratch;
    if (uiRun) {
        scratch = std::make_unique<QTemporaryDir>();
        config.dataDir = scratch->path();
        if (!platformGiven(args) && !hasDisplay())
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    }

    std::unique_ptr<QCoreApplication> app;
    if (headless)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QGuiApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("euphoria-lane"));
    QCoreApplication::setOrganizationName(QStringLiteral("Euphoria"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EUPHORIA_VERSION));
    // With a UI, LanguageController chooses (and switches) the language.
    if (headless)
        installTranslator(*app);

    if (offsetOk && offsetSeconds != 0)
        err << "euphoria-lane: clock offset " << offsetSeconds
            << " s (EUPHORIA_CLOCK_OFFSET_SECONDS)\n";
    Lane lane(config, ownClock, IdGenerator::system());
    if (Status s = lane.start(); !s) {
        err << "euphoria-lane: cannot start lane " << config.terminalId << ": " << s.error()
            << "\n";
        return RuntimeError;
    }

    if (!cl->importCatalog.isEmpty()) {
        auto summary = lane.importer().importFile(
            cl->importCatalog,
            cl->importReplace ? CatalogImporter::Mode::Replace : CatalogImporter::Mode::Extend);
        if (!summary) {
            err << "euphoria-lane: " << summary.error() << "\n";
            return RuntimeError;
        }
        err << "euphoria-lane: imported " << summary->products << " products ("
            << summary->stockInitialized << " new stock figures, " << summary->deactivated
            << " deactivated)\n";
    }

    for (const auto &[code, quantity] : cl->counts) {
        auto product = lane.catalog().bySku(code);
        if (product && !product->has_value())
            product = lane.catalog().byBarcode(code);
        if (!product) {
            err << "euphoria-lane: " << product.error() << "\n";
            return RuntimeError;
        }
        if (!product->has_value()) {
            err << "euphoria-lane: --count: no product with SKU or barcode " << code << "\n";
            return RuntimeError;
        }
        auto counted = lane.stock().recordCount(product->value().id, quantity);
        if (!counted) {
            err << "euphoria-lane: --count " << code << ": " << counted.error() << "\n";
            return RuntimeError;
        }
        err << "euphoria-lane: counted " << product->value().name << ": " << quantity << " (was "
            << counted->before << ")\n";
    }

    if (cl->selfTest) {
        UiShell shell(lane);
        shell.setWindowSize(cl->windowSize);
        return shell.selfTest() == 0 ? Ok : RuntimeError;
    }
    if (!cl->screenshotDir.isEmpty()) {
        UiShell shell(lane);
        shell.setWindowSize(cl->windowSize);
        int code = Ok;
        shell.screenshots(cl->screenshotDir, [&](Status s) {
            if (!s) {
                err << "euphoria-lane: " << s.error() << "\n";
                code = RuntimeError;
            }
            QCoreApplication::exit(code);
        });
        return QCoreApplication::exec() == Ok ? code : RuntimeError;
    }

    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, app.get(), [&](int sig) {
        qCInfo(lcApp) << "signal" << sig << "received: shutting down";
        QCoreApplication::quit();
    });

    // Peer sync runs whenever the lane keeps running (not for a one-shot ring or import).
    if (!oneShot || cl->headless) {
        (void)lane.startPeerSync(); // logged; the lane sells on without it
        lane.startCloudSync();
    }

    std::unique_ptr<SaleSimulator> simulator;
    if (cl->ringSales >= 0) {
        const auto demo = Lane::demoCashier();
        if (!demo || !lane.session().login(demo->employeeId, demo->pin).ok) {
            err << "euphoria-lane: --ring-sales logs in as the demo cashier, who is not available "
                   "in this lane's database (imported catalog, changed PIN or locked)\n";
            return RuntimeError;
        }
        if (Status s = lane.openDemoShift(); !s) {
            err << "euphoria-lane: --ring-sales needs an open shift: " << s.error() << "\n";
            return RuntimeError;
        }
        simulator = std::make_unique<SaleSimulator>(lane, out);
        QObject::connect(simulator.get(), &SaleSimulator::finished, app.get(),
                         [&](bool ok, const QString &error) {
                             if (!ok) {
                                 err << "euphoria-lane: ring-sales stopped: " << error << "\n";
                                 QCoreApplication::exit(RuntimeError);
                             } else if (!cl->headless) {
                                 exitAfterPrinting(lane);
                             }
                         });
        // Started from the event loop, so that finishing (even at once) can end it.
        QTimer::singleShot(0, simulator.get(),
                           [&] { simulator->start(cl->ringSales, cl->rate, cl->seed); });
    } else if (oneShot && !cl->headless) {
        return Ok; // an import or a count on its own is done
    }

    std::unique_ptr<UiShell> shell;
    QTimer statusTimer;
    if (headless) {
        if (cl->statusIntervalSeconds > 0) {
            QObject::connect(&statusTimer, &QTimer::timeout, &lane,
                             [&] { err << lane.statusLine() << Qt::endl; });
            statusTimer.start(std::chrono::seconds(cl->statusIntervalSeconds));
            err << lane.statusLine() << Qt::endl;
        }
    } else {
        shell = std::make_unique<UiShell>(lane);
        shell->setWindowSize(cl->windowSize);
        shell->setFullScreen(cl->fullScreen);
        if (Status s = shell->show(); !s) {
            err << "euphoria-lane: " << s.error() << "\n";
            return RuntimeError;
        }
        if (!cl->uiScript.isEmpty())
            shell->runScript(cl->uiScript, [&](const Status &s) {
                if (!s) {
                    err << "euphoria-lane: " << s.error() << Qt::endl;
                    QCoreApplication::exit(RuntimeError);
                }
            });
    }
    const int code = QCoreApplication::exec();
    // Close the peer connections and the cloud request while their sockets can still be deleted:
    // deleteLater needs one more pass over the event queue, which no longer runs once exec() has
    // returned.
    lane.stopSync();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    shell.reset();
    return code;
}
