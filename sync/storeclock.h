#pragma once

#include "clock.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>

#include <optional>

// The store's agreed time: this lane's clock corrected by what the other lanes' clocks and the
// cloud's say. Every lane samples its peers' clocks in the hello handshake (corrected for half
// the round trip) and the cloud's clock from its replies' Date header; from those samples each
// lane derives the same agreed time (StoreClock::decide), stamps its events with it, and says
// when its own clock is off by more than maxClockSkewSeconds.
//
// The agreed time runs on the lane's monotonic clock from the moment of the last decision, so a
// jump of the wall clock while the lane runs does not move it unless the decision changes.
class StoreClock : public QObject, public Clock
{
    Q_OBJECT
public:
    // One source's clock as this lane sampled it, as offsets from this lane's monotonic clock
    // (source time = elapsedMs() + anchor).
    struct Vote
    {
        qint64 anchorMs = 0;       // the source's own clock
        qint64 agreedAnchorMs = 0; // the time the source itself agreed on
        int stratum = 0;           // the source's: 0 none, 1 from the cloud, n via n-1 lanes
        QString sampledAt;         // the agreed time of the sample, for people
        QString via; // empty: sampled by this lane; else the lane whose sample it is (gossip)
    };
    struct Decision
    {
        qint64 anchorMs = 0;
        int stratum = 0; // 0: the lanes' median; 1: the cloud; n: a lane of stratum n-1
        QString source;  // for people: "the cloud", "lanes L1, L2 (cloud time)", "lanes ..."
        QStringList voters;
    };
    // The rule, a pure function: the cloud's time when this lane has a sample of it (its own
    // clock when within toleranceMs of it, the Date header having a 1 s resolution); else the
    // median agreed time of the peers nearest to the cloud (lowest stratum > 0); else the median
    // of every lane's own clock, this one's included (the mean of the middle two for an even
    // count). Every lane that knows the same clocks reaches the same time.
    static Decision decide(qint64 ownAnchorMs, const std::optional<Vote> &cloud,
                           const QMap<QString, Vote> &peers, qint64 toleranceMs);

    // For logs and --health: "3600 s ahead of", "12.5 s behind" (ms: a clock - the store's time).
    static QString aheadOrBehind(qint64 ms);

    StoreClock(Clock &physical, QString terminalId, qint64 maxSkewMs, QObject *parent = nullptr);

    QDateTime nowUtc() const override;
    qint64 elapsedMs() const override { return m_physical.elapsedMs(); }
    bool drivesTimers() const override { return m_physical.drivesTimers(); }
    void arm(ClockTimer *timer, qint64 due) override { m_physical.arm(timer, due); }
    void disarm(ClockTimer *timer) override { m_physical.disarm(timer); }

    // A peer's hello: its clock when it sent the frame, how far it corrects its own clock and
    // its stratum, received rttMs after this lane sent the frame it answers (-1: unknown).
    void notePeer(const QString &terminal, qint64 peerClockMs, qint64 peerCorrectionMs,
                  int peerStratum, qint64 rttMs);
    // A peer's clock frame: the clocks it sampled itself, as offsets from its own clock. A lane
    // this one has no sample of counts with the sender's (one hop only: what a lane heard from
    // others is not passed on); what the sender told before is replaced.
    void noteGossip(const QString &from, const QMap<QString, qint64> &offsets);
    // The clocks this lane sampled itself, as offsets from its own clock, for its clock frames.
    QMap<QString, qint64> directOffsets() const;
    // A cloud reply's Date header (whole seconds), received rttMs after the request was sent.
    void noteCloud(qint64 serverDateMs, qint64 rttMs);

    // What this lane says about its own clock in a hello.
    qint64 physicalMs() const { return m_physical.nowUtc().toMSecsSinceEpoch(); }
    qint64 correctionMs() const; // agreed time - own clock
    int stratum() const { return m_decision.stratum; }
    const Decision &decision() const { return m_decision; }
    qint64 maxSkewMs() const { return m_maxSkewMs; }
    // This lane's own clock is further than maxClockSkewSeconds from the store's time.
    bool isSkewed() const;
    // The store's time rests on more than this lane's own clock (a peer's or the cloud's).
    bool hasReference() const { return m_cloud.has_value() || !m_peers.isEmpty(); }

    // The samples and the decision, with offsets relative to the wall clock now, for lane_meta
    // (kept across restarts) and --health; load() takes back what state() wrote.
    QJsonObject state() const;
    void load(const QJsonObject &state);

Q_SIGNALS:
    // The agreed time moved, or this lane's or a peer's skew changed (logged once per change).
    void changed();
    // A lane's clock was sampled for the first time or moved by more than a second: the
    // peers are told (clock frame).
    void directOffsetsChanged();

private:
    qint64 ownAnchorMs() const;
    void recompute(bool queued = false);
    void reportPeerSkew(const QString &terminal);

    Clock &m_physical;
    QString m_terminal;
    qint64 m_maxSkewMs;
    std::optional<Vote> m_cloud;
    QMap<QString, Vote> m_peers;
    Decision m_decision;
    mutable qint64 m_lastOwnAnchorMs = 0;
    bool m_skewed = false;
    qint64 m_loggedCorrectionMs = 0;
    QMap<QString, bool> m_peerSkewed;
};
