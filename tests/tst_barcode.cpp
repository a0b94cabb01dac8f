#include "barcode.h"

#include <QTest>

class TstBarcode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void checkDigit_data()
    {
        QTest::addColumn<QString>("digits");
        QTest::addColumn<int>("expected");
        QTest::newRow("ean13 4006381333931") << "400638133393" << 1;
        QTest::newRow("ean13 5901234123457") << "590123412345" << 7;
        QTest::newRow("ean13 9780306406157") << "978030640615" << 7;
        QTest::newRow("upca 036000291452") << "03600029145" << 2;
        QTest::newRow("all zero") << "000000000000" << 0;
    }
    void checkDigit()
    {
        QFETCH(QString, digits);
        QFETCH(int, expected);
        QCOMPARE(Barcode::checkDigit(digits), expected);
    }

    void normalize_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: must be rejected
        QTest::newRow("ean13") << "4006381333931"
                               << "4006381333931";
        QTest::newRow("ean13 with spaces around") << "  5901234123457 "
                                                  << "5901234123457";
        QTest::newRow("upc-a becomes ean13") << "036000291452"
                                             << "0036000291452";
        QTest::newRow("bad check digit") << "4006381333932"
                                         << "";
        QTest::newRow("upc-a bad check digit") << "036000291453"
                                               << "";
        QTest::newRow("too short") << "12345"
                                   << "";
        QTest::newRow("too long") << "40063813339310"
                                  << "";
        QTest::newRow("letters") << "40063813339X1"
                                 << "";
        QTest::newRow("arabic-indic digits") << QString::fromUtf8("٤٠٠٦٣٨١٣٣٣٩٣١") << "";
        QTest::newRow("empty") << ""
                               << "";
    }
    void normalize()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const auto r = Barcode::normalize(input);
        if (expected.isEmpty()) {
            QVERIFY(!r);
            QVERIFY(!r.error().isEmpty());
        } else {
            QVERIFY2(r, qPrintable(r.error()));
            QCOMPARE(*r, expected);
        }
    }

    void misreadMessageNamesTheCode()
    {
        const auto r = Barcode::normalize(QStringLiteral("4006381333932"));
        QVERIFY(r.error().contains(QLatin1String("4006381333932")));
    }

    void looksLikeBarcode()
    {
        QVERIFY(Barcode::looksLikeBarcode(QStringLiteral("4006381333931")));
        QVERIFY(Barcode::looksLikeBarcode(QStringLiteral("12345678")));
        QVERIFY(!Barcode::looksLikeBarcode(QStringLiteral("BEE-0001")));
        QVERIFY(!Barcode::looksLikeBarcode(QStringLiteral("lager")));
        QVERIFY(!Barcode::looksLikeBarcode(QStringLiteral("123")));
    }
};

QTEST_GUILESS_MAIN(TstBarcode)
#include "tst_barcode.moc"
