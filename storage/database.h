#pragma once

#include "result.h"
#include "sqlstatement.h"
#include "walcheckpointer.h"
#include "walsyncer.h"

#include <QList>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

// The lane's SQLite database: one connection with the lane's pragmas, its migrated schema and a
// cache of prepared statements for the hot paths.
class Database
{
public:
    enum class Synchronous { Full, Normal };

    struct Options
    {
        QString path; // file path; ":memory:" for a private in-memory database
        Synchronous synchronous = Synchronous::Full;
        int busyTimeoutMs = 5000;
        int targetVersion = -1;             // schema version to migrate to; -1 = latest
        bool backgroundCheckpoints = false; // see WalCheckpointer (the lane turns it on)
        // With synchronous FULL and background checkpoints: commits are synced by a WalSyncer
        // thread instead of inside COMMIT (the lane turns it on; see whenDurable).
        bool backgroundSync = false;
        WalCheckpointer::Options checkpoints{};
    };

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) and migrates; on failure the database stays closed.
    [[nodiscard]] Status open(const Options &options);
    void close();
    bool isOpen() const;

    QSqlDatabase &connection() { return m_db; }
    const QString &path() const { return m_path; }
    int schemaVersion();

    // The same statement through the native SQLite API on this connection (see SqlStatement),
    // for the statements every sale runs.
    [[nodiscard]] Result<SqlStatement *> statement(const QString &sql);
    // The typed query helpers: the statement is prepared once and cached, args bind to its
    // parameters 1, 2, ... in order (QString, QByteArray as UTF-8, qint64/int, bool, nullptr
    // for NULL, SqlOptional for NULL-if-empty), and failures come back as values naming the SQL.
    //
    // Runs a statement that returns no rows.
    template <typename... Args> [[nodiscard]] Status run(const QString &sql, const Args &...args)
    {
        auto q = statement(sql);
        if (!q)
            return Status::failure(q.error());
        return (*q)->bindAll(args...).exec();
    }
    // Runs a statement whose first row's first column is an integer (INSERT ... RETURNING).
    template <typename... Args>
    [[nodiscard]] Result<qint64> runReturningInt(const QString &sql, const Args &...args)
    {
        auto q = statement(sql);
        if (!q)
            return Result<qint64>::failure(q.error());
        return (*q)->bindAll(args...).execReturningInt();
    }
    // Calls each(row) for every row; each may return false to stop early.
    template <typename Each, typename... Args>
    [[nodiscard]] Status forEach(const QString &sql, Each each, const Args &...args)
    {
        auto q = statement(sql);
        if (!q)
            return Status::failure(q.error());
        SqlStatement &st = (*q)->bindAll(args...);
        const SqlRow row(st);
        while (st.next()) {
            if constexpr (std::is_same_v<decltype(each(row)), bool>) {
                if (!each(row)) {
                    st.finish();
                    return {};
                }
            } else {
                each(row);
            }
        }
        if (!st.error().isEmpty())
            return Status::failure(st.error());
        return {};
    }
    // Every row, each made into a value by read(row).
    template <typename Read, typename... Args>
    [[nodiscard]] auto rows(const QString &sql, Read read, const Args &...args)
        -> Result<QList<std::decay_t<decltype(read(std::declval<const SqlRow &>()))>>>
    {
        using T = std::decay_t<decltype(read(std::declval<const SqlRow &>()))>;
        QList<T> out;
        if (Status s = forEach(
                sql, [&](const SqlRow &row) { out.append(read(row)); }, args...);
            !s)
            return Result<QList<T>>::failure(s.error());
        return out;
    }
    // The first row made into a value by read(row), or nullopt when there is none.
    template <typename Read, typename... Args>
    [[nodiscard]] auto row(const QString &sql, Read read, const Args &...args)
        -> Result<std::optional<std::decay_t<decltype(read(std::declval<const SqlRow &>()))>>>
    {
        using T = std::decay_t<decltype(read(std::declval<const SqlRow &>()))>;
        std::optional<T> out;
        if (Status s = forEach(
                sql,
                [&](const SqlRow &r) {
                    out = read(r);
                    return false;
                },
                args...);
            !s)
            return Result<std::optional<T>>::failure(s.error());
        return out;
    }
    // The first row's first column as an integer (NULL or no row: nullopt).
    template <typename... Args>
    [[nodiscard]] Result<std::optional<qint64>> integer(const QString &sql, const Args &...args)
    {
        return firstColumn(
            sql, [](const SqlRow &x) { return x.integer(0); }, args...);
    }
    // The first row's first column as an integer, 0 when it is NULL or there is no row (counts,
    // MAX/MIN of an empty set).
    template <typename... Args>
    [[nodiscard]] Result<qint64> integerOrZero(const QString &sql, const Args &...args)
    {
        auto v = integer(sql, args...);
        if (!v)
            return Result<qint64>::failure(v.error());
        return v->value_or(0);
    }
    // The first row's first column as text (NULL or no row: nullopt).
    template <typename... Args>
    [[nodiscard]] Result<std::optional<QString>> text(const QString &sql, const Args &...args)
    {
        return firstColumn(
            sql, [](const SqlRow &x) { return x.text(0); }, args...);
    }

    // Executes a statement that needs no binding.
    [[nodiscard]] Status exec(const QString &sql);
    // The same through the statement cache, for statements run on every write (BEGIN, COMMIT).
    [[nodiscard]] Status execPrepared(const QString &sql);
    // A single integer or text value from a query without parameters.
    [[nodiscard]] Result<QVariant> scalar(const QString &sql);

    bool inTransaction() const { return m_inTransaction; }
    // The background checkpointer, when Options::backgroundCheckpoints started one.
    const WalCheckpointer *checkpointer() const { return m_checkpointer.get(); }
    // Hooks called after every committed write transaction (peer and cloud sync wake up on
    // it), registered under an owner that removes them when it goes. A hook must not add or
    // remove hooks.
    void addCommitHook(const void *owner, std::function<void()> hook)
    {
        m_commitHooks.emplace_back(owner, std::move(hook));
    }
    void removeCommitHooks(const void *owner)
    {
        m_commitHooks.erase(std::remove_if(m_commitHooks.begin(), m_commitHooks.end(),
                                           [owner](const auto &h) { return h.first == owner; }),
                            m_commitHooks.end());
    }

    // Durability. Without a background sync (Options::backgroundSync) a commit under
    // synchronous FULL is on disk when COMMIT returns. With it, the connection runs NORMAL:
    // COMMIT writes the WAL without syncing its frames (a killed process loses nothing: the data
    // is in the operating system's cache) and the WalSyncer thread syncs it, one sync for every
    // commit written before it began (group commit), so the thread that commits never waits for the
    // disk. Every commit counts (a WriteTransaction, or a statement outside one) except a Deferred
    // transaction's.
    //
    // Calls done on this thread once every commit made so far is on disk: at once when none
    // waits, otherwise after the sync that covers them (done's status says if it failed). A
    // sale is "complete" and what only this lane holds leaves it (peer frames) only then.
    // Nothing is called once context is gone.
    void whenDurable(const QObject *context, std::function<void(const Status &)> done);
    // Commits counted so far, and how many of them are on disk (all of them when nothing
    // syncs in the background).
    qint64 committedGeneration() const { return m_committed; }
    qint64 durableGeneration() const { return m_syncer ? m_durable : m_committed; }
    bool allDurable() const
    {
        return m_syncFailure.isEmpty() && durableGeneration() >= m_committed;
    }
    // Why nothing is confirmed on disk any more (a sync failed), or empty.
    const QString &syncFailure() const { return m_syncFailure; }
    // The background syncer, when Options::backgroundSync started one.
    const WalSyncer *syncer() const { return m_syncer.get(); }

    // Next value of a named monotonic counter (receipt numbers, outbox sequence); call inside
    // a write transaction so the number and what uses it commit together.
    [[nodiscard]] Result<qint64> nextCounter(const QString &name);
    // Small key/value facts about this lane's database (catalog loaded, ...).
    [[nodiscard]] Result<QString> meta(const QString &key);
    [[nodiscard]] Status setMeta(const QString &key, const QString &value);

    static QString synchronousName(Synchronous s);
    static std::optional<Synchronous> parseSynchronous(const QString &name);

private:
    template <typename Read, typename... Args>
    auto firstColumn(const QString &sql, Read read, const Args &...args)
        -> Result<std::optional<decltype(read(std::declval<const SqlRow &>()))>>
    {
        using T = decltype(read(std::declval<const SqlRow &>()));
        using R = Result<std::optional<T>>;
        auto r = row(
            sql,
            [&](const SqlRow &x) {
                return x.isNull(0) ? std::optional<T>() : std::optional<T>(read(x));
            },
            args...);
        if (!r)
            return R::failure(r.error());
        return r->value_or(std::nullopt);
    }

    friend class WriteTransaction;
    // Sets the connection's synchronous mode to NORMAL (relaxed) or back to the configured one;
    // outside a transaction only (SQLite refuses it inside one).
    [[nodiscard]] Status relaxSync(bool relaxed);
    // From SQLite's WAL hook, after every commit on this connection.
    void walCommitted(const char *name, int frames);
    void onSynced(qint64 generation, const QString &error);

    struct DurableWaiter
    {
        qint64 generation;
        QPointer<const QObject> context;
        std::function<void(const Status &)> done;
    };

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_path;
    bool m_inTransaction = false;
    Synchronous m_synchronous = Synchronous::Full;
    bool m_syncRelaxed = false; // the connection runs NORMAL although FULL is configured
    std::unordered_map<QString, std::unique_ptr<SqlStatement>> m_native;
    sqlite3 *m_handle = nullptr;
    std::vector<std::pair<const void *, std::function<void()>>> m_commitHooks;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::unique_ptr<WalSyncer> m_syncer;
    qint64 m_committed = 0;
    qint64 m_durable = 0;
    QString m_syncFailure;     // a sync failed: nothing is confirmed on disk any more
    bool m_deferredTx = false; // a Deferred WriteTransaction is open: its commit is not counted
    std::vector<DurableWaiter> m_waiters;
};
