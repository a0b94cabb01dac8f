// Cloud sync against the real thing: tools/cloud-dev's PostgreSQL 15 and the sync-pos-message
// Edge Function under Deno. The lane side is the real CloudSync on real SQLite files, in process
// (TestLane) and in real lane processes; failures of the network come from a TCP proxy. Lanes
// use credentials of their own, enrolled with tools/cloud-dev enroll; the service key only where
// a test is about the service-key mode.
#include "cart.h"
#include "clouddev.h"
#include "cloudsync.h"
#include "gunzip.h"
#include "healthreport.h"
#include "inbox.h"
#include "laneprocess.h"
#include "outbox.h"
#include "peerprotocol.h"
#include "testlane.h"
#include "testseed.h"
#include "writetransaction.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
// A QNetworkAccessManager that keeps a copy of every request it sends (headers and body), then
// sends it as it is: the lane's own traffic to the real function, as sent.
class RecordingNam : public QNetworkAccessManager
{
public:
    struct Sent
    {
        QNetworkRequest request;
        QByteArray body;
    };
    QList<Sent> sent;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        QByteArray body = outgoingData ? outgoingData->readAll() : QByteArray();
        sent.append({request, body});
        auto *copy = new QBuffer(this);
        copy->setData(body);
        copy->open(QIODevice::ReadOnly);
        return QNetworkAccessManager::createRequest(op, request, copy);
    }
};

} // namespace

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

    // The lane's settings for store, with its credential (enrolled the first time).
    CloudSyncConfig config(TestLane &t, const QString &store, const QString &url = {})
    {
        CloudSyncConfig c;
        c.supabaseUrl = url.isEmpty() ? m_cloud.supabaseUrl() : url;
        c.secret = m_cloud.credential(store, t.lane().config().terminalId).toUtf8();
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

    // Text that must never hold a secret (a log, --health, an answer): none of the credentials
    // handed out, nor the service key. Empty when clean, else what leaked.
    QString secretIn(const QString &text) const
    {
        QStringList secrets = m_cloud.credentials();
        secrets.append(m_cloud.serviceKey());
        for (const QString &secret : std::as_const(secrets)) {
            // The secret part alone is enough to leak a credential.
            const QString part = secret.section(QLatin1Char('.'), -1);
            if (!part.isEmpty() && text.contains(part))
                return secret.left(12) + QStringLiteral("...");
        }
        return {};
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

    void batchesGoGzippedAndInflateToTheBatch()
    {
        TestLane t(QStringLiteral("L1"), seed());
        QCOMPARE(t.ringSaleFrames(250).size(), 250);
        const QString store = newStore();
        RecordingNam nam;
        CloudSync cloud(t.db(), t.clock(), config(t, store), &nam);
        cloud.start();
        QTRY_COMPARE_WITH_TIMEOUT(
            t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'cloud_ack'")), 250,
            60000);
        QCOMPARE(rows(store), 250);
        QCOMPARE(nam.sent.size(), 2); // 200 and 50
        QStringList ids;
        qint64 json = 0;
        qint64 wire = 0;
        for (const RecordingNam::Sent &s : std::as_const(nam.sent)) {
            QCOMPARE(s.request.rawHeader("Content-Encoding"), QByteArray("gzip"));
            QVERIFY(s.body.startsWith("\x1f\x8b")); // a gzip member's magic
            const std::optional<QByteArray> inflated = gunzip(s.body);
            QVERIFY(inflated);
            QVERIFY2(inflated->size() > 4 * s.body.size(),
                     qPrintable(QStringLiteral("%1 bytes of JSON in %2 of gzip")
                                    .arg(inflated->size())
                                    .arg(s.body.size())));
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(*inflated, &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            QVERIFY(doc.isArray());
            for (const QJsonValue &m : doc.array()) {
                QCOMPARE(m[QLatin1String("storeId")].toString(), store);
                ids.append(m[QLatin1String("messageId")].toString());
            }
            json += inflated->size();
            wire += s.body.size();
        }
        // Every message of the outbox exactly once, and the counts the lane keeps match.
        QStringList outbox;
        QSqlQuery q(t.db().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM outbox")));
        while (q.next())
            outbox.append(q.value(0).toString());
        ids.sort();
        outbox.sort();
        QCOMPARE(ids, outbox);
        QCOMPARE(cloud.traffic().jsonBytes, json);
        QCOMPARE(cloud.traffic().wireBytes, wire);
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

    // A credential the function does not know (well formed, never enrolled), or a wrong
    // service key: 401, nothing marked, and the health says which setting to fix.
    void unknownCredentialIs401AndHealthSaysWhy_data()
    {
        QTest::addColumn<bool>("serviceKey");
        QTest::newRow("lane credential") << false;
        QTest::newRow("service key") << true;
    }

    void unknownCredentialIs401AndHealthSaysWhy()
    {
        QFETCH(bool, serviceKey);
        TestLane t(QStringLiteral("L1"), seed());
        QVERIFY(!t.ringSaleFrames(5).isEmpty());
        const QString store = newStore();
        const QString wrong =
            serviceKey ? QStringLiteral("not-the-key-0123456789")
                       : QStringLiteral("elc1.%1.%2")
                             .arg(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                  QStringLiteral("not-the-secret-0123456789_not-the-secret-01"));
        CloudSyncConfig c = config(t, store);
        c.auth = serviceKey ? CloudAuth::Mode::ServiceKey : CloudAuth::Mode::LaneCredential;
        c.secret = wrong.toUtf8();
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
        (serviceKey ? lc.supabaseServiceKey : lc.cloudCredential) = wrong;
        lc.cloudUseServiceKey = serviceKey;
        auto report = HealthReport::read(lc, 120, t.clock().nowUtc());
        QVERIFY2(report, qPrintable(report.error()));
        const QString problems = report->problems.join(QLatin1Char('\n'));
        QVERIFY2(problems.contains(serviceKey ? QLatin1String("check supabaseServiceKey")
                                              : QLatin1String("cloud refused this lane's "
                                                              "credential (revoked or unknown)")),
                 qPrintable(problems));
        QCOMPARE(report->json.value(QLatin1String("cloud"))
                     .toObject()
                     .value(QLatin1String("auth"))
                     .toString(),
                 serviceKey ? QStringLiteral("service key") : QStringLiteral("lane credential"));
        const QString secret = wrong.section(QLatin1Char('.'), -1);
        QVERIFY2(!problems.contains(secret), "the secret must never show");
        QVERIFY(!QJsonDocument(report->json).toJson().contains(secret.toUtf8()));
        QVERIFY(!cloud.health().lastError.contains(secret));
    }

    // A lane of store A whose body names store B (a wrong storeId, or a credential that is not
    // its own): the function refuses the body as a whole (403), nothing is written anywhere,
    // nothing is marked, and the lane's messages go once its storeId is right.
    void aLaneOfOneStoreCannotWriteAnotherStoresRows()
    {
        TestLane t(QStringLiteral("L1"), seed());
        QVERIFY(!t.ringSaleFrames(4).isEmpty());
        const QString storeA = newStore();
        const QString storeB = newStore();
        QVERIFY(!m_cloud.credential(storeB, QStringLiteral("L1")).isEmpty()); // B has a lane L1
        CloudSyncConfig c = config(t, storeA);                                // A's credential...
        c.storeId = storeB;                                                   // ... and B's rows
        auto cloud = std::make_unique<CloudSync>(t.db(), t.clock(), c);
        cloud->start();
        QTRY_VERIFY(cloud->health().lastError.contains(QLatin1String("HTTP 403")));
        QVERIFY2(cloud->health().lastError.contains(QLatin1String("another store")),
                 qPrintable(cloud->health().lastError));
        QVERIFY(cloud->health().lastError.contains(QLatin1String("check storeId")));
        QCOMPARE(rows(storeA), 0);
        QCOMPARE(rows(storeB), 0);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND "
                                        "retry_count = 0")),
                 4);

        cloud.reset();
        CloudSync fixed(t.db(), t.clock(), config(t, storeA));
        fixed.start();
        QTRY_COMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = "
                                            "'cloud_ack' AND retry_count = 0")),
                     4);
        QCOMPARE(rows(storeA), 4);
        QCOMPARE(rows(storeB), 0);
        // Each row says which lane's credential uploaded it.
        QCOMPARE(m_cloud.query(QStringLiteral("select string_agg(distinct uploaded_by::text, ',') "
                                              "from pos_messages where store_id = '%1'")
                                   .arg(storeA)),
                 m_cloud.credential(storeA, QStringLiteral("L1")).section(QLatin1Char('.'), 1, 1));
    }

    // L2 relays the sales of a quiet lane: stored when that lane is a lane of L2's store,
    // rejected one by one (L2's own sales still go) when it is not, and stored after it is
    // enrolled, at the message's next try.
    void relayedMessagesOfALaneOfAnotherStoreAreRefused()
    {
        TestLane origin(QStringLiteral("L9"), seed());
        const QList<QByteArray> frames = origin.ringSaleFrames(3);
        QCOMPARE(frames.size(), 3);
        TestLane t(QStringLiteral("L2"), seed());
        Inbox inbox(t.db(), QStringLiteral("L2"), t.clock(), t.lane().hlc());
        QList<Inbox::Incoming> incoming;
        for (const QByteArray &frame : frames) {
            auto parsed = PeerProtocol::parse(frame);
            QVERIFY(parsed);
            incoming.append(
                Inbox::Incoming{parsed->message, PeerProtocol::compact(parsed->message.payload)});
        }
        for (const auto &r : inbox.applyBatch(incoming))
            QCOMPARE(r.outcome, Inbox::Outcome::Applied);
        QVERIFY(!t.ringSaleFrames(2).isEmpty());
        t.clock().advanceMs(10000); // L9 has been quiet for longer than relayAfterMs

        const QString store = newStore();
        QVERIFY(!m_cloud.credential(newStore(), QStringLiteral("L9")).isEmpty()); // elsewhere
        CloudSyncConfig c = config(t, store);
        c.relayAfterMs = 5000;
        c.retryBaseMs = 1000;
        CloudSync cloud(t.db(), t.clock(), c);
        QSignalSpy batches(&cloud, &CloudSync::batchDone);
        cloud.start();
        QTRY_COMPARE(batches.size(), 1);
        QCOMPARE(batches.at(0).at(0).toInt(), 2); // L2's own
        QCOMPARE(batches.at(0).at(1).toInt(), 3); // L9's, refused
        QCOMPARE(rows(store, QStringLiteral("terminal_id = 'L2'")), 2);
        QCOMPARE(rows(store, QStringLiteral("terminal_id = 'L9'")), 0);
        QCOMPARE(m_cloud.count(QStringLiteral("select count(*) from pos_messages where "
                                              "terminal_id = 'L9'")),
                 0);
        const QString relayed =
            QStringLiteral(
                "SELECT COUNT(*) FROM inbox_processed WHERE from_terminal = 'L9' AND topic = "
                "'transaction' AND cloud_acked_at IS NULL AND cloud_retry_count = 1 AND "
                "cloud_last_error LIKE '%%not a lane of store %1%%'")
                .arg(store);
        QCOMPARE(t.count(relayed), 3);

        // The store enrolls L9: the messages' next try stores them.
        QVERIFY(!m_cloud.credential(store, QStringLiteral("L9")).isEmpty());
        t.clock().advanceMs(1000);
        cloud.syncNow();
        QTRY_COMPARE(batches.size(), 2);
        QCOMPARE(batches.at(1).at(0).toInt(), 3);
        QCOMPARE(rows(store, QStringLiteral("terminal_id = 'L9'")), 3);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE from_terminal "
                                        "= 'L9' AND cloud_acked_at IS NOT NULL")),
                 3);
    }

    // Revoked while it runs: the lane's very next request is refused (the function keeps no
    // cache), its messages stay pending untouched, and a new credential uploads them.
    void revokedLaneIsRefusedAtOnceAndKeepsItsMessages()
    {
        TestLane t(QStringLiteral("L1"), seed());
        QVERIFY(!t.ringSaleFrames(3).isEmpty());
        const QString store = newStore();
        auto cloud = std::make_unique<CloudSync>(t.db(), t.clock(), config(t, store));
        QSignalSpy batches(cloud.get(), &CloudSync::batchDone);
        cloud->start();
        QTRY_COMPARE(batches.size(), 1);
        QCOMPARE(rows(store), 3);

        QVERIFY(m_cloud.revoke(store, QStringLiteral("L1")));
        QVERIFY(!t.ringSaleFrames(3).isEmpty());
        cloud->syncNow();
        QTRY_VERIFY(!cloud->health().backoffUntil.isEmpty());
        QVERIFY2(cloud->health().lastError.startsWith(
                     QLatin1String("cloud refused this lane's credential (revoked or unknown)")),
                 qPrintable(cloud->health().lastError));
        QVERIFY(cloud->health().lastError.contains(QLatin1String("lane credential revoked")));
        QCOMPARE(batches.size(), 1);
        QCOMPARE(rows(store), 3);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND "
                                        "retry_count = 0 AND last_error IS NULL")),
                 3);

        cloud.reset();
        QVERIFY(!m_cloud.reenroll(store, QStringLiteral("L1")).isEmpty());
        CloudSync renewed(t.db(), t.clock(), config(t, store));
        renewed.start();
        QTRY_COMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = "
                                            "'cloud_ack' AND retry_count = 0")),
                     6);
        QCOMPARE(rows(store), 6);
    }

    // The real executable with a revoked credential: its status line and --health say so, its
    // sales stay queued, and once it has a new credential they are uploaded. No secret shows in
    // its log, its --health, nor the function's log.
    void laneProcessWithARevokedCredential()
    {
        QTemporaryDir dir;
        const QString store = newStore();
        const QString revoked = m_cloud.credential(store, QStringLiteral("L1"));
        QVERIFY(!revoked.isEmpty());
        QVERIFY(m_cloud.revoke(store, QStringLiteral("L1")));
        LaneProcess lane(QStringLiteral("L1"), dir.path());
        lane.setEnv(QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"), revoked);
        // The service key in the lane's environment too: without cloudUseServiceKey it is unused.
        lane.setEnv(QStringLiteral("EUPHORIA_SUPABASE_SERVICE_KEY"), m_cloud.serviceKey());
        const QStringList cloudArgs{QStringLiteral("--supabase-url"),
                                    m_cloud.supabaseUrl(),
                                    QStringLiteral("--store-id"),
                                    store,
                                    QStringLiteral("--cloud-interval-seconds"),
                                    QStringLiteral("1"),
                                    QStringLiteral("--status-interval"),
                                    QStringLiteral("1")};
        QVERIFY2(lane.start({}, cloudArgs +
                                    QStringList{QStringLiteral("--ring-sales"), QStringLiteral("5"),
                                                QStringLiteral("--rate"), QStringLiteral("100")}),
                 qPrintable(lane.log()));
        QTRY_VERIFY_WITH_TIMEOUT(lane.log().contains(QLatin1String(
                                     "cloud: cloud refused this lane's credential (revoked or "
                                     "unknown)")),
                                 30000);
        QTRY_COMPARE_WITH_TIMEOUT(lane.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE "
                                                            "topic = 'transaction'")),
                                  5, 30000);
        QVERIFY(lane.stop());
        QString logs = lane.log();
        QCOMPARE(lane.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending' "
                                           "AND retry_count = 0 AND cloud_acked_at IS NULL")),
                 lane.count(QStringLiteral("SELECT COUNT(*) FROM outbox")));
        QCOMPARE(rows(store), 0);
        QVERIFY(lane.runOnce(cloudArgs.mid(0, 4) + QStringList{QStringLiteral("--health")}) != 0);
        const QString health = lane.onceOutput();
        logs += lane.log();
        const QJsonObject cloud = QJsonDocument::fromJson(health.toUtf8())
                                      .object()
                                      .value(QLatin1String("cloud"))
                                      .toObject();
        QCOMPARE(cloud.value(QLatin1String("auth")).toString(), QStringLiteral("lane credential"));
        QVERIFY2(cloud.value(QLatin1String("lastError"))
                     .toString()
                     .startsWith(QLatin1String("cloud refused this lane's credential")),
                 qPrintable(health));
        QVERIFY2(logs.contains(QLatin1String("supabaseServiceKey is not used")), qPrintable(logs));

        // A new credential: the queued sales go, nothing lost, nothing doubled.
        const QString renewed = m_cloud.reenroll(store, QStringLiteral("L1"));
        QVERIFY(!renewed.isEmpty());
        lane.setEnv(QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"), renewed);
        QVERIFY2(lane.start({}, cloudArgs), qPrintable(lane.log()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(store, QStringLiteral("topic = 'transaction'")), 5, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            lane.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status <> 'cloud_ack'")),
            0, 10000);
        QCOMPARE(rows(store), lane.count(QStringLiteral("SELECT COUNT(*) FROM outbox")));
        QVERIFY(lane.stop());
        logs += lane.log();
        QVERIFY(lane.runOnce(cloudArgs.mid(0, 4) + QStringList{QStringLiteral("--health")}) >= 0);
        const QString healthAfter = lane.onceOutput();
        logs += lane.log();

        for (const QString &text : {logs, health, healthAfter, m_cloud.functionLog()})
            QVERIFY2(secretIn(text).isEmpty(), qPrintable(secretIn(text)));
        QVERIFY(m_cloud.functionLog().contains(QLatin1String("revoked lane")));
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
        lc.cloudCredential = m_cloud.credential(store, QStringLiteral("L1"));
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

    // A lane's day reaches the cloud: its closed shift (pos_shifts) and Z report (pos_z_reports)
    // as the lane kept them, and pos_daily_sales agrees cent for cent with the lane's own report
    // of the day (cash with change, card, a cash refund).
    void aLanesDayReachesTheCloudAndItsDailySales()
    {
        TestLane t(QStringLiteral("L1"), seed());
        QCOMPARE(t.ringSaleFrames(4).size(), 4); // card sales
        const Employee cashier = demoCashier(t);
        const Employee manager = demoManager(t);
        auto products = t.lane().catalog().byCategory(QString(), 5);
        Cart cart;
        QVERIFY(cart.add(products->at(2), 3));
        QVERIFY(cart.addCash(cart.totalCents() + 755));
        auto cashSale = t.lane().sales().complete(cart, cashier);
        QVERIFY2(cashSale, qPrintable(cashSale.error()));
        QVERIFY(t.lane().sales().completeReturn(cashSale->id, {{1, 1}}, QStringLiteral("cash"),
                                                cashier, manager));
        Shifts &shifts = t.lane().shifts();
        QVERIFY(shifts.payIn(cashier, 2000, QStringLiteral("change from the bank")));
        QVERIFY(shifts.payOut(cashier, 6000, QStringLiteral("flowers"), &manager));
        auto closed = shifts.close(cashier, 1000);
        QVERIFY2(closed, qPrintable(closed.error()));
        auto z = shifts.takeZ(manager);
        QVERIFY2(z, qPrintable(z.error()));
        auto day = shifts.storeReport(t.clock().nowUtc().toLocalTime().date());
        QVERIFY(day);

        const QString store = newStore();
        CloudSync cloud(t.db(), t.clock(), config(t, store));
        cloud.start();
        const qint64 all = t.count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
        QTRY_COMPARE_WITH_TIMEOUT(
            t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'cloud_ack'")), all,
            60000);
        QCOMPARE(m_cloud.query(QStringLiteral("select shift_id || ',' || counted_cents || ',' || "
                                              "expected_cash_cents || ',' || over_short_cents || "
                                              "',' || jsonb_array_length(movements) from "
                                              "pos_shifts where store_id = '%1'")
                                   .arg(store)),
                 QStringLiteral("%1,1000,%2,%3,2")
                     .arg(closed->id)
                     .arg(closed->expectedCashCents)
                     .arg(closed->overShortCents));
        QCOMPARE(m_cloud.query(QStringLiteral("select z_id || ',' || z_number || ',' || "
                                              "(totals->>'totalCents') from pos_z_reports where "
                                              "store_id = '%1'")
                                   .arg(store)),
                 QStringLiteral("%1,1,%2").arg(z->id).arg(day->store.totalCents));
        // Every sale knows its shift in the cloud too.
        QCOMPARE(m_cloud.count(QStringLiteral("select count(*) from pos_sales where store_id = "
                                              "'%1' and shift_id = '%2'")
                                   .arg(store, closed->id)),
                 6);
        const ReportTotals &lane = day->store;
        QCOMPARE(m_cloud.query(QStringLiteral("select business_date || ',' || sales_count || ',' "
                                              "|| returns_count || ',' || items_sold || ',' || "
                                              "gross_cents || ',' || discount_cents || ',' || "
                                              "tax_cents || ',' || total_cents || ',' || "
                                              "cash_cents || ',' || card_cents from "
                                              "pos_daily_sales where store_id = '%1' and "
                                              "terminal_id = 'L1'")
                                   .arg(store)),
                 QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10")
                     .arg(t.clock().nowUtc().date().toString(Qt::ISODate))
                     .arg(lane.salesCount)
                     .arg(lane.returnsCount)
                     .arg(lane.itemsSold)
                     .arg(lane.grossCents)
                     .arg(lane.discountCents)
                     .arg(lane.taxCents)
                     .arg(lane.totalCents)
                     .arg(lane.tenders.value(QStringLiteral("cash")).amountCents)
                     .arg(lane.tenders.value(QStringLiteral("card")).amountCents));
    }

    // The real executable: a single-lane store (no peers) uploads its pending sales, and a lane
    // whose only peer is down uploads its own once they have waited cloudPendingAfterSeconds.
    // With the service-key mode (cloudUseServiceKey) too: the seed's way still works when a store
    // turns it on; its rows name no uploading lane.
    void laneProcessesUploadWithoutPeers_data()
    {
        QTest::addColumn<bool>("deadPeer");
        QTest::addColumn<bool>("serviceKey");
        QTest::newRow("no peers configured") << false << false;
        QTest::newRow("peer down") << true << false;
        QTest::newRow("service-key mode") << false << true;
    }

    void laneProcessesUploadWithoutPeers()
    {
        QFETCH(bool, deadPeer);
        QFETCH(bool, serviceKey);
        QTemporaryDir dir;
        const QString store = newStore();
        LaneProcess lane(QStringLiteral("L1"), dir.path());
        QStringList extra;
        if (serviceKey) {
            lane.setEnv(QStringLiteral("EUPHORIA_SUPABASE_SERVICE_KEY"), m_cloud.serviceKey());
            extra = {QStringLiteral("--cloud-use-service-key"), QStringLiteral("true")};
        } else {
            const QString credential = m_cloud.credential(store, QStringLiteral("L1"));
            QVERIFY(!credential.isEmpty());
            lane.setEnv(QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"), credential);
        }
        const HeldPort dead(HeldPort::Refusing);
        QVERIFY(dead.isValid());
        const QStringList peers = deadPeer ? QStringList{dead.url()} : QStringList{};
        QVERIFY2(lane.start(peers,
                            extra + QStringList{QStringLiteral("--supabase-url"),
                                                m_cloud.supabaseUrl(), QStringLiteral("--store-id"),
                                                store, QStringLiteral("--cloud-interval-seconds"),
                                                QStringLiteral("1"),
                                                QStringLiteral("--cloud-pending-after-seconds"),
                                                QStringLiteral("1"), QStringLiteral("--ring-sales"),
                                                QStringLiteral("20"), QStringLiteral("--rate"),
                                                QStringLiteral("100")}),
                 qPrintable(lane.log()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(store, QStringLiteral("topic = 'transaction'")), 20, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            lane.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = 'transaction' "
                                      "AND status = 'cloud_ack'")),
            20, 10000);
        QCOMPARE(rows(store, QStringLiteral("uploaded_by is null")), serviceKey ? rows(store) : 0);
        QVERIFY(lane.stop());
        QVERIFY(lane.log().contains(serviceKey ? QLatin1String("with the service key")
                                               : QLatin1String("with the lane credential")));
        QVERIFY2(secretIn(lane.log()).isEmpty(), qPrintable(secretIn(lane.log())));
        QVERIFY2(secretIn(m_cloud.functionLog()).isEmpty(), "the function logged a secret");
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
        l2.setEnv(QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"),
                  m_cloud.credential(store, QStringLiteral("L2")));
        // L1 is a lane of the store (enrolled), though it has no cloud settings itself: so the
        // function takes its messages from L2.
        QVERIFY(!m_cloud.credential(store, QStringLiteral("L1")).isEmpty());
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

    // Head office changes every price of the store and schedules one more change a few seconds
    // ahead: L1 polls the real function and passes the changes to L2 (which has no cloud
    // settings); L2 is off when the scheduled change comes due and takes it up when it starts;
    // a sale on each lane afterwards uses the new prices.
    void headOfficePricesReachEveryLaneAndItsSales()
    {
        QTemporaryDir d1;
        QTemporaryDir d2;
        const QString store = newStore();
        LaneProcess l1(QStringLiteral("L1"), d1.path());
        LaneProcess l2(QStringLiteral("L2"), d2.path());
        l1.setEnv(QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"),
                  m_cloud.credential(store, QStringLiteral("L1")));
        l2.holdPort();
        const QStringList cloud{QStringLiteral("--supabase-url"),
                                m_cloud.supabaseUrl(),
                                QStringLiteral("--store-id"),
                                store,
                                QStringLiteral("--catalog-poll-seconds"),
                                QStringLiteral("1")};
        QVERIFY2(l1.start({l2.url()}, cloud), qPrintable(l1.log()));
        QVERIFY2(l2.start({l1.url()}), qPrintable(l2.log()));
        const QStringList products = l1.column(QStringLiteral(
            "SELECT id || '|' || sku || '|' || replace(name, '''', '''''') || '|' || tax_rate_bp "
            "FROM products WHERE active = 1 ORDER BY sku"));
        QVERIFY(products.size() > 10);
        QStringList values;
        for (const QString &row : products) {
            const QStringList f = row.split(QLatin1Char('|'));
            values.append(QStringLiteral("('%1', '%2'::uuid, '%3', '%4', 4242, %5)")
                              .arg(store, f.at(0), f.at(1), f.at(2), f.at(3)));
        }
        QVERIFY(!m_cloud
                     .query(QStringLiteral("insert into catalog_products (store_id, product_id, "
                                           "sku, name, price_cents, tax_rate_bp) values ") +
                            values.join(QStringLiteral(", ")) + QStringLiteral(" returning 1"))
                     .isEmpty());
        const QString priced = QStringLiteral("SELECT COUNT(*) FROM products WHERE active = 1 AND "
                                              "price_cents = 4242 AND placeholder = 0");
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(priced), qint64(products.size()), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(priced), qint64(products.size()), 30000);
        QCOMPARE(l2.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE topic = "
                                         "'product' AND from_terminal = 'L1'")),
                 qint64(products.size()));
        // L1's product messages reach the cloud like its sales (the store's record).
        QTRY_COMPARE_WITH_TIMEOUT(rows(store, QStringLiteral("topic = 'product'")),
                                  qint64(products.size()), 60000);

        // A change of the first product, due in a few seconds; both lanes hold it, then stop.
        const QString first = products.first().section(QLatin1Char('|'), 0, 0);
        const QDateTime due = QDateTime::currentDateTimeUtc().addSecs(6);
        QVERIFY(!m_cloud
                     .query(QStringLiteral("insert into catalog_price_changes (store_id, "
                                           "product_id, price_cents, effective_at) values "
                                           "('%1', '%2'::uuid, 5151, '%3') returning 1")
                                .arg(store, first, due.toString(Qt::ISODateWithMs)))
                     .isEmpty());
        const QString waiting =
            QStringLiteral("SELECT COUNT(*) FROM price_changes WHERE price_cents = 5151");
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(waiting), 1, 30000);
        QVERIFY(QDateTime::currentDateTimeUtc() < due); // it came before its time
        QVERIFY(l2.stop());
        // L1 keeps running through 06:00, its timer applies the change.
        const QString firstPrice =
            QStringLiteral("SELECT price_cents FROM products WHERE id = '%1'").arg(first);
        QTRY_COMPARE_WITH_TIMEOUT(l1.count(firstPrice), 5151, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(rows(store, QStringLiteral("topic = 'price.scheduled'")), 1,
                                  30000);
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'failed'")),
                 0);
        QVERIFY(l1.stop());
        QCOMPARE(l2.count(firstPrice), 4242); // off since before its time

        // Sales afterwards, on each lane (one-shot runs, no network): the new prices.
        for (LaneProcess *lane : {&l1, &l2}) {
            QCOMPARE(lane->runOnce({QStringLiteral("--ring-sales"), QStringLiteral("20"),
                                    QStringLiteral("--rate"), QStringLiteral("1000")}),
                     0);
            QCOMPARE(lane->count(firstPrice), 5151);
            QCOMPARE(lane->count(QStringLiteral("SELECT COUNT(*) FROM transaction_lines")) > 0,
                     true);
            QCOMPARE(lane->count(
                         QStringLiteral(
                             "SELECT COUNT(*) FROM transaction_lines WHERE unit_price_cents NOT IN "
                             "(4242, 5151) OR (product_id = '%1') <> (unit_price_cents = 5151)")
                             .arg(first)),
                     0);
        }
    }
};

QTEST_GUILESS_MAIN(TestCloudSync)
#include "tst_cloudsync.moc"
