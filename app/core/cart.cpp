#include "cart.h"

#include "money.h"

#include <algorithm>

qint64 CartLine::tax() const
{
    return Money::taxOf(net(), product.taxRateBp);
}

int CartLine::reductionBp() const
{
    const qint64 list = product.priceCents * quantity;
    if (list <= 0 || net() >= list)
        return 0;
    // Rounded down: a cent of rounding in the discount does not count against the limit.
    return int((list - net()) * 10000 / list);
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
            line.discountBp == 0) {
            if (line.quantity + quantity > kMaxQuantity)
                return Result<int>::failure(
                    tr("Quantity must be between 1 and %1.").arg(kMaxQuantity));
            line.quantity += quantity;
            return i;
        }
    }
    if (m_lines.size() >= kMaxLines)
        return Result<int>::failure(tr("The cart is full; complete this sale first."));
    CartLine line;
    line.product = product;
    line.quantity = quantity;
    line.unitPriceCents = product.priceCents;
    m_lines.append(line);
    return int(m_lines.size() - 1);
}

Result<int> Cart::appendLine(const CartLine &line)
{
    using R = Result<int>;
    if (Status s = checkEditable(); !s)
        return R::failure(s.error());
    if (!line.product.active)
        return R::failure(tr("%1 is no longer sold.").arg(line.product.name));
    if (line.quantity < 1 || line.quantity > kMaxQuantity)
        return R::failure(tr("Quantity must be between 1 and %1.").arg(kMaxQuantity));
    if (line.unitPriceCents < 0 || line.unitPriceCents > kMaxUnitPriceCents)
        return R::failure(tr("That price is not plausible."));
    if (line.discountBp < 0 || line.discountBp > 10000)
        return R::failure(tr("A discount is between 0 and 100%."));
    if (m_lines.size() >= kMaxLines)
        return R::failure(tr("The cart is full; complete this sale first."));
    CartLine copy = line;
    copy.reprice();
    m_lines.append(copy);
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
    m_lines[index].reprice();
    return {};
}

Status Cart::setLinePrice(int index, qint64 unitPriceCents)
{
    if (Status s = checkEditable(); !s)
        return s;
    if (index < 0 || index >= m_lines.size())
        return Status::failure(tr("No such cart line."));
    if (unitPriceCents < 0 || unitPriceCents > kMaxUnitPriceCents)
        return Status::failure(tr("That price is not plausible."));
    m_lines[index].unitPriceCents = unitPriceCents;
    m_lines[index].reprice();
    return {};
}

Status Cart::setLineDiscountBp(int index, int bp)
{
    if (Status s = checkEditable(); !s)
        return s;
    if (index < 0 || index >= m_lines.size())
        return Status::failure(tr("No such cart line."));
    if (bp < 0 || bp > 10000)
        return Status::failure(tr("A discount is between 0 and 100%."));
    m_lines[index].discountBp = bp;
    m_lines[index].reprice();
    return {};
}

Status Cart::setCartDiscountBp(int bp)
{
    if (Status s = checkEditable(); !s)
        return s;
    if (isEmpty())
        return Status::failure(tr("The cart is empty."));
    if (bp < 0 || bp > 10000)
        return Status::failure(tr("A discount is between 0 and 100%."));
    for (CartLine &l : m_lines) {
        l.discountBp = bp;
        l.reprice();
    }
    return {};
}

int Cart::unapprovedReductionBp(int limitBp) const
{
    int most = 0;
    for (const CartLine &l : m_lines) {
        const int r = l.reductionBp();
        if (r > std::max(limitBp, l.approvedBp))
            most = std::max(most, r);
    }
    return most;
}

void Cart::approveReductions(const QString &managerId, int limitBp)
{
    for (CartLine &l : m_lines) {
        const int r = l.reductionBp();
        if (r > std::max(limitBp, l.approvedBp)) {
            l.approvedBy = managerId;
            l.approvedBp = r;
        }
    }
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
    m_customerId.clear();
    m_customerName.clear();
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

Status Cart::addCard(qint64 amountCents, const MoneyFormat &money)
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
            tr("A card can pay at most the remaining %1.").arg(money.format(remaining)));
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
