#include "faileduploadmodel.h"

FailedUploadModel::FailedUploadModel(QObject *parent)
    : RowListModel({"id", "topic", "createdAt", "retries", "lastError"}, "id", parent)
{
}

void FailedUploadModel::setMessages(const QList<OutboxRow> &messages)
{
    QList<QVariantMap> rows;
    rows.reserve(messages.size());
    for (const OutboxRow &r : messages)
        rows.append({{QStringLiteral("id"), r.id},
                     {QStringLiteral("topic"), r.topic},
                     {QStringLiteral("createdAt"), r.createdAt},
                     {QStringLiteral("retries"), r.retryCount},
                     {QStringLiteral("lastError"), r.lastError}});
    setRows(rows);
}
