#include "peerlink.h"

#include "clock.h"
#include "peersession.h"
#include "peersessionhost.h"
#include "peersyncconfig.h"
#include "synclog.h"

#include <QAbstractSocket>
#include <QDateTime>
#include <QWebSocket>

PeerLink::PeerLink(QUrl url, PeerSessionHost &host, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_host(host)
    , m_backoff(host.config().backoffInitialMs, host.config().backoffMaxMs, host.config().random)
    , m_retry(host.clock())
    , m_connectTimeout(host.clock())
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &ClockTimer::timeout, this, &PeerLink::dial);
    m_connectTimeout.setSingleShot(true);
    m_connectTimeout.setInterval(host.config().handshakeTimeoutMs);
    connect(&m_connectTimeout, &ClockTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->abort();
        failed(QStringLiteral("connect timed out"));
    });
}

QString PeerLink::stateName() const
{
    switch (m_state) {
    case State::Idle:
        return QStringLiteral("idle");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Handshaking:
        return QStringLiteral("handshaking");
    case State::Connected:
        return QStringLiteral("connected");
    case State::BackingOff:
        return QStringLiteral("backing_off");
    case State::Standby:
        return QStringLiteral("connected_inbound");
    case State::Refused:
        return QStringLiteral("refused");
    }
    return QString();
}

void PeerLink::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged();
}

void PeerLink::start()
{
    m_stopped = false;
    dial();
}

void PeerLink::stop()
{
    m_stopped = true;
    m_retry.stop();
    m_connectTimeout.stop();
    if (m_session)
        m_session->close(QStringLiteral("lane shutting down"));
    if (m_socket)
        m_socket->abort();
    setState(State::Idle);
}

void PeerLink::standBy(const QString &terminal)
{
    if (m_terminal != terminal || m_stopped)
        return;
    m_retry.stop();
    setState(State::Standby);
}

void PeerLink::wake()
{
    if (m_stopped || m_state != State::Standby)
        return;
    m_backoff.reset();
    dial();
}

void PeerLink::dial()
{
    if (m_stopped || m_session)
        return;
    setState(State::Connecting);
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    socket->setMaxAllowedIncomingFrameSize(quint64(m_host.config().maxFrameBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_host.config().maxFrameBytes));
    connect(socket, &QWebSocket::connected, this, [this, socket] {
        m_connectTimeout.stop();
        socket->disconnect(this);
        m_socket = nullptr;
        // Nagle off on the dialling side too (QWebSocket has no option for it; its TCP socket
        // is its child).
        const auto tcps = socket->findChildren<QAbstractSocket *>();
        for (QAbstractSocket *tcp : tcps)
            tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto *session = new PeerSession(socket, PeerSession::Role::Client, m_host, this);
        m_session = session;
        session->setKeySlot(m_keyAttempt);
        setState(State::Handshaking);
        connect(session, &PeerSession::refused, this, [this](PeerSession *, const QString &why) {
            // The peer holds none of the key tried: the next attempt tries the next key.
            if (why.startsWith(QLatin1String("no store key in common")))
                ++m_keyAttempt;
        });
        connect(session, &PeerSession::authenticated, this, [this, session] {
            m_terminal = session->peerTerminal();
            m_keyAttempt = 0;
            m_backoff.reset();
            m_lastError.clear();
            setState(State::Connected);
        });
        connect(session, &PeerSession::closed, this,
                [this, session](PeerSession *, const QString &why) {
                    if (m_terminal.isEmpty())
                        m_terminal = session->peerTerminal();
                    session->deleteLater();
                    m_session = nullptr;
                    if (m_state == State::Standby || m_stopped)
                        return;
                    failed(why);
                });
        Q_EMIT sessionCreated(session);
        session->start();
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        // Only reached before `connected`: the dial failed.
        const QString why = socket->errorString();
        socket->deleteLater();
        m_socket = nullptr;
        m_connectTimeout.stop();
        failed(why.isEmpty() ? QStringLiteral("connection failed") : why);
    });
    m_connectTimeout.start();
    socket->open(m_url);
}

void PeerLink::failed(const QString &reason)
{
    if (m_stopped)
        return;
    m_lastError = reason;
    const int delay = m_backoff.next();
    // The lane's (injectable) clock.
    m_backoffUntilMs = m_host.clock().nowUtc().toMSecsSinceEpoch() + delay;
    qCInfo(lcPeer).noquote() << "peer" << m_url.toString() << "unreachable (" << reason
                             << "), retrying in" << delay << "ms";
    setState(reason.startsWith(QLatin1String("refused")) ? State::Refused : State::BackingOff);
    m_retry.start(delay);
}
