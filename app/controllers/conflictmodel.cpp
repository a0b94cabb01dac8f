#include "conflictmodel.h"

ConflictModel::ConflictModel(QObject *parent)
    : RowListModel({"id", "runId", "productId", "productName", "peer", "localStock", "localUpdated",
                    "remoteStock", "remoteUpdated", "chosenStock", "chosenFrom", "resolvedAt",
                    "overridden", "overrideStock", "overrideBy", "overrideAt", "overrideByName"},
                   "id", parent)
{
}
