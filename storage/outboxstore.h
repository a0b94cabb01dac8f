#pragma once

#include "result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>

class Database;

// One row of the outbox: a message this lane publishes, with its delivery state.
struct OutboxRow
{
    QString id;
    QString topic;
    QByteArray payload; // compact JSON
    QString status = QStringLiteral("pending");
    int retryCount = 0;
    QString createdAt;
    QString terminalId;
    QString peerAckedAt;
    QString cloudAckedAt;
    qint64 seq = 0;
    int priority = 1;
    QString lastError;
};

// SQL access to the outbox table.
class OutboxStore
{
public:
    explicit OutboxStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status insert(const OutboxRow &row);
    [[nodiscard]] Result<std::optional<OutboxRow>> byId(const QString &id);
    // Message counts by status ("pending", "peer_ack", "cloud_ack", "failed"), from the
    // trigger-kept outbox_counts: constant time however large the outbox.
    [[nodiscard]] Result<QMap<QString, qint64>> countByStatus();
    // Messages the cloud refused maxRetries times, newest first (the admin screen).
    [[nodiscard]] Result<QList<OutboxRow>> failed(int limit);

private:
    Database &m_db;
};
