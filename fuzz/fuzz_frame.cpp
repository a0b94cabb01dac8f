// The frame decoder: every text frame a peer sends goes through PeerProtocol::parse first.
#include "fuzzsupport.h"
#include "peerprotocol.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzSupport::init(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame = FuzzSupport::bytes(data, size);
    auto f = PeerProtocol::parse(frame);
    if (!f) {
        FUZZ_CHECK(!f.error().isEmpty());
        return 0;
    }
    if (f->kind != PeerProtocol::Kind::Message)
        return 0;
    // The payload text the lane stores and relays is a JSON object equal to the one validated.
    QJsonParseError error{};
    const QJsonDocument payload = QJsonDocument::fromJson(f->payload, &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && payload.isObject());
    FUZZ_CHECK(payload.object() == f->message.payload);
    // The envelope survives its own wire form.
    auto again = OutboxMessage::fromWire(f->message.toWire());
    FUZZ_CHECK(again);
    FUZZ_CHECK(again->id == f->message.id && again->fromTerminal == f->message.fromTerminal &&
               again->topic == f->message.topic && again->seq == f->message.seq &&
               again->timestamp == f->message.timestamp && again->payload == f->message.payload);
    return 0;
}
