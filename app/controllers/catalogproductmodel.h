#pragma once

#include "catalogstore.h"
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

    void setProducts(const QList<Product> &products);
    // A price as the editor's field shows it for typing over: "12.34", or "12,34" where the UI's
    // language writes a decimal comma (Money::parse reads both).
    static QString priceText(qint64 cents);
    // A tax rate in percent for the field: 825 -> "8.25" ("8,25" with a decimal comma), 700 ->
    // "7".
    static QString taxRateText(int bp);
};
