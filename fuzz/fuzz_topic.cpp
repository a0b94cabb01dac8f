// Each topic's validator: the payload of a message that passed the frame decoder, as the inbox
// checks it before anything is written (Inbox::validate, PeerInbound::check, Inbox::stampedMs).
// The first byte chooses the topic and the relay case; the rest is the payload's JSON text.
#include "fuzzsupport.h"
#include "inbox.h"
#include "peerinbound.h"
#include "peerprotocol.h"
#include "topics.h"
#include "transactionpayload.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzSupport::init(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const QLatin1String topics[] = {
        Topics::Transaction,
        Topics::Inventory,
        Topics::Customer,
        Topics::Employee,
        Topics::ReconciliationRequest,
        Topics::ReconciliationComplete,
        Topics::HeldAccepted,
    };
    constexpr size_t topicCount = sizeof(topics) / sizeof(topics[0]);
    const uint8_t selector = data[0];
    const QJsonDocument doc = QJsonDocument::fromJson(FuzzSupport::bytes(data + 1, size - 1));
    if (!doc.isObject())
        return 0;
    OutboxMessage m;
    m.id = QStringLiteral("6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e6f");
    m.fromTerminal = QStringLiteral("L2");
    m.topic = topics[selector % topicCount];
    m.payload = doc.object();
    m.timestamp = QStringLiteral("2026-11-25T10:00:00.000Z");
    m.seq = (selector / topicCount) % 2 ? 7 : 0;
    const QString peer = (selector / topicCount / 2) % 2 ? QStringLiteral("L3") : m.fromTerminal;

    std::shared_ptr<const SaleRecord> sale;
    const Status valid = Inbox::validate(m, &sale);
    FUZZ_CHECK(valid || !valid.error().isEmpty());
    FUZZ_CHECK(!sale || valid);
    (void)Inbox::stampedMs(m, sale.get());
    std::shared_ptr<const SaleRecord> checked;
    const Status s = PeerInbound::check(m, peer, QStringLiteral("L1"), &checked);
    FUZZ_CHECK(!s || valid); // the peer checks add to the topic's, never replace them

    if (m.topic == Topics::Transaction && sale) {
        // What this lane would send on for the sale decodes to the same sale.
        const QByteArray text = TransactionPayload::serialize(*sale);
        const QJsonDocument again = QJsonDocument::fromJson(text);
        FUZZ_CHECK(again.isObject());
        auto decoded = TransactionPayload::decode(again.object());
        FUZZ_CHECK(decoded);
        FUZZ_CHECK(decoded->id == sale->id && decoded->totalCents == sale->totalCents &&
                   decoded->lines.size() == sale->lines.size() &&
                   decoded->payments.size() == sale->payments.size() &&
                   decoded->hlcMs == sale->hlcMs && decoded->hlcCounter == sale->hlcCounter);
    }
    if (m.topic == Topics::HeldAccepted && valid) {
        auto a = HeldAcceptance::fromJson(m.payload);
        FUZZ_CHECK(a);
        auto again = HeldAcceptance::fromJson(a->toJson());
        FUZZ_CHECK(again);
        FUZZ_CHECK(again->hlcMs == a->hlcMs && again->hlcCounter == a->hlcCounter &&
                   again->messageId == a->messageId);
    }
    return 0;
}
