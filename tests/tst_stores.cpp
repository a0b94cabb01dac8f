// The stores that own the inbox, the message log, held messages and customers, on a real lane
// database (each test its own migrated SQLite file).
#include "customerstore.h"
#include "employeestore.h"
#include "heldmessagestore.h"
#include "inboxstore.h"
#include "outboxstore.h"
#include "peerprogressstore.h"
#include "testlane.h"
#include "writetransaction.h"

#include <QTest>

namespace {
const QString kOrigin = QStringLiteral("L7");

QString messageId(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

InboxRow received(int n, qint64 seq, const QString &origin = kOrigin)
{
    return InboxRow{messageId(n),
                    origin,
                    QStringLiteral("inventory"),
                    QByteArray(R"({"n":)") + QByteArray::number(n) + '}',
                    QStringLiteral("2026-11-25T10:00:00.000Z"),
                    seq,
                    QStringLiteral("2026-11-25T09:59:59.000Z")};
}

qint64 integer(Database &db, const QString &sql, const QString &arg)
{
    auto v = db.integer(sql, arg);
    return v && *v ? **v : -1;
}
} // namespace

class TstStores : public QObject
{
    Q_OBJECT

private slots:
    // The inbox records a message once: a second insert of the same id fails and leaves one
    // row, and arrival() knows it (and this lane's own messages) from then on.
    void inboxInsertIsOnceAndArrivalKnowsIt()
    {
        TestLane t;
        InboxStore inbox(t.db());
        const InboxRow row = received(1, 1);

        auto before = inbox.arrival(row.messageId);
        QVERIFY2(before, qPrintable(before.error()));
        QVERIFY(!before->known);
        QVERIFY(!before->accepted());

        QVERIFY(inbox.insert(row));
        Status again = inbox.insert(row);
        QVERIFY(!again);
        QVERIFY2(again.error().contains(QLatin1String("inbox_processed")),
                 qPrintable(again.error()));
        QCOMPARE(
            integer(t.db(),
                    QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE message_id = ?"),
                    row.messageId),
            1);

        auto after = inbox.arrival(row.messageId);
        QVERIFY(after);
        QVERIFY(after->known);

        auto stored = inbox.stored(row.messageId);
        QVERIFY(stored);
        QVERIFY(stored->has_value());
        QCOMPARE((*stored)->origin, kOrigin);
        QCOMPARE((*stored)->topic, QStringLiteral("inventory"));
        QCOMPARE((*stored)->payload, row.payload);

        // The lane's own message counts as known too.
        OutboxStore outbox(t.db());
        OutboxRow own;
        own.id = messageId(2);
        own.topic = QStringLiteral("customer");
        own.payload = QByteArray(R"({"id":"x"})");
        own.createdAt = QStringLiteral("2026-11-25T10:00:00.000Z");
        own.terminalId = QStringLiteral("L9");
        own.seq = 1;
        QVERIFY(outbox.insert(own));
        auto ownArrival = inbox.arrival(own.id);
        QVERIFY(ownArrival);
        QVERIFY(ownArrival->known);
        auto ownStored = inbox.stored(own.id);
        QVERIFY(ownStored && ownStored->has_value());
        QCOMPARE((*ownStored)->origin, QStringLiteral("L9"));
        QVERIFY(!inbox.stored(messageId(3))->has_value());
    }

    // Contiguous progress walks over seqs applied now and those that came ahead of them
    // before; max_seq only grows; the local origin is left out of the vectors.
    void originProgressAdvancesOverGaps()
    {
        TestLane t;
        InboxStore inbox(t.db());
        for (int seq : {2, 1})
            QVERIFY(inbox.insert(received(seq, seq)));
        QVERIFY(inbox.advanceOrigin(kOrigin, {2, 1}));
        QCOMPARE(inbox.contiguousSeqs(QStringLiteral("L1"))->value(kOrigin, -1), 2);

        // 4 arrives before 3: a gap.
        QVERIFY(inbox.insert(received(4, 4)));
        QVERIFY(inbox.advanceOrigin(kOrigin, {4}));
        QCOMPARE(inbox.contiguousSeqs(QStringLiteral("L1"))->value(kOrigin, -1), 2);
        QCOMPARE(inbox.maxSeqs(QStringLiteral("L1"))->value(kOrigin, -1), 4);

        // 3 fills it, and the walk finds 4 in inbox_processed.
        QVERIFY(inbox.insert(received(3, 3)));
        QVERIFY(inbox.advanceOrigin(kOrigin, {3}));
        QCOMPARE(inbox.contiguousSeqs(QStringLiteral("L1"))->value(kOrigin, -1), 4);
        QCOMPARE(inbox.maxSeqs(QStringLiteral("L1"))->value(kOrigin, -1), 4);

        // A lower max never moves it back; the excepted origin is not listed.
        QVERIFY(inbox.advanceOrigin(kOrigin, {1}));
        QCOMPARE(inbox.maxSeqs(QStringLiteral("L1"))->value(kOrigin, -1), 4);
        QVERIFY(!inbox.contiguousSeqs(kOrigin)->contains(kOrigin));
        QVERIFY(!inbox.maxSeqs(kOrigin)->contains(kOrigin));

        auto page = inbox.afterSeq(kOrigin, 1, 2);
        QVERIFY2(page, qPrintable(page.error()));
        QCOMPARE(page->size(), 2);
        QCOMPARE(page->at(0).seq, 2);
        QCOMPARE(page->at(0).messageId, messageId(2));
        QCOMPARE(page->at(0).payload, received(2, 2).payload);
        QCOMPARE(page->at(0).sentAt, QStringLiteral("2026-11-25T09:59:59.000Z"));
        QCOMPARE(page->at(1).seq, 3);
        QVERIFY(inbox.afterSeq(QStringLiteral("L8"), 0, 10)->isEmpty());
    }

    // A failed message rolls back to its savepoint alone; what came before it stays.
    void messageSavepointUndoesOneMessage()
    {
        TestLane t;
        InboxStore inbox(t.db());
        WriteTransaction tx(t.db());
        QVERIFY(tx.isActive());
        QVERIFY(inbox.beginMessage());
        QVERIFY(inbox.insert(received(1, 1)));
        QVERIFY(inbox.keepMessage());
        QVERIFY(inbox.beginMessage());
        QVERIFY(inbox.insert(received(2, 2)));
        QVERIFY(inbox.undoMessage());
        QVERIFY(inbox.keepMessage());
        QVERIFY(tx.commit());
        QVERIFY(inbox.arrival(messageId(1))->known);
        QVERIFY(!inbox.arrival(messageId(2))->known);
    }

    void peerProgressOnlyGrows()
    {
        TestLane t;
        PeerProgressStore peers(t.db());
        QVERIFY(peers.record(QStringLiteral("L2"), kOrigin, 5));
        QVERIFY(peers.record(QStringLiteral("L2"), kOrigin, 3));
        QVERIFY(peers.record(QStringLiteral("L2"), QStringLiteral("L1"), 9));
        QVERIFY(peers.record(QStringLiteral("L3"), kOrigin, 1));
        auto holds = peers.holds(QStringLiteral("L2"));
        QVERIFY2(holds, qPrintable(holds.error()));
        const QMap<QString, qint64> expected{{kOrigin, 5}, {QStringLiteral("L1"), 9}};
        QCOMPARE(*holds, expected);
        QVERIFY(peers.holds(QStringLiteral("L4"))->isEmpty());
    }

    // Held, listed, due, released: and an acceptance stands only when it is the earliest.
    void heldMessageHoldReleaseAcceptRoundTrip()
    {
        TestLane t;
        InboxStore inbox(t.db());
        HeldMessageStore held(t.db());
        const InboxRow first = received(1, 1);
        const InboxRow second = received(2, 2);
        QVERIFY(inbox.insert(first));
        QVERIFY(inbox.insert(second));
        QVERIFY(held.hold(HeldMessageRow{first.messageId,
                                         kOrigin,
                                         first.topic,
                                         5000,
                                         QStringLiteral("2026-11-25T10:00:00.000Z"),
                                         {}}));
        QVERIFY(held.hold(HeldMessageRow{second.messageId,
                                         kOrigin,
                                         second.topic,
                                         3000,
                                         QStringLiteral("2026-11-25T10:00:01.000Z"),
                                         {}}));
        QVERIFY(!held.hold(HeldMessageRow{first.messageId, kOrigin, first.topic, 1, {}, {}}));

        auto waiting = held.waiting(10);
        QVERIFY2(waiting, qPrintable(waiting.error()));
        QCOMPARE(waiting->size(), 2);
        QCOMPARE(waiting->at(0).messageId, second.messageId); // oldest stamp first
        QCOMPARE(waiting->at(0).stampedMs, 3000);
        QCOMPARE(waiting->at(0).payload, second.payload);
        QCOMPARE(waiting->at(1).heldAt, QStringLiteral("2026-11-25T10:00:00.000Z"));
        QCOMPARE(held.waiting(1)->size(), 1);

        QCOMPARE(*held.due(2999), QStringList());
        QCOMPARE(*held.due(4000), QStringList{second.messageId});
        auto summary = held.summary();
        QVERIFY(summary);
        QCOMPARE(summary->waiting, 2);
        QCOMPARE(summary->firstStampedMs, 3000);

        auto unreleased = held.unreleased(first.messageId);
        QVERIFY(unreleased && unreleased->has_value());
        QCOMPARE((*unreleased)->origin, kOrigin);
        QCOMPARE((*unreleased)->topic, first.topic);
        QCOMPARE((*unreleased)->stampedMs, 5000);
        auto asReceived = held.received(first.messageId);
        QVERIFY(asReceived && asReceived->has_value());
        QCOMPARE((*asReceived)->payload, first.payload);
        QCOMPARE((*asReceived)->seq, 1);
        QCOMPARE((*asReceived)->sentAt, first.sentAt);
        QVERIFY(*held.isHeld(first.messageId));

        // Release the second by time.
        QVERIFY(held.markReleased(second.messageId, QStringLiteral("2026-11-25T10:05:00.000Z"),
                                  QStringLiteral("time")));
        QVERIFY(!*held.isHeld(second.messageId));
        QVERIFY(!held.received(second.messageId)->has_value());
        QVERIFY(!held.unreleased(second.messageId)->has_value());
        QCOMPARE(held.summary()->waiting, 1);
        QCOMPARE(held.summary()->firstStampedMs, 5000);
        QCOMPARE(integer(t.db(),
                         QStringLiteral("SELECT COUNT(*) FROM held_messages WHERE message_id = ? "
                                        "AND released_by = 'time'"),
                         second.messageId),
                 1);

        // Accept the first: the earliest acceptance stands.
        QVERIFY(!*held.acceptedNoLaterThan(first.messageId, 9000, 0));
        QVERIFY(held.putAcceptance(
            HeldAcceptanceRow{first.messageId, 4000, 2, QStringLiteral("manager-id"),
                              QStringLiteral("L1"), QStringLiteral("2026-11-25T10:06:00Z")}));
        QVERIFY(*held.acceptedNoLaterThan(first.messageId, 4000, 2));
        QVERIFY(*held.acceptedNoLaterThan(first.messageId, 4001, 0));
        QVERIFY(!*held.acceptedNoLaterThan(first.messageId, 4000, 1));
        QVERIFY(!*held.acceptedNoLaterThan(second.messageId, 9000, 0));
        auto arrival = inbox.arrival(first.messageId);
        QVERIFY(arrival);
        QVERIFY(arrival->accepted());
        QCOMPARE(arrival->acceptedMs, 4000);
        QCOMPARE(arrival->acceptedCounter, 2);
        // A later one replaces it when put (the caller decides which stands).
        QVERIFY(held.putAcceptance(HeldAcceptanceRow{first.messageId, 3500, 0, QString(), kOrigin,
                                                     QStringLiteral("2026-11-25T10:07:00Z")}));
        QCOMPARE(inbox.arrival(first.messageId)->acceptedMs, 3500);
        QVERIFY(held.markReleased(first.messageId, QStringLiteral("2026-11-25T10:07:00Z"),
                                  QStringLiteral("clock:L7")));
        QCOMPARE(held.summary()->waiting, 0);
        QCOMPARE(held.summary()->firstStampedMs, 0);
        QVERIFY(held.waiting(10)->isEmpty());
    }

    // Received customers: last write wins by updated_at; created_at stays as first known.
    void customerUpsertLastWriteWins()
    {
        TestLane t;
        CustomerStore customers(t.db());
        const QString id = messageId(10);
        const QString t1 = QStringLiteral("2026-11-25T10:00:00.000Z");
        const QString t2 = QStringLiteral("2026-11-25T11:00:00.000Z");
        const QString t0 = QStringLiteral("2026-11-25T09:00:00.000Z");
        QVERIFY(customers.upsertIfNewer(
            Customer{id, QStringLiteral("Ana 100% Real"), QStringLiteral("+15550100"), QString()},
            t1, t1));
        QVERIFY(customers.upsertIfNewer(
            Customer{id, QStringLiteral("Ana Newer"), QStringLiteral("+15550101"), QString()}, t2,
            t2));
        QVERIFY(customers.upsertIfNewer(
            Customer{id, QStringLiteral("Ana Older"), QString(), QStringLiteral("a@b.co")}, t0,
            t0));
        auto found = customers.byPhone(QStringLiteral("0101"), 10);
        QVERIFY2(found, qPrintable(found.error()));
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->at(0).name, QStringLiteral("Ana Newer"));
        QCOMPARE(found->at(0).email, QString()); // NULL read as empty
        QCOMPARE(t.db()
                     .text(QStringLiteral("SELECT created_at || '|' || updated_at FROM "
                                          "customers WHERE id = ?"),
                           id)
                     ->value_or(QString()),
                 t1 + QLatin1Char('|') + t2);
        QCOMPARE(integer(t.db(),
                         QStringLiteral("SELECT COUNT(*) FROM customers WHERE id = ? AND email "
                                        "IS NULL"),
                         id),
                 1);

        // Re-timed only from the time it has.
        QVERIFY(customers.restamp(id, t1, t0));
        QCOMPARE(t.db()
                     .text(QStringLiteral("SELECT updated_at FROM customers WHERE id = ?"), id)
                     ->value_or(QString()),
                 t2);
        QVERIFY(customers.restamp(id, t2, t0));
        QCOMPARE(t.db()
                     .text(QStringLiteral("SELECT updated_at FROM customers WHERE id = ?"), id)
                     ->value_or(QString()),
                 t0);
    }

    void customerInsertAndFind()
    {
        TestLane t;
        CustomerStore customers(t.db());
        const QString now = QStringLiteral("2026-11-25T10:00:00.000Z");
        QVERIFY(customers.insert(Customer{messageId(1), QStringLiteral("50% Off Bob"),
                                          QStringLiteral("+15550142"), QString()},
                                 now, now));
        QVERIFY(customers.insert(Customer{messageId(2), QStringLiteral("alice"), QString(),
                                          QStringLiteral("alice@example.com")},
                                 now, now));
        QVERIFY(customers.insert(Customer{messageId(3), QStringLiteral("Alfred 50 Off"),
                                          QStringLiteral("+15550199"), QString()},
                                 now, now));
        QVERIFY(!customers.insert(Customer{messageId(1), QStringLiteral("x"), QString(), QString()},
                                  now, now));

        // % matches itself, not anything.
        auto percent = customers.byName(QStringLiteral("50%"), 10);
        QVERIFY2(percent, qPrintable(percent.error()));
        QCOMPARE(percent->size(), 1);
        QCOMPARE(percent->at(0).id, messageId(1));
        auto al = customers.byName(QStringLiteral("AL"), 10);
        QVERIFY(al);
        QCOMPARE(al->size(), 2);
        QCOMPARE(al->at(0).name, QStringLiteral("Alfred 50 Off")); // by name, case-insensitively
        QCOMPARE(al->at(1).email, QStringLiteral("alice@example.com"));
        QCOMPARE(al->at(1).phone, QString());
        QCOMPARE(customers.byName(QStringLiteral("AL"), 1)->size(), 1);
        QCOMPARE(customers.byPhone(QStringLiteral("5550"), 10)->size(), 2);

        auto name = customers.nameWithPhone(QStringLiteral("+15550142"));
        QVERIFY(name);
        QCOMPARE(name->value_or(QString()), QStringLiteral("50% Off Bob"));
        QVERIFY(!customers.nameWithPhone(QStringLiteral("+15550143"))->has_value());
    }

    // Received employees: last write wins; the login state stays this lane's.
    void employeeUpsertKeepsLoginState()
    {
        TestLane t;
        EmployeeStore employees(t.db());
        Employee e;
        e.id = messageId(20);
        e.name = QStringLiteral("Eve");
        e.role = QStringLiteral("cashier");
        e.pinHash = QStringLiteral("$argon2id$x");
        e.discountLimitBp = 500;
        const QString t1 = QStringLiteral("2026-11-25T10:00:00.000Z");
        const QString t2 = QStringLiteral("2026-11-25T11:00:00.000Z");
        QVERIFY(employees.upsertIfNewer(e, t1));
        QVERIFY(employees.setLoginState(e.id, 2, QString(), t1));
        e.role = QStringLiteral("manager");
        e.active = false;
        QVERIFY(employees.upsertIfNewer(e, t2));
        e.name = QStringLiteral("Old Eve");
        QVERIFY(employees.upsertIfNewer(e, t1));
        auto got = employees.byId(e.id);
        QVERIFY(got && got->has_value());
        QCOMPARE((*got)->name, QStringLiteral("Eve"));
        QCOMPARE((*got)->role, QStringLiteral("manager"));
        QVERIFY(!(*got)->active);
        QCOMPARE((*got)->failedAttempts, 2);
        QCOMPARE((*got)->discountLimitBp, 500);
        QVERIFY(employees.restamp(e.id, t1, t2)); // not its time: unchanged
        QVERIFY(employees.restamp(e.id, t2, t1));
        QCOMPARE(t.db()
                     .text(QStringLiteral("SELECT updated_at FROM employees WHERE id = ?"), e.id)
                     ->value_or(QString()),
                 t1);
    }

    // The outbox as the message log reads and marks it.
    void outboxLogReadsAndMarks()
    {
        TestLane t;
        OutboxStore outbox(t.db());
        const QString lane = QStringLiteral("L9");
        QCOMPARE(*outbox.lastSeq(lane), 0);
        for (int seq = 1; seq <= 3; ++seq) {
            auto next = t.db().nextCounter(QStringLiteral("outbox_seq:") + lane);
            QVERIFY(next);
            QCOMPARE(*next, seq);
            OutboxRow row;
            row.id = messageId(seq);
            row.topic = seq == 2 ? QStringLiteral("transaction") : QStringLiteral("heartbeat");
            row.payload = QByteArray(R"({"seq":)") + QByteArray::number(seq) + '}';
            row.createdAt = QStringLiteral("2026-11-25T10:00:0%1.000Z").arg(seq);
            row.terminalId = lane;
            row.seq = seq;
            QVERIFY(outbox.insert(row));
        }
        QCOMPARE(*outbox.lastSeq(lane), 3);

        auto page = outbox.afterSeq(lane, 1, 10);
        QVERIFY2(page, qPrintable(page.error()));
        QCOMPARE(page->size(), 2);
        QCOMPARE(page->at(0).id, messageId(2));
        QCOMPARE(page->at(0).payload, QByteArray(R"({"seq":2})"));
        QCOMPARE(page->at(0).createdAt, QStringLiteral("2026-11-25T10:00:02.000Z"));
        QCOMPARE(page->at(1).seq, 3);
        QCOMPARE(page->at(1).terminalId, lane);

        const QString at = QStringLiteral("2026-11-25T10:01:00.000Z");
        QVERIFY(outbox.markPeerAcked(messageId(1), at));
        auto marked = outbox.markPeerAckedUpTo(lane, 2, at);
        QVERIFY2(marked, qPrintable(marked.error()));
        QCOMPARE(*marked, 1); // 1 was acked already
        QCOMPARE(*outbox.markPeerAckedUpTo(lane, 2, at), 0);
        QCOMPARE((*outbox.byId(messageId(2)))->status, QStringLiteral("peer_ack"));
        QCOMPARE((*outbox.byId(messageId(3)))->status, QStringLiteral("pending"));

        // Timed topics only, with the time an acceptance gave them.
        HeldMessageStore held(t.db());
        QVERIFY(held.putAcceptance(HeldAcceptanceRow{messageId(2), 1234, 5, QString(), lane, at}));
        // (The lane's own start-up messages may be listed too: only these test rows count.)
        const auto timedOfLane = [&](const QString &since) {
            QList<OutboxStore::Timed> out;
            auto timed = outbox.timedSince(since);
            if (!timed)
                qWarning() << timed.error();
            for (const OutboxStore::Timed &m : timed.value_or({}))
                if (m.id.startsWith(QLatin1String("00000000-0000-4000-8000-")))
                    out.append(m);
            return out;
        };
        const QList<OutboxStore::Timed> timed =
            timedOfLane(QStringLiteral("2026-11-25T10:00:00.000Z"));
        QCOMPARE(timed.size(), 1);
        QCOMPARE(timed.at(0).id, messageId(2));
        QCOMPARE(timed.at(0).payload, QByteArray(R"({"seq":2})"));
        QCOMPARE(timed.at(0).acceptedMs, 1234);
        QCOMPARE(timed.at(0).acceptedCounter, 5);
        QVERIFY(timedOfLane(QStringLiteral("2026-11-25T10:00:02.000Z")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstStores)
#include "tst_stores.moc"
