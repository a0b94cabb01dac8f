#pragma once

#include "result.h"

class Database;

// A write transaction begun with BEGIN IMMEDIATE, so the write lock is taken up front and a
// busy database fails at the start rather than half-way. Rolls back unless commit() succeeded.
class WriteTransaction
{
public:
    enum class Durability {
        // On disk when commit() returns (with synchronous=FULL, the default), or, when the
        // database syncs in the background, once Database::whenDurable says so: whatever only
        // this lane holds, above all its own sales and their outbox rows.
        OnCommit,
        // Written when commit() returns, on disk with the next OnCommit commit's sync or a
        // checkpoint
        // (synchronous=NORMAL for this transaction; a crash of the process loses nothing, a
        // power cut may lose the last such commits, never half of one). Only for what the lane
        // gets again when it is missing: messages received from peers (the hello's version
        // vector asks the senders for what the lane lacks), the bookkeeping of acks (a lost
        // peer_ack is restored from the peer's vector at the next hello) and health data.
        // Spares the commit an fsync, so the ack of a received message does not wait for it.
        Deferred,
    };

    explicit WriteTransaction(Database &db, Durability durability = Durability::OnCommit);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    // False when BEGIN failed (see error()); nothing may be written then.
    bool isActive() const { return m_active; }
    const QString &error() const { return m_error; }

    [[nodiscard]] Status commit();
    void rollback();

private:
    void finish();

    Database &m_db;
    bool m_active = false;
    QString m_error;
};
