#include "employeeadmin.h"

#include "clock.h"
#include "corelog.h"
#include "database.h"
#include "idgenerator.h"
#include "outbox.h"
#include "pinhasher.h"
#include "topics.h"
#include "writetransaction.h"

#include <QJsonObject>

EmployeeAdmin::EmployeeAdmin(Database &db, Outbox &outbox, Clock &clock, IdGenerator &ids)
    : m_db(db)
    , m_outbox(outbox)
    , m_clock(clock)
    , m_ids(ids)
    , m_store(db)
{
}

Result<Employee> EmployeeAdmin::save(const EmployeeEdit &edit, const Employee &manager)
{
    using R = Result<Employee>;
    if (!manager.isManager() || !manager.active)
        return R::failure(tr("Only a manager can change employees."));
    const QString name = edit.name.simplified();
    if (name.isEmpty() || name.size() > 100)
        return R::failure(tr("Enter a name of 1 to 100 characters."));
    if (edit.role != QLatin1String("cashier") && edit.role != QLatin1String("manager"))
        return R::failure(tr("The role is cashier or manager."));
    if (edit.discountLimitBp < 0 || edit.discountLimitBp > 10000)
        return R::failure(tr("The discount limit is between 0 and 100%."));
    if (!edit.pin.isEmpty() && !PinHasher::isWellFormed(edit.pin))
        return R::failure(tr("A PIN has 4 to 8 digits."));

    Employee e;
    if (!edit.id.isEmpty()) {
        auto existing = m_store.byId(edit.id);
        if (!existing)
            return R::failure(existing.error());
        if (!existing->has_value())
            return R::failure(tr("This employee no longer exists."));
        e = **existing;
    } else {
        if (edit.pin.isEmpty())
            return R::failure(tr("A new employee needs a PIN."));
        e.id = m_ids.nextString();
    }
    if (e.id == manager.id && (!edit.active || edit.role != QLatin1String("manager")))
        return R::failure(tr("You cannot deactivate yourself or take away your own manager role."));

    e.name = name;
    e.role = edit.role;
    e.active = edit.active;
    e.discountLimitBp = edit.discountLimitBp;
    if (!edit.pin.isEmpty()) {
        auto hash = PinHasher::hash(edit.pin);
        if (!hash)
            return R::failure(hash.error());
        e.pinHash = *hash;
        e.failedAttempts = 0; // a new PIN ends a lockout
        e.lockedUntil.clear();
    }

    const QString now = Clock::toIso(m_clock.nowUtc());
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    if (Status s = m_store.upsert(e, now); !s)
        return R::failure(s.error());
    const QJsonObject payload{{QStringLiteral("id"), e.id},
                              {QStringLiteral("name"), e.name},
                              {QStringLiteral("role"), e.role},
                              {QStringLiteral("pinHash"), e.pinHash},
                              {QStringLiteral("active"), e.active},
                              {QStringLiteral("discountLimitBp"), e.discountLimitBp},
                              {QStringLiteral("updatedAt"), now}};
    if (auto m = m_outbox.publish(QString(Topics::Employee), payload); !m)
        return R::failure(m.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp) << "employee" << e.id << "saved by manager" << manager.id << "( role" << e.role
                  << ", active" << e.active << ", PIN changed" << !edit.pin.isEmpty() << ")";
    return e;
}
