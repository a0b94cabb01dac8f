#pragma once

#include "backoff.h"
#include "clocktimer.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class PeerSession;
class PeerSessionHost;
class QWebSocket;

// The outgoing side of one configured peer URL: dials, hands the connected socket to a
// PeerSession, and redials with exponential backoff and jitter when it fails or drops. While the
// same lane is connected through another connection that won the tie-break (see PeerTieBreak),
// the link stands by instead of dialling.
class PeerLink : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Handshaking, Connected, BackingOff, Standby, Refused };

    PeerLink(QUrl url, PeerSessionHost &host, QObject *parent = nullptr);

    void start();
    void stop();
    // The peer is reachable another way (or no longer): stand by, or dial again now.
    void standBy(const QString &terminal);
    void wake();
    void setTerminal(const QString &terminal) { m_terminal = terminal; }

    const QUrl &url() const { return m_url; }
    State state() const { return m_state; }
    QString stateName() const;
    const QString &terminal() const { return m_terminal; }
    qint64 backoffUntilMs() const { return m_backoffUntilMs; }
    const QString &lastError() const { return m_lastError; }
    PeerSession *session() const { return m_session; }

signals:
    void stateChanged();
    // A connection was made: its session, not yet started, for the receiver to take in.
    void sessionCreated(PeerSession *session);

private:
    void dial();
    void failed(const QString &reason);
    void setState(State s);

    QUrl m_url;
    PeerSessionHost &m_host;
    Backoff m_backoff;
    ClockTimer m_retry;
    ClockTimer m_connectTimeout;
    QPointer<QWebSocket> m_socket;
    QPointer<PeerSession> m_session;
    State m_state = State::Idle;
    QString m_terminal;
    QString m_lastError;
    qint64 m_backoffUntilMs = 0;
    int m_keyAttempt = 0; // which of the lane's store keys the next connection tries
    bool m_stopped = true;
};
