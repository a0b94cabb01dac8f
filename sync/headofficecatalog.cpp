#include "headofficecatalog.h"

#include "clock.h"
#include "clocktimer.h"
#include "database.h"
#include "hlc.h"
#include "idgenerator.h"
#include "jsonint.h"
#include "outbox.h"
#include "synclog.h"
#include "topics.h"
#include "writetransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {
constexpr qint64 kMaxBodyBytes = 16 * 1024 * 1024;
const QString kCursorKey = QStringLiteral("head_office_cursor");

bool readSeq(const QJsonValue &v, qint64 &out)
{
    return JsonInt::read(v, 0, JsonInt::MaxExact, out);
}
} // namespace

HeadOfficeCatalog::HeadOfficeCatalog(Database &db, Outbox &outbox, Clock &clock, Hlc &hlc,
                                     HeadOfficeConfig config, QNetworkAccessManager *nam,
                                     QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_outbox(outbox)
    , m_clock(clock)
    , m_hlc(hlc)
    , m_config(std::move(config))
    , m_nam(nam)
    , m_store(db)
    , m_timer(new ClockTimer(clock, this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &ClockTimer::timeout, this, &HeadOfficeCatalog::pollNow);
    connect(m_nam, &QNetworkAccessManager::finished, this, &HeadOfficeCatalog::onFinished);
}

HeadOfficeCatalog::~HeadOfficeCatalog()
{
    stop();
}

QUrl HeadOfficeCatalog::functionUrl(const QString &supabaseUrl)
{
    QString base = supabaseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QStringLiteral("/functions/v1/catalog-changes"));
}

void HeadOfficeCatalog::start()
{
    if (auto cursor = m_db.meta(kCursorKey); cursor && !cursor->isEmpty())
        m_health.cursor = cursor->toLongLong();
    pollNow();
}

void HeadOfficeCatalog::stop()
{
    m_timer->stop();
    if (m_inFlight) {
        QNetworkReply *reply = m_inFlight;
        m_inFlight = nullptr;
        reply->abort();
        reply->deleteLater();
    }
}

void HeadOfficeCatalog::pollNow()
{
    if (m_inFlight)
        return;
    m_timer->stop();
    QNetworkRequest request(functionUrl(m_config.supabaseUrl));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + m_config.secret);
    if (m_config.auth == CloudAuth::Mode::ServiceKey)
        request.setRawHeader(QByteArrayLiteral("apikey"), m_config.secret);
    request.setRawHeader(QByteArrayLiteral("x-client-info"), QByteArrayLiteral("euphoria-lane"));
    request.setTransferTimeout(m_config.timeoutMs);
    const QJsonObject body{{QStringLiteral("storeId"), m_config.storeId},
                           {QStringLiteral("terminalId"), m_config.terminalId},
                           {QStringLiteral("cursor"), m_health.cursor},
                           {QStringLiteral("limit"), m_config.pageSize}};
    m_inFlight = m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void HeadOfficeCatalog::fail(const QString &error)
{
    if (error != m_health.lastError)
        qCWarning(lcCloud).noquote() << "head office catalog:" << error;
    m_health.lastError = error;
    Q_EMIT polled(0, error);
}

void HeadOfficeCatalog::onFinished(QNetworkReply *reply)
{
    if (reply != m_inFlight)
        return; // not ours (the manager is shared), or aborted
    m_inFlight = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(kMaxBodyBytes + 1);
    bool again = false;
    if (reply->error() != QNetworkReply::NoError && status == 0) {
        fail(QStringLiteral("cannot reach %1: %2")
                 .arg(functionUrl(m_config.supabaseUrl).toString(), reply->errorString()));
    } else if (status != 200) {
        const QString said = QJsonDocument::fromJson(body)
                                 .object()
                                 .value(QLatin1String("error"))
                                 .toString()
                                 .left(300);
        fail(QStringLiteral("the function answered HTTP %1%2")
                 .arg(status)
                 .arg(said.isEmpty() ? QString() : QStringLiteral(": ") + said));
    } else if (body.size() > kMaxBodyBytes) {
        fail(QStringLiteral("reply larger than %1 bytes ignored").arg(kMaxBodyBytes));
    } else if (auto page = parse(body); !page) {
        fail(QStringLiteral("reply not understood, nothing applied: ") + page.error());
    } else if (auto applied = apply(*page); !applied) {
        fail(QStringLiteral("cannot apply the changes (tried again later): ") + applied.error());
    } else {
        m_health.lastError.clear();
        m_health.lastSuccessAt = m_clock.nowIso();
        m_health.applied += *applied;
        if (*applied > 0)
            qCInfo(lcCloud).noquote()
                << "head office catalog:" << *applied
                << "changes applied and sent to the peers; cursor" << m_health.cursor;
        // More pages: at once, unless a change waits for its time (the cursor stopped short).
        again = page->more && !page->changes.isEmpty() && m_health.cursor >= page->cursor;
        Q_EMIT polled(*applied, {});
    }
    if (again) {
        pollNow();
        return;
    }
    if (m_config.intervalMs > 0)
        m_timer->start(m_config.intervalMs);
}

Result<HeadOfficePage> HeadOfficeCatalog::parse(const QByteArray &body)
{
    using R = Result<HeadOfficePage>;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return R::failure(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();
    HeadOfficePage page;
    if (!readSeq(o.value(QLatin1String("cursor")), page.cursor) ||
        !o.value(QLatin1String("more")).isBool() || !o.value(QLatin1String("changes")).isArray())
        return R::failure(QStringLiteral("needs changes (array), cursor (integer >= 0) and more "
                                         "(boolean)"));
    page.more = o.value(QLatin1String("more")).toBool();
    const QJsonArray changes = o.value(QLatin1String("changes")).toArray();
    qint64 last = 0;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QJsonObject c = changes.at(i).toObject();
        HeadOfficePage::Change change;
        const QString kind = c.value(QLatin1String("kind")).toString();
        const auto updated = Clock::isoMs(c.value(QLatin1String("updatedAt")).toString());
        if (!readSeq(c.value(QLatin1String("seq")), change.seq) || change.seq < 1 ||
            change.seq <= last || !updated || *updated < 0)
            return R::failure(QStringLiteral("change %1 needs a seq (increasing integer >= 1) and "
                                             "updatedAt (ISO 8601 UTC)")
                                  .arg(i + 1));
        last = change.seq;
        if (kind == QLatin1String("product")) {
            QJsonObject p = c.value(QLatin1String("product")).toObject();
            // The version: head office's time, ordered within a millisecond by the change's seq.
            p.insert(QStringLiteral("hlcTime"), Clock::msToIso(*updated));
            p.insert(QStringLiteral("hlcCounter"), change.seq);
            if (!p.contains(QLatin1String("priceSetAt")) ||
                p.value(QLatin1String("priceSetAt")).toString() ==
                    c.value(QLatin1String("updatedAt")).toString()) {
                p.insert(QStringLiteral("priceSetAt"), Clock::msToIso(*updated));
                p.insert(QStringLiteral("priceCounter"), change.seq);
            } else {
                p.insert(QStringLiteral("priceCounter"), 0);
            }
            p.insert(QStringLiteral("source"), QStringLiteral("head-office"));
            p.insert(QStringLiteral("headOfficeSeq"), change.seq);
            auto v = CatalogPayload::decode(p, {});
            if (!v)
                return R::failure(QStringLiteral("change %1 (seq %2): %3")
                                      .arg(i + 1)
                                      .arg(change.seq)
                                      .arg(v.error()));
            change.isProduct = true;
            change.product = *v;
        } else if (kind == QLatin1String("price")) {
            QJsonObject p = c.value(QLatin1String("price")).toObject();
            p.insert(QStringLiteral("source"), QStringLiteral("head-office"));
            p.insert(QStringLiteral("headOfficeSeq"), change.seq);
            auto s = CatalogPayload::decodeScheduled(p);
            if (!s)
                return R::failure(QStringLiteral("change %1 (seq %2): %3")
                                      .arg(i + 1)
                                      .arg(change.seq)
                                      .arg(s.error()));
            change.price = *s;
        } else {
            return R::failure(
                QStringLiteral("change %1: kind must be product or price").arg(i + 1));
        }
        page.changes.append(change);
    }
    if (!page.changes.isEmpty() && page.cursor < last)
        return R::failure(QStringLiteral("cursor %1 is before the last change's seq %2")
                              .arg(page.cursor)
                              .arg(last));
    return page;
}

Result<int> HeadOfficeCatalog::apply(const HeadOfficePage &page)
{
    using R = Result<int>;
    const QString now = m_clock.nowIso();
    const qint64 nowMs = m_clock.nowUtc().toMSecsSinceEpoch();
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    int applied = 0;
    qint64 cursor = m_health.cursor;
    for (const HeadOfficePage::Change &c : page.changes) {
        auto seen = m_store.headOfficeChangeSeen(c.seq);
        if (!seen)
            return R::failure(seen.error());
        if (!*seen) {
            if (c.isProduct) {
                ProductVersion v = c.product;
                // A head office clock far ahead of the store's time would make this version beat
                // every later edit: it waits (the cursor stays before it) until its time.
                if (v.version.ms > nowMs + m_hlc.maxAheadMs()) {
                    qCWarning(lcCloud).noquote()
                        << "head office catalog: change" << c.seq << "is stamped" << v.version.iso()
                        << ", ahead of the store's time; applied when due";
                    break;
                }
                v.version.terminal = m_config.terminalId;
                v.priceVersion.terminal = m_config.terminalId;
                if (Status s = m_hlc.observe(v.version); !s)
                    return R::failure(s.error());
                auto kept = m_store.applyVersion(v.product, v.version, v.priceVersion);
                if (!kept)
                    return R::failure(kept.error());
                if (auto m = m_outbox.publish(QString(Topics::Product), CatalogPayload::encode(v));
                    !m)
                    return R::failure(m.error());
                if (auto due = m_store.applyDuePrices(nowMs, v.product.id); !due)
                    return R::failure(due.error());
            } else {
                if (auto added = m_store.addPriceChange(
                        PriceChangeRow{c.price.changeId, c.price.productId, c.price.priceCents,
                                       c.price.effectiveMs, c.seq, false},
                        now);
                    !added)
                    return R::failure(added.error());
                if (auto m = m_outbox.publish(QString(Topics::PriceScheduled),
                                              CatalogPayload::encode(c.price));
                    !m)
                    return R::failure(m.error());
                if (auto due = m_store.applyDuePrices(nowMs, c.price.productId); !due)
                    return R::failure(due.error());
            }
            if (Status s = m_store.markHeadOfficeChange(c.seq, now); !s)
                return R::failure(s.error());
            ++applied;
        }
        cursor = c.seq;
    }
    if (cursor == (page.changes.isEmpty() ? 0 : page.changes.last().seq) || page.changes.isEmpty())
        cursor = std::max(cursor, page.cursor);
    if (Status s = m_db.setMeta(kCursorKey, QString::number(cursor)); !s)
        return R::failure(s.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    m_health.cursor = cursor;
    return applied;
}
