#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

// A statement prepared once on the lane's connection through the native SQLite API (the handle
// QSQLITE opened), for the statements every sale runs. QSqlQuery binds each value through a
// QVariant and a placeholder name built per call; on the commit path that costs more than the
// SQL itself (see bench/commit_bench).
//
// Usage: bind every parameter (1-based, as in SQL), then exec() or execReturning(). Bound text
// is not copied: the strings must live until exec returns. exec resets the statement and clears
// its bindings, also on failure.
class SqlStatement
{
public:
    SqlStatement(sqlite3 *db, sqlite3_stmt *stmt, QString sql);
    ~SqlStatement();
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    SqlStatement &bind(int index, const QString &text);
    // NULL for an empty string: optional text columns.
    SqlStatement &bindOptional(int index, const QString &text);
    SqlStatement &bind(int index, const QByteArray &utf8);
    SqlStatement &bind(int index, qint64 value);
    SqlStatement &bind(int index, int value) { return bind(index, qint64(value)); }
    SqlStatement &bind(int index, bool value) { return bind(index, qint64(value ? 1 : 0)); }
    SqlStatement &bind(int index, std::nullptr_t) { return bindNull(index); }
    SqlStatement &bindNull(int index);
    // Bytes as a BLOB (the QByteArray overload binds UTF-8 text).
    SqlStatement &bindBlob(int index, const QByteArray &bytes);
    // Binds args to parameters 1, 2, ... in order (see SqlOptional for NULL-if-empty text).
    template <typename... Args> SqlStatement &bindAll(const Args &...args)
    {
        int index = 0;
        (bindOne(++index, args), ...);
        return *this;
    }

    // Runs a statement that returns no rows.
    [[nodiscard]] Status exec();
    // Runs a statement whose first row's first column is an integer (INSERT ... RETURNING).
    [[nodiscard]] Result<qint64> execReturningInt();

    // Runs a query row by row: call next() until it returns false (then error() tells whether
    // the query failed); the statement is reset when it ends or fails. Columns are 0-based.
    [[nodiscard]] bool next();
    [[nodiscard]] const QString &error() const { return m_error; }
    qint64 columnInt(int column) const;
    bool columnIsNull(int column) const;
    QString columnText(int column) const;
    // The column's UTF-8 bytes, valid until the next step.
    QByteArrayView columnUtf8(int column) const;
    // A BLOB column's bytes, valid until the next step.
    QByteArrayView columnBlob(int column) const;
    // Ends a row-by-row query early.
    void finish() { done(); }

    const QString &sql() const { return m_sql; }

private:
    template <typename T> void bindOne(int index, const T &value) { bind(index, value); }
    Status failure(int rc);
    void done();

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt;
    QString m_sql;
    int m_bindError = 0;
    QString m_error;
};

// Text bound as SQL NULL when empty, for optional text columns: db.run(sql, SqlOptional{s}).
struct SqlOptional
{
    const QString &text;
};
template <> inline void SqlStatement::bindOne(int index, const SqlOptional &value)
{
    bindOptional(index, value.text);
}
// An integer bound as SQL NULL when absent, for optional integer columns.
template <> inline void SqlStatement::bindOne(int index, const std::optional<qint64> &value)
{
    if (value)
        bind(index, *value);
    else
        bindNull(index);
}

// Bytes bound as a BLOB: db.run(sql, SqlBlob{bytes}).
struct SqlBlob
{
    const QByteArray &bytes;
};
template <> inline void SqlStatement::bindOne(int index, const SqlBlob &value)
{
    bindBlob(index, value.bytes);
}

// The current row of a query, read by column (0-based); only valid while the row is.
class SqlRow
{
public:
    explicit SqlRow(const SqlStatement &statement)
        : m_statement(statement)
    {
    }
    qint64 integer(int column) const { return m_statement.columnInt(column); }
    QString text(int column) const { return m_statement.columnText(column); }
    QByteArray utf8(int column) const { return m_statement.columnUtf8(column).toByteArray(); }
    // The column's UTF-8 bytes without a copy, valid until the next row.
    QByteArrayView utf8View(int column) const { return m_statement.columnUtf8(column); }
    bool isNull(int column) const { return m_statement.columnIsNull(column); }
    QByteArray blob(int column) const { return m_statement.columnBlob(column).toByteArray(); }

private:
    const SqlStatement &m_statement;
};
