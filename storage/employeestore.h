#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <optional>

class Database;

struct Employee
{
    QString id; // UUID
    QString name;
    QString role; // cashier | manager
    QString pinHash;
    int failedAttempts = 0;
    QString lockedUntil; // ISO 8601 UTC, empty when not locked
    bool active = true;
    int discountLimitBp = 0;

    bool isManager() const { return role == QLatin1String("manager"); }
};

// SQL access to employees and their login state.
class EmployeeStore
{
public:
    explicit EmployeeStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status upsert(const Employee &employee, const QString &at);
    [[nodiscard]] Result<std::optional<Employee>> byId(const QString &id);
    [[nodiscard]] Result<QList<Employee>> active();
    // Every employee, inactive ones too (the admin screen), by role and name.
    [[nodiscard]] Result<QList<Employee>> all();
    [[nodiscard]] Status setLoginState(const QString &id, int failedAttempts,
                                       const QString &lockedUntil, const QString &at);
    // An employee from another lane: inserted, or replacing ours when updatedAt is later (last
    // write wins); the login state (failed attempts, lock) stays per lane.
    [[nodiscard]] Status upsertIfNewer(const Employee &employee, const QString &updatedAt);
    // Moves the employee's updated_at from `from` to `to`, unless something later replaced it.
    [[nodiscard]] Status restamp(const QString &id, const QString &from, const QString &to);

private:
    Result<QList<Employee>> list(bool activeOnly);
    Database &m_db;
};
