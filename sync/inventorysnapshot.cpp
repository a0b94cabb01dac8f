#include "inventorysnapshot.h"

#include "clock.h"
#include "database.h"
#include "sqlstatement.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

namespace InventorySnapshot {
namespace {
constexpr double kMaxExact = 9007199254740992.0;

bool readInt(const QJsonValue &v, double min, qint64 &out)
{
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || std::isnan(d) || d < min || d > kMaxExact || d != std::floor(d))
        return false;
    out = qint64(d);
    return true;
}

QJsonObject vectorJson(const PeerProtocol::VersionVector &v)
{
    QJsonObject o;
    for (auto it = v.cbegin(); it != v.cend(); ++it)
        o.insert(it.key(), double(it.value()));
    return o;
}

// One line of the canonical serialization (README "Inventory checksum").
void appendLine(QByteArray &out, QByteArrayView productId, qint64 stock, QByteArrayView updated,
                qint64 counter)
{
    out += productId;
    out += '|';
    out += QByteArray::number(stock);
    out += '|';
    out += updated;
    out += '|';
    out += QByteArray::number(counter);
    out += '\n';
}

// Streams the canonical lines of the inventory, in product order, from the covering index:
// no record objects, no time formatting (last_updated holds the ISO form of the HLC time).
Status forEachLine(Database &db,
                   const std::function<void(QByteArrayView productId, const QByteArray &line)> &use)
{
    auto q = db.statement(
        QStringLiteral("SELECT product_id, current_stock, last_updated, hlc_counter FROM inventory "
                       "INDEXED BY idx_inventory_checksum ORDER BY product_id"));
    if (!q)
        return Status::failure(q.error());
    SqlStatement &st = **q;
    QByteArray line;
    while (st.next()) {
        line.clear();
        appendLine(line, st.columnUtf8(0), st.columnInt(1), st.columnUtf8(2), st.columnInt(3));
        use(st.columnUtf8(0), line);
    }
    return st.error().isEmpty() ? Status() : Status::failure(st.error());
}

// Reads lastUpdated/hlcCounter/hlcTerminal of a record or baseline; extension fields optional.
bool readTime(const QJsonObject &o, const QString &defaultTerminal, HlcTime &out,
              QString *canonical = nullptr)
{
    const QString iso = o.value(QLatin1String("lastUpdated")).toString();
    const std::optional<qint64> ms = Clock::isoMs(iso);
    if (!ms)
        return false;
    qint64 counter = 0;
    const QJsonValue c = o.value(QLatin1String("hlcCounter"));
    if (!c.isUndefined() && !readInt(c, 0, counter))
        return false;
    QString terminal = defaultTerminal;
    const QJsonValue by = o.value(QLatin1String("hlcTerminal"));
    if (!by.isUndefined()) {
        if (!by.isString() ||
            (!by.toString().isEmpty() && !PeerProtocol::isTerminalId(by.toString())))
            return false;
        terminal = by.toString();
    }
    out = HlcTime{*ms, counter, terminal};
    if (canonical)
        *canonical = Clock::isCanonicalIso(iso) ? iso : out.iso();
    return true;
}
} // namespace

int bucketOf(const QString &productId)
{
    int b = 0;
    for (int i = 0; i < 3; ++i) {
        const char16_t c = i < productId.size() ? productId.at(i).unicode() : u'0';
        const int v = c >= u'0' && c <= u'9'   ? c - u'0'
                      : c >= u'a' && c <= u'f' ? c - u'a' + 10
                      : c >= u'A' && c <= u'F' ? c - u'A' + 10
                                               : int(c % 16);
        b = b * 16 + v;
    }
    return b;
}

Result<Digest> digest(Database &db)
{
    std::vector<std::unique_ptr<QCryptographicHash>> hashes(Buckets);
    QCryptographicHash all(QCryptographicHash::Sha256);
    const Status s = forEachLine(db, [&](QByteArrayView id, const QByteArray &line) {
        all.addData(line);
        auto &h = hashes[size_t(
            bucketOf(QString::fromLatin1(id.first(std::min<qsizetype>(3, id.size())))))];
        if (!h)
            h = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
        h->addData(line);
    });
    if (!s)
        return Result<Digest>::failure(s.error());
    Digest d;
    d.checksum = QString::fromLatin1(all.result().toHex());
    d.buckets = QByteArray(Buckets * BucketHashBytes, '\0'); // an empty bucket hashes to zeros
    for (int b = 0; b < Buckets; ++b)
        if (hashes[size_t(b)])
            memcpy(d.buckets.data() + b * BucketHashBytes, hashes[size_t(b)]->result().constData(),
                   BucketHashBytes);
    return d;
}

Result<QByteArray> bucketHashes(Database &db)
{
    auto d = digest(db);
    return d ? Result<QByteArray>(d->buckets) : Result<QByteArray>::failure(d.error());
}

namespace {
const QString kRecordSelect = QStringLiteral(
    "SELECT i.product_id, i.current_stock, i.reserved_stock, i.hlc_ms, i.hlc_counter, "
    "i.hlc_terminal, b.quantity, b.hlc_ms, b.hlc_counter, b.hlc_terminal, "
    "b.product_id IS NOT NULL, i.last_updated FROM inventory i "
    "LEFT JOIN inventory_baselines b ON b.product_id = i.product_id");

InventoryRecord recordAt(const SqlStatement &st)
{
    InventoryRecord r;
    r.productId = st.columnText(0);
    r.currentStock = st.columnInt(1);
    r.reservedStock = st.columnInt(2);
    r.updated = HlcTime{st.columnInt(3), st.columnInt(4), st.columnText(5)};
    r.hasBaseline = st.columnInt(10) != 0;
    r.lastUpdated = st.columnText(11);
    if (r.hasBaseline) {
        r.baselineQuantity = st.columnInt(6);
        r.baselineHlc = HlcTime{st.columnInt(7), st.columnInt(8), st.columnText(9)};
    }
    return r;
}
} // namespace

Result<QList<InventoryRecord>> read(Database &db, const QSet<int> *buckets)
{
    using R = Result<QList<InventoryRecord>>;
    QList<InventoryRecord> records;
    if (!buckets) {
        auto q = db.statement(kRecordSelect + QStringLiteral(" ORDER BY i.product_id"));
        if (!q)
            return R::failure(q.error());
        SqlStatement &st = **q;
        while (st.next())
            records.append(recordAt(st));
        if (!st.error().isEmpty())
            return R::failure(st.error());
        return records;
    }
    // Some buckets: pick their ids from the covering index, then read each one (a full join
    // over every product costs several times more when few buckets differ).
    QStringList ids;
    auto scan = db.statement(QStringLiteral(
        "SELECT product_id FROM inventory INDEXED BY idx_inventory_checksum ORDER BY product_id"));
    if (!scan)
        return R::failure(scan.error());
    while ((*scan)->next()) {
        const QByteArrayView id = (*scan)->columnUtf8(0);
        if (buckets->contains(
                bucketOf(QString::fromLatin1(id.first(std::min<qsizetype>(3, id.size()))))))
            ids.append((*scan)->columnText(0));
    }
    if (!(*scan)->error().isEmpty())
        return R::failure((*scan)->error());
    auto one = db.statement(kRecordSelect + QStringLiteral(" WHERE i.product_id = ?"));
    if (!one)
        return R::failure(one.error());
    SqlStatement &st = **one;
    records.reserve(ids.size());
    for (const QString &id : std::as_const(ids)) {
        st.bind(1, id);
        if (st.next()) {
            records.append(recordAt(st));
            st.finish();
        } else if (!st.error().isEmpty()) {
            return R::failure(st.error());
        }
    }
    return records;
}

QByteArray canonical(const QList<InventoryRecord> &records)
{
    QByteArray out;
    out.reserve(records.size() * 80);
    for (const InventoryRecord &r : records)
        appendLine(out, r.productId.toUtf8(), r.currentStock,
                   (r.lastUpdated.isEmpty() ? r.updated.iso() : r.lastUpdated).toLatin1(),
                   r.updated.counter);
    return out;
}

QString checksum(const QList<InventoryRecord> &records)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonical(records), QCryptographicHash::Sha256).toHex());
}

Result<QString> checksum(Database &db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const Status s =
        forEachLine(db, [&](QByteArrayView, const QByteArray &line) { hash.addData(line); });
    if (!s)
        return Result<QString>::failure(s.error());
    return QString::fromLatin1(hash.result().toHex());
}

QByteArray request(const QString &requestId, const QString &nowIso, const QString &sum,
                   const PeerProtocol::VersionVector &vector, const QByteArray &buckets)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("inventory_request")},
                  {QStringLiteral("requestId"), requestId},
                  {QStringLiteral("timestamp"), nowIso},
                  {QStringLiteral("checksum"), sum},
                  {QStringLiteral("vector"), vectorJson(vector)}};
    if (buckets.size() == Buckets * BucketHashBytes)
        o.insert(QStringLiteral("buckets"), QString::fromLatin1(buckets.toHex()));
    return PeerProtocol::compact(o);
}

Result<QList<QByteArray>> respond(Database &db, const QJsonObject &req, const QString &nowIso,
                                  const PeerProtocol::VersionVector &vector)
{
    using R = Result<QList<QByteArray>>;
    auto mine = digest(db);
    if (!mine)
        return R::failure(mine.error());
    const QString sum = mine->checksum;
    const QString requestId = req.value(QLatin1String("requestId")).toString();
    const bool match = req.value(QLatin1String("checksum")).toString() == sum;
    // With the requester's bucket hashes, only the buckets that differ are sent.
    const QByteArray theirs =
        QByteArray::fromHex(req.value(QLatin1String("buckets")).toString().toLatin1());
    const bool bucketed = !match && theirs.size() == Buckets * BucketHashBytes;
    QJsonArray covered;
    QSet<int> differing;
    if (bucketed) {
        for (int b = 0; b < Buckets; ++b) {
            if (memcmp(mine->buckets.constData() + b * BucketHashBytes,
                       theirs.constData() + b * BucketHashBytes, BucketHashBytes) != 0) {
                covered.append(b);
                differing.insert(b);
            }
        }
    }
    auto records = match ? Result<QList<InventoryRecord>>(QList<InventoryRecord>())
                         : read(db, bucketed ? &differing : nullptr);
    if (!records)
        return R::failure(records.error());
    QList<QByteArray> frames;
    const qsizetype total = match ? 0 : records->size();
    const int parts = int(std::max<qsizetype>(1, (total + RecordsPerFrame - 1) / RecordsPerFrame));
    for (int part = 0; part < parts; ++part) {
        QJsonArray rows;
        const qsizetype end = std::min<qsizetype>(total, qsizetype(part + 1) * RecordsPerFrame);
        for (qsizetype i = qsizetype(part) * RecordsPerFrame; i < end; ++i) {
            const InventoryRecord &r = records->at(i);
            QJsonObject row{{QStringLiteral("productId"), r.productId},
                            {QStringLiteral("currentStock"), double(r.currentStock)},
                            {QStringLiteral("reservedStock"), double(r.reservedStock)},
                            {QStringLiteral("lastUpdated"), r.lastUpdated},
                            {QStringLiteral("hlcCounter"), double(r.updated.counter)},
                            {QStringLiteral("hlcTerminal"), r.updated.terminal}};
            if (r.hasBaseline)
                row.insert(
                    QStringLiteral("baseline"),
                    QJsonObject{{QStringLiteral("currentStock"), double(r.baselineQuantity)},
                                {QStringLiteral("lastUpdated"), r.baselineHlc.iso()},
                                {QStringLiteral("hlcCounter"), double(r.baselineHlc.counter)},
                                {QStringLiteral("hlcTerminal"), r.baselineHlc.terminal}});
            rows.append(row);
        }
        QJsonObject frame{{QStringLiteral("type"), QStringLiteral("inventory_response")},
                          {QStringLiteral("requestId"), requestId},
                          {QStringLiteral("inventory"), rows},
                          {QStringLiteral("timestamp"), nowIso},
                          {QStringLiteral("checksum"), sum},
                          {QStringLiteral("vector"), vectorJson(vector)},
                          {QStringLiteral("part"), part + 1},
                          {QStringLiteral("parts"), parts}};
        if (match)
            frame.insert(QStringLiteral("match"), true);
        else if (bucketed)
            frame.insert(QStringLiteral("coveredBuckets"), covered);
        frames.append(PeerProtocol::compact(frame));
    }
    return frames;
}

Result<Response> parseResponse(const QJsonObject &f, const QString &peer)
{
    using R = Result<Response>;
    Response r;
    r.requestId = f.value(QLatin1String("requestId")).toString();
    const QJsonValue sum = f.value(QLatin1String("checksum"));
    if (!sum.isUndefined()) {
        r.checksum = sum.toString();
        if (r.checksum.size() != 64)
            return R::failure(QStringLiteral("inventory_response: checksum must be 64 hex digits"));
    }
    r.match = f.value(QLatin1String("match")).toBool(false);
    qint64 part = 1;
    qint64 parts = 1;
    if ((f.contains(QLatin1String("part")) && !readInt(f.value(QLatin1String("part")), 1, part)) ||
        (f.contains(QLatin1String("parts")) &&
         !readInt(f.value(QLatin1String("parts")), 1, parts)) ||
        part > parts || parts > 100000)
        return R::failure(QStringLiteral("inventory_response: part/parts out of range"));
    r.part = int(part);
    r.parts = int(parts);
    const QJsonValue vector = f.value(QLatin1String("vector"));
    if (!vector.isUndefined()) {
        if (!vector.isObject())
            return R::failure(QStringLiteral("inventory_response: vector must be an object"));
        const QJsonObject v = vector.toObject();
        for (auto it = v.begin(); it != v.end(); ++it) {
            qint64 seq = 0;
            if (!PeerProtocol::isTerminalId(it.key()) || !readInt(it.value(), 0, seq))
                return R::failure(QStringLiteral("inventory_response: bad vector entry"));
            r.vector.insert(it.key(), seq);
        }
        r.hasVector = true;
    }
    const QJsonValue covered = f.value(QLatin1String("coveredBuckets"));
    if (!covered.isUndefined()) {
        if (!covered.isArray())
            return R::failure(
                QStringLiteral("inventory_response: coveredBuckets must be an array"));
        for (const QJsonValue &b : covered.toArray()) {
            qint64 v = 0;
            if (!readInt(b, 0, v) || v >= Buckets)
                return R::failure(QStringLiteral("inventory_response: bad bucket number"));
            r.coveredBuckets.insert(int(v));
        }
        r.partial = true;
    }
    for (const QJsonValue &row : f.value(QLatin1String("inventory")).toArray()) {
        const QJsonObject o = row.toObject();
        InventoryRecord rec;
        rec.productId = o.value(QLatin1String("productId")).toString();
        if (rec.productId.isEmpty() ||
            !readInt(o.value(QLatin1String("currentStock")), -kMaxExact, rec.currentStock) ||
            !readInt(o.value(QLatin1String("reservedStock")), 0, rec.reservedStock) ||
            !readTime(o, peer, rec.updated, &rec.lastUpdated))
            return R::failure(QStringLiteral("inventory_response: bad record for %1")
                                  .arg(rec.productId.left(64)));
        const QJsonValue base = o.value(QLatin1String("baseline"));
        if (!base.isUndefined()) {
            const QJsonObject b = base.toObject();
            if (!base.isObject() ||
                !readInt(b.value(QLatin1String("currentStock")), -kMaxExact,
                         rec.baselineQuantity) ||
                !readTime(b, QString(), rec.baselineHlc))
                return R::failure(QStringLiteral("inventory_response: bad baseline for %1")
                                      .arg(rec.productId.left(64)));
            rec.hasBaseline = true;
        }
        r.records.append(std::move(rec));
    }
    return r;
}
} // namespace InventorySnapshot
