#include "barcode.h"
#include "cart.h"
#include "testlane.h"

#include <QFile>
#include <QSqlQuery>
#include <QTest>

// The demo catalog and catalog import (JSON and CSV): all of a file or nothing of it.
class TstCatalog : public QObject
{
    Q_OBJECT

    static QString write(TestLane &t, const QString &name, const QByteArray &content)
    {
        const QString path = t.dir() + QLatin1Char('/') + name;
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
        return path;
    }

private Q_SLOTS:
    void demoCatalog()
    {
        TestLane t;
        QVERIFY(t.count(QStringLiteral("SELECT COUNT(*) FROM products")) >= 200);
        QVERIFY(t.count(QStringLiteral("SELECT COUNT(*) FROM categories")) >= 10);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM employees WHERE role = 'manager'")),
                 1);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM employees WHERE role = 'cashier'")),
                 2);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM inventory")),
                 t.count(QStringLiteral("SELECT COUNT(*) FROM products")));
        QCOMPARE(t.count(QStringLiteral(
                     "SELECT COUNT(*) FROM inventory_changes WHERE reason = 'import'")),
                 t.count(QStringLiteral("SELECT COUNT(*) FROM products")));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM products WHERE id NOT IN "
                                        "(SELECT product_id FROM product_barcodes)")),
                 0);
        QSqlQuery q(t.db().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT barcode FROM product_barcodes")));
        int codes = 0;
        while (q.next()) {
            const QString code = q.value(0).toString();
            const auto n = Barcode::normalize(code);
            QVERIFY2(n, qPrintable(code));
            QCOMPARE(*n, code);
            ++codes;
        }
        QVERIFY(codes >= 200);
    }

    void sameCatalogSameIdsOnEveryLane()
    {
        TestLane a(QStringLiteral("L1"));
        TestLane b(QStringLiteral("L2"));
        const QString sql = QStringLiteral("SELECT group_concat(id || sku, ',') FROM "
                                           "(SELECT id, sku FROM products ORDER BY id)");
        QCOMPARE(a.db().scalar(sql)->toString(), b.db().scalar(sql)->toString());
    }

    void demoCatalogLoadsOnce()
    {
        TestLane t;
        QVERIFY(t.loginCashier());
        Cart cart;
        const Product p = t.lane().catalog().byCategory(QString(), 1)->first();
        QVERIFY(cart.add(p, 2));
        QVERIFY(cart.addCard(cart.totalCents()));
        QVERIFY(t.lane().sales().complete(cart, *t.lane().session().current()));
        const qint64 after = t.lane().sales().inventory().level(p.id)->value().currentStock;
        // Importing the same catalog again (a restart, or by hand) does not reset stock.
        QFile f(Lane::demoCatalogResource());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(t.lane().importer().importJson(f.readAll(), QStringLiteral("again"),
                                               CatalogImporter::Mode::Extend));
        QCOMPARE(t.lane().sales().inventory().level(p.id)->value().currentStock, after);
    }

    void csvImport()
    {
        TestLane t;
        const qint64 before = t.count(QStringLiteral("SELECT COUNT(*) FROM products"));
        const QString path =
            write(t, QStringLiteral("extra.csv"),
                  "sku,name,category,priceCents,taxRateBp,stock,barcodes\n"
                  "NEW-1,\"Craft Lager, 6-pack\",Beer,1299,825,24,4006381333931\n"
                  "NEW-2,Ice 5lb,New Category,249,0,50,036000291452|5901234123457\n");
        auto r = t.lane().importer().importFile(path, CatalogImporter::Mode::Extend);
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(r->products, 2);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM products")), before + 2);
        auto lager = t.lane().catalog().byBarcode(QStringLiteral("4006381333931"));
        QVERIFY(lager);
        QVERIFY(lager->has_value());
        QCOMPARE(lager->value().name, QStringLiteral("Craft Lager, 6-pack"));
        QCOMPARE(lager->value().categoryName, QStringLiteral("Beer"));
        // UPC-A is stored in its EAN-13 form and found either way the scanner sends it.
        QVERIFY(t.lane().catalog().byBarcode(QStringLiteral("0036000291452"))->has_value());
        QCOMPARE(t.lane().sales().inventory().level(lager->value().id)->value().currentStock, 24);
    }

    void badFilesChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("mustContain");
        const QByteArray header = "sku,name,category,priceCents,taxRateBp,stock,barcodes\n";
        QTest::newRow("bad check digit")
            << header + "A,Ok,Beer,100,0,1,4006381333931\nB,Bad,Beer,100,0,1,4006381333932\n"
            << "line 3";
        QTest::newRow("price not a number") << header + "A,Ok,Beer,1.00,0,1,\n"
                                            << "line 2";
        QTest::newRow("negative price") << header + "A,Ok,Beer,-100,0,1,\n"
                                        << "priceCents";
        QTest::newRow("tax out of range") << header + "A,Ok,Beer,100,20000,1,\n"
                                          << "taxRateBp";
        QTest::newRow("duplicate sku") << header + "A,One,Beer,100,0,1,\nA,Two,Beer,100,0,1,\n"
                                       << "twice";
        QTest::newRow("shared barcode")
            << header + "A,One,Beer,100,0,1,4006381333931\nB,Two,Beer,100,0,1,4006381333931\n"
            << "4006381333931";
        QTest::newRow("missing columns") << QByteArray("sku,name\nA,B\n") << "header";
        QTest::newRow("empty name") << header + "A,,Beer,100,0,1,\n"
                                    << "name";
    }
    void badFilesChangeNothing()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, mustContain);
        TestLane t;
        const qint64 products = t.count(QStringLiteral("SELECT COUNT(*) FROM products"));
        const qint64 changes = t.count(QStringLiteral("SELECT COUNT(*) FROM inventory_changes"));
        auto r = t.lane().importer().importFile(write(t, QStringLiteral("bad.csv"), csv),
                                                CatalogImporter::Mode::Extend);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(mustContain), qPrintable(r.error()));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM products")), products);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM inventory_changes")), changes);
    }

    void badJson()
    {
        TestLane t;
        QVERIFY(!t.lane().importer().importFile(write(t, QStringLiteral("a.json"), "{nope"),
                                                CatalogImporter::Mode::Extend));
        QVERIFY(!t.lane().importer().importFile(
            write(t, QStringLiteral("b.json"), "{\"products\": [1]}"),
            CatalogImporter::Mode::Extend));
        QVERIFY(!t.lane().importer().importFile(write(t, QStringLiteral("c.txt"), "x"),
                                                CatalogImporter::Mode::Extend));
        QVERIFY(!t.lane().importer().importFile(t.dir() + QStringLiteral("/missing.csv"),
                                                CatalogImporter::Mode::Extend));
    }

    void replaceDeactivatesMissingProducts()
    {
        TestLane t;
        const QString path = write(t, QStringLiteral("only.csv"),
                                   "sku,name,priceCents,taxRateBp\nONLY-1,Only Product,100,0\n");
        auto r = t.lane().importer().importFile(path, CatalogImporter::Mode::Replace);
        QVERIFY2(r, qPrintable(r.error()));
        QVERIFY(r->deactivated >= 200);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM products WHERE active = 1")), 1);
        // Deactivated products stay (past sales refer to them) but cannot be sold.
        auto old = t.lane().catalog().byBarcode(QStringLiteral("2000000000015"));
        QVERIFY(old);
        QVERIFY(old->has_value());
        Cart cart;
        QVERIFY(!cart.add(old->value()));
    }
};

QTEST_GUILESS_MAIN(TstCatalog)
#include "tst_catalog.moc"
