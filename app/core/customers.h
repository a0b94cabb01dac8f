#pragma once

#include "customerstore.h"
#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class Clock;
class Database;
class IdGenerator;
class Outbox;

// The store's customers: found by phone or name, created at the counter and published as a
// `customer` message so every lane knows them. A sale can name its customer.
class Customers
{
    Q_DECLARE_TR_FUNCTIONS(Customers)

public:
    Customers(Database &db, Outbox &outbox, Clock &clock, IdGenerator &ids);

    // Digits (3 or more) search phone numbers; anything else searches names.
    [[nodiscard]] Result<QList<Customer>> find(const QString &text, int limit = 20);
    [[nodiscard]] Result<Customer> create(const QString &name, const QString &phone,
                                          const QString &email);
    // "+1 (555) 010-2030" -> "+15550102030"; empty when it is not a phone number.
    static QString normalizePhone(const QString &phone);

private:
    Database &m_db;
    CustomerStore m_store;
    Outbox &m_outbox;
    Clock &m_clock;
    IdGenerator &m_ids;
};
