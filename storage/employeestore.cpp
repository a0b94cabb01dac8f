#include "employeestore.h"

#include "database.h"

#include <QSqlQuery>
#include <QVariant>

namespace {
const QString kColumns = QStringLiteral("SELECT id, name, role, pin_hash, failed_attempts, "
                                        "locked_until, active, discount_limit_bp FROM employees ");

Employee read(const QSqlQuery &q)
{
    Employee e;
    e.id = q.value(0).toString();
    e.name = q.value(1).toString();
    e.role = q.value(2).toString();
    e.pinHash = q.value(3).toString();
    e.failedAttempts = q.value(4).toInt();
    e.lockedUntil = q.value(5).toString();
    e.active = q.value(6).toBool();
    e.discountLimitBp = q.value(7).toInt();
    return e;
}
} // namespace

Status EmployeeStore::upsert(const Employee &e, const QString &at)
{
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO employees(id, name, role, pin_hash, failed_attempts, locked_until, active, "
        "discount_limit_bp, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, "
        "pin_hash = excluded.pin_hash, failed_attempts = excluded.failed_attempts, "
        "locked_until = excluded.locked_until, active = excluded.active, "
        "discount_limit_bp = excluded.discount_limit_bp, updated_at = excluded.updated_at"));
    if (!q)
        return Status::failure(q.error());
    QSqlQuery &query = **q;
    query.bindValue(0, e.id);
    query.bindValue(1, e.name);
    query.bindValue(2, e.role);
    query.bindValue(3, e.pinHash);
    query.bindValue(4, e.failedAttempts);
    query.bindValue(5, Database::nullIfEmpty(e.lockedUntil));
    query.bindValue(6, e.active ? 1 : 0);
    query.bindValue(7, e.discountLimitBp);
    query.bindValue(8, at);
    return Database::run(query);
}

Result<std::optional<Employee>> EmployeeStore::byId(const QString &id)
{
    using R = Result<std::optional<Employee>>;
    auto q = m_db.prepared(kColumns + QStringLiteral("WHERE id = ?"));
    if (!q)
        return R::failure(q.error());
    QSqlQuery &query = **q;
    query.bindValue(0, id);
    if (Status s = Database::run(query); !s)
        return R::failure(s.error());
    std::optional<Employee> e;
    if (query.next())
        e = read(query);
    query.finish();
    return e;
}

Result<QList<Employee>> EmployeeStore::list(bool activeOnly)
{
    using R = Result<QList<Employee>>;
    auto q =
        m_db.prepared(kColumns + (activeOnly ? QStringLiteral("WHERE active = 1 ") : QString()) +
                      QStringLiteral("ORDER BY role, name COLLATE NOCASE"));
    if (!q)
        return R::failure(q.error());
    QSqlQuery &query = **q;
    if (Status s = Database::run(query); !s)
        return R::failure(s.error());
    QList<Employee> list;
    while (query.next())
        list.append(read(query));
    query.finish();
    return list;
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
    auto q = m_db.prepared(QStringLiteral("UPDATE employees SET failed_attempts = ?, "
                                          "locked_until = ?, updated_at = ? WHERE id = ?"));
    if (!q)
        return Status::failure(q.error());
    (*q)->bindValue(0, failedAttempts);
    (*q)->bindValue(1, Database::nullIfEmpty(lockedUntil));
    (*q)->bindValue(2, at);
    (*q)->bindValue(3, id);
    return Database::run(**q);
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
