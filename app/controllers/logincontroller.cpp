#include "logincontroller.h"

#include "lane.h"
#include "pinhasher.h"
#include "uilog.h"

#include <QQmlEngine>

namespace {
LoginController *s_instance = nullptr;
}

LoginController::LoginController(Lane &lane, QObject *parent)
    : QObject(parent)
    , m_lane(lane)
{
    reloadEmployees();
    connect(&m_lane.session(), &EmployeeSession::loggedIn, this, &LoginController::sessionChanged);
    connect(&m_lane.session(), &EmployeeSession::loggedOut, this, [this](const QString &reason) {
        if (reason == QLatin1String("idle"))
            setMessage(tr("Locked after inactivity. Enter your PIN to continue."));
        // Employees added or changed meanwhile (here or on another lane) can log in now.
        reloadEmployees();
        Q_EMIT sessionChanged();
    });
}

void LoginController::reloadEmployees()
{
    auto employees = m_lane.session().store().active();
    if (employees)
        m_employees.setEmployees(*employees);
    else
        qCWarning(lcUi) << "cannot list employees:" << employees.error();
}

void LoginController::setInstance(LoginController *instance)
{
    s_instance = instance;
}

LoginController *LoginController::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

bool LoginController::loggedIn() const
{
    return m_lane.session().isLoggedIn();
}

QString LoginController::employeeName() const
{
    const auto &e = m_lane.session().current();
    return e ? e->name : QString();
}

bool LoginController::manager() const
{
    const auto &e = m_lane.session().current();
    return e && e->isManager();
}

QString LoginController::terminalId() const
{
    return m_lane.config().terminalId;
}

bool LoginController::pinComplete(const QString &pin)
{
    return PinHasher::isWellFormed(pin);
}

int LoginController::pinMaxLength()
{
    return PinHasher::kMaxLength;
}

bool LoginController::login(const QString &employeeId, const QString &pin)
{
    const auto outcome = m_lane.session().login(employeeId, pin);
    setMessage(outcome.message);
    return outcome.ok;
}

void LoginController::logout()
{
    m_lane.session().logout();
    setMessage({});
}

void LoginController::touch()
{
    m_lane.session().touch();
}

void LoginController::clearMessage()
{
    setMessage({});
}

void LoginController::setMessage(const QString &message)
{
    if (m_message == message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}
