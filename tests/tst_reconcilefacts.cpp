// Reconciliation settles by facts, not figures, against a real lane process: a hand-driven peer
// answers the lane's inventory_request with a seed-format answer, another vector, a figure
// whose baseline message the lane lacks (fetched) or that nobody has (left alone and named);
// and a peer that floods inventory_request gets one answer in flight and a few a minute.
#include "inventorysnapshot.h"
#include "laneprocess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>

namespace {
constexpr int kWait = 60000;
const QString kZeros(64, QLatin1Char('0'));

QString isoNow(qint64 offsetMs = 0)
{
    return QDateTime::currentDateTimeUtc().addMSecs(offsetMs).toString(Qt::ISODateWithMs);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Answers every inventory_request and sync_request the lane sends it.
class Responder : public QObject
{
public:
    std::function<QJsonObject(const QJsonObject &request)> answer;
    std::function<void()> onSyncRequest;
    int syncRequests = 0;
    int requests = 0;

    Responder(RawPeer &peer)
        : m_peer(peer)
    {
        connect(&peer, &RawPeer::frameReceived, this, [this](const QJsonObject &o) {
            const QString type = o.value(QLatin1String("type")).toString();
            if (type == QLatin1String("inventory_request") && answer) {
                ++requests;
                m_peer.send(QJsonDocument(answer(o)).toJson(QJsonDocument::Compact));
            } else if (type == QLatin1String("sync_request")) {
                ++syncRequests;
                if (onSyncRequest)
                    onSyncRequest();
            }
        });
    }

private:
    RawPeer &m_peer;
};

QStringList reconcileOften()
{
    return {QStringLiteral("--reconcile-first-seconds"),    QStringLiteral("1"),
            QStringLiteral("--reconcile-interval-seconds"), QStringLiteral("1"),
            QStringLiteral("--reconcile-timeout-seconds"),  QStringLiteral("2")};
}

// The summary of the lane's first run that a peer answered.
QJsonObject firstAnsweredRun(const LaneProcess &lane)
{
    const QStringList rows = lane.column(
        QStringLiteral("SELECT detail FROM reconciliation_runs WHERE peers_answered > 0 AND "
                       "finished_at IS NOT NULL ORDER BY started_at, rowid LIMIT 1"));
    return rows.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(rows.first().toUtf8()).object();
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out.append(x.toString());
    return out;
}

const QString kInventoryMessages =
    QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = 'inventory'");
const QString kConflicts = QStringLiteral("SELECT COUNT(*) FROM inventory_conflicts");
} // namespace

class TstReconcileFacts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A lane that reconciles every second, and a raw peer L9 connected to it.
    bool startWithPeer(LaneProcess &lane, RawPeer &peer)
    {
        if (!lane.start({}, reconcileOften()))
            return false;
        return peer.connectTo(QUrl(lane.url())) && peer.handshake();
    }

    // A record as the lane has it (its own figures echoed back).
    static QJsonObject echoRecord(const QString &row)
    {
        const QStringList f = row.split(QLatin1Char('|'));
        return {{QStringLiteral("productId"), f.value(0)},
                {QStringLiteral("currentStock"), f.value(1).toLongLong()},
                {QStringLiteral("reservedStock"), 0},
                {QStringLiteral("lastUpdated"), f.value(2)},
                {QStringLiteral("hlcCounter"), f.value(3).toLongLong()},
                {QStringLiteral("hlcTerminal"), f.value(4)}};
    }

    // An answer that differs from the lane only in product p (figure 7, counted at `at` on L5
    // by message `messageId`), covering only p's bucket: the other products of that bucket are
    // echoed as the lane has them.
    static QJsonObject countAnswer(const LaneProcess &lane, const QJsonObject &request,
                                   const QString &p, const QString &at, const QString &messageId)
    {
        const int bucket = InventorySnapshot::bucketOf(p);
        QJsonArray records;
        for (const QString &row : lane.column(QStringLiteral(
                 "SELECT product_id || '|' || current_stock || '|' || last_updated || '|' || "
                 "hlc_counter || '|' || hlc_terminal FROM inventory ORDER BY product_id"))) {
            const QString id = row.section(QLatin1Char('|'), 0, 0);
            if (InventorySnapshot::bucketOf(id) != bucket)
                continue;
            if (id != p) {
                records.append(echoRecord(row));
                continue;
            }
            const QJsonObject baseline{{QStringLiteral("currentStock"), 7},
                                       {QStringLiteral("lastUpdated"), at},
                                       {QStringLiteral("hlcCounter"), 0},
                                       {QStringLiteral("hlcTerminal"), QStringLiteral("L5")},
                                       {QStringLiteral("messageId"), messageId}};
            records.append(QJsonObject{{QStringLiteral("productId"), p},
                                       {QStringLiteral("currentStock"), 7},
                                       {QStringLiteral("reservedStock"), 0},
                                       {QStringLiteral("lastUpdated"), at},
                                       {QStringLiteral("hlcCounter"), 0},
                                       {QStringLiteral("hlcTerminal"), QStringLiteral("L5")},
                                       {QStringLiteral("baseline"), baseline}});
        }
        return {{QStringLiteral("type"), QStringLiteral("inventory_response")},
                {QStringLiteral("requestId"), request.value(QLatin1String("requestId"))},
                {QStringLiteral("inventory"), records},
                {QStringLiteral("timestamp"), isoNow()},
                {QStringLiteral("checksum"), kZeros},
                // The same messages as the lane: its own vector, echoed.
                {QStringLiteral("vector"), request.value(QLatin1String("vector"))},
                {QStringLiteral("part"), 1},
                {QStringLiteral("parts"), 1},
                {QStringLiteral("coveredBuckets"), QJsonArray{bucket}}};
    }

    // L5's count of p: 7 units at `at`, seq 1.
    static QByteArray countMessage(const QString &id, const QString &p, const QString &at)
    {
        const QJsonObject payload{{QStringLiteral("productId"), p},
                                  {QStringLiteral("reason"), QStringLiteral("count")},
                                  {QStringLiteral("currentStock"), 7},
                                  {QStringLiteral("lastUpdated"), at},
                                  {QStringLiteral("hlcCounter"), 0},
                                  {QStringLiteral("hlcTerminal"), QStringLiteral("L5")}};
        return QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                         {QStringLiteral("fromTerminal"), QStringLiteral("L5")},
                                         {QStringLiteral("topic"), QStringLiteral("inventory")},
                                         {QStringLiteral("payload"), payload},
                                         {QStringLiteral("timestamp"), at},
                                         {QStringLiteral("seq"), 1}})
            .toJson(QJsonDocument::Compact);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The tester's case: the seed's frame (no vector, no checksum, no buckets) with an empty
    // inventory made the lane record a conflict and publish a stock message per product.
    void seedFormatEmptyAnswerSettlesNothing()
    {
        LaneProcess lane(QStringLiteral("L1"), m_dir.filePath(QStringLiteral("seed")));
        RawPeer peer(QStringLiteral("L9"));
        Responder responder(peer);
        responder.answer = [](const QJsonObject &request) {
            return QJsonObject{
                {QStringLiteral("type"), QStringLiteral("inventory_response")},
                {QStringLiteral("requestId"), request.value(QLatin1String("requestId"))},
                {QStringLiteral("inventory"), QJsonArray()},
                {QStringLiteral("timestamp"), isoNow()}};
        };
        QVERIFY2(startWithPeer(lane, peer), qPrintable(lane.log()));
        QTRY_VERIFY_WITH_TIMEOUT(!firstAnsweredRun(lane).isEmpty(), kWait);
        const QJsonObject run = firstAnsweredRun(lane);
        QCOMPARE(lane.count(kConflicts), 0);
        QCOMPARE(lane.count(kInventoryMessages), 0);
        QCOMPARE(run.value(QLatin1String("resolved")).toInt(), 0);
        QCOMPARE(strings(run.value(QLatin1String("notComparable"))),
                 QStringList{QStringLiteral("L9")});
        QCOMPARE(run.value(QLatin1String("result")).toString(), QStringLiteral("not settled"));
        QVERIFY(lane.stop());
    }

    // A peer whose messages differ from the lane's (it has three of L7's the lane never saw):
    // the lane asks for them (sync_request), and when they do not come, settles nothing.
    void anotherVectorResolvesNothing()
    {
        LaneProcess lane(QStringLiteral("L1"), m_dir.filePath(QStringLiteral("vector")));
        RawPeer peer(QStringLiteral("L9"));
        Responder responder(peer);
        responder.answer = [](const QJsonObject &request) {
            QJsonObject vector = request.value(QLatin1String("vector")).toObject();
            vector.insert(QStringLiteral("L7"), 3);
            return QJsonObject{
                {QStringLiteral("type"), QStringLiteral("inventory_response")},
                {QStringLiteral("requestId"), request.value(QLatin1String("requestId"))},
                {QStringLiteral("inventory"), QJsonArray()},
                {QStringLiteral("timestamp"), isoNow()},
                {QStringLiteral("checksum"), kZeros},
                {QStringLiteral("vector"), vector}};
        };
        QVERIFY2(startWithPeer(lane, peer), qPrintable(lane.log()));
        QTRY_VERIFY_WITH_TIMEOUT(!firstAnsweredRun(lane).isEmpty(), kWait);
        const QJsonObject run = firstAnsweredRun(lane);
        QVERIFY(responder.syncRequests > 0); // missing messages are asked for first
        QCOMPARE(lane.count(kConflicts), 0);
        QCOMPARE(lane.count(kInventoryMessages), 0);
        QCOMPARE(strings(run.value(QLatin1String("notComparable"))),
                 QStringList{QStringLiteral("L9")});
        QCOMPARE(run.value(QLatin1String("result")).toString(),
                 QStringLiteral("catch-up incomplete"));
        QVERIFY(lane.stop());
    }

    // The same messages, but the peer's figure for p rests on a count the lane does not hold
    // (beyond its vector, after a gap): the lane fetches it, applies it as it applies any
    // message, and nothing is left to settle by figures.
    void aNamedBaselineTheLaneLacksIsFetched()
    {
        LaneProcess lane(QStringLiteral("L1"), m_dir.filePath(QStringLiteral("fetch")));
        RawPeer peer(QStringLiteral("L9"));
        Responder responder(peer);
        QVERIFY2(lane.start({}, reconcileOften()), qPrintable(lane.log()));
        const QString p =
            lane.column(QStringLiteral("SELECT product_id FROM inventory ORDER BY 1 LIMIT 1"))
                .value(0);
        QVERIFY(!p.isEmpty());
        const QString m = newId();
        const QString at = isoNow(-60000);
        responder.answer = [&](const QJsonObject &request) {
            return countAnswer(lane, request, p, at, m);
        };
        responder.onSyncRequest = [&] { peer.send(countMessage(m, p, at)); };
        QVERIFY(peer.connectTo(QUrl(lane.url())) && peer.handshake());
        QTRY_VERIFY_WITH_TIMEOUT(!firstAnsweredRun(lane).isEmpty(), kWait);
        const QJsonObject run = firstAnsweredRun(lane);
        QVERIFY(responder.syncRequests > 0);
        QCOMPARE(lane.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE "
                                           "message_id = '%1'")
                                .arg(m)),
                 1);
        QCOMPARE(lane.count(QStringLiteral("SELECT current_stock FROM inventory WHERE "
                                           "product_id = '%1'")
                                .arg(p)),
                 7);
        // The fact did it: no figure was adopted, nothing published.
        QCOMPARE(lane.count(kConflicts), 0);
        QCOMPARE(lane.count(kInventoryMessages), 0);
        QCOMPARE(run.value(QLatin1String("unbackedFigures")).toArray().size(), 0);
        QCOMPARE(strings(run.value(QLatin1String("notComparable"))), QStringList());
        QVERIFY(lane.stop());
    }

    // A figure that names a message nobody sends: after the rounds it changes nothing, and
    // the run names the peer and the message.
    void aFigureNoMessageBacksChangesNothing()
    {
        LaneProcess lane(QStringLiteral("L1"), m_dir.filePath(QStringLiteral("unbacked")));
        RawPeer peer(QStringLiteral("L9"));
        Responder responder(peer);
        QVERIFY2(lane.start({}, reconcileOften()), qPrintable(lane.log()));
        const QString p =
            lane.column(QStringLiteral("SELECT product_id FROM inventory ORDER BY 1 LIMIT 1"))
                .value(0);
        const qint64 before = lane.count(
            QStringLiteral("SELECT current_stock FROM inventory WHERE product_id = '%1'").arg(p));
        QVERIFY(before != 7);
        const QString m = newId();
        const QString at = isoNow(-60000);
        responder.answer = [&](const QJsonObject &request) {
            return countAnswer(lane, request, p, at, m);
        };
        QVERIFY(peer.connectTo(QUrl(lane.url())) && peer.handshake());
        QTRY_VERIFY_WITH_TIMEOUT(!firstAnsweredRun(lane).isEmpty(), kWait);
        const QJsonObject run = firstAnsweredRun(lane);
        QVERIFY(responder.syncRequests > 0); // it was asked for
        QCOMPARE(lane.count(kConflicts), 0);
        QCOMPARE(lane.count(kInventoryMessages), 0);
        QCOMPARE(
            lane.count(QStringLiteral("SELECT current_stock FROM inventory WHERE product_id = '%1'")
                           .arg(p)),
            before);
        const QJsonArray unbacked = run.value(QLatin1String("unbackedFigures")).toArray();
        QCOMPARE(unbacked.size(), 1);
        const QJsonObject u = unbacked.first().toObject();
        QCOMPARE(u.value(QLatin1String("peer")).toString(), QStringLiteral("L9"));
        QCOMPARE(u.value(QLatin1String("figures")).toInt(), 1);
        QCOMPARE(strings(u.value(QLatin1String("missingMessages"))), QStringList{m});
        QCOMPARE(run.value(QLatin1String("result")).toString(), QStringLiteral("not settled"));
        QVERIFY(lane.stop());
    }

    // 300 inventory_requests at once: one answer in flight, a few a minute; the rest refused
    // with a logged reason. Another lane asking meanwhile is answered: the limit is per peer.
    void aFloodOfInventoryRequestsIsBounded()
    {
        LaneProcess lane(QStringLiteral("L1"), m_dir.filePath(QStringLiteral("flood")));
        QVERIFY2(
            lane.start({}, {QStringLiteral("--reconcile-first-seconds"), QStringLiteral("86400")}),
            qPrintable(lane.log()));
        RawPeer flooder(QStringLiteral("L9"));
        RawPeer other(QStringLiteral("L8"));
        QVERIFY(flooder.connectTo(QUrl(lane.url())) && flooder.handshake());
        QVERIFY(other.connectTo(QUrl(lane.url())) && other.handshake());
        QElapsedTimer elapsed;
        elapsed.start();
        const auto request = [](const QString &id) {
            return QJsonDocument(
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("inventory_request")},
                                   {QStringLiteral("requestId"), id},
                                   {QStringLiteral("timestamp"), isoNow()},
                                   {QStringLiteral("checksum"), kZeros}})
                .toJson(QJsonDocument::Compact);
        };
        constexpr int kFlood = 300;
        for (int i = 0; i < kFlood; ++i)
            flooder.send(request(QStringLiteral("flood-%1").arg(i)));
        other.send(request(QStringLiteral("other")));
        const auto answered = [](const RawPeer &peer) {
            QSet<QString> ids;
            for (const QJsonObject &o : peer.received())
                if (o.value(QLatin1String("type")).toString() ==
                    QLatin1String("inventory_response"))
                    ids.insert(o.value(QLatin1String("requestId")).toString());
            return ids;
        };
        QTRY_VERIFY_WITH_TIMEOUT(answered(other).contains(QStringLiteral("other")), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(lane.log().contains(QLatin1String("inventory_request from")) &&
                                     lane.log().contains(QLatin1String("refused")),
                                 kWait);
        QTRY_VERIFY_WITH_TIMEOUT(!answered(flooder).isEmpty(), kWait);
        // Past the burst of 6, one more per 10 s at most, however slow this machine is.
        const qint64 bound = 6 + elapsed.elapsed() / 10000 + 1;
        const qint64 got = answered(flooder).size();
        QVERIFY2(got <= bound,
                 qPrintable(QStringLiteral("%1 answers, at most %2 allowed").arg(got).arg(bound)));
        QVERIFY2(got < kFlood, "the flood was answered");
        QVERIFY(lane.log().contains(QLatin1String("refused: an answer to it is still in flight")) ||
                lane.log().contains(QLatin1String("refused: more than 6 per minute")));
        QVERIFY(lane.stop());
    }

    // Two real lanes: runs one right after another (a scheduled run and an on-demand one) are
    // all answered; the limit is a burst of six, more than two runs of three rounds.
    void backToBackRunsBetweenLanesAreAnswered()
    {
        LaneProcess l1(QStringLiteral("L1"), m_dir.filePath(QStringLiteral("b2b-1")));
        LaneProcess l2(QStringLiteral("L2"), m_dir.filePath(QStringLiteral("b2b-2")));
        QVERIFY2(
            l2.start({}, {QStringLiteral("--reconcile-first-seconds"), QStringLiteral("86400")}),
            qPrintable(l2.log()));
        QVERIFY2(l1.start({l2.url()}, reconcileOften()), qPrintable(l1.log()));
        const QString asked = QStringLiteral(
            "SELECT result FROM reconciliation_runs WHERE peers_asked > 0 AND finished_at IS NOT "
            "NULL ORDER BY started_at, rowid LIMIT 3");
        QTRY_COMPARE_WITH_TIMEOUT(l1.column(asked).size(), 3, kWait);
        QCOMPARE(l1.column(asked), QStringList(3, QStringLiteral("in sync")));
        QVERIFY(!l2.log().contains(QLatin1String("refused")));
        QVERIFY(l1.stop());
        QVERIFY(l2.stop());
    }
};

QTEST_GUILESS_MAIN(TstReconcileFacts)
#include "tst_reconcilefacts.moc"
