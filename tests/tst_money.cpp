#include "cart.h"
#include "money.h"

#include <QTest>

// Tax per line on the net amount, rounded half away from zero to the cent; totals add up.
class TstMoney : public QObject
{
    Q_OBJECT

    static Product product(qint64 price, int taxBp)
    {
        static int n = 0;
        Product p;
        p.id = QStringLiteral("00000000-0000-4000-8000-%1").arg(++n, 12, 10, QLatin1Char('0'));
        p.sku = QStringLiteral("SKU-%1").arg(n);
        p.name = p.sku;
        p.priceCents = price;
        p.taxRateBp = taxBp;
        return p;
    }

private Q_SLOTS:
    void taxOf_data()
    {
        QTest::addColumn<qint64>("net");
        QTest::addColumn<int>("rateBp");
        QTest::addColumn<qint64>("tax");
        QTest::newRow("zero rate") << qint64(999) << 0 << qint64(0);
        QTest::newRow("8.25% of 9.99 = 0.824175 -> 0.82") << qint64(999) << 825 << qint64(82);
        QTest::newRow("8.25% of 10.00 = 0.825 -> 0.83 (half up)")
            << qint64(1000) << 825 << qint64(83);
        QTest::newRow("8.25% of 6.00 = 0.495 -> 0.50 (half up)")
            << qint64(600) << 825 << qint64(50);
        QTest::newRow("8.25% of 5.99 = 0.494175 -> 0.49") << qint64(599) << 825 << qint64(49);
        QTest::newRow("2.25% of 2.00 = 0.045 -> 0.05") << qint64(200) << 225 << qint64(5);
        QTest::newRow("10% of 0.05 = 0.005 -> 0.01") << qint64(5) << 1000 << qint64(1);
        QTest::newRow("10% of 0.04 = 0.004 -> 0.00") << qint64(4) << 1000 << qint64(0);
        QTest::newRow("return mirrors sale: -10.00") << qint64(-1000) << 825 << qint64(-83);
        QTest::newRow("return mirrors sale: -6.00") << qint64(-600) << 825 << qint64(-50);
        QTest::newRow("100%") << qint64(1234) << 10000 << qint64(1234);
        QTest::newRow("large: 1,000,000.00 at 8.25%")
            << qint64(100000000) << 825 << qint64(8250000);
    }
    void taxOf()
    {
        QFETCH(qint64, net);
        QFETCH(int, rateBp);
        QFETCH(qint64, tax);
        QCOMPARE(Money::taxOf(net, rateBp), tax);
    }

    void cartTotals_data()
    {
        // lines: price, tax bp, quantity
        QTest::addColumn<QList<QList<qint64>>>("lines");
        QTest::addColumn<qint64>("subtotal");
        QTest::addColumn<qint64>("tax");
        QTest::addColumn<qint64>("total");
        QTest::newRow("one line") << QList<QList<qint64>>{{999, 825, 1}} << qint64(999)
                                  << qint64(82) << qint64(1081);
        // Per-line rounding: 3 x 0.33 at 8.25% = 0.99 net, tax 0.081675 -> 0.08
        QTest::newRow("quantity rounds once per line")
            << QList<QList<qint64>>{{33, 825, 3}} << qint64(99) << qint64(8) << qint64(107);
        QTest::newRow("mixed rates")
            << QList<QList<qint64>>{{1000, 825, 1}, {600, 825, 1}, {449, 225, 2}} << qint64(2498)
            << qint64(83 + 50 + 20) << qint64(2498 + 153);
        QTest::newRow("tax free") << QList<QList<qint64>>{{149, 0, 4}} << qint64(596) << qint64(0)
                                  << qint64(596);
    }
    void cartTotals()
    {
        QFETCH(QList<QList<qint64>>, lines);
        QFETCH(qint64, subtotal);
        QFETCH(qint64, tax);
        QFETCH(qint64, total);
        Cart cart;
        for (const auto &l : lines)
            QVERIFY(cart.add(product(l[0], int(l[1])), int(l[2])));
        QCOMPARE(cart.subtotalCents(), subtotal);
        QCOMPARE(cart.taxCents(), tax);
        QCOMPARE(cart.totalCents(), total);
        qint64 sum = 0;
        for (const CartLine &l : cart.lines())
            sum += l.total();
        QCOMPARE(sum, cart.totalCents());
    }

    void format()
    {
        QCOMPARE(Money::format(0), QStringLiteral("$0.00"));
        QCOMPARE(Money::format(5), QStringLiteral("$0.05"));
        QCOMPARE(Money::format(123456), QStringLiteral("$1234.56"));
        QCOMPARE(Money::format(-3010), QStringLiteral("-$30.10"));
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("cents"); // -1: rejected
        QTest::newRow("whole") << "20" << qint64(2000);
        QTest::newRow("one decimal") << "12.3" << qint64(1230);
        QTest::newRow("two decimals") << "12.34" << qint64(1234);
        QTest::newRow("dollar sign") << "$40.00" << qint64(4000);
        QTest::newRow("spaces") << " 5 " << qint64(500);
        QTest::newRow("decimal comma") << "12,34" << qint64(1234);
        QTest::newRow("decimal comma, one digit") << "40,5" << qint64(4050);
        QTest::newRow("thousands separator") << "1,234.00" << qint64(-1);
        QTest::newRow("two separators") << "1.2,3" << qint64(-1);
        QTest::newRow("three decimals") << "1.234" << qint64(-1);
        QTest::newRow("negative") << "-5" << qint64(-1);
        QTest::newRow("letters") << "abc" << qint64(-1);
        QTest::newRow("empty") << "" << qint64(-1);
        QTest::newRow("too large") << "100000000" << qint64(-1);
        QTest::newRow("exponent") << "1e5" << qint64(-1);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, cents);
        const auto parsed = Money::parse(text);
        if (cents < 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed.value_or(-1), cents);
    }
};

QTEST_GUILESS_MAIN(TstMoney)
#include "tst_money.moc"
