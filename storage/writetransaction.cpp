#include "writetransaction.h"

#include "database.h"
#include "storagelog.h"

WriteTransaction::WriteTransaction(Database &db, Durability durability)
    : m_db(db)
{
    if (m_db.m_inTransaction) {
        m_error = QStringLiteral("a write transaction is already open on this connection");
        return;
    }
    const bool relaxed = durability == Durability::Deferred;
    if (Status s = m_db.relaxSync(relaxed); !s) {
        if (!relaxed) { // never commit what only this lane holds without its fsync
            m_error = QStringLiteral("cannot restore synchronous mode: ") + s.error();
            return;
        }
        qCWarning(lcStorage) << "commit stays synchronous:" << s.error();
    }
    if (Status s = m_db.execPrepared(QStringLiteral("BEGIN IMMEDIATE")); !s) {
        m_error = s.error();
        return;
    }
    m_active = true;
    m_db.m_inTransaction = true;
    m_db.m_deferredTx = relaxed;
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
    finish();
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
    finish();
}

void WriteTransaction::finish()
{
    m_active = false;
    m_db.m_inTransaction = false;
    m_db.m_deferredTx = false;
    // Back to the configured mode at once: writes outside a WriteTransaction get it too. If
    // that fails the next OnCommit transaction tries again before it begins.
    if (Status s = m_db.relaxSync(false); !s)
        qCWarning(lcStorage) << "cannot restore synchronous mode:" << s.error();
}
