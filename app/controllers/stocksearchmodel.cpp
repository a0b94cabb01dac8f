#include "stocksearchmodel.h"

StockSearchModel::StockSearchModel(QObject *parent)
    : RowListModel({"productId", "name", "sku", "stock"}, "productId", parent)
{
}
