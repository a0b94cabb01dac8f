// The sync status panel's controller and the checkout's sync indicator, on real lanes: counts
// follow commits, peers follow peer_status, the indicator says local / synced / waiting / offline.
#include "syncstatuscontroller.h"
#include "testlane.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

class TestSyncStatus : public QObject
{
    Q_OBJECT
private slots:
    void aLaneWithNowhereToSyncToIsLocal()
    {
        TestLane t;
        SyncStatusController status(t.lane());
        status.attach();
        QCOMPARE(status.indicator(), QStringLiteral("local"));
        QCOMPARE(status.pending(), 0);
        QSignalSpy changed(&status, &SyncStatusController::changed);
        QVERIFY(!t.ringSaleFrames(2).isEmpty());
        // Commits are read once per burst (250 ms on the lane's clock), not per commit.
        QCOMPARE(changed.size(), 0);
        t.clock().advanceMs(249);
        QCOMPARE(changed.size(), 0);
        t.clock().advanceMs(1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(status.pending(), 2);
        QCOMPARE(status.indicator(), QStringLiteral("local"));
    }

    // Two lanes say this lane's clock is an hour behind: the checkout banner's text and the
    // panel's warning say so, and name a lane that disagrees; in whole units.
    void aWrongClockIsShown()
    {
        TestLane t;
        SyncStatusController status(t.lane());
        status.attach();
        QCOMPARE(status.ownClockWarning(), QString());
        QCOMPARE(status.clockWarning(), QString());
        QSignalSpy changed(&status, &SyncStatusController::changed);
        const qint64 now = t.clock().nowUtc().toMSecsSinceEpoch();
        constexpr qint64 kHour = 3600 * 1000;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("this lane's clock")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("this lane's clock")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("lane L2 has a clock")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("lane L4 has a clock")));
        t.lane().storeClock().notePeer(QStringLiteral("L2"), now + kHour, 0, 0, 0);
        t.lane().storeClock().notePeer(QStringLiteral("L3"), now + kHour, 0, 0, 0);
        t.lane().storeClock().notePeer(QStringLiteral("L4"), now + 3 * kHour, 0, 0, 0);
        t.clock().advanceMs(250); // the panel reads once per burst
        QVERIFY(changed.size() > 0);
        QCOMPARE(status.ownClockWarning(),
                 QStringLiteral("This lane's clock is 1 h behind the store's time (by the other "
                                "lanes' clocks). Sales carry the store's time; have this lane's "
                                "clock set right."));
        QVERIFY2(status.clockWarning().contains(
                     QLatin1String("Lane L4's clock is 2 h ahead of the store's time.")),
                 qPrintable(status.clockWarning()));
        QCOMPARE(SyncStatusController::span(90 * 60 * 1000), QStringLiteral("1.5 h"));
        QCOMPARE(SyncStatusController::span(-3 * 86400 * 1000LL), QStringLiteral("3 days"));
        QCOMPARE(SyncStatusController::span(600 * 1000), QStringLiteral("10 min"));
    }

    void peersFromPeerStatus()
    {
        TestLane t(QStringLiteral("L1"), 7, [](LaneConfig &c) {
            c.peerTerminals = {QStringLiteral("ws://127.0.0.1:1"),
                               QStringLiteral("ws://127.0.0.1:2")};
        });
        SyncStatusController status(t.lane());
        QCOMPARE(status.configuredPeers(), 2);
        // Configured peers, none connected, no cloud: offline (and the lane sells on).
        QCOMPARE(status.indicator(), QStringLiteral("offline"));

        QVERIFY(t.db().exec(QStringLiteral(
            "INSERT INTO peer_status(peer, url, terminal_id, direction, state, since, "
            "last_message_at, unacked, rejects, last_error, updated_at) VALUES "
            "('ws://127.0.0.1:1', 'ws://127.0.0.1:1', 'L2', 'outbound', 'connected', "
            "'2026-11-25T09:00:00.000Z', '2026-11-25T10:00:00.000Z', 0, 1, NULL, "
            "'2026-11-25T10:00:00.000Z'), ('ws://127.0.0.1:2', 'ws://127.0.0.1:2', 'L3', "
            "'outbound', 'backing_off', '2026-11-25T09:50:00.000Z', NULL, 12, 0, "
            "'Connection refused', '2026-11-25T10:00:00.000Z')")));
        status.refresh();
        PeerStatusModel *peers = status.peers();
        QCOMPARE(peers->rowCount(), 2);
        const QHash<int, QByteArray> roles = peers->roleNames();
        auto value = [&](int row, const char *role) {
            return peers->data(peers->index(row), roles.key(role));
        };
        QCOMPARE(value(0, "terminalId").toString(), QStringLiteral("L2"));
        QCOMPARE(value(0, "connected").toBool(), true);
        QCOMPARE(value(0, "rejects").toInt(), 1);
        QCOMPARE(value(1, "linkState").toString(), QStringLiteral("backing_off"));
        QCOMPARE(value(1, "unacked").toInt(), 12);
        QCOMPARE(value(1, "lastError").toString(), QStringLiteral("Connection refused"));
        QCOMPARE(status.connectedPeers(), 1);
        QCOMPARE(status.indicator(), QStringLiteral("synced"));

        // A sale on its way: waiting, with the count.
        QVERIFY(!t.ringSaleFrames(1).isEmpty());
        t.clock().advanceMs(250);
        QCOMPARE(status.waiting(), 1);
        QCOMPARE(status.indicator(), QStringLiteral("waiting"));

        // Unchanged rows do not reset the model (views keep their state).
        QSignalSpy reset(peers, &QAbstractItemModel::modelReset);
        status.refresh();
        QCOMPARE(reset.size(), 0);
    }

    void cloudUnreachableIsOfflineAndShowsTheError()
    {
        TestLane t(QStringLiteral("L1"), 9, [](LaneConfig &c) {
            c.supabaseUrl = QStringLiteral("http://127.0.0.1:1");
            c.cloudCredential = QStringLiteral("elc1.00000000-0000-4000-8000-000000000000.test-"
                                               "secret-0123456789_test-secret-0123456");
            c.cloudIntervalSeconds = 3600;
        });
        QVERIFY(!t.ringSaleFrames(1).isEmpty());
        QVERIFY(t.lane().startCloudSync());
        SyncStatusController status(t.lane());
        status.attach();
        QVERIFY(status.cloudEnabled());
        // The refused connection is real (and so is its time); the panel reads it at its next
        // coalesced refresh on the lane's clock.
        QTRY_VERIFY(!t.lane().cloudSync()->health().lastError.isEmpty());
        t.clock().advanceMs(250);
        QVERIFY(!status.cloud().value(QStringLiteral("lastError")).toString().isEmpty());
        QCOMPARE(status.indicator(), QStringLiteral("offline"));
        QCOMPARE(status.waiting(), 1);
        QVERIFY(!status.cloud()
                     .value(QStringLiteral("lastError"))
                     .toString()
                     .contains(QLatin1String("test-key")));

        // A failed message: only a manager gets its retries back.
        QVERIFY(
            t.db().exec(QStringLiteral("UPDATE outbox SET status = 'failed', retry_count = 3")));
        status.refresh();
        QCOMPARE(status.failed(), 1);
        QVERIFY(!status.retryFailedUploads()); // the demo cashier is logged in
        QVERIFY(status.message().contains(QLatin1String("manager")));
        QCOMPARE(status.failed(), 1);
        t.lane().session().logout();
        const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
        QVERIFY(manager);
        QVERIFY(t.lane().session().login(manager->employeeId, manager->pin).ok);
        QVERIFY(status.retryFailedUploads());
        QCOMPARE(status.failed(), 0);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND "
                                        "retry_count = 0")),
                 1);
        t.lane().stopSync();
    }
};

QTEST_GUILESS_MAIN(TestSyncStatus)
#include "tst_syncstatus.moc"
