#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

// The sealed channel of a peer connection (docs/PROTOCOL.md §3.2, §3.5): ephemeral X25519 key
// pairs, the derivation of the two direction keys from the store key and the hellos, and
// ChaCha20-Poly1305 (RFC 8439) with implicit counter nonces, so a frame that is altered,
// injected, replayed or reordered does not open. libsodium's primitives only.
class SecureChannel
{
public:
    static constexpr int KeyBytes = 32;     // X25519 keys, direction keys
    static constexpr int SealOverhead = 16; // the AEAD's tag

    struct KeyPair
    {
        QByteArray publicKey;
        QByteArray privateKey;
        KeyPair() = default;
        KeyPair(const KeyPair &) = default;
        KeyPair(KeyPair &&) = default;
        KeyPair &operator=(const KeyPair &) = default;
        KeyPair &operator=(KeyPair &&) = default;
        ~KeyPair();
        // Overwrites the private key.
        void erase();
    };
    struct DirectionKeys
    {
        QByteArray clientToServer;
        QByteArray serverToClient;
        DirectionKeys() = default;
        DirectionKeys(const DirectionKeys &) = default;
        DirectionKeys(DirectionKeys &&) = default;
        DirectionKeys &operator=(const DirectionKeys &) = default;
        DirectionKeys &operator=(DirectionKeys &&) = default;
        ~DirectionKeys();
    };

    // False when libsodium cannot start (no entropy source): the lane cannot speak protocol 3.
    static bool available();
    static KeyPair newKeyPair();
    // The pair of a given private key (test vectors).
    static KeyPair keyPairFrom(const QByteArray &privateKey);
    // X25519; none for a peer key of small order (an all-zero result) or of the wrong size.
    static std::optional<QByteArray> sharedSecret(const QByteArray &privateKey,
                                                  const QByteArray &peerPublicKey);
    // C2S and S2C from dh, the store key and H = SHA-256(T1 || T2).
    static DirectionKeys deriveKeys(const QByteArray &dh, const QByteArray &storeKey,
                                    const QByteArray &helloTranscript);
    // Overwrites a secret before its memory is released.
    static void erase(QByteArray &secret);
    static QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
    static QByteArray sha256(const QByteArray &data);
    // RFC 5869 with SHA-256.
    static QByteArray hkdfExtract(const QByteArray &salt, const QByteArray &ikm);
    static QByteArray hkdfExpand(const QByteArray &prk, const QByteArray &info, int length);
    // The 12-byte nonce of frame n: 4 zero bytes and n as 8 bytes little-endian.
    static QByteArray nonce(quint64 n);

    SecureChannel(const QByteArray &sendKey, const QByteArray &receiveKey);
    // The channel of one side from the direction keys (the client sends with C2S).
    static std::unique_ptr<SecureChannel> forClient(const DirectionKeys &keys);
    static std::unique_ptr<SecureChannel> forServer(const DirectionKeys &keys);
    ~SecureChannel();
    SecureChannel(const SecureChannel &) = delete;
    SecureChannel &operator=(const SecureChannel &) = delete;

    // The next frame this side sends.
    QByteArray seal(const QByteArray &plaintext);
    // The next frame from the peer; none when it does not open (the count does not move).
    std::optional<QByteArray> open(const QByteArray &sealed);
    quint64 sent() const { return m_sent; }
    quint64 received() const { return m_received; }

private:
    QByteArray m_sendKey;
    QByteArray m_receiveKey;
    quint64 m_sent = 0;
    quint64 m_received = 0;
};
