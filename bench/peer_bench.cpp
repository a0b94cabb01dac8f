// peer_bench: how fast a sale reaches another lane, and how fast a lane that was offline
// catches up, against the floor set by a plain QWebSocket echo in the same run.
//
// L1 runs in this process (the real Lane, SaleService and PeerSync); L2 is a real euphoria-lane
// process on loopback. Live phase: L1 commits sales (3 lines, 1 payment) at a fixed rate; for
// each, the time from L1's commit to L2's ack, which L2 sends only after committing the sale and
// its inbox row: commit-to-commit latency plus one ack hop. Baseline: a plain QWebSocket echo
// round trip with a frame of the same size to a separate process (this program in
// --echo-server mode), LowDelay on both ends. Catch-up: L2 stops, L1 commits N sales, L2
// starts again; messages/s from L2's start until L1 holds L2's ack for all of them.

#include "benchsupport.h"
#include "cart.h"
#include "clock.h"
#include "idgenerator.h"
#include "lane.h"
#include "peersync.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>

#include <cstdio>
#include <unistd.h>
#include <vector>

namespace {
using Bench::die;
using Bench::freePort;
using Bench::waitFor;
QTextStream out(stdout);
const char kStoreKey[] = "5b0e93c17fa24d68e1c35a9f0b72d84c6e19f3a05d87c2b4196ea0f37c52d8b1";

struct Stats
{
    std::vector<double> ms;
    double pct(double p)
    {
        if (ms.empty())
            return 0;
        std::sort(ms.begin(), ms.end());
        return ms[std::min(ms.size() - 1, size_t(p * double(ms.size() - 1) + 0.5))];
    }
    double max() { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

int echoServer()
{
    // Accept like the lane does (own QTcpServer, LowDelay) and echo every text frame.
    auto *tcp = new QTcpServer;
    auto *ws = new QWebSocketServer(QStringLiteral("echo"), QWebSocketServer::NonSecureMode);
    QObject::connect(tcp, &QTcpServer::newConnection, [tcp, ws] {
        while (QTcpSocket *s = tcp->nextPendingConnection()) {
            s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            ws->handleConnection(s);
        }
    });
    QObject::connect(ws, &QWebSocketServer::newConnection, [ws] {
        while (QWebSocket *s = ws->nextPendingConnection()) {
            QObject::connect(s, &QWebSocket::textMessageReceived, s,
                             [s](const QString &m) { s->sendTextMessage(m); });
            QObject::connect(s, &QWebSocket::disconnected, [] { QCoreApplication::quit(); });
        }
    });
    if (!tcp->listen(QHostAddress::LocalHost, 0))
        return 1;
    out << tcp->serverPort() << Qt::endl;
    return QCoreApplication::exec();
}

class LaneTwo
{
public:
    LaneTwo(QString dir, quint16 port, QString sync, QString peer)
        : m_dir(std::move(dir))
        , m_port(port)
        , m_sync(std::move(sync))
        , m_peer(std::move(peer))
    {
    }
    ~LaneTwo() { stop(); }
    void start()
    {
        Bench::startLaneTwo(m_process, QStringLiteral(EUPHORIA_LANE_EXECUTABLE), kStoreKey, m_dir,
                            m_port,
                            {QStringLiteral("--sqlite-synchronous"), m_sync,
                             QStringLiteral("--peer-terminals"), m_peer});
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(20000))
            m_process.kill();
    }

private:
    QString m_dir;
    quint16 m_port;
    QString m_sync;
    QString m_peer;
    QProcess m_process;
};

// The floor of applying a catch-up: the very rows L2 wrote for the messages it received
// (transaction, lines, payments, stock ledger rows, inbox row; read back from its database),
// inserted again through the raw sqlite3 C API into a new database with the same schema, catalog
// and pragmas, in transactions of as many messages as L2 applies at once. No network, no JSON,
// no reads: what is left is what SQLite costs for these rows on this disk.
class StorageFloor
{
public:
    ~StorageFloor()
    {
        for (auto &message : m_messages)
            for (auto &row : message)
                for (sqlite3_value *v : row.values)
                    sqlite3_value_free(v);
        for (sqlite3_stmt *s : m_inserts)
            sqlite3_finalize(s);
        if (m_db)
            sqlite3_close(m_db);
    }

    // Prepares the empty database at `path` (created by the lane's own migrations) from L2's.
    // Takes the last `count` messages L2 received.
    void prepare(const QString &path, const QString &laneTwo, const QString &synchronous,
                 qint64 count)
    {
        {
            Database schema;
            if (Status s = schema.open({path}); !s)
                die(QStringLiteral("storage floor: ") + s.error());
        }
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) !=
            SQLITE_OK)
            die(QStringLiteral("storage floor: cannot open ") + path);
        exec("PRAGMA journal_mode=WAL");
        exec(QStringLiteral("PRAGMA synchronous=%1").arg(synchronous).toUtf8());
        exec("PRAGMA foreign_keys=ON");
        exec("PRAGMA cache_size=-32768");
        exec("PRAGMA wal_autocheckpoint=0"); // no checkpoint in the timed part: a floor
        exec(QStringLiteral("ATTACH '%1' AS l2").arg(laneTwo).toUtf8());
        exec("INSERT INTO categories SELECT * FROM l2.categories");
        exec("INSERT INTO products SELECT * FROM l2.products");
        exec("INSERT INTO employees SELECT * FROM l2.employees WHERE id NOT IN (SELECT id FROM "
             "employees)");
        // Every received message with its rows, in the order L2 applied them. Each table is
        // read once and its rows grouped by message (L2 keeps no index for these lookups).
        const QList<const char *> tables = {"transactions", "transaction_lines", "payments",
                                            "inventory_changes", "inbox_processed"};
        // The key of each row: its message id, or for lines and payments their sale's id.
        const QList<const char *> reads = {
            "SELECT message_id, * FROM l2.transactions",
            "SELECT transaction_id, * FROM l2.transaction_lines ORDER BY transaction_id, line_no",
            "SELECT transaction_id, * FROM l2.payments ORDER BY transaction_id, payment_no",
            "SELECT message_id, * FROM l2.inventory_changes WHERE message_id IS NOT NULL ORDER "
            "BY id",
            "SELECT message_id, * FROM l2.inbox_processed"};
        std::vector<QHash<QByteArray, std::vector<Row>>> byKey(size_t(tables.size()));
        QHash<QByteArray, QByteArray> saleOfMessage;
        for (qsizetype t = 0; t < tables.size(); ++t) {
            sqlite3_stmt *r = prepareStatement(reads[t]);
            const int columns = sqlite3_column_count(r);
            QByteArray insert = QByteArray("INSERT INTO ") + tables[t] + " VALUES (?";
            for (int c = 2; c < columns; ++c)
                insert += ",?";
            m_inserts.push_back(prepareStatement(insert + ')'));
            while (sqlite3_step(r) == SQLITE_ROW) {
                const QByteArray key(reinterpret_cast<const char *>(sqlite3_column_text(r, 0)));
                Row row{int(t), {}};
                for (int c = 1; c < columns; ++c)
                    row.values.push_back(sqlite3_value_dup(sqlite3_column_value(r, c)));
                if (t == 0) // transactions: id is the first column
                    saleOfMessage.insert(
                        key, QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(r, 1))));
                byKey[size_t(t)][key].push_back(std::move(row));
            }
            sqlite3_finalize(r);
        }
        sqlite3_stmt *ids = prepareStatement(
            "SELECT message_id FROM (SELECT rowid, message_id FROM l2.inbox_processed WHERE topic "
            "= 'transaction' ORDER BY rowid DESC LIMIT ?) ORDER BY rowid");
        sqlite3_bind_int64(ids, 1, count);
        while (sqlite3_step(ids) == SQLITE_ROW) {
            const QByteArray id(reinterpret_cast<const char *>(sqlite3_column_text(ids, 0)));
            const QByteArray sale = saleOfMessage.value(id);
            std::vector<Row> rows;
            for (size_t t = 0; t < byKey.size(); ++t) {
                auto it = byKey[t].find(t == 1 || t == 2 ? sale : id);
                if (it == byKey[t].end())
                    continue;
                for (Row &row : it.value())
                    rows.push_back(std::move(row));
                byKey[t].erase(it);
            }
            m_messages.push_back(std::move(rows));
        }
        sqlite3_finalize(ids);
        for (auto &table : byKey) // rows of messages outside the timed set
            for (auto &rows : table)
                for (Row &row : rows)
                    for (sqlite3_value *v : row.values)
                        sqlite3_value_free(v);
        exec("DETACH l2");
    }

    qsizetype messages() const { return qsizetype(m_messages.size()); }

    // Seconds to insert every message's rows, `batch` messages per transaction.
    double run(int batch)
    {
        QElapsedTimer t;
        t.start();
        for (size_t i = 0; i < m_messages.size(); i += size_t(batch)) {
            exec("BEGIN IMMEDIATE");
            for (size_t m = i; m < std::min(m_messages.size(), i + size_t(batch)); ++m) {
                for (const Row &row : m_messages[m]) {
                    sqlite3_stmt *insert = m_inserts[size_t(row.table)];
                    for (size_t c = 0; c < row.values.size(); ++c)
                        sqlite3_bind_value(insert, int(c + 1), row.values[c]);
                    if (sqlite3_step(insert) != SQLITE_DONE)
                        die(QStringLiteral("storage floor: ") +
                            QString::fromUtf8(sqlite3_errmsg(m_db)));
                    sqlite3_reset(insert);
                }
            }
            exec("COMMIT");
        }
        return double(t.nsecsElapsed()) / 1e9;
    }

private:
    struct Row
    {
        int table = 0;
        std::vector<sqlite3_value *> values;
    };

    void exec(const QByteArray &sql)
    {
        char *error = nullptr;
        if (sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &error) != SQLITE_OK) {
            const QString text = QString::fromUtf8(error ? error : "?");
            sqlite3_free(error);
            die(QStringLiteral("storage floor: %1: %2").arg(QString::fromUtf8(sql), text));
        }
    }

    sqlite3_stmt *prepareStatement(const QByteArray &sql)
    {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &s, nullptr) != SQLITE_OK)
            die(QStringLiteral("storage floor: %1: %2")
                    .arg(QString::fromUtf8(sql), QString::fromUtf8(sqlite3_errmsg(m_db))));
        return s;
    }

    sqlite3 *m_db = nullptr;
    std::vector<sqlite3_stmt *> m_inserts;
    std::vector<std::vector<Row>> m_messages;
};

Cart makeCart(const QList<Product> &products, qint64 n)
{
    Cart cart;
    for (int k = 0; k < 3; ++k)
        (void)cart.add(products.at(qsizetype((n * 7 + k * 61) % products.size())), 1);
    (void)cart.addCash(((cart.totalCents() + 1999) / 2000) * 2000);
    return cart;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Peer sync latency and catch-up between an in-process lane L1 and a euphoria-lane "
        "process L2, beside a plain QWebSocket echo baseline."));
    parser.addHelpOption();
    QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Live sales per second (200)."),
                            QStringLiteral("R"), QStringLiteral("200"));
    QCommandLineOption seconds(QStringLiteral("seconds"),
                               QStringLiteral("Length of the live phase (30)."),
                               QStringLiteral("S"), QStringLiteral("30"));
    QCommandLineOption catchup(QStringLiteral("catchup"),
                               QStringLiteral("Messages committed while L2 is offline (100000)."),
                               QStringLiteral("N"), QStringLiteral("100000"));
    QCommandLineOption sync(
        QStringLiteral("sync"),
        QStringLiteral("synchronous mode of both lanes: FULL or NORMAL (FULL)."),
        QStringLiteral("MODE"), QStringLiteral("FULL"));
    QCommandLineOption echo(QStringLiteral("echo-server"),
                            QStringLiteral("Internal: echo server."));
    parser.addOptions({rate, seconds, catchup, sync, echo});
    parser.process(app);
    if (parser.isSet(echo))
        return echoServer();
    QLoggingCategory::setFilterRules(QStringLiteral("lane.*.info=false"));

    const double salesPerSecond = parser.value(rate).toDouble();
    const int liveSeconds = parser.value(seconds).toInt();
    const qint64 catchupCount = parser.value(catchup).toLongLong();
    const QString syncMode = parser.value(sync).toUpper();
    if (salesPerSecond <= 0 || salesPerSecond > 5000 || liveSeconds < 1 || catchupCount < 0)
        die(QStringLiteral("bad --rate, --seconds or --catchup"));

    QTemporaryDir dir;
    const quint16 p1 = freePort();
    const quint16 p2 = freePort();
    // Both lanes list each other, as the lanes of a store do: a lane that starts dials at once.
    LaneTwo l2(dir.filePath(QStringLiteral("l2")), p2, syncMode,
               QStringLiteral("ws://127.0.0.1:%1").arg(p1));
    l2.start();

    LaneConfig config;
    config.terminalId = QStringLiteral("L1");
    config.dataDir = dir.filePath(QStringLiteral("l1"));
    config.terminalPort = p1;
    config.bindAddress = QStringLiteral("127.0.0.1");
    config.peerTerminals = {QStringLiteral("ws://127.0.0.1:%1").arg(p2)};
    config.storeKeys = {QString::fromLatin1(kStoreKey)};
    config.peerBackoffInitialMs = 50;
    config.peerBackoffMaxMs = 500;
    config.sqliteSynchronous = syncMode == QLatin1String("NORMAL") ? Database::Synchronous::Normal
                                                                   : Database::Synchronous::Full;
    Lane lane(config, Clock::system(), IdGenerator::system());
    if (Status s = lane.start(); !s)
        die(s.error());
    if (Status s = lane.startPeerSync(); !s)
        die(s.error());
    const auto demo = Lane::demoCashier();
    if (!demo || !lane.session().login(demo->employeeId, demo->pin).ok)
        die(QStringLiteral("cannot log in"));
    const Employee employee = *lane.session().current();
    const QList<Product> products = *lane.catalog().byCategory(QString(), 100000);
    PeerSync &peers = *lane.peerSync();
    if (!waitFor([&] { return peers.connectedCount() == 1; }, 30000))
        die(QStringLiteral("L1 did not connect to L2"));

    QElapsedTimer clock;
    clock.start();
    QHash<QString, qint64> committedAt;
    Stats live;
    // Messages acked in the current phase, each counted once: a message sent again (after a
    // connection was replaced, or asked for again) may be acked twice.
    QSet<QString> ackedIds;
    qint64 acked = 0;
    std::chrono::steady_clock::time_point firstAck; // of a phase: when `acked` became 1
    QObject::connect(&peers, &PeerSync::ackArrived, [&](const QString &id, const QString &) {
        const qint64 now = clock.nsecsElapsed();
        if (ackedIds.contains(id))
            return;
        ackedIds.insert(id);
        if (++acked == 1)
            firstAck = std::chrono::steady_clock::now();
        auto it = committedAt.find(id);
        if (it != committedAt.end()) {
            live.ms.push_back(double(now - it.value()) / 1e6);
            committedAt.erase(it);
        }
    });

    out << "peer_bench: L1 in process, L2 = euphoria-lane process, loopback, synchronous="
        << syncMode << Qt::endl;

    // Live phase.
    const qint64 liveTotal = qint64(salesPerSecond * liveSeconds);
    qint64 rung = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    const qint64 intervalNs = qint64(1e9 / salesPerSecond);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        // One sale per timer event, as a lane rings each sale from its own input event: a sale
        // never waits in the same event for the commit of the next one. A late timer (the loop
        // was busy) is caught up at one sale per millisecond.
        if (rung < liveTotal && clock.nsecsElapsed() >= rung * intervalNs) {
            Cart cart = makeCart(products, rung);
            auto sale = lane.sales().complete(cart, employee);
            if (!sale)
                die(sale.error());
            committedAt.insert(sale->messageId, clock.nsecsElapsed());
            ++rung;
        }
        if (rung >= liveTotal)
            ticker.stop();
    });
    acked = 0;
    ackedIds.clear();
    clock.restart();
    ticker.start(1);
    if (!waitFor([&] { return rung >= liveTotal && acked >= liveTotal; },
                 liveSeconds * 1000 + 60000))
        die(QStringLiteral("live phase: only %1 of %2 sales acked").arg(acked).arg(liveTotal));

    // Baseline: echo round trips with a frame the size of a sale message.
    QProcess echoProcess;
    echoProcess.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--echo-server")});
    if (!echoProcess.waitForReadyRead(10000))
        die(QStringLiteral("echo server did not start"));
    const quint16 echoPort = quint16(echoProcess.readLine().trimmed().toUInt());
    QWebSocket socket;
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(echoPort)));
    if (!waitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000))
        die(QStringLiteral("cannot reach the echo server"));
    const QString frame(1500, QLatin1Char('x'));
    Stats echoStats;
    for (int i = 0; i < 2000; ++i) {
        QEventLoop loop;
        bool answered = false;
        auto c = QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop, [&] {
            answered = true;
            loop.quit();
        });
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        QElapsedTimer rtt;
        rtt.start();
        socket.sendTextMessage(frame);
        socket.flush();
        loop.exec();
        const qint64 ns = rtt.nsecsElapsed();
        QObject::disconnect(c);
        if (!answered)
            die(QStringLiteral("echo lost"));
        echoStats.ms.push_back(double(ns) / 1e6);
    }
    socket.close();
    echoProcess.waitForFinished(5000);

    // Baseline: the disk. What one received sale costs L2 in writes (about 30 WAL pages, then
    // fdatasync), appended to a file next to the lanes' databases at the live rate. On a shared
    // or virtual disk its tail is the floor of the commit-to-commit tail above.
    Stats diskStats;
    {
        QFile wal(dir.filePath(QStringLiteral("disk-baseline.bin")));
        if (!wal.open(QIODevice::WriteOnly))
            die(QStringLiteral("cannot write %1").arg(wal.fileName()));
        const QByteArray pages(30 * 4096, 'w');
        QElapsedTimer paced;
        paced.start();
        const qint64 count = std::min<qint64>(liveTotal, 2000);
        qint64 written = 0;
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            while (written < count && paced.nsecsElapsed() >= written * intervalNs) {
                if (written % 500 == 0)
                    wal.seek(0);
                QElapsedTimer t;
                t.start();
                if (wal.write(pages) != pages.size() || !wal.flush() ||
                    ::fdatasync(wal.handle()) != 0)
                    die(QStringLiteral("disk baseline: write failed"));
                diskStats.ms.push_back(double(t.nsecsElapsed()) / 1e6);
                ++written;
            }
        });
        tick.start(1);
        if (!waitFor([&] { return written >= count; }, 120000))
            die(QStringLiteral("disk baseline did not finish"));
    }

    out << QStringLiteral("%1 %2 %3 %4 %5")
               .arg(QStringLiteral("live"), -36)
               .arg(QStringLiteral("count"), 7)
               .arg(QStringLiteral("p50 ms"), 9)
               .arg(QStringLiteral("p99 ms"), 9)
               .arg(QStringLiteral("max ms"), 9)
        << Qt::endl;
    auto row = [&](const QString &name, Stats &s) {
        out << QStringLiteral("%1 %2 %3 %4 %5")
                   .arg(name, -36)
                   .arg(qint64(s.ms.size()), 7)
                   .arg(s.pct(0.5), 9, 'f', 3)
                   .arg(s.pct(0.99), 9, 'f', 3)
                   .arg(s.max(), 9, 'f', 3)
            << Qt::endl;
    };
    row(QStringLiteral("L1 commit -> L2 commit + ack, %1/s").arg(salesPerSecond), live);
    row(QStringLiteral("baseline: QWebSocket echo RTT"), echoStats);
    row(QStringLiteral("baseline: 120 KiB write + fdatasync"), diskStats);
    out << QStringLiteral("target p99 < 5 ms: %1")
               .arg(live.pct(0.99) < 5.0 ? QStringLiteral("met") : QStringLiteral("NOT met"))
        << Qt::endl;

    if (catchupCount > 0) {
        l2.stop();
        if (!waitFor([&] { return peers.connectedCount() == 0; }, 20000))
            die(QStringLiteral("L2 did not go away"));
        QElapsedTimer fill;
        fill.start();
        for (qint64 i = 0; i < catchupCount; ++i) {
            Cart cart = makeCart(products, i);
            if (auto sale = lane.sales().complete(cart, employee); !sale)
                die(sale.error());
            if (i % 1000 == 999)
                QCoreApplication::processEvents();
        }
        out << "catch-up: L1 committed " << catchupCount << " sales while L2 was offline in "
            << fill.elapsed() / 1000.0 << " s" << Qt::endl;
        acked = 0;
        ackedIds.clear();
        QElapsedTimer t;
        t.start();
        l2.start();
        // Done when L1 knows L2 holds every message: by its acks, or (when the two lanes' dials
        // crossed and one connection replaced the other, so that acks sent on the closed one
        // were lost) by what L2 declared it holds in the handshake of the connection kept.
        QElapsedTimer poll;
        poll.start();
        const auto allHeld = [&] {
            if (acked >= catchupCount)
                return true;
            if (poll.elapsed() < 20)
                return false;
            poll.restart();
            auto pending = lane.database().scalar(
                QStringLiteral("SELECT n FROM outbox_counts WHERE status = 'pending'"));
            return pending && pending->toLongLong() == 0;
        };
        if (!waitFor(allHeld, 900000))
            die(QStringLiteral("catch-up: only %1 of %2 acked").arg(acked).arg(catchupCount));
        const double secs = double(t.elapsed()) / 1000.0;
        const double streaming =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - firstAck).count();
        out << QStringLiteral("catch-up: %1 messages in %2 s from L2's start = %3 messages/s "
                              "(target >= 20000: %4)")
                   .arg(catchupCount)
                   .arg(secs, 0, 'f', 2)
                   .arg(double(catchupCount) / secs, 0, 'f', 0)
                   .arg(double(catchupCount) / secs >= 20000 ? QStringLiteral("met")
                                                             : QStringLiteral("NOT met"))
            << Qt::endl;
        out << QStringLiteral("  of which start, connection and handshake until the first ack: "
                              "%1 s; from the first ack: %2 messages/s")
                   .arg(secs - streaming, 0, 'f', 2)
                   .arg(double(catchupCount - 1) / streaming, 0, 'f', 0)
            << Qt::endl;

        l2.stop();
        StorageFloor floor;
        floor.prepare(dir.filePath(QStringLiteral("floor.sqlite")),
                      dir.filePath(QStringLiteral("l2/lane-L2.sqlite")), syncMode, catchupCount);
        const double floorSecs = floor.run(lane.peerSync()->config().maxBatch);
        out << QStringLiteral("baseline: the same %1 messages' rows via raw sqlite3 INSERTs, %2 "
                              "per transaction: %3 s = %4 messages/s")
                   .arg(floor.messages())
                   .arg(lane.peerSync()->config().maxBatch)
                   .arg(floorSecs, 0, 'f', 2)
                   .arg(double(floor.messages()) / floorSecs, 0, 'f', 0)
            << Qt::endl;
    }
    peers.stop();
    l2.stop();
    return 0;
}
