// ui_bench: how fast the lane's UI is for a cashier, offscreen, beside an empty QML window
// measured the same way in the same run.
//
// 1. Start: from starting the process to its first frame on screen (the login screen takes
//    input), for the real euphoria-lane (a fresh database, then the same one again) and for an
//    empty QML window (this program with --empty-window). Median of --starts runs each.
// 2. Scan to render: the real lane is driven by its --ui-script (the cashier taps her name and
//    PIN, then a scanner types barcodes and Enter); for each scan, the time from the Enter key
//    to the frame with the new cart line swapped. Baseline: in the empty window, a key press
//    that changes a Text, to its frame.
// 3. Frames while sales commit: the script rings --sales sales (scan, Pay, exact cash, wait for
//    "Sale complete") while the window is asked for a frame every 16 ms; the time between frames
//    on screen, p50/p99/max. Twice: on this disk, and on a disk whose every sync takes
//    --sync-delay-ms (the lane process runs with a test-only SQLite VFS preloaded that delays
//    xSync). A thread that waits for the disk while it should draw shows as a long frame.
#include "benchsupport.h"
#include "lane.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QMap>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace {
using Bench::die;
QTextStream out(stdout);

struct Stats
{
    double p50 = 0;
    double p95 = 0;
    double max = 0;
};

Stats stats(std::vector<double> v)
{
    if (v.empty())
        return {};
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size())))]; };
    return {at(0.5), at(0.95), v.back()};
}

// A child process; returns the ms from start to its "UI on screen" line, and every "rendered in
// N us" figure it printed (as ms).
struct ChildRun
{
    double startMs = -1;
    std::vector<double> renderMs;
    int exitCode = -1;
    QString log;
    int frames = 0; // "frames": how many, and the time between them
    double frameP50Ms = 0, frameP99Ms = 0, frameMaxMs = 0, framesOverMs = 0;
    double wallMs = 0;
};

// Where a scripted run stopped, from its log: the step that failed (with its reason), or the
// last step that was done.
QString whereItStopped(const QString &log)
{
    const QStringList lines = log.split(QLatin1Char('\n'));
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (it->contains(QLatin1String("ui-script: step")) &&
            it->contains(QLatin1String("failed after")))
            return it->mid(it->indexOf(QLatin1String("ui-script: step")));
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (it->contains(QLatin1String("ui-script: step")) &&
            it->contains(QLatin1String(" done in ")))
            return QStringLiteral("stopped after ") +
                   it->mid(it->indexOf(QLatin1String("ui-script: step")) + 11);
    return QStringLiteral("stopped before its first step");
}

ChildRun runChild(const QString &program, const QStringList &args, int timeoutMs,
                  const QMap<QString, QString> &extraEnv = {})
{
    ChildRun r;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
        env.insert(it.key(), it.value());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"),
               QStringLiteral("lane.*.info=false\nlane.ui.info=true"));
    p.setProcessEnvironment(env);
    QByteArray buffer;
    static const QRegularExpression rendered(QStringLiteral("rendered in (\\d+) us"));
    static const QRegularExpression frames(
        QStringLiteral("frames (\\d+) p50 (\\d+) us p99 (\\d+) us max (\\d+) us over (\\d+) ms"));
    QElapsedTimer clock;
    QObject::connect(&p, &QProcess::readyReadStandardError, [&] {
        const qint64 now = clock.nsecsElapsed();
        buffer += p.readAllStandardError();
        qsizetype nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(buffer.left(nl));
            buffer.remove(0, nl + 1);
            r.log += line + QLatin1Char('\n');
            if (r.startMs < 0 && line.contains(QLatin1String("UI on screen")))
                r.startMs = double(now) / 1e6;
            const auto m = rendered.match(line);
            if (m.hasMatch())
                r.renderMs.push_back(m.captured(1).toDouble() / 1000.0);
            const auto f = frames.match(line);
            if (f.hasMatch()) {
                r.frames = f.captured(1).toInt();
                r.frameP50Ms = f.captured(2).toDouble() / 1000.0;
                r.frameP99Ms = f.captured(3).toDouble() / 1000.0;
                r.frameMaxMs = f.captured(4).toDouble() / 1000.0;
                r.framesOverMs = f.captured(5).toDouble();
            }
        }
    });
    clock.start();
    p.start(program, args);
    if (!p.waitForStarted(10000))
        die(QStringLiteral("cannot start %1").arg(program));
    if (!Bench::waitFor([&] { return p.state() == QProcess::NotRunning; }, timeoutMs)) {
        p.kill();
        p.waitForFinished();
        die(QStringLiteral("%1 did not finish within %2 s (%3):\n%4")
                .arg(program)
                .arg(timeoutMs / 1000)
                .arg(whereItStopped(r.log), r.log));
    }
    r.exitCode = p.exitCode();
    r.wallMs = double(clock.nsecsElapsed()) / 1e6;
    return r;
}

// --empty-window: the baseline. An empty QML window; after its first frame, `keys` key presses
// each change a Text, each timed to its frame; then exits.
int emptyWindow(int argc, char *argv[], int keys)
{
    QGuiApplication app(argc, argv);
    QQmlApplicationEngine engine;
    engine.loadData(QByteArrayLiteral(
        "import QtQuick\n"
        "Window { width: 1280; height: 800; visible: true\n"
        "  Text { id: t; objectName: \"t\"; focus: true; text: \"\"; font.pixelSize: 24\n"
        "    Keys.onPressed: (e) => { t.text = t.text + e.text } } }\n"));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    int sent = 0;
    QElapsedTimer clock;
    bool onScreen = false;
    std::function<void()> next = [&] {
        if (sent >= keys) {
            QCoreApplication::quit();
            return;
        }
        ++sent;
        QKeyEvent press(QEvent::KeyPress, Qt::Key_1, Qt::NoModifier, QStringLiteral("1"));
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_1, Qt::NoModifier, QStringLiteral("1"));
        clock.start();
        QCoreApplication::sendEvent(window, &press);
        QCoreApplication::sendEvent(window, &release);
    };
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
        if (!onScreen) {
            onScreen = true;
            QTextStream(stderr) << "UI on screen" << Qt::endl;
        } else {
            QTextStream(stderr) << "rendered in " << clock.nsecsElapsed() / 1000 << " us"
                                << Qt::endl;
        }
        QTimer::singleShot(20, window, next);
    });
    return QCoreApplication::exec();
}
} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i)
        if (QByteArray(argv[i]) == "--empty-window")
            return emptyWindow(argc, argv, i + 1 < argc ? QByteArray(argv[i + 1]).toInt() : 0);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ui_bench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("starts"),
                      QStringLiteral("Process starts per kind (default 5)."), QStringLiteral("n"),
                      QStringLiteral("5")});
    parser.addOption({QStringLiteral("scans"), QStringLiteral("Barcodes scanned (default 100)."),
                      QStringLiteral("n"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("sales"),
                      QStringLiteral("Sales rung while frames are timed (default 30)."),
                      QStringLiteral("n"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("sync-delay-ms"),
                      QStringLiteral("The slow disk's time per sync (default 200)."),
                      QStringLiteral("ms"), QStringLiteral("200")});
    parser.process(app);
    const int sales = std::clamp(parser.value(QStringLiteral("sales")).toInt(), 1, 150);
    const int syncDelayMs = std::max(0, parser.value(QStringLiteral("sync-delay-ms")).toInt());
    const int starts = std::max(1, parser.value(QStringLiteral("starts")).toInt());
    const int scans = std::clamp(parser.value(QStringLiteral("scans")).toInt(), 1, 150);
    const QString lane = QStringLiteral(EUPHORIA_LANE_EXECUTABLE);
    const QString self = QCoreApplication::applicationFilePath();

    QTemporaryDir dir;
    if (!dir.isValid())
        die(QStringLiteral("no temporary directory"));

    // Demo catalog barcodes and the demo cashier, as the scanner and the cashier know them.
    const QStringList barcodes = Lane::demoBarcodes(scans);
    const auto cashier = Lane::demoCashier();
    if (!cashier || barcodes.size() < scans)
        die(QStringLiteral("the demo catalog has too few barcodes"));

    auto writeScript = [&](const QString &name, const QJsonArray &steps) {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(steps).toJson()) < 0)
            die(QStringLiteral("cannot write %1").arg(path));
        return path;
    };
    const QString quitScript = writeScript(QStringLiteral("quit.json"),
                                           QJsonArray{QJsonObject{{QStringLiteral("quit"), 0}}});
    auto laneArgs = [&](const QString &data, const QString &script) {
        return QStringList{QStringLiteral("-platform"),   QStringLiteral("offscreen"),
                           QStringLiteral("--data-dir"),  data,
                           QStringLiteral("--ui-script"), script};
    };

    // 1. Start.
    std::vector<double> cold, warm, empty;
    for (int i = 0; i < starts; ++i) {
        const QString data = dir.filePath(QStringLiteral("start-%1").arg(i));
        const ChildRun first = runChild(lane, laneArgs(data, quitScript), 60000);
        const ChildRun again = runChild(lane, laneArgs(data, quitScript), 60000);
        const ChildRun base =
            runChild(self, {QStringLiteral("--empty-window"), QStringLiteral("0")}, 60000);
        if (first.startMs < 0 || again.startMs < 0 || base.startMs < 0)
            die(QStringLiteral("a start was not measured:\n%1%2%3")
                    .arg(first.log, again.log, base.log));
        cold.push_back(first.startMs);
        warm.push_back(again.startMs);
        empty.push_back(base.startMs);
    }

    // 2. Scan to render.
    QJsonArray steps{QJsonObject{
        {QStringLiteral("tap"), QString(QStringLiteral("employee_") + cashier->employeeId)}}};
    for (const QChar d : cashier->pin)
        steps.append(QJsonObject{{QStringLiteral("tap"), QString(QStringLiteral("pinKey_") + d)}});
    steps.append(QJsonObject{{QStringLiteral("tap"), QStringLiteral("pinKey_ok")}});
    steps.append(QJsonObject{{QStringLiteral("wait"), QStringLiteral("login.loggedIn")},
                             {QStringLiteral("equals"), QStringLiteral("true")}});
    for (int i = 0; i < scans; ++i) {
        steps.append(
            QJsonObject{{QStringLiteral("keys"), QString(barcodes.at(i) + QLatin1Char('\n'))},
                        {QStringLiteral("timeRender"), true}});
        steps.append(QJsonObject{{QStringLiteral("wait"), QStringLiteral("checkout.itemCount")},
                                 {QStringLiteral("equals"), i + 1}});
    }
    steps.append(QJsonObject{{QStringLiteral("quit"), 0}});
    const ChildRun scan = runChild(lane,
                                   laneArgs(dir.filePath(QStringLiteral("scan")),
                                            writeScript(QStringLiteral("scan.json"), steps)),
                                   60000 + scans * 2000);
    if (scan.exitCode != 0 || int(scan.renderMs.size()) != scans)
        die(QStringLiteral("the scan run failed (%1 of %2 scans timed; %3):\n%4")
                .arg(scan.renderMs.size())
                .arg(scans)
                .arg(whereItStopped(scan.log), scan.log));
    const ChildRun keys =
        runChild(self, {QStringLiteral("--empty-window"), QString::number(scans)}, 60000);

    // 3. Frames while sales commit, on this disk and on a slow one.
    QJsonArray saleSteps; // the same login as above
    for (qsizetype i = 0; i < cashier->pin.size() + 3; ++i)
        saleSteps.append(steps.at(i));
    saleSteps.append(QJsonObject{{QStringLiteral("frames"), QStringLiteral("start")}});
    for (int i = 0; i < sales; ++i) {
        saleSteps.append(QJsonObject{
            {QStringLiteral("keys"), QString(barcodes.at(i % scans) + QLatin1Char('\n'))}});
        saleSteps.append(QJsonObject{{QStringLiteral("wait"), QStringLiteral("checkout.itemCount")},
                                     {QStringLiteral("equals"), 1}});
        saleSteps.append(QJsonObject{{QStringLiteral("tap"), QStringLiteral("payButton")}});
        saleSteps.append(QJsonObject{{QStringLiteral("tap"), QStringLiteral("quickCash0")}});
        saleSteps.append(QJsonObject{{QStringLiteral("wait"), QStringLiteral("checkout.stage")},
                                     {QStringLiteral("equals"), 2}});
    }
    saleSteps.append(QJsonObject{{QStringLiteral("frames"), QStringLiteral("stop")}});
    saleSteps.append(QJsonObject{{QStringLiteral("quit"), 0}});
    const QString saleScript = writeScript(QStringLiteral("sales.json"), saleSteps);
    auto ringSales = [&](const QString &name, const QMap<QString, QString> &env) {
        const ChildRun run = runChild(lane, laneArgs(dir.filePath(name), saleScript),
                                      120000 + sales * (3000 + 4 * syncDelayMs), env);
        if (run.exitCode != 0 || run.frames == 0)
            die(QStringLiteral("the sales run %1 failed (%2):\n%3")
                    .arg(name, whereItStopped(run.log), run.log));
        return run;
    };
    const ChildRun fastDisk = ringSales(QStringLiteral("sales-disk"), {});
    const ChildRun slowDisk =
        ringSales(QStringLiteral("sales-slow"),
                  {{QStringLiteral("LD_PRELOAD"), QStringLiteral(EUPHORIA_SYNCDELAY_PRELOAD)},
                   {QStringLiteral("EUPHORIA_SYNC_DELAY_MS"), QString::number(syncDelayMs)}});

    const Stats c = stats(cold), w = stats(warm), e = stats(empty);
    const Stats s = stats(scan.renderMs), k = stats(keys.renderMs);
    out << "ui_bench (offscreen, " << starts << " starts each, " << scans << " scans)\n";
    out << QStringLiteral("start to login screen, fresh database   p50 %1 ms  max %2 ms\n")
               .arg(c.p50, 0, 'f', 0)
               .arg(c.max, 0, 'f', 0);
    out << QStringLiteral("start to login screen, existing database p50 %1 ms  max %2 ms   (target "
                          "< 1000 ms)\n")
               .arg(w.p50, 0, 'f', 0)
               .arg(w.max, 0, 'f', 0);
    out << QStringLiteral("baseline: empty QML window to first frame p50 %1 ms  max %2 ms\n")
               .arg(e.p50, 0, 'f', 0)
               .arg(e.max, 0, 'f', 0);
    out << QStringLiteral("scan (Enter) to cart line rendered        p50 %1 ms  p95 %2 ms  max %3 "
                          "ms   (target < 50 ms)\n")
               .arg(s.p50, 0, 'f', 1)
               .arg(s.p95, 0, 'f', 1)
               .arg(s.max, 0, 'f', 1);
    out << QStringLiteral(
               "baseline: key to frame, empty window      p50 %1 ms  p95 %2 ms  max %3 ms\n")
               .arg(k.p50, 0, 'f', 1)
               .arg(k.p95, 0, 'f', 1)
               .arg(k.max, 0, 'f', 1);
    const auto frameLine = [&](const QString &what, const ChildRun &r) {
        out << QStringLiteral("frames while %1 sales commit, %2 %3 frames  p50 %4 ms  p99 %5 ms  "
                              "max %6 ms  (%7 ms per sale)\n")
                   .arg(sales)
                   .arg(what)
                   .arg(r.frames)
                   .arg(r.frameP50Ms, 0, 'f', 1)
                   .arg(r.frameP99Ms, 0, 'f', 1)
                   .arg(r.frameMaxMs, 0, 'f', 1)
                   .arg(r.framesOverMs / sales, 0, 'f', 0);
    };
    frameLine(QStringLiteral("this disk:          "), fastDisk);
    frameLine(QStringLiteral("sync %1 ms:         ").arg(syncDelayMs, 3), slowDisk);
    out << QStringLiteral("(target: p99 < 20 ms on the slow disk; a frame is asked every 16 ms)\n");
    return 0;
}
