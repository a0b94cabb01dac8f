#include "employeestore.h"

#include "database.h"

namespace {
const QString kColumns = QStringLiteral("SELECT id, name, role, pin_hash, failed_attempts, "
                                        "locked_until, active, discount_limit_bp FROM employees ");

Employee read(const SqlRow &r)
{
    Employee e;
    e.id = r.text(0);
    e.name = r.text(1);
    e.role = r.text(2);
    e.pinHash = r.text(3);
    e.failedAttempts = int(r.integer(4));
    e.lockedUntil = r.text(5);
    e.active = r.integer(6) != 0;
    e.discountLimitBp = int(r.integer(7));
    return e;
}
} // namespace

Status EmployeeStore::upsert(const Employee &e, const QString &at)
{
    return m_db.run(
        QStringLiteral(
            "INSERT INTO employees(id, name, role, pin_hash, failed_attempts, locked_until, "
            "active, discount_limit_bp, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, "
            "pin_hash = excluded.pin_hash, failed_attempts = excluded.failed_attempts, "
            "locked_until = excluded.locked_until, active = excluded.active, "
            "discount_limit_bp = excluded.discount_limit_bp, updated_at = excluded.updated_at"),
        e.id, e.name, e.role, e.pinHash, e.failedAttempts, SqlOptional{e.lockedUntil}, e.active,
        e.discountLimitBp, at);
}

Result<std::optional<Employee>> EmployeeStore::byId(const QString &id)
{
    static const QString sql = kColumns + QStringLiteral("WHERE id = ?");
    return m_db.row(sql, read, id);
}

Result<QList<Employee>> EmployeeStore::list(bool activeOnly)
{
    static const QString active =
        kColumns + QStringLiteral("WHERE active = 1 ORDER BY role, name COLLATE NOCASE");
    static const QString all = kColumns + QStringLiteral("ORDER BY role, name COLLATE NOCASE");
    return m_db.rows(activeOnly ? active : all, read);
}

Result<QList<Employee>> EmployeeStore::active()
{
    return list(true);
}

Result<QList<Employee>> EmployeeStore::all()
{
    return list(false);
}

Status EmployeeStore::setLoginState(const QString &id, int failedAttempts,
                                    const QString &lockedUntil, const QString &at)
{
    return m_db.run(QStringLiteral("UPDATE employees SET failed_attempts = ?, locked_until = ?, "
                                   "updated_at = ? WHERE id = ?"),
                    failedAttempts, SqlOptional{lockedUntil}, at, id);
}

Status EmployeeStore::upsertIfNewer(const Employee &e, const QString &updatedAt)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO employees(id, name, role, pin_hash, active, discount_limit_bp, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active, "
        "discount_limit_bp = excluded.discount_limit_bp, updated_at = excluded.updated_at "
        "WHERE excluded.updated_at > employees.updated_at");
    return m_db.run(sql, e.id, e.name, e.role, e.pinHash, e.active, e.discountLimitBp, updatedAt);
}

Status EmployeeStore::restamp(const QString &id, const QString &from, const QString &to)
{
    static const QString sql =
        QStringLiteral("UPDATE employees SET updated_at = ?1 WHERE id = ?2 AND updated_at = ?3");
    return m_db.run(sql, to, id, from);
}
