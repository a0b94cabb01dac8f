#include "productmodel.h"

void ProductModel::setProducts(const QList<Product> &products)
{
    beginResetModel();
    m_products = products;
    endResetModel();
}

void ProductModel::setMoneyFormat(const MoneyFormat &money)
{
    m_money = money;
    if (!m_products.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_products.size()) - 1), {PriceRole});
}

int ProductModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size());
}

QVariant ProductModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Product &p = m_products.at(index.row());
    switch (role) {
    case IdRole:
        return p.id;
    case Qt::DisplayRole:
    case NameRole:
        return p.name;
    case SkuRole:
        return p.sku;
    case PriceRole:
        return m_money.format(p.priceCents);
    case CategoryRole:
        return p.categoryName;
    }
    return {};
}

QHash<int, QByteArray> ProductModel::roleNames() const
{
    return {{IdRole, "productId"},
            {NameRole, "name"},
            {SkuRole, "sku"},
            {PriceRole, "price"},
            {CategoryRole, "category"}};
}
