#include "database.h"

#include "migrations.h"
#include "storagelog.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>

#include <iterator>

#include <sqlite3.h>

namespace {
QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("lane-db-%1").arg(counter.fetchAndAddRelaxed(1));
}

struct FinalizeStatement
{
    void operator()(sqlite3_stmt *stmt) const { sqlite3_finalize(stmt); }
};

// Runs SQL its caller composed (DDL, pragmas, a test's query) once, without caching it: one
// statement, as QSqlQuery::exec took. readFirstRow(stmt) sees the first row if there is one;
// toEnd steps through the rest (exec), else the statement ends after the first row (scalar).
template <typename Read>
Status runOnce(sqlite3 *db, const QString &sql, bool toEnd, Read readFirstRow)
{
    const auto fail = [&sql](const QString &why) {
        return Status::failure(QStringLiteral("SQL failed [%1]: %2").arg(sql, why));
    };
    if (!db)
        return fail(QStringLiteral("database is not open"));
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *prepared = nullptr;
    const char *tail = nullptr;
    int rc = sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &prepared, &tail);
    const std::unique_ptr<sqlite3_stmt, FinalizeStatement> stmt(prepared);
    if (rc != SQLITE_OK)
        return fail(QString::fromUtf8(sqlite3_errmsg(db)));
    if (!stmt)
        return fail(QStringLiteral("no statement"));
    if (tail && !QByteArrayView(tail, utf8.constData() + utf8.size()).trimmed().isEmpty())
        return fail(QStringLiteral("cannot execute multiple statements at a time"));
    rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_ROW) {
        readFirstRow(stmt.get());
        if (toEnd) {
            do {
                rc = sqlite3_step(stmt.get());
            } while (rc == SQLITE_ROW);
        } else {
            rc = SQLITE_DONE;
        }
    }
    if (rc != SQLITE_DONE)
        return fail(QStringLiteral("%1 (%2)").arg(QString::fromUtf8(sqlite3_errmsg(db)),
                                                  QString::fromUtf8(sqlite3_errstr(rc))));
    return {};
}

// A column as QSqlQuery::value() gave it (QSQLITE): integer → qint64, real → double, text →
// QString, blob → QByteArray, NULL → a null QString variant.
QVariant columnValue(sqlite3_stmt *stmt, int column)
{
    if (column >= sqlite3_column_count(stmt))
        return QVariant();
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(stmt, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(stmt, column));
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char *>(sqlite3_column_blob(stmt, column)),
                                   sqlite3_column_bytes(stmt, column)));
    default:
        return QVariant(
            QString(reinterpret_cast<const QChar *>(sqlite3_column_text16(stmt, column)),
                    sqlite3_column_bytes16(stmt, column) / qsizetype(sizeof(QChar))));
    }
}
} // namespace

Database::Database() = default;

Database::~Database()
{
    close();
}

Status Database::open(const Options &options)
{
    close();
    m_path = options.path;
    m_synchronous = options.synchronous;
    m_syncRelaxed = false;
    if (m_path != QLatin1String(":memory:")) {
        const QFileInfo info(m_path);
        if (!QDir().mkpath(info.absolutePath()))
            return Status::failure(
                QStringLiteral("cannot create directory %1").arg(info.absolutePath()));
    }
    m_connectionName = nextConnectionName();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
    if (!m_db.open()) {
        const QString err = m_db.lastError().text();
        close();
        return Status::failure(QStringLiteral("cannot open database %1: %2").arg(m_path, err));
    }

    // The native handle of the connection QSQLITE opened. Only valid to use when the driver
    // runs the very SQLite library this program links (Debian's Qt uses the system one).
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0 ||
        !(m_handle = *static_cast<sqlite3 *const *>(handle.constData()))) {
        close();
        return Status::failure(QStringLiteral("the QSQLITE driver gave no native handle"));
    }
    auto driverSource = scalar(QStringLiteral("SELECT sqlite_source_id()"));
    if (!driverSource || driverSource->toString() != QLatin1String(sqlite3_sourceid())) {
        const QString got = driverSource ? driverSource->toString() : driverSource.error();
        close();
        return Status::failure(QStringLiteral("the Qt SQLite driver runs SQLite %1 but the lane "
                                              "was built against %2; rebuild against the same "
                                              "library")
                                   .arg(got, QLatin1String(sqlite3_sourceid())));
    }

    auto journal = scalar(QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!journal) {
        close();
        return Status::failure(journal.error());
    }
    if (m_path != QLatin1String(":memory:") &&
        journal->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        close();
        return Status::failure(QStringLiteral("database %1 cannot use WAL journal mode (got %2)")
                                   .arg(m_path, journal->toString()));
    }
    for (const QString &pragma :
         {QStringLiteral("PRAGMA synchronous=%1").arg(synchronousName(options.synchronous)),
          QStringLiteral("PRAGMA foreign_keys=ON"),
          // 32 MiB of page cache: batches of peer messages touch many pages (random UUID keys)
          // and must not spill to the WAL halfway through a transaction.
          QStringLiteral("PRAGMA cache_size=-32768"),
          // Savepoints (one per received message) keep their sub-journal in memory instead of
          // a temporary file that every page change inside the savepoint is written to.
          QStringLiteral("PRAGMA temp_store=MEMORY"),
          QStringLiteral("PRAGMA busy_timeout=%1").arg(options.busyTimeoutMs)}) {
        if (Status s = exec(pragma); !s) {
            close();
            return s;
        }
    }

    if (options.backgroundCheckpoints && m_path != QLatin1String(":memory:")) {
        auto checkpointer = std::make_unique<WalCheckpointer>(m_path, options.checkpoints);
        if (Status s = checkpointer->start(); !s) {
            qCWarning(lcStorage).noquote()
                << "background checkpoints off, SQLite checkpoints in commits:" << s.error();
        } else {
            // Replaces SQLite's automatic checkpoint (which is a WAL hook too).
            m_checkpointer = std::move(checkpointer);
            sqlite3_wal_hook(
                m_handle,
                [](void *owner, sqlite3 *, const char *name, int frames) {
                    static_cast<Database *>(owner)->walCommitted(name, frames);
                    return SQLITE_OK;
                },
                this);
        }
    }

    Migrations migrations;
    const int target =
        options.targetVersion < 0 ? Migrations::latestVersion() : options.targetVersion;
    if (Status s = migrations.migrate(*this, target); !s) {
        close();
        return s;
    }
    // Migrated under the configured mode; from now on commits may be synced in the background.
    if (options.backgroundSync && m_checkpointer && m_synchronous == Synchronous::Full) {
        auto syncer = std::make_unique<WalSyncer>(m_path);
        if (Status s = syncer->start(); !s) {
            qCWarning(lcStorage).noquote()
                << "background sync off, commits sync in COMMIT:" << s.error();
        } else if (Status normal = exec(QStringLiteral("PRAGMA synchronous=NORMAL")); !normal) {
            qCWarning(lcStorage).noquote()
                << "background sync off, commits sync in COMMIT:" << normal.error();
        } else {
            // NORMAL: a commit does not sync its frames (the syncer does), but the first commit
            // after the WAL starts over still syncs the new WAL header before it overwrites old
            // frames, and this connection's checkpoints sync the WAL before they copy it and the
            // database file after: what keeps the file whole through a power cut (an older frame
            // replayed over a newer page would corrupt it); only the last commits may be lost,
            // and nobody was told they were on disk.
            m_syncer = std::move(syncer);
            QObject::connect(
                m_syncer.get(), &WalSyncer::synced, m_syncer.get(),
                [this](qint64 generation, const QString &error) { onSynced(generation, error); });
        }
    }
    qCDebug(lcStorage) << "opened" << m_path << "schema version" << schemaVersion()
                       << (m_syncer ? "commits synced in the background" : "");
    return {};
}

void Database::walCommitted(const char *name, int frames)
{
    if (m_syncer && !m_deferredTx)
        m_syncer->request(++m_committed);
    if (m_checkpointer && m_checkpointer->committed(frames))
        (void)sqlite3_wal_checkpoint_v2(m_handle, name, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                        nullptr);
}

void Database::whenDurable(const QObject *context, std::function<void(const Status &)> done)
{
    if (!m_syncFailure.isEmpty()) {
        done(Status::failure(m_syncFailure));
        return;
    }
    if (allDurable()) {
        done(Status{});
        return;
    }
    m_waiters.push_back({m_committed, context, std::move(done)});
}

void Database::onSynced(qint64 generation, const QString &error)
{
    std::vector<DurableWaiter> ready;
    if (!error.isEmpty()) {
        // A failed fsync cannot be retried: Linux may have dropped the pages it could not write
        // and the next sync succeeds without them. Nothing counts as on disk from now on; every
        // waiter, and whoever asks later, hears of it (the lane stops selling and sending).
        if (m_syncFailure.isEmpty())
            qCCritical(lcStorage).noquote()
                << error << "- nothing is confirmed on disk from now on; restart the lane";
        m_syncFailure = error;
        ready.swap(m_waiters);
    } else {
        m_durable = std::max(m_durable, generation);
        // Those the sync covers, in the order they asked; a callback may ask again.
        auto split = std::stable_partition(
            m_waiters.begin(), m_waiters.end(),
            [generation](const DurableWaiter &w) { return w.generation > generation; });
        std::move(split, m_waiters.end(), std::back_inserter(ready));
        m_waiters.erase(split, m_waiters.end());
    }
    const Status status = m_syncFailure.isEmpty() ? Status{} : Status::failure(m_syncFailure);
    for (DurableWaiter &w : ready)
        if (w.context)
            w.done(status);
}

void Database::close()
{
    if (m_handle && m_checkpointer)
        sqlite3_wal_hook(m_handle, nullptr, nullptr);
    m_checkpointer.reset(); // stops its thread before the file goes away
    m_syncer.reset();       // syncs what was committed, then stops its thread
    // A database is not reopened while something waits on it (the lane closes it last).
    m_waiters.clear();
    m_committed = m_durable = 0;
    m_syncFailure.clear();
    m_deferredTx = false;
    m_native.clear(); // finalized before the connection closes
    m_handle = nullptr;
    if (m_connectionName.isEmpty())
        return;
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_inTransaction = false;
}

bool Database::isOpen() const
{
    return m_db.isOpen();
}

int Database::schemaVersion()
{
    auto v = scalar(QStringLiteral("PRAGMA user_version"));
    return v ? v->toInt() : -1;
}

Status Database::exec(const QString &sql)
{
    return runOnce(m_handle, sql, true, [](sqlite3_stmt *) {});
}

Result<SqlStatement *> Database::statement(const QString &sql)
{
    using R = Result<SqlStatement *>;
    auto it = m_native.find(sql);
    if (it != m_native.end())
        return it->second.get();
    if (!m_handle)
        return R::failure(QStringLiteral("database is not open"));
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_prepare_v3(m_handle, utf8.constData(), int(utf8.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return R::failure(QStringLiteral("cannot prepare [%1]: %2")
                              .arg(sql, QString::fromUtf8(sqlite3_errmsg(m_handle))));
    }
    auto owned = std::make_unique<SqlStatement>(m_handle, stmt, sql);
    SqlStatement *raw = owned.get();
    m_native.emplace(sql, std::move(owned));
    return raw;
}

Status Database::execPrepared(const QString &sql)
{
    auto q = statement(sql);
    if (!q)
        return Status::failure(q.error());
    return (*q)->exec();
}

Status Database::relaxSync(bool relaxed)
{
    if (m_synchronous != Synchronous::Full || m_syncer || relaxed == m_syncRelaxed)
        return {};
    if (Status s = execPrepared(relaxed ? QStringLiteral("PRAGMA synchronous=NORMAL")
                                        : QStringLiteral("PRAGMA synchronous=FULL"));
        !s)
        return s;
    m_syncRelaxed = relaxed;
    return {};
}

Result<QVariant> Database::scalar(const QString &sql)
{
    QVariant value; // no row: invalid
    if (Status s = runOnce(m_handle, sql, false,
                           [&value](sqlite3_stmt *stmt) { value = columnValue(stmt, 0); });
        !s)
        return Result<QVariant>::failure(s.error());
    return value;
}

Result<qint64> Database::nextCounter(const QString &name)
{
    auto q = statement(
        QStringLiteral("INSERT INTO counters(name, value) VALUES (?, 1) "
                       "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value"));
    if (!q)
        return Result<qint64>::failure(q.error());
    return (*q)->bind(1, name).execReturningInt();
}

Result<QString> Database::meta(const QString &key)
{
    auto value = text(QStringLiteral("SELECT value FROM lane_meta WHERE key = ?"), key);
    if (!value)
        return Result<QString>::failure(value.error());
    return value->value_or(QString());
}

Status Database::setMeta(const QString &key, const QString &value)
{
    return run(QStringLiteral("INSERT INTO lane_meta(key, value) VALUES (?, ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
               key, value);
}

QString Database::synchronousName(Synchronous s)
{
    return s == Synchronous::Full ? QStringLiteral("FULL") : QStringLiteral("NORMAL");
}

std::optional<Database::Synchronous> Database::parseSynchronous(const QString &name)
{
    if (name.compare(QLatin1String("FULL"), Qt::CaseInsensitive) == 0)
        return Synchronous::Full;
    if (name.compare(QLatin1String("NORMAL"), Qt::CaseInsensitive) == 0)
        return Synchronous::Normal;
    return std::nullopt;
}
