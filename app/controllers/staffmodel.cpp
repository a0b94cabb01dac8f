#include "staffmodel.h"

#include "clock.h"

StaffModel::StaffModel(QObject *parent)
    : RowListModel({"id", "name", "role", "active", "discountLimit", "locked"}, "id", parent)
{
}

void StaffModel::setEmployees(const QList<Employee> &employees, const QDateTime &now)
{
    QList<QVariantMap> rows;
    rows.reserve(employees.size());
    for (const Employee &e : employees) {
        const QDateTime lockedUntil = Clock::fromIso(e.lockedUntil);
        rows.append({{QStringLiteral("id"), e.id},
                     {QStringLiteral("name"), e.name},
                     {QStringLiteral("role"), e.role},
                     {QStringLiteral("active"), e.active},
                     {QStringLiteral("discountLimit"), QString::number(e.discountLimitBp / 100.0)},
                     {QStringLiteral("locked"), lockedUntil.isValid() && lockedUntil > now}});
    }
    setRows(rows);
}
