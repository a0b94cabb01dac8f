#pragma once

#include "rowlistmodel.h"

// The conflicts reconciliation resolved, newest first, as Reconciler::conflicts() gives them.
class ConflictModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by AdminController")
public:
    explicit ConflictModel(QObject *parent = nullptr);
};
