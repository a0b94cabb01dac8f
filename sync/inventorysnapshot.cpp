#include "inventorysnapshot.h"

#include "clock.h"
#include "database.h"
#include "heldmessagestore.h"
#include "idgenerator.h"
#include "inventorystore.h"
#include "jsonint.h"
#include "jsonwriter.h"
#include "sha256.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

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
    return JsonInt::read(v, qint64(min), JsonInt::MaxExact, out);
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
    QByteArray line;
    return InventoryStore(db).forEachChecksumRow([&](const InventoryRow &r) {
        line.clear();
        appendLine(line, r.productId, r.currentStock, r.lastUpdated, r.hlcCounter);
        use(r.productId, line);
    });
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

int nibble(char16_t c)
{
    return c >= u'0' && c <= u'9'   ? c - u'0'
           : c >= u'a' && c <= u'f' ? c - u'a' + 10
           : c >= u'A' && c <= u'F' ? c - u'A' + 10
                                    : int(c % 16);
}

// The bucket of a product id read from the database as UTF-8 bytes (its first three bytes,
// each as a Latin-1 character, like bucketOf(QString::fromLatin1(...)) without the string).
int bucketOfBytes(QByteArrayView id)
{
    int b = 0;
    for (qsizetype i = 0; i < 3; ++i)
        b = b * 16 + nibble(i < id.size() ? char16_t(uchar(id.at(i))) : u'0');
    return b;
}
} // namespace

int bucketOf(const QString &productId)
{
    int b = 0;
    for (int i = 0; i < 3; ++i)
        b = b * 16 + nibble(i < productId.size() ? productId.at(i).unicode() : u'0');
    return b;
}

Result<Digest> digest(Database &db)
{
    std::vector<std::unique_ptr<Sha256>> hashes(Buckets);
    Sha256 all;
    const Status s = forEachLine(db, [&](QByteArrayView id, const QByteArray &line) {
        all.addData(line);
        auto &h = hashes[size_t(bucketOfBytes(id))];
        if (!h)
            h = std::make_unique<Sha256>();
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

Result<QList<InventoryRecord>> read(Database &db, const QSet<int> *buckets)
{
    using R = Result<QList<InventoryRecord>>;
    // Both tables in storage order, filtered by bucket here, joined in memory, then sorted: a
    // lookup per product through the product_id indexes (or an ordered join) costs several
    // times more than reading the rows.
    std::vector<bool> wanted(Buckets, buckets == nullptr);
    if (buckets) {
        for (int b : *buckets)
            if (b >= 0 && b < Buckets)
                wanted[size_t(b)] = true;
    }
    struct Row
    {
        QByteArray id; // UTF-8, sorted like SQLite's BINARY collation
        InventoryRecord record;
    };
    std::vector<Row> rows;
    QHash<QByteArray, size_t> index;
    InventoryStore store(db);
    Status s = store.forEachRow([&](const InventoryRow &in) {
        if (!wanted[size_t(bucketOfBytes(in.productId))])
            return;
        Row row{in.productId.toByteArray(), {}};
        InventoryRecord &r = row.record;
        r.productId = QString::fromUtf8(in.productId);
        r.currentStock = in.currentStock;
        r.reservedStock = in.reservedStock;
        r.updated = HlcTime{in.hlcMs, in.hlcCounter, QString::fromUtf8(in.hlcTerminal)};
        r.lastUpdated = QString::fromUtf8(in.lastUpdated);
        index.insert(row.id, rows.size());
        rows.push_back(std::move(row));
    });
    if (s)
        s = store.forEachBaseline([&](const BaselineRow &b) {
            if (!wanted[size_t(bucketOfBytes(b.productId))])
                return;
            const auto it = index.constFind(b.productId.toByteArray());
            if (it == index.cend())
                return; // a baseline without an inventory row is not part of the inventory
            InventoryRecord &r = rows[it.value()].record;
            r.hasBaseline = true;
            r.baselineQuantity = b.quantity;
            r.baselineHlc = HlcTime{b.hlcMs, b.hlcCounter, QString::fromUtf8(b.hlcTerminal)};
            if (!b.messageId.isNull())
                r.baselineMessageId = QString::fromUtf8(b.messageId);
            else if (r.isCatalogBaseline())
                r.baselineMessageId = QString();
        });
    if (!s)
        return R::failure(s.error());
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.id < b.id; });
    QList<InventoryRecord> records;
    records.reserve(qsizetype(rows.size()));
    for (Row &row : rows)
        records.append(std::move(row.record));
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
    return QString::fromLatin1(Sha256::hash(canonical(records)).toHex());
}

Result<QString> checksum(Database &db)
{
    Sha256 hash;
    const Status s =
        forEachLine(db, [&](QByteArrayView, const QByteArray &line) { hash.addData(line); });
    if (!s)
        return Result<QString>::failure(s.error());
    return QString::fromLatin1(hash.result().toHex());
}

Result<QString> heldDigest(Database &db)
{
    auto ids = HeldMessageStore(db).heldIds();
    if (!ids)
        return Result<QString>::failure(ids.error());
    if (ids->isEmpty())
        return QString();
    Sha256 hash;
    for (const QString &id : std::as_const(*ids)) {
        hash.addData(id.toUtf8());
        hash.addData("\n");
    }
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
    QList<int> covered;
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
    // Written straight to JSON bytes: a QJsonObject per record costs more than reading them.
    QList<QByteArray> frames;
    const qsizetype total = match ? 0 : records->size();
    const int parts = int(std::max<qsizetype>(1, (total + RecordsPerFrame - 1) / RecordsPerFrame));
    const QByteArray vectorBytes = PeerProtocol::compact(vectorJson(vector));
    auto held = heldDigest(db);
    if (!held)
        return R::failure(held.error());
    for (int part = 0; part < parts; ++part) {
        const qsizetype begin = qsizetype(part) * RecordsPerFrame;
        const qsizetype end = std::min<qsizetype>(total, begin + RecordsPerFrame);
        JsonWriter w(512 + (end - begin) * 320);
        w.beginObject()
            .member(QLatin1String("type"), QStringLiteral("inventory_response"))
            .member(QLatin1String("requestId"), requestId)
            .key(QLatin1String("inventory"))
            .beginArray();
        for (qsizetype i = begin; i < end; ++i) {
            const InventoryRecord &r = records->at(i);
            w.beginObject()
                .member(QLatin1String("productId"), r.productId)
                .member(QLatin1String("currentStock"), r.currentStock)
                .member(QLatin1String("reservedStock"), r.reservedStock)
                .member(QLatin1String("lastUpdated"), r.lastUpdated)
                .member(QLatin1String("hlcCounter"), r.updated.counter)
                .member(QLatin1String("hlcTerminal"), r.updated.terminal);
            if (r.hasBaseline) {
                w.key(QLatin1String("baseline"))
                    .beginObject()
                    .member(QLatin1String("currentStock"), r.baselineQuantity)
                    .member(QLatin1String("lastUpdated"), r.baselineHlc.iso())
                    .member(QLatin1String("hlcCounter"), r.baselineHlc.counter)
                    .member(QLatin1String("hlcTerminal"), r.baselineHlc.terminal);
                if (r.baselineMessageId)
                    w.member(QLatin1String("messageId"), *r.baselineMessageId);
                w.endObject();
            }
            w.endObject();
        }
        w.endArray()
            .member(QLatin1String("timestamp"), nowIso)
            .member(QLatin1String("checksum"), sum)
            .key(QLatin1String("vector"))
            .raw(vectorBytes)
            .member(QLatin1String("part"), part + 1)
            .member(QLatin1String("parts"), parts);
        if (!held->isEmpty())
            w.member(QLatin1String("held"), *held);
        if (match) {
            w.member(QLatin1String("match"), true);
        } else if (bucketed) {
            w.key(QLatin1String("coveredBuckets")).beginArray();
            for (int b : std::as_const(covered))
                w.value(b);
            w.endArray();
        }
        frames.append(w.endObject().bytes());
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
    const QJsonValue held = f.value(QLatin1String("held"));
    if (!held.isUndefined()) {
        static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
        if (!held.isString() || !hex64.match(held.toString()).hasMatch())
            return R::failure(QStringLiteral("inventory_response: held must be 64 hex digits"));
        r.held = held.toString();
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
            const QJsonValue id = b.value(QLatin1String("messageId"));
            if (!id.isUndefined()) {
                // A message id, or "" for the catalog's baseline at time zero (and only that).
                const QString text = id.toString();
                if (!id.isString() ||
                    (text.isEmpty() ? !rec.isCatalogBaseline() : !IdGenerator::isUuid(text)))
                    return R::failure(
                        QStringLiteral("inventory_response: the baseline messageId of %1 must be "
                                       "a message id, or \"\" for the catalog's baseline at "
                                       "time zero")
                            .arg(rec.productId.left(64)));
                rec.baselineMessageId = text;
            }
        }
        r.records.append(std::move(rec));
    }
    return r;
}
} // namespace InventorySnapshot
