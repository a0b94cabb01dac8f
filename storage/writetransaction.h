#pragma once

#include "result.h"

class Database;

// A write transaction begun with BEGIN IMMEDIATE, so the write lock is taken up front and a
// busy database fails at the start rather than half-way. Rolls back unless commit() succeeded.
class WriteTransaction
{
public:
    explicit WriteTransaction(Database &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    // False when BEGIN failed (see error()); nothing may be written then.
    bool isActive() const { return m_active; }
    const QString &error() const { return m_error; }

    [[nodiscard]] Status commit();
    void rollback();

private:
    Database &m_db;
    bool m_active = false;
    QString m_error;
};
