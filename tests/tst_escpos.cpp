#include "escpos.h"
#include "escposemulator.h"
#include "printdocument.h"

#include <QTest>

// The ESC/POS encoder and PrintDocument's layout: table-driven, and the test emulator's decoder
// reading back what the encoder wrote.
class TstEscPos : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pc858_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addRow("ascii") << QStringLiteral("Total 12.50") << QByteArray("Total 12.50");
        QTest::addRow("euro") << QStringLiteral("€") << QByteArray("\xD5");
        QTest::addRow("spanish") << QStringLiteral("¿Año? ¡Sí! ñÑ ü")
                                 << QByteArray("\xA8"
                                               "A\xA4o? \xAD"
                                               "S\xA1! \xA4\xA5 \x81");
        QTest::addRow("french") << QStringLiteral("é è à ç ê ô É")
                                << QByteArray("\x82 \x8A \x85 "
                                              "\x87 \x88 \x93 \x90");
        QTest::addRow("middle dot, times, no-break space") << QStringLiteral("a·b×c\u00A0d")
                                                           << QByteArray("a\xFA"
                                                                         "b\x9E"
                                                                         "c\xFF"
                                                                         "d");
        QTest::addRow("unmappable") << QStringLiteral("中 ✓") << QByteArray("? ?");
        QTest::addRow("emoji is one character") << QStringLiteral("a😀b") << QByteArray("a?b");
        QTest::addRow("control characters") << QStringLiteral("a\x1b\x10z") << QByteArray("a??z");
    }
    void pc858()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        QCOMPARE(EscPos::toPc858(text), bytes);
        // Every mapped character reads back as itself.
        QString back;
        for (char c : bytes)
            back.append(EscPos::fromPc858(quint8(c)));
        if (!bytes.contains('?'))
            QCOMPARE(back, text);
    }

    void tableRoundTrips()
    {
        for (int byte = 0x20; byte <= 0xFF; ++byte) {
            if (byte == 0x7F)
                continue;
            const QChar c = EscPos::fromPc858(quint8(byte));
            QCOMPARE(EscPos::toPc858(QString(c)), QByteArray(1, char(byte)));
        }
    }

    void commands_data()
    {
        QTest::addColumn<QByteArray>("actual");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("init") << EscPos::initialize() << QByteArray("\x1b@\x1bt\x13", 5);
        QTest::addRow("drawer kick pin 2")
            << EscPos::drawerKick() << QByteArray("\x1bp\x00\x19\xfa", 5);
        QTest::addRow("status 1") << EscPos::statusRequest(EscPos::PrinterStatus)
                                  << QByteArray("\x10\x04\x01", 3);
        QTest::addRow("status 4") << EscPos::statusRequest(EscPos::RollPaperStatus)
                                  << QByteArray("\x10\x04\x04", 3);
        QTest::addRow("empty document")
            << EscPos::encode(PrintDocument(), 48) << QByteArray("\x1b@\x1bt\x13\x1dV\x42\x03", 9);
        QTest::addRow("plain line") << EscPos::encode(PrintDocument().line(QStringLiteral("Hi")))
                                    << QByteArray("\x1b@\x1bt\x13Hi\n\x1dV\x42\x03", 12);
        QTest::addRow("bold line, then normal")
            << EscPos::encode(PrintDocument().bold(QStringLiteral("B")).line(QStringLiteral("n")))
            << QByteArray("\x1b@\x1bt\x13\x1b\x45\x01"
                          "B\n\x1b\x45\x00n\n\x1dV\x42\x03",
                          19);
        QTest::addRow("title: bold, double height, centered, all reset")
            << EscPos::encode(PrintDocument().title(QStringLiteral("T")))
            << QByteArray("\x1b@\x1bt\x13\x1b\x45\x01\x1d!\x01\x1b\x61\x01T\n"
                          "\x1b\x45\x00\x1d!\x00\x1b\x61\x00\x1dV\x42\x03",
                          29);
        QTest::addRow("row in 10 columns")
            << EscPos::encode(PrintDocument().row(QStringLiteral("Tea"), QStringLiteral("€1")), 10)
            << QByteArray("\x1b@\x1bt\x13Tea     \xD5"
                          "1\n\x1dV\x42\x03",
                          20);
    }
    void commands()
    {
        QFETCH(QByteArray, actual);
        QFETCH(QByteArray, expected);
        QCOMPARE(actual.toHex(' '), expected.toHex(' '));
    }

    void layout_data()
    {
        QTest::addColumn<int>("columns");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("48")
            << 48
            << QStringList{
                   QStringLiteral("                    Receipt"),
                   QStringLiteral("Coffee                                      2.50"),
                   QString(48, QLatin1Char('-')),
                   QStringLiteral("A very long product name that does not fit on"),
                   QStringLiteral("one line                                    9.99"),
                   QString(),
                   QStringLiteral("1\u00A0234,50\u00A0€"),
               };
        QTest::addRow("32") << 32
                            << QStringList{
                                   QStringLiteral("            Receipt"),
                                   QStringLiteral("Coffee                      2.50"),
                                   QString(32, QLatin1Char('-')),
                                   QStringLiteral("A very long product name that"),
                                   QStringLiteral("does not fit on one line    9.99"),
                                   QString(),
                                   QStringLiteral("1\u00A0234,50\u00A0€"),
                               };
    }
    void layout()
    {
        QFETCH(int, columns);
        QFETCH(QStringList, expected);
        PrintDocument doc;
        doc.centered(QStringLiteral("Receipt"))
            .row(QStringLiteral("Coffee"), QStringLiteral("2.50"))
            .separator()
            .row(QStringLiteral("A very long product name that does not fit on one line"),
                 QStringLiteral("9.99"))
            .feed()
            .line(QStringLiteral("1\u00A0234,50\u00A0€"));
        QCOMPARE(doc.toText(columns), expected);
    }

    void amountOnItsOwnLineWhenTheTextFillsIt()
    {
        const PrintDocument doc =
            PrintDocument().row(QStringLiteral("abcdefghij"), QStringLiteral("1.00"));
        QCOMPARE(doc.toText(10),
                 (QStringList{QStringLiteral("abcdefghij"), QStringLiteral("      1.00")}));
    }

    void narrowSpacesBecomeSpaces()
    {
        const PrintDocument doc = PrintDocument().line(QStringLiteral("1\u202F234\u2009€"));
        QCOMPARE(doc.toText(), QStringList{QStringLiteral("1 234 €")});
    }

    // What the encoder writes, the emulator reads back as the same lines, without a byte it
    // does not understand.
    void emulatorReadsTheEncoding()
    {
        PrintDocument doc;
        doc.title(QStringLiteral("Café Ñandú"))
            .bold(QStringLiteral("Recibo R-1"))
            .row(QStringLiteral("Crème brûlée"), QStringLiteral("3,50 €"))
            .separator()
            .row(QStringLiteral("Total"), QStringLiteral("3,50 €"), PrintDocument::Bold)
            .centered(QStringLiteral("¡Gracias!"));
        EscPosEmulator emulator;
        emulator.feed(EscPos::encode(doc, 48) + EscPos::drawerKick());
        QCOMPARE(emulator.problems(), QStringList());
        QCOMPARE(emulator.receipts(), QList<QStringList>{doc.toText(48)});
        QCOMPARE(emulator.count(EscPosEmulator::Event::Type::Init), 1);
        QCOMPARE(emulator.count(EscPosEmulator::Event::Type::Drawer), 1);
        const auto &events = emulator.events();
        QCOMPARE(events.at(1).type, EscPosEmulator::Event::Type::CodePage);
        QCOMPARE(events.at(1).value, 19);
        QVERIFY(events.at(2).bold && events.at(2).doubleHeight && events.at(2).centered);
        QVERIFY(events.at(3).bold && !events.at(3).doubleHeight && !events.at(3).centered);
        QVERIFY(!events.at(4).bold);
        QCOMPARE(events.last().value, 0); // pin 2
        QCOMPARE(events.last().onMs, 50);
        QCOMPARE(events.last().offMs, 500);
    }

    void emulatorFlagsWhatItDoesNotKnow()
    {
        EscPosEmulator emulator;
        emulator.feed(QByteArray("\x1b@ok\n\x1bZ\x07\x1d(", 10));
        QCOMPARE(emulator.problems(), (QStringList{QStringLiteral("1b 5a"), QStringLiteral("07"),
                                                   QStringLiteral("1d 28")}));
    }
};

QTEST_GUILESS_MAIN(TstEscPos)
#include "tst_escpos.moc"
