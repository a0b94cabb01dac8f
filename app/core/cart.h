#pragma once

#include "catalogstore.h"
#include "moneyformat.h"
#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

// One line of the cart: a product, how many, and the price it sells at.
struct CartLine
{
    Product product;
    int quantity = 1;
    qint64 unitPriceCents = 0; // the list price, or a price override
    qint64 discountCents = 0;  // discountBp of gross(), kept by reprice()
    int discountBp = 0;        // 0..10000
    QString approvedBy;        // the manager who approved a reduction beyond the cashier's limit
    int approvedBp = 0;        // ... up to this reduction

    void reprice() { discountCents = (gross() * discountBp + 5000) / 10000; }
    // How far below the list price the line sells, in basis points (price override and discount
    // together): what an employee's discount limit is checked against.
    int reductionBp() const;
    qint64 gross() const { return unitPriceCents * quantity; }
    qint64 net() const { return gross() - discountCents; }
    qint64 tax() const;
    qint64 total() const { return net() + tax(); }
};

// A tender applied to the sale. For cash, tendered may exceed the amount applied (change).
struct Tender
{
    enum class Method { Cash, Card };
    Method method = Method::Cash;
    qint64 amountCents = 0;
    qint64 tenderedCents = 0;
    qint64 changeCents() const { return tenderedCents - amountCents; }
};

// The sale being rung up: lines, totals and tenders. Holds the checkout rules (quantities,
// tender limits, fully paid) so every front end applies the same ones.
class Cart
{
    Q_DECLARE_TR_FUNCTIONS(Cart)

public:
    static constexpr int kMaxQuantity = 999;
    static constexpr int kMaxLines = 200;
    static constexpr qint64 kMaxUnitPriceCents = 100000000;

    // Adds quantity of the product; the same product at its list price joins the existing line.
    [[nodiscard]] Result<int> add(const Product &product, int quantity = 1);
    [[nodiscard]] Status setQuantity(int index, int quantity);
    [[nodiscard]] Status removeLine(int index);
    // Appends a line as it was (a recalled held cart): never merged with another line.
    [[nodiscard]] Result<int> appendLine(const CartLine &line);
    // A price override: the line sells at unitPriceCents instead of its list price.
    [[nodiscard]] Status setLinePrice(int index, qint64 unitPriceCents);
    // A discount on one line, or on every line (a cart discount), in basis points.
    [[nodiscard]] Status setLineDiscountBp(int index, int bp);
    [[nodiscard]] Status setCartDiscountBp(int bp);
    // The largest reduction (bp) of a line beyond both limitBp and what a manager approved for
    // it; 0 when every line is within them.
    int unapprovedReductionBp(int limitBp) const;
    // A manager approved every line's current reduction.
    void approveReductions(const QString &managerId, int limitBp);
    void clear();
    // The customer the sale is for (optional).
    void setCustomer(const QString &id, const QString &name)
    {
        m_customerId = id;
        m_customerName = name;
    }
    const QString &customerId() const { return m_customerId; }
    const QString &customerName() const { return m_customerName; }

    const QList<CartLine> &lines() const { return m_lines; }
    bool isEmpty() const { return m_lines.isEmpty(); }
    int itemCount() const;

    qint64 subtotalCents() const; // before discounts and tax
    qint64 discountCents() const;
    qint64 taxCents() const;
    qint64 totalCents() const;

    const QList<Tender> &tenders() const { return m_tenders; }
    qint64 paidCents() const;
    qint64 remainingCents() const { return totalCents() - paidCents(); }
    qint64 changeDueCents() const;
    bool isFullyPaid() const { return !isEmpty() && remainingCents() <= 0; }

    // Cash: any amount handed over; what exceeds the remaining total is change.
    [[nodiscard]] Status addCash(qint64 tenderedCents);
    // Card: up to the remaining total (no cash back on card); money shows that total in the
    // refusal.
    [[nodiscard]] Status addCard(qint64 amountCents, const MoneyFormat &money = MoneyFormat());
    [[nodiscard]] Status removeTender(int index);

private:
    Status checkEditable() const;
    QList<CartLine> m_lines;
    QList<Tender> m_tenders;
    QString m_customerId;
    QString m_customerName;
};
