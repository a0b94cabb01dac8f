#pragma once

// Small helpers the benchmarks share: fail loudly, pick a loopback port, wait on the event loop.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTextStream>
#include <QTimer>

#include <cstdlib>
#include <functional>

namespace Bench {
[[noreturn]] inline void die(const QString &message)
{
    QTextStream(stderr) << QCoreApplication::applicationName() << ": " << message << Qt::endl;
    std::exit(1);
}

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Runs the event loop until done() or the timeout; false on timeout.
inline bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(1, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}
// Starts a headless euphoria-lane process as lane L2 on loopback with the given store key, data
// directory and port, plus extra options; its log goes to this process's stderr (info muted).
inline void startLaneTwo(QProcess &process, const QString &program, const char *storeKey,
                         const QString &dataDir, quint16 port, const QStringList &extra = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EUPHORIA_STORE_KEY"), QString::fromLatin1(storeKey));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("lane.*.info=false"));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program,
                  QStringList{QStringLiteral("--headless"), QStringLiteral("--terminal-id"),
                              QStringLiteral("L2"), QStringLiteral("--data-dir"), dataDir,
                              QStringLiteral("--terminal-port"), QString::number(port),
                              QStringLiteral("--bind-address"), QStringLiteral("127.0.0.1"),
                              QStringLiteral("--status-interval"), QStringLiteral("0")}
                      << extra);
    if (!process.waitForStarted(10000))
        die(QStringLiteral("cannot start euphoria-lane: ") + process.errorString());
}
} // namespace Bench
