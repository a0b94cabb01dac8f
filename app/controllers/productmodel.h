#pragma once

#include "catalogstore.h"
#include "moneyformat.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// Products shown as tiles: one category, or the results of a search.
class ProductModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by CheckoutController")
public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, SkuRole, PriceRole, CategoryRole };

    explicit ProductModel(QObject *parent = nullptr)
        : QAbstractListModel(parent)
    {
    }
    void setProducts(const QList<Product> &products);
    // Prices in another language or currency.
    void setMoneyFormat(const MoneyFormat &money);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Product> m_products;
    MoneyFormat m_money;
};
