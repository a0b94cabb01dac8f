#include "heldcartmodel.h"

HeldCartModel::HeldCartModel(QObject *parent)
    : RowListModel({"id", "label", "itemCount", "total", "createdAt"}, "id", parent)
{
}

void HeldCartModel::setCarts(const QList<HeldCartInfo> &carts, const MoneyFormat &money)
{
    QList<QVariantMap> rows;
    rows.reserve(carts.size());
    for (const HeldCartInfo &h : carts)
        rows.append({{QStringLiteral("id"), h.id},
                     {QStringLiteral("label"), h.label},
                     {QStringLiteral("itemCount"), h.itemCount},
                     {QStringLiteral("total"), money.format(h.totalCents)},
                     {QStringLiteral("createdAt"), h.createdAt}});
    setRows(rows);
}
