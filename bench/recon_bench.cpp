// recon_bench: how long the inventory checksum and one full reconciliation take with a large
// catalog, beside the floor set by a bare SELECT of the same rows plus SHA-256 of the same bytes
// (raw sqlite3 C API) in the same run.
//
// Both lanes get the same N products (the demo catalog plus generated ones). L1 (in this
// process: the real Lane, PeerSync and Reconciler) then holds its own stock figure for D of them:
// a baseline stamped (0, 0, "L1"), later than the catalog's (0, 0, ""), as if counted before the
// ledger existed (no message backs it, so only the lane that holds it can settle it). L1 runs one
// reconciliation against L2 (a real euphoria-lane process): checksum, inventory_request, the
// response frames, comparison, resolution of D conflicts by last write wins (L1's figures win and
// are published), conflicts table, outbox events. Timed from reconcileNow() to the finished()
// signal; then until L2 has applied the published figures and both checksums are equal.
#include "benchsupport.h"
#include "clock.h"
#include "idgenerator.h"
#include "inventorysnapshot.h"
#include "lane.h"
#include "peersync.h"
#include "reconciler.h"
#include "sha256.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <vector>

namespace {
using Bench::die;
using Bench::freePort;
using Bench::waitFor;
QTextStream out(stdout);
const char kStoreKey[] = "e27c94a1d05b3f86c4a9170e2fd3b58a96c1e4072b8d5f3a0e6c9b1748d2a5f3";

void execRaw(sqlite3 *db, const char *sql)
{
    char *error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const QString message = QString::fromUtf8(error);
        sqlite3_free(error);
        die(QStringLiteral("SQL failed: %1 (%2)").arg(message, QString::fromUtf8(sql)));
    }
}

// The baseline: the same rows, the same canonical bytes, SHA-256; nothing of the lane's code but
// the hash function.
QString rawChecksum(const QString &path, qint64 *rows = nullptr)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        die(QStringLiteral("cannot open %1").arg(path));
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT product_id, current_stock, last_updated, hlc_counter FROM "
                       "inventory ORDER BY product_id",
                       -1, &st, nullptr);
    Sha256 hash; // the lane's hash too: OpenSSL, with the CPU's SHA extensions
    QByteArray line;
    qint64 n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        line.clear();
        line.append(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                    sqlite3_column_bytes(st, 0));
        line += '|';
        line += QByteArray::number(sqlite3_column_int64(st, 1));
        line += '|';
        line.append(reinterpret_cast<const char *>(sqlite3_column_text(st, 2)),
                    sqlite3_column_bytes(st, 2));
        line += '|';
        line += QByteArray::number(sqlite3_column_int64(st, 3));
        line += '\n';
        hash.addData(line);
        ++n;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (rows)
        *rows = n;
    return QString::fromLatin1(hash.result().toHex());
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Adds generated products with stock (baseline at HLC time zero, as a catalog import does).
void addProducts(const QString &path, qint64 count)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        die(QStringLiteral("cannot open %1").arg(path));
    execRaw(db, "BEGIN");
    sqlite3_stmt *p = nullptr;
    sqlite3_stmt *i = nullptr;
    sqlite3_stmt *b = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO products(id, sku, name, price_cents, tax_rate_bp, updated_at) "
                       "VALUES (?1, ?2, ?2, 199, 800, '2026-11-25T00:00:00.000Z')",
                       -1, &p, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO inventory(product_id, current_stock, reserved_stock, "
                       "last_updated, hlc_ms, hlc_counter, hlc_terminal) VALUES (?1, ?2, 0, "
                       "'1970-01-01T00:00:00.000Z', 0, 0, '')",
                       -1, &i, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO inventory_baselines(product_id, quantity, hlc_ms, "
                       "hlc_counter, hlc_terminal, reason, recorded_at) VALUES (?1, ?2, 0, 0, '', "
                       "'import', '2026-11-25T00:00:00.000Z')",
                       -1, &b, nullptr);
    SeededIdGenerator ids(7);
    for (qint64 n = 0; n < count; ++n) {
        const QByteArray id = ids.nextString().toUtf8();
        const QByteArray sku = "BENCH-" + QByteArray::number(n);
        const qint64 stock = 10 + n % 90;
        sqlite3_bind_text(p, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(p, 2, sku.constData(), int(sku.size()), SQLITE_TRANSIENT);
        for (sqlite3_stmt *s : {i, b}) {
            sqlite3_bind_text(s, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(s, 2, stock);
        }
        for (sqlite3_stmt *s : {p, i, b}) {
            if (sqlite3_step(s) != SQLITE_DONE)
                die(QStringLiteral("insert failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
            sqlite3_reset(s);
        }
    }
    for (sqlite3_stmt *s : {p, i, b})
        sqlite3_finalize(s);
    execRaw(db, "COMMIT");
    sqlite3_close(db);
}

// L2's own figures for `count` products spread over the catalog: +3 units, a baseline stamped
// (0, 0, "L2").
void divergeProducts(const QString &path, qint64 count, const QByteArray &lane)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        die(QStringLiteral("cannot open %1").arg(path));
    const QByteArray limit = QByteArray::number(count);
    execRaw(db, "BEGIN");
    // Spread evenly over the product ids (every k-th), not bunched at one end.
    const QByteArray pick =
        QByteArray("CREATE TEMP TABLE pick AS SELECT product_id FROM (SELECT product_id, "
                   "ROW_NUMBER() OVER (ORDER BY product_id) AS n, COUNT(*) OVER () AS total "
                   "FROM inventory) WHERE n % MAX(1, total / ") +
        limit + ") = 0 LIMIT " + limit;
    execRaw(db, pick.constData());
    const QByteArray baselines = "UPDATE inventory_baselines SET quantity = quantity + 3, "
                                 "hlc_terminal = '" +
                                 lane + "' WHERE product_id IN (SELECT product_id FROM pick)";
    const QByteArray stock = "UPDATE inventory SET current_stock = current_stock + 3, "
                             "hlc_terminal = '" +
                             lane + "' WHERE product_id IN (SELECT product_id FROM pick)";
    execRaw(db, baselines.constData());
    execRaw(db, stock.constData());
    execRaw(db, "COMMIT");
    sqlite3_close(db);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Inventory checksum and reconciliation between an in-process lane L1 and "
                       "a euphoria-lane process L2, beside a raw SELECT + SHA-256 baseline."));
    parser.addHelpOption();
    QCommandLineOption productsOption(QStringLiteral("products"),
                                      QStringLiteral("Products in the catalog (100000)."),
                                      QStringLiteral("N"), QStringLiteral("100000"));
    QCommandLineOption diffsOption(QStringLiteral("differences"),
                                   QStringLiteral("Products whose stock differs (1000)."),
                                   QStringLiteral("D"), QStringLiteral("1000"));
    parser.addOptions({productsOption, diffsOption});
    parser.process(app);
    QLoggingCategory::setFilterRules(QStringLiteral("lane.*.info=false"));
    const qint64 wanted = parser.value(productsOption).toLongLong();
    const qint64 diffs = parser.value(diffsOption).toLongLong();
    if (wanted < 300 || diffs < 0 || diffs > wanted)
        die(QStringLiteral("need --products >= 300 and 0 <= --differences <= products"));

    QTemporaryDir dir;
    LaneConfig config;
    config.terminalId = QStringLiteral("L1");
    config.dataDir = dir.filePath(QStringLiteral("l1"));
    config.terminalPort = freePort();
    config.bindAddress = QStringLiteral("127.0.0.1");
    config.storeKeys = {QString::fromLatin1(kStoreKey)};
    config.peerBackoffInitialMs = 50;
    config.peerBackoffMaxMs = 500;
    config.reconcileFirstSeconds = 3600; // this benchmark starts the run itself
    config.reconcileIntervalSeconds = 0;
    const quint16 p2 = freePort();
    config.peerTerminals = {QStringLiteral("ws://127.0.0.1:%1").arg(p2)};

    // Both databases: the demo catalog plus generated products, the same on both lanes.
    {
        Lane seed(config, Clock::system(), IdGenerator::system());
        if (Status s = seed.start(); !s)
            die(s.error());
    }
    qint64 demo = 0;
    rawChecksum(config.databasePath(), &demo);
    addProducts(config.databasePath(), wanted - demo);
    LaneConfig two = config;
    two.terminalId = QStringLiteral("L2");
    two.dataDir = dir.filePath(QStringLiteral("l2"));
    QDir().mkpath(two.dataDir);
    if (!QFile::copy(config.databasePath(), two.databasePath()))
        die(QStringLiteral("cannot copy the database"));
    divergeProducts(config.databasePath(), diffs, "L1");

    qint64 rows = 0;
    out << "recon_bench: " << wanted << " products, " << diffs
        << " differing on L1; L1 in process, L2 = euphoria-lane process, loopback\n";

    // Checksum: the lane's code against the raw baseline, same database, 5 runs each.
    Lane lane(config, Clock::system(), IdGenerator::system());
    if (Status s = lane.start(); !s)
        die(s.error());
    std::vector<double> laneMs;
    std::vector<double> rawMs;
    QString laneSum;
    QString rawSum;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer t;
        t.start();
        auto sum = InventorySnapshot::checksum(lane.database());
        laneMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!sum)
            die(sum.error());
        laneSum = *sum;
        t.restart();
        rawSum = rawChecksum(config.databasePath(), &rows);
        rawMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    if (laneSum != rawSum)
        die(QStringLiteral("the baseline hashed other bytes than the lane (%1 vs %2)")
                .arg(laneSum, rawSum));
    out << QStringLiteral("checksum of %1 products       lane %2 ms (median of 5)   baseline "
                          "SELECT + SHA-256 %3 ms   ratio %4   target < 100 ms: %5\n")
               .arg(rows)
               .arg(median(laneMs), 0, 'f', 1)
               .arg(median(rawMs), 0, 'f', 1)
               .arg(median(laneMs) / std::max(median(rawMs), 0.001), 0, 'f', 2)
               .arg(median(laneMs) < 100 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    out.flush();

    // Reconciliation between the two lanes.
    QProcess l2;
    Bench::startLaneTwo(l2, QStringLiteral(EUPHORIA_LANE_EXECUTABLE), kStoreKey, two.dataDir, p2,
                        {QStringLiteral("--reconcile-first-seconds"), QStringLiteral("3600"),
                         QStringLiteral("--reconcile-interval-seconds"), QStringLiteral("0")});
    if (Status s = lane.startPeerSync(); !s)
        die(s.error());
    if (!waitFor([&] { return lane.peerSync()->connectedCount() == 1; }, 30000))
        die(QStringLiteral("L1 did not connect to L2"));
    // Let the first exchange (hello, catch-up of nothing) settle.
    waitFor([] { return false; }, 300);

    QVariantMap summary;
    QObject::connect(&lane.reconciler(), &Reconciler::finished,
                     [&](const QVariantMap &s) { summary = s; });
    QElapsedTimer t;
    t.start();
    if (!lane.reconciler().reconcileNow(QStringLiteral("benchmark")))
        die(QStringLiteral("reconciliation did not start"));
    if (!waitFor([&] { return !summary.isEmpty(); }, 120000))
        die(QStringLiteral("reconciliation did not finish in 120 s"));
    const double reconMs = double(t.nsecsElapsed()) / 1e6;
    out << QStringLiteral("reconciliation L1 <- L2         %1 ms   (%2; %3 products compared, %4 "
                          "differences, %5 resolved)   target < 2000 ms: %6\n")
               .arg(reconMs, 0, 'f', 1)
               .arg(summary.value(QStringLiteral("result")).toString())
               .arg(summary.value(QStringLiteral("productsCompared")).toLongLong())
               .arg(summary.value(QStringLiteral("differences")).toLongLong())
               .arg(summary.value(QStringLiteral("resolved")).toLongLong())
               .arg(reconMs < 2000 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    out << QStringLiteral("  baseline for the same data: SELECT + SHA-256 on both lanes %1 ms\n")
               .arg(2 * median(rawMs), 0, 'f', 1);
    // Converged: L1's figures were the later ones; L2 applies what L1 published.
    QString l2Sum;
    auto after = InventorySnapshot::checksum(lane.database());
    t.restart();
    waitFor(
        [&] {
            after = InventorySnapshot::checksum(lane.database());
            l2Sum = rawChecksum(two.databasePath());
            return after && *after == l2Sum;
        },
        30000);
    out << QStringLiteral("  L2 applied L1's figures %1 ms later\n").arg(t.elapsed());
    out << "  after: L1 " << (after ? after->left(16) : QString()) << "  L2 " << l2Sum.left(16)
        << (after && *after == l2Sum ? "  (equal)\n" : "  (DIFFERENT)\n");
    out.flush();
    lane.peerSync()->stop();
    l2.terminate();
    if (!l2.waitForFinished(20000))
        l2.kill();
    return after && *after == l2Sum &&
                   summary.value(QStringLiteral("resolved")).toLongLong() == diffs
               ? 0
               : 1;
}
