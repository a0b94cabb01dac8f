#pragma once

#include "clocktimer.h"
#include "employeestore.h"
#include "result.h"

#include <QObject>

#include <chrono>
#include <optional>

class Clock;
class Database;

// Who is logged in on this lane: PIN login with lockout after repeated failures, manager
// unlock, and an automatic lock after a period without activity.
class EmployeeSession : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxFailedAttempts = 5;
    static constexpr std::chrono::minutes kLockoutDuration{30};

    struct LoginOutcome
    {
        bool ok = false;
        QString message; // for the cashier: who logged in, or why not
        int attemptsLeft = 0;
        bool lockedOut = false;
    };

    EmployeeSession(Database &db, Clock &clock, std::chrono::seconds idleLock,
                    QObject *parent = nullptr);

    LoginOutcome login(const QString &employeeId, const QString &pin);
    void logout();
    // Any cashier activity; postpones the idle lock.
    void touch();
    // A manager (by PIN) clears an employee's lockout.
    [[nodiscard]] Status unlock(const QString &managerId, const QString &managerPin,
                                const QString &employeeId);

    bool isLoggedIn() const { return m_current.has_value(); }
    const std::optional<Employee> &current() const { return m_current; }
    EmployeeStore &store() { return m_store; }
    std::chrono::seconds idleLock() const { return m_idleLock; }

Q_SIGNALS:
    void loggedIn(const QString &employeeId);
    // reason: "logout" or "idle"
    void loggedOut(const QString &reason);

private:
    Database &m_db;
    Clock &m_clock;
    EmployeeStore m_store;
    std::chrono::seconds m_idleLock;
    ClockTimer m_idleTimer;
    std::optional<Employee> m_current;
};
