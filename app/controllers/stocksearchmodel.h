#pragma once

#include "rowlistmodel.h"

// The stock count form's search results: products with their stock.
class StockSearchModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by AdminController")
public:
    explicit StockSearchModel(QObject *parent = nullptr);
};
