// The lane's own messages match protocol/schemas: real lanes produce a message of every topic
// (a sale with a customer, a return, a stock count and a receipt, a customer, an employee, a
// reconciliation's request and completion, an acceptance of a held message, a product created
// and renamed in the product editor, and messages relayed from another lane: a held count and a
// scheduled price); every frame as the lane sends it and every payload is validated by Ajv
// (tools/validate-schemas, Node.js). A few broken copies must fail, so a validator that passes
// everything fails this test; the lane refuses the broken catalog payloads too.
#include "cart.h"
#include "catalogadmin.h"
#include "catalogpayload.h"
#include "employeeadmin.h"
#include "heldmessages.h"
#include "inbox.h"
#include "messagelog.h"
#include "peerprotocol.h"
#include "reconciler.h"
#include "testlane.h"
#include "topics.h"
#include "writetransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {
std::optional<Employee> loginAs(TestLane &t, const QString &role)
{
    const auto demo = Lane::demoEmployee(role);
    if (!demo || !t.lane().session().login(demo->employeeId, demo->pin).ok)
        return std::nullopt;
    return *t.lane().session().current();
}

QList<QJsonObject> framesOf(TestLane &t, const QString &origin)
{
    QList<QJsonObject> out;
    MessageLog log(t.db(), t.lane().config().terminalId);
    for (const MessageLog::Entry &e : log.after(origin, 0, 100000).value_or({}))
        out.append(QJsonDocument::fromJson(e.frame).object());
    return out;
}

// expect invalid: errorIncludes, when given, must be in Ajv's errors.
QJsonObject testCase(const QString &what, const QString &schema, const QJsonValue &instance,
                     bool valid = true, const QString &errorIncludes = {})
{
    QJsonObject c{
        {QStringLiteral("what"), what},
        {QStringLiteral("schema"), schema},
        {QStringLiteral("instance"), instance},
        {QStringLiteral("expect"), valid ? QStringLiteral("valid") : QStringLiteral("invalid")}};
    if (!errorIncludes.isEmpty())
        c.insert(QStringLiteral("errorIncludes"), errorIncludes);
    return c;
}

QJsonObject withPayload(QJsonObject frame, const QString &key, const QJsonValue &value)
{
    QJsonObject p = frame.value(QLatin1String("payload")).toObject();
    p.insert(key, value);
    frame.insert(QStringLiteral("payload"), p);
    return frame;
}

QJsonObject payloadOf(const QJsonObject &frame)
{
    return frame.value(QLatin1String("payload")).toObject();
}

// The lane's own verdict on a payload received from another lane (the checks before applying).
Status laneVerdict(const QJsonObject &frame, const QJsonObject &payload)
{
    return Inbox::validate(OutboxMessage{QUuid::createUuid().toString(QUuid::WithoutBraces),
                                         QStringLiteral("L2"),
                                         frame.value(QLatin1String("topic")).toString(), payload,
                                         frame.value(QLatin1String("timestamp")).toString(), 1});
}
} // namespace

class TstSchemas : public QObject
{
    Q_OBJECT

private slots:
    void lanesOwnMessagesMatchTheSchemas()
    {
        TestLane l1(QStringLiteral("L1"), 81);
        TestLane l2(QStringLiteral("L2"), 82);
        const auto manager = loginAs(l1, QStringLiteral("manager"));
        QVERIFY(manager);
        const auto cashier = loginAs(l1, QStringLiteral("cashier"));
        QVERIFY(cashier);
        auto products = l1.lane().catalog().byCategory(QString(), 10);
        QVERIFY(products && products->size() >= 2);

        // A customer, and a sale for them of two lines, paid in cash and by card.
        auto customer = l1.lane().customers().create(QStringLiteral("Ada Lovelace"),
                                                     QStringLiteral("+1 555 010 2030"),
                                                     QStringLiteral("ada@example.com"));
        QVERIFY2(customer, qPrintable(customer.error()));
        Cart cart;
        QVERIFY(cart.add(products->at(0), 2));
        QVERIFY(cart.add(products->at(1), 1));
        cart.setCustomer(customer->id, customer->name);
        QVERIFY(cart.addCash(100));
        QVERIFY(cart.addCard(cart.totalCents() - 100));
        auto sale = l1.lane().sales().complete(cart, *cashier);
        QVERIFY2(sale, qPrintable(sale.error()));
        // A return of one unit of its first line, approved by a manager.
        auto ret = l1.lane().sales().completeReturn(sale->id, {{1, 1}}, QStringLiteral("cash"),
                                                    *cashier, *manager);
        QVERIFY2(ret, qPrintable(ret.error()));
        // A stock count and a receipt.
        QVERIFY(l1.lane().stock().recordCount(products->at(1).id, 17, manager->id));
        QVERIFY(l1.lane().stock().recordDelta(products->at(1).id, 5, QStringLiteral("receipt"),
                                              manager->id));
        // An employee.
        EmployeeEdit edit;
        edit.name = QStringLiteral("Dana Cruz");
        edit.pin = QStringLiteral("2468");
        edit.discountLimitBp = 500;
        auto employee = l1.lane().employeeAdmin().save(edit, *manager);
        QVERIFY2(employee, qPrintable(employee.error()));
        // A product made in the product editor, then renamed (the rename carries the price on
        // with the time it was set: priceSetAt before hlcTime).
        ProductEdit tea;
        tea.sku = QStringLiteral("TEA-SCHEMA-1");
        tea.name = QStringLiteral("Green tea 100 g");
        tea.category = QStringLiteral("Tea");
        tea.barcodes = {QStringLiteral("4006381333931"), QStringLiteral("9780201379624")};
        tea.priceCents = 349;
        tea.taxRateBp = 825;
        auto created = l1.lane().catalogAdmin().save(tea, *manager);
        QVERIFY2(created, qPrintable(created.error()));
        l1.clock().advanceMs(1000);
        tea.id = created->id;
        tea.name = QStringLiteral("Green tea, loose, 100 g");
        auto renamed = l1.lane().catalogAdmin().save(tea, *manager);
        QVERIFY2(renamed, qPrintable(renamed.error()));
        // The shift's cash: paid in, paid out above the limit (approved), a drawer open, a voided
        // cart; the blind count closes it (published as `shift`) and the Z report takes it.
        QVERIFY(l1.lane().shifts().payIn(*cashier, 2500, QStringLiteral("change from the bank")));
        QVERIFY(
            l1.lane().shifts().payOut(*cashier, 7500, QStringLiteral("window cleaner"), &*manager));
        QVERIFY(l1.lane().shifts().noSale(*cashier));
        QVERIFY(l1.lane().shifts().cartVoided(*cashier, 1299));
        QVERIFY(l1.lane().shifts().close(*cashier, 1234,
                                         {{1000, 1}, {100, 2}, {25, 1}, {5, 1}, {1, 4}}));
        auto z = l1.lane().shifts().takeZ(*manager);
        QVERIFY2(z, qPrintable(z.error()));
        QVERIFY(l1.lane().shifts().open(*cashier, 10000, {{2000, 5}}));
        // A reconciliation (no peers: requested and completed at once).
        QSignalSpy finished(&l1.lane().reconciler(), &Reconciler::finished);
        QVERIFY(l1.lane().reconciler().reconcileNow(QStringLiteral("manager")));
        QTRY_COMPARE(finished.size(), 1);
        // L2's count stamped a year ahead is held on L1 and accepted by its manager.
        l2.clock().set(l1.clock().nowUtc().addDays(365));
        QVERIFY(l2.lane().stock().recordCount(products->at(0).id, 500));
        // And a price L2 has from head office, due in an hour on L1's clock, published as
        // HeadOfficeCatalog publishes it.
        {
            WriteTransaction tx(l2.db());
            QVERIFY2(tx.isActive(), qPrintable(tx.error()));
            const ScheduledPrice price{l2.lane().ids().nextString(),
                                       products->at(0).id,
                                       129,
                                       l1.clock().nowUtc().toMSecsSinceEpoch() + 3600 * 1000,
                                       QStringLiteral("head-office"),
                                       7};
            auto published = l2.lane().outbox().publish(QString(Topics::PriceScheduled),
                                                        CatalogPayload::encode(price));
            QVERIFY2(published, qPrintable(published.error()));
            const Status committed = tx.commit();
            QVERIFY2(committed, qPrintable(committed.error()));
        }
        QList<Inbox::Incoming> fromL2;
        for (const QJsonObject &f : framesOf(l2, QStringLiteral("L2"))) {
            auto parsed = PeerProtocol::parse(PeerProtocol::compact(f));
            QVERIFY2(parsed, qPrintable(parsed.error()));
            fromL2.append(Inbox::Incoming{parsed->message, parsed->payload});
        }
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("holding back messages from L2")));
        Inbox inbox(l1.db(), QStringLiteral("L1"), l1.lane().clock(), l1.lane().hlc());
        const auto applied = inbox.applyBatch(fromL2);
        QCOMPARE(applied.size(), 2);
        QCOMPARE(fromL2.at(0).message.topic, QString(Topics::Inventory));
        QVERIFY(applied.at(0).held);
        QCOMPARE(fromL2.at(1).message.topic, QString(Topics::PriceScheduled));
        QVERIFY2(applied.at(1).outcome == Inbox::Outcome::Applied, qPrintable(applied.at(1).error));
        QVERIFY(!applied.at(1).held);
        QVERIFY(l1.lane().heldMessages().accept(fromL2.first().message.id, manager->id));

        // Every frame L1 sends: its own and the two it relays for L2.
        QJsonArray cases;
        QSet<QString> topics;
        QJsonObject saleFrame;
        QList<QJsonObject> productFrames;
        QJsonObject priceFrame;
        QList<QJsonObject> frames = framesOf(l1, QStringLiteral("L1"));
        frames += framesOf(l1, QStringLiteral("L2"));
        for (const QJsonObject &f : std::as_const(frames)) {
            const QString topic = f.value(QLatin1String("topic")).toString();
            const QString what = topic + QLatin1Char(' ') + f.value(QLatin1String("id")).toString();
            topics.insert(topic);
            cases.append(testCase(what, QStringLiteral("message.schema.json"), f));
            cases.append(testCase(what, QStringLiteral("topic.%1.schema.json").arg(topic),
                                  f.value(QLatin1String("payload"))));
            if (topic == Topics::Transaction && saleFrame.isEmpty())
                saleFrame = f;
            if (topic == Topics::Product)
                productFrames.append(f);
            if (topic == Topics::PriceScheduled)
                priceFrame = f;
        }
        QCOMPARE(topics, (QSet<QString>{Topics::Transaction, Topics::Inventory, Topics::Customer,
                                        Topics::Employee, Topics::ReconciliationRequest,
                                        Topics::ReconciliationComplete, Topics::HeldAccepted,
                                        Topics::Product, Topics::PriceScheduled, Topics::Shift,
                                        Topics::ZReport}));
        const QJsonObject salePayload = saleFrame.value(QLatin1String("payload")).toObject();
        QVERIFY(salePayload.contains(QLatin1String("customerId")));
        QCOMPARE(frames.size(), 15);
        // The product's two versions: created (its price set then), renamed (the price carried
        // on from the first version's time); the scheduled price as L2 published it.
        QCOMPARE(productFrames.size(), 2);
        const QJsonObject product = payloadOf(productFrames.first());
        const QJsonObject rename = payloadOf(productFrames.last());
        QCOMPARE(product.value(QLatin1String("priceSetAt")),
                 product.value(QLatin1String("hlcTime")));
        QCOMPARE(rename.value(QLatin1String("priceSetAt")),
                 product.value(QLatin1String("hlcTime")));
        QVERIFY(rename.value(QLatin1String("hlcTime")) != product.value(QLatin1String("hlcTime")));
        QCOMPARE(product.value(QLatin1String("barcodes")).toArray().size(), 2);
        QCOMPARE(product.value(QLatin1String("editedBy")).toString(), manager->id);
        const QJsonObject price = payloadOf(priceFrame);
        QCOMPARE(priceFrame.value(QLatin1String("fromTerminal")).toString(), QStringLiteral("L2"));
        QCOMPARE(price.value(QLatin1String("headOfficeSeq")).toInt(), 7);

        // Broken copies: each must fail.
        cases.append(
            testCase(QStringLiteral("totalCents as text"), QStringLiteral("message.schema.json"),
                     withPayload(saleFrame, QStringLiteral("totalCents"), QStringLiteral("12.00")),
                     false, QStringLiteral("totalCents")));
        QJsonObject badOrigin = saleFrame;
        badOrigin.insert(QStringLiteral("fromTerminal"), QStringLiteral("lane one"));
        cases.append(testCase(QStringLiteral("fromTerminal with a space"),
                              QStringLiteral("message.schema.json"), badOrigin, false));
        QJsonObject wide = salePayload;
        for (int i = 0; i <= 16; ++i)
            wide.insert(QStringLiteral("future%1").arg(i), i);
        cases.append(testCase(QStringLiteral("17 unknown members"),
                              QStringLiteral("topic.transaction.schema.json"), wide, false,
                              QStringLiteral("x-maxUnknownMembers")));
        QJsonObject junk = salePayload;
        QJsonArray junkLines = junk.value(QLatin1String("lines")).toArray();
        QJsonObject junkLine = junkLines.first().toObject();
        junkLine.insert(QStringLiteral("junk"), QString(64 * 1024, QLatin1Char('j')));
        junkLines.replace(0, junkLine);
        junk.insert(QStringLiteral("lines"), junkLines);
        cases.append(testCase(QStringLiteral("64 KiB of unknown members in a line"),
                              QStringLiteral("topic.transaction.schema.json"), junk, false,
                              QStringLiteral("x-maxUnknownBytes")));
        // 1,000 lines (the most there may be) with names of 200 euro signs: over 768 KiB.
        QJsonObject big = salePayload;
        QJsonArray lines = big.value(QLatin1String("lines")).toArray();
        QJsonObject line = lines.first().toObject();
        line.insert(QStringLiteral("name"), QString(200, QChar(0x20AC)));
        while (lines.size() < 1000)
            lines.append(line);
        big.insert(QStringLiteral("lines"), lines);
        QVERIFY(QJsonDocument(big).toJson(QJsonDocument::Compact).size() > 786432);
        cases.append(testCase(QStringLiteral("over x-maxPayloadBytes"),
                              QStringLiteral("topic.transaction.schema.json"), big, false,
                              QStringLiteral("x-maxPayloadBytes")));

        // Broken catalog messages: each must fail the schema, and the lane refuses each too.
        const QJsonObject &productFrame = productFrames.first();
        QJsonObject negative = product;
        negative.insert(QStringLiteral("priceCents"), -1);
        QJsonObject manyCodes = product;
        QJsonArray codes;
        for (int i = 0; i <= CatalogPayload::MaxBarcodes; ++i)
            codes.append(QStringLiteral("2000000%1").arg(i, 6, 10, QLatin1Char('0')));
        QCOMPARE(codes.size(), 33);
        manyCodes.insert(QStringLiteral("barcodes"), codes);
        QJsonObject noSku = product;
        noSku.remove(QStringLiteral("sku"));
        QJsonObject noEffectiveAt = price;
        noEffectiveAt.remove(QStringLiteral("effectiveAt"));
        const struct
        {
            QString what;
            QJsonObject frame;
            QJsonObject payload;
            QString errorIncludes;
        } brokenCatalog[] = {
            {QStringLiteral("a product with a negative priceCents"), productFrame, negative,
             QStringLiteral("priceCents")},
            {QStringLiteral("a product with 33 barcodes"), productFrame, manyCodes,
             QStringLiteral("barcodes")},
            {QStringLiteral("a product without sku"), productFrame, noSku, QStringLiteral("sku")},
            {QStringLiteral("a price.scheduled without effectiveAt"), priceFrame, noEffectiveAt,
             QStringLiteral("effectiveAt")},
        };
        for (const auto &b : brokenCatalog) {
            const QString topic = b.frame.value(QLatin1String("topic")).toString();
            QJsonObject frame = b.frame;
            frame.insert(QStringLiteral("payload"), b.payload);
            cases.append(testCase(b.what, QStringLiteral("message.schema.json"), frame, false,
                                  b.errorIncludes));
            cases.append(testCase(b.what, QStringLiteral("topic.%1.schema.json").arg(topic),
                                  b.payload, false, b.errorIncludes));
            QVERIFY2(!laneVerdict(b.frame, b.payload), qPrintable(b.what));
            QVERIFY2(laneVerdict(b.frame, payloadOf(b.frame)), qPrintable(b.what));
        }

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("cases.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(cases).toJson(QJsonDocument::Compact));
        file.close();

        QProcess node;
        node.setProcessChannelMode(QProcess::MergedChannels);
        node.start(QStringLiteral(LANE_SOURCE_DIR "/tools/validate-schemas"), {file.fileName()});
        QVERIFY2(node.waitForStarted(60000), qPrintable(node.errorString()));
        // The first run installs Ajv from the npm registry.
        QVERIFY(node.waitForFinished(600000));
        const QString out = QString::fromUtf8(node.readAll());
        qInfo().noquote() << out.trimmed();
        QCOMPARE(node.exitStatus(), QProcess::NormalExit);
        QVERIFY2(node.exitCode() == 0, qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("%1/%1 cases as expected").arg(cases.size())),
                 qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TstSchemas)
#include "tst_schemas.moc"
