#include "peerprotocol.h"

#include "clock.h"
#include "idgenerator.h"
#include "jsonwriter.h"
#include "topics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <cmath>

namespace PeerProtocol {
namespace {
constexpr double kMaxExact = 9007199254740992.0;

Result<Frame> fail(const QString &why)
{
    return Result<Frame>::failure(why);
}

bool readBase64(const QJsonObject &o, QLatin1String key, int bytes, QByteArray &out)
{
    const QJsonValue v = o.value(key);
    if (!v.isString())
        return false;
    auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != bytes)
        return false;
    out = decoded.decoded;
    return true;
}

bool isShortString(const QJsonValue &v, int max = 64)
{
    return v.isString() && !v.toString().isEmpty() && v.toString().size() <= max;
}
} // namespace

bool isTerminalId(const QString &id)
{
    // 1 to 32 of [A-Za-z0-9_.-], starting with a letter or digit; by hand, as it runs per message
    if (id.isEmpty() || id.size() > 32)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const char16_t c = id.at(i).unicode();
        const bool alnum =
            (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
        if (!alnum && (i == 0 || (c != u'_' && c != u'.' && c != u'-')))
            return false;
    }
    return true;
}

QByteArray newNonce()
{
    QByteArray nonce(NonceBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(nonce.data()),
                                          NonceBytes / int(sizeof(quint32)));
    return nonce;
}

namespace {
void putField(QByteArray &out, QByteArrayView field)
{
    const auto n = quint32(field.size());
    const char len[4] = {char(n >> 24), char(n >> 16), char(n >> 8), char(n)};
    out.append(len, 4);
    out.append(field);
}

QByteArray decimal(const QJsonValue &v)
{
    return v.isUndefined() ? QByteArray() : QByteArray::number(v.toInteger());
}

void putClockFields(QByteArray &out, const QJsonObject &frame)
{
    const bool has = frame.contains(QLatin1String("clock"));
    putField(out, has ? frame.value(QLatin1String("clock")).toString().toUtf8() : QByteArray());
    putField(out, has ? decimal(frame.value(QLatin1String("clockCorrectionMs"))) : QByteArray());
    putField(out, has ? decimal(frame.value(QLatin1String("clockStratum"))) : QByteArray());
}
} // namespace

QByteArray canonicalVector(const VersionVector &vector)
{
    QByteArray out;
    for (auto it = vector.cbegin(); it != vector.cend(); ++it) {
        if (!out.isEmpty())
            out += ',';
        out += it.key().toUtf8() + '=' + QByteArray::number(it.value());
    }
    return out;
}

QByteArray transcriptOf(Kind kind, const QJsonObject &frame)
{
    QByteArray out;
    switch (kind) {
    case Kind::Hello:
        putField(out, frame.value(QLatin1String("terminalId")).toString().toUtf8());
        putField(out,
                 QByteArray::fromBase64(frame.value(QLatin1String("nonce")).toString().toLatin1()));
        if (frame.value(QLatin1String("protocol")).toInt() == Version)
            putField(out, publicKeyOf(frame));
        putClockFields(out, frame);
        break;
    case Kind::Auth:
        putField(out, canonicalVector(
                          vectorFromJson(frame.value(QLatin1String("vector"))).value_or({})));
        putClockFields(out, frame);
        break;
    case Kind::Welcome:
        putField(out, canonicalVector(
                          vectorFromJson(frame.value(QLatin1String("vector"))).value_or({})));
        break;
    default:
        break;
    }
    return out;
}

QByteArray handshakeMac(const QByteArray &key, char role, const QByteArray &transcript, int version)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(QByteArrayLiteral("euphoria-lane/") + QByteArray::number(version));
    mac.addData(QByteArray(1, role));
    mac.addData(transcript);
    return mac.result();
}

bool equalConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QJsonObject vectorToJson(const VersionVector &vector)
{
    QJsonObject o;
    for (auto it = vector.cbegin(); it != vector.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

Result<VersionVector> vectorFromJson(const QJsonValue &value)
{
    using R = Result<VersionVector>;
    if (!value.isObject())
        return R::failure(QStringLiteral("vector must be an object of terminal id to seq"));
    const QJsonObject o = value.toObject();
    if (o.size() > 1000)
        return R::failure(QStringLiteral("vector has more than 1000 lanes"));
    VersionVector v;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const double d = it.value().toDouble(-1);
        if (!isTerminalId(it.key()) || !it.value().isDouble() || d < 0 || d > kMaxExact ||
            d != double(qint64(d)))
            return R::failure(
                QStringLiteral("vector entry %1 must be a terminal id with a seq >= 0")
                    .arg(it.key().left(40)));
        v.insert(it.key(), qint64(d));
    }
    return v;
}

namespace {
// Scanning of JSON text already accepted by QJsonDocument (so well formed): finds where a
// top-level member's value starts and ends without building anything.
qsizetype skipSpace(const QByteArray &s, qsizetype i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        ++i;
    return i;
}

qsizetype skipString(const QByteArray &s, qsizetype i) // at the opening quote
{
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return -1;
}

qsizetype skipValue(const QByteArray &s, qsizetype i)
{
    if (i >= s.size())
        return -1;
    if (s[i] == '"')
        return skipString(s, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '"') {
                i = skipString(s, i);
                if (i < 0)
                    return -1;
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            ++i;
        }
        return -1;
    }
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' &&
           s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
        ++i;
    return i;
}
} // namespace

QByteArray rawMember(const QByteArray &json, const QByteArray &key)
{
    const QByteArray quoted = '"' + key + '"';
    qsizetype i = skipSpace(json, 0);
    if (i >= json.size() || json[i] != '{')
        return {};
    QByteArray found;
    bool twice = false;
    i = skipSpace(json, i + 1);
    while (i < json.size() && json[i] == '"') {
        const qsizetype keyEnd = skipString(json, i);
        if (keyEnd < 0)
            return {};
        const bool match =
            keyEnd - i == quoted.size() && QByteArrayView(json).sliced(i, quoted.size()) == quoted;
        if (QByteArrayView(json).sliced(i, keyEnd - i).contains('\\'))
            twice = true; // an escaped key may spell the same name
        i = skipSpace(json, keyEnd);
        if (i >= json.size() || json[i] != ':')
            return {};
        const qsizetype start = skipSpace(json, i + 1);
        const qsizetype end = skipValue(json, start);
        if (end < 0)
            return {};
        if (match) {
            twice = twice || !found.isNull();
            found = json.sliced(start, end - start);
        }
        i = skipSpace(json, end);
        if (i < json.size() && json[i] == ',')
            i = skipSpace(json, i + 1);
    }
    // A key written twice (or with escapes) is left to the parser's reading of it.
    return twice ? QByteArray() : found;
}

namespace {
void putClock(QJsonObject &o, const std::optional<ClockClaim> &clock)
{
    if (!clock)
        return;
    o.insert(QStringLiteral("clock"), Clock::msToIso(clock->clockMs));
    o.insert(QStringLiteral("clockCorrectionMs"), clock->correctionMs);
    o.insert(QStringLiteral("clockStratum"), clock->stratum);
}

// Checks the clock members of a hello or auth; empty when they are absent or well-formed.
QString clockError(const QJsonObject &o)
{
    if (!o.contains(QLatin1String("clock"))) {
        if (o.contains(QLatin1String("clockCorrectionMs")) ||
            o.contains(QLatin1String("clockStratum")))
            return QStringLiteral("clockCorrectionMs and clockStratum come only with clock");
        return {};
    }
    const auto ms = Clock::isoMs(o.value(QLatin1String("clock")).toString());
    const QJsonValue correction = o.value(QLatin1String("clockCorrectionMs"));
    const QJsonValue stratum = o.value(QLatin1String("clockStratum"));
    constexpr double kCentury = 100.0 * 366 * 86400 * 1000;
    if (!ms)
        return QStringLiteral("clock must be an ISO 8601 UTC time");
    if (!correction.isDouble() || correction.toDouble() != double(correction.toInteger()) ||
        std::abs(correction.toDouble()) > kCentury)
        return QStringLiteral("clockCorrectionMs must be an integer");
    if (!stratum.isDouble() || stratum.toDouble() != double(stratum.toInt()) ||
        stratum.toInt() < 0 || stratum.toInt() > 16)
        return QStringLiteral("clockStratum must be an integer from 0 to 16");
    return {};
}
} // namespace

Result<ClockTable> clockTableFromJson(const QJsonValue &value)
{
    using R = Result<ClockTable>;
    constexpr double kCentury = 100.0 * 366 * 86400 * 1000;
    constexpr qsizetype kMaxLanes = 256;
    if (!value.isObject())
        return R::failure(QStringLiteral("clocks must be an object"));
    const QJsonObject o = value.toObject();
    if (o.size() > kMaxLanes)
        return R::failure(QStringLiteral("clocks names more than %1 lanes").arg(kMaxLanes));
    ClockTable table;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const double d = it.value().toDouble();
        if (!isTerminalId(it.key()))
            return R::failure(
                QStringLiteral("clocks: \"%1\" is not a terminal id").arg(it.key().left(40)));
        if (!it.value().isDouble() || d != std::floor(d) || std::abs(d) > kCentury)
            return R::failure(
                QStringLiteral("clocks: the offset of %1 must be an integer number of ms "
                               "within a century")
                    .arg(it.key()));
        table.insert(it.key(), qint64(d));
    }
    return table;
}

Result<Frame> parse(const QByteArray &utf8)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("invalid JSON at offset %1: %2")
                        .arg(error.offset)
                        .arg(error.errorString()));
    if (!doc.isObject())
        return fail(QStringLiteral("frame is not a JSON object"));
    Frame f;
    f.json = doc.object();
    const QJsonValue type = f.json.value(QLatin1String("type"));
    if (type.isUndefined()) {
        if (!f.json.contains(QLatin1String("id")))
            return fail(QStringLiteral("frame has neither a type nor a message id"));
        auto m = OutboxMessage::fromWire(f.json);
        if (!m)
            return fail(m.error());
        if (!isTerminalId(m->fromTerminal))
            return fail(QStringLiteral("fromTerminal is not a terminal id"));
        // An unknown topic is the message's problem, not the frame's: refused with a reject.
        f.kind = Kind::Message;
        f.message = *m;
        // Stored and relayed as the origin wrote it (re-serializing it was 10% of a
        // catch-up); written again only when the text cannot be used as it is.
        f.payload = rawMember(utf8, QByteArrayLiteral("payload"));
        if (f.payload.isEmpty() || f.payload.front() != '{')
            f.payload = compact(m->payload);
        return f;
    }
    if (!type.isString())
        return fail(QStringLiteral("type must be a string"));
    const QString t = type.toString();
    QByteArray bytes;
    if (t == QLatin1String("hello")) {
        const QJsonValue protocol = f.json.value(QLatin1String("protocol"));
        if (!protocol.isDouble() || protocol.toDouble() != double(protocol.toInt()))
            return fail(QStringLiteral("hello: protocol must be an integer"));
        if (!isTerminalId(f.json.value(QLatin1String("terminalId")).toString()))
            return fail(QStringLiteral("hello: terminalId is not a terminal id"));
        if (!readBase64(f.json, QLatin1String("nonce"), NonceBytes, bytes))
            return fail(QStringLiteral("hello: nonce must be %1 bytes of base64").arg(NonceBytes));
        if (f.json.contains(QLatin1String("mac")) &&
            !readBase64(f.json, QLatin1String("mac"), MacBytes, bytes))
            return fail(QStringLiteral("hello: mac must be 32 bytes of base64"));
        if (protocol.toInt() == Version &&
            !readBase64(f.json, QLatin1String("key"), KeyBytes, bytes))
            return fail(QStringLiteral("hello: key must be %1 bytes of base64").arg(KeyBytes));
        if (const QString e = clockError(f.json); !e.isEmpty())
            return fail(QStringLiteral("hello: ") + e);
        f.kind = Kind::Hello;
    } else if (t == QLatin1String("auth")) {
        if (!readBase64(f.json, QLatin1String("mac"), MacBytes, bytes))
            return fail(QStringLiteral("auth: mac must be 32 bytes of base64"));
        if (auto v = vectorFromJson(f.json.value(QLatin1String("vector"))); !v)
            return fail(QStringLiteral("auth: ") + v.error());
        if (const QString e = clockError(f.json); !e.isEmpty())
            return fail(QStringLiteral("auth: ") + e);
        f.kind = Kind::Auth;
    } else if (t == QLatin1String("welcome") || t == QLatin1String("sync_request")) {
        if (auto v = vectorFromJson(f.json.value(QLatin1String("vector"))); !v)
            return fail(t + QStringLiteral(": ") + v.error());
        f.kind = t == QLatin1String("welcome") ? Kind::Welcome : Kind::SyncRequest;
        if (f.kind == Kind::Welcome && !readBase64(f.json, QLatin1String("mac"), MacBytes, bytes))
            return fail(QStringLiteral("welcome: mac must be 32 bytes of base64"));
    } else if (t == QLatin1String("error")) {
        f.kind = Kind::Error;
    } else if (t == QLatin1String("ack")) {
        const QJsonValue id = f.json.value(QLatin1String("messageId"));
        if (!id.isString() || !IdGenerator::isUuid(id.toString()))
            return fail(QStringLiteral("ack: messageId must be a UUID"));
        f.kind = Kind::Ack;
    } else if (t == QLatin1String("reject")) {
        const QJsonValue id = f.json.value(QLatin1String("messageId"));
        const QJsonValue reason = f.json.value(QLatin1String("reason"));
        if (!id.isString() || !IdGenerator::isUuid(id.toString()))
            return fail(QStringLiteral("reject: messageId must be a UUID"));
        if (!reason.isString() || reason.toString().size() > MaxReasonChars)
            return fail(QStringLiteral("reject: reason must be a string of at most %1 characters")
                            .arg(MaxReasonChars));
        if (!f.json.value(QLatin1String("permanent")).isBool())
            return fail(QStringLiteral("reject: permanent must be true or false"));
        f.kind = Kind::Reject;
    } else if (t == QLatin1String("inventory_request")) {
        if (!isShortString(f.json.value(QLatin1String("requestId"))))
            return fail(QStringLiteral("inventory_request: requestId must be a string"));
        if (!Clock::fromIso(f.json.value(QLatin1String("timestamp")).toString()).isValid())
            return fail(QStringLiteral("inventory_request: timestamp must be ISO 8601"));
        f.kind = Kind::InventoryRequest;
    } else if (t == QLatin1String("inventory_response")) {
        if (!isShortString(f.json.value(QLatin1String("requestId"))))
            return fail(QStringLiteral("inventory_response: requestId must be a string"));
        if (!Clock::fromIso(f.json.value(QLatin1String("timestamp")).toString()).isValid())
            return fail(QStringLiteral("inventory_response: timestamp must be ISO 8601"));
        const QJsonValue inventory = f.json.value(QLatin1String("inventory"));
        if (!inventory.isArray())
            return fail(QStringLiteral("inventory_response: inventory must be an array"));
        for (const QJsonValue &row : inventory.toArray()) {
            const QJsonObject r = row.toObject();
            const double stock = r.value(QLatin1String("currentStock")).toDouble(kMaxExact * 2);
            const double reserved = r.value(QLatin1String("reservedStock")).toDouble(-1);
            if (!row.isObject() || !isShortString(r.value(QLatin1String("productId"))) ||
                std::abs(stock) > kMaxExact || stock != double(qint64(stock)) || reserved < 0 ||
                reserved > kMaxExact || reserved != double(qint64(reserved)) ||
                !Clock::fromIso(r.value(QLatin1String("lastUpdated")).toString()).isValid())
                return fail(QStringLiteral("inventory_response: each row needs productId, "
                                           "integer currentStock and reservedStock, lastUpdated"));
        }
        f.kind = Kind::InventoryResponse;
    } else if (t == QLatin1String("own_held")) {
        const QJsonValue seq = f.json.value(QLatin1String("seq"));
        if (!seq.isDouble() || seq.toDouble() < 0 || seq.toDouble() > kMaxExact ||
            seq.toDouble() != double(qint64(seq.toDouble())))
            return fail(QStringLiteral("own_held: seq must be a non-negative integer"));
        f.kind = Kind::OwnHeld;
    } else if (t == QLatin1String("clock")) {
        if (auto c = clockTableFromJson(f.json.value(QLatin1String("clocks"))); !c)
            return fail(QStringLiteral("clock: ") + c.error());
        f.kind = Kind::Clock;
    } else {
        return fail(QStringLiteral("unknown frame type \"%1\"").arg(t.left(40)));
    }
    return f;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray clockFrame(const ClockTable &clocks)
{
    QJsonObject o;
    for (auto it = clocks.cbegin(); it != clocks.cend(); ++it)
        o.insert(it.key(), it.value());
    return compact(
        {{QStringLiteral("type"), QStringLiteral("clock")}, {QStringLiteral("clocks"), o}});
}

std::optional<ClockClaim> clockOf(const QJsonObject &frame)
{
    if (!frame.contains(QLatin1String("clock")) || !clockError(frame).isEmpty())
        return std::nullopt;
    return ClockClaim{*Clock::isoMs(frame.value(QLatin1String("clock")).toString()),
                      frame.value(QLatin1String("clockCorrectionMs")).toInteger(),
                      frame.value(QLatin1String("clockStratum")).toInt()};
}

QByteArray publicKeyOf(const QJsonObject &hello)
{
    return QByteArray::fromBase64(hello.value(QLatin1String("key")).toString().toLatin1());
}

QJsonObject hello(const QString &terminalId, const QByteArray &nonce,
                  const std::optional<ClockClaim> &clock, const QByteArray &publicKey)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("hello")},
                  {QStringLiteral("protocol"), publicKey.isEmpty() ? PlaintextVersion : Version},
                  {QStringLiteral("terminalId"), terminalId},
                  {QStringLiteral("nonce"), QString::fromLatin1(nonce.toBase64())}};
    if (!publicKey.isEmpty())
        o.insert(QStringLiteral("key"), QString::fromLatin1(publicKey.toBase64()));
    putClock(o, clock);
    return o;
}

QJsonObject auth(const VersionVector &vector, const std::optional<ClockClaim> &clock)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("auth")},
                  {QStringLiteral("vector"), vectorToJson(vector)}};
    putClock(o, clock);
    return o;
}

QJsonObject welcome(const VersionVector &vector)
{
    return {{QStringLiteral("type"), QStringLiteral("welcome")},
            {QStringLiteral("vector"), vectorToJson(vector)}};
}

QByteArray withMac(QJsonObject frame, const QByteArray &mac)
{
    frame.insert(QStringLiteral("mac"), QString::fromLatin1(mac.toBase64()));
    return compact(frame);
}

QByteArray error(const QString &reason)
{
    return compact(
        {{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("reason"), reason}});
}

QByteArray ack(const QString &messageId)
{
    // One per received message: written directly, in the seed's key order.
    JsonWriter w(32 + messageId.size());
    w.beginObject()
        .member(QLatin1String("type"), QLatin1String("ack"))
        .member(QLatin1String("messageId"), messageId)
        .endObject();
    return w.bytes();
}

QByteArray reject(const QString &messageId, const QString &reason, bool permanent)
{
    return compact({{QStringLiteral("type"), QStringLiteral("reject")},
                    {QStringLiteral("messageId"), messageId},
                    {QStringLiteral("reason"), reason.left(MaxReasonChars)},
                    {QStringLiteral("permanent"), permanent}});
}

QByteArray ownHeld(qint64 seq)
{
    return compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("own_held")},
                               {QStringLiteral("seq"), seq}});
}

QByteArray syncRequest(const VersionVector &vector, bool own)
{
    QJsonObject frame{{QStringLiteral("type"), QStringLiteral("sync_request")},
                      {QStringLiteral("vector"), vectorToJson(vector)}};
    if (own)
        frame.insert(QStringLiteral("own"), true);
    return compact(frame);
}
} // namespace PeerProtocol
