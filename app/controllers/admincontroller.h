#pragma once

#include "clocktimer.h"

#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class Lane;
class QJSEngine;
class QQmlEngine;
struct Employee;

// The manager's admin screen: reconciliation on demand with its result, the conflicts it
// resolved and a manual override, failed cloud uploads with retry, stock counts, employees and
// the lane's settings (secrets masked). Every action checks here, in C++, that a manager is
// logged in; QML only shows and asks.
class AdminController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool reconciling READ reconciling NOTIFY changed)
    Q_PROPERTY(QVariantMap reconciliation READ reconciliation NOTIFY changed)
    Q_PROPERTY(QVariantList conflicts READ conflicts NOTIFY changed)
    Q_PROPERTY(QVariantList failedMessages READ failedMessages NOTIFY changed)
    Q_PROPERTY(QVariantList heldMessages READ heldMessages NOTIFY changed)
    Q_PROPERTY(int relayedFailed READ relayedFailed NOTIFY changed)
    Q_PROPERTY(bool cloudEnabled READ cloudEnabled CONSTANT)
    Q_PROPERTY(QVariantList employees READ employees NOTIFY changed)
    Q_PROPERTY(QVariantList settings READ settings CONSTANT)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)
public:
    explicit AdminController(Lane &lane, QObject *parent = nullptr);
    ~AdminController() override;

    static void setInstance(AdminController *instance);
    static AdminController *create(QQmlEngine *, QJSEngine *);

    bool reconciling() const;
    QVariantMap reconciliation() const { return m_reconciliation; }
    QVariantList conflicts() const { return m_conflicts; }
    QVariantList failedMessages() const { return m_failed; }
    // Messages from other lanes held for a time too far ahead: id, origin, topic, what (for
    // people), stampedAt, ahead (how far, for people), heldAt.
    QVariantList heldMessages() const { return m_held; }
    int relayedFailed() const { return m_relayedFailed; }
    bool cloudEnabled() const;
    QVariantList employees() const { return m_employees; }
    QVariantList settings() const;
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }

    // The screen is open: it is then kept current after every commit (coalesced).
    Q_INVOKABLE void setShown(bool shown);
    // Re-reads everything the screen shows.
    Q_INVOKABLE void refresh();
    Q_INVOKABLE bool reconcileNow();
    // quantity as typed: a whole number of units, 0 or more.
    Q_INVOKABLE bool overrideConflict(int conflictId, const QString &quantity);
    Q_INVOKABLE bool retryFailed();
    // The manager accepts a held message: it takes effect now, on every lane.
    Q_INVOKABLE bool acceptHeld(const QString &messageId);
    // Products matching a barcode, SKU or name, with their stock (for the stock count form).
    Q_INVOKABLE QVariantList findProducts(const QString &text);
    Q_INVOKABLE bool recordCount(const QString &productId, const QString &quantity);
    // keys: id (empty: new), name, role, pin (empty: keep), active, discountLimit (percent text)
    Q_INVOKABLE bool saveEmployee(const QVariantMap &employee);
    Q_INVOKABLE void clearMessage();
    // A reconciliation result ("resolved", "in sync; no answer from L3", "failed: ...") in the
    // UI's language.
    Q_INVOKABLE static QString describeResult(const QString &result);
    // The screenshot tour's conflicts (its lane has none of its own).
    void showSampleConflicts(const QVariantList &conflicts);
    void clearSampleConflicts();
    // The screenshot tour's held messages.
    void showSampleHeld(const QVariantList &held);

Q_SIGNALS:
    void changed();
    void messageChanged();

private:
    const Employee *manager();
    void say(const QString &message, bool error = false);
    static bool parseQuantity(const QString &text, qint64 &value);
    QString describeHeld(const QString &topic, const QByteArray &payload);

    Lane &m_lane;
    ClockTimer m_coalesce; // on the lane's clock
    QVariantMap m_reconciliation;
    QVariantList m_conflicts;
    QVariantList m_failed;
    QVariantList m_held;
    bool m_sampleHeld = false;
    int m_relayedFailed = 0;
    bool m_sampleConflicts = false;
    bool m_shown = false;
    QVariantList m_employees;
    QString m_message;
    bool m_messageIsError = false;
};
