#include "laneprocess.h"

#include <QDir>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef LANE_EXECUTABLE
#error "LANE_EXECUTABLE must be defined by the build"
#endif

HeldPort::HeldPort(Kind kind)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        (kind == Listening && ::listen(m_fd, 128) != 0) ||
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        qWarning("HeldPort: %s", strerror(errno));
        ::close(m_fd);
        m_fd = -1;
        return;
    }
    m_port = ntohs(addr.sin_port);
}

HeldPort::~HeldPort()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

LaneProcess::LaneProcess(QString terminalId, QString dataDir)
    : m_terminalId(std::move(terminalId))
    , m_dataDir(std::move(dataDir))
{
    QObject::connect(&m_process, &QProcess::readyReadStandardError,
                     [this] { m_log += m_process.readAllStandardError(); });
}

LaneProcess::~LaneProcess()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void LaneProcess::holdPort()
{
    m_held = std::make_unique<HeldPort>(HeldPort::Listening);
    if (!m_held->isValid())
        qWarning("LaneProcess: no port could be held for %s", qPrintable(m_terminalId));
}

quint16 LaneProcess::port() const
{
    return m_held ? m_held->port() : m_reportedPort;
}

QString LaneProcess::url() const
{
    return port() == 0 ? QString() : QStringLiteral("ws://127.0.0.1:%1").arg(port());
}

QString LaneProcess::databasePath() const
{
    return m_dataDir + QStringLiteral("/lane-") + m_terminalId + QStringLiteral(".sqlite");
}

bool LaneProcess::start(const QStringList &peerUrls, const QStringList &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EUPHORIA_STORE_KEY"), QString::fromLatin1(StoreKey));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("lane.*.debug=false"));
    for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
        env.insert(it.key(), it.value());
    m_process.setProcessEnvironment(env);
    m_process.setProgram(QStringLiteral(LANE_EXECUTABLE));
    QStringList args{QStringLiteral("--terminal-id"),
                     m_terminalId,
                     QStringLiteral("--data-dir"),
                     m_dataDir,
                     QStringLiteral("--bind-address"),
                     QStringLiteral("127.0.0.1"),
                     QStringLiteral("--status-interval"),
                     QStringLiteral("0"),
                     QStringLiteral("--peer-backoff-initial-ms"),
                     QStringLiteral("200"),
                     QStringLiteral("--peer-backoff-max-ms"),
                     QStringLiteral("2000")};
    if (m_held) {
        // The held socket is close-on-exec; only this child inherits it.
        const int fd = m_held->fd();
        m_process.setChildProcessModifier([fd] { ::fcntl(fd, F_SETFD, 0); });
        args << QStringLiteral("--listen-fd") << QString::number(fd);
    } else {
        m_process.setChildProcessModifier({});
        args << QStringLiteral("--terminal-port") << QStringLiteral("0");
    }
    if (!peerUrls.isEmpty())
        args << QStringLiteral("--peer-terminals") << peerUrls.join(QLatin1Char(','));
    if (m_uiScript.isEmpty())
        args << QStringLiteral("--headless");
    else
        args << QStringLiteral("-platform") << QStringLiteral("offscreen")
             << QStringLiteral("--ui-script") << m_uiScript;
    args << extra;
    m_process.setArguments(args);
    m_log.clear();
    m_out.clear();
    m_reportedPort = 0;
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return false;
    // The lane logs the address it listens on once its server is up:
    // "lane L1 listening for peers on 127.0.0.1:40123".
    static const QRegularExpression listening(
        QStringLiteral("listening for peers on [^\\s]*:(\\d+)"));
    const bool up = QTest::qWaitFor(
        [&] {
            m_log += m_process.readAllStandardError();
            const auto m = listening.match(QString::fromUtf8(m_log));
            if (m.hasMatch())
                m_reportedPort = quint16(m.captured(1).toUInt());
            return m_reportedPort != 0 || !isRunning();
        },
        60000);
    return up && m_reportedPort != 0 && (!m_held || m_reportedPort == m_held->port());
}

int LaneProcess::runOnce(const QStringList &arguments)
{
    QProcess once;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EUPHORIA_STORE_KEY"), QString::fromLatin1(StoreKey));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
        env.insert(it.key(), it.value());
    once.setProcessEnvironment(env);
    once.start(QStringLiteral(LANE_EXECUTABLE),
               QStringList{QStringLiteral("--terminal-id"), m_terminalId,
                           QStringLiteral("--data-dir"), m_dataDir}
                   << arguments);
    const bool done = once.waitForFinished(120000);
    m_log += once.readAllStandardError();
    m_onceOut = once.readAllStandardOutput();
    return done && once.exitStatus() == QProcess::NormalExit ? once.exitCode() : -1;
}

QStringList LaneProcess::printedIds()
{
    m_out += m_process.readAllStandardOutput();
    QStringList ids;
    for (const QByteArray &line : m_out.split('\n'))
        if (line.size() == 36)
            ids.append(QString::fromLatin1(line));
    return ids;
}

void LaneProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
    m_log += m_process.readAllStandardError();
}

bool LaneProcess::stop()
{
    m_process.terminate();
    const bool done = m_process.waitForFinished(15000);
    m_log += m_process.readAllStandardError();
    return done && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

qint64 LaneProcess::count(const QString &sql) const
{
    const QStringList v = column(sql);
    return v.isEmpty() ? -1 : v.first().toLongLong();
}

QStringList LaneProcess::column(const QString &sql) const
{
    return columnOf(databasePath(), sql);
}

QStringList columnOf(const QString &path, const QString &sql)
{
    QStringList values;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql))
                while (q.next())
                    values.append(q.value(0).toString());
        }
    }
    QSqlDatabase::removeDatabase(name);
    return values;
}

RawPeer::RawPeer(QString terminalId, QByteArray key)
    : m_terminalId(std::move(terminalId))
    , m_key(std::move(key))
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_received.append(QJsonDocument::fromJson(text.toUtf8()).object());
        Q_EMIT frameReceived(m_received.last());
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        const auto opened = m_channel ? m_channel->open(data) : std::nullopt;
        m_received.append(opened
                              ? QJsonDocument::fromJson(*opened).object()
                              : QJsonObject{{QStringLiteral("type"),
                                             QStringLiteral("(sealed frame that did not open)")}});
        Q_EMIT frameReceived(m_received.last());
    });
}

bool RawPeer::connectTo(const QUrl &url)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(url);
    return connected.wait(10000);
}

bool RawPeer::handshake(const PeerProtocol::VersionVector &vector)
{
    using namespace PeerProtocol;
    m_channel.reset();
    const QByteArray nonce = newNonce();
    const SecureChannel::KeyPair ephemeral = SecureChannel::newKeyPair();
    const QJsonObject clientHello =
        hello(m_terminalId, nonce, std::nullopt, m_plaintext ? QByteArray() : ephemeral.publicKey);
    QByteArray transcript = transcriptOf(Kind::Hello, clientHello);
    const qsizetype before = m_received.size();
    send(compact(clientHello));
    if (!QTest::qWaitFor([&] { return m_received.size() > before || !isConnected(); }, 10000) ||
        m_received.size() <= before)
        return false;
    const QJsonObject serverHello = m_received.at(before);
    if (serverHello.value(QLatin1String("type")).toString() != QLatin1String("hello"))
        return false;
    transcript += transcriptOf(Kind::Hello, serverHello);
    if (!m_plaintext) {
        const auto dh = SecureChannel::sharedSecret(ephemeral.privateKey, publicKeyOf(serverHello));
        if (!dh)
            return false;
        const SecureChannel::DirectionKeys keys = SecureChannel::deriveKeys(*dh, m_key, transcript);
        m_channel = std::make_unique<SecureChannel>(keys.clientToServer, keys.serverToClient);
    }
    const QJsonObject authFrame = auth(vector);
    transcript += transcriptOf(Kind::Auth, authFrame);
    const qsizetype mid = m_received.size();
    send(withMac(authFrame,
                 handshakeMac(m_key, 'C', transcript, m_plaintext ? PlaintextVersion : Version)));
    if (!QTest::qWaitFor([&] { return m_received.size() > mid || !isConnected(); }, 10000) ||
        m_received.size() <= mid)
        return false;
    return m_received.at(mid).value(QLatin1String("type")).toString() == QLatin1String("welcome");
}

void RawPeer::send(const QByteArray &frame)
{
    if (m_channel)
        m_socket.sendBinaryMessage(m_channel->seal(frame));
    else
        m_socket.sendTextMessage(QString::fromUtf8(frame));
    m_socket.flush();
}

void RawPeer::sendText(const QByteArray &frame)
{
    m_socket.sendTextMessage(QString::fromUtf8(frame));
    m_socket.flush();
}

void RawPeer::sendBinary(const QByteArray &data)
{
    m_socket.sendBinaryMessage(data);
    m_socket.flush();
}

bool RawPeer::waitForDisconnect(int ms)
{
    return QTest::qWaitFor([&] { return !isConnected(); }, ms);
}

QStringList RawPeer::ackedIds() const
{
    QStringList ids;
    for (const QJsonObject &o : m_received)
        if (o.value(QLatin1String("type")).toString() == QLatin1String("ack"))
            ids.append(o.value(QLatin1String("messageId")).toString());
    return ids;
}

QString RawPeer::closeReason() const
{
    for (const QJsonObject &o : m_received)
        if (o.value(QLatin1String("type")).toString() == QLatin1String("error"))
            return o.value(QLatin1String("reason")).toString();
    return m_socket.closeReason();
}
