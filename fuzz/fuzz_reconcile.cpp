// The reconciliation frames: an inventory_request a peer sends (answered from this lane's
// inventory by InventorySnapshot::respond) and an inventory_response it sends back (decoded by
// InventorySnapshot::parseResponse for the Reconciler). The lane's inventory is an in-memory
// database with a few products, set up once.
#include "catalogimporter.h"
#include "clock.h"
#include "database.h"
#include "fuzzsupport.h"
#include "inventorysnapshot.h"
#include "peerprotocol.h"

#include <QJsonDocument>

#include <memory>

namespace {
Database *inventory()
{
    static std::unique_ptr<Database> db = [] {
        auto d = std::make_unique<Database>();
        Database::Options options;
        options.path = QStringLiteral(":memory:");
        FUZZ_CHECK(d->open(options));
        ManualClock clock(QDateTime::fromMSecsSinceEpoch(1795600800000, Qt::UTC));
        CatalogImporter importer(*d, clock, QStringLiteral("L1"));
        auto imported = importer.importJson(
            R"({"products":[
  {"sku":"A1","name":"Apple","priceCents":120,"taxRateBp":700,"stock":40,"barcodes":["4006381333931"]},
  {"sku":"B2","name":"Bread","priceCents":250,"taxRateBp":700,"stock":-3},
  {"sku":"C3","name":"Cheese","priceCents":599,"taxRateBp":1900,"stock":0}]})",
            QStringLiteral("fuzz catalog"), CatalogImporter::Mode::Extend);
        FUZZ_CHECK(imported);
        return d;
    }();
    return db.get();
}

void responseDecodes(const QJsonObject &frame)
{
    auto r = InventorySnapshot::parseResponse(frame, QStringLiteral("L2"));
    if (!r)
        return;
    FUZZ_CHECK(r->part >= 1 && r->part <= r->parts);
    for (int b : std::as_const(r->coveredBuckets))
        FUZZ_CHECK(b >= 0 && b < InventorySnapshot::Buckets);
    // What the Reconciler does with a seed-only answer.
    (void)InventorySnapshot::checksum(r->records);
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzSupport::init(argc, argv);
    (void)inventory();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = FuzzSupport::bytes(data, size);
    auto f = PeerProtocol::parse(text);
    if (f && f->kind == PeerProtocol::Kind::InventoryRequest) {
        const PeerProtocol::VersionVector vector{{QStringLiteral("L1"), 12}};
        auto frames = InventorySnapshot::respond(
            *inventory(), f->json, QStringLiteral("2026-11-25T10:00:00.000Z"), vector);
        FUZZ_CHECK(frames);
        FUZZ_CHECK(!frames->isEmpty());
        // This lane's answer is one its peers (and itself) accept.
        for (const QByteArray &frame : std::as_const(*frames)) {
            auto answer = PeerProtocol::parse(frame);
            FUZZ_CHECK(answer && answer->kind == PeerProtocol::Kind::InventoryResponse);
            auto decoded = InventorySnapshot::parseResponse(answer->json, QStringLiteral("L1"));
            FUZZ_CHECK(decoded);
        }
        return 0;
    }
    if (f && f->kind == PeerProtocol::Kind::InventoryResponse) {
        responseDecodes(f->json);
        return 0;
    }
    // parseResponse is public on its own: whatever object the envelope refused.
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (doc.isObject())
        responseDecodes(doc.object());
    return 0;
}
