#pragma once

#include "clocktimer.h"
#include "heldmessagestore.h"
#include "inbox.h"
#include "result.h"

#include <QObject>
#include <QString>

class Clock;
class Database;
class Hlc;
class Outbox;

// Messages held back because they were stamped too far ahead of the store's time (see Inbox):
// released with their own time when it comes (a timer on the lane's clock, and whenever the
// store's time moves), or accepted by a manager at the time of acceptance. A lane that learns its
// own clock had run ahead re-times what it stamped with it. An acceptance or a re-timing is
// published (held.accepted), so every lane gives the message the same time. Each release is one
// transaction.
class HeldMessages : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString messageId;
        QString origin;
        QString topic;
        QString stampedAt;  // the time the message claims, ISO 8601 UTC
        qint64 aheadMs = 0; // how far that is ahead of the store's time now
        QString heldAt;
        QByteArray payload; // the message's payload, as received
    };

    HeldMessages(Database &db, Outbox &outbox, Hlc &hlc, Clock &clock, QString terminalId,
                 QObject *parent = nullptr);

    // The messages held now, oldest stamp first.
    [[nodiscard]] Result<QList<Entry>> waiting(int limit = 200);
    // A manager accepts a held message: it takes effect now (its time clamped to the store's
    // time), here and on every lane.
    [[nodiscard]] Status accept(const QString &messageId, const QString &employeeId);

    // Releases what is due and sets the timer for the next; after messages were received or the
    // store's time moved. Returns how many were released.
    Result<int> check();
    // This lane's own messages stamped beyond what the store's time allows (its clock had run
    // ahead): each moves back by how far the lane's HLC is ahead of the store's time (its latest
    // event becomes now; order and spacing are kept), and the HLC comes back to the store's time.
    // Returns how many were re-timed.
    Result<int> retimeOwn();

Q_SIGNALS:
    // Something was held, released or accepted (for the admin screen and the status panel).
    void changed();

private:
    Status publishAcceptance(const HeldAcceptance &a);

    Database &m_db;
    Outbox &m_outbox;
    Hlc &m_hlc;
    Clock &m_clock;
    QString m_terminal;
    HeldMessageStore m_store;
    Inbox m_inbox;
    ClockTimer m_timer;
    qint64 m_waiting = -1; // held now, as last counted
};
