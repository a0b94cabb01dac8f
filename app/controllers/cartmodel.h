#pragma once

#include "cart.h"
#include "moneyformat.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The lines of the cart being rung up, with row-precise change notifications.
class CartModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by CheckoutController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        SkuRole,
        QuantityRole,
        UnitPriceRole,
        TotalRole,
        NoteRole
    };

    explicit CartModel(Cart &cart, QObject *parent = nullptr);

    [[nodiscard]] Result<int> add(const Product &product);
    [[nodiscard]] Status setQuantity(int row, int quantity);
    [[nodiscard]] Status removeLine(int row);
    void reset(); // after the cart was cleared or completed
    // Amounts (and percentages) in another language or currency: every row's money changes.
    void setMoneyFormat(const MoneyFormat &money);

    int count() const { return int(m_cart.lines().size()); }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    Cart &m_cart;
    MoneyFormat m_money;
};
