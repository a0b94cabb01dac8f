// Commits synced off the committing thread (WalSyncer, Database::whenDurable), on a disk whose
// sync the test holds shut (SyncDelayVfs): COMMIT returns while the sync waits, one sync covers
// every commit written before it (group commit), a Deferred commit waits for nothing, "Sale
// complete" and the drawer come only once the sale is on disk (scans meanwhile are kept), and
// no frame leaves for a peer before the commit it reflects is on disk.
#include "checkoutcontroller.h"
#include "database.h"
#include "laneprocess.h"
#include "peersession.h"
#include "peersync.h"
#include "syncdelayvfs.h"
#include "testlane.h"
#include "writetransaction.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <optional>

namespace {

Database::Options backgroundOptions(const QString &path)
{
    Database::Options o;
    o.path = path;
    o.backgroundCheckpoints = true;
    o.backgroundSync = true;
    // No background checkpoint in these tests: only the syncer meets the gate.
    o.checkpoints.thresholdFrames = 1 << 20;
    o.checkpoints.hardLimitFrames = 1 << 21;
    o.checkpoints.idleInterval = std::chrono::hours(1);
    return o;
}

Status commitMeta(Database &db, const QString &key)
{
    WriteTransaction tx(db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    if (Status s = db.setMeta(key, QStringLiteral("v")); !s)
        return s;
    return tx.commit();
}

// Opens the gate whatever happens, so a failing test never leaves a sync waiting.
struct GateGuard
{
    GateGuard() { SyncDelayVfs::setGateClosed(true); }
    ~GateGuard() { SyncDelayVfs::setGateClosed(false); }
};

} // namespace

class TestDurability : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(SyncDelayVfs::install()); }
    void init() { SyncDelayVfs::reset(); }
    void cleanup()
    {
        SyncDelayVfs::setGateClosed(false);
        SyncDelayVfs::setFailing(false);
        QCOMPARE(SyncDelayVfs::timedOut(), 0);
    }

    void commitReturnsBeforeItsSync()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(backgroundOptions(dir.filePath(QStringLiteral("a.sqlite")))));
        QVERIFY(db.syncer());
        // The first commit may start the WAL over (and sync its new header here); the next one
        // syncs nothing on this thread.
        QVERIFY(commitMeta(db, QStringLiteral("k0")));
        QTRY_VERIFY(db.allDurable());
        GateGuard gate;
        const int ownSyncs = SyncDelayVfs::ownThreadSyncs();
        QVERIFY(commitMeta(db, QStringLiteral("k1")));
        QCOMPARE(SyncDelayVfs::ownThreadSyncs(), ownSyncs);
        QCOMPARE(db.committedGeneration(), 2);
        QVERIFY(!db.allDurable());
        int called = 0;
        Status result = Status::failure(QStringLiteral("not called"));
        QObject context;
        db.whenDurable(&context, [&](const Status &s) {
            ++called;
            result = s;
        });
        // The syncer is at the disk, waiting; nothing is durable yet.
        QTRY_COMPARE(SyncDelayVfs::waiting(), 1);
        QCOMPARE(called, 0);
        QVERIFY(!db.allDurable());
        SyncDelayVfs::setGateClosed(false);
        QTRY_COMPARE(called, 1);
        QVERIFY(result);
        QVERIFY(db.allDurable());
        QCOMPARE(db.durableGeneration(), 2);
        // Nothing waits now: called at once.
        int immediate = 0;
        db.whenDurable(&context, [&](const Status &) { ++immediate; });
        QCOMPARE(immediate, 1);
    }

    void oneSyncCoversEveryCommitWrittenBeforeIt()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(backgroundOptions(dir.filePath(QStringLiteral("g.sqlite")))));
        QObject context;
        QList<int> order;
        GateGuard gate;
        QVERIFY(commitMeta(db, QStringLiteral("first")));
        db.whenDurable(&context, [&](const Status &s) { order.append(s ? 1 : -1); });
        QTRY_COMPARE(SyncDelayVfs::waiting(), 1); // the sync of commit 1 is under way
        const qint64 syncsBefore = db.syncer()->syncCount();
        for (int i = 2; i <= 6; ++i) {
            QVERIFY(commitMeta(db, QStringLiteral("k%1").arg(i)));
            db.whenDurable(&context, [&order, i](const Status &s) { order.append(s ? i : -i); });
        }
        QCOMPARE(db.committedGeneration(), 6);
        SyncDelayVfs::setGateClosed(false);
        QTRY_COMPARE(order.size(), 6);
        QCOMPARE(order, (QList<int>{1, 2, 3, 4, 5, 6}));
        // The sync that was waiting, and one more for the five written while it waited.
        QCOMPARE(db.syncer()->syncCount() - syncsBefore, 2);
    }

    void deferredCommitsWaitForNothingButAutocommitsCount()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(backgroundOptions(dir.filePath(QStringLiteral("d.sqlite")))));
        GateGuard gate;
        {
            WriteTransaction tx(db, WriteTransaction::Durability::Deferred);
            QVERIFY(db.setMeta(QStringLiteral("deferred"), QStringLiteral("x")));
            QVERIFY(tx.commit());
        }
        QCOMPARE(db.committedGeneration(), 0);
        QVERIFY(db.allDurable());
        // A write outside any transaction is a commit of its own: it counts.
        QVERIFY(db.setMeta(QStringLiteral("auto"), QStringLiteral("y")));
        QCOMPARE(db.committedGeneration(), 1);
        QVERIFY(!db.allDurable());
        SyncDelayVfs::setGateClosed(false);
        QTRY_VERIFY(db.allDurable());
    }

    void aFailedSyncIsFinal()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(backgroundOptions(dir.filePath(QStringLiteral("f.sqlite")))));
        QObject context;
        SyncDelayVfs::setFailing(true);
        QVERIFY(commitMeta(db, QStringLiteral("k1")));
        std::optional<Status> first;
        db.whenDurable(&context, [&](const Status &s) { first = s; });
        QTRY_VERIFY(first.has_value());
        QVERIFY(!*first);
        QVERIFY(first->error().contains(QStringLiteral("failed")));
        QVERIFY(!db.syncFailure().isEmpty());
        // The disk answers again: an fsync that failed is not retried, nothing counts as on
        // disk any more (Linux may have dropped the pages it could not write).
        SyncDelayVfs::setFailing(false);
        QVERIFY(commitMeta(db, QStringLiteral("k2")));
        std::optional<Status> later;
        db.whenDurable(&context, [&](const Status &s) { later = s; });
        QVERIFY(later.has_value()); // at once
        QVERIFY(!*later);
        QVERIFY(!db.allDurable());
    }

    void closeSyncsWhatWasCommittedAndReopensWithIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        {
            Database db;
            QVERIFY(db.open(backgroundOptions(path)));
            for (int i = 0; i < 50; ++i)
                QVERIFY(commitMeta(db, QStringLiteral("row%1").arg(i)));
            const qint64 before = SyncDelayVfs::syncs();
            db.close(); // the syncer syncs what is left, the close checkpoints (synced)
            QVERIFY(SyncDelayVfs::syncs() > before);
        }
        Database again;
        QVERIFY(again.open(backgroundOptions(path)));
        QCOMPARE(again
                     .integerOrZero(QStringLiteral("SELECT count(*) FROM lane_meta WHERE key "
                                                   "LIKE 'row%'"))
                     .value_or(-1),
                 50);
    }

    void saleCompleteOnlyOnceOnDisk()
    {
        TestLane t(QStringLiteral("L1"), 42,
                   [](LaneConfig &c) { c.sqliteSynchronous = Database::Synchronous::Full; });
        QVERIFY(t.db().syncer());
        CheckoutController checkout(t.lane());
        QVERIFY(t.loginCashier());
        const auto products = t.lane().catalog().byCategory(QString(), 2);
        QVERIFY(products && products->size() == 2);
        QSignalSpy completed(&checkout, &CheckoutController::saleCompleted);
        checkout.enter(products->at(0).barcodes.value(0));
        checkout.startPayment();
        GateGuard gate;
        checkout.payCard();
        // Committed (the receipt number is taken) but not on disk: not complete yet.
        QCOMPARE(checkout.stage(), CheckoutController::Stage::Saving);
        QVERIFY2(checkout.message().contains(QStringLiteral("Saving")),
                 qPrintable(checkout.message()));
        QCOMPARE(completed.size(), 0);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM transactions")), 1);
        // The scanner goes on: the scan is kept for the next sale, not lost and not refused.
        checkout.enter(products->at(1).barcodes.value(0));
        QCOMPARE(checkout.cart()->rowCount(), 0);
        QTRY_VERIFY(SyncDelayVfs::waiting() >= 1);
        // Nothing else moves while the sale is saved.
        checkout.voidCart();
        QCOMPARE(checkout.stage(), CheckoutController::Stage::Saving);
        QVERIFY2(checkout.message().contains(QStringLiteral("still being saved")),
                 qPrintable(checkout.message()));
        QCOMPARE(checkout.stage(), CheckoutController::Stage::Saving);
        SyncDelayVfs::setGateClosed(false);
        QTRY_COMPARE(completed.size(), 1);
        QVERIFY(t.db().allDurable());
        // Complete, then the kept scan started the next sale.
        QCOMPARE(checkout.stage(), CheckoutController::Stage::Ringing);
        QCOMPARE(checkout.cart()->rowCount(), 1);
        QCOMPARE(checkout.currentCart().lines().at(0).product.id, products->at(1).id);
    }

    void noFrameLeavesBeforeItsCommitIsOnDisk()
    {
        TestLane t(QStringLiteral("L1"), 7, [](LaneConfig &c) {
            c.sqliteSynchronous = Database::Synchronous::Full;
            c.terminalPort = 0;
            c.bindAddress = QStringLiteral("127.0.0.1");
            c.storeKeys = {QString::fromLatin1(LaneProcess::StoreKey)};
        });
        QVERIFY(t.lane().startPeerSync());
        QVERIFY(t.lane().peerSync()->serverPort() != 0);
        RawPeer peer(QStringLiteral("L2"));
        QVERIFY(peer.connectTo(
            QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(t.lane().peerSync()->serverPort()))));
        QVERIFY(peer.handshake());
        auto messages = [&peer] {
            int n = 0;
            for (const QJsonObject &f : peer.received())
                n += f.value(QLatin1String("topic")).toString() == QLatin1String("transaction");
            return n;
        };
        GateGuard gate;
        QCOMPARE(t.ringSaleFrames(1).size(), 1);
        QTRY_VERIFY(SyncDelayVfs::waiting() >= 1);
        // The lane is connected and ready to send, but the sale is not on disk: its frame is
        // held.
        auto held = [&t] {
            qsizetype n = 0;
            for (const PeerSession *s : t.lane().peerSync()->findChildren<PeerSession *>())
                n += s->heldFrames();
            return n;
        };
        QTRY_VERIFY(held() >= 1);
        QTest::qWait(200);
        QCOMPARE(messages(), 0);
        QVERIFY(held() >= 1);
        SyncDelayVfs::setGateClosed(false);
        QTRY_COMPARE(messages(), 1);
    }
};

QTEST_MAIN(TestDurability)
#include "tst_durability.moc"
