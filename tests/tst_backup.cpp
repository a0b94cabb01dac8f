// Backup and restore with real lanes: --backup of a running lane, its errors, and what a lane
// restored from a backup does when its peers already hold messages it published after it.
#include "laneprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int kConverge = 120000; // ms allowed for lanes to converge on a busy machine

const QStringList ringArgs(int n)
{
    return {QStringLiteral("--ring-sales"), QString::number(n), QStringLiteral("--rate"),
            QStringLiteral("20")};
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT
private slots:
    void refusesAnExistingFile()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QCOMPARE(l1.runOnce({QStringLiteral("--ring-sales"), QStringLiteral("2")}), 0);
        const QString file = dir.filePath(QStringLiteral("exists.sqlite"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me");
        }
        QCOMPARE(l1.runOnce({QStringLiteral("--backup"), file}), 1);
        QVERIFY2(l1.log().contains(QLatin1String("never overwrites")), qPrintable(l1.log()));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("keep me"));
        // Nothing half-written is left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("exists.sqlite")});
    }

    void refusesAMissingDatabase()
    {
        QTemporaryDir dir;
        LaneProcess nobody(QStringLiteral("L7"), dir.filePath(QStringLiteral("none")));
        const QString file = dir.filePath(QStringLiteral("b.sqlite"));
        QCOMPARE(nobody.runOnce({QStringLiteral("--backup"), file}), 1);
        QVERIFY2(nobody.log().contains(QLatin1String("no database at")), qPrintable(nobody.log()));
        QVERIFY(!QFileInfo::exists(file));
    }

    void refusesAMissingDirectory()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QCOMPARE(l1.runOnce({QStringLiteral("--ring-sales"), QStringLiteral("1")}), 0);
        QCOMPARE(l1.runOnce({QStringLiteral("--backup"),
                             dir.filePath(QStringLiteral("no/such/dir/b.sqlite"))}),
                 1);
        QVERIFY2(l1.log().contains(QLatin1String("no directory")), qPrintable(l1.log()));
    }

    // A backup taken while the lane rings sales is whole, checked, and opens.
    void backupWhileWriting()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY2(l1.start({}, {QStringLiteral("--ring-sales"), QStringLiteral("400")}),
                 qPrintable(l1.log()));
        const QString all = QStringLiteral("SELECT COUNT(*) FROM transactions");
        QTRY_VERIFY_WITH_TIMEOUT(l1.count(all) >= 20, kConverge);
        const QString file = dir.filePath(QStringLiteral("busy.sqlite"));
        QCOMPARE(l1.runOnce({QStringLiteral("--backup"), file}), 0);
        const QString summary = l1.onceOutput();
        QVERIFY2(summary.contains(QLatin1String("schema version")) &&
                     summary.contains(QLatin1String("last own seq")),
                 qPrintable(summary));
        QCOMPARE(columnOf(file, QStringLiteral("PRAGMA integrity_check")),
                 QStringList{QStringLiteral("ok")});
        const QStringList inBackup =
            columnOf(file, QStringLiteral("SELECT COUNT(*) FROM transactions"));
        QCOMPARE(inBackup.size(), 1);
        QVERIFY(inBackup.at(0).toInt() >= 20);
        QVERIFY(!QFileInfo::exists(file + QStringLiteral("-wal")));
        QVERIFY(l1.stop());
    }

    // L1 sells, is backed up while running, sells more (its peer holds it all), then is restored
    // from the backup into a fresh data directory.
    void restoredLaneNeverReusesASeq()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        LaneProcess l3(QStringLiteral("L3"), dir.filePath(QStringLiteral("l3")));
        l2.holdPort();
        l3.holdPort();
        QVERIFY2(l2.start({}), qPrintable(l2.log()));
        QVERIFY2(l3.start({l2.url()}, ringArgs(5)), qPrintable(l3.log()));
        QVERIFY2(l1.start({l2.url(), l3.url()}, ringArgs(20)), qPrintable(l1.log()));
        const QString fromL1 =
            QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = 'L1'");
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(fromL1), 20, kConverge);

        const QString file = dir.filePath(QStringLiteral("l1-backup.sqlite"));
        QCOMPARE(l1.runOnce({QStringLiteral("--backup"), file}), 0);
        const QStringList backupIds = columnOf(
            file,
            QStringLiteral("SELECT id FROM transactions WHERE terminal_id = 'L1' ORDER BY id"));
        QCOMPARE(backupIds.size(), 20);
        const qint64 backupSeq =
            columnOf(file,
                     QStringLiteral("SELECT value FROM counters WHERE name = 'outbox_seq:L1'"))
                .value(0)
                .toLongLong();
        QVERIFY(backupSeq >= 20);

        // After the backup: more sales that reach the peers.
        QVERIFY(l1.stop());
        QVERIFY2(l1.start({l2.url(), l3.url()}, ringArgs(10)), qPrintable(l1.log()));
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(fromL1), 30, kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(l3.count(fromL1), 30, kConverge);
        const QString l1Seq = QStringLiteral(
            "SELECT COALESCE(MAX(seq), 0) FROM inbox_processed WHERE from_terminal = 'L1'");
        const qint64 peersHold = l2.count(l1Seq);
        QVERIFY(peersHold > backupSeq);
        QVERIFY(l1.stop());

        // Restore: the backup as the database of a fresh data directory, nothing beside it.
        const QString fresh = dir.filePath(QStringLiteral("l1-restored"));
        QVERIFY(QDir().mkpath(fresh));
        QVERIFY(QFile::copy(file, QDir(fresh).filePath(QStringLiteral("lane-L1.sqlite"))));
        LaneProcess restored(QStringLiteral("L1"), fresh);
        QVERIFY2(restored.start({l2.url(), l3.url()}), qPrintable(restored.log()));

        // It sees that its peers hold more of it than it has, asks for its own messages back,
        // and holds them again: every message of every origin its peers hold.
        QTRY_VERIFY2_WITH_TIMEOUT(restored.log().contains(QLatin1String("recovering:")),
                                  qPrintable(restored.log()), kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(fromL1), 30, kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(QStringLiteral(
                                      "SELECT value FROM counters WHERE name = 'outbox_seq:L1'")),
                                  peersHold, kConverge);
        QTRY_VERIFY2_WITH_TIMEOUT(restored.log().contains(QLatin1String("recovered:")),
                                  qPrintable(restored.log()), kConverge);
        const QString fromL3 =
            QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = 'L3'");
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(fromL3), 5, kConverge);
        const QString allIds = QStringLiteral("SELECT id FROM transactions ORDER BY id");
        QTRY_COMPARE_WITH_TIMEOUT(restored.column(allIds), l2.column(allIds), kConverge);
        const QStringList restoredIds = restored.column(
            QStringLiteral("SELECT id FROM transactions WHERE terminal_id = 'L1' ORDER BY id"));
        for (const QString &id : backupIds)
            QVERIFY2(restoredIds.contains(id), qPrintable(id));
        const QString allMessages = QStringLiteral(
            "SELECT id FROM (SELECT id FROM outbox UNION SELECT message_id FROM inbox_processed) "
            "ORDER BY id");
        QTRY_COMPARE_WITH_TIMEOUT(restored.column(allMessages), l2.column(allMessages), kConverge);
        // The receipt counter is past every receipt it printed after the backup.
        QCOMPARE(
            restored.count(QStringLiteral("SELECT value FROM counters WHERE name = 'receipt:L1'")),
            l2.count(QStringLiteral(
                "SELECT MAX(CAST(substr(receipt_number, 4) AS INTEGER)) FROM transactions "
                "WHERE terminal_id = 'L1'")));
        restored.runOnce({QStringLiteral("--health")});
        const QJsonObject report = QJsonDocument::fromJson(restored.onceOutput().toUtf8()).object();
        QCOMPARE(report.value(QLatin1String("recovering")).toBool(), false);
        QVERIFY(restored.stop());

        // A sale rung now gets a fresh seq and reaches the peers.
        QVERIFY2(restored.start({l2.url(), l3.url()}, ringArgs(1)), qPrintable(restored.log()));
        QTRY_COMPARE_WITH_TIMEOUT(l2.count(fromL1), 31, kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(l3.count(fromL1), 31, kConverge);
        QCOMPARE(l2.count(l1Seq), peersHold + 1);
        QCOMPARE(l3.count(l1Seq), peersHold + 1);
        // No peer holds two messages for one seq of L1.
        const QString twice = QStringLiteral(
            "SELECT COUNT(*) FROM (SELECT seq FROM inbox_processed WHERE from_terminal = 'L1' "
            "GROUP BY seq HAVING COUNT(*) > 1)");
        QCOMPARE(l2.count(twice), 0);
        QCOMPARE(l3.count(twice), 0);
        // Stock figures agree across the lanes.
        const QString stock =
            QStringLiteral("SELECT product_id || ':' || current_stock FROM inventory ORDER BY 1");
        QTRY_COMPARE_WITH_TIMEOUT(restored.column(stock), l2.column(stock), kConverge);
        QTRY_COMPARE_WITH_TIMEOUT(l3.column(stock), l2.column(stock), kConverge);
        QVERIFY(restored.stop());
        QVERIFY(l2.stop());
        QVERIFY(l3.stop());
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
