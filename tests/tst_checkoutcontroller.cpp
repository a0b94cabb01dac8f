// The checkout controller on a real lane: price overrides and discounts within the cashier's
// limit or approved by a manager's PIN (the price paid is stored with the sale, the approval is
// logged); held carts and their reserved units; returns by receipt number; customers; and the
// printed receipt, the last sale as a PDF (QPdfWriter) in the lane's data directory, 80 mm wide.
#include "checkoutcontroller.h"
#include "clock.h"
#include "languagecontroller.h"
#include "moneyformat.h"
#include "receiptprinter.h"
#include "testlane.h"
#include "transactionpayload.h"

#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>

#include <QTest>

#include <algorithm>
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
        QVERIFY(checkout.hasDiscount());
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
        QVERIFY(!checkout.setLinePrice(0, t.lane().money().format(price)));
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

    // Every amount on screen follows the UI language and the store's currency: switching either
    // re-emits the totals and the models' money roles; typed amounts read the language's way.
    void amountsFollowTheLanguageAndTheCurrency()
    {
        TestLane t;
        CheckoutController checkout(t.lane());
        QVERIFY(t.loginCashier());
        const Product p = t.lane().catalog().byCategory(QString(), 1)->first();
        checkout.showCategory(p.categoryId);
        checkout.enter(p.barcodes.value(0));
        QCOMPARE(t.lane().money().currency(), QStringLiteral("USD"));
        QCOMPARE(checkout.total(), t.lane().money().format(checkout.currentCart().totalCents()));
        QVERIFY(checkout.total().startsWith(QLatin1Char('$')));
        QCOMPARE(checkout.amountExample(), QStringLiteral("40.00"));

        QSignalSpy totals(&checkout, &CheckoutController::totalsChanged);
        QSignalSpy lines(checkout.cart(), &QAbstractItemModel::dataChanged);
        QSignalSpy tiles(checkout.products(), &QAbstractItemModel::dataChanged);
        LanguageController language(t.lane());
        QCOMPARE(totals.size(), 0); // still English
        QVERIFY(language.setLanguage(QStringLiteral("fr")));
        QCOMPARE(totals.size(), 1);
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines.first().at(2).value<QList<int>>().contains(CartModel::UnitPriceRole));
        QCOMPARE(tiles.size(), 1);
        const MoneyFormat frenchDollars = t.lane().money();
        QCOMPARE(frenchDollars.locale().language(), QLocale::French);
        QCOMPARE(checkout.cart()->data(checkout.cart()->index(0), CartModel::UnitPriceRole),
                 QVariant(frenchDollars.format(p.priceCents)));
        QVERIFY(checkout.total().endsWith(QStringLiteral(" $")));
        QVERIFY(checkout.total().contains(QLatin1Char(',')));
        QCOMPARE(checkout.amountExample(), QStringLiteral("40,00"));

        // A store in the euro area.
        t.lane().setMoneyFormat(*MoneyFormat::of(frenchDollars.locale(), QStringLiteral("EUR")));
        QCOMPARE(totals.size(), 2);
        QVERIFY(checkout.total().endsWith(QStringLiteral(" €")));
        QCOMPARE(checkout.products()
                     ->data(checkout.products()->index(0), ProductModel::PriceRole)
                     .toString()
                     .right(2),
                 QStringLiteral(" €"));

        // Typed amounts: the decimal comma, the plain point; rubbish is refused.
        checkout.startPayment();
        checkout.payCardAmount(QStringLiteral("1,50"));
        QCOMPARE(checkout.paid(), QStringLiteral("1,50 €"));
        checkout.payCardAmount(QStringLiteral("0.50"));
        QCOMPARE(checkout.paid(), QStringLiteral("2,00 €"));
        checkout.payCardAmount(QStringLiteral("1.234"));
        QVERIFY(checkout.messageIsError());
        QCOMPARE(checkout.tenders().size(), 2);

        // Back to English: the same payments, shown the English way.
        QVERIFY(language.setLanguage(QStringLiteral("en")));
        QCOMPARE(checkout.paid(), QStringLiteral("€2.00"));
        checkout.payCard();
        QCOMPARE(checkout.stage(), CheckoutController::Stage::Done);
        QCOMPARE(checkout.lastTotal(), t.lane().money().format(checkout.lastSale()->totalCents));
        QSignalSpy lastSale(&checkout, &CheckoutController::lastSaleChanged);
        QVERIFY(language.setLanguage(QStringLiteral("es")));
        QCOMPARE(lastSale.size(), 1);
        QVERIFY(checkout.lastTotal().endsWith(QStringLiteral(" €")));
        QVERIFY(language.setLanguage(QStringLiteral("en")));
    }

    // The receipt's amounts and date in the language and currency it is printed in.
    void receiptInTheLanguageAndCurrency_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("rows");
        const QString eur = QStringLiteral(" €");
        QTest::newRow("en USD") << "en"
                                << "USD"
                                << "completed"
                                << QStringList{QStringLiteral("Total\t$1,250.00"),
                                               QStringLiteral("Cash\t$2,000.00"),
                                               QStringLiteral("Change\t$750.00")};
        QTest::newRow("fr EUR") << "fr"
                                << "EUR"
                                << "completed"
                                << QStringList{QStringLiteral("\t1\u202f250,00") + eur,
                                               QStringLiteral("\t750,00") + eur};
        QTest::newRow("es EUR") << "es"
                                << "EUR"
                                << "completed"
                                << QStringList{QStringLiteral("\t1250,00") + eur,
                                               QStringLiteral("\t2000,00") + eur};
        QTest::newRow("en JPY") << "en"
                                << "JPY"
                                << "completed"
                                << QStringList{QStringLiteral("Total\t\u00a5125,000"),
                                               QStringLiteral("Change\t\u00a575,000")};
        QTest::newRow("en KWD") << "en"
                                << "KWD"
                                << "completed"
                                << QStringList{QStringLiteral("Total\tKWD\u00a0125.000")};
        QTest::newRow("en USD return")
            << "en"
            << "USD"
            << "returned" << QStringList{QStringLiteral("Total\t($1,250.00)")};
        QTest::newRow("fr EUR return")
            << "fr"
            << "EUR"
            << "returned"
            << QStringList{QStringLiteral("\t(1\u202f250,00") + eur + QStringLiteral(")")};
    }
    void receiptInTheLanguageAndCurrency()
    {
        QFETCH(QString, language);
        QFETCH(QString, currency);
        QFETCH(QString, status);
        QFETCH(QStringList, rows);
        const int sign = status == QLatin1String("returned") ? -1 : 1;
        SaleRecord sale;
        sale.receiptNumber = QStringLiteral("L1-000042");
        sale.terminalId = QStringLiteral("L1");
        sale.status = status;
        sale.createdAt = QStringLiteral("2026-11-26T10:00:00.000Z");
        sale.lines.append(
            SaleLine{1, {}, {}, QStringLiteral("Wine"), 2, 50000, 0, 0, 0, 100000, {}});
        sale.subtotalCents = sign * 100000;
        sale.taxCents = sign * 25000;
        sale.totalCents = sign * 125000;
        if (sign > 0)
            sale.payments.append(SalePayment{1, QStringLiteral("cash"), 125000, 200000, 75000});
        const QLocale locale = LanguageController::localeOf(language);
        const auto money = MoneyFormat::of(locale, currency);
        QVERIFY(money);
        const QStringList text =
            ReceiptPrinter::text(sale, {QStringLiteral("store-1"), QStringLiteral("Ann"), *money});
        for (const QString &row : rows)
            QVERIFY2(std::any_of(text.begin(), text.end(),
                                 [&](const QString &line) { return line.endsWith(row); }),
                     qPrintable(row + QStringLiteral(" not in:\n") + text.join(QLatin1Char('\n'))));
        // The date as the language writes it.
        const QString date =
            locale.toString(Clock::fromIso(sale.createdAt).toLocalTime(), QLocale::ShortFormat);
        QVERIFY2(text.contains(date), qPrintable(text.join(QLatin1Char('\n'))));
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
        const QImage many = ReceiptPrinter::render(sale, {QStringLiteral("store-1"), {}, {}});
        QVERIFY(!many.isNull());
        QVERIFY(many.height() > few.height() + 20 * 40); // a longer sale, a longer receipt
        QCOMPARE(many.width(), few.width());
    }
};

QTEST_MAIN(TestCheckoutController)
#include "tst_checkoutcontroller.moc"
