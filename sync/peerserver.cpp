#include "peerserver.h"

#include "clocktimer.h"
#include "synclog.h"

#include <QPointer>
#include <QTcpSocket>
#include <QWebSocket>

namespace {

QString endpointOf(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char('|') + QString::number(port);
}

} // namespace

PeerServer::PeerServer(const QString &terminalId, Clock &clock, int handshakeTimeoutMs,
                       QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_handshakeTimeoutMs(handshakeTimeoutMs)
    , m_ws(QStringLiteral("euphoria-lane/") + terminalId, QWebSocketServer::NonSecureMode)
{
    connect(&m_tcp, &QTcpServer::newConnection, this, &PeerServer::onTcpConnection);
    connect(&m_ws, &QWebSocketServer::newConnection, this, &PeerServer::onWebSocketConnection);
}

Status PeerServer::listen(const QHostAddress &address, quint16 port, int listenFd)
{
    if (listenFd >= 0) {
        if (!m_tcp.setSocketDescriptor(qintptr(listenFd)))
            return Status::failure(
                QStringLiteral("peer sync is off: descriptor %1 is not a listening socket: %2")
                    .arg(listenFd)
                    .arg(m_tcp.errorString()));
    } else if (!m_tcp.listen(address, port)) {
        return Status::failure(QStringLiteral("peer sync is off: cannot listen on %1:%2: %3")
                                   .arg(address.toString())
                                   .arg(port)
                                   .arg(m_tcp.errorString()));
    }
    return {};
}

void PeerServer::close()
{
    m_tcp.close();
}

void PeerServer::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
        // QWebSocketServer leaves Nagle on for accepted sockets (~40 ms per exchange).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // A connection that never completes the WebSocket upgrade is dropped (QWebSocketServer
        // 6.4 leaves it open forever). Upgraded sockets are known by their remote endpoint.
        const QString endpoint = endpointOf(socket->peerAddress(), socket->peerPort());
        m_awaitingUpgrade.insert(endpoint);
        QPointer<QTcpSocket> guard(socket);
        ClockTimer::singleShot(m_clock, m_handshakeTimeoutMs, this, [this, guard, endpoint] {
            if (!m_awaitingUpgrade.remove(endpoint) || !guard)
                return;
            qCInfo(lcPeer).noquote()
                << "dropping" << endpoint << ": no WebSocket upgrade within the handshake timeout";
            guard->abort();
        });
        m_ws.handleConnection(socket);
    }
}

void PeerServer::onWebSocketConnection()
{
    while (QWebSocket *socket = m_ws.nextPendingConnection()) {
        m_awaitingUpgrade.remove(endpointOf(socket->peerAddress(), socket->peerPort()));
        Q_EMIT upgraded(socket);
    }
}
