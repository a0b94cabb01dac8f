#include "cart.h"

#include <QTest>

// Cart editing rules and tenders: cash with change, card up to the remainder, split tender.
class TstCart : public QObject
{
    Q_OBJECT

    static Product product(const QString &id, qint64 price, int taxBp = 0)
    {
        Product p;
        p.id = id;
        p.sku = id;
        p.name = QStringLiteral("Product ") + id;
        p.priceCents = price;
        p.taxRateBp = taxBp;
        return p;
    }

private Q_SLOTS:
    void sameProductJoinsItsLine()
    {
        Cart cart;
        QCOMPARE(*cart.add(product(QStringLiteral("a"), 100)), 0);
        QCOMPARE(*cart.add(product(QStringLiteral("b"), 200)), 1);
        QCOMPARE(*cart.add(product(QStringLiteral("a"), 100), 2), 0);
        QCOMPARE(cart.lines().size(), 2);
        QCOMPARE(cart.lines().at(0).quantity, 3);
        QCOMPARE(cart.itemCount(), 4);
    }

    void quantityLimits()
    {
        Cart cart;
        QVERIFY(!cart.add(product(QStringLiteral("a"), 100), 0));
        QVERIFY(!cart.add(product(QStringLiteral("a"), 100), Cart::kMaxQuantity + 1));
        QVERIFY(cart.add(product(QStringLiteral("a"), 100), Cart::kMaxQuantity));
        QVERIFY(!cart.add(product(QStringLiteral("a"), 100)));
        QVERIFY(!cart.setQuantity(0, -1));
        QVERIFY(!cart.setQuantity(5, 1));
        QVERIFY(cart.setQuantity(0, 0)); // zero removes the line
        QVERIFY(cart.isEmpty());
    }

    void inactiveProductIsRefused()
    {
        Cart cart;
        Product p = product(QStringLiteral("a"), 100);
        p.active = false;
        QVERIFY(!cart.add(p));
    }

    void cashGivesChange()
    {
        Cart cart;
        QVERIFY(cart.add(product(QStringLiteral("a"), 1081)));
        QVERIFY(!cart.isFullyPaid());
        QVERIFY(cart.addCash(2000));
        QVERIFY(cart.isFullyPaid());
        QCOMPARE(cart.paidCents(), 1081);
        QCOMPARE(cart.changeDueCents(), 919);
        QVERIFY(!cart.addCash(100)); // already paid
    }

    void cardCannotOverpay()
    {
        Cart cart;
        QVERIFY(cart.add(product(QStringLiteral("a"), 1000)));
        QVERIFY(!cart.addCard(1001));
        QVERIFY(!cart.addCard(0));
        QVERIFY(!cart.addCard(-5));
        QVERIFY(cart.addCard(1000));
        QVERIFY(cart.isFullyPaid());
        QCOMPARE(cart.changeDueCents(), 0);
    }

    void splitTender()
    {
        Cart cart;
        QVERIFY(cart.add(product(QStringLiteral("a"), 5000, 825))); // 54.13
        QCOMPARE(cart.totalCents(), 5413);
        QVERIFY(cart.addCard(2000));
        QCOMPARE(cart.remainingCents(), 3413);
        QVERIFY(!cart.isFullyPaid());
        QVERIFY(cart.addCard(1000));
        QCOMPARE(cart.remainingCents(), 2413);
        QVERIFY(cart.addCash(3000));
        QVERIFY(cart.isFullyPaid());
        QCOMPARE(cart.tenders().size(), 3);
        QCOMPARE(cart.paidCents(), 5413);
        QCOMPARE(cart.changeDueCents(), 587);
        QCOMPARE(cart.tenders().at(2).amountCents, 2413);
        QCOMPARE(cart.tenders().at(2).tenderedCents, 3000);
    }

    void cartIsFrozenOnceTendered()
    {
        Cart cart;
        QVERIFY(cart.add(product(QStringLiteral("a"), 1000)));
        QVERIFY(cart.addCard(500));
        QVERIFY(!cart.add(product(QStringLiteral("b"), 100)));
        QVERIFY(!cart.setQuantity(0, 2));
        QVERIFY(!cart.removeLine(0));
        QVERIFY(cart.removeTender(0));
        QVERIFY(cart.setQuantity(0, 2));
    }

    void discountsAndPriceOverrides()
    {
        Cart cart;
        QCOMPARE(*cart.add(product(QStringLiteral("a"), 1000, 1000), 3), 0); // 10 % tax
        QVERIFY(cart.setLineDiscountBp(0, 1000));                            // 10 % off
        QCOMPARE(cart.lines().at(0).discountCents, 300);
        QCOMPARE(cart.subtotalCents(), 3000);
        QCOMPARE(cart.discountCents(), 300);
        QCOMPARE(cart.taxCents(), 270); // on the net
        QCOMPARE(cart.totalCents(), 2970);
        // The discount follows the quantity.
        QVERIFY(cart.setQuantity(0, 1));
        QCOMPARE(cart.lines().at(0).discountCents, 100);
        // A price override: still 10 % off the new price; 28 % below list in all.
        QVERIFY(cart.setLinePrice(0, 800));
        QCOMPARE(cart.lines().at(0).net(), 720);
        QCOMPARE(cart.lines().at(0).reductionBp(), 2800);
        // A discounted line is not merged with a new unit at list price.
        QCOMPARE(*cart.add(product(QStringLiteral("a"), 1000, 1000)), 1);
        QVERIFY(!cart.setLineDiscountBp(0, 10001));
        QVERIFY(!cart.setLineDiscountBp(5, 100));
        QVERIFY(!cart.setLinePrice(0, -1));
        QVERIFY(!cart.setLinePrice(0, Cart::kMaxUnitPriceCents + 1));
        // A price above list is no reduction.
        QVERIFY(cart.setLinePrice(1, 1500));
        QCOMPARE(cart.lines().at(1).reductionBp(), 0);
    }

    void cartDiscountAndRounding()
    {
        Cart cart;
        (void)cart.add(product(QStringLiteral("a"), 333));
        (void)cart.add(product(QStringLiteral("b"), 999), 2);
        QVERIFY(cart.setCartDiscountBp(1250));
        QCOMPARE(cart.lines().at(0).discountCents, 42);  // 41.625 rounds half up
        QCOMPARE(cart.lines().at(1).discountCents, 250); // 249.75
        QCOMPARE(cart.discountCents(), 292);
        QVERIFY(cart.setCartDiscountBp(0));
        QCOMPARE(cart.discountCents(), 0);
        Cart empty;
        QVERIFY(!empty.setCartDiscountBp(500));
    }

    void reductionsBeyondALimitNeedApproval()
    {
        Cart cart;
        (void)cart.add(product(QStringLiteral("a"), 100000));
        (void)cart.add(product(QStringLiteral("b"), 1000));
        QVERIFY(cart.setLineDiscountBp(0, 1000));
        QCOMPARE(cart.unapprovedReductionBp(1000), 0); // at the limit
        QVERIFY(cart.setLineDiscountBp(0, 1001));
        QCOMPARE(cart.unapprovedReductionBp(1000), 1001);
        cart.approveReductions(QStringLiteral("manager-1"), 1000);
        QCOMPARE(cart.lines().at(0).approvedBy, QStringLiteral("manager-1"));
        QCOMPARE(cart.unapprovedReductionBp(1000), 0);
        // Another line beyond the limit needs its own approval; a deeper cut on the approved
        // line too.
        QVERIFY(cart.setLinePrice(1, 500));
        QCOMPARE(cart.unapprovedReductionBp(1000), 5000);
        QVERIFY(cart.setLinePrice(1, 1000));
        QVERIFY(cart.setLineDiscountBp(0, 2000));
        QCOMPARE(cart.unapprovedReductionBp(1000), 2000);
        QVERIFY(cart.addCash(100000));
        QVERIFY(!cart.setLineDiscountBp(0, 0)); // frozen once tendered
    }

    void emptyCartTakesNoPayment()
    {
        Cart cart;
        QVERIFY(!cart.addCash(100));
        QVERIFY(!cart.addCard(100));
        QVERIFY(!cart.isFullyPaid());
    }
};

QTEST_GUILESS_MAIN(TstCart)
#include "tst_cart.moc"
