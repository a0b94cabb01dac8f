#include "cart.h"
#include "money.h"
#include "moneyformat.h"

#include <QTest>

// Tax per line on the net amount, rounded half away from zero to the minor unit; totals add up.
// Amounts shown and typed in each UI language and currency (MoneyFormat).
class TstMoney : public QObject
{
    Q_OBJECT

    // The UI languages' locales, as LanguageController sets them.
    static MoneyFormat moneyFormat(const QString &language, const QString &currency)
    {
        const QLocale locale = language == QLatin1String("en")
                                   ? QLocale(QLocale::English, QLocale::UnitedStates)
                                   : QLocale(language);
        const auto money = MoneyFormat::of(locale, currency);
        return money ? *money : MoneyFormat();
    }

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

    // Amounts in each UI language (en_US, es_ES, fr_FR) and currency: 2 minor digits (USD,
    // EUR), none (JPY), 3 (KWD). Negative amounts as QLocale's currency format has them.
    void format_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("text");
        const QString nb = QStringLiteral("\u00a0");  // no-break space before a trailing symbol
        const QString nnb = QStringLiteral("\u202f"); // French thousands separator
        const QString eur = QStringLiteral("\u20ac");
        const QString yen = QStringLiteral("\u00a5");
        auto row = [](const char *name, const char *language, const char *currency, qint64 minor,
                      const QString &text) {
            QTest::newRow(name) << QString::fromLatin1(language) << QString::fromLatin1(currency)
                                << minor << text;
        };
        row("en USD", "en", "USD", 1250, QStringLiteral("$12.50"));
        row("en USD zero", "en", "USD", 0, QStringLiteral("$0.00"));
        row("en USD cents", "en", "USD", 5, QStringLiteral("$0.05"));
        row("en USD thousands", "en", "USD", 123456, QStringLiteral("$1,234.56"));
        row("en USD large", "en", "USD", 123456789, QStringLiteral("$1,234,567.89"));
        row("en USD negative", "en", "USD", -3010, QStringLiteral("($30.10)"));
        row("en EUR", "en", "EUR", 1250, eur + QStringLiteral("12.50"));
        row("en EUR negative", "en", "EUR", -1250,
            QStringLiteral("(") + eur + QStringLiteral("12.50)"));
        row("en JPY", "en", "JPY", 1250, yen + QStringLiteral("1,250"));
        row("en JPY zero", "en", "JPY", 0, yen + QStringLiteral("0"));
        row("en JPY negative", "en", "JPY", -500,
            QStringLiteral("(") + yen + QStringLiteral("500)"));
        row("en KWD", "en", "KWD", 12500, QStringLiteral("KWD") + nb + QStringLiteral("12.500"));
        row("en KWD large", "en", "KWD", 1234567891,
            QStringLiteral("KWD") + nb + QStringLiteral("1,234,567.891"));
        row("en KWD negative", "en", "KWD", -5,
            QStringLiteral("(KWD") + nb + QStringLiteral("0.005)"));
        row("es EUR", "es", "EUR", 1250, QStringLiteral("12,50") + nb + eur);
        row("es EUR zero", "es", "EUR", 0, QStringLiteral("0,00") + nb + eur);
        row("es EUR 4 digits stay whole", "es", "EUR", 123450,
            QStringLiteral("1234,50") + nb + eur);
        row("es EUR 5 digits grouped", "es", "EUR", 1234550,
            QStringLiteral("12.345,50") + nb + eur);
        row("es EUR large", "es", "EUR", 123456789, QStringLiteral("1.234.567,89") + nb + eur);
        row("es EUR negative", "es", "EUR", -1250, QStringLiteral("-12,50") + nb + eur);
        row("es USD", "es", "USD", 1250, QStringLiteral("12,50") + nb + QStringLiteral("$"));
        row("es JPY", "es", "JPY", 1250, QStringLiteral("1250") + nb + yen);
        row("es JPY grouped", "es", "JPY", 12345, QStringLiteral("12.345") + nb + yen);
        row("es KWD", "es", "KWD", 12500, QStringLiteral("12,500") + nb + QStringLiteral("KWD"));
        row("es KWD negative", "es", "KWD", -12500,
            QStringLiteral("-12,500") + nb + QStringLiteral("KWD"));
        row("fr EUR", "fr", "EUR", 1250, QStringLiteral("12,50") + nb + eur);
        row("fr EUR zero", "fr", "EUR", 0, QStringLiteral("0,00") + nb + eur);
        row("fr EUR thousands", "fr", "EUR", 123450,
            QStringLiteral("1") + nnb + QStringLiteral("234,50") + nb + eur);
        row("fr EUR large", "fr", "EUR", 123456789,
            QStringLiteral("1") + nnb + QStringLiteral("234") + nnb + QStringLiteral("567,89") +
                nb + eur);
        row("fr EUR negative", "fr", "EUR", -1250,
            QStringLiteral("(12,50") + nb + eur + QStringLiteral(")"));
        row("fr USD", "fr", "USD", 1250, QStringLiteral("12,50") + nb + QStringLiteral("$"));
        row("fr JPY", "fr", "JPY", 1250,
            QStringLiteral("1") + nnb + QStringLiteral("250") + nb + yen);
        row("fr KWD", "fr", "KWD", 12500, QStringLiteral("12,500") + nb + QStringLiteral("KWD"));
    }
    void format()
    {
        QFETCH(QString, language);
        QFETCH(QString, currency);
        QFETCH(qint64, minor);
        QFETCH(QString, text);
        const MoneyFormat money = moneyFormat(language, currency);
        QCOMPARE(money.format(minor), text);
        // What the UI shows reads back as the same amount.
        const auto parsed = money.parse(text);
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(*parsed, minor);
    }

    // format, then parse, gives the amount back, in every language and currency, for the
    // shown form and the typed one.
    void roundTrip_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("currency");
        for (const char *language : {"en", "es", "fr"})
            for (const char *currency : {"USD", "EUR", "JPY", "KWD"})
                QTest::addRow("%s %s", language, currency)
                    << QString::fromLatin1(language) << QString::fromLatin1(currency);
    }
    void roundTrip()
    {
        QFETCH(QString, language);
        QFETCH(QString, currency);
        const MoneyFormat money = moneyFormat(language, currency);
        qint64 scale = 1;
        for (int i = 0; i < money.minorDigits(); ++i)
            scale *= 10;
        const qint64 largest = MoneyFormat::kMaxTypedMajor * scale + scale - 1;
        for (qint64 minor :
             {qint64(0), qint64(1), qint64(5), qint64(99), qint64(100), qint64(1250), qint64(-1250),
              qint64(1000) * scale, qint64(1234567) * scale + scale / 2, largest, -largest}) {
            for (const QString &text : {money.format(minor), money.formatNumber(minor)}) {
                const auto parsed = money.parse(text);
                QVERIFY2(parsed, qPrintable(text + QStringLiteral(": ") + parsed.error()));
                QCOMPARE(*parsed, minor);
            }
        }
        // One more than the largest typed amount is refused, and says the limit.
        const auto over = money.parse(money.formatNumber(largest + 1));
        QVERIFY(!over);
        QVERIFY2(over.error().contains(money.format(largest)), qPrintable(over.error()));
    }

    // What a cashier types: the language's decimal separator or a plain '.', thousands
    // separators where they cannot be read another way; clear errors for the rest.
    void parse_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("error"); // empty: accepted as minor
        auto ok = [](const char *name, const char *language, const char *currency,
                     const QString &text, qint64 minor) {
            QTest::newRow(name) << QString::fromLatin1(language) << QString::fromLatin1(currency)
                                << text << minor << QString();
        };
        auto bad = [](const char *name, const char *language, const char *currency,
                      const QString &text, const QString &error) {
            QTest::newRow(name) << QString::fromLatin1(language) << QString::fromLatin1(currency)
                                << text << qint64(0) << error;
        };
        const QString notAmount = QStringLiteral("is not an amount; type it like");
        ok("en whole", "en", "USD", QStringLiteral("20"), 2000);
        ok("en one decimal", "en", "USD", QStringLiteral("12.3"), 1230);
        ok("en two decimals", "en", "USD", QStringLiteral("12.34"), 1234);
        ok("en dollar sign", "en", "USD", QStringLiteral("$40.00"), 4000);
        ok("en code", "en", "USD", QStringLiteral("usd 3"), 300);
        ok("en spaces", "en", "USD", QStringLiteral(" 5 "), 500);
        ok("en leading point", "en", "USD", QStringLiteral(".5"), 50);
        ok("en thousands", "en", "USD", QStringLiteral("1,234.50"), 123450);
        ok("en thousands, whole", "en", "USD", QStringLiteral("1,234"), 123400);
        ok("en space as thousands", "en", "USD", QStringLiteral("1 234.50"), 123450);
        ok("en largest", "en", "USD", QStringLiteral("9,999,999.99"), 999999999);
        ok("en negative", "en", "USD", QStringLiteral("-5"), -500);
        ok("en negative sign before symbol", "en", "USD", QStringLiteral("-$5"), -500);
        ok("en negative in parentheses", "en", "USD", QStringLiteral("($5.00)"), -500);
        ok("en zero", "en", "USD", QStringLiteral("0"), 0);
        bad("en comma is a thousands separator", "en", "USD", QStringLiteral("12,34"),
            QStringLiteral("\"12,34\" is not an amount; type it like 12.50."));
        bad("en two decimal separators", "en", "USD", QStringLiteral("1.2.3"), notAmount);
        bad("en mixed separators", "en", "USD", QStringLiteral("1.2,3"), notAmount);
        bad("en three decimals", "en", "USD", QStringLiteral("12.345"), notAmount);
        bad("en group of two", "en", "USD", QStringLiteral("1,23,456"), notAmount);
        bad("en trailing point", "en", "USD", QStringLiteral("12."), notAmount);
        bad("en two signs", "en", "USD", QStringLiteral("--5"), notAmount);
        bad("en letters", "en", "USD", QStringLiteral("abc"), notAmount);
        bad("en empty", "en", "USD", QString(), notAmount);
        bad("en exponent", "en", "USD", QStringLiteral("1e5"), notAmount);
        bad("en another currency's sign", "en", "USD", QStringLiteral("\u20ac5"), notAmount);
        bad("en too large", "en", "USD", QStringLiteral("100000000"),
            QStringLiteral("\"100000000\" is more than $9,999,999.99."));
        bad("en too large by a cent", "en", "USD", QStringLiteral("10,000,000"),
            QStringLiteral("is more than"));
        ok("en EUR", "en", "EUR", QStringLiteral("\u20ac12.50"), 1250);
        ok("en JPY grouped", "en", "JPY", QStringLiteral("\u00a51,250"), 1250);
        ok("en JPY whole", "en", "JPY", QStringLiteral("1250"), 1250);
        bad("en JPY has no decimals", "en", "JPY", QStringLiteral("12.5"),
            QStringLiteral("\"12.5\" is not an amount; type it like 1,250."));
        ok("en KWD three decimals", "en", "KWD", QStringLiteral("12.345"), 12345);
        ok("en KWD one decimal", "en", "KWD", QStringLiteral("12.5"), 12500);
        ok("en KWD thousands", "en", "KWD", QStringLiteral("1,234.567"), 1234567);
        ok("en KWD comma is thousands", "en", "KWD", QStringLiteral("1,234"), 1234000);
        bad("en KWD four decimals", "en", "KWD", QStringLiteral("12.3456"),
            QStringLiteral("type it like 12.500"));

        ok("es decimal comma", "es", "EUR", QStringLiteral("12,50"), 1250);
        ok("es decimal comma, one digit", "es", "EUR", QStringLiteral("40,5"), 4050);
        ok("es plain point", "es", "EUR", QStringLiteral("12.50"), 1250);
        ok("es thousands and decimals", "es", "EUR", QStringLiteral("1.234,50"), 123450);
        ok("es thousands only", "es", "EUR", QStringLiteral("1.234"), 123400);
        ok("es large", "es", "EUR", QStringLiteral("1.234.567,89 \u20ac"), 123456789);
        ok("es symbol after", "es", "EUR", QStringLiteral("12,5 \u20ac"), 1250);
        ok("es code", "es", "EUR", QStringLiteral("12,50 EUR"), 1250);
        ok("es negative", "es", "EUR", QStringLiteral("-12,50 \u20ac"), -1250);
        bad("es three decimals", "es", "EUR", QStringLiteral("12,345"),
            QStringLiteral("\"12,345\" is not an amount; type it like 12,50."));
        bad("es English thousands", "es", "EUR", QStringLiteral("1,234.50"), notAmount);
        bad("es rubbish", "es", "EUR", QStringLiteral("doce"), notAmount);
        ok("es JPY thousands", "es", "JPY", QStringLiteral("1.250"), 1250);
        bad("es JPY decimals", "es", "JPY", QStringLiteral("12,5"), notAmount);
        ok("es KWD decimal comma", "es", "KWD", QStringLiteral("1,234"), 1234);
        ok("es KWD thousands and decimals", "es", "KWD", QStringLiteral("1.234,5"), 1234500);
        // '.' is both Spanish's thousands separator and the plain decimal point.
        bad("es KWD point is ambiguous", "es", "KWD", QStringLiteral("1.234"),
            QStringLiteral("\"1.234\" can be read two ways: type 1,234 or 1234,000."));

        ok("fr decimal comma", "fr", "EUR", QStringLiteral("12,50"), 1250);
        ok("fr plain point", "fr", "EUR", QStringLiteral("12.50"), 1250);
        ok("fr space thousands", "fr", "EUR", QStringLiteral("1 234,50"), 123450);
        ok("fr as shown", "fr", "EUR", QStringLiteral("1\u202f234,50\u00a0\u20ac"), 123450);
        ok("fr negative in parentheses", "fr", "EUR", QStringLiteral("(12,50 \u20ac)"), -1250);
        ok("fr zero", "fr", "EUR", QStringLiteral("0"), 0);
        bad("fr point is no thousands separator", "fr", "EUR", QStringLiteral("1.234"), notAmount);
        bad("fr two digits after a space", "fr", "EUR", QStringLiteral("12 50"), notAmount);
        bad("fr too large", "fr", "EUR", QStringLiteral("10 000 000"),
            QStringLiteral("\"10 000 000\" is more than 9\u202f999\u202f999,99\u00a0\u20ac."));
        ok("fr JPY", "fr", "JPY", QStringLiteral("1 250"), 1250);
        bad("fr JPY decimals", "fr", "JPY", QStringLiteral("12,5"),
            QStringLiteral("type it like 1\u202f250."));
        ok("fr KWD", "fr", "KWD", QStringLiteral("12,345"), 12345);
        ok("fr USD", "fr", "USD", QStringLiteral("12,50 $"), 1250);
    }
    void parse()
    {
        QFETCH(QString, language);
        QFETCH(QString, currency);
        QFETCH(QString, text);
        QFETCH(qint64, minor);
        QFETCH(QString, error);
        const auto parsed = moneyFormat(language, currency).parse(text);
        if (error.isEmpty()) {
            QVERIFY2(parsed, qPrintable(parsed.error()));
            QCOMPARE(*parsed, minor);
        } else {
            QVERIFY2(!parsed, qPrintable(QString::number(parsed.value_or(0))));
            QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
        }
    }

    void currencies_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("digits"); // -1: refused
        QTest::newRow("USD") << "USD" << 2;
        QTest::newRow("EUR") << "EUR" << 2;
        QTest::newRow("JPY") << "JPY" << 0;
        QTest::newRow("KRW") << "KRW" << 0;
        QTest::newRow("KWD") << "KWD" << 3;
        QTest::newRow("BHD") << "BHD" << 3;
        QTest::newRow("CLF") << "CLF" << 4;
        QTest::newRow("lower case") << "eur" << -1;
        QTest::newRow("two letters") << "EU" << -1;
        QTest::newRow("four letters") << "EURO" << -1;
        QTest::newRow("digits") << "978" << -1;
        QTest::newRow("unknown") << "ABC" << -1;
        QTest::newRow("gold has no minor unit") << "XAU" << -1;
        QTest::newRow("no currency") << "XXX" << -1;
        QTest::newRow("empty") << "" << -1;
    }
    void currencies()
    {
        QFETCH(QString, code);
        QFETCH(int, digits);
        const auto money = MoneyFormat::of(QLocale::c(), code);
        QCOMPARE(money.ok(), digits >= 0);
        if (money)
            QCOMPARE(money->minorDigits(), digits);
        else
            QVERIFY2(money.error().contains(QLatin1String("ISO 4217")), qPrintable(money.error()));
    }

    void plainIsLocaleIndependent()
    {
        QCOMPARE(moneyFormat(QStringLiteral("fr"), QStringLiteral("EUR")).plain(-123450),
                 QStringLiteral("-1234.50 EUR"));
        QCOMPARE(moneyFormat(QStringLiteral("es"), QStringLiteral("JPY")).plain(1250),
                 QStringLiteral("1250 JPY"));
        QCOMPARE(moneyFormat(QStringLiteral("en"), QStringLiteral("KWD")).plain(5),
                 QStringLiteral("0.005 KWD"));
    }
};

QTEST_GUILESS_MAIN(TstMoney)
#include "tst_money.moc"
