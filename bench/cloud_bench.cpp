// cloud_bench: a backlog of N outbox messages (default 50,000 sales) drained by the lane's real
// CloudSync to the real sync-pos-message Edge Function under Deno and PostgreSQL 15
// (tools/cloud-dev), beside the same rows inserted straight into PostgreSQL through psql in the
// same run: once with COPY, once with one multi-row INSERT ... ON CONFLICT DO NOTHING per batch
// (what the function does, without HTTP, JSON checks and the lane's bookkeeping).
//
// The backlog: real sales rung through SaleService, then copied with fresh message and
// transaction ids until there are N (the copies are written straight to the outbox; timing
// starts after). The lane has no peers, so its pending messages are all due.
#include "benchsupport.h"
#include "cart.h"
#include "clock.h"
#include "clouddev.h"
#include "cloudsync.h"
#include "idgenerator.h"
#include "lane.h"
#include "outboxstore.h"
#include "writetransaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUuid>

namespace {
using Bench::die;

struct Msg
{
    QString id;
    QString topic;
    QByteArray payload;
    QString createdAt;
};

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The same messages with new message and transaction ids, so that each copy is a new sale.
QList<Msg> copies(const QList<Msg> &seed, int n)
{
    QList<Msg> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        Msg m = seed.at(i % seed.size());
        const QByteArray oldTx = QJsonDocument::fromJson(m.payload)
                                     .object()
                                     .value(QLatin1String("transactionId"))
                                     .toString()
                                     .toUtf8();
        m.payload.replace(oldTx, uuid().toUtf8());
        m.id = uuid();
        out.append(m);
    }
    return out;
}

QByteArray csvField(const QByteArray &v)
{
    QByteArray q = v;
    q.replace('"', "\"\"");
    return '"' + q + '"';
}

QByteArray sqlText(const QByteArray &v)
{
    QByteArray q = v;
    q.replace('\'', "''");
    return '\'' + q + '\'';
}

// Runs psql on a script file; returns the wall time in ms.
qint64 psql(const QString &dbUrl, const QString &file)
{
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("psql"),
            {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
             QStringLiteral("ON_ERROR_STOP=1"), dbUrl, QStringLiteral("-f"), file});
    if (!p.waitForFinished(600000) || p.exitCode() != 0)
        die(QStringLiteral("psql failed: %1").arg(QString::fromUtf8(p.readAllStandardError())));
    return t.elapsed();
}

const char *kColumns =
    "message_id, store_id, terminal_id, topic, data, message_timestamp, peer_acked_at";
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A backlog of outbox messages drained by CloudSync to the local Edge "
                       "Function + PostgreSQL, beside psql COPY and batched INSERT baselines."));
    parser.addHelpOption();
    QCommandLineOption messagesOption(QStringLiteral("messages"),
                                      QStringLiteral("Messages in the backlog (50000)."),
                                      QStringLiteral("N"), QStringLiteral("50000"));
    QCommandLineOption batchOption(
        QStringLiteral("batch"), QStringLiteral("Messages per request (the lane's default)."),
        QStringLiteral("B"), QString::number(CloudSyncConfig{}.batchSize));
    QCommandLineOption parallelOption(
        QStringLiteral("parallel"), QStringLiteral("Requests in flight (the lane's default)."),
        QStringLiteral("P"), QString::number(CloudSyncConfig{}.parallelRequests));
    parser.addOptions({messagesOption, batchOption, parallelOption});
    parser.process(app);
    QLoggingCategory::setFilterRules(QStringLiteral("lane.*.info=false"));
    const int n = parser.value(messagesOption).toInt();
    const int batch = parser.value(batchOption).toInt();
    if (n < 1 || batch < 1 || batch > 500)
        die(QStringLiteral("need --messages >= 1 and 1 <= --batch <= 500"));

    CloudDev cloud;
    if (!cloud.start())
        die(cloud.error());

    QTemporaryDir dir;
    LaneConfig config;
    config.terminalId = QStringLiteral("L1");
    config.dataDir = dir.path();
    RandomIdGenerator ids;
    Lane lane(config, Clock::system(), ids);
    if (Status s = lane.start(); !s)
        die(s.error());
    const auto demo = Lane::demoCashier();
    if (!demo || !lane.session().login(demo->employeeId, demo->pin).ok)
        die(QStringLiteral("cannot log in the demo cashier"));
    auto products = lane.catalog().byCategory(QString(), 1000);
    if (!products || products->size() < 3)
        die(QStringLiteral("no demo products"));
    for (int i = 0; i < std::min(n, 200); ++i) {
        Cart cart;
        for (int l = 0; l < 3; ++l)
            (void)cart.add(products->at((i * 7 + l * 13) % products->size()), 1 + l);
        (void)cart.addCard(cart.totalCents());
        if (!lane.sales().complete(cart, *lane.session().current()))
            die(QStringLiteral("a seed sale failed"));
    }
    QList<Msg> seed;
    {
        QSqlQuery q(lane.database().connection());
        q.exec(QStringLiteral("SELECT id, topic, payload, created_at FROM outbox"));
        while (q.next())
            seed.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toByteArray(),
                         q.value(3).toString()});
    }
    // The backlog: the seed sales and copies up to n.
    {
        WriteTransaction tx(lane.database());
        const QList<Msg> more = copies(seed, n - int(seed.size()));
        qint64 seq = 1000000;
        for (const Msg &m : more) {
            OutboxRow row;
            row.id = m.id;
            row.topic = m.topic;
            row.payload = m.payload;
            row.createdAt = m.createdAt;
            row.terminalId = config.terminalId;
            row.seq = ++seq;
            row.priority = 0;
            if (Status s = lane.outbox().store().insert(row); !s)
                die(s.error());
        }
        if (Status s = tx.commit(); !s)
            die(s.error());
    }
    const qint64 backlog =
        lane.database().scalar(QStringLiteral("SELECT COUNT(*) FROM outbox"))->toLongLong();
    const qint64 bytes = lane.database()
                             .scalar(QStringLiteral("SELECT SUM(LENGTH(payload)) FROM outbox"))
                             ->toLongLong();

    // Baselines: the same kind of rows (new ids) straight into PostgreSQL.
    const QList<Msg> direct = copies(seed, int(backlog));
    const QString store = QStringLiteral("bench-%1").arg(uuid().left(8));
    QFile csv(dir.filePath(QStringLiteral("rows.csv")));
    if (!csv.open(QIODevice::WriteOnly))
        die(csv.errorString());
    for (const Msg &m : direct)
        csv.write(m.id.toUtf8() + ',' + store.toUtf8() + "-copy,L1," + m.topic.toUtf8() + ',' +
                  csvField(m.payload) + ',' + m.createdAt.toUtf8() + ",\n");
    csv.close();
    QFile copyScript(dir.filePath(QStringLiteral("copy.sql")));
    if (!copyScript.open(QIODevice::WriteOnly))
        die(copyScript.errorString());
    copyScript.write(QByteArray("\\copy pos_messages (") + kColumns + ") from '" +
                     csv.fileName().toUtf8() + "' with (format csv)\n");
    copyScript.close();

    const QList<Msg> direct2 = copies(seed, int(backlog));
    QFile insertScript(dir.filePath(QStringLiteral("insert.sql")));
    if (!insertScript.open(QIODevice::WriteOnly))
        die(insertScript.errorString());
    for (qsizetype i = 0; i < direct2.size(); i += batch) {
        QByteArray sql = QByteArray("INSERT INTO pos_messages (") + kColumns + ") VALUES ";
        for (qsizetype j = i; j < std::min(direct2.size(), i + batch); ++j) {
            const Msg &m = direct2.at(j);
            if (j > i)
                sql += ',';
            sql += '(' + sqlText(m.id.toUtf8()) + ',' + sqlText(store.toUtf8() + "-insert") +
                   ",'L1'," + sqlText(m.topic.toUtf8()) + ',' + sqlText(m.payload) + ',' +
                   sqlText(m.createdAt.toUtf8()) + ",NULL)";
        }
        insertScript.write(sql + " ON CONFLICT (message_id) DO NOTHING;\n");
    }
    insertScript.close();

    const qint64 copyMs = psql(cloud.databaseUrl(), copyScript.fileName());
    const qint64 insertMs = psql(cloud.databaseUrl(), insertScript.fileName());

    CloudSyncConfig cc;
    cc.supabaseUrl = cloud.supabaseUrl();
    cc.secret = cloud.credential(store, config.terminalId).toUtf8(); // lanes' own credential
    if (cc.secret.isEmpty())
        die(QStringLiteral("cannot enroll the lane"));
    cc.storeId = store;
    cc.terminalId = config.terminalId;
    cc.batchSize = batch;
    cc.parallelRequests = std::clamp(parser.value(parallelOption).toInt(), 1, 8);
    cc.hasPeers = false;
    CloudSync sync(lane.database(), Clock::system(), cc);
    qint64 acked = 0;
    int requests = 0;
    QObject::connect(&sync, &CloudSync::batchDone, [&](int a, int) {
        acked += a;
        ++requests;
    });
    QElapsedTimer t;
    t.start();
    sync.start();
    if (!Bench::waitFor([&] { return acked >= backlog || !sync.health().lastError.isEmpty(); },
                        600000))
        die(QStringLiteral("the backlog did not drain in 10 minutes"));
    const qint64 laneMs = t.elapsed();
    if (acked < backlog)
        die(QStringLiteral("upload failed: %1").arg(sync.health().lastError));
    sync.stop();
    const qint64 stored = cloud.count(
        QStringLiteral("select count(*) from pos_messages where store_id = '%1'").arg(store));
    if (stored != backlog)
        die(QStringLiteral("%1 rows in PostgreSQL for %2 messages").arg(stored).arg(backlog));

    auto rate = [](qint64 count, qint64 ms) { return ms > 0 ? count * 1000.0 / ms : 0.0; };
    QTextStream out(stdout);
    out << "cloud_bench: " << backlog << " messages (" << bytes / 1024 << " KiB of payload), "
        << batch << " per request, " << requests << " requests, up to " << cc.parallelRequests
        << " in flight\n";
    out << QStringLiteral("  lane -> Edge Function -> PostgreSQL  %1 ms  %2 messages/s\n")
               .arg(laneMs, 7)
               .arg(rate(backlog, laneMs), 9, 'f', 0);
    out << QStringLiteral("  baseline psql COPY                   %1 ms  %2 messages/s\n")
               .arg(copyMs, 7)
               .arg(rate(backlog, copyMs), 9, 'f', 0);
    out << QStringLiteral("  baseline psql INSERT per batch       %1 ms  %2 messages/s\n")
               .arg(insertMs, 7)
               .arg(rate(backlog, insertMs), 9, 'f', 0);
    const CloudClient::Traffic &traffic = sync.traffic();
    out << QStringLiteral(
               "  bytes sent per message: %1 gzip on the wire, %2 of JSON (%3x smaller)\n")
               .arg(double(traffic.wireBytes) / backlog, 0, 'f', 0)
               .arg(double(traffic.jsonBytes) / backlog, 0, 'f', 0)
               .arg(traffic.wireBytes > 0 ? double(traffic.jsonBytes) / traffic.wireBytes : 0.0, 0,
                    'f', 1);
    out << QStringLiteral("  ratio to COPY %1x, to INSERT per batch %2x (targets: >= 5000 "
                          "messages/s and >= 0.6x COPY)\n")
               .arg(double(copyMs) / laneMs, 0, 'f', 2)
               .arg(double(insertMs) / laneMs, 0, 'f', 2);
    return 0;
}
