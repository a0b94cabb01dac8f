// The store-wide catalog: the `product` and `price.scheduled` topics between lanes (last write
// wins per product on its HLC time, whatever order messages come in; contested SKUs and
// barcodes), placeholders for sales of products a lane does not know yet, prices scheduled at a
// time, the product editor's rules, a published import, and head office's reply format.
// Real lanes on real SQLite files; messages pass as the frames a peer sends, through Inbox.
#include "barcode.h"
#include "cart.h"
#include "catalogadmin.h"
#include "catalogpayload.h"
#include "headofficecatalog.h"
#include "inbox.h"
#include "messagelog.h"
#include "peerprotocol.h"
#include "testlane.h"
#include "topics.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
QString digest(TestLane &t)
{
    return *CatalogStore(t.db()).digest();
}

ProductEdit editOf(const Product &p)
{
    return ProductEdit{p.id,       p.sku,        p.name,      p.categoryName,
                       p.barcodes, p.priceCents, p.taxRateBp, p.active};
}

QString ean(int k)
{
    const QString first12 = QStringLiteral("2990%1").arg(k, 8, 10, QLatin1Char('0'));
    return first12 + QString::number(Barcode::checkDigit(first12));
}

// A message from lane `origin` (as a peer would relay it), with this payload.
QByteArray frameFrom(const QString &origin, qint64 seq, const QString &topic,
                     const QJsonObject &payload, const QString &id)
{
    OutboxMessage m;
    m.id = id;
    m.fromTerminal = origin;
    m.topic = topic;
    m.payload = payload;
    m.timestamp = QStringLiteral("2026-11-25T10:00:00.000Z");
    m.seq = seq;
    return QJsonDocument(m.toWire()).toJson(QJsonDocument::Compact);
}
} // namespace

class TstCatalogSync : public QObject
{
    Q_OBJECT

private slots:
    void aNewProductReachesEveryLane()
    {
        TestLane a(QStringLiteral("L1"), 1), b(QStringLiteral("L2"), 2);
        QCOMPARE(digest(a), digest(b)); // the demo catalog: the same on every lane
        ProductEdit e;
        e.sku = QStringLiteral("NEW-1");
        e.name = QStringLiteral("Oat milk 1 l");
        e.category = QStringLiteral("Dairy alternatives");
        e.barcodes = {ean(1)};
        e.priceCents = 249;
        e.taxRateBp = 700;
        auto saved = a.lane().catalogAdmin().save(e, demoManager(a));
        QVERIFY2(saved, qPrintable(saved.error()));
        QCOMPARE(a.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = 'product'")), 1);
        QVERIFY(digest(a) != digest(b));
        QVERIFY(allApplied(deliver(b, lacking(a, b))));
        QCOMPARE(digest(b), digest(a));
        auto found = b.lane().catalog().byBarcode(ean(1));
        QVERIFY(found && found->has_value());
        QCOMPARE((*found)->name, e.name);
        QCOMPARE((*found)->priceCents, 249);
        QCOMPARE((*found)->categoryName, e.category);
        // Applied twice (a duplicate), nothing changes.
        QVERIFY(allApplied(deliver(b, lacking(a, b, QString(Topics::Product)))));
        QCOMPARE(digest(b), digest(a));
    }

    void theLaterEditWinsInEveryOrder()
    {
        TestLane a(QStringLiteral("L1"), 1), b(QStringLiteral("L2"), 2);
        TestLane c(QStringLiteral("L3"), 3), d(QStringLiteral("L4"), 4);
        auto milk = a.lane().catalog().search(QStringLiteral("Milk"), 1);
        QVERIFY(milk && !milk->isEmpty());
        ProductEdit ea = editOf(milk->first());
        ea.priceCents = 111;
        ea.name = QStringLiteral("Milk (lane 1)");
        QVERIFY(a.lane().catalogAdmin().save(ea, demoManager(a)));
        b.clock().advanceMs(5); // later on the store's time
        ProductEdit eb = editOf(milk->first());
        eb.priceCents = 222;
        QVERIFY(b.lane().catalogAdmin().save(eb, demoManager(b)));
        // c gets a's then b's, d gets b's then a's; a and b get each other's.
        QVERIFY(allApplied(deliver(c, lacking(a, c))));
        QVERIFY(allApplied(deliver(c, lacking(b, c))));
        QVERIFY(allApplied(deliver(d, lacking(b, d))));
        QVERIFY(allApplied(deliver(d, lacking(a, d))));
        QVERIFY(allApplied(deliver(a, lacking(b, a))));
        QVERIFY(allApplied(deliver(b, lacking(a, b))));
        for (TestLane *t : {&a, &c, &d})
            QCOMPARE(digest(*t), digest(b));
        auto now = d.lane().catalog().byId(milk->first().id);
        QCOMPARE((*now)->priceCents, 222);
        QCOMPARE((*now)->name, milk->first().name); // b's version: the whole record
    }

    // A rename that carries an old price on does not undo a price set meanwhile elsewhere.
    void aRenameKeepsAPriceSetMeanwhile()
    {
        TestLane a(QStringLiteral("L1"), 1), b(QStringLiteral("L2"), 2), c(QStringLiteral("L3"), 3);
        auto milk = a.lane().catalog().search(QStringLiteral("Milk"), 1);
        ProductEdit price = editOf(milk->first());
        price.priceCents = 333;
        QVERIFY(a.lane().catalogAdmin().save(price, demoManager(a)));
        b.clock().advanceMs(5);
        ProductEdit rename = editOf(milk->first()); // b has not seen the new price
        rename.name = QStringLiteral("Whole milk");
        QVERIFY(b.lane().catalogAdmin().save(rename, demoManager(b)));
        QVERIFY(allApplied(deliver(c, lacking(b, c))));
        QVERIFY(allApplied(deliver(c, lacking(a, c))));
        QVERIFY(allApplied(deliver(a, lacking(b, a))));
        QVERIFY(allApplied(deliver(b, lacking(a, b))));
        for (TestLane *t : {&a, &b, &c}) {
            auto p = t->lane().catalog().byId(milk->first().id);
            QCOMPARE((*p)->name, QStringLiteral("Whole milk"));
            QCOMPARE((*p)->priceCents, 333);
        }
        QCOMPARE(digest(a), digest(b));
        QCOMPARE(digest(c), digest(b));
    }

    // Two lanes cut off from each other both make a product with the same SKU and barcode:
    // every lane ends with the later one holding them, the other marked.
    void contestedSkuAndBarcodeSettleTheSameEverywhere()
    {
        TestLane a(QStringLiteral("L1"), 1), b(QStringLiteral("L2"), 2);
        TestLane c(QStringLiteral("L3"), 3), d(QStringLiteral("L4"), 4);
        ProductEdit e;
        e.sku = QStringLiteral("TWIN");
        e.name = QStringLiteral("Made on L1");
        e.barcodes = {ean(7)};
        e.priceCents = 100;
        auto one = a.lane().catalogAdmin().save(e, demoManager(a));
        QVERIFY(one);
        b.clock().advanceMs(5);
        e.name = QStringLiteral("Made on L2");
        auto two = b.lane().catalogAdmin().save(e, demoManager(b));
        QVERIFY(two);
        QVERIFY(allApplied(deliver(c, lacking(a, c))));
        QVERIFY(allApplied(deliver(c, lacking(b, c))));
        QVERIFY(allApplied(deliver(d, lacking(b, d))));
        QVERIFY(allApplied(deliver(d, lacking(a, d))));
        QVERIFY(allApplied(deliver(a, lacking(b, a))));
        QVERIFY(allApplied(deliver(b, lacking(a, b))));
        for (TestLane *t : {&a, &b, &c, &d}) {
            QCOMPARE(digest(*t), digest(a));
            auto bySku = t->lane().catalog().bySku(QStringLiteral("TWIN"));
            QCOMPARE((*bySku)->id, two->id);
            auto byCode = t->lane().catalog().byBarcode(ean(7));
            QCOMPARE((*byCode)->id, two->id);
            auto other = t->lane().catalog().byId(one->id);
            QCOMPARE((*other)->sku, QStringLiteral("TWIN~") + one->id.left(8));
            QVERIFY((*other)->barcodes.isEmpty());
        }
        // The later one gives the SKU up: the earlier one has it back, on every lane.
        c.clock().advanceMs(10);
        ProductEdit renamed = editOf(**c.lane().catalog().byId(two->id));
        renamed.sku = QStringLiteral("TWIN-2");
        renamed.barcodes = {ean(8)};
        QVERIFY(c.lane().catalogAdmin().save(renamed, demoManager(c)));
        for (TestLane *t : {&a, &b, &d})
            QVERIFY(allApplied(deliver(*t, lacking(c, *t))));
        for (TestLane *t : {&a, &b, &c, &d}) {
            QCOMPARE(digest(*t), digest(c));
            QCOMPARE((*t->lane().catalog().bySku(QStringLiteral("TWIN")))->id, one->id);
            QCOMPARE((*t->lane().catalog().byBarcode(ean(7)))->id, one->id);
        }
    }

    // Sales go before products: a lane that gets another lane's sale of a product it does not
    // know records it on a placeholder, and the product's message completes it.
    void aSaleOfAnUnknownProductIsKeptOnAPlaceholder()
    {
        TestLane a(QStringLiteral("L1"), 1), b(QStringLiteral("L2"), 2);
        ProductEdit e;
        e.sku = QStringLiteral("FRESH-1");
        e.name = QStringLiteral("Sourdough loaf");
        e.barcodes = {ean(3)};
        e.priceCents = 450;
        e.taxRateBp = 700;
        auto made = a.lane().catalogAdmin().save(e, demoManager(a));
        QVERIFY(made);
        Cart cart;
        QVERIFY(cart.add(*made, 2));
        QVERIFY(cart.addCard(cart.totalCents()));
        auto sale = a.lane().sales().complete(cart, demoCashier(a));
        QVERIFY2(sale, qPrintable(sale.error()));

        QVERIFY(allApplied(deliver(b, lacking(a, b, QString(Topics::Transaction)))));
        QCOMPARE(b.count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 1);
        auto placeholder = b.lane().catalog().byId(made->id);
        QVERIFY(placeholder && placeholder->has_value());
        QVERIFY((*placeholder)->placeholder);
        QVERIFY(!(*placeholder)->active);
        QCOMPARE((*placeholder)->sku, e.sku);
        QCOMPARE((*placeholder)->name, e.name);
        QCOMPARE((*placeholder)->priceCents, 450);
        auto level = b.lane().stock().store().level(made->id);
        QVERIFY(level && level->has_value());
        QCOMPARE((*level)->currentStock, -2);

        QVERIFY(allApplied(deliver(b, lacking(a, b))));
        auto complete = b.lane().catalog().byId(made->id);
        QVERIFY(!(*complete)->placeholder);
        QVERIFY((*complete)->active);
        QCOMPARE((*complete)->barcodes, QStringList{ean(3)});
        QCOMPARE((*b.lane().stock().store().level(made->id))->currentStock, -2);
        QCOMPARE(digest(b), digest(a));
    }

    // A price scheduled for 06:00 takes effect at 06:00 on the lane's own clock, also with no
    // connection then; one that arrives after its time takes effect at once; a manager's edit
    // after it wins, a rename before it does not undo it.
    void aScheduledPriceTakesEffectAtItsTime()
    {
        TestLane a(QStringLiteral("L1"), 1), late(QStringLiteral("L2"), 2);
        auto milk = a.lane().catalog().search(QStringLiteral("Milk"), 1)->first();
        const QDateTime six =
            a.clock().nowUtc().addDays(1).date().startOfDay(Qt::UTC).addSecs(6 * 3600);
        const QString changeId = QStringLiteral("0193a0c0-0000-7000-8000-000000000601");
        const QJsonObject change = CatalogPayload::encode(ScheduledPrice{
            changeId, milk.id, 99, six.toMSecsSinceEpoch(), QStringLiteral("head-office"), 12});
        const QByteArray frame =
            frameFrom(QStringLiteral("L9"), 1, QString(Topics::PriceScheduled), change,
                      QStringLiteral("0193a0c0-0000-7000-8000-00000000f001"));
        QVERIFY(allApplied(deliver(a, {frame})));
        QCOMPARE((*a.lane().catalog().byId(milk.id))->priceCents, milk.priceCents);
        QVERIFY(*CatalogStore(a.db()).headOfficeChangeSeen(12));
        // A rename the evening before carries the old price on: it does not undo the change.
        a.clock().set(six.addSecs(-8 * 3600));
        ProductEdit rename = editOf(milk);
        rename.name = QStringLiteral("Milk, fresh");
        QVERIFY(a.lane().catalogAdmin().save(rename, demoManager(a)));
        a.lane().priceSchedule().check(); // after the jump, as a lane starting then would
        a.clock().advanceMs(8 * 3600 * 1000 - 1);
        QCOMPARE((*a.lane().catalog().byId(milk.id))->priceCents, milk.priceCents);
        a.clock().advanceMs(1); // 06:00: the schedule's timer fires on the lane's clock
        QTRY_COMPARE((*a.lane().catalog().byId(milk.id))->priceCents, 99);
        QCOMPARE((*a.lane().catalog().byId(milk.id))->name, QStringLiteral("Milk, fresh"));
        // A lane that gets the change (and the rename) after 06:00: in effect at once.
        late.clock().set(six.addSecs(3600));
        QVERIFY(allApplied(deliver(late, {frame})));
        QVERIFY(allApplied(deliver(late, lacking(a, late))));
        QCOMPARE((*late.lane().catalog().byId(milk.id))->priceCents, 99);
        QCOMPARE(digest(late), digest(a));
        // A manager's price after 06:00 wins over it.
        a.clock().advanceMs(7200 * 1000);
        ProductEdit price = editOf(**a.lane().catalog().byId(milk.id));
        price.priceCents = 105;
        QVERIFY(a.lane().catalogAdmin().save(price, demoManager(a)));
        late.clock().set(six.addSecs(7200));
        QVERIFY(allApplied(deliver(late, lacking(a, late))));
        QCOMPARE((*late.lane().catalog().byId(milk.id))->priceCents, 105);
        QCOMPARE(digest(late), digest(a));
    }

    void theEditorRefusesWhatIsWrong_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("error");
        QTest::newRow("no name") << "name"
                                 << "  "
                                 << "name";
        QTest::newRow("sku with space") << "sku"
                                        << "A B"
                                        << "SKU";
        QTest::newRow("taken sku") << "sku"
                                   << "taken"
                                   << "belongs to";
        QTest::newRow("bad barcode") << "barcode"
                                     << "12345"
                                     << "Barcode 12345";
        QTest::newRow("taken barcode") << "barcode"
                                       << "taken"
                                       << "remove it there first";
        QTest::newRow("negative price") << "price"
                                        << "-1"
                                        << "price";
        QTest::newRow("tax over 100 %") << "tax"
                                        << "10001"
                                        << "tax rate";
    }

    void theEditorRefusesWhatIsWrong()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, error);
        TestLane t;
        const Product other = t.lane().catalog().search(QStringLiteral("Milk"), 1)->first();
        ProductEdit e;
        e.sku = QStringLiteral("OK-1");
        e.name = QStringLiteral("Fine");
        e.priceCents = 100;
        if (field == QLatin1String("name"))
            e.name = value;
        else if (field == QLatin1String("sku"))
            e.sku = value == QLatin1String("taken") ? other.sku : value;
        else if (field == QLatin1String("barcode"))
            e.barcodes = {value == QLatin1String("taken") ? other.barcodes.first() : value};
        else if (field == QLatin1String("price"))
            e.priceCents = value.toLongLong();
        else
            e.taxRateBp = value.toInt();
        const QString before = digest(t);
        auto saved = t.lane().catalogAdmin().save(e, demoManager(t));
        QVERIFY(!saved);
        QVERIFY2(saved.error().contains(error), qPrintable(saved.error()));
        QCOMPARE(digest(t), before);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = 'product'")), 0);
    }

    void onlyAManagerEditsProducts()
    {
        TestLane t;
        ProductEdit e;
        e.sku = QStringLiteral("OK-1");
        e.name = QStringLiteral("Fine");
        auto saved = t.lane().catalogAdmin().save(e, demoCashier(t));
        QVERIFY(!saved);
        QVERIFY(saved.error().contains(QLatin1String("manager")));
    }

    void findsByBarcodeSkuOrName()
    {
        TestLane t;
        const Product milk = t.lane().catalog().search(QStringLiteral("Milk"), 1)->first();
        auto admin = &t.lane().catalogAdmin();
        QCOMPARE(admin->find(milk.barcodes.first(), 20)->first().id, milk.id);
        QCOMPARE(admin->find(milk.sku, 20)->first().id, milk.id);
        QVERIFY(admin->find(QStringLiteral("milk"), 20)->size() >= 1);
        ProductEdit off = editOf(milk);
        off.active = false;
        QVERIFY(admin->save(off, demoManager(t)));
        // Inactive products are found in the editor (not at checkout).
        QCOMPARE(admin->find(milk.sku, 20)->first().id, milk.id);
        QVERIFY(t.lane().catalog().search(milk.name, 20)->isEmpty());
    }

    // --import-catalog on one lane sends what it changed to the others; the same file again
    // sends nothing.
    void aPublishedImportReachesEveryLane()
    {
        TestLane a(QStringLiteral("L1"), 1), b(QStringLiteral("L2"), 2);
        const Product milk = a.lane().catalog().search(QStringLiteral("Milk"), 1)->first();
        const QJsonObject changed{
            {QStringLiteral("sku"), milk.sku},
            {QStringLiteral("name"), milk.name},
            {QStringLiteral("category"), milk.categoryName},
            {QStringLiteral("priceCents"), 777},
            {QStringLiteral("taxRateBp"), milk.taxRateBp},
            {QStringLiteral("barcodes"), QJsonArray::fromStringList(milk.barcodes)}};
        const QJsonObject added{{QStringLiteral("sku"), QStringLiteral("IMP-1")},
                                {QStringLiteral("name"), QStringLiteral("Imported tea")},
                                {QStringLiteral("priceCents"), 399},
                                {QStringLiteral("taxRateBp"), 700},
                                {QStringLiteral("stock"), 12},
                                {QStringLiteral("barcodes"), QJsonArray{ean(9)}}};
        const QByteArray file =
            QJsonDocument(QJsonObject{{QStringLiteral("products"), QJsonArray{changed, added}}})
                .toJson();
        auto summary = a.lane().importer().importJson(file, QStringLiteral("test"),
                                                      CatalogImporter::Mode::Extend);
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->published, 2);
        QVERIFY(allApplied(deliver(b, lacking(a, b))));
        QCOMPARE(digest(b), digest(a));
        QCOMPARE((*b.lane().catalog().byId(milk.id))->priceCents, 777);
        auto tea = b.lane().catalog().bySku(QStringLiteral("IMP-1"));
        QCOMPARE((*b.lane().stock().store().level((*tea)->id))->currentStock, 12);
        auto again = a.lane().importer().importJson(file, QStringLiteral("test"),
                                                    CatalogImporter::Mode::Extend);
        QVERIFY(again);
        QCOMPARE(again->published, 0);
        QCOMPARE(again->unchanged, 2);
    }

    void headOfficeRepliesAreCheckedMemberByMember_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        const QByteArray product =
            R"({"seq":3,"kind":"product","updatedAt":"2026-12-01T10:00:00.000Z","product":{"productId":"0193a0c0-0000-7000-8000-0000000000a1","sku":"A-1","name":"Milk","category":"Dairy","barcodes":["4006381333931"],"priceCents":129,"taxRateBp":700,"active":true}})";
        const QByteArray price =
            R"({"seq":4,"kind":"price","updatedAt":"2026-12-01T10:00:01.000Z","price":{"changeId":"0193a0c0-0000-7000-8000-0000000000b1","productId":"0193a0c0-0000-7000-8000-0000000000a1","priceCents":119,"effectiveAt":"2026-12-02T06:00:00.000Z"}})";
        QTest::newRow("good") << (R"({"changes":[)" + product + "," + price +
                                  R"(],"cursor":4,"more":false})")
                              << "";
        QTest::newRow("empty") << QByteArray(R"({"changes":[],"cursor":0,"more":false})") << "";
        QTest::newRow("not json") << QByteArray("<html>") << "not a JSON object";
        QTest::newRow("no cursor") << QByteArray(R"({"changes":[],"more":false})") << "cursor";
        QTest::newRow("seq going back")
            << (R"({"changes":[)" + price + "," + product + R"(],"cursor":4,"more":false})")
            << "increasing";
        QTest::newRow("cursor short")
            << (R"({"changes":[)" + product + R"(],"cursor":2,"more":false})") << "before the last";
        QTest::newRow("bad kind")
            << QByteArray(
                   R"({"changes":[{"seq":1,"kind":"x","updatedAt":"2026-12-01T10:00:00.000Z"}],"cursor":1,"more":false})")
            << "kind";
        QByteArray negative = product;
        negative.replace("\"priceCents\":129", "\"priceCents\":-1");
        QTest::newRow("negative price")
            << (R"({"changes":[)" + negative + R"(],"cursor":3,"more":false})") << "priceCents";
    }

    void headOfficeRepliesAreCheckedMemberByMember()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        auto page = HeadOfficeCatalog::parse(body);
        if (error.isEmpty()) {
            QVERIFY2(page, qPrintable(page.error()));
        } else {
            QVERIFY(!page);
            QVERIFY2(page.error().contains(error), qPrintable(page.error()));
        }
    }
};

QTEST_GUILESS_MAIN(TstCatalogSync)
#include "tst_catalogsync.moc"
