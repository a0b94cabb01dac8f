#include "catalogproductmodel.h"

#include <QLocale>

CatalogProductModel::CatalogProductModel(QObject *parent)
    : RowListModel({"productId", "name", "sku", "price", "priceText", "taxRate", "category",
                    "barcodes", "active", "placeholder", "updatedAt"},
                   "productId", parent)
{
}

QString CatalogProductModel::taxRateText(int bp, const QLocale &locale)
{
    QString fraction = QStringLiteral("%1").arg(bp % 100, 2, 10, QLatin1Char('0'));
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    const QString whole = QString::number(bp / 100);
    return fraction.isEmpty() ? whole : whole + locale.decimalPoint() + fraction;
}

void CatalogProductModel::setProducts(const QList<Product> &products, const MoneyFormat &money)
{
    QList<QVariantMap> rows;
    rows.reserve(products.size());
    for (const Product &p : products)
        rows.append({{QStringLiteral("productId"), p.id},
                     {QStringLiteral("name"), p.name},
                     {QStringLiteral("sku"), p.sku},
                     {QStringLiteral("price"), money.format(p.priceCents)},
                     {QStringLiteral("priceText"), money.formatNumber(p.priceCents)},
                     {QStringLiteral("taxRate"), taxRateText(p.taxRateBp, money.locale())},
                     {QStringLiteral("category"), p.categoryName},
                     {QStringLiteral("barcodes"), p.barcodes.join(QLatin1Char('\n'))},
                     {QStringLiteral("active"), p.active},
                     {QStringLiteral("placeholder"), p.placeholder},
                     {QStringLiteral("updatedAt"), p.updatedAt}});
    setRows(rows);
}
