#pragma once

#include "peerprotocol.h"

#include <QMap>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QWebSocket>

// A real euphoria-lane process for multi-lane tests: its own data directory, a loopback port
// picked at run time, the test store key, headless.
class LaneProcess
{
public:
    static constexpr const char *StoreKey = "test-store-key-0123456789";

    LaneProcess(QString terminalId, QString dataDir, quint16 port);
    ~LaneProcess();

    // Starts headless with these peers plus extra arguments; waits until it listens.
    bool start(const QStringList &peerUrls, const QStringList &extra = {});
    // With its real UI (offscreen) instead of headless; script: a --ui-script to drive it.
    void setUi(const QString &script) { m_uiScript = script; }
    // An environment variable for the next start (e.g. EUPHORIA_CLOCK_OFFSET_SECONDS).
    void setEnv(const QString &name, const QString &value) { m_env.insert(name, value); }
    void kill(); // SIGKILL
    bool stop(); // SIGTERM, waits for a clean exit
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    QString url() const { return QStringLiteral("ws://127.0.0.1:%1").arg(m_port); }
    quint16 port() const { return m_port; }
    const QString &terminalId() const { return m_terminalId; }
    QString databasePath() const;
    QString log() const { return QString::fromUtf8(m_log); }
    QStringList printedIds();

    // A value from the lane's database (read through a separate connection; WAL allows it).
    qint64 count(const QString &sql) const;
    QStringList column(const QString &sql) const;

    static quint16 freePort();

private:
    QString m_terminalId;
    QString m_dataDir;
    quint16 m_port;
    QProcess m_process;
    QMap<QString, QString> m_env;
    QString m_uiScript;
    QByteArray m_log;
    QByteArray m_out;
};

// A hand-driven peer for protocol tests: speaks the handshake with a given key and terminal id,
// then sends whatever frames the test wants.
class RawPeer : public QObject
{
    Q_OBJECT
public:
    explicit RawPeer(QString terminalId, QByteArray key = LaneProcess::StoreKey);

    bool connectTo(const QUrl &url);
    // Runs the client side of the hello handshake; true once welcomed.
    bool handshake(const PeerProtocol::VersionVector &vector = {});
    void send(const QByteArray &frame);
    void sendBinary(const QByteArray &data);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool waitForDisconnect(int ms);
    QList<QJsonObject> received() const { return m_received; }
    QStringList ackedIds() const;
    QString closeReason() const;
    QWebSocket &socket() { return m_socket; }

private:
    QString m_terminalId;
    QByteArray m_key;
    QWebSocket m_socket;
    QList<QJsonObject> m_received;
};
