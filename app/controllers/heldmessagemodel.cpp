#include "heldmessagemodel.h"

HeldMessageModel::HeldMessageModel(QObject *parent)
    : RowListModel({"id", "origin", "topic", "what", "stampedAt", "ahead", "heldAt"}, "id", parent)
{
}
