// The checkout controller on a real lane: price overrides and discounts within the cashier's
// limit or approved by a manager's PIN (the price paid is stored with the sale, the approval is
// logged); held carts and their reserved units; returns by receipt number; customers; and the
// printed receipt, the last sale as a PDF (QPdfWriter) in the lane's data directory, 80 mm wide.
#include "checkoutcontroller.h"
#include "money.h"
#include "receiptprinter.h"
#include "testlane.h"
#include "transactionpayload.h"

#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>

#include <QTest>
#include <memory>

class TestCheckoutController : public QObject
{
    Q_OBJECT
private slots:
    void discountWithinTheCashiersLimit()
    {
        TestLane t;
        CheckoutController checkout(t.lane());
        QVERIFY(t.loginCashier());
        const int limit = t.lane().session().current()->discountLimitBp;
        QCOMPARE(limit, 1000); // the demo cashier: 10 %
        auto products = t.lane().catalog().byCategory(QString(), 1);
        checkout.enter(products->first().barcodes.value(0));
        QVERIFY(checkout.setLineDiscount(0, QStringLiteral("10")));
        QVERIFY(!checkout.approvalNeeded());
        QCOMPARE(checkout.cart()->data(checkout.cart()->index(0), CartModel::NoteRole).toString(),
                 QStringLiteral("10% off"));
        QVERIFY(checkout.discount() != QStringLiteral("$0.00"));
        // Bad input changes nothing.
        for (const QString &bad : {QStringLiteral("-5"), QStringLiteral("101"),
                                   QStringLiteral("ten"), QStringLiteral("1.234")})
            QVERIFY2(!checkout.setLineDiscount(0, bad), qPrintable(bad));
        QVERIFY(!checkout.setLineDiscount(7, QStringLiteral("5")));
        QVERIFY(!checkout.setLinePrice(0, QStringLiteral("abc")));
        QVERIFY(!checkout.approvalNeeded());
        QCOMPARE(checkout.currentCart().lines().at(0).discountBp, 1000);
    }

    void beyondTheLimitAManagerApproves()
    {
        TestLane t;
        CheckoutController checkout(t.lane());
        QVERIFY(t.loginCashier());
        auto products = t.lane().catalog().byCategory(QString(), 1);
        const Product p = products->first();
        checkout.enter(p.barcodes.value(0));
        QSignalSpy approval(&checkout, &CheckoutController::approvalChanged);
        // 40 % below list, over the cashier's 10 %.
        const qint64 price = p.priceCents * 6 / 10;
        QVERIFY(!checkout.setLinePrice(0, Money::format(price)));
        QVERIFY(checkout.approvalNeeded());
        QCOMPARE(approval.size(), 1);
        QVERIFY(checkout.approvalReason().contains(QStringLiteral("10%")));
        QCOMPARE(checkout.currentCart().lines().at(0).unitPriceCents, p.priceCents); // not yet
        const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
        QCOMPARE(checkout.managers().size(), 1);
        // A wrong PIN and a cashier's PIN do not approve.
        QVERIFY(!checkout.approve(manager->employeeId, QStringLiteral("0000")));
        const auto cashier = Lane::demoCashier();
        QVERIFY(!checkout.approve(cashier->employeeId, cashier->pin));
        QVERIFY(checkout.approvalNeeded());
        // The manager (limit 50 %) approves.
        QVERIFY(checkout.approve(manager->employeeId, manager->pin));
        QVERIFY(!checkout.approvalNeeded());
        QCOMPARE(checkout.currentCart().lines().at(0).unitPriceCents, price);
        QCOMPARE(checkout.currentCart().lines().at(0).approvedBy, manager->employeeId);
        // Beyond the manager's own limit: refused even with the right PIN.
        QVERIFY(!checkout.setLineDiscount(0, QStringLiteral("30"))); // 58 % below list
        QVERIFY(checkout.approvalNeeded());
        QVERIFY(!checkout.approve(manager->employeeId, manager->pin));
        checkout.cancelApproval();
        QVERIFY(!checkout.approvalNeeded());
        QCOMPARE(checkout.currentCart().lines().at(0).discountBp, 0);

        // The sale stores the price the customer paid.
        checkout.startPayment();
        checkout.payCard();
        QCOMPARE(checkout.stage(), CheckoutController::Stage::Done);
        QCOMPARE(t.count(QStringLiteral("SELECT unit_price_cents FROM transaction_lines")), price);
        // ... and who approved it, in the lane's database and on the wire to peers and cloud.
        auto approvedBy =
            t.db().scalar(QStringLiteral("SELECT approved_by FROM transaction_lines"));
        QVERIFY(approvedBy);
        QCOMPARE(approvedBy->toString(), manager->employeeId);
        auto payload =
            t.db().scalar(QStringLiteral("SELECT payload FROM outbox WHERE topic = 'transaction'"));
        QVERIFY(payload);
        auto wire = TransactionPayload::decode(
            QJsonDocument::fromJson(payload->toString().toUtf8()).object());
        QVERIFY2(wire, qPrintable(wire.error()));
        QCOMPARE(wire->lines.first().approvedBy, manager->employeeId);
    }

    void aManagerNeedsNoSecondPinWithinTheirLimit()
    {
        TestLane t;
        CheckoutController checkout(t.lane());
        const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
        QVERIFY(t.lane().session().login(manager->employeeId, manager->pin).ok);
        auto products = t.lane().catalog().byCategory(QString(), 2);
        for (const Product &p : *products)
            checkout.enter(p.barcodes.value(0));
        QVERIFY(checkout.setCartDiscount(QStringLiteral("25")));
        QVERIFY(!checkout.approvalNeeded());
        for (const CartLine &l : checkout.currentCart().lines())
            QCOMPARE(l.discountBp, 2500);
    }

    void holdAndRecallReserveStock()
    {
        TestLane t;
        auto checkout = std::make_unique<CheckoutController>(t.lane());
        QVERIFY(t.loginCashier());
        auto products = t.lane().catalog().byCategory(QString(), 2);
        const Product a = products->at(0), b = products->at(1);
        auto reserved = [&](const Product &p) {
            return t.count(QStringLiteral("SELECT reserved_stock FROM inventory WHERE "
                                          "product_id = '%1'")
                               .arg(p.id));
        };
        QVERIFY(!checkout->holdCart()); // nothing to hold
        checkout->enter(a.barcodes.value(0));
        checkout->increment(0);
        checkout->enter(b.barcodes.value(0));
        QVERIFY(checkout->setLineDiscount(1, QStringLiteral("5")));
        QVERIFY(checkout->createCustomer(QStringLiteral("Kim Ortega"), QStringLiteral("5550199"),
                                         QString()));
        const QString total = checkout->total();
        QVERIFY(checkout->holdCart(QStringLiteral("blue jacket")));
        QCOMPARE(checkout->itemCount(), 0);
        QCOMPARE(checkout->heldCarts()->count(), 1);
        QCOMPARE(reserved(a), 2);
        QCOMPARE(reserved(b), 1);
        // Holding is lane-local: the only message is the new customer's.
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic <> 'customer'")),
                 0);

        // Another customer meanwhile: recalling into a busy cart is refused.
        checkout->enter(b.barcodes.value(0));
        const QString held = checkout->heldCarts()->get(0).value(QStringLiteral("id")).toString();
        QVERIFY(!checkout->recallCart(held));
        checkout->voidCart();

        // The held cart survives a restart of the UI (it is in the database).
        checkout = std::make_unique<CheckoutController>(t.lane());
        QCOMPARE(checkout->heldCarts()->count(), 1);
        QCOMPARE(checkout->heldCarts()->get(0).value(QStringLiteral("label")).toString(),
                 QStringLiteral("blue jacket"));
        QVERIFY(checkout->recallCart(held));
        QCOMPARE(checkout->itemCount(), 3);
        QCOMPARE(checkout->total(), total); // prices and discounts as they were
        QCOMPARE(checkout->currentCart().lines().at(1).discountBp, 500);
        QCOMPARE(checkout->customerName(), QStringLiteral("Kim Ortega"));
        QCOMPARE(reserved(a), 0);
        QCOMPARE(reserved(b), 0);
        QVERIFY((checkout->heldCarts()->count() == 0));
        QVERIFY(!checkout->recallCart(held)); // only once

        // Discarding a held cart releases its units too.
        QVERIFY(checkout->holdCart());
        QCOMPARE(reserved(a), 2);
        QVERIFY(checkout->discardHeldCart(
            checkout->heldCarts()->get(0).value(QStringLiteral("id")).toString()));
        QCOMPARE(reserved(a), 0);
        QVERIFY((checkout->heldCarts()->count() == 0));
    }

    void aPaidCartCannotBeHeld()
    {
        TestLane t;
        CheckoutController checkout(t.lane());
        QVERIFY(t.loginCashier());
        auto products = t.lane().catalog().byCategory(QString(), 1);
        checkout.enter(products->first().barcodes.value(0));
        checkout.startPayment();
        QVERIFY(!checkout.holdCart());
        checkout.backToCart();
        QVERIFY(checkout.holdCart());
    }

    void returnByReceiptWithManagerApproval()
    {
        TestLane t;
        CheckoutController checkout(t.lane());
        QVERIFY(t.loginCashier());
        auto products = t.lane().catalog().byCategory(QString(), 2);
        checkout.enter(products->at(0).barcodes.value(0));
        checkout.increment(0);
        checkout.enter(products->at(1).barcodes.value(0));
        checkout.startPayment();
        checkout.payCard();
        const QString receipt = checkout.lastReceipt();
        checkout.newSale();

        QVERIFY(checkout.findSaleForReturn(QStringLiteral("L9-999999")).isEmpty());
        QVERIFY(checkout.messageIsError());
        const QVariantMap found = checkout.findSaleForReturn(receipt.toLower() + QLatin1Char(' '));
        QCOMPARE(found.value(QStringLiteral("receipt")).toString(), receipt);
        const QVariantList lines = found.value(QStringLiteral("lines")).toList();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.first().toMap().value(QStringLiteral("returnable")).toInt(), 2);
        const QString saleId = found.value(QStringLiteral("saleId")).toString();
        const QVariantList one{
            QVariantMap{{QStringLiteral("lineNo"), 1}, {QStringLiteral("quantity"), 1}}};
        const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
        const auto cashier = Lane::demoCashier();
        QCOMPARE(checkout.approvers().size(), 1);
        QVERIFY(!checkout.completeReturn(saleId, one, QStringLiteral("card"), manager->employeeId,
                                         QStringLiteral("9999")));
        QVERIFY(!checkout.completeReturn(saleId, one, QStringLiteral("card"), cashier->employeeId,
                                         cashier->pin));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE status = "
                                        "'returned'")),
                 0);
        QVERIFY2(checkout.completeReturn(saleId, one, QStringLiteral("card"), manager->employeeId,
                                         manager->pin),
                 qPrintable(checkout.message()));
        QVERIFY(checkout.message().contains(QStringLiteral("to the card")));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE status = "
                                        "'returned'")),
                 1);
        QCOMPARE(checkout.findSaleForReturn(receipt)
                     .value(QStringLiteral("lines"))
                     .toList()
                     .first()
                     .toMap()
                     .value(QStringLiteral("returnable"))
                     .toInt(),
                 1);
        // The return's receipt prints like a sale's.
        QVERIFY(!checkout.printReceipt().isEmpty());
    }

    void customersFoundCreatedAndAttached()
    {
        TestLane t;
        CheckoutController checkout(t.lane());
        QVERIFY(t.loginCashier());
        // Bad input creates nobody and publishes nothing.
        QVERIFY(!checkout.createCustomer(QString(), QStringLiteral("5550100"), QString()));
        QVERIFY(!checkout.createCustomer(QStringLiteral("Ann"), QStringLiteral("12"), QString()));
        QVERIFY(
            !checkout.createCustomer(QStringLiteral("Ann"), QStringLiteral("call me"), QString()));
        QVERIFY(!checkout.createCustomer(QStringLiteral("Ann"), QString(), QStringLiteral("ann@")));
        QVERIFY(!checkout.createCustomer(QStringLiteral("Ann"), QString(), QString()));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM customers")), 0);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = 'customer'")),
                 0);

        QVERIFY2(checkout.createCustomer(QStringLiteral(" Ann  Lee "),
                                         QStringLiteral("+1 (555) 010-0100"),
                                         QStringLiteral("ann@example.com")),
                 qPrintable(checkout.message()));
        QCOMPARE(checkout.customerName(), QStringLiteral("Ann Lee"));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE phone = "
                                        "'+15550100100'")),
                 1);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = 'customer'")),
                 1);
        // The same phone again is refused, with the name of who has it.
        QVERIFY(!checkout.createCustomer(QStringLiteral("Bob"), QStringLiteral("+15550100100"),
                                         QString()));
        QVERIFY(checkout.message().contains(QStringLiteral("Ann Lee")));

        // Found by part of the phone number, however typed, and by name; LIKE wildcards are
        // taken literally.
        QCOMPARE(checkout.findCustomers(QStringLiteral("010-0100")).size(), 1);
        QCOMPARE(checkout.findCustomers(QStringLiteral("ann")).size(), 1);
        QCOMPARE(checkout.findCustomers(QStringLiteral("LEE")).size(), 1);
        QCOMPARE(checkout.findCustomers(QStringLiteral("%")).size(), 0);
        QCOMPARE(checkout.findCustomers(QStringLiteral("a_n")).size(), 0);
        QCOMPARE(checkout.findCustomers(QStringLiteral("x")).size(), 0);

        // The sale names its customer; the next sale starts without one.
        auto products = t.lane().catalog().byCategory(QString(), 1);
        checkout.enter(products->first().barcodes.value(0));
        checkout.startPayment();
        checkout.payCard();
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM transactions t JOIN customers c ON "
                                        "c.id = t.customer_id WHERE c.name = 'Ann Lee'")),
                 1);
        checkout.newSale();
        QCOMPARE(checkout.customerName(), QString());
    }

    void printsTheLastSaleAsPdf()
    {
        TestLane t;
        CheckoutController checkout(t.lane());
        QVERIFY(checkout.printReceipt().isEmpty()); // nobody logged in
        QVERIFY(t.loginCashier());
        QVERIFY(checkout.printReceipt().isEmpty()); // no sale yet
        QVERIFY(checkout.messageIsError());

        auto products = t.lane().catalog().byCategory(QString(), 2);
        QVERIFY(products);
        QCOMPARE(products->size(), 2);
        for (const Product &p : *products)
            checkout.enter(p.barcodes.value(0, p.sku));
        checkout.startPayment();
        checkout.payCardAmount(QStringLiteral("1.00"));
        checkout.payCashCents(100000);
        QCOMPARE(checkout.stage(), CheckoutController::Stage::Done);

        const QString path = checkout.printReceipt();
        QVERIFY2(!path.isEmpty(), qPrintable(checkout.message()));
        QVERIFY(path.startsWith(t.dir()));
        QVERIFY(path.endsWith(checkout.lastReceipt() + QStringLiteral(".pdf")));
        QCOMPARE(checkout.lastReceiptPdf(), path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pdf = f.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        // One page, 80 mm (226.77 pt) wide, as long as the sale needs.
        static const QRegularExpression box(
            QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
        const auto m = box.match(QString::fromLatin1(pdf));
        QVERIFY2(m.hasMatch(), "no MediaBox");
        QVERIFY(qAbs(m.captured(1).toDouble() - 226.77) < 1.0);
        QVERIFY(m.captured(2).toDouble() > 150);
        QCOMPARE(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") +
                     pdf.count("/Type /Page/") + pdf.count("/Type /Page "),
                 qsizetype(1));
    }

    void theImageShowsEveryLine()
    {
        SaleRecord sale;
        sale.receiptNumber = QStringLiteral("L1-000042");
        sale.terminalId = QStringLiteral("L1");
        sale.createdAt = QStringLiteral("2026-11-26T10:00:00.000Z");
        for (int i = 0; i < 30; ++i)
            sale.lines.append(SaleLine{
                i + 1, {}, {}, QStringLiteral("Item %1").arg(i), 1, 100, 0, 0, 0, 100, {}});
        const QImage few = ReceiptPrinter::render(SaleRecord{}, {});
        const QImage many = ReceiptPrinter::render(sale, {QStringLiteral("store-1"), {}});
        QVERIFY(!many.isNull());
        QVERIFY(many.height() > few.height() + 20 * 40); // a longer sale, a longer receipt
        QCOMPARE(many.width(), few.width());
    }
};

QTEST_MAIN(TestCheckoutController)
#include "tst_checkoutcontroller.moc"
