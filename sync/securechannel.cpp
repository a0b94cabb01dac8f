#include "securechannel.h"

#include <sodium.h>

namespace {
const unsigned char *bytes(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}
unsigned char *bytes(QByteArray &b)
{
    return reinterpret_cast<unsigned char *>(b.data());
}
void wipe(QByteArray &b)
{
    if (!b.isEmpty())
        sodium_memzero(b.data(), size_t(b.size()));
    b.clear();
}
} // namespace

SecureChannel::KeyPair::~KeyPair()
{
    wipe(privateKey);
}

void SecureChannel::KeyPair::erase()
{
    wipe(privateKey);
}

SecureChannel::DirectionKeys::~DirectionKeys()
{
    wipe(clientToServer);
    wipe(serverToClient);
}

bool SecureChannel::available()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

SecureChannel::KeyPair SecureChannel::newKeyPair()
{
    available();
    QByteArray secret(KeyBytes, Qt::Uninitialized);
    randombytes_buf(secret.data(), size_t(secret.size()));
    KeyPair pair = keyPairFrom(secret);
    wipe(secret);
    return pair;
}

SecureChannel::KeyPair SecureChannel::keyPairFrom(const QByteArray &privateKey)
{
    available();
    KeyPair pair;
    pair.privateKey = privateKey;
    pair.publicKey = QByteArray(KeyBytes, Qt::Uninitialized);
    if (privateKey.size() != KeyBytes ||
        crypto_scalarmult_base(bytes(pair.publicKey), bytes(privateKey)) != 0)
        pair.publicKey.clear();
    return pair;
}

std::optional<QByteArray> SecureChannel::sharedSecret(const QByteArray &privateKey,
                                                      const QByteArray &peerPublicKey)
{
    available();
    if (privateKey.size() != KeyBytes || peerPublicKey.size() != KeyBytes)
        return std::nullopt;
    QByteArray dh(KeyBytes, Qt::Uninitialized);
    // libsodium refuses (returns -1) when the result is all zero: a point of small order.
    if (crypto_scalarmult(bytes(dh), bytes(privateKey), bytes(peerPublicKey)) != 0) {
        wipe(dh);
        return std::nullopt;
    }
    return dh;
}

QByteArray SecureChannel::hmacSha256(const QByteArray &key, const QByteArray &data)
{
    available();
    crypto_auth_hmacsha256_state state;
    QByteArray out(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_init(&state, bytes(key), size_t(key.size()));
    crypto_auth_hmacsha256_update(&state, bytes(data), quint64(data.size()));
    crypto_auth_hmacsha256_final(&state, bytes(out));
    sodium_memzero(&state, sizeof state);
    return out;
}

QByteArray SecureChannel::sha256(const QByteArray &data)
{
    available();
    QByteArray out(crypto_hash_sha256_BYTES, Qt::Uninitialized);
    crypto_hash_sha256(bytes(out), bytes(data), quint64(data.size()));
    return out;
}

QByteArray SecureChannel::hkdfExtract(const QByteArray &salt, const QByteArray &ikm)
{
    return hmacSha256(salt, ikm);
}

QByteArray SecureChannel::hkdfExpand(const QByteArray &prk, const QByteArray &info, int length)
{
    // RFC 5869 §2.3: T(i) = HMAC(PRK, T(i-1) || info || i), at most 255 blocks.
    QByteArray okm;
    okm.reserve(length + 32); // no reallocation leaves a copy of key bytes behind
    QByteArray block;
    for (int i = 1; okm.size() < length && i <= 255; ++i) {
        block = hmacSha256(prk, block + info + char(i));
        okm += block;
    }
    wipe(block);
    okm.truncate(length);
    return okm;
}

SecureChannel::DirectionKeys SecureChannel::deriveKeys(const QByteArray &dh,
                                                       const QByteArray &storeKey,
                                                       const QByteArray &helloTranscript)
{
    QByteArray prk = hkdfExtract(storeKey, dh);
    QByteArray okm = hkdfExpand(
        prk, QByteArrayLiteral("euphoria-lane/3 keys") + sha256(helloTranscript), 2 * KeyBytes);
    DirectionKeys keys;
    keys.clientToServer = okm.left(KeyBytes);
    keys.serverToClient = okm.mid(KeyBytes, KeyBytes);
    wipe(prk);
    wipe(okm);
    return keys;
}

void SecureChannel::erase(QByteArray &secret)
{
    wipe(secret);
}

std::unique_ptr<SecureChannel> SecureChannel::forClient(const DirectionKeys &keys)
{
    return std::make_unique<SecureChannel>(keys.clientToServer, keys.serverToClient);
}

std::unique_ptr<SecureChannel> SecureChannel::forServer(const DirectionKeys &keys)
{
    return std::make_unique<SecureChannel>(keys.serverToClient, keys.clientToServer);
}

QByteArray SecureChannel::nonce(quint64 n)
{
    QByteArray out(crypto_aead_chacha20poly1305_ietf_NPUBBYTES, '\0');
    for (int i = 0; i < 8; ++i)
        out[4 + i] = char((n >> (8 * i)) & 0xff);
    return out;
}

SecureChannel::SecureChannel(const QByteArray &sendKey, const QByteArray &receiveKey)
    : m_sendKey(sendKey)
    , m_receiveKey(receiveKey)
{
    available();
}

SecureChannel::~SecureChannel()
{
    wipe(m_sendKey);
    wipe(m_receiveKey);
}

QByteArray SecureChannel::seal(const QByteArray &plaintext)
{
    QByteArray out(plaintext.size() + SealOverhead, Qt::Uninitialized);
    unsigned long long length = 0;
    const QByteArray n = nonce(m_sent++);
    crypto_aead_chacha20poly1305_ietf_encrypt(bytes(out), &length, bytes(plaintext),
                                              quint64(plaintext.size()), nullptr, 0, nullptr,
                                              bytes(n), bytes(m_sendKey));
    out.truncate(qsizetype(length));
    return out;
}

std::optional<QByteArray> SecureChannel::open(const QByteArray &sealed)
{
    if (sealed.size() < SealOverhead)
        return std::nullopt;
    QByteArray out(sealed.size() - SealOverhead, Qt::Uninitialized);
    unsigned long long length = 0;
    const QByteArray n = nonce(m_received);
    if (crypto_aead_chacha20poly1305_ietf_decrypt(bytes(out), &length, nullptr, bytes(sealed),
                                                  quint64(sealed.size()), nullptr, 0, bytes(n),
                                                  bytes(m_receiveKey)) != 0)
        return std::nullopt;
    ++m_received;
    out.truncate(qsizetype(length));
    return out;
}
