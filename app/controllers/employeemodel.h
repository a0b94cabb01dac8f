#pragma once

#include "employeestore.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The active employees, for the login screen's tiles.
class EmployeeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by LoginController")
public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, RoleRole, InitialsRole };

    explicit EmployeeModel(QObject *parent = nullptr)
        : QAbstractListModel(parent)
    {
    }
    void setEmployees(const QList<Employee> &employees);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Employee> m_employees;
};
