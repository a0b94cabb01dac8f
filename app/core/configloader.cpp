#include "configloader.h"

#include "moneyformat.h"
#include "printerlink.h"
#include "storekey.h"

#include "peerprotocol.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QUrl>

#include <cmath>

namespace {
const QList<ConfigLoader::Key> kKeys = {
    {"terminalId", "EUPHORIA_TERMINAL_ID", "terminal-id",
     "This lane's id, unique in the store (letters, digits, - _ .). Default L1.", false},
    {"terminalPort", "EUPHORIA_TERMINAL_PORT", "terminal-port",
     "Port of this lane's peer WebSocket server (0: any free port, written to "
     "<dataDir>/lane-<id>.port). Default 8123.",
     false},
    {"peerTerminals", "EUPHORIA_PEER_TERMINALS", "peer-terminals",
     "Peer lanes to connect to: ws:// URLs, comma-separated (the link is encrypted by the "
     "protocol itself). Default none.",
     false},
    {"supabaseUrl", "EUPHORIA_SUPABASE_URL", "supabase-url",
     "Supabase project URL for cloud sync. Default none (cloud off).", false},
    {"supabaseServiceKey", "EUPHORIA_SUPABASE_SERVICE_KEY", "supabase-service-key",
     "Supabase service-role key (secret), used only with cloudUseServiceKey; lanes use "
     "cloudCredential.",
     true},
    // The file before the value: a credential given directly wins over the file.
    {"cloudCredentialFile", "EUPHORIA_CLOUD_CREDENTIAL_FILE", "cloud-credential-file",
     "File holding this lane's cloud credential; must not be readable by group or others "
     "(mode 0600).",
     false},
    {"cloudCredential", "EUPHORIA_CLOUD_CREDENTIAL", "cloud-credential",
     "This lane's own credential for the cloud (secret, elc1.<lane id>.<secret> from "
     "tools/cloud-dev enroll). Prefer the file or the environment variable.",
     true},
    {"cloudUseServiceKey", "EUPHORIA_CLOUD_USE_SERVICE_KEY", "cloud-use-service-key",
     "true: authenticate to the cloud with supabaseServiceKey instead of a lane credential "
     "(the seed's way; the key opens the whole project). Default false.",
     false},
    {"dataDir", "EUPHORIA_DATA_DIR", "data-dir",
     "Directory of the lane's database. Default: the user's data directory.", false},
    {"sqliteSynchronous", "EUPHORIA_SQLITE_SYNCHRONOUS", "sqlite-synchronous",
     "SQLite synchronous mode: FULL (default; a completed sale survives power loss) or NORMAL.",
     false},
    {"sessionIdleSeconds", "EUPHORIA_SESSION_IDLE_SECONDS", "session-idle-seconds",
     "Seconds without activity before the session locks; 0 never. Default 300.", false},
    {"storeKeyFile", "EUPHORIA_STORE_KEY_FILE", "store-key-file",
     "File holding the store key, or several (one per line, the newest first, while a key is "
     "rolled); must not be readable by group or others (mode 0600).",
     false},
    {"storeKey", "EUPHORIA_STORE_KEY", "store-key",
     "Secret of the store's lanes: 32 to 128 hex digits of random bits (euphoria-lane "
     "--new-store-key makes one); several comma-separated, the newest first, while a key is "
     "rolled. Peers prove they know it and derive their link's keys from it. Prefer the key "
     "file.",
     true},
    {"plaintextPeers", "EUPHORIA_PLAINTEXT_PEERS", "plaintext-peers",
     "Peers served without encryption (protocol 2), for a seed-only peer on a trusted link: "
     "ws:// URLs of peerTerminals to dial so, and terminal ids that may connect so; "
     "comma-separated. Default none.",
     false},
    {"bindAddress", "EUPHORIA_BIND_ADDRESS", "bind-address",
     "Address the peer server listens on. Default all interfaces (0.0.0.0).", false},
    {"listenFd", "EUPHORIA_LISTEN_FD", "listen-fd",
     "Serve peers on this already listening socket instead of binding terminalPort (socket "
     "activation; the descriptor is inherited). Default none.",
     false},
    {"peerBackoffInitialMs", "EUPHORIA_PEER_BACKOFF_INITIAL_MS", "peer-backoff-initial-ms",
     "First reconnect delay to a peer, doubling on each failure. Default 1000.", false},
    {"peerBackoffMaxMs", "EUPHORIA_PEER_BACKOFF_MAX_MS", "peer-backoff-max-ms",
     "Longest reconnect delay to a peer. Default 60000.", false},
    {"peerMaxFramesPerSecond", "EUPHORIA_PEER_MAX_FRAMES_PER_SECOND", "peer-max-frames-per-second",
     "Frames a peer connection may send per second before it is closed as a flood. "
     "Default 50000.",
     false},
    {"peerInventoryRequestsPerMinute", "EUPHORIA_PEER_INVENTORY_REQUESTS_PER_MINUTE",
     "peer-inventory-requests-per-minute",
     "inventory_request answers a peer lane gets per minute (also its burst), one at a time; "
     "more are refused. Default 6.",
     false},
    {"maxClockSkewSeconds", "EUPHORIA_MAX_CLOCK_SKEW_SECONDS", "max-clock-skew-seconds",
     "A peer's clock this far ahead of ours does not move our clock forward. Default 300.", false},
    {"reconcileFirstSeconds", "EUPHORIA_RECONCILE_FIRST_SECONDS", "reconcile-first-seconds",
     "Seconds after start of the first inventory reconciliation. Default 30.", false},
    {"reconcileIntervalSeconds", "EUPHORIA_RECONCILE_INTERVAL_SECONDS",
     "reconcile-interval-seconds",
     "Seconds between scheduled inventory reconciliations; 0 only on demand. Default 600.", false},
    {"reconcileTimeoutSeconds", "EUPHORIA_RECONCILE_TIMEOUT_SECONDS", "reconcile-timeout-seconds",
     "Seconds to wait for peers' inventory answers and for catch-up. Default 10.", false},
    {"storeId", "EUPHORIA_STORE_ID", "store-id",
     "The store this lane belongs to, sent with every cloud upload. Default store-1.", false},
    {"currency", "EUPHORIA_CURRENCY", "currency",
     "The store's currency, an ISO 4217 code (USD, EUR, JPY, KWD ...); amounts are kept in its "
     "minor unit and shown in the UI language's way. Default USD.",
     false},
    {"cashApprovalLimit", "EUPHORIA_CASH_APPROVAL_LIMIT", "cash-approval-limit",
     "Paid in or paid out above this amount (in the currency's minor unit, e.g. cents) needs a "
     "manager's PIN. Default 5000.",
     false},
    {"printer", "EUPHORIA_PRINTER", "printer",
     "Receipt printer (ESC/POS): tcp://host[:port] (port 9100 by default), device:/dev/usb/lp0 "
     "or an absolute path. Default none (receipts as PDF only).",
     false},
    {"printerColumns", "EUPHORIA_PRINTER_COLUMNS", "printer-columns",
     "Characters per line on the receipt printer, 32 to 64 (48: 80 mm roll, 32: 58 mm). "
     "Default 48.",
     false},
    {"printerRetrySeconds", "EUPHORIA_PRINTER_RETRY_SECONDS", "printer-retry-seconds",
     "Seconds between tries while the receipt printer is off or out of paper. Default 10.", false},
    {"cloudIntervalSeconds", "EUPHORIA_CLOUD_INTERVAL_SECONDS", "cloud-interval-seconds",
     "Seconds between cloud uploads (sooner when a batch fills up). Default 30.", false},
    {"catalogPollSeconds", "EUPHORIA_CATALOG_POLL_SECONDS", "catalog-poll-seconds",
     "Seconds between polls of head office's catalog changes (also at start); 0: at start only. "
     "Default 300.",
     false},
    {"cloudBatchSize", "EUPHORIA_CLOUD_BATCH_SIZE", "cloud-batch-size",
     "Messages per cloud request, 1 to 500. Default 200.", false},
    {"cloudTimeoutSeconds", "EUPHORIA_CLOUD_TIMEOUT_SECONDS", "cloud-timeout-seconds",
     "Seconds one cloud request may take before it counts as unreachable. Default 20.", false},
    {"cloudParallelRequests", "EUPHORIA_CLOUD_PARALLEL_REQUESTS", "cloud-parallel-requests",
     "Cloud requests in flight at once, each with its own batch, 1 to 8. Default 4.", false},
    {"maxRetries", "EUPHORIA_MAX_RETRIES", "max-retries",
     "Cloud rejections of a message before it is marked failed. Default 3.", false},
    {"cloudRetrySeconds", "EUPHORIA_CLOUD_RETRY_SECONDS", "cloud-retry-seconds",
     "Wait before sending a rejected message again, doubling per rejection. Default 60.", false},
    {"cloudPendingAfterSeconds", "EUPHORIA_CLOUD_PENDING_AFTER_SECONDS",
     "cloud-pending-after-seconds",
     "A message no peer has acked goes to the cloud after this many seconds. Default 60.", false},
    {"cloudRelayAfterSeconds", "EUPHORIA_CLOUD_RELAY_AFTER_SECONDS", "cloud-relay-after-seconds",
     "Upload other lanes' messages when their lane has been quiet this long; 0 never. "
     "Default 3600.",
     false},
};

// The integer settings: their range and where they go.
struct IntegerKey
{
    const char *name;
    qint64 min;
    qint64 max;
    int LaneConfig::*field;
};
const IntegerKey kIntegerKeys[] = {
    {"terminalPort", 0, 65535, &LaneConfig::terminalPort},
    {"listenFd", 3, 1 << 20, &LaneConfig::listenFd},
    {"peerBackoffInitialMs", 10, 600000, &LaneConfig::peerBackoffInitialMs},
    {"peerBackoffMaxMs", 100, 3600000, &LaneConfig::peerBackoffMaxMs},
    {"peerMaxFramesPerSecond", 10, 10000000, &LaneConfig::peerMaxFramesPerSecond},
    {"peerInventoryRequestsPerMinute", 1, 6000, &LaneConfig::peerInventoryRequestsPerMinute},
    {"maxClockSkewSeconds", 1, 86400, &LaneConfig::maxClockSkewSeconds},
    {"reconcileFirstSeconds", 0, 86400, &LaneConfig::reconcileFirstSeconds},
    {"reconcileIntervalSeconds", 0, 7 * 86400, &LaneConfig::reconcileIntervalSeconds},
    {"reconcileTimeoutSeconds", 1, 600, &LaneConfig::reconcileTimeoutSeconds},
    {"sessionIdleSeconds", 0, 86400, &LaneConfig::sessionIdleSeconds},
    {"cloudIntervalSeconds", 1, 86400, &LaneConfig::cloudIntervalSeconds},
    {"cloudBatchSize", 1, 500, &LaneConfig::cloudBatchSize},
    {"catalogPollSeconds", 0, 86400, &LaneConfig::catalogPollSeconds},
    {"cashApprovalLimit", 0, 1000000000, &LaneConfig::cashApprovalLimit},
    {"cloudTimeoutSeconds", 1, 600, &LaneConfig::cloudTimeoutSeconds},
    {"cloudParallelRequests", 1, 8, &LaneConfig::cloudParallelRequests},
    {"maxRetries", 1, 100, &LaneConfig::maxRetries},
    {"cloudRetrySeconds", 1, 86400, &LaneConfig::cloudRetrySeconds},
    {"cloudPendingAfterSeconds", 0, 7 * 86400, &LaneConfig::cloudPendingAfterSeconds},
    {"cloudRelayAfterSeconds", 0, 30 * 86400, &LaneConfig::cloudRelayAfterSeconds},
    {"printerColumns", 32, 64, &LaneConfig::printerColumns},
    {"printerRetrySeconds", 1, 3600, &LaneConfig::printerRetrySeconds},
};

// A raw value from one source: a JSON value from the file, or a string from env or flag.
struct Raw
{
    QJsonValue json;
    bool fromText = false;
    QString where; // "settings.local.json: key \"x\"", "environment variable X", "--flag"
};

QString describe(const Raw &raw, bool secret)
{
    if (secret)
        return QString();
    if (raw.fromText)
        return QStringLiteral(", got \"%1\"").arg(raw.json.toString());
    return QStringLiteral(", got %1")
        .arg(QString::fromUtf8(QJsonDocument(QJsonArray{raw.json}).toJson(QJsonDocument::Compact))
                 .mid(1)
                 .chopped(1));
}

Result<QString> asString(const Raw &raw, bool secret)
{
    if (!raw.json.isString())
        return Result<QString>::failure(raw.where + QStringLiteral(": expected a string") +
                                        describe(raw, secret));
    return raw.json.toString();
}

// A list from a comma-separated text (environment, flag; in the file too when stringOk) or a
// JSON array of strings (file).
Result<QStringList> asStringList(const Raw &raw, bool secret, const QString &what,
                                 bool stringOk = false)
{
    QStringList items;
    if (raw.fromText || (stringOk && raw.json.isString())) {
        for (const QString &part : raw.json.toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!part.trimmed().isEmpty())
                items.append(part.trimmed());
    } else if (raw.json.isArray()) {
        for (const QJsonValue &v : raw.json.toArray()) {
            if (!v.isString())
                return Result<QStringList>::failure(
                    raw.where + QStringLiteral(": expected an array of strings") +
                    describe(raw, secret));
            items.append(v.toString().trimmed());
        }
    } else {
        return Result<QStringList>::failure(raw.where + QStringLiteral(": expected ") + what +
                                            describe(raw, secret));
    }
    return items;
}

// A file holding a secret: it must exist and be readable by its owner only (mode 0600).
Result<QByteArray> readSecretFile(const QString &path, const QString &where, qint64 maxBytes)
{
    using R = Result<QByteArray>;
    QFile f(path);
    if (!f.exists())
        return R::failure(where + QStringLiteral(": no such file %1").arg(path));
    if (f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                           QFileDevice::WriteGroup | QFileDevice::WriteOther))
        return R::failure(where + QStringLiteral(": %1 is readable or writable by others; run "
                                                 "chmod 600 on it")
                                      .arg(path));
    if (!f.open(QIODevice::ReadOnly))
        return R::failure(where +
                          QStringLiteral(": cannot read %1: %2").arg(path, f.errorString()));
    return f.read(maxBytes);
}

// The store keys as the lane uses them, lower-cased (one key whatever its case, PROTOCOL.md
// §1): each strong, at most StoreKey::MaxKeys, none twice. The message never shows a key.
Result<QStringList> storeKeysFrom(const QStringList &keys, const QString &where)
{
    using R = Result<QStringList>;
    if (keys.size() > StoreKey::MaxKeys)
        return R::failure(where + QStringLiteral(": at most %1 store keys at once (got %2)")
                                      .arg(StoreKey::MaxKeys)
                                      .arg(keys.size()));
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QString weak = StoreKey::weakness(keys.at(i));
        const QString which = keys.size() > 1
                                  ? QStringLiteral("store key %1 of %2").arg(i + 1).arg(keys.size())
                                  : QStringLiteral("the store key");
        if (!weak.isEmpty())
            return R::failure(where + QStringLiteral(": %1 is weak: it is %2; make one with "
                                                     "euphoria-lane --new-store-key")
                                          .arg(which, weak));
        bool twice = false;
        for (qsizetype j = 0; j < i && !twice; ++j)
            twice = keys.at(j).compare(keys.at(i), Qt::CaseInsensitive) == 0;
        if (twice)
            return R::failure(where + QStringLiteral(": %1 is listed twice").arg(which));
    }
    QStringList lower;
    for (const QString &key : keys)
        lower.append(key.toLower());
    return lower;
}

Result<qint64> asInteger(const Raw &raw, qint64 min, qint64 max)
{
    qint64 v = 0;
    bool ok = false;
    if (raw.fromText) {
        v = raw.json.toString().trimmed().toLongLong(&ok);
    } else if (raw.json.isDouble()) {
        // Range first: converting a double beyond qint64 (1e50) is undefined behaviour.
        const double d = raw.json.toDouble();
        ok = d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == std::floor(d);
        v = ok ? qint64(d) : 0;
    }
    if (!ok || v < min || v > max)
        return Result<qint64>::failure(
            raw.where + QStringLiteral(": expected an integer from %1 to %2").arg(min).arg(max) +
            describe(raw, false));
    return v;
}

Result<bool> asBool(const Raw &raw)
{
    if (raw.json.isBool())
        return raw.json.toBool();
    if (raw.fromText) {
        const QString t = raw.json.toString().trimmed().toLower();
        if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes"))
            return true;
        if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no"))
            return false;
    }
    return Result<bool>::failure(raw.where + QStringLiteral(": expected true or false") +
                                 describe(raw, false));
}

// A lane credential from a setting or a file: well formed, or an error that names where it came
// from and never shows it.
Result<QString> credential(const QString &value, const QString &where)
{
    if (!CloudAuth::isCredential(value))
        return Result<QString>::failure(
            where + QStringLiteral(": not a lane credential (expected elc1.<lane id>.<secret> as "
                                   "tools/cloud-dev enroll prints it)"));
    return value;
}

Status applyCloudKey(LaneConfig &c, QLatin1String name, const Raw &raw)
{
    if (name == QLatin1String("cloudCredential")) {
        auto s = asString(raw, true);
        if (!s)
            return Status::from(s);
        const QString value = s->trimmed();
        if (value.isEmpty())
            return {}; // not given: a credential file, if any, stays
        auto v = credential(value, raw.where);
        if (!v)
            return Status::from(v);
        c.cloudCredential = *v;
    } else if (name == QLatin1String("cloudCredentialFile")) {
        auto s = asString(raw, false);
        if (!s)
            return Status::from(s);
        auto text = readSecretFile(*s, raw.where, 4096);
        if (!text)
            return Status::from(text);
        auto v = credential(QString::fromUtf8(*text).trimmed(),
                            raw.where + QStringLiteral(": %1").arg(*s));
        if (!v)
            return Status::from(v);
        c.cloudCredential = *v;
        c.cloudCredentialFile = *s;
    } else if (name == QLatin1String("cloudUseServiceKey")) {
        auto b = asBool(raw);
        if (!b)
            return Status::from(b);
        c.cloudUseServiceKey = *b;
    }
    return {};
}

Status applyKey(LaneConfig &c, const ConfigLoader::Key &key, const Raw &raw)
{
    const QLatin1String name(key.name);
    for (const IntegerKey &k : kIntegerKeys) {
        if (name == QLatin1String(k.name)) {
            auto v = asInteger(raw, k.min, k.max);
            if (!v)
                return Status::from(v);
            c.*k.field = int(*v);
            return {};
        }
    }
    if (name == QLatin1String("terminalId") || name == QLatin1String("storeId")) {
        auto s = asString(raw, false);
        if (!s)
            return Status::from(s);
        if (!PeerProtocol::isTerminalId(*s))
            return Status::failure(raw.where +
                                   QStringLiteral(": expected 1 to 32 letters, digits, '-', '_' "
                                                  "or '.' starting with a letter or digit") +
                                   describe(raw, false));
        (name == QLatin1String("storeId") ? c.storeId : c.terminalId) = *s;
    } else if (name == QLatin1String("peerTerminals")) {
        auto urls = asStringList(raw, false, QStringLiteral("an array of ws:// URLs"));
        if (!urls)
            return Status::from(urls);
        for (const QString &u : *urls) {
            const QUrl url(u, QUrl::StrictMode);
            if (url.scheme() == QLatin1String("wss"))
                return Status::failure(raw.where +
                                       QStringLiteral(": \"%1\": lanes do not serve wss://; the "
                                                      "peer protocol encrypts the link itself, "
                                                      "use ws://")
                                           .arg(u));
            if (!url.isValid() || url.host().isEmpty() || url.scheme() != QLatin1String("ws") ||
                url.port(1) < 1)
                return Status::failure(
                    raw.where + QStringLiteral(": \"%1\" is not a ws:// URL with a host").arg(u));
        }
        c.peerTerminals = *urls;
    } else if (name == QLatin1String("plaintextPeers")) {
        auto peers =
            asStringList(raw, false, QStringLiteral("an array of ws:// URLs and terminal ids"));
        if (!peers)
            return Status::from(peers);
        for (const QString &p : *peers) {
            const QUrl url(p, QUrl::StrictMode);
            const bool isUrl = url.scheme() == QLatin1String("ws") && !url.host().isEmpty();
            if (!isUrl && !PeerProtocol::isTerminalId(p))
                return Status::failure(raw.where +
                                       QStringLiteral(": \"%1\" is neither a ws:// URL nor a "
                                                      "terminal id")
                                           .arg(p.left(100)));
        }
        c.plaintextPeers = *peers;
    } else if (name == QLatin1String("supabaseUrl")) {
        auto s = asString(raw, false);
        if (!s)
            return Status::from(s);
        if (!s->isEmpty()) {
            const QUrl url(*s, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty() ||
                (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
                return Status::failure(raw.where + QStringLiteral(": expected an http(s) URL") +
                                       describe(raw, false));
            // The lane's credential travels with every request: in the clear only to this
            // machine (a development cloud, tools/cloud-dev).
            const QHostAddress host(url.host());
            const bool loopback =
                url.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback());
            if (url.scheme() == QLatin1String("http") && !loopback)
                return Status::failure(raw.where +
                                       QStringLiteral(": expected an https URL (http only to "
                                                      "this machine, 127.0.0.1 or localhost)") +
                                       describe(raw, false));
        }
        c.supabaseUrl = *s;
    } else if (name == QLatin1String("supabaseServiceKey")) {
        auto s = asString(raw, true);
        if (!s)
            return Status::from(s);
        c.supabaseServiceKey = *s;
    } else if (name.startsWith(QLatin1String("cloudCredential")) ||
               name == QLatin1String("cloudUseServiceKey")) {
        return applyCloudKey(c, name, raw);
    } else if (name == QLatin1String("dataDir")) {
        auto s = asString(raw, false);
        if (!s)
            return Status::from(s);
        if (s->isEmpty())
            return Status::failure(raw.where + QStringLiteral(": expected a directory path"));
        c.dataDir = QDir::cleanPath(*s);
    } else if (name == QLatin1String("sqliteSynchronous")) {
        auto s = asString(raw, false);
        if (!s)
            return Status::from(s);
        auto mode = Database::parseSynchronous(*s);
        if (!mode)
            return Status::failure(raw.where + QStringLiteral(": expected FULL or NORMAL") +
                                   describe(raw, false));
        c.sqliteSynchronous = *mode;
    } else if (name == QLatin1String("storeKey")) {
        auto keys =
            asStringList(raw, true, QStringLiteral("a string or an array of strings"), true);
        if (!keys)
            return Status::from(keys);
        auto checked = storeKeysFrom(*keys, raw.where);
        if (!checked)
            return Status::from(checked);
        c.storeKeys = *checked;
        c.storeKeyFile.clear();
    } else if (name == QLatin1String("storeKeyFile")) {
        auto s = asString(raw, false);
        if (!s)
            return Status::from(s);
        auto content = readSecretFile(*s, raw.where, 16384);
        if (!content)
            return Status::from(content);
        QStringList keys;
        for (const QByteArray &line : content->split('\n')) {
            const QString text = QString::fromUtf8(line).trimmed();
            if (!text.isEmpty() && !text.startsWith(QLatin1Char('#')))
                keys.append(text);
        }
        if (keys.isEmpty())
            return Status::failure(raw.where + QStringLiteral(": %1 holds no key").arg(*s));
        auto checked = storeKeysFrom(keys, raw.where + QStringLiteral(" (%1)").arg(*s));
        if (!checked)
            return Status::from(checked);
        c.storeKeys = *checked;
        c.storeKeyFile = *s;
    } else if (name == QLatin1String("currency")) {
        auto s = asString(raw, false);
        if (!s)
            return Status::from(s);
        auto money = MoneyFormat::of(QLocale::c(), *s);
        if (!money)
            return Status::failure(raw.where + QStringLiteral(": ") + money.error() +
                                   describe(raw, false));
        c.currency = *s;
    } else if (name == QLatin1String("printer")) {
        auto s = asString(raw, false);
        if (!s)
            return Status::from(s);
        if (!s->trimmed().isEmpty()) {
            auto address = PrinterLink::parse(*s);
            if (!address)
                return Status::failure(raw.where + QStringLiteral(": ") + address.error() +
                                       describe(raw, false));
        }
        c.printer = s->trimmed();
    } else if (name == QLatin1String("bindAddress")) {
        auto s = asString(raw, false);
        if (!s)
            return Status::from(s);
        if (QHostAddress(*s).isNull())
            return Status::failure(raw.where + QStringLiteral(": expected an IP address") +
                                   describe(raw, false));
        c.bindAddress = *s;
    }
    return {};
}
// Cloud settings that do not add up: what stays off, and secrets that lie around unused.
QStringList cloudWarnings(const LaneConfig &c)
{
    QStringList w;
    const bool anySecret = !c.cloudCredential.isEmpty() || !c.supabaseServiceKey.isEmpty();
    if (c.supabaseUrl.isEmpty()) {
        if (anySecret)
            w.append(QStringLiteral("cloud sync stays off: it needs supabaseUrl"));
        return w;
    }
    if (!c.cloudAuth()) {
        if (c.cloudUseServiceKey)
            w.append(QStringLiteral("cloud sync stays off: cloudUseServiceKey needs "
                                    "supabaseServiceKey"));
        else if (!c.supabaseServiceKey.isEmpty())
            w.append(QStringLiteral("cloud sync stays off: lanes authenticate with their own "
                                    "cloudCredential (tools/cloud-dev enroll), not "
                                    "supabaseServiceKey; set cloudUseServiceKey to keep using "
                                    "the service key"));
        else
            w.append(QStringLiteral("cloud sync stays off: it needs supabaseUrl and "
                                    "cloudCredential (or cloudCredentialFile)"));
        return w;
    }
    if (c.cloudUseServiceKey && !c.cloudCredential.isEmpty())
        w.append(QStringLiteral("cloudCredential is not used while cloudUseServiceKey is on"));
    if (!c.cloudUseServiceKey && !c.supabaseServiceKey.isEmpty())
        w.append(QStringLiteral("supabaseServiceKey is not used (the lane has its own "
                                "cloudCredential); remove it from this lane"));
    return w;
}
} // namespace

const QList<ConfigLoader::Key> &ConfigLoader::keys()
{
    return kKeys;
}

QStringList ConfigLoader::defaultSearchFiles()
{
    // The system-wide file last: what the Debian package installs for every user of the
    // machine; a user's own file still wins.
    return {QDir::current().filePath(QStringLiteral("settings.local.json")),
            QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                QStringLiteral("/euphoria-lane/settings.local.json"),
            QStringLiteral("/etc/euphoria-lane/settings.json")};
}

Result<ConfigLoader::Loaded> ConfigLoader::load(const Sources &sources)
{
    using R = Result<Loaded>;
    Loaded loaded;

    QString file = sources.explicitFile;
    if (file.isEmpty()) {
        for (const QString &candidate : sources.searchFiles) {
            if (QFile::exists(candidate)) {
                file = candidate;
                break;
            }
        }
    }
    QJsonObject fileValues;
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return R::failure(
                QStringLiteral("%1: cannot read settings file: %2").arg(file, f.errorString()));
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (error.error != QJsonParseError::NoError)
            return R::failure(QStringLiteral("%1: not valid JSON at offset %2: %3")
                                  .arg(file)
                                  .arg(error.offset)
                                  .arg(error.errorString()));
        if (!doc.isObject())
            return R::failure(QStringLiteral("%1: expected a JSON object of settings").arg(file));
        fileValues = doc.object();
        loaded.config.sourceFile = file;
        for (auto it = fileValues.begin(); it != fileValues.end(); ++it) {
            const bool known = std::any_of(kKeys.begin(), kKeys.end(), [&](const Key &k) {
                return it.key() == QLatin1String(k.name);
            });
            if (!known)
                loaded.warnings.append(
                    QStringLiteral("%1: unknown key \"%2\" ignored").arg(file, it.key()));
        }
    }

    for (const Key &key : kKeys) {
        const QString name = QLatin1String(key.name);
        const QString env = QLatin1String(key.envVar);
        const QString flag = QLatin1String(key.flag);
        Raw raw;
        if (sources.flags.contains(name)) {
            raw = {QJsonValue(sources.flags.value(name)), true,
                   QStringLiteral("option --%1").arg(flag)};
        } else if (sources.environment.contains(env)) {
            raw = {QJsonValue(sources.environment.value(env)), true,
                   QStringLiteral("environment variable %1").arg(env)};
        } else if (fileValues.contains(name)) {
            raw = {fileValues.value(name), false, QStringLiteral("%1: key \"%2\"").arg(file, name)};
        } else {
            continue;
        }
        if (raw.json.isNull() && !raw.fromText)
            continue; // an explicit null keeps the default
        if (Status s = applyKey(loaded.config, key, raw); !s)
            return R::failure(s.error());
    }
    for (const QString &p : loaded.config.plaintextPeers) {
        if (p.contains(QLatin1Char(':')) && !loaded.config.peerTerminals.contains(p))
            return R::failure(QStringLiteral("plaintextPeers: \"%1\" is not one of peerTerminals "
                                             "(list the peer's URL exactly as there)")
                                  .arg(p.left(100)));
    }
    loaded.warnings.append(cloudWarnings(loaded.config));
    return loaded;
}
