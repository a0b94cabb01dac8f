#include "catalogproductmodel.h"

#include "money.h"

#include <QLocale>

CatalogProductModel::CatalogProductModel(QObject *parent)
    : RowListModel({"productId", "name", "sku", "price", "priceText", "taxRate", "category",
                    "barcodes", "active", "placeholder", "updatedAt"},
                   "productId", parent)
{
}

QString CatalogProductModel::priceText(qint64 cents)
{
    const QString sign = cents < 0 ? QStringLiteral("-") : QString();
    const qint64 a = cents < 0 ? -cents : cents;
    return QStringLiteral("%1%2%3%4")
        .arg(sign)
        .arg(a / 100)
        .arg(QLocale().decimalPoint())
        .arg(a % 100, 2, 10, QLatin1Char('0'));
}

QString CatalogProductModel::taxRateText(int bp)
{
    QString fraction = QStringLiteral("%1").arg(bp % 100, 2, 10, QLatin1Char('0'));
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    const QString whole = QString::number(bp / 100);
    return fraction.isEmpty() ? whole : whole + QLocale().decimalPoint() + fraction;
}

void CatalogProductModel::setProducts(const QList<Product> &products)
{
    QList<QVariantMap> rows;
    rows.reserve(products.size());
    for (const Product &p : products)
        rows.append({{QStringLiteral("productId"), p.id},
                     {QStringLiteral("name"), p.name},
                     {QStringLiteral("sku"), p.sku},
                     {QStringLiteral("price"), Money::format(p.priceCents)},
                     {QStringLiteral("priceText"), priceText(p.priceCents)},
                     {QStringLiteral("taxRate"), taxRateText(p.taxRateBp)},
                     {QStringLiteral("category"), p.categoryName},
                     {QStringLiteral("barcodes"), p.barcodes.join(QLatin1Char('\n'))},
                     {QStringLiteral("active"), p.active},
                     {QStringLiteral("placeholder"), p.placeholder},
                     {QStringLiteral("updatedAt"), p.updatedAt}});
    setRows(rows);
}
