#include "clouddev.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcessEnvironment>

CloudDev::~CloudDev()
{
    stop();
}

bool CloudDev::start(int timeoutMs)
{
    m_process.setProgram(QStringLiteral(LANE_SOURCE_DIR "/tools/cloud-dev"));
    // The key too: tests of the lanes' service-key mode need it, and the others check that it
    // never shows anywhere.
    m_process.setArguments({QStringLiteral("--print-service-key")});
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    m_process.setProcessEnvironment(env);
    m_process.start();
    if (!m_process.waitForStarted()) {
        m_error = m_process.errorString();
        return false;
    }
    QByteArray out;
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (!m_process.waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 1000)))) {
            if (m_process.state() != QProcess::Running)
                break;
            continue;
        }
        out += m_process.readAllStandardOutput();
        for (const QByteArray &line : out.split('\n')) {
            const QString l = QString::fromUtf8(line.trimmed());
            if (l.startsWith(QLatin1String("supabaseUrl=")))
                m_url = l.mid(12);
            else if (l.startsWith(QLatin1String("supabaseServiceKey=")))
                m_key = l.mid(19);
            else if (l.startsWith(QLatin1String("databaseUrl=")))
                m_dbUrl = l.mid(12);
            else if (l.startsWith(QLatin1String("function log: ")))
                m_functionLog = l.mid(14).section(QLatin1Char(','), 0, 0);
            else if (l == QLatin1String("ready"))
                return !m_url.isEmpty() && !m_key.isEmpty() && !m_dbUrl.isEmpty();
        }
    }
    m_error = QStringLiteral("tools/cloud-dev did not get ready: %1 %2")
                  .arg(QString::fromUtf8(out), QString::fromUtf8(m_process.readAllStandardError()));
    stop();
    return false;
}

void CloudDev::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // cloud-dev stops the function and PostgreSQL on SIGTERM
    if (!m_process.waitForFinished(60000)) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

QString CloudDev::functionLog() const
{
    QFile f(m_functionLog);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("cannot read the function's log %s", qPrintable(m_functionLog));
        return {};
    }
    return QString::fromUtf8(f.readAll());
}

std::optional<QString> CloudDev::tool(const QStringList &arguments) const
{
    QProcess p;
    p.start(QStringLiteral(LANE_SOURCE_DIR "/tools/cloud-dev"),
            arguments + QStringList{QStringLiteral("--db-url"), m_dbUrl});
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("tools/cloud-dev %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                 p.readAllStandardError().constData());
        return std::nullopt;
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QString CloudDev::credential(const QString &store, const QString &terminal)
{
    const QString lane = store + QLatin1Char(':') + terminal;
    if (const auto it = m_credentials.constFind(lane); it != m_credentials.constEnd())
        return *it;
    const auto out = tool({QStringLiteral("enroll"), QStringLiteral("--store"), store,
                           QStringLiteral("--terminal"), terminal});
    if (!out)
        return {};
    m_credentials.insert(lane, *out);
    m_allCredentials.append(*out);
    return *out;
}

QString CloudDev::reenroll(const QString &store, const QString &terminal)
{
    const auto out = tool({QStringLiteral("enroll"), QStringLiteral("--store"), store,
                           QStringLiteral("--terminal"), terminal, QStringLiteral("--replace")});
    if (!out)
        return {};
    m_credentials.insert(store + QLatin1Char(':') + terminal, *out);
    m_allCredentials.append(*out);
    return *out;
}

bool CloudDev::revoke(const QString &store, const QString &terminal)
{
    return tool({QStringLiteral("revoke"), QStringLiteral("--store"), store,
                 QStringLiteral("--terminal"), terminal})
        .has_value();
}

QString CloudDev::query(const QString &sql) const
{
    QProcess psql;
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-X"), QStringLiteral("-tA"), QStringLiteral("-v"),
                QStringLiteral("ON_ERROR_STOP=1"), m_dbUrl, QStringLiteral("-c"), sql});
    if (!psql.waitForFinished(60000) || psql.exitCode() != 0) {
        qWarning("psql failed: %s", psql.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(psql.readAllStandardOutput()).trimmed();
}

FaultProxy::FaultProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstream(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onConnection);
}

bool FaultProxy::listen()
{
    if (!m_server.listen(QHostAddress::LocalHost, m_port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void FaultProxy::setMode(Mode mode)
{
    m_mode = mode;
    // Connections kept alive from before behave as the new mode says too.
    for (const QPointer<QTcpSocket> &c : std::as_const(m_clients))
        if (c)
            c->abort();
    m_clients.clear();
}

void FaultProxy::onConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_connections;
        if (m_mode == Mode::Refuse) {
            // Reset at once, as when the internet is down at the router. The proxy keeps its
            // port (closing it would let another process take it before it listens again).
            ++m_refused;
            client->abort();
            client->deleteLater();
            continue;
        }
        m_clients.append(client);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        if (m_mode == Mode::Silent) {
            connect(client, &QTcpSocket::readyRead, client, [client] { client->readAll(); });
            continue;
        }
        if (m_mode == Mode::Answer) {
            connect(client, &QTcpSocket::readyRead, client, [this, client] {
                client->readAll();
                client->write(m_answer);
                client->disconnectFromHost();
            });
            continue;
        }
        auto *upstream = new QTcpSocket(client);
        const bool drop = m_mode == Mode::DropReplies;
        QPointer<QTcpSocket> c(client);
        connect(client, &QTcpSocket::readyRead, upstream,
                [client, upstream] { upstream->write(client->readAll()); });
        connect(upstream, &QTcpSocket::connected, upstream,
                [client, upstream] { upstream->write(client->readAll()); });
        connect(upstream, &QTcpSocket::readyRead, client, [this, c, upstream, drop] {
            if (!c)
                return;
            if (drop) {
                // The function has answered, so the insert is committed: lose the answer.
                ++m_dropped;
                upstream->readAll();
                c->abort();
                return;
            }
            c->write(upstream->readAll());
        });
        connect(upstream, &QTcpSocket::disconnected, client, [c] {
            if (c)
                c->disconnectFromHost();
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_upstream);
    }
}
