#include "database.h"
#include "inboxstore.h"
#include "migrations.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Migrations: a fresh database, and one migrated from any older version (one step at a time or
// at once), have exactly the schema checked in as tests/data/lane-schema.txt.
class TstMigrations : public QObject
{
    Q_OBJECT

    // Tables, columns (name, type, notnull, default, pk), indexes (and their SQL), triggers.
    static QStringList describe(Database &db)
    {
        QStringList out;
        QSqlQuery objects(db.connection());
        objects.exec(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                    "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"));
        QStringList tables;
        while (objects.next()) {
            out << QStringLiteral("%1 %2 on %3: %4")
                       .arg(objects.value(0).toString(), objects.value(1).toString(),
                            objects.value(2).toString(), objects.value(3).toString().simplified());
            if (objects.value(0).toString() == QLatin1String("table"))
                tables << objects.value(1).toString();
        }
        for (const QString &table : tables) {
            QSqlQuery cols(db.connection());
            cols.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table));
            while (cols.next())
                out << QStringLiteral("column %1.%2 %3 notnull=%4 default=%5 pk=%6")
                           .arg(table, cols.value(1).toString(), cols.value(2).toString(),
                                cols.value(3).toString(), cols.value(4).toString(),
                                cols.value(5).toString());
            QSqlQuery fks(db.connection());
            fks.exec(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(table));
            while (fks.next())
                out << QStringLiteral("fk %1.%2 -> %3.%4")
                           .arg(table, fks.value(3).toString(), fks.value(2).toString(),
                                fks.value(4).toString());
        }
        return out;
    }

    // The checked-in description of the schema a lane must have (tests/data/lane-schema.txt),
    // without its comment lines.
    static QStringList reference()
    {
        QFile f(QStringLiteral(LANE_SOURCE_DIR "/tests/data/lane-schema.txt"));
        if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
            return {};
        QStringList lines;
        for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n')))
            if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
                lines.append(line);
        return lines;
    }

private Q_SLOTS:
    // A fresh database has exactly the checked-in schema. After a deliberate schema change,
    // EUPHORIA_UPDATE_SCHEMA=1 rewrites the file; review its diff like code.
    void freshEqualsTheCheckedInSchema()
    {
        QTemporaryDir dir;
        Database fresh;
        QVERIFY(fresh.open({dir.filePath(QStringLiteral("fresh.sqlite"))}));
        QCOMPARE(fresh.schemaVersion(), Migrations::latestVersion());
        const QStringList actual = describe(fresh);
        if (qEnvironmentVariableIntValue("EUPHORIA_UPDATE_SCHEMA") == 1) {
            QFile f(QStringLiteral(LANE_SOURCE_DIR "/tests/data/lane-schema.txt"));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text));
            f.write(QStringLiteral("# The schema of a lane database at version %1: what a fresh "
                                   "database and one migrated from\n# any older version must "
                                   "look like (tst_migrations). Regenerate after a deliberate "
                                   "change with\n# EUPHORIA_UPDATE_SCHEMA=1 "
                                   "build/tests/tst_migrations freshEqualsTheCheckedInSchema\n")
                        .arg(Migrations::latestVersion())
                        .toUtf8());
            f.write((actual.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        }
        const QStringList expected = reference();
        QVERIFY2(expected.size() > 40, "tests/data/lane-schema.txt is missing or short");
        QCOMPARE(actual, expected);
    }

    // A database created at every older version (closed and reopened between steps, as an old
    // lane upgraded release by release, or straight to the latest) ends with the same schema.
    void everyOlderVersionMigratesToTheCheckedInSchema_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<bool>("stepByStep");
        for (const auto &step : Migrations::steps()) {
            if (step.version >= Migrations::latestVersion())
                continue;
            QTest::addRow("v%d at once", step.version) << step.version << false;
            QTest::addRow("v%d step by step", step.version) << step.version << true;
        }
    }
    void everyOlderVersionMigratesToTheCheckedInSchema()
    {
        QFETCH(int, from);
        QFETCH(bool, stepByStep);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            Database old;
            Database::Options options{path};
            options.targetVersion = from;
            QVERIFY(old.open(options));
            QCOMPARE(old.schemaVersion(), from);
        }
        if (stepByStep) {
            for (const auto &step : Migrations::steps()) {
                if (step.version <= from)
                    continue;
                Database stepped;
                Database::Options options{path};
                options.targetVersion = step.version;
                QVERIFY2(stepped.open(options), qPrintable(QString::number(step.version)));
                QCOMPARE(stepped.schemaVersion(), step.version);
            }
        }
        Database migrated;
        QVERIFY(migrated.open({path}));
        QCOMPARE(migrated.schemaVersion(), Migrations::latestVersion());
        const QStringList expected = reference();
        QVERIFY2(expected.size() > 40, "tests/data/lane-schema.txt is missing or short");
        QCOMPARE(describe(migrated), expected);
    }

    void dataSurvivesMigration()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lane.sqlite"));
        {
            Database v1;
            Database::Options options{path};
            options.targetVersion = 1;
            QVERIFY(v1.open(options));
            QVERIFY(v1.exec(QStringLiteral(
                "INSERT INTO products(id, sku, name, price_cents, tax_rate_bp, updated_at) "
                "VALUES ('p1', 'SKU1', 'Lager', 999, 825, '2026-01-01T00:00:00Z')")));
        }
        Database latest;
        QVERIFY(latest.open({path}));
        auto name = latest.scalar(QStringLiteral("SELECT name FROM products WHERE id = 'p1'"));
        QVERIFY(name);
        QCOMPARE(name->toString(), QStringLiteral("Lager"));
    }

    // Messages without seq received before version 11 are numbered for relay in the order they
    // came, after which new ones continue the numbering.
    void messagesWithoutSeqGetARelayOrder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lane.sqlite"));
        {
            Database v10;
            Database::Options options{path};
            options.targetVersion = 10;
            QVERIFY(v10.open(options));
            QVERIFY(v10.exec(QStringLiteral(
                "INSERT INTO inbox_processed(message_id, from_terminal, topic, payload, "
                "processed_at, seq, sent_at) VALUES "
                "('m2', 'S1', 'customer', '{}', '2026-01-01T00:00:02.000Z', 0, ''), "
                "('m1', 'S1', 'customer', '{}', '2026-01-01T00:00:01.000Z', 0, ''), "
                "('m3', 'L2', 'customer', '{}', '2026-01-01T00:00:03.000Z', 7, '')")));
        }
        Database latest;
        QVERIFY(latest.open({path}));
        const auto relayOf = [&](const char *id) {
            auto v = latest.scalar(
                QStringLiteral("SELECT relay_seq FROM inbox_processed WHERE message_id = '%1'")
                    .arg(QLatin1String(id)));
            return v ? v->toLongLong() : -1;
        };
        QCOMPARE(relayOf("m1"), 1);
        QCOMPARE(relayOf("m2"), 2);
        QCOMPARE(relayOf("m3"), 0); // NULL: it has a seq
        InboxStore store(latest);
        QVERIFY(store.insert(InboxRow{QStringLiteral("m4"), QStringLiteral("S1"),
                                      QStringLiteral("customer"), "{}", QStringLiteral("x"), 0,
                                      QString()}));
        QCOMPARE(relayOf("m4"), 3);
        auto relayed = store.afterRelaySeq(1, 10);
        QVERIFY(relayed);
        QCOMPARE(relayed->size(), 2);
        QCOMPARE(relayed->at(0).messageId, QStringLiteral("m2"));
    }

    void checkListsStillRefuseBadValues()
    {
        // v9 rewrites CHECK (x IN (...)) as OR chains in place: rows written before stay, the
        // file stays sound, and the same values are refused as before.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lane.sqlite"));
        {
            Database v8;
            Database::Options options{path};
            options.targetVersion = 8;
            QVERIFY(v8.open(options));
            QVERIFY(v8.exec(QStringLiteral(
                "INSERT INTO products(id, sku, name, price_cents, tax_rate_bp, updated_at) "
                "VALUES ('p1', 'SKU1', 'Lager', 999, 825, '2026-01-01T00:00:00Z')")));
            QVERIFY(v8.exec(QStringLiteral(
                "INSERT INTO inventory_changes(product_id, delta, reason, stock_before, "
                "stock_after, terminal_id, created_at) VALUES ('p1', 5, 'receipt', 0, 5, 'L1', "
                "'2026-01-01T00:00:00.000Z')")));
        }
        Database db;
        QVERIFY(db.open({path}));
        QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA integrity_check"))->toString(),
                 QStringLiteral("ok"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM inventory_changes"))->toInt(), 1);
        for (const QString &table : {QStringLiteral("inventory_changes"),
                                     QStringLiteral("transactions"), QStringLiteral("outbox")}) {
            const QString sql = db.scalar(QStringLiteral("SELECT sql FROM sqlite_schema WHERE "
                                                         "name = '%1'")
                                              .arg(table))
                                    ->toString();
            QVERIFY2(!sql.contains(QLatin1String(" IN (")), qPrintable(sql));
        }
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO inventory_changes(product_id, delta, reason, stock_before, stock_after, "
            "terminal_id, created_at) VALUES ('p1', -1, 'sale', 5, 4, 'L1', 'x')")));
        const Status bad = db.exec(QStringLiteral(
            "INSERT INTO inventory_changes(product_id, delta, reason, stock_before, stock_after, "
            "terminal_id, created_at) VALUES ('p1', -1, 'theft', 4, 3, 'L1', 'x')"));
        QVERIFY(!bad);
        QVERIFY2(bad.error().contains(QLatin1String("CHECK")), qPrintable(bad.error()));
        QVERIFY(!db.exec(QStringLiteral(
            "INSERT INTO outbox(id, topic, payload, status, created_at, terminal_id, seq) "
            "VALUES ('m1', 'transaction', '{}', 'lost', 'x', 'L1', 1)")));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO outbox(id, topic, payload, status, created_at, terminal_id, seq) "
            "VALUES ('m1', 'transaction', '{}', 'peer_ack', 'x', 'L1', 1)")));
    }

    void reopeningIsANoOp()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lane.sqlite"));
        QStringList first;
        {
            Database db;
            QVERIFY(db.open({path}));
            first = describe(db);
        }
        Database again;
        QVERIFY(again.open({path}));
        QCOMPARE(describe(again), first);
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lane.sqlite"));
        {
            Database db;
            QVERIFY(db.open({path}));
            QVERIFY(db.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        Database db;
        const Status s = db.open({path});
        QVERIFY(!s);
        QVERIFY2(s.error().contains(QLatin1String("newer")), qPrintable(s.error()));
        QVERIFY(!db.isOpen());
    }

    void pragmas()
    {
        QTemporaryDir dir;
        Database full;
        QVERIFY(full.open({dir.filePath(QStringLiteral("a.sqlite"))}));
        QCOMPARE(full.scalar(QStringLiteral("PRAGMA journal_mode"))->toString(),
                 QStringLiteral("wal"));
        QCOMPARE(full.scalar(QStringLiteral("PRAGMA foreign_keys"))->toInt(), 1);
        QCOMPARE(full.scalar(QStringLiteral("PRAGMA synchronous"))->toInt(), 2); // FULL
        QVERIFY(full.scalar(QStringLiteral("PRAGMA busy_timeout"))->toInt() > 0);

        Database normal;
        Database::Options options{dir.filePath(QStringLiteral("b.sqlite"))};
        options.synchronous = Database::Synchronous::Normal;
        QVERIFY(normal.open(options));
        QCOMPARE(normal.scalar(QStringLiteral("PRAGMA synchronous"))->toInt(), 1); // NORMAL
    }

    void failedStepLeavesPreviousVersion()
    {
        // A step that fails half-way must not leave half its tables behind.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lane.sqlite"));
        {
            Database v1;
            Database::Options options{path};
            options.targetVersion = 1;
            QVERIFY(v1.open(options));
            // A table the next step creates: step 2 now fails on its CREATE TABLE.
            QVERIFY(v1.exec(QStringLiteral("CREATE TABLE outbox (x INTEGER)")));
        }
        Database db;
        QVERIFY(!db.open({path}));
        Database inspect;
        Database::Options options{path};
        options.targetVersion = 1;
        QVERIFY(inspect.open(options));
        QCOMPARE(inspect.schemaVersion(), 1);
        QCOMPARE(inspect
                     .scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                            "'transactions'"))
                     ->toInt(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TstMigrations)
#include "tst_migrations.moc"
