#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// A cart parked on this lane, as listed for recall.
struct HeldCartInfo
{
    QString id;
    QString label;
    QString employeeId;
    int itemCount = 0;
    qint64 totalCents = 0;
    QString createdAt;
};

// A held cart's contents: its lines as stored (a JSON array) and its customer.
struct HeldCartContents
{
    QByteArray lines;
    QString customerId;   // empty: none
    QString customerName; // empty: none
};

class Database;

// Carts parked on this lane (held_carts); the lane's own, never synced. Writers call it inside
// a write transaction.
class HeldCartStore
{
public:
    explicit HeldCartStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status insert(const HeldCartInfo &info, const HeldCartContents &contents);
    // Oldest first.
    [[nodiscard]] Result<QList<HeldCartInfo>> list();
    [[nodiscard]] Result<std::optional<HeldCartContents>> contents(const QString &id);
    [[nodiscard]] Status remove(const QString &id);
    // Removes the cart and returns its lines; nullopt when there was no such cart.
    [[nodiscard]] Result<std::optional<QByteArray>> take(const QString &id);

private:
    Database &m_db;
};
