#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <optional>

// One document for the receipt printer: its ESC/POS bytes and how its printing went.
struct PrintJob
{
    QString id;
    QString createdAt;
    QString kind;  // "receipt" or "report"
    QString title; // what it is: the receipt number, the report's name
    QByteArray data;
    QString status = QStringLiteral("queued"); // "queued" or "printed"
    int attempts = 0;
    QString lastError;
    QString printedAt;
};

class Database;

// The receipt printer's persistent queue (print_jobs): the lane's own, never synced. Each call
// is one small statement; a job waits here until the printer has taken it.
class PrintJobStore
{
public:
    explicit PrintJobStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status enqueue(const PrintJob &job);
    // The oldest queued job, nullopt when none waits.
    [[nodiscard]] Result<std::optional<PrintJob>> nextQueued();
    [[nodiscard]] Status markPrinted(const QString &id, const QString &at);
    // A failed attempt: counted, with its reason; the job stays queued.
    [[nodiscard]] Status recordFailure(const QString &id, const QString &error);
    [[nodiscard]] Result<qint64> queuedCount();
    // Deletes printed jobs printed before `before` (ISO time); returns how many.
    [[nodiscard]] Result<qint64> prunePrinted(const QString &before);
    [[nodiscard]] Result<std::optional<PrintJob>> job(const QString &id);

private:
    Database &m_db;
};
