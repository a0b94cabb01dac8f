#include "databasebackup.h"

#include "storagelog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

using R = Result<DatabaseBackup::Summary>;

QString sqliteError(sqlite3 *db, int rc)
{
    const QString text =
        db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
    if ((rc & 0xff) == SQLITE_FULL)
        return QStringLiteral("disk full (%1)").arg(text);
    return text;
}

// Closes a connection when it goes out of scope.
struct Connection
{
    sqlite3 *db = nullptr;
    ~Connection() { sqlite3_close_v2(db); }
};

// One integer from a statement, or nullopt with *error set.
std::optional<qint64> integer(sqlite3 *db, const char *sql, QString *error,
                              const QByteArray &bind = {})
{
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        *error = sqliteError(db, rc);
        return std::nullopt;
    }
    if (!bind.isNull())
        sqlite3_bind_text(stmt, 1, bind.constData(), int(bind.size()), SQLITE_TRANSIENT);
    std::optional<qint64> value;
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    else if (rc == SQLITE_DONE)
        value = 0;
    else
        *error = sqliteError(db, rc);
    sqlite3_finalize(stmt);
    return value;
}

bool fsyncPath(const QString &path, int flags, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        *error =
            QStringLiteral("cannot sync %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    ::close(fd);
    return true;
}

void removeTemporary(const QString &tmp)
{
    QFile::remove(tmp);
    QFile::remove(tmp + QStringLiteral("-journal"));
    QFile::remove(tmp + QStringLiteral("-wal"));
    QFile::remove(tmp + QStringLiteral("-shm"));
}

// Pages per backup step: a few MB at a time.
constexpr int PagesPerStep = 1024;

} // namespace

R DatabaseBackup::copy(const QString &source, const QString &target, const QString &terminalId)
{
    if (!QFileInfo(source).isFile())
        return R::failure(
            QStringLiteral("no database at %1 (check --terminal-id, --data-dir or --config)")
                .arg(source));
    const QFileInfo targetInfo(target);
    if (targetInfo.exists() || targetInfo.isSymLink())
        return R::failure(
            QStringLiteral("%1 exists: a backup never overwrites a file (remove it or name "
                           "another)")
                .arg(target));
    const QString dir = targetInfo.absolutePath();
    if (!QFileInfo(dir).isDir())
        return R::failure(QStringLiteral("no directory %1 for the backup").arg(dir));
    const QString tmp = QDir(dir).filePath(QStringLiteral(".%1.partial-%2")
                                               .arg(targetInfo.fileName())
                                               .arg(QCoreApplication::applicationPid()));
    removeTemporary(tmp);

    // The source: read only through this connection (query_only), never created.
    Connection src;
    int rc = sqlite3_open_v2(QFile::encodeName(source).constData(), &src.db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
        return R::failure(
            QStringLiteral("cannot open %1: %2").arg(source, sqliteError(src.db, rc)));
    sqlite3_busy_timeout(src.db, 5000);
    sqlite3_exec(src.db, "PRAGMA query_only=1", nullptr, nullptr, nullptr);
    // With the lane stopped this is the last connection: closing it must not checkpoint the
    // lane's WAL into its database (and delete the WAL) behind its back.
    sqlite3_db_config(src.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);

    // The copy holds PIN hashes and customers: readable by its owner only (SQLite gives its
    // journal the same mode).
    if (const int fd = ::open(QFile::encodeName(tmp).constData(),
                              O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
        fd < 0)
        return R::failure(QStringLiteral("cannot write a backup in %1: %2")
                              .arg(dir, QString::fromLocal8Bit(std::strerror(errno))));
    else
        ::close(fd);
    Connection dst;
    rc = sqlite3_open_v2(QFile::encodeName(tmp).constData(), &dst.db,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    const auto fail = [&](const QString &why) {
        sqlite3_close_v2(dst.db);
        dst.db = nullptr;
        removeTemporary(tmp);
        return R::failure(why);
    };
    if (rc != SQLITE_OK)
        return fail(
            QStringLiteral("cannot write a backup in %1: %2").arg(dir, sqliteError(dst.db, rc)));

    // One read transaction over all the steps: every step reads the same snapshot, so a writer
    // in the lane never restarts the copy, and in WAL mode a reader blocks no writer.
    for (int attempt = 0;; ++attempt) {
        rc = sqlite3_exec(src.db, "BEGIN; SELECT count(*) FROM sqlite_schema;", nullptr, nullptr,
                          nullptr);
        if (rc == SQLITE_OK)
            break;
        sqlite3_exec(src.db, "ROLLBACK", nullptr, nullptr, nullptr);
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            return fail(QStringLiteral("cannot read %1: %2").arg(source, sqliteError(src.db, rc)));
        if (attempt >= 100)
            return fail(
                QStringLiteral("%1 stayed locked: %2").arg(source, sqliteError(src.db, rc)));
        sqlite3_sleep(100);
    }
    sqlite3_backup *backup = sqlite3_backup_init(dst.db, "main", src.db, "main");
    if (!backup) {
        sqlite3_exec(src.db, "ROLLBACK", nullptr, nullptr, nullptr);
        return fail(QStringLiteral("cannot start the backup: %1").arg(sqliteError(dst.db, 0)));
    }
    int busy = 0;
    do {
        rc = sqlite3_backup_step(backup, PagesPerStep);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            // As the API documents: wait, then step again (it takes up where it stopped, or
            // starts over when the source changed).
            if (++busy > 600)
                break;
            sqlite3_sleep(100);
            rc = SQLITE_OK;
        }
    } while (rc == SQLITE_OK);
    sqlite3_backup_finish(backup);
    sqlite3_exec(src.db, "ROLLBACK", nullptr, nullptr, nullptr);
    if (rc != SQLITE_DONE) {
        const QString why = rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                                ? QStringLiteral("the database stayed busy")
                                : sqliteError(dst.db, rc);
        return fail(QStringLiteral("backup of %1 failed: %2").arg(source, why));
    }
    sqlite3_close_v2(src.db);
    src.db = nullptr;

    // The copy is a plain file (no WAL beside it) and must be whole before it takes the name.
    sqlite3_exec(dst.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    {
        const QByteArray mark =
            "INSERT INTO lane_meta(key, value) VALUES ('" + RestoredMetaKey.toUtf8() + "', '" +
            QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() +
            "') ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        rc = sqlite3_exec(dst.db, mark.constData(), nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK)
            return fail(QStringLiteral("cannot mark the backup: %1").arg(sqliteError(dst.db, rc)));
    }
    {
        sqlite3_stmt *stmt = nullptr;
        rc = sqlite3_prepare_v2(dst.db, "PRAGMA integrity_check", -1, &stmt, nullptr);
        QStringList problems;
        if (rc == SQLITE_OK) {
            while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
                problems.append(QString::fromUtf8(
                    reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))));
        }
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("cannot check the backup: %1").arg(sqliteError(dst.db, rc)));
        if (problems != QStringList{QStringLiteral("ok")})
            return fail(QStringLiteral("the backup failed its integrity check: %1")
                            .arg(problems.mid(0, 5).join(QStringLiteral("; "))));
    }
    Summary summary;
    summary.path = targetInfo.absoluteFilePath();
    QString error;
    const auto read = [&](const char *sql, qint64 *into, const QByteArray &bind = {}) {
        auto v = integer(dst.db, sql, &error, bind);
        if (v)
            *into = *v;
        return v.has_value();
    };
    if (!read("PRAGMA user_version", &summary.schemaVersion) ||
        !read("SELECT count(*) FROM transactions", &summary.transactions) ||
        !read("SELECT count(*) FROM outbox", &summary.outboxMessages) ||
        !read("SELECT value FROM counters WHERE name = ?", &summary.lastOwnSeq,
              (QStringLiteral("outbox_seq:") + terminalId).toUtf8()))
        return fail(QStringLiteral("cannot read the backup: %1").arg(error));
    rc = sqlite3_close_v2(dst.db);
    dst.db = nullptr;
    if (rc != SQLITE_OK)
        return fail(QStringLiteral("cannot close the backup: %1").arg(sqliteError(nullptr, rc)));

    if (!fsyncPath(tmp, O_RDONLY, &error))
        return fail(error);
    // link() refuses an existing name: a file that appeared meanwhile is not overwritten.
    if (::link(QFile::encodeName(tmp).constData(), QFile::encodeName(target).constData()) != 0) {
        const int e = errno;
        return fail(
            e == EEXIST
                ? QStringLiteral("%1 appeared during the backup: not overwritten").arg(target)
                : QStringLiteral("cannot name the backup %1: %2")
                      .arg(target, QString::fromLocal8Bit(strerror(e))));
    }
    QFile::remove(tmp);
    if (!fsyncPath(dir, O_RDONLY | O_DIRECTORY, &error))
        return R::failure(error);
    summary.bytes = QFileInfo(target).size();
    qCInfo(lcStorage).noquote() << "backup of" << source << "written to" << summary.path;
    return summary;
}
