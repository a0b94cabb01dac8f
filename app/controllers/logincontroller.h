#pragma once

#include "employeemodel.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

class Lane;
class QJSEngine;
class QQmlEngine;

// State of the login screen: who can log in, who is logged in, and why a login failed.
class LoginController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(EmployeeModel *employees READ employees CONSTANT)
    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY sessionChanged)
    Q_PROPERTY(QString employeeName READ employeeName NOTIFY sessionChanged)
    Q_PROPERTY(bool manager READ manager NOTIFY sessionChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(QString terminalId READ terminalId CONSTANT)
    Q_PROPERTY(int pinMaxLength READ pinMaxLength CONSTANT)
public:
    explicit LoginController(Lane &lane, QObject *parent = nullptr);

    static void setInstance(LoginController *instance);
    static LoginController *create(QQmlEngine *, QJSEngine *);

    EmployeeModel *employees() { return &m_employees; }
    bool loggedIn() const;
    QString employeeName() const;
    bool manager() const;
    QString message() const { return m_message; }
    QString terminalId() const;

    // The PIN rule (PinHasher) for every PIN pad: OK and Enter submit only a complete PIN.
    Q_INVOKABLE static bool pinComplete(const QString &pin);
    static int pinMaxLength();

    Q_INVOKABLE bool login(const QString &employeeId, const QString &pin);
    Q_INVOKABLE void logout();
    Q_INVOKABLE void touch();
    Q_INVOKABLE void clearMessage();

Q_SIGNALS:
    void sessionChanged();
    void messageChanged();

private:
    void reloadEmployees();
    void setMessage(const QString &message);
    Lane &m_lane;
    EmployeeModel m_employees;
    QString m_message;
};
