#include "heldmessages.h"

#include "clock.h"
#include "database.h"
#include "hlc.h"
#include "logging.h"
#include "outbox.h"
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
    auto q = m_db.statement(QStringLiteral(
        "SELECT h.message_id, h.from_terminal, h.topic, h.stamped_ms, h.held_at, i.payload FROM "
        "held_messages h LEFT JOIN inbox_processed i ON i.message_id = h.message_id WHERE "
        "h.released_at IS NULL ORDER BY h.stamped_ms, h.message_id LIMIT ?"));
    if (!q)
        return R::failure(q.error());
    const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
    QList<Entry> out;
    (*q)->bind(1, qint64(limit));
    while ((*q)->next()) {
        const qint64 stamped = (*q)->columnInt(3);
        out.append({(*q)->columnText(0), (*q)->columnText(1), (*q)->columnText(2),
                    Clock::msToIso(stamped), stamped - now, (*q)->columnText(4),
                    (*q)->columnText(5).toUtf8()});
    }
    if (!(*q)->error().isEmpty())
        return R::failure((*q)->error());
    return out;
}

Status HeldMessages::accept(const QString &messageId, const QString &employeeId)
{
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    auto q = m_db.statement(QStringLiteral("SELECT from_terminal, topic FROM held_messages WHERE "
                                           "message_id = ? AND released_at IS NULL"));
    if (!q)
        return Status::failure(q.error());
    (*q)->bind(1, messageId);
    if (!(*q)->next())
        return Status::failure((*q)->error().isEmpty()
                                   ? QStringLiteral("message %1 is not held").arg(messageId)
                                   : (*q)->error());
    HeldAcceptance a;
    a.messageId = messageId;
    a.origin = (*q)->columnText(0);
    a.topic = (*q)->columnText(1);
    (*q)->finish();
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
    QStringList due;
    {
        auto q = m_db.statement(QStringLiteral(
            "SELECT message_id FROM held_messages WHERE released_at IS NULL AND stamped_ms <= ? "
            "ORDER BY stamped_ms, message_id"));
        if (!q)
            return R::failure(q.error());
        (*q)->bind(1, limit);
        while ((*q)->next())
            due.append((*q)->columnText(0));
        if (!(*q)->error().isEmpty())
            return R::failure((*q)->error());
    }
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
    auto next = m_db.statement(QStringLiteral(
        "SELECT COUNT(*), COALESCE(MIN(stamped_ms), 0) FROM held_messages WHERE released_at IS "
        "NULL"));
    if (!next)
        return R::failure(next.error());
    if (!(*next)->next())
        return R::failure((*next)->error());
    const qint64 waiting = (*next)->columnInt(0);
    const qint64 first = (*next)->columnInt(1);
    (*next)->finish();
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
        // With the time it took effect at, when an acceptance gave it one.
        auto q = m_db.statement(QStringLiteral(
            "SELECT o.id, o.topic, o.payload, COALESCE(a.hlc_ms, -1), COALESCE(a.hlc_counter, 0) "
            "FROM outbox o LEFT JOIN held_acceptances a ON a.message_id = o.id WHERE o.topic IN "
            "('transaction', 'inventory', 'customer', 'employee') AND o.created_at > ? ORDER BY "
            "o.seq"));
        if (!q)
            return R::failure(q.error());
        // A message stamped beyond the limit was created then too, by the same clock; a margin
        // for messages re-timed earlier or created by a lane whose clock later went right.
        const QString since = Clock::msToIso(std::max<qint64>(0, now - m_hlc.maxAheadMs()));
        (*q)->bind(1, since);
        while ((*q)->next()) {
            OutboxMessage m;
            m.id = (*q)->columnText(0);
            m.topic = (*q)->columnText(1);
            m.fromTerminal = m_terminal;
            m.payload = QJsonDocument::fromJson((*q)->columnUtf8(2).toByteArray()).object();
            own.append(m);
            effective.append((*q)->columnInt(3) >= 0
                                 ? std::optional<HlcTime>(
                                       HlcTime{(*q)->columnInt(3), (*q)->columnInt(4), m_terminal})
                                 : std::nullopt);
        }
        if (!(*q)->error().isEmpty())
            return R::failure((*q)->error());
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
