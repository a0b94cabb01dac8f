#pragma once

#include "employeestore.h"
#include "rowlistmodel.h"

#include <QDateTime>

// Every employee, inactive and locked ones too, for the admin screen's editor (EmployeeModel is the
// login screen's active ones).
class StaffModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by AdminController")
public:
    explicit StaffModel(QObject *parent = nullptr);

    // now: for who is locked out at the moment.
    void setEmployees(const QList<Employee> &employees, const QDateTime &now);
};
