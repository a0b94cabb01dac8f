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

    // A manager and a cashier with known PINs, committed; false if that failed.
    [[nodiscard]] static bool addStaff(TestLane &t)
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
        return store.upsert(manager, t.clock().nowIso()) &&
               store.upsert(cashier, t.clock().nowIso()) && tx.commit();
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
        QVERIFY(addStaff(t));
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
        QVERIFY(addStaff(t));
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

    // What is not a PIN (too short, too long, letters) is refused with the rule, and is not
    // counted as a wrong PIN toward the lockout.
    void malformedPinIsNotAFailedAttempt()
    {
        TestLane t;
        QVERIFY(addStaff(t));
        EmployeeSession &s = t.lane().session();
        for (const QString &pin :
             {QStringLiteral("1"), QStringLiteral("432"), QStringLiteral("123456789"),
              QStringLiteral("43a1"), QString()}) {
            const auto r = s.login(cashierId(), pin);
            QVERIFY(!r.ok);
            QVERIFY(!r.lockedOut);
            QVERIFY2(r.message.contains(QLatin1String("4 to 8 digits")), qPrintable(r.message));
        }
        QCOMPARE(s.store().byId(cashierId())->value().failedAttempts, 0);
        const auto wrong = s.login(cashierId(), QStringLiteral("0000"));
        QCOMPARE(wrong.attemptsLeft, 4);
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
    }

    void expiredLockGivesFreshAttempts()
    {
        TestLane t;
        QVERIFY(addStaff(t));
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
        QVERIFY(addStaff(t));
        EmployeeSession &s = t.lane().session();
        for (int i = 0; i < 5; ++i)
            (void)s.login(cashierId(), QStringLiteral("0000"));
        QVERIFY(!s.unlock(managerId(), QStringLiteral("1111"), cashierId())); // wrong manager PIN
        QVERIFY(!s.unlock(cashierId(), QStringLiteral("4321"), cashierId())); // not a manager
        QVERIFY(!s.login(cashierId(), QStringLiteral("4321")).ok);
        QVERIFY(s.unlock(managerId(), QStringLiteral("9876"), cashierId()));
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
    }

    // The idle lock runs on the lane's clock: the test moves time instead of waiting for it.
    void idleLock()
    {
        TestLane t;
        QVERIFY(addStaff(t));
        EmployeeSession s(t.db(), t.clock(), std::chrono::seconds(300));
        QSignalSpy out(&s, &EmployeeSession::loggedOut);
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
        t.clock().advanceMs(299 * 1000);
        QCOMPARE(out.count(), 0);
        QVERIFY(s.isLoggedIn());
        t.clock().advanceMs(1000);
        QCOMPARE(out.count(), 1);
        QCOMPARE(out.first().first().toString(), QStringLiteral("idle"));
        QVERIFY(!s.isLoggedIn());
        // Logging out stops the timer: nothing fires later.
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
        s.logout();
        t.clock().advanceMs(600 * 1000);
        QCOMPARE(out.count(), 2);
        QCOMPARE(out.last().first().toString(), QStringLiteral("logout"));
    }

    void activityPostponesIdleLock()
    {
        TestLane t;
        QVERIFY(addStaff(t));
        EmployeeSession s(t.db(), t.clock(), std::chrono::seconds(300));
        QSignalSpy out(&s, &EmployeeSession::loggedOut);
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
        // A touch every 200 s for 20 minutes: far longer than the idle limit, yet never idle.
        for (int i = 0; i < 6; ++i) {
            t.clock().advanceMs(200 * 1000);
            s.touch();
            QCOMPARE(out.count(), 0);
        }
        t.clock().advanceMs(299 * 1000);
        QCOMPARE(out.count(), 0);
        t.clock().advanceMs(1000);
        QCOMPARE(out.count(), 1);
    }

    // A lane configured without an idle lock never locks by itself.
    void noIdleLockWhenDisabled()
    {
        TestLane t;
        QVERIFY(addStaff(t));
        EmployeeSession s(t.db(), t.clock(), std::chrono::seconds(0));
        QSignalSpy out(&s, &EmployeeSession::loggedOut);
        QVERIFY(s.login(cashierId(), QStringLiteral("4321")).ok);
        t.clock().advanceMs(24 * 3600 * 1000);
        QCOMPARE(out.count(), 0);
        QVERIFY(s.isLoggedIn());
    }
};

QTEST_GUILESS_MAIN(TstEmployeeSession)
#include "tst_employeesession.moc"
