// footprint_bench: what a lane with a large catalog costs at start and in memory, beside the same
// lane with the demo catalog and the floor of a bare Qt process, all measured in the same run.
//
// 1. The data: a catalog of --products products (the demo catalog plus generated ones, each with a
//    barcode and a stock figure) written as CSV and imported by `euphoria-lane --import-catalog`,
//    the way a store loads its catalog.
// 2. Start: from starting the euphoria-lane process (offscreen) to its first frame on screen (the
//    login screen takes input), with the large catalog, with the demo catalog, and for an empty
//    QML window (this program with --empty-window). Median of --starts runs each, interleaved.
// 3. Memory: VmRSS (now) and VmHWM (peak) from /proc/PID/status of `euphoria-lane --headless`
//    with peer sync listening on loopback: once idle after it is up, once after ringing --sales
//    sales (--ring-sales: the demo cashier logs in first), each with the large and with the demo
//    catalog; beside a bare QCoreApplication (this program with --bare), which maps the same Qt
//    libraries, and the same after one PIN check (--bare --pin): a login's Argon2id takes 64 MiB
//    for a moment, so that is the floor of any lane's peak once a cashier has logged in.
#include "benchsupport.h"
#include "lane.h"
#include "laneconfig.h"
#include "pinhasher.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <vector>

namespace {
using Bench::die;
using Bench::waitFor;
QTextStream out(stdout);
const char kStoreKey[] = "5b0e8c3a7f1d924e6a0c5b8d3f7e1a4c9d2b6f0e8a3c7d1b5e9f2a6c0d4b8e3f";
const double kTargetStartMs = 1000;
const double kTargetRssMiB = 60;

struct Memory
{
    qint64 rssKb = -1; // VmRSS: resident now
    qint64 hwmKb = -1; // VmHWM: the most that was ever resident
};

Memory readMemory(qint64 pid)
{
    Memory m;
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return m;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const auto kb = [&] { return line.mid(6).trimmed().split(' ').value(0).toLongLong(); };
        if (line.startsWith("VmRSS:"))
            m.rssKb = kb();
        else if (line.startsWith("VmHWM:"))
            m.hwmKb = kb();
    }
    return m;
}

double mib(qint64 kb)
{
    return double(kb) / 1024.0;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"),
               QStringLiteral("lane.*.info=false\nlane.ui.info=true"));
    env.insert(QStringLiteral("EUPHORIA_STORE_KEY"), QString::fromLatin1(kStoreKey));
    return env;
}

// A child process, read line by line as its output arrives.
class Child
{
public:
    explicit Child(QString name)
        : m_name(std::move(name))
    {
        m_process.setProcessEnvironment(childEnvironment());
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { read(m_process.readAllStandardError(), m_errBuffer, true); });
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput,
                         [this] { read(m_process.readAllStandardOutput(), m_outBuffer, false); });
    }
    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    // Called with each line of stderr (err) or stdout, and the ns since start.
    std::function<void(const QString &line, bool err, qint64 ns)> onLine;

    void start(const QString &program, const QStringList &args)
    {
        m_clock.start();
        m_process.start(program, args);
        if (!m_process.waitForStarted(10000))
            die(QStringLiteral("%1: cannot start %2: %3")
                    .arg(m_name, program, m_process.errorString()));
    }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process.processId(); }
    const QString &log() const { return m_log; }

    // Waits until done() or the process ends; dies on timeout.
    void waitUntil(const std::function<bool()> &done, int timeoutMs, const QString &what)
    {
        if (!waitFor([&] { return done() || !running(); }, timeoutMs))
            die(QStringLiteral("%1: no %2 within %3 s:\n%4")
                    .arg(m_name, what)
                    .arg(timeoutMs / 1000)
                    .arg(m_log));
    }
    int finish(int timeoutMs)
    {
        waitUntil([] { return false; }, timeoutMs, QStringLiteral("exit"));
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    // SIGTERM (a lane shuts down cleanly on it); the exit code, -1 on a crash.
    int stop()
    {
        m_process.terminate();
        return finish(30000);
    }

private:
    void read(const QByteArray &data, QByteArray &buffer, bool err)
    {
        const qint64 now = m_clock.nsecsElapsed();
        buffer += data;
        qsizetype nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(buffer.left(nl));
            buffer.remove(0, nl + 1);
            if (err)
                m_log += line + QLatin1Char('\n');
            if (onLine)
                onLine(line, err, now);
        }
    }

    QString m_name;
    QProcess m_process;
    QElapsedTimer m_clock;
    QByteArray m_errBuffer;
    QByteArray m_outBuffer;
    QString m_log;
};

// One start to the first frame: ms from starting the process to its "UI on screen" line, and the
// process's memory at that moment.
struct Start
{
    double ms = -1;
    Memory memory;
};

Start timeStart(const QString &name, const QString &program, const QStringList &args)
{
    Start s;
    Child child(name);
    child.onLine = [&](const QString &line, bool err, qint64 ns) {
        if (err && s.ms < 0 && line.contains(QLatin1String("UI on screen"))) {
            s.ms = double(ns) / 1e6;
            s.memory = readMemory(child.pid());
        }
    };
    child.start(program, args);
    if (const int code = child.finish(120000); code != 0 || s.ms < 0)
        die(QStringLiteral("%1: exit code %2, %3:\n%4")
                .arg(name)
                .arg(code)
                .arg(s.ms < 0 ? QStringLiteral("never on screen") : QStringLiteral("on screen"),
                     child.log()));
    return s;
}

// A headless lane: up (its first status line), then `sales` sales rung (their ids on stdout),
// then `settleMs` of running on; its memory then, and the ms it took to be up.
struct Headless
{
    Memory memory;
    double upMs = -1;
};

Headless runHeadless(const QString &name, const QString &program, QStringList args, int sales,
                     int settleMs)
{
    Headless h;
    int rung = 0;
    Child child(name);
    child.onLine = [&](const QString &line, bool err, qint64 ns) {
        if (err && h.upMs < 0 && line.startsWith(QLatin1String("[L1] ")))
            h.upMs = double(ns) / 1e6;
        if (!err && !line.trimmed().isEmpty())
            ++rung;
    };
    if (sales > 0)
        args << QStringLiteral("--ring-sales") << QString::number(sales);
    child.start(program, args);
    child.waitUntil([&] { return h.upMs >= 0 && rung >= sales; }, 60000 + sales * 1000,
                    QStringLiteral("status line and %1 sales").arg(sales));
    if (!child.running())
        die(QStringLiteral("%1 ended early:\n%2").arg(name, child.log()));
    waitFor([] { return false; }, settleMs);
    h.memory = readMemory(child.pid());
    if (h.memory.rssKb < 0 || h.memory.hwmKb < 0)
        die(QStringLiteral("%1: cannot read /proc/%2/status").arg(name).arg(child.pid()));
    if (const int code = child.stop(); code != 0)
        die(QStringLiteral("%1: exit code %2 on SIGTERM:\n%3")
                .arg(name)
                .arg(code)
                .arg(child.log()));
    return h;
}

// --bare: the floor. A QCoreApplication in a process that maps the same Qt libraries as the
// lane; says it is up, then runs until it is stopped. With --pin, it first hashes and checks a
// PIN as a login does (Argon2id, 64 MiB): the peak no lane a cashier logs in to can go under.
int bare(int argc, char *argv[], bool pin)
{
    std::signal(SIGTERM, [](int) { std::_Exit(0); });
    QCoreApplication app(argc, argv);
    if (pin) {
        const auto hash = PinHasher::hash(QStringLiteral("1234"));
        if (!hash || !PinHasher::verify(*hash, QStringLiteral("1234")))
            return 1;
    }
    QTimer::singleShot(0, &app, [] { QTextStream(stderr) << "[L1] up" << Qt::endl; });
    return QCoreApplication::exec();
}

// --empty-window: the start baseline, as ui_bench's: an empty QML window; exits after its first
// frame.
int emptyWindow(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QQmlApplicationEngine engine;
    engine.loadData(QByteArrayLiteral("import QtQuick\n"
                                      "Window { width: 1280; height: 800; visible: true }\n"));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [] {
        QTextStream(stderr) << "UI on screen" << Qt::endl;
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    });
    return QCoreApplication::exec();
}

QString ean13(const QByteArray &twelve)
{
    int total = 0;
    for (int i = 0; i < 12; ++i)
        total += (twelve.at(i) - '0') * (i % 2 ? 3 : 1);
    return QString::fromLatin1(twelve) + QChar(u'0' + (10 - total % 10) % 10);
}

// `count` products as a store's export would have them: SKU, name, category, price, tax, stock and
// one EAN-13 (GS1 in-store prefix 27, which the demo catalog does not use).
void writeCatalog(const QString &path, qint64 count)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        die(QStringLiteral("cannot write %1").arg(path));
    QByteArray csv = "sku,name,category,priceCents,taxRateBp,stock,barcodes\n";
    for (qint64 n = 0; n < count; ++n) {
        const QByteArray number = QByteArray::number(n).rightJustified(6, '0');
        csv += "FP-" + number + ",Product " + number + " 750ml,Aisle " +
               QByteArray::number(n % 40 + 1) + ',' + QByteArray::number(99 + (n * 37) % 9900) +
               ",825," + QByteArray::number(10 + n % 90) + ',' +
               ean13("27" + QByteArray::number(n).rightJustified(10, '0')).toLatin1() + '\n';
    }
    if (f.write(csv) != csv.size() || !f.flush())
        die(QStringLiteral("cannot write %1").arg(path));
}

qint64 countProducts(const QString &dataDir)
{
    LaneConfig config;
    config.dataDir = dataDir;
    sqlite3 *db = nullptr;
    qint64 n = -1;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_open_v2(config.databasePath().toUtf8().constData(), &db, SQLITE_OPEN_READONLY,
                        nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM products WHERE active = 1", -1, &st,
                           nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (n < 0)
        die(QStringLiteral("cannot count the products in %1").arg(config.databasePath()));
    return n;
}

QString verdict(bool met)
{
    return met ? QStringLiteral("met") : QStringLiteral("NOT met");
}
} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (QByteArray(argv[i]) == "--empty-window")
            return emptyWindow(argc, argv);
        if (QByteArray(argv[i]) == "--bare")
            return bare(argc, argv, i + 1 < argc && QByteArray(argv[i + 1]) == "--pin");
    }

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("footprint_bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Start to login screen and headless memory of a lane with a large "
                       "catalog, beside the demo catalog, an empty QML window and a bare Qt "
                       "process."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("products"),
                      QStringLiteral("Products in the large catalog (default 100000)."),
                      QStringLiteral("n"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("starts"),
                      QStringLiteral("Process starts per kind (default 5)."), QStringLiteral("n"),
                      QStringLiteral("5")});
    parser.addOption({QStringLiteral("sales"),
                      QStringLiteral("Sales the headless lane rings before its memory is read "
                                     "(default 200)."),
                      QStringLiteral("n"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("settle"),
                      QStringLiteral("ms a headless lane runs on after it is up (and done "
                                     "ringing) before its memory is read (default 1000)."),
                      QStringLiteral("ms"), QStringLiteral("1000")});
    parser.process(app);
    const qint64 wanted = parser.value(QStringLiteral("products")).toLongLong();
    const int starts = std::max(1, parser.value(QStringLiteral("starts")).toInt());
    const int sales = std::max(1, parser.value(QStringLiteral("sales")).toInt());
    const int settleMs = std::max(0, parser.value(QStringLiteral("settle")).toInt());
    const qint64 demoProducts = Lane::demoBarcodes(INT_MAX).size();
    if (wanted <= demoProducts)
        die(QStringLiteral("--products must be more than the demo catalog's %1").arg(demoProducts));
    const QString lane = QStringLiteral(EUPHORIA_LANE_EXECUTABLE);
    const QString self = QCoreApplication::applicationFilePath();

    QTemporaryDir dir;
    if (!dir.isValid())
        die(QStringLiteral("no temporary directory"));
    const QString bigDir = dir.filePath(QStringLiteral("big"));
    const QString demoDir = dir.filePath(QStringLiteral("demo"));

    // 1. The large catalog, imported as a store would.
    const QString csv = dir.filePath(QStringLiteral("catalog.csv"));
    writeCatalog(csv, wanted - demoProducts);
    QElapsedTimer importClock;
    importClock.start();
    {
        Child import(QStringLiteral("import"));
        import.start(lane, {QStringLiteral("--terminal-id"), QStringLiteral("L1"),
                            QStringLiteral("--data-dir"), bigDir,
                            QStringLiteral("--import-catalog"), csv});
        if (const int code = import.finish(600000); code != 0)
            die(QStringLiteral("the import failed (exit code %1):\n%2")
                    .arg(code)
                    .arg(import.log()));
    }
    const double importS = double(importClock.elapsed()) / 1000.0;
    const qint64 products = countProducts(bigDir);

    // 2. Start to login screen. The first start of each kind is not timed: it creates the demo
    // lane's database and brings every file into the page cache.
    const QString quitScript = dir.filePath(QStringLiteral("quit.json"));
    {
        QFile f(quitScript);
        const QByteArray json =
            QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("quit"), 0}}}).toJson();
        if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size())
            die(QStringLiteral("cannot write %1").arg(quitScript));
    }
    auto uiArgs = [&](const QString &data) {
        return QStringList{QStringLiteral("-platform"),   QStringLiteral("offscreen"),
                           QStringLiteral("--data-dir"),  data,
                           QStringLiteral("--ui-script"), quitScript};
    };
    const QStringList emptyArgs{QStringLiteral("--empty-window")};
    timeStart(QStringLiteral("warm-up, large catalog"), lane, uiArgs(bigDir));
    timeStart(QStringLiteral("warm-up, demo catalog"), lane, uiArgs(demoDir));
    timeStart(QStringLiteral("warm-up, empty window"), self, emptyArgs);
    const qint64 demoCount = countProducts(demoDir);
    std::vector<double> bigMs, demoMs, emptyMs;
    Start big, demo, empty;
    for (int i = 0; i < starts; ++i) {
        big = timeStart(QStringLiteral("start, large catalog"), lane, uiArgs(bigDir));
        demo = timeStart(QStringLiteral("start, demo catalog"), lane, uiArgs(demoDir));
        empty = timeStart(QStringLiteral("start, empty window"), self, emptyArgs);
        bigMs.push_back(big.ms);
        demoMs.push_back(demo.ms);
        emptyMs.push_back(empty.ms);
    }

    // 3. Headless memory: the lane as a store runs it, peer sync listening (on loopback here).
    auto headlessArgs = [&](const QString &data) {
        return QStringList{QStringLiteral("--headless"),
                           QStringLiteral("--terminal-id"),
                           QStringLiteral("L1"),
                           QStringLiteral("--data-dir"),
                           data,
                           QStringLiteral("--terminal-port"),
                           QStringLiteral("0"),
                           QStringLiteral("--bind-address"),
                           QStringLiteral("127.0.0.1"),
                           QStringLiteral("--status-interval"),
                           QStringLiteral("3600")};
    };
    const Headless bigIdle = runHeadless(QStringLiteral("headless, large catalog, idle"), lane,
                                         headlessArgs(bigDir), 0, settleMs);
    const Headless bigSales = runHeadless(QStringLiteral("headless, large catalog, sales"), lane,
                                          headlessArgs(bigDir), sales, settleMs);
    const Headless demoIdle = runHeadless(QStringLiteral("headless, demo catalog, idle"), lane,
                                          headlessArgs(demoDir), 0, settleMs);
    const Headless demoSales = runHeadless(QStringLiteral("headless, demo catalog, sales"), lane,
                                           headlessArgs(demoDir), sales, settleMs);
    const Headless floor = runHeadless(QStringLiteral("bare QCoreApplication"), self,
                                       {QStringLiteral("--bare")}, 0, settleMs);
    const Headless floorPin =
        runHeadless(QStringLiteral("bare QCoreApplication and a PIN check"), self,
                    {QStringLiteral("--bare"), QStringLiteral("--pin")}, 0, settleMs);

    out << "footprint_bench: " << products << " products (" << products - demoCount
        << " imported by euphoria-lane --import-catalog in " << QString::number(importS, 'f', 1)
        << " s, " << demoCount << " from the demo catalog); offscreen; median of " << starts
        << " starts each\n";
    const auto startLine = [&](const QString &what, const std::vector<double> &ms, const Start &s,
                               const QString &target) {
        // The process may be gone by the time its line is read: then its memory is unknown.
        out << QStringLiteral("%1 p50 %2 ms  max %3 ms  (VmHWM on screen %4 MiB)%5\n")
                   .arg(what.leftJustified(44))
                   .arg(median(ms), 5, 'f', 0)
                   .arg(*std::max_element(ms.begin(), ms.end()), 5, 'f', 0)
                   .arg(s.memory.hwmKb < 0 ? QStringLiteral("?")
                                           : QString::number(mib(s.memory.hwmKb), 'f', 1))
                   .arg(target);
    };
    startLine(QStringLiteral("start to login screen, %1 products").arg(products), bigMs, big,
              QStringLiteral("   target <= %1 ms: %2")
                  .arg(kTargetStartMs, 0, 'f', 0)
                  .arg(verdict(median(bigMs) <= kTargetStartMs)));
    startLine(QStringLiteral("start to login screen, demo catalog (%1)").arg(demoCount), demoMs,
              demo, {});
    startLine(QStringLiteral("baseline: empty QML window to first frame"), emptyMs, empty, {});
    const auto memoryLine = [&](const QString &what, const Headless &h, bool judged) {
        out << QStringLiteral("%1 VmRSS %2 MiB  VmHWM %3 MiB  (up in %4 ms)%5\n")
                   .arg(what.leftJustified(44))
                   .arg(mib(h.memory.rssKb), 5, 'f', 1)
                   .arg(mib(h.memory.hwmKb), 5, 'f', 1)
                   .arg(h.upMs, 4, 'f', 0)
                   .arg(judged ? QStringLiteral("   target <= %1 MiB: steady %2, peak %3")
                                     .arg(kTargetRssMiB, 0, 'f', 0)
                                     .arg(verdict(mib(h.memory.rssKb) <= kTargetRssMiB),
                                          verdict(mib(h.memory.hwmKb) <= kTargetRssMiB))
                               : QString());
    };
    memoryLine(QStringLiteral("headless lane, %1 products, idle").arg(products), bigIdle, true);
    memoryLine(QStringLiteral("headless lane, %1 products, %2 sales *").arg(products).arg(sales),
               bigSales, true);
    memoryLine(QStringLiteral("headless lane, demo catalog, idle"), demoIdle, false);
    memoryLine(QStringLiteral("headless lane, demo catalog, %1 sales *").arg(sales), demoSales,
               false);
    memoryLine(QStringLiteral("baseline: bare QCoreApplication, same libs"), floor, false);
    memoryLine(QStringLiteral("baseline: the same and one PIN check"), floorPin, false);
    out << "* --ring-sales logs the demo cashier in (Argon2id: 64 MiB for a moment) and its "
           "simulator holds every active product in one list, which no cashier's lane does\n";
    return 0;
}
