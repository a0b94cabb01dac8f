#include "cartmodel.h"

CartModel::CartModel(Cart &cart, QObject *parent)
    : QAbstractListModel(parent)
    , m_cart(cart)
{
}

Result<int> CartModel::add(const Product &product)
{
    const int before = count();
    // Insert notifications must wrap the change, so try on a copy first.
    Cart probe = m_cart;
    auto row = probe.add(product);
    if (!row)
        return row;
    if (*row == before) {
        beginInsertRows({}, before, before);
        (void)m_cart.add(product);
        endInsertRows();
        Q_EMIT countChanged();
    } else {
        (void)m_cart.add(product);
        Q_EMIT dataChanged(index(*row), index(*row));
    }
    return row;
}

Status CartModel::setQuantity(int row, int quantity)
{
    if (quantity == 0)
        return removeLine(row);
    Status s = m_cart.setQuantity(row, quantity);
    if (s)
        Q_EMIT dataChanged(index(row), index(row));
    return s;
}

Status CartModel::removeLine(int row)
{
    Cart probe = m_cart;
    if (Status s = probe.removeLine(row); !s)
        return s;
    beginRemoveRows({}, row, row);
    Status s = m_cart.removeLine(row);
    endRemoveRows();
    Q_EMIT countChanged();
    return s;
}

void CartModel::setMoneyFormat(const MoneyFormat &money)
{
    m_money = money;
    if (count() > 0)
        Q_EMIT dataChanged(index(0), index(count() - 1), {UnitPriceRole, TotalRole, NoteRole});
}

void CartModel::reset()
{
    beginResetModel();
    endResetModel();
    Q_EMIT countChanged();
}

int CartModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant CartModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CartLine &l = m_cart.lines().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return l.product.name;
    case SkuRole:
        return l.product.sku;
    case QuantityRole:
        return l.quantity;
    case UnitPriceRole:
        return m_money.format(l.unitPriceCents);
    case TotalRole:
        return m_money.format(l.net());
    case NoteRole: {
        // A price override and a discount, as the cashier should see them on the line.
        QStringList notes;
        if (l.unitPriceCents != l.product.priceCents)
            notes.append(tr("was %1").arg(m_money.format(l.product.priceCents)));
        if (l.discountBp > 0)
            notes.append(tr("%1% off").arg(m_money.locale().toString(l.discountBp / 100.0)));
        return notes.join(QStringLiteral(" \u00b7 "));
    }
    }
    return {};
}

QHash<int, QByteArray> CartModel::roleNames() const
{
    return {{NameRole, "name"},           {SkuRole, "sku"},         {QuantityRole, "quantity"},
            {UnitPriceRole, "unitPrice"}, {TotalRole, "lineTotal"}, {NoteRole, "note"}};
}
