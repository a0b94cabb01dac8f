// The pure parts of peer sync, table-driven: the tie-break between two connections to one lane,
// the gap rule, the checks on a received message, the health value and its JSON view, the row
// peer_status gets for it, and PeerStatusStore on a real database.
#include "database.h"
#include "peerhealth.h"
#include "peerinbound.h"
#include "peerstatuspublisher.h"
#include "peerstatusstore.h"
#include "peertiebreak.h"
#include "testlane.h"

#include <QJsonArray>
#include <QTest>

Q_DECLARE_METATYPE(PeerTieBreak::Keep)

class TstPeerParts : public QObject
{
    Q_OBJECT
private slots:
    void tieBreak_data()
    {
        QTest::addColumn<QString>("own");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<bool>("incomingDialledHere");
        QTest::addColumn<bool>("existingDialledHere");
        QTest::addColumn<PeerTieBreak::Keep>("keep");
        using K = PeerTieBreak::Keep;
        const QString a = QStringLiteral("L1"), b = QStringLiteral("L2");
        // The smaller id (L1) dials the path both keep.
        QTest::newRow("L1: own dial replaces peer's") << a << b << true << false << K::Incoming;
        QTest::newRow("L1: peer's dial loses to own") << a << b << false << true << K::Existing;
        QTest::newRow("L2: peer's dial replaces own") << b << a << false << true << K::Incoming;
        QTest::newRow("L2: own dial loses to peer's") << b << a << true << false << K::Existing;
        // Two connections the same way round: the one already carrying traffic stays.
        QTest::newRow("L1: both dialled here") << a << b << true << true << K::Existing;
        QTest::newRow("L1: both dialled there") << a << b << false << false << K::Existing;
        QTest::newRow("L2: both dialled here") << b << a << true << true << K::Existing;
        QTest::newRow("L2: both dialled there") << b << a << false << false << K::Existing;
        // Ids compare as text: "L10" < "L9".
        QTest::newRow("L10 vs L9: own dial wins")
            << QStringLiteral("L10") << QStringLiteral("L9") << true << false << K::Incoming;
        QTest::newRow("L9 vs L10: peer's dial wins")
            << QStringLiteral("L9") << QStringLiteral("L10") << false << true << K::Incoming;
    }
    void tieBreak()
    {
        QFETCH(QString, own);
        QFETCH(QString, peer);
        QFETCH(bool, incomingDialledHere);
        QFETCH(bool, existingDialledHere);
        QFETCH(PeerTieBreak::Keep, keep);
        QCOMPARE(PeerTieBreak::decide(own, peer, incomingDialledHere, existingDialledHere), keep);
        // Both ends agree on which connection stays: the same connection is "dialled here" at
        // exactly one of them.
        const PeerTieBreak::Keep theirs =
            PeerTieBreak::decide(peer, own, !incomingDialledHere, !existingDialledHere);
        if (incomingDialledHere != existingDialledHere)
            QCOMPARE(theirs, keep);
    }

    void gap_data()
    {
        using V = PeerProtocol::VersionVector;
        QTest::addColumn<V>("have");
        QTest::addColumn<V>("max");
        QTest::addColumn<bool>("gap");
        const QString a = QStringLiteral("L1"), b = QStringLiteral("L2");
        QTest::newRow("nothing") << V() << V() << false;
        QTest::newRow("contiguous") << V{{a, 5}, {b, 3}} << V{{a, 5}, {b, 3}} << false;
        QTest::newRow("one origin behind") << V{{a, 5}, {b, 2}} << V{{a, 5}, {b, 3}} << true;
        QTest::newRow("origin seen only above a hole") << V{{a, 5}} << V{{a, 5}, {b, 3}} << true;
        QTest::newRow("have beyond max") << V{{a, 6}} << V{{a, 5}} << false;
    }
    void gap()
    {
        QFETCH(PeerProtocol::VersionVector, have);
        QFETCH(PeerProtocol::VersionVector, max);
        QFETCH(bool, gap);
        QCOMPARE(PeerInbound::hasGap(have, max), gap);
    }

    void messageCheck_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<qint64>("seq");
        QTest::addColumn<QString>("error"); // start of the reject reason
        // Received from L2 by L1.
        // Without seq (a seed-only peer's message), relayed by L2: checked like any other.
        QTest::newRow("relay without seq, invalid")
            << QStringLiteral("L3") << qint64(0) << QStringLiteral("message m1: unknown topic");
        QTest::newRow("this lane's without seq")
            << QStringLiteral("L1") << qint64(0)
            << QStringLiteral("message m1 claims to come from this lane");
        QTest::newRow("relay with seq, invalid")
            << QStringLiteral("L3") << qint64(4) << QStringLiteral("message m1: ");
        QTest::newRow("own, invalid")
            << QStringLiteral("L2") << qint64(0) << QStringLiteral("message m1: ");
    }
    void messageCheck()
    {
        QFETCH(QString, from);
        QFETCH(qint64, seq);
        QFETCH(QString, error);
        OutboxMessage m;
        m.id = QStringLiteral("m1");
        m.fromTerminal = from;
        m.topic = QStringLiteral("no-such-topic");
        m.seq = seq;
        std::shared_ptr<const SaleRecord> sale;
        const Status s = PeerInbound::check(m, QStringLiteral("L2"), QStringLiteral("L1"), &sale);
        QVERIFY(!s);
        QVERIFY2(s.error().startsWith(error), qPrintable(s.error()));
    }

    void unacked()
    {
        using V = PeerProtocol::VersionVector;
        const V have{
            {QStringLiteral("L1"), 10}, {QStringLiteral("L2"), 7}, {QStringLiteral("L3"), 4}};
        // L2's own messages never count; what it holds beyond ours neither.
        QCOMPARE(PeerHealth::unackedBy(QStringLiteral("L2"), have, V()), 14);
        QCOMPARE(PeerHealth::unackedBy(QStringLiteral("L2"), have,
                                       V{{QStringLiteral("L1"), 8}, {QStringLiteral("L3"), 9}}),
                 2);
        QCOMPARE(PeerHealth::unackedBy(QStringLiteral("L9"), have, have), 0);
    }

    void healthJsonIsAViewOfTheValue()
    {
        PeerHealth h;
        h.terminalId = QStringLiteral("L1");
        h.listening = true;
        h.port = 8123;
        h.lastSyncAt = QStringLiteral("2026-11-25T10:00:00.000Z");
        PeerHealth::Peer up;
        up.key = QStringLiteral("ws://10.0.0.2:8123");
        up.url = up.key;
        up.terminalId = QStringLiteral("L2");
        up.direction = QStringLiteral("outbound");
        up.state = QStringLiteral("connected");
        up.since = QStringLiteral("2026-11-25T09:00:00.000Z");
        up.lastMessageAt = QStringLiteral("2026-11-25T09:59:00.000Z");
        up.unacked = 3;
        up.rejects = 1;
        up.lastError = QStringLiteral("bad frame");
        up.channel = QStringLiteral("encrypted");
        up.storeKey = QStringLiteral("1 of 2 (64c27308)");
        PeerHealth::Peer down;
        down.key = QStringLiteral("ws://10.0.0.3:8123");
        down.url = down.key;
        down.direction = QStringLiteral("outbound");
        down.state = QStringLiteral("backing_off");
        down.since = QStringLiteral("2026-11-25T09:50:00.000Z");
        down.backoffUntilMs = 1795600800500; // 2026-11-25T10:00:00.500Z
        h.peers = {up, down};

        // Written out key by key (moc 6.4 cannot read a raw string literal here).
        const QJsonObject upJson{
            {QStringLiteral("peer"), QStringLiteral("ws://10.0.0.2:8123")},
            {QStringLiteral("url"), QStringLiteral("ws://10.0.0.2:8123")},
            {QStringLiteral("terminalId"), QStringLiteral("L2")},
            {QStringLiteral("direction"), QStringLiteral("outbound")},
            {QStringLiteral("state"), QStringLiteral("connected")},
            {QStringLiteral("since"), QStringLiteral("2026-11-25T09:00:00.000Z")},
            {QStringLiteral("lastMessageAt"), QStringLiteral("2026-11-25T09:59:00.000Z")},
            {QStringLiteral("unacked"), 3},
            {QStringLiteral("rejects"), 1},
            {QStringLiteral("lastError"), QStringLiteral("bad frame")},
            {QStringLiteral("channel"), QStringLiteral("encrypted")},
            {QStringLiteral("storeKey"), QStringLiteral("1 of 2 (64c27308)")}};
        const QJsonObject downJson{
            {QStringLiteral("peer"), QStringLiteral("ws://10.0.0.3:8123")},
            {QStringLiteral("url"), QStringLiteral("ws://10.0.0.3:8123")},
            {QStringLiteral("terminalId"), QString()},
            {QStringLiteral("direction"), QStringLiteral("outbound")},
            {QStringLiteral("state"), QStringLiteral("backing_off")},
            {QStringLiteral("since"), QStringLiteral("2026-11-25T09:50:00.000Z")},
            {QStringLiteral("lastMessageAt"), QString()},
            {QStringLiteral("unacked"), 0},
            {QStringLiteral("rejects"), 0},
            {QStringLiteral("lastError"), QString()},
            {QStringLiteral("channel"), QString()},
            {QStringLiteral("backoffUntil"), QStringLiteral("2026-11-25T10:00:00.500Z")}};
        const QJsonObject expected{
            {QStringLiteral("terminalId"), QStringLiteral("L1")},
            {QStringLiteral("listening"), true},
            {QStringLiteral("port"), 8123},
            {QStringLiteral("lastSyncAt"), QStringLiteral("2026-11-25T10:00:00.000Z")},
            {QStringLiteral("peers"), QJsonArray{upJson, downJson}}};
        QCOMPARE(h.toJson(), expected);
        const QVariantList variants = h.peersAsVariants();
        QCOMPARE(variants.size(), 2);
        QCOMPARE(variants.at(0).toMap().value(QStringLiteral("terminalId")).toString(),
                 QStringLiteral("L2"));
        QVERIFY(!variants.at(0).toMap().contains(QStringLiteral("backoffUntil")));
        QCOMPARE(variants.at(1).toMap().value(QStringLiteral("backoffUntil")).toString(),
                 QStringLiteral("2026-11-25T10:00:00.500Z"));
    }

    void statusRowOfAPeer()
    {
        const QString now = QStringLiteral("2026-11-25T10:00:01.000Z");
        PeerHealth::Peer p;
        p.key = QStringLiteral("inbound:L3");
        p.terminalId = QStringLiteral("L3");
        p.state = QStringLiteral("connected");
        p.unacked = 5;
        // A peer known only from a reject: no direction or since yet.
        PeerStatusRow row =
            PeerStatusPublisher::rowOf(p, QStringLiteral("2026-11-25T10:00:00.000Z"), now);
        QCOMPARE(row.peer, QStringLiteral("inbound:L3"));
        QCOMPARE(row.direction, QStringLiteral("inbound"));
        QCOMPARE(row.since, now);
        QCOMPARE(row.lastSyncAt, QStringLiteral("2026-11-25T10:00:00.000Z"));
        QCOMPARE(row.unacked, 5);
        QVERIFY(row.backoffUntil.isEmpty());
        p.direction = QStringLiteral("outbound");
        p.since = QStringLiteral("2026-11-25T09:00:00.000Z");
        p.backoffUntilMs = 1795600800500;
        row = PeerStatusPublisher::rowOf(p, QString(), now);
        QCOMPARE(row.direction, QStringLiteral("outbound"));
        QCOMPARE(row.since, QStringLiteral("2026-11-25T09:00:00.000Z"));
        QCOMPARE(row.backoffUntil, QStringLiteral("2026-11-25T10:00:00.500Z"));
    }

    void storeWritesReadsAndDropsStaleRows()
    {
        TestLane t;
        PeerStatusStore store(t.db());
        const QString t1 = QStringLiteral("2026-11-25T10:00:00.000Z");
        const QString t2 = QStringLiteral("2026-11-25T10:00:00.500Z");
        PeerStatusRow a;
        a.peer = QStringLiteral("ws://b");
        a.url = a.peer;
        a.terminalId = QStringLiteral("L3");
        a.direction = QStringLiteral("outbound");
        a.state = QStringLiteral("backing_off");
        a.since = t1;
        a.backoffUntil = t2;
        a.unacked = 12;
        a.lastError = QStringLiteral("Connection refused");
        PeerStatusRow b;
        b.peer = QStringLiteral("inbound:L2");
        b.terminalId = QStringLiteral("L2");
        b.direction = QStringLiteral("inbound");
        b.state = QStringLiteral("connected");
        b.since = t1;
        b.lastSyncAt = t1;
        b.rejects = 2;
        PeerStatusRow c;
        c.peer = QStringLiteral("ws://a"); // does not know whom it dials yet
        c.url = c.peer;
        c.direction = QStringLiteral("outbound");
        c.state = QStringLiteral("connecting");
        c.since = t1;
        for (const PeerStatusRow &r : {a, b, c})
            QVERIFY(store.upsert(r, t1));

        auto byPeer = store.byPeer();
        QVERIFY2(byPeer, qPrintable(byPeer.error()));
        QStringList keys;
        for (const PeerStatusRow &r : std::as_const(*byPeer))
            keys.append(r.peer);
        QCOMPARE(keys, QStringList({QStringLiteral("inbound:L2"), QStringLiteral("ws://a"),
                                    QStringLiteral("ws://b")}));
        const PeerStatusRow &readA = byPeer->at(2);
        QCOMPARE(readA.terminalId, QStringLiteral("L3"));
        QCOMPARE(readA.backoffUntil, t2);
        QCOMPARE(readA.unacked, 12);
        QCOMPARE(readA.lastError, QStringLiteral("Connection refused"));
        QCOMPARE(byPeer->at(0).rejects, 2);

        // Empty optional columns are NULL, not "".
        auto nulls = t.db().integer(QStringLiteral(
            "SELECT COUNT(*) FROM peer_status WHERE peer = 'ws://a' AND terminal_id IS NULL "
            "AND backoff_until IS NULL AND last_message_at IS NULL AND last_sync_at IS NULL AND "
            "last_error IS NULL"));
        QVERIFY(nulls);
        QCOMPARE(nulls->value_or(0), 1);

        // The panel's order: by terminal id, the peer key where there is none.
        auto byTerminal = store.byTerminal();
        QVERIFY(byTerminal);
        keys.clear();
        for (const PeerStatusRow &r : std::as_const(*byTerminal))
            keys.append(r.peer);
        QCOMPARE(keys, QStringList({QStringLiteral("inbound:L2"), QStringLiteral("ws://b"),
                                    QStringLiteral("ws://a")}));

        // Publishing again updates in place and drops who was not published.
        a.state = QStringLiteral("connected");
        a.backoffUntil.clear();
        QVERIFY(store.upsert(a, t2));
        QVERIFY(store.upsert(c, t2));
        QVERIFY(store.removeNotUpdatedAt(t2));
        byPeer = store.byPeer();
        QVERIFY(byPeer);
        QCOMPARE(byPeer->size(), 2);
        QCOMPARE(byPeer->at(1).peer, QStringLiteral("ws://b"));
        QCOMPARE(byPeer->at(1).state, QStringLiteral("connected"));
        QVERIFY(byPeer->at(1).backoffUntil.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstPeerParts)
#include "tst_peerparts.moc"
