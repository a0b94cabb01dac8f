#include "cart.h"

#include "money.h"

qint64 CartLine::tax() const
{
    return Money::taxOf(net(), product.taxRateBp);
}

Status Cart::checkEditable() const
{
    if (!m_tenders.isEmpty())
        return Status::failure(tr("Payments are already taken; remove them before changing the "
                                  "cart."));
    return {};
}

Result<int> Cart::add(const Product &product, int quantity)
{
    if (Status s = checkEditable(); !s)
        return Result<int>::failure(s.error());
    if (!product.active)
        return Result<int>::failure(tr("%1 is no longer sold.").arg(product.name));
    if (quantity < 1 || quantity > kMaxQuantity)
        return Result<int>::failure(tr("Quantity must be between 1 and %1.").arg(kMaxQuantity));
    for (int i = 0; i < m_lines.size(); ++i) {
        CartLine &line = m_lines[i];
        if (line.product.id == product.id && line.unitPriceCents == product.priceCents &&
            line.discountCents == 0) {
            if (line.quantity + quantity > kMaxQuantity)
                return Result<int>::failure(
                    tr("Quantity must be between 1 and %1.").arg(kMaxQuantity));
            line.quantity += quantity;
            return i;
        }
    }
    if (m_lines.size() >= kMaxLines)
        return Result<int>::failure(tr("The cart is full; complete this sale first."));
    m_lines.append(CartLine{product, quantity, product.priceCents, 0});
    return int(m_lines.size() - 1);
}

Status Cart::setQuantity(int index, int quantity)
{
    if (Status s = checkEditable(); !s)
        return s;
    if (index < 0 || index >= m_lines.size())
        return Status::failure(tr("No such cart line."));
    if (quantity == 0)
        return removeLine(index);
    if (quantity < 0 || quantity > kMaxQuantity)
        return Status::failure(tr("Quantity must be between 1 and %1.").arg(kMaxQuantity));
    m_lines[index].quantity = quantity;
    return {};
}

Status Cart::removeLine(int index)
{
    if (Status s = checkEditable(); !s)
        return s;
    if (index < 0 || index >= m_lines.size())
        return Status::failure(tr("No such cart line."));
    m_lines.removeAt(index);
    return {};
}

void Cart::clear()
{
    m_lines.clear();
    m_tenders.clear();
}

int Cart::itemCount() const
{
    int n = 0;
    for (const CartLine &l : m_lines)
        n += l.quantity;
    return n;
}

qint64 Cart::subtotalCents() const
{
    qint64 sum = 0;
    for (const CartLine &l : m_lines)
        sum += l.gross();
    return sum;
}

qint64 Cart::discountCents() const
{
    qint64 sum = 0;
    for (const CartLine &l : m_lines)
        sum += l.discountCents;
    return sum;
}

qint64 Cart::taxCents() const
{
    qint64 sum = 0;
    for (const CartLine &l : m_lines)
        sum += l.tax();
    return sum;
}

qint64 Cart::totalCents() const
{
    return subtotalCents() - discountCents() + taxCents();
}

qint64 Cart::paidCents() const
{
    qint64 sum = 0;
    for (const Tender &t : m_tenders)
        sum += t.amountCents;
    return sum;
}

qint64 Cart::changeDueCents() const
{
    qint64 sum = 0;
    for (const Tender &t : m_tenders)
        sum += t.changeCents();
    return sum;
}

Status Cart::addCash(qint64 tenderedCents)
{
    if (isEmpty())
        return Status::failure(tr("The cart is empty."));
    const qint64 remaining = remainingCents();
    if (remaining <= 0)
        return Status::failure(tr("The sale is already paid."));
    if (tenderedCents <= 0)
        return Status::failure(tr("Enter the cash amount received."));
    if (tenderedCents > 100000000)
        return Status::failure(tr("That cash amount is not plausible."));
    m_tenders.append(Tender{Tender::Method::Cash, qMin(tenderedCents, remaining), tenderedCents});
    return {};
}

Status Cart::addCard(qint64 amountCents)
{
    if (isEmpty())
        return Status::failure(tr("The cart is empty."));
    const qint64 remaining = remainingCents();
    if (remaining <= 0)
        return Status::failure(tr("The sale is already paid."));
    if (amountCents <= 0)
        return Status::failure(tr("Enter the card amount."));
    if (amountCents > remaining)
        return Status::failure(
            tr("A card can pay at most the remaining %1.").arg(Money::format(remaining)));
    m_tenders.append(Tender{Tender::Method::Card, amountCents, amountCents});
    return {};
}

Status Cart::removeTender(int index)
{
    if (index < 0 || index >= m_tenders.size())
        return Status::failure(tr("No such payment."));
    m_tenders.removeAt(index);
    return {};
}
