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
