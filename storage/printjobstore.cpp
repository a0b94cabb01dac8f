#include "printjobstore.h"

#include "database.h"

namespace {
const QString kColumns = QStringLiteral("id, created_at, kind, title, data, status, attempts, "
                                        "COALESCE(last_error, ''), COALESCE(printed_at, '')");

PrintJob readJob(const SqlRow &r)
{
    PrintJob j;
    j.id = r.text(0);
    j.createdAt = r.text(1);
    j.kind = r.text(2);
    j.title = r.text(3);
    j.data = r.blob(4);
    j.status = r.text(5);
    j.attempts = int(r.integer(6));
    j.lastError = r.text(7);
    j.printedAt = r.text(8);
    return j;
}
} // namespace

Status PrintJobStore::enqueue(const PrintJob &job)
{
    return m_db.run(QStringLiteral("INSERT INTO print_jobs(id, created_at, kind, title, data, "
                                   "status, attempts) VALUES (?, ?, ?, ?, ?, 'queued', 0)"),
                    job.id, job.createdAt, job.kind, job.title, SqlBlob{job.data});
}

Result<std::optional<PrintJob>> PrintJobStore::nextQueued()
{
    return m_db.row(QStringLiteral("SELECT %1 FROM print_jobs WHERE status = 'queued' "
                                   "ORDER BY created_at, rowid LIMIT 1")
                        .arg(kColumns),
                    readJob);
}

Result<std::optional<PrintJob>> PrintJobStore::job(const QString &id)
{
    return m_db.row(QStringLiteral("SELECT %1 FROM print_jobs WHERE id = ?").arg(kColumns), readJob,
                    id);
}

Status PrintJobStore::markPrinted(const QString &id, const QString &at)
{
    return m_db.run(QStringLiteral("UPDATE print_jobs SET status = 'printed', printed_at = ?, "
                                   "attempts = attempts + 1, last_error = NULL WHERE id = ?"),
                    at, id);
}

Status PrintJobStore::recordFailure(const QString &id, const QString &error)
{
    return m_db.run(QStringLiteral("UPDATE print_jobs SET attempts = attempts + 1, "
                                   "last_error = ? WHERE id = ? AND status = 'queued'"),
                    error, id);
}

Result<qint64> PrintJobStore::queuedCount()
{
    return m_db.integerOrZero(
        QStringLiteral("SELECT COUNT(*) FROM print_jobs WHERE status = 'queued'"));
}

Result<qint64> PrintJobStore::prunePrinted(const QString &before)
{
    auto removed = m_db.rows(
        QStringLiteral("DELETE FROM print_jobs WHERE status = 'printed' AND "
                       "printed_at < ? RETURNING id"),
        [](const SqlRow &r) { return r.text(0); }, before);
    if (!removed)
        return Result<qint64>::failure(removed.error());
    return qint64(removed->size());
}
