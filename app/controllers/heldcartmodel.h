#pragma once

#include "heldcartstore.h"
#include "moneyformat.h"
#include "rowlistmodel.h"

// The carts parked on this lane, oldest first, to recall or discard.
class HeldCartModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by CheckoutController")
public:
    explicit HeldCartModel(QObject *parent = nullptr);

    void setCarts(const QList<HeldCartInfo> &carts, const MoneyFormat &money);
};
