#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <optional>

class Database;

struct Customer
{
    QString id; // UUID
    QString name;
    QString phone; // digits, an optional leading +
    QString email;
};

// SQL access to the store's customers (customers).
class CustomerStore
{
public:
    explicit CustomerStore(Database &db)
        : m_db(db)
    {
    }

    // Customers whose phone number contains digits, by name.
    [[nodiscard]] Result<QList<Customer>> byPhone(const QString &digits, int limit);
    // Customers whose name contains text (case-insensitively; % and _ match themselves), by name.
    [[nodiscard]] Result<QList<Customer>> byName(const QString &text, int limit);
    // The name of the customer with this phone number, if there is one.
    [[nodiscard]] Result<std::optional<QString>> nameWithPhone(const QString &phone);
    // Empty phone and email are stored as NULL.
    [[nodiscard]] Status insert(const Customer &customer, const QString &createdAt,
                                const QString &updatedAt);
    // A customer from another lane: inserted, or replacing ours when updatedAt is later (last
    // write wins; created_at stays as first known).
    [[nodiscard]] Status upsertIfNewer(const Customer &customer, const QString &createdAt,
                                       const QString &updatedAt);
    // Moves the customer's updated_at from `from` to `to`, unless something later replaced it.
    [[nodiscard]] Status restamp(const QString &id, const QString &from, const QString &to);

private:
    Result<QList<Customer>> list(const QString &sql, const QString &match, int limit);

    Database &m_db;
};
