#include "heldmessages.h"

#include "clock.h"
#include "database.h"
#include "hlc.h"
#include "outbox.h"
#include "synclog.h"
#include "topics.h"
#include "writetransaction.h"

#include <QJsonDocument>

#include <algorithm>

namespace {
// The timer looks again at least this often: a stamp years ahead needs no timer that long.
constexpr qint64 kLongestWaitMs = 3600 * 1000;
} // namespace

HeldMessages::HeldMessages(Database &db, Outbox &outbox, Hlc &hlc, Clock &clock, QString terminalId,
                           QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_outbox(outbox)
    , m_hlc(hlc)
    , m_clock(clock)
    , m_terminal(std::move(terminalId))
    , m_store(db)
    , m_inbox(db, m_terminal, clock, hlc)
    , m_timer(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &ClockTimer::timeout, this, [this] {
        if (auto r = check(); !r)
            qCWarning(lcPeer).noquote() << "cannot release held messages:" << r.error();
    });
}

Result<QList<HeldMessages::Entry>> HeldMessages::waiting(int limit)
{
    using R = Result<QList<Entry>>;
    auto rows = m_store.waiting(limit);
    if (!rows)
        return R::failure(rows.error());
    const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
    QList<Entry> out;
    out.reserve(rows->size());
    for (const HeldMessageRow &r : std::as_const(*rows))
        out.append({r.messageId, r.origin, r.topic, Clock::msToIso(r.stampedMs), r.stampedMs - now,
                    r.heldAt, r.payload});
    return out;
}

Status HeldMessages::accept(const QString &messageId, const QString &employeeId)
{
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    auto held = m_store.unreleased(messageId);
    if (!held)
        return Status::failure(held.error());
    if (!*held)
        return Status::failure(QStringLiteral("message %1 is not held").arg(messageId));
    HeldAcceptance a;
    a.messageId = messageId;
    a.origin = (*held)->origin;
    a.topic = (*held)->topic;
    // Now, and after everything this lane has seen: the HLC's next time.
    auto now = m_hlc.tick();
    if (!now)
        return Status::failure(now.error());
    a.hlcMs = now->ms;
    a.hlcCounter = now->counter;
    a.reason = QStringLiteral("manager");
    a.acceptedBy = employeeId;
    a.acceptedAt = m_clock.nowIso();
    if (Status s = publishAcceptance(a); !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    qCInfo(lcPeer).noquote() << "manager" << employeeId << "accepted held" << a.topic << messageId
                             << "from" << a.origin << "at" << now->iso();
    m_waiting = -1;
    (void)check();
    Q_EMIT changed();
    return {};
}

Status HeldMessages::publishAcceptance(const HeldAcceptance &a)
{
    auto m = m_outbox.publish(QString(Topics::HeldAccepted), a.toJson());
    if (!m)
        return Status::failure(m.error());
    return m_inbox.applyAcceptance(a.messageId, HlcTime{a.hlcMs, a.hlcCounter, a.origin},
                                   a.acceptedBy, m_terminal, a.acceptedAt);
}

Result<int> HeldMessages::check()
{
    using R = Result<int>;
    const qint64 limit = m_clock.nowUtc().toMSecsSinceEpoch() + m_hlc.maxAheadMs();
    auto dueIds = m_store.due(limit);
    if (!dueIds)
        return R::failure(dueIds.error());
    const QStringList &due = *dueIds;
    if (!due.isEmpty()) {
        WriteTransaction tx(m_db);
        if (!tx.isActive())
            return R::failure(tx.error());
        for (const QString &id : std::as_const(due))
            if (Status s = m_inbox.releaseHeld(id, std::nullopt, QStringLiteral("time")); !s)
                return R::failure(s.error());
        if (Status s = tx.commit(); !s)
            return R::failure(s.error());
        qCInfo(lcPeer) << "released" << due.size()
                       << "held messages: their time has come by the store's clock";
    }
    auto summary = m_store.summary();
    if (!summary)
        return R::failure(summary.error());
    const qint64 waiting = summary->waiting;
    const qint64 first = summary->firstStampedMs;
    if (waiting > 0)
        m_timer.start(int(std::clamp<qint64>(first - limit + 1, 1, kLongestWaitMs)));
    else
        m_timer.stop();
    if (!due.isEmpty() || waiting != m_waiting) {
        m_waiting = waiting;
        Q_EMIT changed();
    }
    return int(due.size());
}

Result<int> HeldMessages::retimeOwn()
{
    using R = Result<int>;
    const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
    const qint64 limit = now + m_hlc.maxAheadMs();
    // Only a lane whose HLC ran beyond the limit has stamped anything there.
    if (m_hlc.last().ms <= limit)
        return 0;
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    QList<OutboxMessage> own;
    QList<std::optional<HlcTime>> effective; // the accepted time, if any
    {
        // A message stamped beyond the limit was created then too, by the same clock; a margin
        // for messages re-timed earlier or created by a lane whose clock later went right.
        const QString since = Clock::msToIso(std::max<qint64>(0, now - m_hlc.maxAheadMs()));
        // With the time it took effect at, when an acceptance gave it one.
        auto rows = m_outbox.store().timedSince(since);
        if (!rows)
            return R::failure(rows.error());
        for (const OutboxStore::Timed &r : std::as_const(*rows)) {
            OutboxMessage m;
            m.id = r.id;
            m.topic = r.topic;
            m.fromTerminal = m_terminal;
            m.payload = QJsonDocument::fromJson(r.payload).object();
            own.append(m);
            effective.append(r.acceptedMs >= 0 ? std::optional<HlcTime>(HlcTime{
                                                     r.acceptedMs, r.acceptedCounter, m_terminal})
                                               : std::nullopt);
        }
    }
    const qint64 shift = now - m_hlc.last().ms; // < 0
    int retimed = 0;
    qint64 latest = now;
    HlcTime previous{-1, 0, m_terminal};
    for (qsizetype i = 0; i < own.size(); ++i) {
        const OutboxMessage &m = own.at(i);
        const std::optional<qint64> stamped =
            effective.at(i) ? std::optional<qint64>(effective.at(i)->ms) : Inbox::stampedMs(m);
        if (!stamped || *stamped <= limit)
            continue;
        // When it really happened by the store's clock, as far as this lane can tell (never in
        // the future), and in the order the lane made them.
        HlcTime t{std::clamp<qint64>(*stamped + shift, 0, now),
                  effective.at(i) ? effective.at(i)->counter
                                  : m.payload.value(QLatin1String("hlcCounter")).toInteger(),
                  m_terminal};
        if (!(previous < t))
            t = HlcTime{previous.ms, previous.counter + 1, m_terminal};
        previous = t;
        HeldAcceptance a;
        a.messageId = m.id;
        a.origin = m_terminal;
        a.topic = m.topic;
        a.hlcMs = t.ms;
        a.hlcCounter = t.counter;
        a.reason = QStringLiteral("clock");
        a.acceptedAt = m_clock.nowIso();
        if (Status s = publishAcceptance(a); !s)
            return R::failure(s.error());
        latest = std::max(latest, a.hlcMs);
        ++retimed;
    }
    if (Status s = m_hlc.retreatTo(latest); !s)
        return R::failure(s.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCWarning(lcPeer).noquote() << "this lane's clock had run ahead of the store's time:" << retimed
                                << "of its messages re-timed by" << shift / 1000 << "s";
    Q_EMIT changed();
    return retimed;
}
