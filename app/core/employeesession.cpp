#include "employeesession.h"

#include "clock.h"
#include "corelog.h"
#include "database.h"
#include "pinhasher.h"
#include "writetransaction.h"

#include <QLocale>

EmployeeSession::EmployeeSession(Database &db, Clock &clock, std::chrono::seconds idleLock,
                                 QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_store(db)
    , m_idleLock(idleLock)
    , m_idleTimer(clock)
{
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &ClockTimer::timeout, this, [this] {
        if (!m_current)
            return;
        qCInfo(lcApp) << "session of" << m_current->name << "locked after" << m_idleLock.count()
                      << "s idle";
        m_current.reset();
        Q_EMIT loggedOut(QStringLiteral("idle"));
    });
}

EmployeeSession::LoginOutcome EmployeeSession::login(const QString &employeeId, const QString &pin)
{
    LoginOutcome out;
    auto found = m_store.byId(employeeId);
    if (!found) {
        qCWarning(lcApp) << "employee lookup failed:" << found.error();
        out.message = tr("The lane cannot read its employee list. Call a manager.");
        return out;
    }
    if (!found->has_value() || !found->value().active) {
        out.message = tr("Unknown or inactive employee.");
        return out;
    }
    Employee e = found->value();
    // Not a PIN at all (too short, too long, not digits): said, and not counted as a wrong PIN.
    if (!PinHasher::isWellFormed(pin)) {
        out.message =
            tr("A PIN has %1 to %2 digits.").arg(PinHasher::kMinLength).arg(PinHasher::kMaxLength);
        return out;
    }
    const QDateTime now = m_clock.nowUtc();
    const QDateTime lockedUntil = Clock::fromIso(e.lockedUntil);
    if (lockedUntil.isValid() && lockedUntil > now) {
        out.lockedOut = true;
        out.message = tr("%1 is locked until %2 after too many wrong PINs. A manager can unlock.")
                          .arg(e.name, QLocale().toString(lockedUntil.toLocalTime().time(),
                                                          QLocale::ShortFormat));
        return out;
    }
    const bool wasLockExpired = lockedUntil.isValid();
    if (!PinHasher::verify(e.pinHash, pin)) {
        const int failed = (wasLockExpired ? 0 : e.failedAttempts) + 1;
        QString until;
        if (failed >= kMaxFailedAttempts)
            until = Clock::toIso(now.addSecs(
                std::chrono::duration_cast<std::chrono::seconds>(kLockoutDuration).count()));
        WriteTransaction tx(m_db);
        if (Status s = tx.isActive() ? m_store.setLoginState(e.id, failed, until, Clock::toIso(now))
                                     : Status::failure(tx.error());
            !s || !(s = tx.commit())) {
            qCWarning(lcApp) << "cannot record failed login:" << s.error();
        }
        out.attemptsLeft = qMax(0, kMaxFailedAttempts - failed);
        out.lockedOut = !until.isEmpty();
        qCInfo(lcApp) << "wrong PIN for employee" << e.id << "attempt" << failed;
        out.message =
            out.lockedOut
                ? tr("Wrong PIN. %1 is locked for 30 minutes; a manager can unlock.").arg(e.name)
            : out.attemptsLeft == 1
                ? tr("Wrong PIN. 1 attempt left before lockout.")
                : tr("Wrong PIN. %1 attempts left before lockout.").arg(out.attemptsLeft);
        return out;
    }
    if (e.failedAttempts != 0 || !e.lockedUntil.isEmpty()) {
        WriteTransaction tx(m_db);
        if (Status s = tx.isActive() ? m_store.setLoginState(e.id, 0, {}, Clock::toIso(now))
                                     : Status::failure(tx.error());
            !s || !(s = tx.commit())) {
            qCWarning(lcApp) << "cannot reset login attempts:" << s.error();
        }
        e.failedAttempts = 0;
        e.lockedUntil.clear();
    }
    m_current = e;
    out.ok = true;
    out.message = tr("Welcome, %1.").arg(e.name);
    qCInfo(lcApp) << "employee" << e.id << "logged in";
    touch();
    Q_EMIT loggedIn(e.id);
    return out;
}

void EmployeeSession::logout()
{
    m_idleTimer.stop();
    if (!m_current)
        return;
    qCInfo(lcApp) << "employee" << m_current->id << "logged out";
    m_current.reset();
    Q_EMIT loggedOut(QStringLiteral("logout"));
}

void EmployeeSession::touch()
{
    if (m_current && m_idleLock.count() > 0)
        m_idleTimer.start(m_idleLock);
}

Status EmployeeSession::unlock(const QString &managerId, const QString &managerPin,
                               const QString &employeeId)
{
    auto manager = m_store.byId(managerId);
    if (!manager)
        return Status::failure(manager.error());
    const QDateTime managerLock =
        manager->has_value() ? Clock::fromIso(manager->value().lockedUntil) : QDateTime();
    if (!manager->has_value() || !manager->value().active || !manager->value().isManager() ||
        (managerLock.isValid() && managerLock > m_clock.nowUtc()) ||
        !PinHasher::verify(manager->value().pinHash, managerPin))
        return Status::failure(tr("Manager PIN not accepted."));
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    if (Status s = m_store.setLoginState(employeeId, 0, {}, m_clock.nowIso()); !s)
        return s;
    qCInfo(lcApp) << "manager" << managerId << "unlocked employee" << employeeId;
    return tx.commit();
}
