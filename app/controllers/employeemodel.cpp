#include "employeemodel.h"

void EmployeeModel::setEmployees(const QList<Employee> &employees)
{
    beginResetModel();
    m_employees = employees;
    endResetModel();
}

int EmployeeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_employees.size());
}

QVariant EmployeeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Employee &e = m_employees.at(index.row());
    switch (role) {
    case IdRole:
        return e.id;
    case Qt::DisplayRole:
    case NameRole:
        return e.name;
    case RoleRole:
        return e.role;
    case InitialsRole: {
        QString initials;
        for (const QString &part : e.name.split(QLatin1Char(' '), Qt::SkipEmptyParts))
            initials += part.front().toUpper();
        return initials.left(2);
    }
    }
    return {};
}

QHash<int, QByteArray> EmployeeModel::roleNames() const
{
    return {
        {IdRole, "employeeId"}, {NameRole, "name"}, {RoleRole, "role"}, {InitialsRole, "initials"}};
}
