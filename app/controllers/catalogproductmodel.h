#pragma once

#include "catalogstore.h"
#include "moneyformat.h"
#include "rowlistmodel.h"

// The product editor's search results: every product that matches, inactive ones and placeholders
// included, with what the editor form needs.
class CatalogProductModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by AdminController")
public:
    explicit CatalogProductModel(QObject *parent = nullptr);

    // price: as the UI shows amounts; priceText: the number as a cashier types it
    // (MoneyFormat::formatNumber), for the editor's field.
    void setProducts(const QList<Product> &products, const MoneyFormat &money);
    // A tax rate in percent for the field: 825 -> "8.25" ("8,25" with a decimal comma), 700 ->
    // "7".
    static QString taxRateText(int bp, const QLocale &locale);
};
