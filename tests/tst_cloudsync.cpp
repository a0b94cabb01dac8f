// Cloud sync against the real thing: tools/cloud-dev's PostgreSQL 15 and the sync-pos-message
// Edge Function under Deno. The lane side is the real CloudSync on real SQLite files, in process
// (TestLane) and in real lane processes; failures of the network come from a TCP proxy.
#include "clouddev.h"
#include "cloudsync.h"
#include "healthreport.h"
#include "laneprocess.h"
#include "outbox.h"
#include "testlane.h"
#include "testseed.h"
#include "writetransaction.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestCloudSync : public QObject
{
    Q_OBJECT

    CloudDev m_cloud;

    // Id seeds and store names from the printed test seed (EUPHORIA_TEST_SEED replays a run).
    static quint32 seed() { return testRandom().generate(); }
    static QString newStore()
    {
        return QStringLiteral("t%1").arg(testRandom().generate(), 8, 16, QLatin1Char('0'));
    }

    CloudSyncConfig config(TestLane &t, const QString &store, const QString &url = {}) const
    {
        CloudSyncConfig c;
        c.supabaseUrl = url.isEmpty() ? m_cloud.supabaseUrl() : url;
        c.serviceKey = m_cloud.serviceKey().toUtf8();
        c.storeId = store;
        c.terminalId = t.lane().config().terminalId;
        c.intervalMs = 3600000; // runs come from syncNow() and full batches in these tests
        c.hasPeers = false;
        c.offlineInitialMs = 100;
        c.offlineMaxMs = 400;
        c.timeoutMs = 10000;
        return c;
    }

    // After a failed attempt the whole queue backs off on the lane's clock: waits (in real time)
    // until it does, then moves the clock to the end of the backoff, which starts the next
    // attempt. False when no backoff began.
    static bool endBackoff(TestLane &t, const CloudSync &cloud)
    {
        if (!QTest::qWaitFor([&] { return !cloud.health().backoffUntil.isEmpty(); }, 30000))
            return false;
        const qint64 ms = t.clock().nowUtc().msecsTo(Clock::fromIso(cloud.health().backoffUntil));
        t.clock().advanceMs(std::max<qint64>(1, ms));
        return true;
    }

    qint64 rows(const QString &store, const QString &where = QStringLiteral("true")) const
    {
        return m_cloud.count(
            QStringLiteral("select count(*) from pos_messages where store_id = '%1' and %2")
                .arg(store, where));
    }

private slots:
    void initTestCase() { QVERIFY2(m_cloud.start(), qPrintable(m_cloud.error())); }
    void cleanupTestCase() { m_cloud.stop(); }

    void thousandSalesEndUpAsExactlyThousandRows()
    {
        TestLane t(QStringLiteral("L1"), seed());
        QCOMPARE(t.ringSaleFrames(1000).size(), 1000);
        const QString store = newStore();
        CloudSync cloud(t.db(), t.clock(), config(t, store));
        QSignalSpy batches(&cloud, &CloudSync::batchDone);
        cloud.start();
        QTRY_COMPARE_WITH_TIMEOUT(
            t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'cloud_ack'")), 1000,
            120000);
        QCOMPARE(batches.size(), 5); // 200 per request, drained without waiting for the timer
        QCOMPARE(rows(store), 1000);
        QCOMPARE(m_cloud.count(QStringLiteral("select count(*) from pos_sales where store_id = "
                                              "'%1'")
                                   .arg(store)),
                 1000);
        // Every sale's total arrived as the lane recorded it.
        QCOMPARE(m_cloud.count(QStringLiteral("select sum(total_cents) from pos_sales where "
                                              "store_id = '%1'")
                                   .arg(store)),
                 t.count(QStringLiteral("SELECT SUM(total_cents) FROM transactions")));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE cloud_acked_at IS "
                                        "NULL OR retry_count <> 0")),
                 0);
        QVERIFY(cloud.health().ok);
        QCOMPARE(cloud.health().uploaded, 1000);
    }

    void replyLostAfterTheInsertIsRetriedAndStoredOnce()
    {
        TestLane t(QStringLiteral("L1"), seed());
        QVERIFY(!t.ringSaleFrames(50).isEmpty());
        const QString store = newStore();
        FaultProxy proxy(m_cloud.functionPort());
        QVERIFY(proxy.listen());
        proxy.setMode(FaultProxy::Mode::DropReplies);
        CloudSync cloud(t.db(), t.clock(), config(t, store, proxy.url()));
        cloud.start();
        // The function stored them, the lane never heard: nothing is marked, the queue waits.
        QTRY_COMPARE_WITH_TIMEOUT(rows(store), 50, 30000);
        QTRY_VERIFY(proxy.dropped() >= 1);
        QTRY_VERIFY(!cloud.health().lastError.isEmpty());
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")),
                 50);

        proxy.setMode(FaultProxy::Mode::Forward);
        QVERIFY(endBackoff(t, cloud));
        QTRY_COMPARE_WITH_TIMEOUT(
            t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'cloud_ack'")), 50,
            30000);
        QCOMPARE(rows(store), 50);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE retry_count <> 0")), 0);
        QVERIFY(cloud.health().ok);
    }

    void cloudDownThenBackDeliversEverythingWithoutBurningRetries()
    {
        TestLane t(QStringLiteral("L1"), seed());
        QVERIFY(!t.ringSaleFrames(30).isEmpty());
        const QString store = newStore();
        FaultProxy proxy(m_cloud.functionPort());
        QVERIFY(proxy.listen());
        proxy.setMode(FaultProxy::Mode::Refuse);
        CloudSync cloud(t.db(), t.clock(), config(t, store, proxy.url()));
        cloud.start();
        // Several attempts while down: each backs off the queue, none touches a message.
        int refused = 0;
        for (int attempt = 0; attempt < 3; ++attempt) {
            QVERIFY(QTest::qWaitFor([&] { return !cloud.health().backoffUntil.isEmpty(); }, 30000));
            QVERIFY(proxy.refused() > refused); // this attempt reached the (refusing) network
            refused = proxy.refused();
            QVERIFY(!cloud.health().reachable);
            QVERIFY(cloud.health().lastError.contains(QLatin1String("unreachable")));
            QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = "
                                            "'pending' AND retry_count = 0")),
                     30);
            if (attempt < 2)
                QVERIFY(endBackoff(t, cloud)); // the next attempt
        }

        // The network is back; at the end of the backoff the queue resumes by itself.
        proxy.setMode(FaultProxy::Mode::Forward);
        QVERIFY(endBackoff(t, cloud));
        QTRY_COMPARE_WITH_TIMEOUT(
            t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'cloud_ack'")), 30,
            30000);
        QCOMPARE(rows(store), 30);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE retry_count <> 0")), 0);
        QVERIFY(cloud.health().ok);
        QVERIFY(cloud.health().backoffUntil.isEmpty());
    }

    // No answer at all (a name that does not resolve, a link that hangs past the transfer
    // timeout): the queue backs off, no message spends a retry, and it goes once the cloud is
    // there.
    void unreachableCloudBacksOffTheQueue_data()
    {
        QTest::addColumn<bool>("dns");
        QTest::newRow("name does not resolve") << true;
        QTest::newRow("transfer timeout") << false;
    }

    void unreachableCloudBacksOffTheQueue()
    {
        QFETCH(bool, dns);
        TestLane t(QStringLiteral("L1"), seed());
        QVERIFY(!t.ringSaleFrames(3).isEmpty());
        FaultProxy proxy(m_cloud.functionPort());
        QVERIFY(proxy.listen());
        proxy.setMode(FaultProxy::Mode::Silent);
        CloudSyncConfig c = config(
            t, newStore(), dns ? QStringLiteral("http://euphoria-cloud.invalid") : proxy.url());
        c.timeoutMs = 300;
        auto cloud = std::make_unique<CloudSync>(t.db(), t.clock(), c);
        cloud->start();
        QVERIFY(QTest::qWaitFor([&] { return !cloud->health().backoffUntil.isEmpty(); }, 30000));
        QVERIFY(!cloud->health().reachable);
        QVERIFY(cloud->health().lastError.contains(QLatin1String("unreachable")));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND "
                                        "retry_count = 0")),
                 3);
        // The same lane pointed at the cloud that answers delivers them.
        cloud.reset();
        const QString store = newStore();
        CloudSync good(t.db(), t.clock(), config(t, store));
        good.start();
        QTRY_COMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = "
                                            "'cloud_ack' AND retry_count = 0")),
                     3);
        QCOMPARE(rows(store), 3);
    }

    void wrongKeyIs401AndHealthSaysWhy()
    {
        TestLane t(QStringLiteral("L1"), seed());
        QVERIFY(!t.ringSaleFrames(5).isEmpty());
        const QString store = newStore();
        CloudSyncConfig c = config(t, store);
        c.serviceKey = "not-the-key";
        CloudSync cloud(t.db(), t.clock(), c);
        cloud.start();
        QTRY_VERIFY(cloud.health().lastError.contains(QLatin1String("401")));
        QVERIFY(cloud.health().reachable);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND "
                                        "retry_count = 0")),
                 5);
        QCOMPARE(rows(store), 0);

        LaneConfig lc = t.lane().config();
        lc.supabaseUrl = m_cloud.supabaseUrl();
        lc.supabaseServiceKey = QStringLiteral("not-the-key");
        auto report = HealthReport::read(lc, 120, t.clock().nowUtc());
        QVERIFY2(report, qPrintable(report.error()));
        const QString problems = report->problems.join(QLatin1Char('\n'));
        QVERIFY2(problems.contains(QLatin1String("service key")), qPrintable(problems));
        QVERIFY2(!problems.contains(QLatin1String("not-the-key")), "the key must never show");
        QVERIFY(!QJsonDocument(report->json).toJson().contains("not-the-key"));
    }

    void rejectedMessageIsRetriedThenFailedThenRetriedByTheManager()
    {
        TestLane t(QStringLiteral("L1"), seed());
        QVERIFY(!t.ringSaleFrames(3).isEmpty());
        // One sale the function refuses: a fractional amount of cents.
        const QString bad =
            t.db().scalar(QStringLiteral("SELECT id FROM outbox ORDER BY seq LIMIT 1"))->toString();
        const qint64 total = t.count(
            QStringLiteral("SELECT json_extract(payload, '$.totalCents') FROM outbox WHERE id = "
                           "'%1'")
                .arg(bad));
        QVERIFY(t.db().exec(QStringLiteral("UPDATE outbox SET payload = json_set(payload, "
                                           "'$.totalCents', 10.5) WHERE id = '%1'")
                                .arg(bad)));
        const QString store = newStore();
        CloudSyncConfig c = config(t, store);
        c.retryBaseMs = 1000;
        c.maxRetries = 3;
        CloudSync cloud(t.db(), t.clock(), c);
        QSignalSpy batches(&cloud, &CloudSync::batchDone);
        cloud.start();
        QTRY_COMPARE(batches.size(), 1);
        QCOMPARE(batches.at(0).at(0).toInt(), 2);
        QCOMPARE(batches.at(0).at(1).toInt(), 1);
        const QString status = QStringLiteral("SELECT status || ':' || retry_count FROM outbox "
                                              "WHERE id = '%1'")
                                   .arg(bad);
        QCOMPARE(t.db().scalar(status)->toString(), QStringLiteral("pending:1"));
        QVERIFY(
            t.db()
                .scalar(QStringLiteral("SELECT last_error FROM outbox WHERE id = '%1'").arg(bad))
                ->toString()
                .contains(QLatin1String("totalCents")));

        // Not before its backoff: a run now sends nothing.
        QSignalSpy idle(&cloud, &CloudSync::idle);
        cloud.syncNow();
        QTRY_COMPARE(idle.size(), 1);
        QCOMPARE(batches.size(), 1);
        // 1 s later the second try, 2 s after that the third, then it is failed.
        t.clock().advanceMs(1000);
        cloud.syncNow();
        QTRY_COMPARE(batches.size(), 2);
        QCOMPARE(t.db().scalar(status)->toString(), QStringLiteral("pending:2"));
        t.clock().advanceMs(2000);
        cloud.syncNow();
        QTRY_COMPARE(batches.size(), 3);
        QCOMPARE(t.db().scalar(status)->toString(), QStringLiteral("failed:3"));
        QCOMPARE(cloud.health().failed, 1);
        LaneConfig lc = t.lane().config();
        lc.supabaseUrl = m_cloud.supabaseUrl();
        lc.supabaseServiceKey = m_cloud.serviceKey();
        auto report = HealthReport::read(lc, 120, t.clock().nowUtc());
        QVERIFY(report);
        QVERIFY2(
            report->problems.join(QLatin1Char(' ')).contains(QLatin1String("1 messages failed")),
            qPrintable(report->problems.join(QLatin1Char(' '))));
        // Failed stays failed, however long it waits (a day of hourly runs).
        const qsizetype idleBefore = idle.size();
        t.clock().advanceMs(24 * 3600 * 1000);
        cloud.syncNow();
        QTRY_VERIFY(idle.size() > idleBefore);
        QCOMPARE(batches.size(), 3);
        QCOMPARE(t.db().scalar(status)->toString(), QStringLiteral("failed:3"));
        QCOMPARE(rows(store), 2);

        // The manager fixes what was wrong (here: the amount) and retries.
        QVERIFY(t.db().exec(QStringLiteral("UPDATE outbox SET payload = json_set(payload, "
                                           "'$.totalCents', %1) WHERE id = '%2'")
                                .arg(total)
                                .arg(bad)));
        auto reset = cloud.retryFailed();
        QVERIFY(reset);
        QCOMPARE(*reset, 1);
        QTRY_COMPARE(t.db().scalar(status)->toString(), QStringLiteral("cloud_ack:0"));
        QCOMPARE(rows(store), 3);
        QCOMPARE(cloud.health().failed, 0);
    }

    // The function refuses a body larger than it takes (413): the lane halves its batches until
    // the message that is too large is alone, rejects that one, and delivers the others.
    void aMessageTooLargeForTheFunctionDoesNotHoldBackTheOthers()
    {
        TestLane t(QStringLiteral("L1"), seed());
        {
            WriteTransaction tx(t.db());
            QVERIFY(t.lane().outbox().publish(
                QStringLiteral("customer"),
                {{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                 {QStringLiteral("note"), QString(5 * 1024 * 1024, QLatin1Char('x'))}}));
            QVERIFY(tx.commit());
        }
        QVERIFY(!t.ringSaleFrames(3).isEmpty());
        const QString store = newStore();
        CloudSync cloud(t.db(), t.clock(), config(t, store));
        cloud.start();
        QTRY_COMPARE_WITH_TIMEOUT(
            t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'cloud_ack'")), 3,
            30000);
        QTRY_COMPARE(t.db()
                         .scalar(QStringLiteral("SELECT retry_count || ' ' || last_error FROM "
                                                "outbox WHERE topic = 'customer'"))
                         ->toString()
                         .left(9),
                     QStringLiteral("1 HTTP 41"));
        QCOMPARE(rows(store), 3);
    }

    void badRepliesChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("response");
        auto http = [](const char *status, const QByteArray &body) -> QByteArray {
            return QByteArray("HTTP/1.1 ") + status +
                   "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                   QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        QTest::newRow("no results") << http("200 OK", "{\"results\":[]}");
        QTest::newRow("not json") << http("200 OK", "<html>gateway</html>");
        QTest::newRow("wrong ids")
            << http("200 OK", "{\"results\":[{\"messageId\":\"00000000-0000-4000-8000-"
                              "000000000000\",\"status\":\"stored\"}]}");
        QTest::newRow("unknown status") << QByteArray();
        QTest::newRow("server error") << http("500 Internal Server Error", "{\"error\":\"boom\"}");
        QTest::newRow("bad gateway") << http("502 Bad Gateway", "");
        QTest::newRow("garbage") << QByteArray("\x01\x02 not http at all\r\n\r\n");
    }

    void badRepliesChangeNothing()
    {
        QFETCH(QByteArray, response);
        TestLane t(QStringLiteral("L1"), seed());
        QVERIFY(!t.ringSaleFrames(1).isEmpty());
        const QString id =
            t.db().scalar(QStringLiteral("SELECT id FROM outbox LIMIT 1"))->toString();
        if (response.isEmpty()) {
            const QByteArray body =
                "{\"results\":[{\"messageId\":\"" + id.toUtf8() + "\",\"status\":\"maybe\"}]}";
            response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                       QByteArray::number(body.size()) + "\r\n\r\n" + body;
        }
        FaultProxy proxy(m_cloud.functionPort());
        QVERIFY(proxy.listen());
        proxy.setMode(FaultProxy::Mode::Answer);
        proxy.setAnswer(response);
        CloudSync cloud(t.db(), t.clock(), config(t, newStore(), proxy.url()));
        cloud.start();
        // Answered, backed off, tried again, backed off again: nothing marked either time.
        for (int attempt = 0; attempt < 2; ++attempt) {
            QVERIFY(endBackoff(t, cloud));
            QVERIFY(!cloud.health().lastError.isEmpty());
            QVERIFY(!cloud.health().ok);
            QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending' "
                                            "AND retry_count = 0 AND cloud_acked_at IS NULL")),
                     1);
        }
        QVERIFY(proxy.connections() >= 2);
    }

    void transactionsGoFirstAndEmployeesWithoutPinHash()
    {
        TestLane t(QStringLiteral("L1"), seed());
        Outbox &outbox = t.lane().outbox();
        const QString employeeId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            WriteTransaction tx(t.db());
            QVERIFY(outbox.publish(
                QStringLiteral("employee"),
                {{QStringLiteral("id"), employeeId},
                 {QStringLiteral("name"), QStringLiteral("Sam")},
                 {QStringLiteral("role"), QStringLiteral("cashier")},
                 {QStringLiteral("pinHash"), QStringLiteral("$argon2id$v=19$secret-hash")},
                 {QStringLiteral("active"), true}}));
            QVERIFY(tx.commit());
        }
        t.clock().advanceMs(1000);
        QVERIFY(!t.ringSaleFrames(1).isEmpty()); // later, but a transaction
        const QString store = newStore();
        CloudSyncConfig c = config(t, store);
        c.batchSize = 1;
        c.parallelRequests = 1; // one request at a time, so arrival order is upload order
        CloudSync cloud(t.db(), t.clock(), c);
        QSignalSpy batches(&cloud, &CloudSync::batchDone);
        cloud.start();
        QTRY_COMPARE(batches.size(), 2);
        QCOMPARE(m_cloud.query(QStringLiteral("select string_agg(topic, ',' order by received_at) "
                                              "from pos_messages where store_id = '%1'")
                                   .arg(store)),
                 QStringLiteral("transaction,employee"));
        QCOMPARE(m_cloud.query(QStringLiteral("select (data ? 'pinHash')::text || ',' || "
                                              "(data->>'name') from pos_messages where store_id = "
                                              "'%1' and topic = 'employee'")
                                   .arg(store)),
                 QStringLiteral("false,Sam"));
    }

    // The real executable: a single-lane store (no peers) uploads its pending sales, and a lane
    // whose only peer is down uploads its own once they have waited cloudPendingAfterSeconds.
    void laneProcessesUploadWithoutPeers_data()
    {
        QTest::addColumn<bool>("deadPeer");
        QTest::newRow("no peers configured") << false;
        QTest::newRow("peer down") << true;
    }

    void laneProcessesUploadWithoutPeers()
    {
        QFETCH(bool, deadPeer);
        QTemporaryDir dir;
        const QString store = newStore();
        LaneProcess lane(QStringLiteral("L1"), dir.path());
        lane.setEnv(QStringLiteral("EUPHORIA_SUPABASE_SERVICE_KEY"), m_cloud.serviceKey());
        const HeldPort dead(HeldPort::Refusing);
        QVERIFY(dead.isValid());
        const QStringList peers = deadPeer ? QStringList{dead.url()} : QStringList{};
        QVERIFY2(
            lane.start(peers, {QStringLiteral("--supabase-url"), m_cloud.supabaseUrl(),
                               QStringLiteral("--store-id"), store,
                               QStringLiteral("--cloud-interval-seconds"), QStringLiteral("1"),
                               QStringLiteral("--cloud-pending-after-seconds"), QStringLiteral("1"),
                               QStringLiteral("--ring-sales"), QStringLiteral("20"),
                               QStringLiteral("--rate"), QStringLiteral("100")}),
            qPrintable(lane.log()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(store, QStringLiteral("topic = 'transaction'")), 20, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            lane.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = 'transaction' "
                                      "AND status = 'cloud_ack'")),
            20, 10000);
        QVERIFY(!lane.log().contains(m_cloud.serviceKey()));
        QVERIFY(lane.stop());
    }

    // L2 uploads L1's sales itself once L1 has been quiet for cloudRelayAfterSeconds, and not
    // while L1 is connected, however long ago L1's last message came.
    void relayedSalesOfAQuietLaneAreUploadedByItsPeer()
    {
        QTemporaryDir d1;
        QTemporaryDir d2;
        const QString store = newStore();
        LaneProcess l1(QStringLiteral("L1"), d1.path());
        LaneProcess l2(QStringLiteral("L2"), d2.path());
        l2.setEnv(QStringLiteral("EUPHORIA_SUPABASE_SERVICE_KEY"), m_cloud.serviceKey());
        // L2 rings slow sales of its own: their uploads show its cloud runs going on.
        QVERIFY2(l2.start({}, {QStringLiteral("--supabase-url"), m_cloud.supabaseUrl(),
                               QStringLiteral("--store-id"), store,
                               QStringLiteral("--cloud-interval-seconds"), QStringLiteral("1"),
                               QStringLiteral("--cloud-pending-after-seconds"), QStringLiteral("0"),
                               QStringLiteral("--cloud-relay-after-seconds"), QStringLiteral("3"),
                               QStringLiteral("--ring-sales"), QStringLiteral("600"),
                               QStringLiteral("--rate"), QStringLiteral("2")}),
                 qPrintable(l2.log()));
        // L1 has no cloud settings: its sales reach the cloud only through L2.
        QVERIFY2(l1.start({l2.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("10"),
                                       QStringLiteral("--rate"), QStringLiteral("100")}),
                 qPrintable(l1.log()));
        QTRY_COMPARE_WITH_TIMEOUT(
            l2.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE from_terminal = "
                                    "'L1' AND topic = 'transaction'")),
            10, 30000);
        // While L1 is connected, L2 leaves L1's messages to L1: wait until L2 has uploaded a sale
        // of its own that reached the cloud more than the relay delay (plus one run) after
        // L1's last message reached L2. Had L2 treated L1 as quiet, L1's sales would be there.
        const QString lastFromL1 =
            l2.column(QStringLiteral("SELECT MAX(processed_at) FROM inbox_processed "
                                     "WHERE from_terminal = 'L1'"))
                .value(0);
        QVERIFY(!lastFromL1.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            rows(store, QStringLiteral("terminal_id = 'L2' and received_at > '%1'::timestamptz + "
                                       "interval '4 seconds'")
                            .arg(lastFromL1)) > 0,
            60000);
        QCOMPARE(rows(store, QStringLiteral("terminal_id = 'L1'")), 0);
        l1.kill();
        QTRY_COMPARE_WITH_TIMEOUT(
            rows(store, QStringLiteral("terminal_id = 'L1' and topic = 'transaction'")), 10, 30000);
        QTRY_COMPARE(l2.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE "
                                             "from_terminal = 'L1' AND topic = 'transaction' AND "
                                             "cloud_acked_at IS NOT NULL")),
                     10);
        QVERIFY(l2.stop());
    }
};

QTEST_GUILESS_MAIN(TestCloudSync)
#include "tst_cloudsync.moc"
