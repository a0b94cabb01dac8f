// Peer sync between real lane processes on loopback ports picked at run time, each with its
// own database, plus hand-driven peers for the handshake and for bad input.
#include "cart.h"
#include "idgenerator.h"
#include "laneprocess.h"
#include "messagelog.h"
#include "testlane.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int kConverge = 60000; // ms allowed for lanes to converge

QJsonObject frameObject(const QByteArray &frame)
{
    return QJsonDocument::fromJson(frame).object();
}

QByteArray toFrame(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The receiver holds every sale of the sender, and nothing else, each applied once: the same
// sale ids, one inbox row per message, one ledger row per stock change, the same stock.
void holdsEachOnce(const LaneProcess &receiver, const LaneProcess &sender, qint64 messages)
{
    const QString ids = QStringLiteral("SELECT id FROM transactions ORDER BY id");
    QCOMPARE(receiver.column(ids), sender.column(ids));
    QCOMPARE(receiver.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed")), messages);
    QCOMPARE(receiver.count(QStringLiteral("SELECT COUNT(*) FROM inventory_changes WHERE "
                                           "terminal_id = '%1'")
                                .arg(sender.terminalId())),
             sender.count(QStringLiteral("SELECT COUNT(*) FROM inventory_changes WHERE "
                                         "reason = 'sale'")));
    const QString stock =
        QStringLiteral("SELECT product_id || ':' || current_stock FROM inventory ORDER BY 1");
    QCOMPARE(receiver.column(stock), sender.column(stock));
}

// The frames of one type a raw peer received.
QList<QJsonObject> framesOfType(const RawPeer &peer, const QString &type)
{
    QList<QJsonObject> out;
    for (const QJsonObject &o : peer.received())
        if (o.value(QLatin1String("type")).toString() == type)
            out.append(o);
    return out;
}

// The seed's message without this protocol's seq, as a seed-only peer sends it.
QByteArray withoutSeq(const QByteArray &frame)
{
    QJsonObject o = QJsonDocument::fromJson(frame).object();
    o.remove(QStringLiteral("seq"));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

class TstPeerSync : public QObject
{
    Q_OBJECT

private slots:
    void twoLanesRingingConcurrentlyConverge()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        // Both list each other, so each must be reachable before the other starts: one path
        // between them must survive, nothing applied twice.
        l1.holdPort();
        l2.holdPort();
        QVERIFY2(l1.start({l2.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("150"),
                                       QStringLiteral("--rate"), QStringLiteral("100"),
                                       QStringLiteral("--seed"), QStringLiteral("1")}),
                 qPrintable(l1.log()));
        QVERIFY2(l2.start({l1.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("150"),
                                       QStringLiteral("--rate"), QStringLiteral("100"),
                                       QStringLiteral("--seed"), QStringLiteral("2")}),
                 qPrintable(l2.log()));
        const QString all = QStringLiteral("SELECT COUNT(*) FROM transactions");
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(all), 300, kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(all), 300, kConverge);
        const QString ids = QStringLiteral("SELECT id FROM transactions ORDER BY id");
        QCOMPARE(l1.column(ids), l2.column(ids));
        const QString stock =
            QStringLiteral("SELECT product_id || ':' || current_stock FROM inventory ORDER BY 1");
        QCOMPARE(l1.column(stock), l2.column(stock));
        // Every sale's stock change applied exactly once on each lane.
        const QString changes =
            QStringLiteral("SELECT COUNT(*) FROM inventory_changes WHERE reason = 'sale'");
        const QString lines = QStringLiteral("SELECT COUNT(*) FROM transaction_lines");
        QCOMPARE(l1.count(changes), l1.count(lines));
        QCOMPARE(l2.count(changes), l2.count(lines));
        const QString pending =
            QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'");
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(pending), 0, kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(pending), 0, kConverge);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 150);
        QCOMPARE(l2.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed")), 150);
        QVERIFY(l1.stop());
        QVERIFY(l2.stop());
    }

    void offlineLaneCatchesUpThroughAThirdLane()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        LaneProcess l3(QStringLiteral("L3"), dir.filePath(QStringLiteral("l3")));
        // L3 is down while L1 sells to L2.
        QVERIFY(l2.start({}));
        QVERIFY(l1.start({l2.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("40")}));
        const QString fromL1 =
            QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = 'L1'");
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(fromL1), 40, kConverge);
        QVERIFY(l1.stop());
        // Now L1 is gone and L3 comes up knowing only L2.
        QVERIFY(l3.start({l2.url()}));
        QTRY_COMPARE_WITH_TIMEOUT(l3.count(fromL1), 40, kConverge);
        const QString ids =
            QStringLiteral("SELECT id FROM transactions WHERE terminal_id = 'L1' ORDER BY id");
        QCOMPARE(l3.column(ids), l2.column(ids));
        // Relayed messages keep their origin, id and seq.
        QCOMPARE(l3.column(QStringLiteral("SELECT from_terminal || ':' || seq || ':' || "
                                          "message_id FROM inbox_processed ORDER BY seq")),
                 l2.column(QStringLiteral("SELECT from_terminal || ':' || seq || ':' || "
                                          "message_id FROM inbox_processed ORDER BY seq")));
        QCOMPARE(l3.count(QStringLiteral("SELECT contiguous_seq FROM origin_progress WHERE "
                                         "origin = 'L1'")),
                 40);
        QVERIFY(l2.stop());
        QVERIFY(l3.stop());
    }

    void receiverKilledMidStreamLosesAndDuplicatesNothing()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        l2.holdPort(); // L1 dials it again at the same address after the restart
        QVERIFY(l2.start({}));
        QVERIFY(l1.start({l2.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("400"),
                                      QStringLiteral("--rate"), QStringLiteral("200")}));
        const QString fromL1 =
            QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = 'L1'");
        QTRY_VERIFY_WITH_TIMEOUT(l2.count(fromL1) > 50, kConverge);
        l2.kill();
        const qint64 atKill = l2.count(fromL1);
        QVERIFY(atKill < 400);
        QVERIFY(l2.start({}));
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(fromL1), 400, kConverge);
        holdsEachOnce(l2, l1, 400);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(l2.column(QStringLiteral("PRAGMA integrity_check")),
                 QStringList{QStringLiteral("ok")});
        QVERIFY(l1.stop());
        QVERIFY(l2.stop());
    }

    // Received messages commit without waiting for the disk (Durability::Deferred): a power cut
    // may take the last of them although they were acked. Simulated by putting back an older
    // copy of the receiver's database: at the next hello its version vector lacks them, and the
    // sender, whose outbox says they were delivered, sends them again. Nothing lost, nothing
    // doubled.
    void receiverThatLostItsLastReceivedCommitsGetsThemAgain()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        l2.holdPort(); // L1 dials it again at the same address after each restart
        const QString fromL1 =
            QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = 'L1'");
        const QString pending =
            QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'");
        QVERIFY(l2.start({}));
        QVERIFY(l1.start({l2.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("30")}));
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(fromL1), 30, kConverge);
        QVERIFY(l2.stop());
        // What the disk holds after the power cut to come.
        const QDir saved(dir.filePath(QStringLiteral("l2-at-30")));
        QVERIFY(QDir().mkpath(saved.path()));
        const QFileInfo db(l2.databasePath());
        const QStringList files =
            db.dir().entryList({db.fileName() + QLatin1Char('*')}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &f : files)
            QVERIFY(QFile::copy(db.dir().filePath(f), saved.filePath(f)));

        QVERIFY(l2.start({}));
        QVERIFY(l1.stop());
        QVERIFY(l1.start({l2.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("25")}));
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(fromL1), 55, kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(pending), 0, kConverge);
        QVERIFY(l2.stop());

        // The power cut: L2 lost the 25 received commits it had acked.
        for (const QString &f : db.dir().entryList({db.fileName() + QLatin1Char('*')}, QDir::Files))
            QVERIFY(QFile::remove(db.dir().filePath(f)));
        for (const QString &f : files)
            QVERIFY(QFile::copy(saved.filePath(f), db.dir().filePath(f)));
        QCOMPARE(l2.count(fromL1), 30);
        QVERIFY(l2.start({}));
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(fromL1), 55, kConverge);
        holdsEachOnce(l2, l1, 55);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(l2.count(QStringLiteral("SELECT contiguous_seq FROM origin_progress WHERE "
                                         "origin = 'L1'")),
                 55);
        QCOMPARE(l1.count(pending), 0);
        QVERIFY(l1.stop());
        QVERIFY(l2.stop());
    }

    void withoutTheStoreKeyNothingIsApplied()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY(l1.start({}));
        TestLane source(QStringLiteral("T9"));
        const QList<QByteArray> frames = source.ringSaleFrames(2);
        QCOMPARE(frames.size(), 2);

        // A message before any hello.
        RawPeer early(QStringLiteral("T9"));
        QVERIFY(early.connectTo(QUrl(l1.url())));
        early.send(frames.at(0));
        QVERIFY(early.waitForDisconnect(10000));

        // The wrong key: the lane finds no key in common and says nothing derived from its own.
        RawPeer wrong(QStringLiteral("T9"), "another-store-key-xxxxxxx");
        QVERIFY(wrong.connectTo(QUrl(l1.url())));
        QVERIFY(!wrong.handshake());
        QVERIFY(wrong.waitForDisconnect(10000));
        QVERIFY2(wrong.closeReason().contains(QLatin1String("store key")),
                 qPrintable(wrong.closeReason()));

        // A client that sends hello, skips auth and sends messages.
        RawPeer skip(QStringLiteral("T9"));
        QVERIFY(skip.connectTo(QUrl(l1.url())));
        const QByteArray nonce = PeerProtocol::newNonce();
        skip.send(PeerProtocol::compact(PeerProtocol::hello(
            QStringLiteral("T9"), nonce, std::nullopt, SecureChannel::newKeyPair().publicKey)));
        QTRY_VERIFY(!skip.received().isEmpty());
        QCOMPARE(skip.received().first().value(QLatin1String("type")).toString(),
                 QStringLiteral("hello"));
        skip.send(frames.at(1));
        QVERIFY(skip.waitForDisconnect(10000));

        // An incompatible protocol version is refused with a reason.
        RawPeer old(QStringLiteral("T9"));
        QVERIFY(old.connectTo(QUrl(l1.url())));
        QJsonObject hello = PeerProtocol::hello(QStringLiteral("T9"), PeerProtocol::newNonce());
        hello.insert(QStringLiteral("protocol"), 99);
        old.send(toFrame(hello));
        QVERIFY(old.waitForDisconnect(10000));
        QVERIFY2(old.closeReason().contains(QLatin1String("protocol version 99")),
                 qPrintable(old.closeReason()));

        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed")), 0);
        QCOMPARE(
            l1.count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = 'T9'")),
            0);

        // With the key the same frames are applied, once, and acked.
        RawPeer good(QStringLiteral("T9"));
        QVERIFY(good.connectTo(QUrl(l1.url())));
        QVERIFY(good.handshake());
        for (const QByteArray &f : frames)
            good.send(f);
        good.send(frames.at(0)); // a duplicate: acked again, applied zero times
        QTRY_COMPARE_WITH_TIMEOUT(good.ackedIds().size(), 3, 10000);
        QCOMPARE(
            l1.count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = 'T9'")),
            2);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed")), 2);

        // A second connection claiming the same terminal id is refused.
        RawPeer twin(QStringLiteral("T9"));
        QVERIFY(twin.connectTo(QUrl(l1.url())));
        QVERIFY(!twin.handshake());
        QVERIFY(twin.waitForDisconnect(10000));
        QVERIFY2(twin.closeReason().contains(QLatin1String("already connected")),
                 qPrintable(twin.closeReason()));
        QVERIFY(good.isConnected());
        QVERIFY(l1.stop());
    }

    void aGapIsAskedFor()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY(l1.start({}));
        TestLane source(QStringLiteral("T9"));
        const QList<QByteArray> frames = source.ringSaleFrames(3);
        QCOMPARE(frames.size(), 3);
        RawPeer peer(QStringLiteral("T9"));
        QVERIFY(peer.connectTo(QUrl(l1.url())));
        QVERIFY(peer.handshake());
        peer.send(frames.at(0));
        peer.send(frames.at(2)); // seq 2 never arrives
        QTRY_COMPARE_WITH_TIMEOUT(peer.ackedIds().size(), 2, 10000);
        auto syncRequest = [&] {
            for (const QJsonObject &o : peer.received())
                if (o.value(QLatin1String("type")).toString() == QLatin1String("sync_request"))
                    return o;
            return QJsonObject();
        };
        // The lane notices it holds seq 3 of T9 without seq 2 and asks for what it lacks.
        QTRY_VERIFY_WITH_TIMEOUT(!syncRequest().isEmpty(), 15000);
        QCOMPARE(syncRequest()
                     .value(QLatin1String("vector"))
                     .toObject()
                     .value(QLatin1String("T9"))
                     .toInt(),
                 1);
        peer.send(frames.at(1));
        QTRY_COMPARE_WITH_TIMEOUT(peer.ackedIds().size(), 3, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            l1.count(
                QStringLiteral("SELECT contiguous_seq FROM origin_progress WHERE origin = 'T9'")),
            3, 10000);
        QVERIFY(l1.stop());
    }

    // A seed-only peer (messages without seq) sells to one lane of three while another is
    // offline: every lane ends with every message once, unchanged, and the same stock.
    void seedOnlyMessagesReachEveryLane()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        LaneProcess l3(QStringLiteral("L3"), dir.filePath(QStringLiteral("l3")));
        QVERIFY(l1.start({}));
        QVERIFY(l2.start({l1.url()}));
        TestLane source(QStringLiteral("S1"));
        const QList<QByteArray> frames = source.ringSaleFrames(7);
        QCOMPARE(frames.size(), 7);
        RawPeer seedOnly(QStringLiteral("S1"));
        QVERIFY(seedOnly.connectTo(QUrl(l1.url())));
        QVERIFY(seedOnly.handshake());
        for (const QByteArray &f : frames)
            seedOnly.send(withoutSeq(f));
        QTRY_COMPARE_WITH_TIMEOUT(seedOnly.ackedIds().size(), 7, kConverge);
        const QString fromS1 =
            QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = 'S1'");
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(fromS1), 7, kConverge);
        // L3 was offline; it comes up knowing only L2, which relays what it got from L1.
        QVERIFY(l3.start({l2.url()}));
        QTRY_COMPARE_WITH_TIMEOUT(l3.count(fromS1), 7, kConverge);
        const QString rows = QStringLiteral(
            "SELECT message_id || '|' || from_terminal || '|' || topic || '|' || sent_at || '|' "
            "|| seq || '|' || payload FROM inbox_processed WHERE from_terminal = 'S1' ORDER BY 1");
        QCOMPARE(l1.column(rows).size(), 7);
        QCOMPARE(l2.column(rows), l1.column(rows));
        QCOMPARE(l3.column(rows), l1.column(rows));
        const QString stock =
            QStringLiteral("SELECT product_id || ':' || current_stock FROM inventory ORDER BY 1");
        QCOMPARE(l2.column(stock), l1.column(stock));
        QCOMPARE(l3.column(stock), l1.column(stock));
        for (LaneProcess *lane : {&l1, &l2, &l3})
            QCOMPARE(lane->count(QStringLiteral("SELECT COUNT(*) FROM inventory_changes WHERE "
                                                "terminal_id = 'S1'")),
                     source.count(QStringLiteral("SELECT COUNT(*) FROM transaction_lines")));
        // Nothing goes back to its origin.
        QVERIFY(seedOnly.isConnected());
        for (const QJsonObject &o : seedOnly.received())
            QVERIFY(o.value(QLatin1String("fromTerminal")).toString() != QLatin1String("S1"));
        QVERIFY(l3.stop());
        QVERIFY(l2.stop());
        QVERIFY(l1.stop());
    }

    // A refused message is answered with a permanent reject, the connection stays (also for a
    // sender that ignores rejects and sends it again and again), the refusal is kept and the
    // origin's seq counts as settled.
    void refusedMessagesAreRejected()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY(l1.start({}));
        TestLane source(QStringLiteral("T9"));
        const QList<QByteArray> frames = source.ringSaleFrames(2);
        QCOMPARE(frames.size(), 2);
        QJsonObject bad = frameObject(frames.at(0));
        QJsonObject payload = bad.value(QLatin1String("payload")).toObject();
        payload.insert(QStringLiteral("lines"), QJsonArray());
        bad.insert(QStringLiteral("payload"), payload);
        const QString badId = bad.value(QLatin1String("id")).toString();
        RawPeer peer(QStringLiteral("T9"));
        QVERIFY(peer.connectTo(QUrl(l1.url())));
        QVERIFY(peer.handshake());
        for (int i = 0; i < 120; ++i) // more than the 100 bad frames that close a connection
            peer.send(toFrame(bad));
        QTRY_COMPARE_WITH_TIMEOUT(framesOfType(peer, QStringLiteral("reject")).size(), 120,
                                  kConverge);
        for (const QJsonObject &r : framesOfType(peer, QStringLiteral("reject"))) {
            QCOMPARE(r.value(QLatin1String("messageId")).toString(), badId);
            QCOMPARE(r.value(QLatin1String("permanent")).toBool(), true);
            QVERIFY2(r.value(QLatin1String("reason")).toString().contains(QLatin1String("lines")),
                     qPrintable(r.value(QLatin1String("reason")).toString()));
        }
        QVERIFY(peer.isConnected());
        QVERIFY(peer.ackedIds().isEmpty());
        // An unknown topic is the message's problem too.
        QJsonObject unknown = frameObject(frames.at(1));
        unknown.insert(QStringLiteral("id"),
                       QStringLiteral("0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e8f"));
        unknown.insert(QStringLiteral("topic"), QStringLiteral("frobnicate"));
        unknown.insert(QStringLiteral("seq"), 3);
        peer.send(toFrame(unknown));
        QTRY_COMPARE_WITH_TIMEOUT(framesOfType(peer, QStringLiteral("reject")).size(), 121,
                                  kConverge);
        QCOMPARE(framesOfType(peer, QStringLiteral("reject"))
                     .last()
                     .value(QLatin1String("messageId"))
                     .toString(),
                 unknown.value(QLatin1String("id")).toString());
        // seq 1 was refused for good, seq 2 arrives: nothing is missing, nothing asked again.
        peer.send(frames.at(1));
        QTRY_COMPARE_WITH_TIMEOUT(peer.ackedIds().size(), 1, kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(
            l1.count(
                QStringLiteral("SELECT contiguous_seq FROM origin_progress WHERE origin = 'T9'")),
            3, kConverge);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM rejected_messages")), 2);
        // A refusal of a message relayed for another lane settles nothing of that lane: the
        // relay cannot make this lane skip L7's seq 5.
        QJsonObject relayed = bad;
        relayed.insert(QStringLiteral("id"),
                       QStringLiteral("0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e80"));
        relayed.insert(QStringLiteral("fromTerminal"), QStringLiteral("L7"));
        relayed.insert(QStringLiteral("seq"), 5);
        peer.send(toFrame(relayed));
        QTRY_COMPARE_WITH_TIMEOUT(framesOfType(peer, QStringLiteral("reject")).size(), 122,
                                  kConverge);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM origin_progress WHERE origin = "
                                         "'L7' AND contiguous_seq > 0")),
                 0);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM rejected_messages")), 2);
        // A sale of a product this lane does not know (yet) is kept on a placeholder and acked
        // (docs/PROTOCOL.md §8): nothing is refused, nothing comes again.
        QJsonObject unknownProduct = frameObject(frames.at(1));
        unknownProduct.insert(QStringLiteral("id"),
                              QStringLiteral("0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e81"));
        unknownProduct.insert(QStringLiteral("seq"), 4);
        QJsonObject sale = unknownProduct.value(QLatin1String("payload")).toObject();
        sale.insert(QStringLiteral("transactionId"),
                    QStringLiteral("0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e82"));
        sale.insert(QStringLiteral("receiptNumber"), QStringLiteral("T9-999999"));
        QJsonArray lines = sale.value(QLatin1String("lines")).toArray();
        QJsonObject line = lines.at(0).toObject();
        line.insert(QStringLiteral("productId"),
                    QStringLiteral("0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e83"));
        lines.replace(0, line);
        sale.insert(QStringLiteral("lines"), lines);
        QJsonArray changes = sale.value(QLatin1String("stockChanges")).toArray();
        if (!changes.isEmpty()) {
            QJsonObject c = changes.at(0).toObject();
            c.insert(QStringLiteral("productId"), line.value(QLatin1String("productId")));
            changes.replace(0, c);
            sale.insert(QStringLiteral("stockChanges"), changes);
        }
        unknownProduct.insert(QStringLiteral("payload"), sale);
        peer.send(toFrame(unknownProduct));
        QTRY_COMPARE_WITH_TIMEOUT(peer.ackedIds().size(), 2, kConverge);
        QVERIFY(peer.ackedIds().contains(unknownProduct.value(QLatin1String("id")).toString()));
        QCOMPARE(framesOfType(peer, QStringLiteral("reject")).size(), 122);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM rejected_messages")), 2);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = "
                                         "'T9'")),
                 2);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM products WHERE id = "
                                         "'0192a6d1-7b3e-7cc0-8f5e-3b2a1c0d9e83' AND "
                                         "placeholder = 1 AND active = 0")),
                 1);
        QVERIFY(peer.isConnected());
        QVERIFY(l1.stop());
    }

    // A lane whose message a peer refuses for good marks it failed with the reason; one
    // refused for now is sent again.
    void rejectedOwnMessagesFailOrComeAgain()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY(l1.start({}, {QStringLiteral("--ring-sales"), QStringLiteral("2")}));
        const QString all = QStringLiteral("SELECT COUNT(*) FROM outbox");
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(all), 2, kConverge);
        RawPeer peer(QStringLiteral("T9"));
        QVERIFY(peer.connectTo(QUrl(l1.url())));
        QVERIFY(peer.handshake());
        auto messages = [&] {
            QList<QJsonObject> out;
            for (const QJsonObject &o : peer.received())
                if (o.contains(QLatin1String("id")))
                    out.append(o);
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(messages().size(), 2, kConverge);
        const QString first = messages().at(0).value(QLatin1String("id")).toString();
        const QString second = messages().at(1).value(QLatin1String("id")).toString();
        peer.send(PeerProtocol::reject(first, QStringLiteral("unknown product"), true));
        peer.send(PeerProtocol::reject(second, QStringLiteral("database is locked"), false));
        QTRY_COMPARE_WITH_TIMEOUT(
            l1.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'failed' AND id "
                                    "= '%1' AND last_error = 'refused by T9: unknown product'")
                         .arg(first)),
            1, kConverge);
        // The transient one comes again (after a backoff of about a second) and is acked now.
        QTRY_COMPARE_WITH_TIMEOUT(messages().size(), 3, kConverge);
        QCOMPARE(messages().at(2).value(QLatin1String("id")).toString(), second);
        peer.send(PeerProtocol::ack(second));
        QTRY_COMPARE_WITH_TIMEOUT(
            l1.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'peer_ack'")), 1,
            kConverge);
        QVERIFY(l1.stop());
    }

    // A vector claiming more of this lane's messages than it has published says the lane was
    // restored from a backup (PROTOCOL.md §4.1): the lane keeps the connection but publishes
    // nothing new from then on, so no seq a peer holds is ever used for another message.
    void vectorAboveOwnSeqStopsPublishing()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY(l1.start({}, {QStringLiteral("--ring-sales"), QStringLiteral("3")}));
        const QString pending =
            QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'");
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(pending), 3, kConverge);
        RawPeer ahead(QStringLiteral("T9"));
        QVERIFY(ahead.connectTo(QUrl(l1.url())));
        QVERIFY(ahead.handshake({{QStringLiteral("L1"), 1000000000}}));
        QTRY_VERIFY2_WITH_TIMEOUT(l1.log().contains(QLatin1String("recovering:")),
                                  qPrintable(l1.log()), kConverge);
        QCOMPARE(l1.count(QStringLiteral(
                     "SELECT value FROM lane_meta WHERE key = 'own_seq_held_by_peers'")),
                 1000000000);
        ahead.socket().close();
        QVERIFY(ahead.waitForDisconnect(10000));
        // An honest peer then gets all three.
        RawPeer honest(QStringLiteral("T9"));
        QVERIFY(honest.connectTo(QUrl(l1.url())));
        QVERIFY(honest.handshake({{QStringLiteral("L1"), 1}}));
        auto seqs = [&] {
            QList<int> out;
            for (const QJsonObject &o : honest.received())
                if (o.contains(QLatin1String("id")))
                    out.append(o.value(QLatin1String("seq")).toInt());
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(seqs(), (QList<int>{2, 3}), kConverge);
        QVERIFY(l1.stop());
    }

    // A peer's vector entry is the seq up to which it holds every message; it may hold more past
    // a gap, and sends that back too. A restored lane takes its own message above the entry it
    // saw (and waits for it: it must never publish under that seq), keeps waiting while a gap
    // stays, and publishes again once the gap is filled (PROTOCOL.md §4.1).
    void ownMessagesPastAGapComeBack()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY(l1.start({}, {QStringLiteral("--ring-sales"), QStringLiteral("2")}));
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 2,
                                  kConverge);
        // What L1 published after a backup of it was taken: seqs 3, 4, 5 held by the peer.
        TestLane before(QStringLiteral("L1"));
        const QList<QByteArray> frames = before.ringSaleFrames(5);
        QCOMPARE(frames.size(), 5);
        RawPeer peer(QStringLiteral("T9"));
        QVERIFY(peer.connectTo(QUrl(l1.url())));
        QVERIFY(peer.handshake({{QStringLiteral("L1"), 3}}));
        QTRY_VERIFY2_WITH_TIMEOUT(l1.log().contains(QLatin1String("recovering:")),
                                  qPrintable(l1.log()), kConverge);
        const QString held =
            QStringLiteral("SELECT value FROM lane_meta WHERE key = 'own_seq_held_by_peers'");
        QCOMPARE(l1.count(held), 3);
        // The peer first says how far it holds L1's messages past the gap (own_held), so L1
        // waits for all of them before the first one arrives.
        peer.send(PeerProtocol::ownHeld(5));
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(held), 5, kConverge);
        // 3 and, past the gap at 4, 5: both taken; 3 alone does not end the wait.
        const QString id3 = frameObject(frames.at(2)).value(QLatin1String("id")).toString();
        const QString id5 = frameObject(frames.at(4)).value(QLatin1String("id")).toString();
        peer.send(frames.at(2));
        peer.send(frames.at(4));
        QTRY_VERIFY2_WITH_TIMEOUT(peer.ackedIds().contains(id3) && peer.ackedIds().contains(id5),
                                  qPrintable(l1.log()), kConverge);
        QVERIFY(framesOfType(peer, QStringLiteral("reject")).isEmpty());
        QCOMPARE(l1.count(held), 5);
        QVERIFY(l1.log().contains(QLatin1String("\"own\":true")) ||
                l1.log().contains(QLatin1String("for this lane's own messages")));
        QCOMPARE(
            l1.count(QStringLiteral("SELECT value FROM counters WHERE name = 'outbox_seq:L1'")), 3);
        QVERIFY(!l1.log().contains(QLatin1String("recovered:")));
        // The gap filled: every seq up to 5 is there, the lane publishes again.
        const QString id4 = frameObject(frames.at(3)).value(QLatin1String("id")).toString();
        peer.send(frames.at(3));
        QTRY_VERIFY2_WITH_TIMEOUT(l1.log().contains(QLatin1String("recovered:")),
                                  qPrintable(l1.log()), kConverge);
        QVERIFY(peer.ackedIds().contains(id4));
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE seq BETWEEN 3 AND 5")),
                 3);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 5);
        QVERIFY(l1.stop());
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("closes");
        TestLane source(QStringLiteral("T9"));
        const QList<QByteArray> frames = source.ringSaleFrames(1);
        QCOMPARE(frames.size(), 1);
        const QJsonObject good = frameObject(frames.at(0));
        auto with = [&](const QString &key, const QJsonValue &v) {
            QJsonObject o = good;
            if (v.isUndefined())
                o.remove(key);
            else
                o.insert(key, v);
            return toFrame(o);
        };
        auto payloadWith = [&](const QString &key, const QJsonValue &v) {
            QJsonObject p = good.value(QLatin1String("payload")).toObject();
            p.insert(key, v);
            QJsonObject o = good;
            o.insert(QStringLiteral("payload"), p);
            return toFrame(o);
        };
        auto message = [&](const QString &topic, const QJsonObject &payload) {
            QJsonObject o = good;
            o.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
            o.insert(QStringLiteral("topic"), topic);
            o.insert(QStringLiteral("payload"), payload);
            return toFrame(o);
        };
        const QString product = good.value(QLatin1String("payload"))
                                    .toObject()
                                    .value(QLatin1String("lines"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QLatin1String("productId"))
                                    .toString();

        QTest::newRow("invalid JSON") << QByteArray("{\"id\": ") << false;
        QTest::newRow("JSON array") << QByteArray("[1, 2, 3]") << false;
        QTest::newRow("JSON string") << QByteArray("\"hello\"") << false;
        QTest::newRow("empty object") << QByteArray("{}") << false;
        QTest::newRow("no id") << with(QStringLiteral("id"), QJsonValue::Undefined) << false;
        QTest::newRow("id not a UUID")
            << with(QStringLiteral("id"), QStringLiteral("msg-1")) << false;
        QTest::newRow("id a number") << with(QStringLiteral("id"), 42) << false;
        QTest::newRow("no fromTerminal")
            << with(QStringLiteral("fromTerminal"), QJsonValue::Undefined) << false;
        QTest::newRow("fromTerminal a number") << with(QStringLiteral("fromTerminal"), 9) << false;
        QTest::newRow("no topic") << with(QStringLiteral("topic"), QJsonValue::Undefined) << false;
        QTest::newRow("unknown topic")
            << with(QStringLiteral("topic"), QStringLiteral("pricing")) << false;
        QTest::newRow("payload a string")
            << with(QStringLiteral("payload"), QStringLiteral("{}")) << false;
        QTest::newRow("no timestamp")
            << with(QStringLiteral("timestamp"), QJsonValue::Undefined) << false;
        QTest::newRow("timestamp not ISO")
            << with(QStringLiteral("timestamp"), QStringLiteral("yesterday")) << false;
        QTest::newRow("negative seq") << with(QStringLiteral("seq"), -3) << false;
        QTest::newRow("fractional seq") << with(QStringLiteral("seq"), 1.5) << false;
        QTest::newRow("totals do not add up")
            << payloadWith(QStringLiteral("totalCents"), 1) << false;
        QTest::newRow("sale of another lane")
            << payloadWith(QStringLiteral("terminalId"), QStringLiteral("L7")) << false;
        QTest::newRow("transactionId not a UUID")
            << payloadWith(QStringLiteral("transactionId"), QStringLiteral("t-1")) << false;
        QTest::newRow("money as a string")
            << payloadWith(QStringLiteral("paidCents"), QStringLiteral("12.00")) << false;
        QTest::newRow("product with a negative price")
            << message(QStringLiteral("product"),
                       {{QStringLiteral("productId"), product},
                        {QStringLiteral("sku"), QStringLiteral("X-1")},
                        {QStringLiteral("name"), QStringLiteral("Broken")},
                        {QStringLiteral("barcodes"), QJsonArray()},
                        {QStringLiteral("priceCents"), -5},
                        {QStringLiteral("taxRateBp"), 0},
                        {QStringLiteral("active"), true},
                        {QStringLiteral("hlcTime"), QStringLiteral("2026-11-25T10:00:00.000Z")},
                        {QStringLiteral("hlcCounter"), 0}})
            << false;
        QTest::newRow("price.scheduled without effectiveAt")
            << message(QStringLiteral("price.scheduled"),
                       {{QStringLiteral("changeId"),
                         QUuid::createUuid().toString(QUuid::WithoutBraces)},
                        {QStringLiteral("productId"), product},
                        {QStringLiteral("priceCents"), 100}})
            << false;
        QTest::newRow("inventory delta 0")
            << message(QStringLiteral("inventory"),
                       {{QStringLiteral("productId"), product},
                        {QStringLiteral("delta"), 0},
                        {QStringLiteral("reason"), QStringLiteral("count")}})
            << false;
        QTest::newRow("inventory unknown reason")
            << message(QStringLiteral("inventory"),
                       {{QStringLiteral("productId"), product},
                        {QStringLiteral("delta"), 5},
                        {QStringLiteral("reason"), QStringLiteral("gift")}})
            << false;
        QTest::newRow("employee with a plain PIN")
            << message(QStringLiteral("employee"),
                       {{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                        {QStringLiteral("name"), QStringLiteral("Eve")},
                        {QStringLiteral("role"), QStringLiteral("manager")},
                        {QStringLiteral("pinHash"), QStringLiteral("1234")},
                        {QStringLiteral("active"), true},
                        {QStringLiteral("updatedAt"), QStringLiteral("2026-11-25T10:00:00.000Z")}})
            << false;
        QTest::newRow("customer without a name")
            << message(QStringLiteral("customer"),
                       {{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                        {QStringLiteral("updatedAt"), QStringLiteral("2026-11-25T10:00:00.000Z")}})
            << false;
        // Relayed without seq (allowed), but the sale names another lane than its origin.
        QTest::newRow("relayed without seq, sale of another lane") << [&] {
            QJsonObject o = good;
            o.insert(QStringLiteral("fromTerminal"), QStringLiteral("L7"));
            o.remove(QStringLiteral("seq"));
            return toFrame(o);
        }() << false;
        QTest::newRow("claims to be the receiving lane") << [&] {
            QJsonObject o = good;
            o.insert(QStringLiteral("fromTerminal"), QStringLiteral("L1"));
            QJsonObject p = o.value(QLatin1String("payload")).toObject();
            p.insert(QStringLiteral("terminalId"), QStringLiteral("L1"));
            o.insert(QStringLiteral("payload"), p);
            return toFrame(o);
        }() << false;
        QTest::newRow("ack without a UUID")
            << QByteArray("{\"type\":\"ack\",\"messageId\":\"x\"}") << false;
        QTest::newRow("unknown frame type") << QByteArray("{\"type\":\"frobnicate\"}") << false;
        QTest::newRow("hello after the handshake")
            << PeerProtocol::compact(
                   PeerProtocol::hello(QStringLiteral("T9"), PeerProtocol::newNonce()))
            << false;
        QTest::newRow("sync_request with a bad vector")
            << QByteArray("{\"type\":\"sync_request\",\"vector\":{\"L1\":\"all\"}}") << false;
        QTest::newRow("inventory_response with bad rows")
            << QByteArray("{\"type\":\"inventory_response\",\"requestId\":\"r1\",\"timestamp\":"
                          "\"2026-11-25T10:00:00Z\",\"inventory\":[{\"productId\":\"p\"}]}")
            << false;
        QTest::newRow("binary frame") << QByteArray() << true;
        QTest::newRow("oversize frame") << QByteArray(2 * 1024 * 1024, ' ') << true;
    }

    void badInput()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, closes);
        QVERIFY(badInputLane());
        QVERIFY(badInputPeer());
        if (frame.isEmpty())
            m_peer->sendBinary(QByteArray("\x01\x02", 2));
        else
            m_peer->send(frame);
        ++m_sent;
        if (closes) {
            QVERIFY(m_peer->waitForDisconnect(10000));
        } else {
            // An inventory_request answered after it proves the frame was handled, and the
            // connection still serves.
            const qsizetype before = m_peer->received().size();
            m_peer->send(QByteArray("{\"type\":\"inventory_request\",\"requestId\":\"probe\","
                                    "\"timestamp\":\"2026-11-25T10:00:00Z\"}"));
            QTRY_VERIFY_WITH_TIMEOUT(m_peer->received().size() > before, 10000);
            QVERIFY(m_peer->isConnected());
            // A refused message is answered with a reject naming it.
            const QJsonObject sent = frameObject(frame);
            const QString id = sent.value(QLatin1String("id")).toString();
            if (!sent.contains(QLatin1String("type")) && IdGenerator::isUuid(id)) {
                QTRY_VERIFY_WITH_TIMEOUT(
                    [&] {
                        for (const QJsonObject &r : framesOfType(*m_peer, QStringLiteral("reject")))
                            if (r.value(QLatin1String("messageId")).toString() == id)
                                return true;
                        return false;
                    }(),
                    10000);
            }
        }
        QCOMPARE(m_lane->count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed")), 0);
        QCOMPARE(m_lane->count(
                     QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id <> 'L1'")),
                 0);
        QVERIFY(m_peer->ackedIds().isEmpty());
    }

    // After the bad frames of badInput (or, run alone, one of its own), the lane serves a good
    // peer: a valid sale is applied and acked, and the rejects were counted.
    void badInputLeavesTheLaneServing()
    {
        QVERIFY(badInputLane());
        QVERIFY(badInputPeer());
        if (m_sent == 0) {
            m_peer->send(QByteArray("{\"id\": ")); // rejected, the connection stays
            ++m_sent;
        }
        m_peer->send(m_valid.at(0));
        QTRY_COMPARE_WITH_TIMEOUT(m_peer->ackedIds().size(), 1, 10000);
        QCOMPARE(m_lane->count(
                     QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = 'T9'")),
                 1);
        // Rejects are counted per peer in the health data.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_lane->count(QStringLiteral(
                "SELECT rejects FROM peer_status WHERE peer = 'inbound:T9'")) >= m_sent,
            10000);
        QVERIFY(m_lane->stop());
        m_peer.reset();
        m_lane.reset();
    }

    void floodIsCutOff()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY(
            l1.start({}, {QStringLiteral("--peer-max-frames-per-second"), QStringLiteral("200")}));
        RawPeer peer(QStringLiteral("T9"));
        QVERIFY(peer.connectTo(QUrl(l1.url())));
        QVERIFY(peer.handshake());
        for (int i = 0; i < 2000 && peer.isConnected(); ++i)
            peer.send(QByteArray(
                "{\"type\":\"ack\",\"messageId\":\"6f9619ff-8b86-4011-b42d-00c04fc964ff\"}"));
        QVERIFY(peer.waitForDisconnect(10000));
        // The reason is logged by the lane (the flooding client may not read it: closing a
        // socket with unread input resets it).
        QTRY_VERIFY_WITH_TIMEOUT(
            l1.log().contains(QLatin1String("more than 200 frames per second")), 10000);
        // Others are still served.
        RawPeer other(QStringLiteral("T8"));
        QVERIFY(other.connectTo(QUrl(l1.url())));
        QVERIFY(other.handshake());
        QVERIFY(l1.stop());
    }

    void silentConnectionIsDropped()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY(l1.start({}));
        // TCP connected, then nothing: no WebSocket upgrade, no hello.
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, l1.port());
        QVERIFY(silent.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 30000);
        // Upgraded to WebSocket but never says hello.
        RawPeer mute(QStringLiteral("T9"));
        QVERIFY(mute.connectTo(QUrl(l1.url())));
        QVERIFY(mute.waitForDisconnect(30000));
        QVERIFY(l1.stop());
    }

    void healthReportsPeers()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        const HeldPort deadPort(HeldPort::Refusing);
        QVERIFY(deadPort.isValid());
        const QString dead = deadPort.url();
        QVERIFY(l2.start({}));
        QVERIFY(l1.start({l2.url(), dead}));
        auto health = [&](int maxOffline) {
            QProcess p;
            p.start(QStringLiteral(LANE_EXECUTABLE),
                    {QStringLiteral("--health"), QStringLiteral("--terminal-id"),
                     QStringLiteral("L1"), QStringLiteral("--data-dir"),
                     dir.filePath(QStringLiteral("l1")), QStringLiteral("--peer-terminals"),
                     l2.url() + QLatin1Char(',') + dead, QStringLiteral("--health-max-offline"),
                     QString::number(maxOffline)});
            p.waitForFinished(30000);
            return qMakePair(p.exitCode(),
                             QJsonDocument::fromJson(p.readAllStandardOutput()).object());
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            health(3600).second.value(QLatin1String("peers")).toArray().size() == 2, 20000);
        auto stateOf = [](const QJsonObject &json, const QString &peer) {
            for (const QJsonValue &v : json.value(QLatin1String("peers")).toArray())
                if (v.toObject().value(QLatin1String("peer")).toString() == peer)
                    return v.toObject().value(QLatin1String("state")).toString();
            return QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(health(3600).second, l2.url()),
                                  QStringLiteral("connected"), 20000);
        auto [code, json] = health(3600);
        QCOMPARE(code, 0);
        QVERIFY(json.value(QLatin1String("running")).toBool());
        const QString deadState = stateOf(json, dead);
        QVERIFY2(deadState == QLatin1String("backing_off") ||
                     deadState == QLatin1String("connecting"),
                 qPrintable(deadState));
        // The dead peer fails the check once it has been away longer than allowed.
        QTRY_COMPARE_WITH_TIMEOUT(health(1).first, 1, 20000);
        QVERIFY(l1.stop());
        QVERIFY(l2.stop());
        // A stopped lane is reported as not running.
        QTRY_COMPARE_WITH_TIMEOUT(health(3600).first, 1, 60000);
    }

private:
    // The lane that badInput's rows share (started by whichever test needs it first).
    bool badInputLane()
    {
        if (m_lane)
            return true;
        m_dir = std::make_unique<QTemporaryDir>();
        auto lane = std::make_unique<LaneProcess>(QStringLiteral("L1"),
                                                  m_dir->filePath(QStringLiteral("l1")));
        // Every row probes with an inventory_request: the lane answers as many as it gets.
        if (!lane->start({}, {QStringLiteral("--peer-inventory-requests-per-minute"),
                              QStringLiteral("6000")})) {
            qWarning("the lane did not start: %s", qPrintable(lane->log()));
            return false;
        }
        m_source = std::make_unique<TestLane>(QStringLiteral("T9"));
        m_valid = m_source->ringSaleFrames(1);
        m_lane = std::move(lane);
        return m_valid.size() == 1;
    }
    // A connected, authenticated peer T9 (a new one after a bad frame closed the last).
    bool badInputPeer()
    {
        if (m_peer && m_peer->isConnected())
            return true;
        m_peer = std::make_unique<RawPeer>(QStringLiteral("T9"));
        return m_peer->connectTo(QUrl(m_lane->url())) && m_peer->handshake();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LaneProcess> m_lane;
    std::unique_ptr<RawPeer> m_peer;
    std::unique_ptr<TestLane> m_source;
    QList<QByteArray> m_valid;
    qint64 m_sent = 0;
};

QTEST_GUILESS_MAIN(TstPeerSync)
#include "tst_peersync.moc"
