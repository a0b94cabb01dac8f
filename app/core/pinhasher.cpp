#include "pinhasher.h"

#include <sodium.h>

namespace {
bool ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}
} // namespace

bool PinHasher::isWellFormed(const QString &pin)
{
    if (pin.size() < kMinLength || pin.size() > kMaxLength)
        return false;
    for (QChar c : pin)
        if (c.unicode() < '0' || c.unicode() > '9')
            return false;
    return true;
}

namespace {
#ifdef EUPHORIA_FUZZ_CHEAP_PIN_HASH
// Fuzz builds only (no lane runs from them): the catalog importer hashes every new employee's
// PIN, and 64 MiB of Argon2id per input would bring the fuzzer to a few inputs a second.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_MIN;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_MIN;
#else
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
#endif
} // namespace

Result<QString> PinHasher::hash(const QString &pin)
{
    if (!isWellFormed(pin))
        return Result<QString>::failure(QStringLiteral("a PIN has 4 to 8 digits"));
    if (!ensureSodium())
        return Result<QString>::failure(QStringLiteral("libsodium failed to initialise"));
    const QByteArray raw = pin.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, raw.constData(), quint64(raw.size()), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Result<QString>::failure(QStringLiteral("out of memory while hashing a PIN"));
    return QString::fromLatin1(out);
}

bool PinHasher::verify(const QString &hash, const QString &pin)
{
    if (!isWellFormed(pin) || !ensureSodium())
        return false;
    const QByteArray h = hash.toLatin1();
    if (h.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray raw = pin.toUtf8();
    return crypto_pwhash_str_verify(h.constData(), raw.constData(), quint64(raw.size())) == 0;
}
