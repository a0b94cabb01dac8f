#include "customerstore.h"

#include "database.h"

Result<QList<Customer>> CustomerStore::list(const QString &sql, const QString &match, int limit)
{
    return m_db.rows(
        sql,
        [](const SqlRow &r) {
            return Customer{r.text(0), r.text(1), r.text(2), r.text(3)};
        },
        match, qint64(limit));
}

Result<QList<Customer>> CustomerStore::byPhone(const QString &digits, int limit)
{
    static const QString sql =
        QStringLiteral("SELECT id, name, COALESCE(phone, ''), COALESCE(email, '') FROM "
                       "customers WHERE instr(phone, ?) > 0 ORDER BY name COLLATE NOCASE "
                       "LIMIT ?");
    return list(sql, digits, limit);
}

Result<QList<Customer>> CustomerStore::byName(const QString &text, int limit)
{
    static const QString sql =
        QStringLiteral("SELECT id, name, COALESCE(phone, ''), COALESCE(email, '') FROM "
                       "customers WHERE name LIKE ? ESCAPE '\\' ORDER BY name COLLATE "
                       "NOCASE LIMIT ?");
    QString pattern = text;
    pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return list(sql, QLatin1Char('%') + pattern + QLatin1Char('%'), limit);
}

Result<std::optional<QString>> CustomerStore::nameWithPhone(const QString &phone)
{
    static const QString sql = QStringLiteral("SELECT name FROM customers WHERE phone = ?");
    return m_db.row(
        sql, [](const SqlRow &r) { return r.text(0); }, phone);
}

Status CustomerStore::insert(const Customer &c, const QString &createdAt, const QString &updatedAt)
{
    static const QString sql = QStringLiteral("INSERT INTO customers(id, name, phone, email, "
                                              "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    return m_db.run(sql, c.id, c.name, SqlOptional{c.phone}, SqlOptional{c.email}, createdAt,
                    updatedAt);
}

Status CustomerStore::upsertIfNewer(const Customer &c, const QString &createdAt,
                                    const QString &updatedAt)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO customers(id, name, phone, email, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "phone = excluded.phone, email = excluded.email, updated_at = excluded.updated_at "
        "WHERE excluded.updated_at > customers.updated_at");
    return m_db.run(sql, c.id, c.name, SqlOptional{c.phone}, SqlOptional{c.email}, createdAt,
                    updatedAt);
}

Status CustomerStore::restamp(const QString &id, const QString &from, const QString &to)
{
    static const QString sql =
        QStringLiteral("UPDATE customers SET updated_at = ?1 WHERE id = ?2 AND updated_at = ?3");
    return m_db.run(sql, to, id, from);
}
