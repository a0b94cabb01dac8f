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

Result<QString> PinHasher::hash(const QString &pin)
{
    if (!isWellFormed(pin))
        return Result<QString>::failure(QStringLiteral("a PIN has 4 to 8 digits"));
    if (!ensureSodium())
        return Result<QString>::failure(QStringLiteral("libsodium failed to initialise"));
    const QByteArray raw = pin.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, raw.constData(), quint64(raw.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
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
