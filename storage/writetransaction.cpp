#include "writetransaction.h"

#include "database.h"
#include "logging.h"

WriteTransaction::WriteTransaction(Database &db)
    : m_db(db)
{
    if (m_db.m_inTransaction) {
        m_error = QStringLiteral("a write transaction is already open on this connection");
        return;
    }
    if (Status s = m_db.execPrepared(QStringLiteral("BEGIN IMMEDIATE")); !s) {
        m_error = s.error();
        return;
    }
    m_active = true;
    m_db.m_inTransaction = true;
}

WriteTransaction::~WriteTransaction()
{
    rollback();
}

Status WriteTransaction::commit()
{
    if (!m_active)
        return Status::failure(m_error.isEmpty() ? QStringLiteral("transaction is not active")
                                                 : m_error);
    if (Status s = m_db.execPrepared(QStringLiteral("COMMIT")); !s) {
        rollback();
        return s;
    }
    m_active = false;
    m_db.m_inTransaction = false;
    for (const auto &hook : m_db.m_commitHooks)
        hook.second();
    return {};
}

void WriteTransaction::rollback()
{
    if (!m_active)
        return;
    if (Status s = m_db.execPrepared(QStringLiteral("ROLLBACK")); !s)
        qCWarning(lcStorage) << "rollback failed:" << s.error();
    m_active = false;
    m_db.m_inTransaction = false;
}
