// The secure channel's parts (docs/PROTOCOL.md §1, §3.2, §3.5, §3.6): the primitives against
// their RFCs' test vectors, sealed frames that open only once and in order, the key exchange's
// refusal of small-order keys, and the store key's strength rules.
#include "peerprotocol.h"
#include "securechannel.h"
#include "storekey.h"

#include <QSet>
#include <QTest>

namespace {
QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}
} // namespace

class TstSecureChannel : public QObject
{
    Q_OBJECT

private slots:
    // RFC 5869 appendix A.1.
    void hkdfMatchesRfc5869()
    {
        const QByteArray ikm(22, '\x0b');
        const QByteArray salt = hex("000102030405060708090a0b0c");
        const QByteArray info = hex("f0f1f2f3f4f5f6f7f8f9");
        const QByteArray prk = SecureChannel::hkdfExtract(salt, ikm);
        QCOMPARE(prk.toHex(),
                 QByteArray("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"));
        QCOMPARE(SecureChannel::hkdfExpand(prk, info, 42).toHex(),
                 QByteArray("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                            "34007208d5b887185865"));
    }

    // RFC 7748 §6.1.
    void x25519MatchesRfc7748()
    {
        const auto alice = SecureChannel::keyPairFrom(
            hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        const auto bob = SecureChannel::keyPairFrom(
            hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        QCOMPARE(alice.publicKey.toHex(),
                 QByteArray("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
        QCOMPARE(bob.publicKey.toHex(),
                 QByteArray("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
        const auto ab = SecureChannel::sharedSecret(alice.privateKey, bob.publicKey);
        const auto ba = SecureChannel::sharedSecret(bob.privateKey, alice.publicKey);
        QVERIFY(ab && ba);
        QCOMPARE(ab->toHex(),
                 QByteArray("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"));
        QCOMPARE(*ab, *ba);
    }

    // A peer's public key of small order would make the shared secret known to anyone.
    void smallOrderKeysAreRefused()
    {
        const auto mine = SecureChannel::newKeyPair();
        QCOMPARE(mine.publicKey.size(), SecureChannel::KeyBytes);
        QVERIFY(!SecureChannel::sharedSecret(mine.privateKey, QByteArray(32, '\0')));
        QByteArray one(32, '\0');
        one[0] = 1; // u = 1, order 4
        QVERIFY(!SecureChannel::sharedSecret(mine.privateKey, one));
        QVERIFY(!SecureChannel::sharedSecret(mine.privateKey, QByteArray(31, 'x')));
        // Fresh pairs differ.
        QVERIFY(SecureChannel::newKeyPair().publicKey != mine.publicKey);
    }

    // Each frame opens once, in order, with the other side's key; a flipped bit, a replay, a
    // swap, a cut or another key does not open and does not move the count.
    void sealedFramesOpenOnceAndInOrder()
    {
        const QByteArray c2s(32, 'a');
        const QByteArray s2c(32, 'b');
        SecureChannel client(c2s, s2c);
        SecureChannel server(s2c, c2s);
        const QByteArray f0 = client.seal("{\"type\":\"auth\"}");
        const QByteArray f1 = client.seal("{\"type\":\"ack\",\"messageId\":\"x\"}");
        const QByteArray f2 = client.seal("{}");
        QCOMPARE(f0.size(), 15 + SecureChannel::SealOverhead);
        QVERIFY(!f0.contains("auth"));
        QCOMPARE(client.sent(), quint64(3));

        QCOMPARE(server.open(f0).value_or("?"), QByteArray("{\"type\":\"auth\"}"));
        QVERIFY(!server.open(f0)); // replayed
        QVERIFY(!server.open(f2)); // ahead of its turn
        QByteArray flipped = f1;
        flipped[3] = char(flipped[3] ^ 0x01);
        QVERIFY(!server.open(flipped));                // altered
        QVERIFY(!server.open(f1.left(f1.size() - 1))); // cut
        QVERIFY(!server.open(QByteArray(8, 'z')));
        SecureChannel stranger(QByteArray(32, 'c'), QByteArray(32, 'd'));
        QVERIFY(!server.open(stranger.seal("{}")));
        QCOMPARE(server.received(), quint64(1));
        QVERIFY(server.open(f1));
        QVERIFY(server.open(f2));
        QCOMPARE(server.received(), quint64(3));
        // The other direction has its own key and count: a frame reflected back does not open.
        QVERIFY(!client.open(f0));
        QVERIFY(client.open(server.seal("{\"type\":\"welcome\"}")));
    }

    void nonceIsTheCounterLittleEndian()
    {
        QCOMPARE(SecureChannel::nonce(0).toHex(), QByteArray("000000000000000000000000"));
        QCOMPARE(SecureChannel::nonce(0x0102).toHex(), QByteArray("000000000201000000000000"));
    }

    // The direction keys depend on the Diffie-Hellman secret, the store key and every byte of
    // the hellos; the two directions differ.
    void keysDependOnEveryInput()
    {
        const QByteArray dh(32, 'd');
        const QByteArray key("3a7f19c4e08b52d6a1f4c97e2b0d58a3");
        const QByteArray hellos("T1T2");
        const auto base = SecureChannel::deriveKeys(dh, key, hellos);
        QCOMPARE(base.clientToServer.size(), 32);
        QVERIFY(base.clientToServer != base.serverToClient);
        QVERIFY(SecureChannel::deriveKeys(QByteArray(32, 'e'), key, hellos).clientToServer !=
                base.clientToServer);
        QVERIFY(SecureChannel::deriveKeys(dh, key + "0", hellos).clientToServer !=
                base.clientToServer);
        QVERIFY(SecureChannel::deriveKeys(dh, key, "T1T3").serverToClient != base.serverToClient);
        QCOMPARE(SecureChannel::deriveKeys(dh, key, hellos).serverToClient, base.serverToClient);
    }

    void storeKeyStrength_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("weakness"); // empty: strong
        QTest::newRow("generated") << StoreKey::generate() << QString();
        QTest::newRow("128 bits") << QStringLiteral("3a7f19c4e08b52d6a1f4c97e2b0d58a3")
                                  << QString();
        QTest::newRow("upper case")
            << QStringLiteral("3A7F19C4E08B52D6A1F4C97E2B0D58A3") << QString();
        QTest::newRow("passphrase")
            << QStringLiteral("correct horse battery staple") << QStringLiteral("not hex");
        QTest::newRow("empty") << QString() << QStringLiteral("not hex");
        QTest::newRow("120 bits") << QStringLiteral("3a7f19c4e08b52d6a1f4c97e2b0d58")
                                  << QStringLiteral("fewer than");
        QTest::newRow("too long") << QString(130, QLatin1Char('a')) << QStringLiteral("more than");
        QTest::newRow("odd") << QStringLiteral("3a7f19c4e08b52d6a1f4c97e2b0d58a3c")
                             << QStringLiteral("odd");
        QTest::newRow("zeros") << QString(64, QLatin1Char('0')) << QStringLiteral("distinct");
        QTest::newRow("counting") << QStringLiteral("000102030405060708090a0b0c0d0e0f")
                                  << QStringLiteral("constant step");
        QTest::newRow("counting down") << QStringLiteral("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0")
                                       << QStringLiteral("constant step");
        QTest::newRow("repeated block")
            << QStringLiteral("a1b2c3d4e5f60718a1b2c3d4e5f60718") << QStringLiteral("repeated");
        QTest::newRow("published")
            << QStringLiteral("c58c0cc4e45aa2042a2f6a2de426acacc14ddc137e8937f3b3c64116341fee45")
            << QStringLiteral("published");
    }
    void storeKeyStrength()
    {
        QFETCH(QString, key);
        QFETCH(QString, weakness);
        const QString found = StoreKey::weakness(key);
        if (weakness.isEmpty())
            QVERIFY2(found.isEmpty(), qPrintable(found));
        else
            QVERIFY2(found.contains(weakness.section(QLatin1Char(' '), 0, 0)), qPrintable(found));
        // Never the key itself in the reason.
        if (key.size() >= 8)
            QVERIFY(!found.contains(key.left(8), Qt::CaseInsensitive));
    }

    // Generated keys: 64 hex digits, distinct, and each passes the strength rules.
    void generatedKeys()
    {
        QSet<QString> seen;
        for (int i = 0; i < 200; ++i) {
            const QString key = StoreKey::generate();
            QCOMPARE(key.size(), 64);
            QVERIFY2(StoreKey::weakness(key).isEmpty(), qPrintable(key));
            seen.insert(key);
        }
        QCOMPARE(seen.size(), 200);
        QCOMPARE(StoreKey::fingerprint(QStringLiteral("abc")), QStringLiteral("ba7816bf"));
    }
};

QTEST_GUILESS_MAIN(TstSecureChannel)
#include "tst_securechannel.moc"
