#pragma once

#include "result.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTcpServer>
#include <QWebSocketServer>

class Clock;
class QWebSocket;

// The lane's listening end for peers: accepts TCP connections, upgrades them to WebSockets and
// drops those that do not complete the upgrade in time. Hands each upgraded socket on.
class PeerServer : public QObject
{
    Q_OBJECT
public:
    PeerServer(const QString &terminalId, Clock &clock, int handshakeTimeoutMs,
               QObject *parent = nullptr);

    // Listens on address:port, or on the inherited listening descriptor listenFd when >= 0.
    [[nodiscard]] Status listen(const QHostAddress &address, quint16 port, int listenFd);
    void close();

    bool isListening() const { return m_tcp.isListening(); }
    quint16 port() const { return m_tcp.serverPort(); }
    QHostAddress address() const { return m_tcp.serverAddress(); }

signals:
    // A peer's connection became a WebSocket; the receiver takes it.
    void upgraded(QWebSocket *socket);

private:
    void onTcpConnection();
    void onWebSocketConnection();

    Clock &m_clock;
    int m_handshakeTimeoutMs;
    QTcpServer m_tcp;
    QWebSocketServer m_ws;
    QSet<QString> m_awaitingUpgrade; // accepted TCP connections not yet WebSockets
};
