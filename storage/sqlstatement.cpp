#include "sqlstatement.h"

#include <sqlite3.h>

SqlStatement::SqlStatement(sqlite3 *db, sqlite3_stmt *stmt, QString sql)
    : m_db(db)
    , m_stmt(stmt)
    , m_sql(std::move(sql))
{
}

SqlStatement::~SqlStatement()
{
    sqlite3_finalize(m_stmt);
}

SqlStatement &SqlStatement::bind(int index, const QString &text)
{
    // UTF-16 in host order, not copied: SQLITE_STATIC (the caller keeps the string alive).
    const int rc =
        sqlite3_bind_text16(m_stmt, index, text.utf16(), int(text.size() * 2), SQLITE_STATIC);
    if (rc != SQLITE_OK && m_bindError == SQLITE_OK)
        m_bindError = rc;
    return *this;
}

SqlStatement &SqlStatement::bindOptional(int index, const QString &text)
{
    return text.isEmpty() ? bindNull(index) : bind(index, text);
}

SqlStatement &SqlStatement::bind(int index, const QByteArray &utf8)
{
    const int rc =
        sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK && m_bindError == SQLITE_OK)
        m_bindError = rc;
    return *this;
}

SqlStatement &SqlStatement::bindBlob(int index, const QByteArray &bytes)
{
    const int rc =
        sqlite3_bind_blob(m_stmt, index, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK && m_bindError == SQLITE_OK)
        m_bindError = rc;
    return *this;
}

SqlStatement &SqlStatement::bind(int index, qint64 value)
{
    const int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK && m_bindError == SQLITE_OK)
        m_bindError = rc;
    return *this;
}

SqlStatement &SqlStatement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK && m_bindError == SQLITE_OK)
        m_bindError = rc;
    return *this;
}

void SqlStatement::done()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt); // never leave pointers to the caller's strings behind
    m_bindError = SQLITE_OK;
}

Status SqlStatement::failure(int rc)
{
    const QString message = QStringLiteral("SQL failed [%1]: %2 (%3)")
                                .arg(m_sql, QString::fromUtf8(sqlite3_errmsg(m_db)),
                                     QString::fromUtf8(sqlite3_errstr(rc)));
    done();
    return Status::failure(message);
}

Status SqlStatement::exec()
{
    if (m_bindError != SQLITE_OK)
        return failure(m_bindError);
    int rc = sqlite3_step(m_stmt);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(m_stmt);
    if (rc != SQLITE_DONE)
        return failure(rc);
    done();
    return {};
}

Result<qint64> SqlStatement::execReturningInt()
{
    using R = Result<qint64>;
    if (m_bindError != SQLITE_OK)
        return R::failure(failure(m_bindError).error());
    int rc = sqlite3_step(m_stmt);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE) {
            done();
            return R::failure(QStringLiteral("SQL returned no row [%1]").arg(m_sql));
        }
        return R::failure(failure(rc).error());
    }
    const qint64 value = sqlite3_column_int64(m_stmt, 0);
    // Step to the end: a RETURNING statement completes its writes only then.
    do {
        rc = sqlite3_step(m_stmt);
    } while (rc == SQLITE_ROW);
    if (rc != SQLITE_DONE)
        return R::failure(failure(rc).error());
    done();
    return value;
}

bool SqlStatement::next()
{
    m_error.clear();
    if (m_bindError != SQLITE_OK) {
        m_error = failure(m_bindError).error();
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = failure(rc).error();
    else
        done();
    return false;
}

qint64 SqlStatement::columnInt(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

bool SqlStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

QString SqlStatement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char16_t *>(sqlite3_column_text16(m_stmt, column));
    const int bytes = sqlite3_column_bytes16(m_stmt, column);
    return text ? QString(reinterpret_cast<const QChar *>(text), bytes / 2) : QString();
}

QByteArrayView SqlStatement::columnUtf8(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(m_stmt, column)) : QByteArrayView();
}

QByteArrayView SqlStatement::columnBlob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return data ? QByteArrayView(data, sqlite3_column_bytes(m_stmt, column)) : QByteArrayView();
}
