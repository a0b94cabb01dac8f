#pragma once

#include <QHash>
#include <QString>

// How often a peer may have this lane answer an inventory_request: an answer reads the whole
// inventory and may send all of it, so each requesting lane gets one answer in flight and a few
// per minute. A token bucket per requesting lane (by terminal id, so reconnecting does not reset
// it): it holds at most perMinute tokens (the burst a scheduled run and an on-demand run right
// after it need, three rounds each) and gains one every 60 s / perMinute; an answer takes one.
// State only, on a monotonic clock in ms passed in.
class InventoryRequestLimiter
{
public:
    explicit InventoryRequestLimiter(int perMinute = DefaultPerMinute);
    static constexpr int DefaultPerMinute = 6;

    struct Decision
    {
        bool admitted = false;
        QString reason;          // why it was refused
        qint64 retryAfterMs = 0; // when a token is due (refused for the rate)
        int refusedInARow = 0;   // refusals since this peer's last admitted request
        bool log = false;        // the first refusal in a row, then one a minute
    };
    // An admitted request is in flight until answered() is called for its peer.
    Decision admit(const QString &peer, qint64 nowMs);
    void answered(const QString &peer);

    int perMinute() const { return m_perMinute; }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 atMs = 0;
        bool inFlight = false;
        int refused = 0;
        qint64 loggedAtMs = 0;
    };
    int m_perMinute;
    QHash<QString, Bucket> m_buckets;
};
