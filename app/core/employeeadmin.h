#pragma once

#include "employeestore.h"
#include "result.h"

#include <QCoreApplication>
#include <QString>

class Clock;
class Database;
class IdGenerator;
class Outbox;

// What a manager may change about an employee on the admin screen. An empty id adds one; an
// empty PIN keeps the current one (a new employee needs one).
struct EmployeeEdit
{
    QString id;
    QString name;
    QString role = QStringLiteral("cashier");
    QString pin;
    bool active = true;
    int discountLimitBp = 0; // largest discount without approval, in basis points (0..10000)
};

// Adds and changes employees: validated, written and published as an `employee` message (with
// the PIN hash, for the other lanes only) in one SQLite transaction. Only a manager may.
class EmployeeAdmin
{
    Q_DECLARE_TR_FUNCTIONS(EmployeeAdmin)

public:
    EmployeeAdmin(Database &db, Outbox &outbox, Clock &clock, IdGenerator &ids);

    [[nodiscard]] Result<Employee> save(const EmployeeEdit &edit, const Employee &manager);

private:
    Database &m_db;
    Outbox &m_outbox;
    Clock &m_clock;
    IdGenerator &m_ids;
    EmployeeStore m_store;
};
