#pragma once

#include "rowlistmodel.h"

// Messages from other lanes held for a time too far ahead, described for people.
class HeldMessageModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by AdminController")
public:
    explicit HeldMessageModel(QObject *parent = nullptr);
};
