#pragma once

#include "peerprotocol.h"
#include "securechannel.h"

#include <QMap>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QWebSocket>

#include <memory>

// A loopback port that this test process holds for as long as the object lives, so no other
// process can take it: a listening socket that is never accepted on here (handed to a lane with
// --listen-fd, so its address is known before it starts and stays the same across restarts), or
// a bound socket that does not listen (a peer address that refuses every connection).
class HeldPort
{
public:
    enum Kind { Listening, Refusing };
    explicit HeldPort(Kind kind);
    ~HeldPort();
    HeldPort(const HeldPort &) = delete;
    HeldPort &operator=(const HeldPort &) = delete;

    bool isValid() const { return m_fd >= 0 && m_port != 0; }
    int fd() const { return m_fd; }
    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("ws://127.0.0.1:%1").arg(m_port); }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

// The first column of a query on a database file, read-only (a running lane's or a backup);
// empty when it cannot be read.
QStringList columnOf(const QString &path, const QString &sql);

// A real euphoria-lane process for multi-lane tests: its own data directory, the test store key,
// headless. It binds a free loopback port itself (--terminal-port 0) and reports it, so its url()
// is known once it started; a lane that must be reachable before it starts, or at the same
// address after a restart, serves on a port the test holds (holdPort()).
class LaneProcess
{
public:
    // The store key of test lanes (64 hex digits, as euphoria-lane --new-store-key prints).
    static constexpr const char *StoreKey =
        "9d1c4e7a2b8f3065c1e9a74d52b0f8e36a1d7c94e2b5083f6c9a1e7d40b2f58c";

    LaneProcess(QString terminalId, QString dataDir);
    ~LaneProcess();

    // From now on the lane serves on a listening socket this test holds: url() is valid at once.
    void holdPort();
    // Starts headless with these peers plus extra arguments; waits until it listens.
    bool start(const QStringList &peerUrls, const QStringList &extra = {});
    // With its real UI (offscreen) instead of headless; script: a --ui-script to drive it.
    void setUi(const QString &script) { m_uiScript = script; }
    // An environment variable for the next start (e.g. EUPHORIA_CLOCK_OFFSET_SECONDS).
    void setEnv(const QString &name, const QString &value) { m_env.insert(name, value); }
    // Runs the executable once on this lane's database (the lane itself stopped), e.g. for
    // --count or --import-catalog; returns its exit code (-1: it did not finish) and keeps what it
    // printed in log() (standard error) and onceOutput() (standard output).
    int runOnce(const QStringList &arguments);
    QString onceOutput() const { return QString::fromUtf8(m_onceOut); }
    void kill(); // SIGKILL
    bool stop(); // SIGTERM, waits for a clean exit
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    // The address peers reach it at: the held port, or the port it reported at its last start
    // (empty before it first started).
    QString url() const;
    quint16 port() const;
    const QString &terminalId() const { return m_terminalId; }
    QString databasePath() const;
    QString log() const { return QString::fromUtf8(m_log); }
    QStringList printedIds();

    // A value from the lane's database (read through a separate connection; WAL allows it).
    qint64 count(const QString &sql) const;
    QStringList column(const QString &sql) const;

private:
    QString m_terminalId;
    QString m_dataDir;
    std::unique_ptr<HeldPort> m_held;
    quint16 m_reportedPort = 0;
    QProcess m_process;
    QMap<QString, QString> m_env;
    QString m_uiScript;
    QByteArray m_log;
    QByteArray m_out;
    QByteArray m_onceOut;
};

// A hand-driven peer for protocol tests: speaks the handshake with a given key and terminal id,
// then sends whatever frames the test wants, sealed as protocol 3 wants (or in plaintext, as
// protocol 2, for a lane that lists it in plaintextPeers).
class RawPeer : public QObject
{
    Q_OBJECT
public:
    explicit RawPeer(QString terminalId, QByteArray key = LaneProcess::StoreKey);

    // Speak protocol 2 (no key exchange, no sealing) instead of 3.
    void setPlaintext(bool plaintext) { m_plaintext = plaintext; }
    bool connectTo(const QUrl &url);
    // Runs the client side of the hello handshake; true once welcomed.
    bool handshake(const PeerProtocol::VersionVector &vector = {});
    // One frame: sealed once the keys exist, a text frame before or in plaintext.
    void send(const QByteArray &frame);
    // A WebSocket text frame as it is, even on an encrypted connection.
    void sendText(const QByteArray &frame);
    void sendBinary(const QByteArray &data);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool waitForDisconnect(int ms);
    QList<QJsonObject> received() const { return m_received; }
    QStringList ackedIds() const;
    QString closeReason() const;
    QWebSocket &socket() { return m_socket; }

Q_SIGNALS:
    // Every frame the lane sent, opened (a sealed frame that did not open is a frame of type
    // "(sealed frame that did not open)").
    void frameReceived(const QJsonObject &frame);

private:
    QString m_terminalId;
    QByteArray m_key;
    bool m_plaintext = false;
    QWebSocket m_socket;
    std::unique_ptr<SecureChannel> m_channel;
    QList<QJsonObject> m_received;
};
