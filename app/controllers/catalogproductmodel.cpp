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
    QString text = QString::number(bp / 100) + QLatin1Char('.') +
                   QStringLiteral("%1").arg(bp % 100, 2, 10, QLatin1Char('0'));
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
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
