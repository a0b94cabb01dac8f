#pragma once

class Clock;
class MessageLog;
class PeerSession;
class QWebSocket;
struct PeerSyncConfig;

// What a PeerSession or PeerLink asks of the peer sync that holds it, synchronously, while it
// runs its handshake and sends; everything it reports back goes out as its signals instead.
// PeerSync implements it.
class PeerSessionHost
{
public:
    virtual const PeerSyncConfig &config() const = 0;
    virtual Clock &clock() const = 0;
    // The lane's messages, to send from and to read this lane's version vector.
    virtual MessageLog &log() = 0;
    // Whether a session that just authenticated its peer may carry the traffic with it, or
    // loses the tie-break to another connection to the same lane (see PeerTieBreak).
    virtual bool acceptTerminal(PeerSession *session) = 0;
    // A socket saying goodbye after its session closed: it deletes itself when the peer answers
    // the close (or after a grace period); whatever is left when the host goes is cut off then.
    virtual void trackClosing(QWebSocket *socket) = 0;

protected:
    virtual ~PeerSessionHost() = default;
};
