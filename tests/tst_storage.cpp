// The storage primitives under the sale commit: native statements on the lane's connection and
// the JSON writer that produces outbox payloads.
#include "clock.h"
#include "idgenerator.h"
#include "jsonwriter.h"
#include "testlane.h"
#include "transactionpayload.h"
#include "writetransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

class TstStorage : public QObject
{
    Q_OBJECT

private slots:
    void jsonWriterEscapesLikeQJsonDocument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("Tequila Blanco 750ml");
        QTest::newRow("quote and backslash") << QStringLiteral("12\" \\ pizza");
        QTest::newRow("controls") << QStringLiteral("a\nb\tc\rd\be\ff") + QChar(0x01) + QChar(0x1f);
        QTest::newRow("accents") << QStringLiteral("Crème brûlée, jalapeño");
        QTest::newRow("emoji") << QString::fromUtf8("Party pack \xF0\x9F\x8E\x89");
        QTest::newRow("empty") << QString();
        QTest::newRow("slash and unicode escapes") << QStringLiteral("</script> \u2028 \u2029");
    }

    void jsonWriterEscapesLikeQJsonDocument()
    {
        QFETCH(QString, text);
        JsonWriter w;
        w.beginObject()
            .member(QLatin1String("name"), text)
            .member(QLatin1String("n"), qint64(-9007199254740991))
            .member(QLatin1String("ok"), true)
            .key(QLatin1String("nothing"))
            .null()
            .key(QLatin1String("list"))
            .beginArray()
            .value(1)
            .beginObject()
            .member(QLatin1String("x"), text)
            .endObject()
            .beginArray()
            .endArray()
            .endArray()
            .endObject();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(w.bytes(), &error);
        QVERIFY2(
            error.error == QJsonParseError::NoError,
            qPrintable(error.errorString() + QStringLiteral(": ") + QString::fromUtf8(w.bytes())));
        const QJsonObject expected{
            {QStringLiteral("name"), text},
            {QStringLiteral("n"), qint64(-9007199254740991)},
            {QStringLiteral("ok"), true},
            {QStringLiteral("nothing"), QJsonValue::Null},
            {QStringLiteral("list"),
             QJsonArray{1, QJsonObject{{QStringLiteral("x"), text}}, QJsonArray{}}}};
        QCOMPARE(doc.object(), expected);
    }

    void systemIdsAreTimeOrdered()
    {
        // Version 7: the first 48 bits are the Unix time in ms, so later ids sort later (and
        // land at the end of every index keyed by them); the rest is random.
        RandomIdGenerator ids;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QSet<QString> seen;
        QString previous;
        for (int i = 0; i < 20000; ++i) {
            const QUuid id = ids.next();
            const QString text = id.toString(QUuid::WithoutBraces);
            QVERIFY(IdGenerator::isUuid(text));
            QCOMPARE(text.at(14), QLatin1Char('7')); // version (Qt 6.4 knows only 1 to 5)
            QVERIFY(QStringLiteral("89ab").contains(text.at(19))); // RFC 9562 variant
            QVERIFY2(!seen.contains(text), qPrintable(text));
            seen.insert(text);
            QVERIFY(text.left(13) >= previous.left(13)); // never earlier than the one before
            previous = text;
        }
        const qint64 stamped = previous.left(8).toLongLong(nullptr, 16) << 16 |
                               previous.mid(9, 4).toLongLong(nullptr, 16);
        QVERIFY(stamped >= before);
        QVERIFY(stamped <= QDateTime::currentMSecsSinceEpoch());
    }

    void isoTimesMatchQtsFormat_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::newRow("epoch") << qint64(0);
        QTest::newRow("before the epoch") << qint64(-1);
        QTest::newRow("day before the epoch") << qint64(-86400000);
        QTest::newRow("leap day") << QDateTime(QDate(2028, 2, 29), QTime(23, 59, 59, 999),
                                               QTimeZone::utc())
                                         .toMSecsSinceEpoch();
        QTest::newRow("year 1")
            << QDateTime(QDate(1, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QTest::newRow("year 9999")
            << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 1), QTimeZone::utc())
                   .toMSecsSinceEpoch();
        QTest::newRow("year 10000")
            << QDateTime(QDate(10000, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QTest::newRow("year 0")
            << QDateTime(QDate(0, 6, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        // A sweep over ten years in uneven steps (every month, hour, minute and ms digit).
        for (qint64 ms = 1700000000000; ms < 2015000000000; ms += 7777777777)
            QTest::newRow(qPrintable(QString::number(ms))) << ms;
    }

    void isoTimesMatchQtsFormat()
    {
        QFETCH(qint64, ms);
        const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
        const QString expected = utc.toUTC().toString(Qt::ISODateWithMs);
        QCOMPARE(Clock::toIso(utc), expected);
        // The zone a time is given in does not change the text.
        const QDateTime local = utc.toTimeZone(QTimeZone(3600 * 5 + 1800));
        QCOMPARE(Clock::toIso(local), expected);
        QCOMPARE(Clock::toIso(QDateTime()), QString());
    }

    void transactionPayloadRoundTrips()
    {
        SaleRecord sale;
        sale.id = QStringLiteral("6f9619ff-8b86-4011-b42d-00c04fc964ff");
        sale.receiptNumber = QStringLiteral("L1-000042");
        sale.terminalId = QStringLiteral("L1");
        sale.employeeId = QStringLiteral("1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b");
        sale.createdAt = QStringLiteral("2026-11-25T10:00:00.000Z");
        SaleLine line{1,
                      QStringLiteral("2c1f7d6e-6a3f-4b8e-9d0a-1e2f3a4b5c6d"),
                      QStringLiteral("SKU-1"),
                      QStringLiteral("Wine \"Reserve\"\n750ml"),
                      2,
                      1299,
                      0,
                      825,
                      214,
                      2812,
                      {}};
        sale.lines = {line};
        sale.subtotalCents = 2598;
        sale.taxCents = 214;
        sale.totalCents = 2812;
        sale.paidCents = 2812;
        sale.payments = {SalePayment{1, QStringLiteral("cash"), 2812, 3000, 188}};
        sale.changeCents = 188;
        auto decoded = TransactionPayload::decode(TransactionPayload::encode(sale));
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->lines.at(0).name, line.name);
        QCOMPARE(decoded->totalCents, 2812);
        QCOMPARE(decoded->payments.at(0).changeCents, 188);
        const QJsonObject o = TransactionPayload::encode(sale);
        QCOMPARE(o.value(QLatin1String("stockChanges"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("delta")),
                 QJsonValue(-2));
        QVERIFY(!o.contains(QLatin1String("customerId")));
    }

    void nativeStatementReportsErrorsAndStaysUsable()
    {
        TestLane t;
        WriteTransaction tx(t.db());
        QVERIFY(tx.isActive());
        auto q =
            t.db().statement(QStringLiteral("INSERT INTO lane_meta(key, value) VALUES (?, ?)"));
        QVERIFY2(q, qPrintable(q.error()));
        QVERIFY((*q)->bind(1, QStringLiteral("k1")).bind(2, QStringLiteral("v1")).exec());
        // A constraint violation: a clear error naming the statement, nothing written.
        Status dup = (*q)->bind(1, QStringLiteral("k1")).bind(2, QStringLiteral("v2")).exec();
        QVERIFY(!dup);
        QVERIFY2(dup.error().contains(QLatin1String("INSERT INTO lane_meta")),
                 qPrintable(dup.error()));
        QVERIFY2(dup.error().contains(QLatin1String("UNIQUE")), qPrintable(dup.error()));
        // The same statement works again afterwards, and bindings do not leak between runs.
        QVERIFY((*q)->bind(1, QStringLiteral("k2")).bindOptional(2, QStringLiteral("v3")).exec());
        QVERIFY(tx.commit());
        QCOMPARE(t.count(QStringLiteral(
                     "SELECT COUNT(*) FROM lane_meta WHERE key = 'k1' AND value = 'v1'")),
                 1);
        QCOMPARE(t.count(QStringLiteral(
                     "SELECT COUNT(*) FROM lane_meta WHERE key = 'k2' AND value = 'v3'")),
                 1);
    }

    // The counts the status line, the sync panel and --health read are the table's own counts
    // after inserts, every status change and deletes.
    void outboxCountsFollowEveryChange()
    {
        TestLane t;
        QVERIFY(!t.ringSaleFrames(5).isEmpty());
        QVERIFY(t.db().exec(QStringLiteral(
            "UPDATE outbox SET status = 'peer_ack' WHERE seq IN (SELECT seq FROM outbox ORDER BY "
            "seq LIMIT 3)")));
        QVERIFY(t.db().exec(QStringLiteral(
            "UPDATE outbox SET status = 'cloud_ack' WHERE seq = (SELECT MIN(seq) FROM outbox)")));
        QVERIFY(t.db().exec(QStringLiteral(
            "UPDATE outbox SET status = 'failed' WHERE seq = (SELECT MAX(seq) FROM outbox)")));
        QVERIFY(
            t.db().exec(QStringLiteral("UPDATE outbox SET retry_count = 2"))); // no status change
        QVERIFY(t.db().exec(QStringLiteral("DELETE FROM outbox WHERE seq = (SELECT MAX(seq) FROM "
                                           "outbox WHERE status = 'peer_ack')")));
        auto counts = t.lane().outbox().store().countByStatus();
        QVERIFY(counts);
        QSqlQuery q(t.db().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT status, COUNT(*) FROM outbox GROUP BY status")));
        QMap<QString, qint64> actual{{QStringLiteral("pending"), 0},
                                     {QStringLiteral("peer_ack"), 0},
                                     {QStringLiteral("cloud_ack"), 0},
                                     {QStringLiteral("failed"), 0}};
        while (q.next())
            actual[q.value(0).toString()] = q.value(1).toLongLong();
        QCOMPARE(*counts, actual);
        QCOMPARE(actual.value(QStringLiteral("pending")), 1);
        QCOMPARE(actual.value(QStringLiteral("peer_ack")), 1);
        QCOMPARE(actual.value(QStringLiteral("cloud_ack")), 1);
        QCOMPARE(actual.value(QStringLiteral("failed")), 1);
    }

    void nativeStatementReturningAndPrepareErrors()
    {
        TestLane t;
        auto bad = t.db().statement(QStringLiteral("INSERT INTO no_such_table VALUES (1)"));
        QVERIFY(!bad);
        QVERIFY2(bad.error().contains(QLatin1String("no_such_table")), qPrintable(bad.error()));
        WriteTransaction tx(t.db());
        auto a = t.db().nextCounter(QStringLiteral("test"));
        auto b = t.db().nextCounter(QStringLiteral("test"));
        QVERIFY(a);
        QVERIFY(b);
        QCOMPARE(*b, *a + 1);
        auto none = t.db().statement(
            QStringLiteral("UPDATE counters SET value = value WHERE name = ? RETURNING value"));
        QVERIFY(none);
        auto r = (*none)->bind(1, QStringLiteral("missing")).execReturningInt();
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QLatin1String("no row")), qPrintable(r.error()));
        QVERIFY(tx.commit());
    }

    // The typed helpers bind in order (NULL, empty-as-NULL, integers, UTF-8 bytes), read rows
    // into values, stop early without leaving the statement busy, and name the SQL on failure.
    void typedQueryHelpersBindReadAndFail()
    {
        TestLane t;
        Database &db = t.db();
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE helper_t(k TEXT PRIMARY KEY, n INTEGER, "
                                       "o TEXT, b TEXT)")));
        const QString insert =
            QStringLiteral("INSERT INTO helper_t(k, n, o, b) VALUES (?, ?, ?, ?)");
        const QString empty;
        QVERIFY(
            db.run(insert, QStringLiteral("a"), 1, SqlOptional{empty}, QByteArray("x\xc3\xa9")));
        QVERIFY(db.run(insert, QStringLiteral("b"), qint64(1) << 40, QStringLiteral("o"), nullptr));
        QVERIFY(
            db.run(insert, QStringLiteral("c"), true, SqlOptional{QStringLiteral("p")}, nullptr));
        Status dup = db.run(insert, QStringLiteral("a"), 2, nullptr, nullptr);
        QVERIFY(!dup);
        QVERIFY2(dup.error().contains(QLatin1String("INSERT INTO helper_t")),
                 qPrintable(dup.error()));

        struct Row
        {
            QString k;
            qint64 n;
            bool oNull;
            QString b;
        };
        auto rows = db.rows(QStringLiteral("SELECT k, n, o, b FROM helper_t ORDER BY k"),
                            [](const SqlRow &r) {
                                return Row{r.text(0), r.integer(1), r.isNull(2), r.text(3)};
                            });
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->at(0).k, QStringLiteral("a"));
        QCOMPARE(rows->at(0).n, 1);
        QVERIFY(rows->at(0).oNull);
        QCOMPARE(rows->at(0).b, QString::fromUtf8("x\xc3\xa9"));
        QCOMPARE(rows->at(1).n, qint64(1) << 40);
        QVERIFY(!rows->at(1).oNull);
        QVERIFY(rows->at(1).b.isNull());
        QCOMPARE(rows->at(2).n, 1);

        // An early stop resets the statement: the same SQL runs again from its first row.
        const QString byN = QStringLiteral("SELECT k FROM helper_t WHERE n = ? ORDER BY k");
        auto first = db.text(byN, 1);
        QVERIFY(first);
        QCOMPARE(first->value_or(QString()), QStringLiteral("a"));
        auto again = db.rows(
            byN, [](const SqlRow &r) { return r.text(0); }, 1);
        QVERIFY(again);
        QCOMPARE(*again, QStringList({QStringLiteral("a"), QStringLiteral("c")}));
        auto none =
            db.integer(QStringLiteral("SELECT n FROM helper_t WHERE k = ?"), QStringLiteral("zz"));
        QVERIFY(none);
        QVERIFY(!none->has_value());
        auto sum = db.integer(QStringLiteral("SELECT SUM(n) FROM helper_t WHERE k <> ?"),
                              QStringLiteral("b"));
        QVERIFY(sum);
        QCOMPARE(sum->value_or(-1), 2);
        auto bad = db.rows(QStringLiteral("SELECT nope FROM helper_t"),
                           [](const SqlRow &r) { return r.integer(0); });
        QVERIFY(!bad);
        QVERIFY2(bad.error().contains(QLatin1String("nope")), qPrintable(bad.error()));
    }

    // scalar() and exec() run SQL their caller composed once, without caching it: scalar gives
    // the first column as QSqlQuery::value() did, exec takes one statement only.
    void scalarAndExecRunOnce()
    {
        TestLane t;
        Database &db = t.db();
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE once_t(n INTEGER, s TEXT, r REAL, b BLOB)")));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO once_t VALUES (%1, 'x\u00e9', 1.5, x'00ff')")
                            .arg(qint64(1) << 40)));
        const auto value = [&db](const char *column) {
            auto v = db.scalar(QStringLiteral("SELECT %1 FROM once_t").arg(QLatin1String(column)));
            return v ? *v : QVariant();
        };
        QCOMPARE(value("n").typeId(), int(QMetaType::LongLong));
        QCOMPARE(value("n").toLongLong(), qint64(1) << 40);
        QCOMPARE(value("s").typeId(), int(QMetaType::QString));
        QCOMPARE(value("s").toString(), QString::fromUtf8("x\xc3\xa9"));
        QCOMPARE(value("r").toDouble(), 1.5);
        QCOMPARE(value("b").toByteArray(), QByteArray("\x00\xff", 2));
        const QVariant null = value("NULL");
        QVERIFY(null.isValid());
        QVERIFY(null.isNull());
        QVERIFY(null.toString().isEmpty());
        auto none = db.scalar(QStringLiteral("SELECT n FROM once_t WHERE n < 0"));
        QVERIFY(none);
        QVERIFY(!none->isValid());
        QCOMPARE(none->toInt(), 0);

        auto bad = db.scalar(QStringLiteral("SELECT nope FROM once_t"));
        QVERIFY(!bad);
        QVERIFY2(bad.error().contains(QLatin1String("SELECT nope FROM once_t")),
                 qPrintable(bad.error()));
        const Status two = db.exec(QStringLiteral("DELETE FROM once_t; DELETE FROM once_t"));
        QVERIFY(!two);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM once_t"))->toInt(), 1);
        QVERIFY(db.exec(QStringLiteral("DELETE FROM once_t;  ")));
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM once_t"))->toInt(), 0);
    }

    // The background checkpointer really checkpoints (a connection that never read the file
    // does nothing), a quiet lane's WAL starts over, and a writer that never pauses still
    // keeps it bounded.
    void backgroundCheckpointsKeepTheWalSmall()
    {
        QTemporaryDir dir;
        Database db;
        Database::Options options{dir.filePath(QStringLiteral("ckpt.sqlite"))};
        options.backgroundCheckpoints = true;
        options.checkpoints.thresholdFrames = 64;
        options.checkpoints.hardLimitFrames = 600;
        QVERIFY(db.open(options));
        QVERIFY(db.checkpointer());
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE blobs(id INTEGER PRIMARY KEY, b BLOB)")));
        auto write = [&db](int rows) {
            WriteTransaction tx(db);
            QVERIFY(tx.isActive());
            auto q = db.statement(QStringLiteral("INSERT INTO blobs(b) VALUES (randomblob(3000))"));
            QVERIFY(q);
            for (int i = 0; i < rows; ++i)
                QVERIFY((*q)->exec());
            QVERIFY(tx.commit());
        };
        // Past the threshold, then quiet: a checkpoint runs to the end ...
        // (The WAL may already have started over when the background thread ran in between:
        // that it went past the threshold is what counts.)
        int peak = 0;
        for (int i = 0; i < 100; ++i) {
            write(1);
            peak = std::max(peak, db.checkpointer()->walFrames());
        }
        QVERIFY2(peak >= 64, qPrintable(QString::number(peak)));
        QTRY_VERIFY(db.checkpointer()->caughtUp());
        QVERIFY(db.checkpointer()->completedCheckpoints() > 0);
        // ... so the next commit starts the WAL over instead of appending to it.
        write(1);
        QVERIFY2(db.checkpointer()->walFrames() < 10,
                 qPrintable(QString::number(db.checkpointer()->walFrames())));

        // A writer without pauses: a checkpoint of its own at the hard limit bounds the WAL. How
        // far past the limit it gets depends on when the background thread runs (the writer's
        // checkpoint gives way to one in progress): the WAL starting over again and again, far
        // below what the run wrote, is the bound; not a frame count a busy machine can exceed.
        int most = 0;
        int written = 0;
        int restarts = 0;
        int last = db.checkpointer()->walFrames();
        for (int i = 0; i < 3000; ++i) {
            write(2);
            const int frames = db.checkpointer()->walFrames();
            if (frames < last) {
                ++restarts;
                written += frames;
            } else {
                written += frames - last;
            }
            last = frames;
            most = std::max(most, frames);
        }
        qInfo("WAL: at most %d frames of %d written, started over %d times", most, written,
              restarts);
        QVERIFY2(restarts >= 3, qPrintable(QString::number(restarts)));
        QVERIFY2(most * 3 < written, qPrintable(QStringLiteral("%1 of %2").arg(most).arg(written)));
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM blobs"))->toInt(), 6101);
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA integrity_check"))->toString(),
                 QStringLiteral("ok"));
    }

    // A Deferred transaction commits with synchronous=NORMAL and puts the connection back to
    // the configured FULL at once, after a commit and after a rollback alike; with NORMAL
    // configured nothing changes. What it wrote is committed: another connection reads it.
    void deferredDurabilityIsPerTransaction()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("durability.sqlite"));
        Database db;
        QVERIFY(db.open(Database::Options{path}));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)")));
        auto level = [&db] { return db.scalar(QStringLiteral("PRAGMA synchronous"))->toInt(); };
        constexpr int normal = 1;
        constexpr int full = 2;
        QCOMPARE(level(), full);
        {
            WriteTransaction tx(db, WriteTransaction::Durability::Deferred);
            QVERIFY(tx.isActive());
            QCOMPARE(level(), normal);
            QVERIFY(db.exec(QStringLiteral("INSERT INTO t(v) VALUES ('received')")));
            QVERIFY(tx.commit());
        }
        QCOMPARE(level(), full);
        {
            WriteTransaction tx(db, WriteTransaction::Durability::Deferred);
            QCOMPARE(level(), normal);
            QVERIFY(db.exec(QStringLiteral("INSERT INTO t(v) VALUES ('rolled back')")));
        } // rolled back by the destructor
        QCOMPARE(level(), full);
        {
            WriteTransaction tx(db);
            QCOMPARE(level(), full);
            QVERIFY(db.exec(QStringLiteral("INSERT INTO t(v) VALUES ('own sale')")));
            QVERIFY(tx.commit());
        }
        Database other;
        QVERIFY(other.open(Database::Options{path}));
        QCOMPARE(other.scalar(QStringLiteral("SELECT group_concat(v, ',') FROM t"))->toString(),
                 QStringLiteral("received,own sale"));

        Database relaxed;
        Database::Options options{dir.filePath(QStringLiteral("normal.sqlite"))};
        options.synchronous = Database::Synchronous::Normal;
        QVERIFY(relaxed.open(options));
        for (auto d :
             {WriteTransaction::Durability::OnCommit, WriteTransaction::Durability::Deferred}) {
            WriteTransaction tx(relaxed, d);
            QVERIFY(tx.isActive());
            QCOMPARE(relaxed.scalar(QStringLiteral("PRAGMA synchronous"))->toInt(), normal);
            QVERIFY(tx.commit());
        }
        QCOMPARE(relaxed.scalar(QStringLiteral("PRAGMA synchronous"))->toInt(), normal);
    }

    void utf8AndUtf16TextReadBackEqual()
    {
        TestLane t;
        const QString text = QString::fromUtf8("Añejo \xF0\x9F\xA5\x83 \"12\"");
        WriteTransaction tx(t.db());
        auto q =
            t.db().statement(QStringLiteral("INSERT INTO lane_meta(key, value) VALUES (?, ?)"));
        QVERIFY(q);
        const QByteArray utf8 = text.toUtf8();
        QVERIFY((*q)->bind(1, QStringLiteral("a")).bind(2, text).exec());
        QVERIFY((*q)->bind(1, QStringLiteral("b")).bind(2, utf8).exec());
        QVERIFY(tx.commit());
        QCOMPARE(*t.db().meta(QStringLiteral("a")), text);
        QCOMPARE(*t.db().meta(QStringLiteral("b")), text);
    }
};

QTEST_GUILESS_MAIN(TstStorage)
#include "tst_storage.moc"
