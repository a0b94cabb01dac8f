#pragma once

#include "hlc.h"
#include "peerprotocol.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

class Database;

// One product's stock as lanes compare it in reconciliation: the seed's inventory record
// (productId, currentStock, reservedStock, lastUpdated) plus, as extensions, the HLC counter and
// lane of lastUpdated and the baseline the figure is measured from.
struct InventoryRecord
{
    QString productId;
    qint64 currentStock = 0;
    qint64 reservedStock = 0;
    HlcTime updated;
    QString lastUpdated; // updated's physical part, ISO 8601 (canonical form)
    bool hasBaseline = false;
    qint64 baselineQuantity = 0;
    HlcTime baselineHlc;
    // Extension: what the baseline rests on. A message id (UUID); "" for the catalog's baseline
    // at time zero, which no message sets; none when no message backs the figure (a record
    // without baseline, or a baseline recorded outside the ledger).
    std::optional<QString> baselineMessageId;

    // The catalog's starting stock: time zero, no lane.
    bool isCatalogBaseline() const
    {
        return hasBaseline && baselineHlc.ms == 0 && baselineHlc.counter == 0 &&
               baselineHlc.terminal.isEmpty();
    }

    // Equal as far as the checksum can tell (reservedStock is lane-local and not compared).
    bool sameStock(const InventoryRecord &o) const
    {
        return currentStock == o.currentStock && lastUpdated == o.lastUpdated &&
               updated.counter == o.updated.counter;
    }
};

// The inventory of a lane as reconciliation sees it: its checksum and the seed's
// inventory_response frames.
namespace InventorySnapshot {
// Records in a response frame: keeps every frame under the 1 MiB frame limit.
inline constexpr int RecordsPerFrame = 1500;
// Extension: products fall into 4096 buckets by the first three hex digits of their id; a
// request carries a 64-bit hash per bucket and the answer holds only the buckets that differ.
inline constexpr int Buckets = 4096;
inline constexpr int BucketHashBytes = 8;
int bucketOf(const QString &productId);
// Per bucket, the first 8 bytes of the SHA-256 of its products' canonical lines.
[[nodiscard]] Result<QByteArray> bucketHashes(Database &db);
// The checksum and the bucket hashes from one pass over the inventory.
struct Digest
{
    QString checksum;
    QByteArray buckets;
};
[[nodiscard]] Result<Digest> digest(Database &db);

// All records, or only those of the given buckets (when buckets is not null).
[[nodiscard]] Result<QList<InventoryRecord>> read(Database &db, const QSet<int> *buckets = nullptr);

// The canonical serialization (README "Inventory checksum"): for each product sorted by
// productId (byte order), one line "productId|currentStock|lastUpdated|hlcCounter\n" with
// currentStock and hlcCounter in decimal and lastUpdated as ISO 8601 UTC with milliseconds
// ("2026-11-25T10:00:00.000Z"); the checksum is the lowercase hex SHA-256 of those bytes.
QByteArray canonical(const QList<InventoryRecord> &sortedRecords);
QString checksum(const QList<InventoryRecord> &sortedRecords);
[[nodiscard]] Result<QString> checksum(Database &db);

// The messages this lane holds back (stamped too far ahead, see Inbox): the lowercase hex
// SHA-256 of their ids, sorted, each followed by "\n"; empty when none is held. Lanes that
// hold back different messages do not settle stock differences by last write wins: a count one
// of them applied and the other holds is not a conflict.
[[nodiscard]] Result<QString> heldDigest(Database &db);

// The inventory_request frame; checksum and vector are extensions (a peer with the same
// checksum answers without records).
QByteArray request(const QString &requestId, const QString &nowIso, const QString &checksum,
                   const PeerProtocol::VersionVector &vector, const QByteArray &buckets = {});
// The answer to a request: one or more inventory_response frames (extension fields part/parts
// split large inventories; checksum, vector and held travel in each).
[[nodiscard]] Result<QList<QByteArray>> respond(Database &db, const QJsonObject &request,
                                                const QString &nowIso,
                                                const PeerProtocol::VersionVector &vector);

// A received inventory_response frame, its records validated.
struct Response
{
    QString requestId;
    QString checksum;   // empty from a seed-only peer
    bool match = false; // the peer's checksum equals the one in our request; no records sent
    int part = 1;
    int parts = 1;
    bool hasVector = false;
    PeerProtocol::VersionVector vector;
    QString held; // heldDigest of the peer (extension "held"; absent: none held)
    QList<InventoryRecord> records;
    // Set when the answer covers only some buckets: products of other buckets are equal.
    bool partial = false;
    QSet<int> coveredBuckets;
};
[[nodiscard]] Result<Response> parseResponse(const QJsonObject &frame, const QString &peerTerminal);
} // namespace InventorySnapshot
