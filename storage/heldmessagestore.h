#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class Database;

// A received message held back because it was stamped too far ahead of the store's time.
struct HeldMessageRow
{
    QString messageId;
    QString origin;
    QString topic;
    qint64 stampedMs = 0; // the time the message claims
    QString heldAt;
    QByteArray payload; // as received; filled by waiting() only
};

// The time a held message takes effect at, decided once for every lane.
struct HeldAcceptanceRow
{
    QString messageId;
    qint64 hlcMs = 0;
    qint64 hlcCounter = 0;
    QString acceptedBy; // the manager's employee id; empty when its origin re-timed it
    QString acceptedOn; // the lane it was accepted on
    QString acceptedAt;
};

// SQL access to held messages (held_messages) and the times they were accepted at
// (held_acceptances). Rows stay as the record of what was held and how it was released.
class HeldMessageStore
{
public:
    // A held message not released yet, as it was received (for applying it).
    struct Received
    {
        QString origin;
        QString topic;
        QByteArray payload;
        qint64 seq = 0;
        QString sentAt;
    };
    struct Summary
    {
        qint64 waiting = 0;        // held and not released
        qint64 firstStampedMs = 0; // the earliest stamp among them (0: none)
    };

    explicit HeldMessageStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status hold(const HeldMessageRow &row);
    [[nodiscard]] Result<std::optional<Received>> received(const QString &messageId);
    [[nodiscard]] Status markReleased(const QString &messageId, const QString &at,
                                      const QString &by);
    // The held message if it is not released yet (payload left empty).
    [[nodiscard]] Result<std::optional<HeldMessageRow>> unreleased(const QString &messageId);
    [[nodiscard]] Result<bool> isHeld(const QString &messageId);
    // Held now, oldest stamp first, with their payloads.
    [[nodiscard]] Result<QList<HeldMessageRow>> waiting(int limit);
    // Ids of those held now whose stamp is at or before limitMs, oldest stamp first.
    [[nodiscard]] Result<QStringList> due(qint64 limitMs);
    [[nodiscard]] Result<Summary> summary();
    // Ids of every message held now, in id order (what reconciliation compares between lanes).
    [[nodiscard]] Result<QStringList> heldIds();

    // Whether the message has an acceptance at or before (hlcMs, hlcCounter).
    [[nodiscard]] Result<bool> acceptedNoLaterThan(const QString &messageId, qint64 hlcMs,
                                                   qint64 hlcCounter);
    // Sets the message's acceptance, replacing the one it had.
    [[nodiscard]] Status putAcceptance(const HeldAcceptanceRow &row);

private:
    Database &m_db;
};
