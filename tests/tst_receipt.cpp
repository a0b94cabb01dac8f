// The printed receipt: CheckoutController::printReceipt writes the last sale as a PDF (QPdfWriter)
// into the lane's data directory, 80 mm wide; refused without a login or a completed sale.
#include "checkoutcontroller.h"
#include "receiptprinter.h"
#include "testlane.h"

#include <QFile>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QTest>

class TestReceipt : public QObject
{
    Q_OBJECT
private slots:
    void printsTheLastSaleAsPdf()
    {
        TestLane t;
        CheckoutController checkout(t.lane());
        QVERIFY(checkout.printReceipt().isEmpty()); // nobody logged in
        QVERIFY(t.loginCashier());
        QVERIFY(checkout.printReceipt().isEmpty()); // no sale yet
        QVERIFY(checkout.messageIsError());

        auto products = t.lane().catalog().byCategory(QString(), 2);
        QVERIFY(products && products->size() == 2);
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
            sale.lines.append(
                SaleLine{i + 1, {}, {}, QStringLiteral("Item %1").arg(i), 1, 100, 0, 0, 0, 100});
        const QImage few = ReceiptPrinter::render(SaleRecord{}, {});
        const QImage many = ReceiptPrinter::render(sale, {QStringLiteral("store-1"), {}});
        QVERIFY(!many.isNull());
        QVERIFY(many.height() > few.height() + 20 * 40); // a longer sale, a longer receipt
        QCOMPARE(many.width(), few.width());
    }
};

QTEST_MAIN(TestReceipt)
#include "tst_receipt.moc"
