#pragma once

#include "outboxstore.h"
#include "rowlistmodel.h"

// The lane's messages that failed for good (the cloud or a peer refused them), for a manager's
// retry.
class FailedUploadModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by AdminController")
public:
    explicit FailedUploadModel(QObject *parent = nullptr);

    void setMessages(const QList<OutboxRow> &messages);
};
