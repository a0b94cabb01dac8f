#include "cloudsync.h"

#include "clock.h"
#include "database.h"
#include "jsonwriter.h"
#include "synclog.h"
#include "topics.h"
#include "writetransaction.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>
#include <tuple>

namespace {
const QString kStatusKey = QStringLiteral("cloud_status");

// The employee topic carries the PIN hash between lanes only; the cloud never gets it.
QByteArray cloudData(const QString &topic, const QByteArray &payload)
{
    if (topic != Topics::Employee)
        return payload;
    QJsonObject o = QJsonDocument::fromJson(payload).object();
    o.remove(QStringLiteral("pinHash"));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The lane's manager when it passes one, else one of the owner's own.
QNetworkAccessManager &namOrOwn(QNetworkAccessManager *nam, QObject *owner)
{
    return nam ? *nam : *new QNetworkAccessManager(owner);
}
} // namespace

QJsonObject CloudSync::Health::toJson() const
{
    QJsonObject o{{QStringLiteral("enabled"), enabled},
                  {QStringLiteral("reachable"), reachable},
                  {QStringLiteral("ok"), ok},
                  {QStringLiteral("lastSuccessAt"), lastSuccessAt},
                  {QStringLiteral("lastAttemptAt"), lastAttemptAt},
                  {QStringLiteral("lastError"), lastError},
                  {QStringLiteral("uploaded"), uploaded},
                  {QStringLiteral("rejected"), rejected},
                  {QStringLiteral("failed"), failed},
                  {QStringLiteral("relayedFailed"), relayedFailed}};
    if (!backoffUntil.isEmpty())
        o.insert(QStringLiteral("backoffUntil"), backoffUntil);
    return o;
}

CloudSync::CloudSync(Database &db, Clock &clock, CloudSyncConfig config, QNetworkAccessManager *nam,
                     QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_queue(db)
    , m_client(namOrOwn(nam, this), clock, m_config.supabaseUrl, m_config.auth, m_config.secret,
               m_config.timeoutMs)
    , m_timer(clock)
    , m_backoffTimer(clock)
    , m_backoff(m_config.offlineInitialMs, m_config.offlineMaxMs)
    , m_limit(std::max(1, m_config.batchSize))
{
    m_health.enabled = true;
    m_timer.setInterval(m_config.intervalMs);
    connect(&m_timer, &ClockTimer::timeout, this, &CloudSync::run);
    m_backoffTimer.setSingleShot(true);
    connect(&m_backoffTimer, &ClockTimer::timeout, this, [this] {
        m_health.backoffUntil.clear();
        run();
    });
}

CloudSync::~CloudSync()
{
    stop();
}

void CloudSync::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_config.hasPeers)
        m_db.addCommitHook(this, [this] { noteQueued(1); });
    // The last state a previous run left (last success, failed counts) until this run has its own.
    const QJsonObject previous =
        QJsonDocument::fromJson(m_db.meta(kStatusKey).value_or(QString()).toUtf8()).object();
    m_health.lastSuccessAt = previous.value(QLatin1String("lastSuccessAt")).toString();
    refreshFailedCounts();
    qCInfo(lcCloud).noquote() << "cloud sync to" << m_client.url().toString() << "as store"
                              << m_config.storeId << "with the"
                              << CloudAuth::modeName(m_config.auth) << "every"
                              << m_config.intervalMs / 1000 << "s";
    m_timer.start();
    QTimer::singleShot(0, this, &CloudSync::run);
}

void CloudSync::stop()
{
    if (!m_started)
        return;
    m_started = false;
    m_db.removeCommitHooks(this);
    m_timer.stop();
    m_backoffTimer.stop();
    // Whatever the cloud stored of these batches is acked again (as duplicate) next time.
    m_client.abortAll();
    m_inFlightIds.clear();
}

void CloudSync::syncNow()
{
    if (!m_started)
        return;
    m_backoffTimer.stop();
    m_health.backoffUntil.clear();
    if (busy())
        m_again = true;
    else
        QTimer::singleShot(0, this, &CloudSync::run);
}

void CloudSync::noteQueued(int n)
{
    m_queued += n;
    if (m_started && m_queued >= m_config.batchSize &&
        m_client.inFlight() < m_config.parallelRequests && !m_backoffTimer.isActive()) {
        m_queued = 0;
        QTimer::singleShot(0, this, &CloudSync::run);
    }
}

Result<int> CloudSync::retryFailed()
{
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return Result<int>::failure(tx.error());
    const auto reset = m_queue.resetFailed(m_config.maxRetries);
    if (!reset)
        return reset;
    if (Status s = tx.commit(); !s)
        return Result<int>::failure(s.error());
    qCInfo(lcCloud) << "manager retry:" << *reset << "failed messages queued again";
    m_health.failed = 0;
    m_health.relayedFailed = 0;
    m_backoff.reset();
    publishHealth();
    syncNow();
    return *reset;
}

Result<QStringList> CloudSync::quietOrigins()
{
    using R = Result<QStringList>;
    if (m_config.relayAfterMs <= 0)
        return QStringList();
    auto all = m_queue.otherOrigins(m_config.terminalId);
    if (!all)
        return all;
    const QStringList connected = m_connectedOrigins ? m_connectedOrigins() : QStringList();
    const qint64 cutoff = m_clock.nowUtc().toMSecsSinceEpoch() - m_config.relayAfterMs;
    QStringList quiet;
    for (const QString &origin : std::as_const(*all)) {
        if (connected.contains(origin))
            continue;
        const auto last = m_queue.lastSeen(origin);
        if (!last)
            return R::failure(last.error());
        const std::optional<qint64> lastMs = Clock::isoMs(*last);
        if (!lastMs || *lastMs < cutoff)
            quiet.append(origin);
    }
    return quiet;
}

Result<QList<CloudSync::Item>> CloudSync::select(QByteArray &body)
{
    using R = Result<QList<Item>>;
    const qint64 nowMs = m_clock.nowUtc().toMSecsSinceEpoch();
    const QString pendingBefore = Clock::toIso(QDateTime::fromMSecsSinceEpoch(
        m_config.hasPeers ? nowMs - m_config.pendingAfterMs : nowMs, QTimeZone::utc()));

    struct Row
    {
        CloudQueueRow queued;
        QString origin; // terminal id; == config.terminalId for the outbox
        bool relayed = false;
    };
    QList<Row> rows;
    // Messages in flight are left out; each status comes in upload order, merged below.
    const int fetch = m_limit + int(m_inFlightIds.size());
    for (const bool peerAcked : {true, false}) {
        auto due = peerAcked ? m_queue.duePeerAcked(nowMs, fetch, m_inFlightIds)
                             : m_queue.duePending(nowMs, fetch, pendingBefore, m_inFlightIds);
        if (!due)
            return R::failure(due.error());
        for (CloudQueueRow &r : *due)
            rows.append(Row{std::move(r), m_config.terminalId, false});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return std::tie(a.queued.priority, a.queued.createdAt) <
               std::tie(b.queued.priority, b.queued.createdAt);
    });
    if (rows.size() > m_limit)
        rows.resize(m_limit);

    // Relayed messages of lanes that have gone quiet, so no sale depends on one lane surviving.
    if (rows.size() < m_limit) {
        auto quiet = quietOrigins();
        if (!quiet)
            return R::failure(quiet.error());
        for (const QString &origin : std::as_const(*quiet)) {
            auto due = m_queue.dueRelayed(origin, m_config.maxRetries, nowMs,
                                          int(m_limit - rows.size() + m_inFlightIds.size()),
                                          m_inFlightIds);
            if (!due)
                return R::failure(due.error());
            for (CloudQueueRow &r : *due)
                if (rows.size() < m_limit)
                    rows.append(Row{std::move(r), origin, true});
            if (rows.size() >= m_limit)
                break;
        }
    }

    JsonWriter w(qsizetype(rows.size()) * 1024 + 16);
    w.beginArray();
    QList<Item> items;
    items.reserve(rows.size());
    for (const Row &row : std::as_const(rows)) {
        const CloudQueueRow &r = row.queued;
        w.beginObject()
            .member(QLatin1String("messageId"), r.id)
            .member(QLatin1String("storeId"), m_config.storeId)
            .member(QLatin1String("terminalId"), row.origin)
            .member(QLatin1String("topic"), r.topic);
        w.key(QLatin1String("data")).raw(cloudData(r.topic, r.payload));
        w.member(QLatin1String("timestamp"), r.createdAt);
        w.key(QLatin1String("peerAckedAt"));
        if (r.peerAckedAt.isEmpty())
            w.null();
        else
            w.value(r.peerAckedAt);
        w.endObject();
        items.append(Item{r.id, row.origin, row.relayed, r.priority, r.createdAt, r.retryCount});
    }
    w.endArray();
    body = w.bytes();
    return items;
}

void CloudSync::run()
{
    if (!m_started)
        return;
    // Only what is on disk is uploaded (the lane's commits are synced in the background): the
    // commits made until now, not those that keep coming while it waits.
    if (!m_db.syncFailure().isEmpty())
        return; // nothing is confirmed on disk any more (logged where the sync failed)
    if (!m_db.allDurable()) {
        if (!m_waitingDurable) {
            m_waitingDurable = true;
            m_db.whenDurable(this, [this](const Status &durable) {
                m_waitingDurable = false;
                if (durable)
                    upload();
            });
        }
        return;
    }
    upload();
}

void CloudSync::upload()
{
    if (!m_started)
        return;
    m_queued = 0;
    if (m_client.inFlight() >= m_config.parallelRequests) {
        m_again = true;
        return;
    }
    while (!m_backoffTimer.isActive() && m_client.inFlight() < m_config.parallelRequests) {
        QByteArray body;
        auto items = select(body);
        if (!items) {
            qCWarning(lcCloud).noquote() << "cannot read the upload queue:" << items.error();
            return;
        }
        if (items->isEmpty()) {
            if (m_client.inFlight() == 0)
                emit idle();
            return;
        }
        post(body, *items);
        if (items->size() < m_limit)
            return; // the queue is empty behind this batch
    }
}

void CloudSync::post(const QByteArray &body, const QList<Item> &items)
{
    m_health.lastAttemptAt = m_clock.nowIso();
    qCDebug(lcCloud) << "uploading" << items.size() << "messages," << body.size() << "bytes";
    QStringList ids;
    ids.reserve(items.size());
    for (const Item &item : items) {
        ids.append(item.id);
        m_inFlightIds.insert(item.id);
    }
    m_client.post(body, ids, [this, items](const CloudReply::Outcome &reply, qint64 rttMs) {
        onReply(items, reply, rttMs);
    });
}

void CloudSync::onReply(const QList<Item> &items, const CloudReply::Outcome &reply, qint64 rttMs)
{
    for (const Item &item : items)
        m_inFlightIds.remove(item.id);
    if (reply.serverDateMs)
        Q_EMIT serverDate(*reply.serverDateMs, rttMs);

    switch (reply.kind) {
    case CloudReply::Kind::Results:
        handleResults(items, reply.messages);
        return;
    case CloudReply::Kind::Unreachable:
        queueBackoff(reply.error, false);
        return;
    case CloudReply::Kind::Unauthorized:
    case CloudReply::Kind::Malformed:
    case CloudReply::Kind::HttpError:
        queueBackoff(reply.error, true);
        return;
    case CloudReply::Kind::BatchRefused:
        // Halve the batch until the message the function refuses is alone.
        m_limit = std::max(1, int(items.size() / 2));
        qCWarning(lcCloud).noquote()
            << QStringLiteral("the cloud refused a batch of %1 (HTTP %2: %3); trying batches "
                              "of %4")
                   .arg(items.size())
                   .arg(reply.httpStatus)
                   .arg(reply.detail)
                   .arg(m_limit);
        finishRun(true);
        return;
    }
}

void CloudSync::handleResults(const QList<Item> &items, const QList<CloudReply::Message> &results)
{
    Q_ASSERT(results.size() == items.size()); // CloudReply::classify gives one per message sent
    const QString now = m_clock.nowIso();
    const qint64 nowMs = m_clock.nowUtc().toMSecsSinceEpoch();
    int acked = 0;
    int rejected = 0;
    int failedNow = 0;
    QStringList reasons;
    Status status;
    {
        WriteTransaction tx(m_db);
        if (!tx.isActive()) {
            qCWarning(lcCloud).noquote() << "cannot record the cloud's answer:" << tx.error();
            finishRun(false);
            return;
        }
        for (qsizetype i = 0; i < items.size() && status; ++i) {
            const Item &item = items.at(i);
            const CloudReply::Message &r = results.at(i);
            if (r.acked()) {
                status =
                    item.relayed ? m_queue.ackRelayed(item.id, now) : m_queue.ackOwn(item.id, now);
                ++acked;
            } else {
                const int retries = item.retryCount + 1;
                const qint64 delay = qint64(m_config.retryBaseMs) << std::min(retries - 1, 20);
                status = item.relayed ? m_queue.rejectRelayed(item.id, r.reason, nowMs + delay)
                                      : m_queue.rejectOwn(item.id, r.reason, nowMs + delay,
                                                          m_config.maxRetries);
                ++rejected;
                if (retries >= m_config.maxRetries)
                    ++failedNow;
                reasons.append(QStringLiteral("%1 (%2 of %3): %4")
                                   .arg(item.id)
                                   .arg(retries)
                                   .arg(m_config.maxRetries)
                                   .arg(r.reason));
            }
        }
        if (status) {
            m_health.reachable = true;
            m_health.ok = true;
            m_health.lastSuccessAt = now;
            m_health.lastError.clear();
            m_health.backoffUntil.clear();
            m_health.uploaded += acked;
            m_health.rejected += rejected;
            if (failedNow > 0)
                refreshFailedCounts();
            status = recordHealth(); // in the same transaction as the marks
        }
        if (status)
            status = tx.commit();
    }
    if (!status) {
        queueBackoff(status.error(), true);
        return;
    }
    for (const QString &r : std::as_const(reasons))
        qCWarning(lcCloud).noquote() << "the cloud rejected" << r;
    if (failedNow > 0)
        qCWarning(lcCloud) << failedNow
                           << "messages failed for good; they wait in the outbox for a manager's "
                              "retry";
    const bool full = items.size() >= m_limit;
    m_backoff.reset();
    // After the function refused whole bodies, batches grow back step by step (a batch sent
    // before the limit shrank says nothing about the message that made it shrink).
    if (items.size() == m_limit)
        m_limit = std::min(std::max(1, m_config.batchSize), m_limit * 2);
    emit batchDone(acked, rejected);
    emit healthChanged();
    finishRun(full);
}

void CloudSync::queueBackoff(const QString &why, bool reachable)
{
    m_health.reachable = reachable;
    m_health.ok = false;
    if (m_backoffTimer.isActive()) {
        // Another request of the same round failed too: one backoff step for both.
        m_health.lastError = why;
        return;
    }
    const int delay = m_backoff.next();
    if (m_health.lastError != why)
        qCWarning(lcCloud).noquote() << why << "- the queue waits" << delay << "ms";
    m_health.lastError = why;
    m_health.backoffUntil = Clock::toIso(m_clock.nowUtc().addMSecs(delay));
    m_backoffTimer.start(delay);
    publishHealth();
    m_again = false;
}

void CloudSync::finishRun(bool continueNow)
{
    if (!m_started)
        return;
    if (continueNow || m_again) {
        m_again = false;
        QTimer::singleShot(0, this, &CloudSync::run);
    }
}

void CloudSync::refreshFailedCounts()
{
    // A count that cannot be read leaves the last one standing.
    if (auto f = m_queue.failedOwnCount(); f)
        m_health.failed = *f;
    if (auto f = m_queue.failedRelayedCount(m_config.maxRetries); f)
        m_health.relayedFailed = *f;
}

Status CloudSync::recordHealth()
{
    return m_db.setMeta(
        kStatusKey,
        QString::fromUtf8(QJsonDocument(m_health.toJson()).toJson(QJsonDocument::Compact)));
}

void CloudSync::publishHealth()
{
    if (Status s = recordHealth(); !s)
        qCWarning(lcCloud).noquote() << "cannot record cloud health:" << s.error();
    emit healthChanged();
}
