// The handshake frames (hello, auth, welcome) and the decoders behind them: version vectors,
// the clock claim of a hello or auth, and the clock table of a clock frame. Every decoder also
// gets the members of frames the envelope refused, since each is public on its own.
#include "clock.h"
#include "fuzzsupport.h"
#include "peerprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>

using PeerProtocol::Kind;

namespace {
void vectorRoundTrips(const QJsonValue &value)
{
    auto v = PeerProtocol::vectorFromJson(value);
    if (!v)
        return;
    auto again = PeerProtocol::vectorFromJson(PeerProtocol::vectorToJson(*v));
    FUZZ_CHECK(again);
    FUZZ_CHECK(*again == *v);
}

void clocksRoundTrip(const QJsonValue &value)
{
    auto table = PeerProtocol::clockTableFromJson(value);
    if (!table)
        return;
    auto frame = PeerProtocol::parse(PeerProtocol::clockFrame(*table));
    FUZZ_CHECK(frame && frame->kind == Kind::Clock);
    auto again = PeerProtocol::clockTableFromJson(frame->json.value(QLatin1String("clocks")));
    FUZZ_CHECK(again);
    FUZZ_CHECK(*again == *table);
}

void claimRoundTrips(const QJsonObject &frame)
{
    const auto claim = PeerProtocol::clockOf(frame);
    if (!claim)
        return;
    // What this lane says about its clock reads back as said.
    auto hello = PeerProtocol::parse(PeerProtocol::withMac(
        PeerProtocol::hello(QStringLiteral("L1"), QByteArray(PeerProtocol::NonceBytes, 'n'), claim),
        QByteArray(PeerProtocol::MacBytes, 'm')));
    FUZZ_CHECK(hello && hello->kind == Kind::Hello);
    const auto again = PeerProtocol::clockOf(hello->json);
    FUZZ_CHECK(again);
    FUZZ_CHECK(again->clockMs == claim->clockMs && again->correctionMs == claim->correctionMs &&
               again->stratum == claim->stratum);
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzSupport::init(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = FuzzSupport::bytes(data, size);
    auto f = PeerProtocol::parse(text);
    if (f) {
        const QJsonValue vector = f->json.value(QLatin1String("vector"));
        if (f->kind == Kind::Hello || f->kind == Kind::Auth || f->kind == Kind::Welcome) {
            // What the frame adds to the transcript: length-prefixed fields, and a MAC over it.
            const QByteArray t = PeerProtocol::transcriptOf(f->kind, f->json);
            FUZZ_CHECK(t.size() >= 4);
            FUZZ_CHECK(
                PeerProtocol::handshakeMac("fuzz-store-key-0123", 'S', t, PeerProtocol::Version)
                    .size() == PeerProtocol::MacBytes);
        }
        switch (f->kind) {
        case Kind::Hello:
            FUZZ_CHECK(
                PeerProtocol::isTerminalId(f->json.value(QLatin1String("terminalId")).toString()));
            claimRoundTrips(f->json);
            break;
        case Kind::Auth:
            FUZZ_CHECK(PeerProtocol::vectorFromJson(vector));
            vectorRoundTrips(vector);
            claimRoundTrips(f->json);
            break;
        case Kind::Welcome:
        case Kind::SyncRequest:
            FUZZ_CHECK(PeerProtocol::vectorFromJson(vector));
            vectorRoundTrips(vector);
            break;
        case Kind::OwnHeld: {
            // What was accepted is what this lane would send: it parses back to the same seq.
            const auto seq = qint64(f->json.value(QLatin1String("seq")).toDouble());
            FUZZ_CHECK(seq >= 0);
            auto again = PeerProtocol::parse(PeerProtocol::ownHeld(seq));
            FUZZ_CHECK(again && again->kind == Kind::OwnHeld &&
                       qint64(again->json.value(QLatin1String("seq")).toDouble()) == seq);
            break;
        }
        case Kind::Clock:
            FUZZ_CHECK(PeerProtocol::clockTableFromJson(f->json.value(QLatin1String("clocks"))));
            clocksRoundTrip(f->json.value(QLatin1String("clocks")));
            break;
        default:
            break;
        }
        return 0;
    }
    // Refused by the envelope: the decoders on their own, on whatever the JSON holds.
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (!doc.isObject())
        return 0;
    const QJsonObject o = doc.object();
    vectorRoundTrips(o.value(QLatin1String("vector")));
    vectorRoundTrips(o);
    clocksRoundTrip(o.value(QLatin1String("clocks")));
    clocksRoundTrip(o);
    claimRoundTrips(o);
    return 0;
}
