#include "cloudsync.h"

#include "clock.h"
#include "database.h"
#include "jsonwriter.h"
#include "logging.h"
#include "topics.h"
#include "writetransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <QTimeZone>

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

QString replyError(const QByteArray &body)
{
    const QString e =
        QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toString();
    return e.isEmpty() ? QString::fromUtf8(body.left(200)).simplified() : e;
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

CloudSync::CloudSync(Database &db, Clock &clock, CloudSyncConfig config, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_url(functionUrl(m_config.supabaseUrl))
    , m_nam(new QNetworkAccessManager(this))
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

QUrl CloudSync::functionUrl(const QString &supabaseUrl)
{
    QString base = supabaseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QStringLiteral("/functions/v1/sync-pos-message"));
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
    qCInfo(lcCloud).noquote() << "cloud sync to" << m_url.toString() << "as store"
                              << m_config.storeId << "every" << m_config.intervalMs / 1000 << "s";
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
    const auto flights = m_flights.keys();
    m_flights.clear();
    m_inFlightIds.clear();
    for (QNetworkReply *reply : flights) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
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
        m_flights.size() < m_config.parallelRequests && !m_backoffTimer.isActive()) {
        m_queued = 0;
        QTimer::singleShot(0, this, &CloudSync::run);
    }
}

Result<int> CloudSync::retryFailed()
{
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return Result<int>::failure(tx.error());
    auto outbox = m_db.statement(
        QStringLiteral("UPDATE outbox SET status = CASE WHEN peer_acked_at IS NULL THEN "
                       "'pending' ELSE 'peer_ack' END, retry_count = 0, cloud_next_at = NULL "
                       "WHERE status = 'failed' RETURNING 1"));
    auto relayed = m_db.statement(
        QStringLiteral("UPDATE inbox_processed SET cloud_retry_count = 0, cloud_next_at = NULL "
                       "WHERE cloud_acked_at IS NULL AND cloud_retry_count >= ?1 RETURNING 1"));
    if (!outbox)
        return Result<int>::failure(outbox.error());
    if (!relayed)
        return Result<int>::failure(relayed.error());
    int reset = 0;
    while ((*outbox)->next())
        ++reset;
    if (!(*outbox)->error().isEmpty())
        return Result<int>::failure((*outbox)->error());
    (*relayed)->bind(1, qint64(m_config.maxRetries));
    while ((*relayed)->next())
        ++reset;
    if (!(*relayed)->error().isEmpty())
        return Result<int>::failure((*relayed)->error());
    if (Status s = tx.commit(); !s)
        return Result<int>::failure(s.error());
    qCInfo(lcCloud) << "manager retry:" << reset << "failed messages queued again";
    m_health.failed = 0;
    m_health.relayedFailed = 0;
    m_backoff.reset();
    publishHealth();
    syncNow();
    return reset;
}

Result<QStringList> CloudSync::quietOrigins()
{
    using R = Result<QStringList>;
    if (m_config.relayAfterMs <= 0)
        return QStringList();
    auto origins =
        m_db.statement(QStringLiteral("SELECT origin FROM origin_progress WHERE origin <> ?1"));
    if (!origins)
        return R::failure(origins.error());
    QStringList all;
    (*origins)->bind(1, m_config.terminalId);
    while ((*origins)->next())
        all.append((*origins)->columnText(0));
    if (!(*origins)->error().isEmpty())
        return R::failure((*origins)->error());
    const QStringList connected = m_connectedOrigins ? m_connectedOrigins() : QStringList();
    // Seen: the last message that came from the origin (directly or relayed), or the last
    // frame of a direct connection to it.
    auto seen = m_db.statement(QStringLiteral(
        "SELECT MAX(COALESCE((SELECT MAX(processed_at) FROM inbox_processed WHERE from_terminal "
        "= ?1), ''), COALESCE((SELECT MAX(last_message_at) FROM peer_status WHERE terminal_id = "
        "?1), ''))"));
    if (!seen)
        return R::failure(seen.error());
    const qint64 cutoff = m_clock.nowUtc().toMSecsSinceEpoch() - m_config.relayAfterMs;
    QStringList quiet;
    for (const QString &origin : std::as_const(all)) {
        if (connected.contains(origin))
            continue;
        QString last;
        (*seen)->bind(1, origin);
        if ((*seen)->next())
            last = (*seen)->columnText(0);
        (*seen)->finish();
        const std::optional<qint64> lastMs = Clock::isoMs(last);
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
        Item item;
        QString topic;
        QByteArray payload;
        QString peerAckedAt;
    };
    QList<Row> rows;
    // Columns: id, topic, payload, time, peer acked at, retries. Messages in flight are skipped.
    auto readRow = [&](const SqlStatement &q, const QString &origin, bool relayed) {
        Row r;
        r.item.id = q.columnText(0);
        if (m_inFlightIds.contains(r.item.id))
            return false;
        r.item.origin = origin;
        r.item.relayed = relayed;
        r.topic = q.columnText(1);
        r.payload = q.columnUtf8(2).toByteArray();
        r.item.createdAt = q.columnText(3);
        r.peerAckedAt = q.columnText(4);
        r.item.retryCount = int(q.columnInt(5));
        rows.append(r);
        return true;
    };
    // Each status walks idx_outbox_cloud in upload order; the two are merged below.
    for (const bool peerAcked : {true, false}) {
        auto q = m_db.statement(
            peerAcked
                ? QStringLiteral("SELECT id, topic, payload, created_at, peer_acked_at, "
                                 "retry_count, priority FROM outbox INDEXED BY idx_outbox_cloud "
                                 "WHERE status = 'peer_ack' "
                                 "AND (cloud_next_at IS NULL OR cloud_next_at <= ?1) "
                                 "ORDER BY priority, created_at LIMIT ?2")
                : QStringLiteral("SELECT id, topic, payload, created_at, peer_acked_at, "
                                 "retry_count, priority FROM outbox INDEXED BY idx_outbox_cloud "
                                 "WHERE status = 'pending' "
                                 "AND created_at <= ?3 AND (cloud_next_at IS NULL OR "
                                 "cloud_next_at <= ?1) ORDER BY priority, created_at LIMIT ?2"));
        if (!q)
            return R::failure(q.error());
        (*q)->bind(1, nowMs).bind(2, qint64(m_limit + m_inFlightIds.size()));
        if (!peerAcked)
            (*q)->bind(3, pendingBefore);
        while ((*q)->next()) {
            if (!readRow(**q, m_config.terminalId, false))
                continue;
            rows.last().item.priority = int((*q)->columnInt(6));
        }
        if (!(*q)->error().isEmpty())
            return R::failure((*q)->error());
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return std::tie(a.item.priority, a.item.createdAt) <
               std::tie(b.item.priority, b.item.createdAt);
    });
    if (rows.size() > m_limit)
        rows.resize(m_limit);

    // Relayed messages of lanes that have gone quiet, so no sale depends on one lane surviving.
    if (rows.size() < m_limit) {
        auto quiet = quietOrigins();
        if (!quiet)
            return R::failure(quiet.error());
        auto q = m_db.statement(QStringLiteral(
            "SELECT message_id, topic, payload, sent_at, processed_at, cloud_retry_count FROM "
            "inbox_processed WHERE from_terminal = ?1 AND cloud_acked_at IS NULL AND "
            "cloud_retry_count < ?2 AND (cloud_next_at IS NULL OR cloud_next_at <= ?3) "
            "ORDER BY seq LIMIT ?4"));
        if (!q)
            return R::failure(q.error());
        for (const QString &origin : std::as_const(*quiet)) {
            (*q)->bind(1, origin)
                .bind(2, qint64(m_config.maxRetries))
                .bind(3, nowMs)
                .bind(4, qint64(m_limit - rows.size() + m_inFlightIds.size()));
            while ((*q)->next())
                if (rows.size() < m_limit)
                    (void)readRow(**q, origin, true);
            if (!(*q)->error().isEmpty())
                return R::failure((*q)->error());
            if (rows.size() >= m_limit)
                break;
        }
    }

    JsonWriter w(qsizetype(rows.size()) * 1024 + 16);
    w.beginArray();
    QList<Item> items;
    items.reserve(rows.size());
    for (const Row &r : std::as_const(rows)) {
        w.beginObject()
            .member(QLatin1String("messageId"), r.item.id)
            .member(QLatin1String("storeId"), m_config.storeId)
            .member(QLatin1String("terminalId"), r.item.origin)
            .member(QLatin1String("topic"), r.topic);
        w.key(QLatin1String("data")).raw(cloudData(r.topic, r.payload));
        w.member(QLatin1String("timestamp"), r.item.createdAt);
        w.key(QLatin1String("peerAckedAt"));
        if (r.peerAckedAt.isEmpty())
            w.null();
        else
            w.value(r.peerAckedAt);
        w.endObject();
        items.append(r.item);
    }
    w.endArray();
    body = w.bytes();
    return items;
}

void CloudSync::run()
{
    if (!m_started)
        return;
    m_queued = 0;
    if (m_flights.size() >= m_config.parallelRequests) {
        m_again = true;
        return;
    }
    while (!m_backoffTimer.isActive() && m_flights.size() < m_config.parallelRequests) {
        QByteArray body;
        auto items = select(body);
        if (!items) {
            qCWarning(lcCloud).noquote() << "cannot read the upload queue:" << items.error();
            return;
        }
        if (items->isEmpty()) {
            if (m_flights.isEmpty())
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
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + m_config.serviceKey);
    request.setRawHeader(QByteArrayLiteral("apikey"), m_config.serviceKey);
    request.setRawHeader(QByteArrayLiteral("x-client-info"), QByteArrayLiteral("euphoria-lane"));
    request.setTransferTimeout(m_config.timeoutMs);
    m_health.lastAttemptAt = m_clock.nowIso();
    qCDebug(lcCloud) << "uploading" << items.size() << "messages," << body.size() << "bytes";
    QNetworkReply *reply = m_nam->post(request, body);
    reply->setProperty("sentAtMs", m_clock.elapsedMs());
    m_flights.insert(reply, items);
    for (const Item &item : items)
        m_inFlightIds.insert(item.id);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void CloudSync::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (!m_flights.contains(reply))
        return;
    const QList<Item> items = m_flights.take(reply);
    for (const Item &item : items)
        m_inFlightIds.remove(item.id);
    const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    // Any answer from the cloud tells its time (a reply through a proxy that wrote its own Date
    // tells the proxy's, which is as good).
    if (http != 0) {
        const QDateTime date = QDateTime::fromString(
            QString::fromLatin1(reply->rawHeader("Date")).trimmed(), Qt::RFC2822Date);
        if (date.isValid())
            Q_EMIT serverDate(date.toMSecsSinceEpoch(),
                              m_clock.elapsedMs() - reply->property("sentAtMs").toLongLong());
    }

    if (http == 0) {
        // A transfer timeout shows as a cancelled operation; say what happened instead.
        const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                ? QStringLiteral("no answer within %1 ms").arg(m_config.timeoutMs)
                                : reply->errorString();
        queueBackoff(QStringLiteral("cloud unreachable: %1").arg(why), false);
        return;
    }
    if (http == 200) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        const QJsonArray results = doc.object().value(QLatin1String("results")).toArray();
        if (error.error != QJsonParseError::NoError || results.size() != items.size()) {
            queueBackoff(QStringLiteral("unexpected reply from the cloud function (%1 results "
                                        "for %2 messages)")
                             .arg(results.size())
                             .arg(items.size()),
                         true);
            return;
        }
        handleResults(items, results);
        return;
    }
    if (http == 401 || http == 403) {
        queueBackoff(QStringLiteral("the cloud refused the service key (HTTP %1: %2); check "
                                    "supabaseServiceKey")
                         .arg(http)
                         .arg(replyError(body)),
                     true);
        return;
    }
    if (http == 400 || http == 413 || http == 422) {
        // The function refused the body as a whole: halve the batch until the message it
        // refuses is alone, then that one message is rejected and the others go on.
        if (items.size() > 1) {
            m_limit = std::max(1, int(items.size() / 2));
            qCWarning(lcCloud).noquote()
                << QStringLiteral("the cloud refused a batch of %1 (HTTP %2: %3); trying batches "
                                  "of %4")
                       .arg(items.size())
                       .arg(http)
                       .arg(replyError(body))
                       .arg(m_limit);
            finishRun(true);
            return;
        }
        QJsonArray results{
            QJsonObject{{QStringLiteral("messageId"), items.first().id},
                        {QStringLiteral("status"), QStringLiteral("rejected")},
                        {QStringLiteral("reason"),
                         QStringLiteral("HTTP %1: %2").arg(http).arg(replyError(body))}}};
        handleResults(items, results);
        return;
    }
    queueBackoff(
        QStringLiteral("cloud function answered HTTP %1: %2").arg(http).arg(replyError(body)),
        true);
}

void CloudSync::handleResults(const QList<Item> &items, const QJsonArray &results)
{
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
        auto ackOwn = m_db.statement(QStringLiteral(
            "UPDATE outbox SET status = 'cloud_ack', cloud_acked_at = ?1, last_error = NULL, "
            "cloud_next_at = NULL WHERE id = ?2 AND status IN ('pending', 'peer_ack')"));
        auto ackRelayed = m_db.statement(QStringLiteral(
            "UPDATE inbox_processed SET cloud_acked_at = ?1, cloud_last_error = NULL, "
            "cloud_next_at = NULL WHERE message_id = ?2"));
        auto rejectOwn = m_db.statement(QStringLiteral(
            "UPDATE outbox SET retry_count = retry_count + 1, last_error = ?1, cloud_next_at = "
            "?2, status = CASE WHEN retry_count + 1 >= ?3 THEN 'failed' ELSE status END "
            "WHERE id = ?4 AND status IN ('pending', 'peer_ack')"));
        auto rejectRelayed = m_db.statement(
            QStringLiteral("UPDATE inbox_processed SET cloud_retry_count = cloud_retry_count + 1, "
                           "cloud_last_error = ?1, cloud_next_at = ?2 WHERE message_id = ?4"));
        for (auto *s : {&ackOwn, &ackRelayed, &rejectOwn, &rejectRelayed}) {
            if (!*s) {
                qCWarning(lcCloud).noquote() << s->error();
                finishRun(false);
                return;
            }
        }
        for (qsizetype i = 0; i < items.size() && status; ++i) {
            const Item &item = items.at(i);
            const QJsonObject r = results.at(i).toObject();
            const QString id = r.value(QLatin1String("messageId")).toString();
            const QString st = r.value(QLatin1String("status")).toString();
            if (id.compare(item.id, Qt::CaseInsensitive) != 0) {
                status = Status::failure(
                    QStringLiteral("the cloud answered for %1 where %2 was sent").arg(id, item.id));
                break;
            }
            if (st == QLatin1String("stored") || st == QLatin1String("duplicate")) {
                SqlStatement *s = item.relayed ? *ackRelayed : *ackOwn;
                status = s->bind(1, now).bind(2, item.id).exec();
                ++acked;
            } else if (st == QLatin1String("rejected")) {
                const QString reason = r.value(QLatin1String("reason")).toString().left(500);
                const int retries = item.retryCount + 1;
                const qint64 delay = qint64(m_config.retryBaseMs) << std::min(retries - 1, 20);
                SqlStatement *s = item.relayed ? *rejectRelayed : *rejectOwn;
                status = s->bind(1, reason)
                             .bind(2, nowMs + delay)
                             .bind(3, qint64(m_config.maxRetries))
                             .bind(4, item.id)
                             .exec();
                ++rejected;
                if (retries >= m_config.maxRetries)
                    ++failedNow;
                reasons.append(QStringLiteral("%1 (%2 of %3): %4")
                                   .arg(item.id)
                                   .arg(retries)
                                   .arg(m_config.maxRetries)
                                   .arg(reason));
            } else {
                status = Status::failure(
                    QStringLiteral("the cloud answered status \"%1\" for %2").arg(st, item.id));
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
    if (auto f = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'failed'"));
        f)
        m_health.failed = f->toLongLong();
    if (auto f = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE "
                                            "cloud_acked_at IS NULL AND cloud_retry_count >= %1")
                                 .arg(m_config.maxRetries));
        f)
        m_health.relayedFailed = f->toLongLong();
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
