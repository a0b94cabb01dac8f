#include "employeesession.h"
#include "pinhasher.h"
#include "testlane.h"
#include "writetransaction.h"

#include <QSignalSpy>
#include <QTest>

// PIN hashing, login, lockout after five wrong PINs, lock expiry, manager unlock, idle lock.
class TstEmployeeSession : public QObject
{
    Q_OBJECT

    static QString managerId() { return QStringLiteral("0b2d7dd9-2d7b-5b5e-8d26-000000000001"); }
    static QString cashierId() { return QStringLiteral("0b2d7dd9-2d7b-5b5e-8d26-000000000002"); }

    static void addStaff(TestLane &t)
    {
        Employee manager{managerId(),
                         QStringLiteral("Mia Manager"),
                         QStringLiteral("manager"),
                         *PinHasher::hash(QStringLiteral("9876")),
                         0,
                         {},
                         true,
                         5000};
        Employee cashier{cashierId(),
                         QStringLiteral("Cal Cashier"),
                         QStringLiteral("cashier"),
                         *PinHasher::hash(QStringLiteral("4321")),
                         0,
                         {},
                         true,
                         0};
        EmployeeStore &store = t.lane().session().store();
        WriteTransaction tx(t.db());
        QVERIFY(store.upsert(manager, t.clock().nowIso()));
        QVERIFY(store.upsert(cashier, t.clock().nowIso()));
        QVERIFY(tx.commit());
    }

private Q_SLOTS:
    void hashing()
    {
        const auto h = PinHasher::hash(QStringLiteral("1234"));
        QVERIFY(h);
        QVERIFY(h->startsWith(QLatin1String("$argon2id$")));
        QVERIFY(!h->contains(QLatin1String("1234")));
        QVERIFY(PinHasher::verify(*h, QStringLiteral("1234")));
        QVERIFY(!PinHasher::verify(*h, QStringLiteral("1235")));
        QVERIFY(!PinHasher::verify(*h, QStringLiteral("12345")));
        QVERIFY(!PinHasher::verify(QStringLiteral("garbage"), QStringLiteral("1234")));
        // Salted: the same PIN hashes differently each time.
        QVERIFY(*PinHasher::hash(QStringLiteral("1234")) != *h);
        QVERIFY(!PinHasher::hash(QStringLiteral("12")));
        QVERIFY(!PinHasher::hash(QStringLiteral("12a4")));
        QVERIFY(!PinHasher::hash(QStringLiteral("123456789")));
    }

    void loginAndLogout()
    {
        TestLane t;
        addStaff(t);
        EmployeeSession &s = t.lane().session();
        QSignalSpy in(&s, &EmployeeSession::loggedIn);
        QSignalSpy out(&s, &EmployeeSession::loggedOut);
        const auto ok = s.login(cashierId(), QStringLiteral("4321"));
        QVERIFY(ok.ok);
        QVERIFY(ok.message.contains(QLatin1String("Cal Cashier")));
        QVERIFY(s.isLoggedIn());
        QCOMPARE(s.current()->id, cashierId());
        QCOMPARE(in.count(), 1);
        s.logout();
        QVERIFY(!s.isLoggedIn());
        QCOMPARE(out.count(), 1);
        QCOMPARE(out.first().first().toString(), QStringLiteral("logout"));
        QVERIFY(!s.login(QStringLiteral("no-such-id"), QStringLiteral("4321")).ok);
    }

    void lockoutAfterFiveWrongPins()
    {
        TestLane t;
        addStaff(t);
        EmployeeSession &s = t.lane().session();
        for (int i = 1; i <= 4; ++i) {
            const auto r = s.login(cashierId(), QStringLiteral("0000"));
            QVERIFY(!r.ok);
            QVERIFY(!r.lockedOut);
            QCOMPARE(r.attemptsLeft, 5 - i);
        }
        const auto fifth = s.login(cashierId(), QStringLiteral("0000"));
        QVERIFY(fifth.lockedOut);
        // Locked: even the right PIN is refused, and the state is in the database.
        const auto right = s.login(cashierId(), QStringLiteral("4321"));
        QVERIFY(!right.ok);
        QVERIFY(right.lockedOut);
        QVERIFY(!s.isLoggedIn());
        auto stored = s.store().byId(cashierId());
        QCOMPARE(stored->value().failedAttempts, 5);
        QVERIFY(!stored->value().lockedUntil.isEmpty());

        // 29 minutes later: still locked; after 30: the right PIN works and resets the count.
        t.clock().advanceMs(29 * 60 * 1000);
        QVERIFY(!s.login(cashierId(), QStringLiteral("4321")).ok);
        t.clock().advanceMs(61 * 1000);
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
        stored = s.store().byId(cashierId());
        QCOMPARE(stored->value().failedAttempts, 0);
        QVERIFY(stored->value().lockedUntil.isEmpty());
    }

    void expiredLockGivesFreshAttempts()
    {
        TestLane t;
        addStaff(t);
        EmployeeSession &s = t.lane().session();
        for (int i = 0; i < 5; ++i)
            (void)s.login(cashierId(), QStringLiteral("0000"));
        t.clock().advanceMs(31 * 60 * 1000);
        const auto r = s.login(cashierId(), QStringLiteral("0000"));
        QVERIFY(!r.ok);
        QVERIFY(!r.lockedOut);
        QCOMPARE(r.attemptsLeft, 4);
    }

    void managerUnlocks()
    {
        TestLane t;
        addStaff(t);
        EmployeeSession &s = t.lane().session();
        for (int i = 0; i < 5; ++i)
            (void)s.login(cashierId(), QStringLiteral("0000"));
        QVERIFY(!s.unlock(managerId(), QStringLiteral("1111"), cashierId())); // wrong manager PIN
        QVERIFY(!s.unlock(cashierId(), QStringLiteral("4321"), cashierId())); // not a manager
        QVERIFY(!s.login(cashierId(), QStringLiteral("4321")).ok);
        QVERIFY(s.unlock(managerId(), QStringLiteral("9876"), cashierId()));
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
    }

    void idleLock()
    {
        TestLane t;
        addStaff(t);
        // A session with a one-second idle lock on the same database.
        EmployeeSession s(t.db(), t.clock(), std::chrono::seconds(1));
        QSignalSpy out(&s, &EmployeeSession::loggedOut);
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
        QTRY_COMPARE_WITH_TIMEOUT(out.count(), 1, 5000);
        QCOMPARE(out.first().first().toString(), QStringLiteral("idle"));
        QVERIFY(!s.isLoggedIn());
    }

    void activityPostponesIdleLock()
    {
        TestLane t;
        addStaff(t);
        EmployeeSession s(t.db(), t.clock(), std::chrono::seconds(1));
        QSignalSpy out(&s, &EmployeeSession::loggedOut);
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
        QElapsedTimer elapsed;
        elapsed.start();
        // Touch every 300 ms for 1.5 s: longer than the idle limit, yet never idle.
        while (elapsed.elapsed() < 1500) {
            s.touch();
            QTest::qWait(300);
            QCOMPARE(out.count(), 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(out.count(), 1, 5000);
    }
};

QTEST_GUILESS_MAIN(TstEmployeeSession)
#include "tst_employeesession.moc"
