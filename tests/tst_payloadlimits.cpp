// The bounds on a received payload (PayloadLimits, through Inbox::validate): each limit at its
// boundary passes and one beyond fails with an error naming the limit; the schemas under
// protocol/schemas state the same figures; and a real lane sent an over-limit payload by a peer
// neither applies, stores, acks nor relays it.
#include "catalogpayload.h"
#include "inbox.h"
#include "laneprocess.h"
#include "payloadlimits.h"
#include "peerprotocol.h"
#include "testlane.h"
#include "topics.h"
#include "transactionpayload.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {
const QString kOrigin = QStringLiteral("T9");
const QString kTime = QStringLiteral("2026-11-25T10:00:00.000Z");

QString uuid(int n)
{
    return QStringLiteral("6f9619ff-8b86-4011-b42d-%1").arg(n, 12, 10, QLatin1Char('0'));
}

// A valid sale of `lines` lines of 1 unit at 1.00, paid in `payments` card payments.
QJsonObject sale(int lines, int payments = 1)
{
    SaleRecord s;
    s.id = uuid(1);
    s.receiptNumber = QStringLiteral("T9-000001");
    s.terminalId = kOrigin;
    s.employeeId = uuid(2);
    s.createdAt = kTime;
    s.hlcMs = 1764064800000;
    for (int i = 1; i <= lines; ++i) {
        SaleLine l;
        l.lineNo = i;
        l.productId = uuid(1000 + i);
        l.sku = QStringLiteral("SKU%1").arg(i);
        l.name = QStringLiteral("Product number %1").arg(i);
        l.quantity = 1;
        l.unitPriceCents = 100;
        l.totalCents = 100;
        s.lines.append(l);
    }
    s.subtotalCents = s.totalCents = s.paidCents = 100 * lines;
    for (int i = 1; i <= payments; ++i) {
        const qint64 amount = s.totalCents / payments + (i == 1 ? s.totalCents % payments : 0);
        s.payments.append(SalePayment{i, QStringLiteral("card"), amount, amount, 0});
    }
    return TransactionPayload::encode(s);
}

QJsonObject customer()
{
    return {{QStringLiteral("id"), uuid(3)},
            {QStringLiteral("name"), QStringLiteral("Ada")},
            {QStringLiteral("createdAt"), kTime},
            {QStringLiteral("updatedAt"), kTime}};
}

// A product version as a lane's product editor writes it: a rename that carries on a price set
// earlier (priceSetAt before hlcTime).
QJsonObject product(int barcodes = 1)
{
    ProductVersion v;
    v.product.id = uuid(8);
    v.product.sku = QStringLiteral("TEA-1");
    v.product.name = QStringLiteral("Green tea");
    v.product.categoryName = QStringLiteral("Tea");
    v.product.priceCents = 349;
    v.product.taxRateBp = 825;
    for (int i = 0; i < barcodes; ++i)
        v.product.barcodes.append(QStringLiteral("2000000%1").arg(i, 6, 10, QLatin1Char('0')));
    v.version = HlcTime{1764064800000, 2, kOrigin};
    v.priceVersion = HlcTime{1764061200000, 0, kOrigin};
    v.source = QStringLiteral("lane");
    v.editedBy = uuid(2);
    return CatalogPayload::encode(v);
}

// One valid payload per topic.
QJsonObject validPayload(const QString &topic)
{
    if (topic == Topics::Transaction)
        return sale(2);
    if (topic == Topics::Inventory)
        return {{QStringLiteral("productId"), uuid(4)},
                {QStringLiteral("reason"), QStringLiteral("count")},
                {QStringLiteral("currentStock"), 5},
                {QStringLiteral("lastUpdated"), kTime},
                {QStringLiteral("hlcCounter"), 0},
                {QStringLiteral("hlcTerminal"), kOrigin}};
    if (topic == Topics::Customer)
        return customer();
    if (topic == Topics::Employee)
        return {{QStringLiteral("id"), uuid(5)},
                {QStringLiteral("name"), QStringLiteral("Eve")},
                {QStringLiteral("role"), QStringLiteral("cashier")},
                {QStringLiteral("pinHash"), QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$x$y")},
                {QStringLiteral("active"), true},
                {QStringLiteral("discountLimitBp"), 0},
                {QStringLiteral("updatedAt"), kTime}};
    if (topic == Topics::HeldAccepted)
        return {{QStringLiteral("messageId"), uuid(6)},
                {QStringLiteral("origin"), QStringLiteral("L2")},
                {QStringLiteral("topic"), QStringLiteral("inventory")},
                {QStringLiteral("hlcTime"), kTime},
                {QStringLiteral("hlcCounter"), 0},
                {QStringLiteral("reason"), QStringLiteral("clock")},
                {QStringLiteral("acceptedAt"), kTime}};
    if (topic == Topics::ReconciliationRequest)
        return {{QStringLiteral("runId"), uuid(7)},
                {QStringLiteral("terminalId"), kOrigin},
                {QStringLiteral("trigger"), QStringLiteral("manager")},
                {QStringLiteral("checksum"), QString(64, QLatin1Char('a'))},
                {QStringLiteral("requestedAt"), kTime}};
    if (topic == Topics::Product)
        return product();
    if (topic == Topics::PriceScheduled)
        return CatalogPayload::encode(ScheduledPrice{uuid(9), uuid(8), 299, 1764064800000,
                                                     QStringLiteral("head-office"), 12});
    return {{QStringLiteral("runId"), uuid(7)},
            {QStringLiteral("terminalId"), kOrigin},
            {QStringLiteral("result"), QStringLiteral("in sync")}};
}

const QStringList &allTopics()
{
    static const QStringList topics{Topics::Transaction,
                                    Topics::Inventory,
                                    Topics::Customer,
                                    Topics::Employee,
                                    Topics::HeldAccepted,
                                    Topics::ReconciliationRequest,
                                    Topics::ReconciliationComplete,
                                    Topics::Product,
                                    Topics::PriceScheduled};
    return topics;
}

OutboxMessage message(const QString &topic, const QJsonObject &payload)
{
    return OutboxMessage{uuid(99), kOrigin, topic, payload, kTime, 1};
}

qsizetype compactSize(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).size();
}

// n unknown members x0, x1, ... with small values.
void addUnknown(QJsonObject &o, int n)
{
    for (int i = 0; i < n; ++i)
        o.insert(QStringLiteral("x%1").arg(i), i);
}

QJsonObject schemaOf(const QString &file)
{
    QFile f(QStringLiteral(LANE_SOURCE_DIR "/protocol/schemas/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return {keys.cbegin(), keys.cend()};
}

QSet<QString> namesOf(const QList<QLatin1String> &list)
{
    QSet<QString> out;
    for (const QLatin1String &n : list)
        out.insert(n);
    return out;
}
} // namespace

class TstPayloadLimits : public QObject
{
    Q_OBJECT

private slots:
    void everyTopicsValidPayloadPasses_data()
    {
        QTest::addColumn<QString>("topic");
        for (const QString &t : allTopics())
            QTest::newRow(qPrintable(t)) << t;
    }
    void everyTopicsValidPayloadPasses()
    {
        QFETCH(QString, topic);
        const Status s = Inbox::validate(message(topic, validPayload(topic)));
        QVERIFY2(s, qPrintable(s.error()));
    }

    // A stock message carries one figure: a delta for a sale, a count's currentStock; one with
    // both could be read either way (found by the conformance peer).
    void inventoryCarriesOneFigure()
    {
        QJsonObject delta = validPayload(QString(Topics::Inventory));
        QVERIFY(delta.contains(QLatin1String("delta")) ||
                delta.contains(QLatin1String("currentStock")));
        QJsonObject both = delta;
        both.insert(QStringLiteral("delta"), -1);
        both.insert(QStringLiteral("currentStock"), 7);
        for (const QString &reason : {QStringLiteral("sale"), QStringLiteral("count")}) {
            both.insert(QStringLiteral("reason"), reason);
            const Status s = Inbox::validate(message(QString(Topics::Inventory), both));
            QVERIFY(!s);
            QVERIFY2(s.error().contains(QLatin1String("not ")), qPrintable(s.error()));
        }
    }

    // The payload's text as received (whitespace included) is what is stored and relayed.
    void payloadBytesAtTheLimitPassAndOneMoreFails_data() { everyTopicsValidPayloadPasses_data(); }
    void payloadBytesAtTheLimitPassAndOneMoreFails()
    {
        QFETCH(QString, topic);
        const qsizetype limit = PayloadLimits::of(topic).maxPayloadBytes;
        QVERIFY(limit > 0);
        const OutboxMessage m = message(topic, validPayload(topic));
        const Status at = Inbox::validate(m, nullptr, limit);
        QVERIFY2(at, qPrintable(at.error()));
        const Status over = Inbox::validate(m, nullptr, limit + 1);
        QVERIFY(!over);
        QVERIFY2(over.error().contains(QLatin1String("maxPayloadBytes")), qPrintable(over.error()));
        QVERIFY2(over.error().contains(QString::number(limit)), qPrintable(over.error()));
    }

    // A sale of 500 lines (a big basket) is far within the transaction limit; so is the
    // largest one a lane accepts (1,000 lines).
    void bigSalesPass()
    {
        for (int lines : {500, PayloadLimits::MaxLines}) {
            const QJsonObject p = sale(lines, 3);
            QVERIFY(compactSize(p) < PayloadLimits::of(Topics::Transaction).maxPayloadBytes / 2);
            const Status s = Inbox::validate(message(Topics::Transaction, p));
            QVERIFY2(s, qPrintable(s.error()));
        }
    }

    void arrayLengthsAtTheLimitPassAndOneMoreFails()
    {
        QVERIFY(Inbox::validate(message(Topics::Transaction, sale(PayloadLimits::MaxLines))));
        Status over =
            Inbox::validate(message(Topics::Transaction, sale(PayloadLimits::MaxLines + 1)));
        QVERIFY(!over);
        QVERIFY2(over.error().contains(QLatin1String("maxLines")), qPrintable(over.error()));

        const Status payments = Inbox::validate(message(
            Topics::Transaction, sale(PayloadLimits::MaxPayments, PayloadLimits::MaxPayments)));
        QVERIFY2(payments, qPrintable(payments.error()));
        over = Inbox::validate(message(Topics::Transaction, sale(PayloadLimits::MaxPayments + 1,
                                                                 PayloadLimits::MaxPayments + 1)));
        QVERIFY(!over);
        QVERIFY2(over.error().contains(QLatin1String("maxPayments")), qPrintable(over.error()));

        QJsonObject p = sale(PayloadLimits::MaxStockChanges);
        QJsonArray changes = p.value(QLatin1String("stockChanges")).toArray();
        QCOMPARE(changes.size(), PayloadLimits::MaxStockChanges);
        QVERIFY(Inbox::validate(message(Topics::Transaction, p)));
        changes.append(changes.first());
        p.insert(QStringLiteral("stockChanges"), changes);
        over = Inbox::validate(message(Topics::Transaction, p));
        QVERIFY(!over);
        QVERIFY2(over.error().contains(QLatin1String("maxStockChanges")), qPrintable(over.error()));
    }

    // A product names at most 32 barcodes (PayloadLimits, before anything is decoded or applied).
    void barcodesAtTheLimitPassAndOneMoreFail()
    {
        const Status at =
            Inbox::validate(message(Topics::Product, product(CatalogPayload::MaxBarcodes)));
        QVERIFY2(at, qPrintable(at.error()));
        const Status over =
            Inbox::validate(message(Topics::Product, product(CatalogPayload::MaxBarcodes + 1)));
        QVERIFY(!over);
        QVERIFY2(over.error().contains(QLatin1String("at most 32 (maxBarcodes)")),
                 qPrintable(over.error()));
    }

    // A newer lane's fields pass (up to 16 per object); a 17th is refused, in the payload and
    // in each object within it that the lane reads.
    void unknownMembersAtTheLimitPassAndOneMoreFails_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QString>("array"); // empty: the payload itself
        for (const QString &t : allTopics())
            QTest::newRow(qPrintable(t)) << t << QString();
        for (const char *a : {"lines", "payments", "stockChanges"})
            QTest::newRow(a) << QString(Topics::Transaction) << QString::fromLatin1(a);
    }
    void unknownMembersAtTheLimitPassAndOneMoreFails()
    {
        QFETCH(QString, topic);
        QFETCH(QString, array);
        const auto with = [&](int n) {
            QJsonObject p = validPayload(topic);
            if (array.isEmpty()) {
                addUnknown(p, n);
                return p;
            }
            QJsonArray items = p.value(array).toArray();
            QJsonObject last = items.last().toObject();
            addUnknown(last, n);
            items.replace(items.size() - 1, last);
            p.insert(array, items);
            return p;
        };
        const Status at = Inbox::validate(message(topic, with(PayloadLimits::MaxUnknownMembers)));
        QVERIFY2(at, qPrintable(at.error()));
        const Status over =
            Inbox::validate(message(topic, with(PayloadLimits::MaxUnknownMembers + 1)));
        QVERIFY(!over);
        QVERIFY2(over.error().contains(QLatin1String("maxUnknownMembers")),
                 qPrintable(over.error()));
    }

    // Unknown members count in bytes too, summed over every object of the payload.
    void unknownBytesAtTheLimitPassAndOneMoreFails_data() { everyTopicsValidPayloadPasses_data(); }
    void unknownBytesAtTheLimitPassAndOneMoreFails()
    {
        QFETCH(QString, topic);
        const qsizetype limit = PayloadLimits::of(topic).maxUnknownBytes;
        const auto with = [&](qsizetype bytes) {
            QJsonObject p = validPayload(topic);
            qsizetype left = bytes;
            if (topic == Topics::Transaction) { // 100 bytes of it in a line
                QJsonArray lines = p.value(QLatin1String("lines")).toArray();
                QJsonObject line = lines.first().toObject();
                line.insert(QStringLiteral("note"), QString(100 - 9, QLatin1Char('n')));
                lines.replace(0, line);
                p.insert(QStringLiteral("lines"), lines);
                left -= 100;
            }
            // "x":"..." is 6 bytes plus the text
            p.insert(QStringLiteral("x"), QString(left - 6, QLatin1Char('j')));
            return p;
        };
        QCOMPARE(PayloadLimits::memberBytes(QStringLiteral("note"), QString(91, QLatin1Char('n'))),
                 100);
        const Status at = Inbox::validate(message(topic, with(limit)));
        QVERIFY2(at, qPrintable(at.error()));
        const Status over = Inbox::validate(message(topic, with(limit + 1)));
        QVERIFY(!over);
        QVERIFY2(over.error().contains(QLatin1String("maxUnknownBytes")), qPrintable(over.error()));
        QVERIFY2(over.error().contains(QString::number(limit)), qPrintable(over.error()));
        // Escaped and multi-byte text counts as written.
        QCOMPARE(PayloadLimits::memberBytes(QStringLiteral("é"), QStringLiteral("\"\n")), 11);
    }

    // The tester's case: a megabyte of junk inside an otherwise good payload.
    void aMegabyteOfJunkFails()
    {
        for (const QString &topic : allTopics()) {
            QJsonObject p = validPayload(topic);
            p.insert(QStringLiteral("junk"), QString(1000 * 1000, QLatin1Char('j')));
            const Status s = Inbox::validate(message(topic, p));
            QVERIFY2(!s, qPrintable(topic));
            QVERIFY2(s.error().contains(QLatin1String("maxPayloadBytes")), qPrintable(s.error()));
        }
    }

    // protocol/schemas states the lane's own figures and members.
    void theSchemasStateTheSameLimits_data() { everyTopicsValidPayloadPasses_data(); }
    void theSchemasStateTheSameLimits()
    {
        QFETCH(QString, topic);
        const QJsonObject schema = schemaOf(QStringLiteral("topic.%1.schema.json").arg(topic));
        QVERIFY(!schema.isEmpty());
        const PayloadLimits::Limits limits = PayloadLimits::of(topic);
        QCOMPARE(schema.value(QLatin1String("x-maxPayloadBytes")).toInteger(),
                 limits.maxPayloadBytes);
        QCOMPARE(schema.value(QLatin1String("x-maxUnknownBytes")).toInteger(),
                 limits.maxUnknownBytes);
        QCOMPARE(schema.value(QLatin1String("x-maxUnknownMembers")).toInt(),
                 PayloadLimits::MaxUnknownMembers);
        // The members an object of the payload may have: known ones plus 16.
        const auto objectSchema = [&](const QJsonObject &s) {
            return s.contains(QLatin1String("properties")) ? s
                                                           : schema.value(QLatin1String("$defs"))
                                                                 .toObject()
                                                                 .value(QLatin1String("record"))
                                                                 .toObject();
        };
        const QJsonObject top = objectSchema(schema);
        const QList<QLatin1String> &known = PayloadLimits::knownMembers(topic);
        // Every member a lane writes is one the lane and the schema know.
        const QSet<QString> written = keysOf(validPayload(topic));
        QVERIFY(keysOf(top.value(QLatin1String("properties")).toObject()).contains(written));
        QVERIFY(namesOf(known).contains(written));
        QCOMPARE(keysOf(top.value(QLatin1String("properties")).toObject()), namesOf(known));
        QCOMPARE(top.value(QLatin1String("maxProperties")).toInt(),
                 known.size() + PayloadLimits::MaxUnknownMembers);
        if (topic == Topics::Product) {
            QCOMPARE(top.value(QLatin1String("properties"))
                         .toObject()
                         .value(QLatin1String("barcodes"))
                         .toObject()
                         .value(QLatin1String("maxItems"))
                         .toInt(),
                     CatalogPayload::MaxBarcodes);
        }
        if (topic != Topics::Transaction)
            return;
        const QJsonObject defs = schema.value(QLatin1String("$defs")).toObject();
        const QJsonObject props = top.value(QLatin1String("properties")).toObject();
        const struct
        {
            const char *array;
            const char *def;
            int maxItems;
            const QList<QLatin1String> &members;
        } arrays[] = {{"lines", "line", PayloadLimits::MaxLines, PayloadLimits::knownLineMembers()},
                      {"payments", "payment", PayloadLimits::MaxPayments,
                       PayloadLimits::knownPaymentMembers()},
                      {"stockChanges", "stockChange", PayloadLimits::MaxStockChanges,
                       PayloadLimits::knownStockChangeMembers()}};
        for (const auto &a : arrays) {
            QCOMPARE(props.value(QLatin1String(a.array))
                         .toObject()
                         .value(QLatin1String("maxItems"))
                         .toInt(),
                     a.maxItems);
            const QJsonObject item = defs.value(QLatin1String(a.def)).toObject();
            QCOMPARE(keysOf(item.value(QLatin1String("properties")).toObject()),
                     namesOf(a.members));
            QCOMPARE(item.value(QLatin1String("maxProperties")).toInt(),
                     a.members.size() + PayloadLimits::MaxUnknownMembers);
        }
    }

    // A real lane refuses an over-limit payload from a peer: not acked, not applied, not
    // stored, not relayed; the good message sent after it is all three.
    void aRealLaneRefusesAnOverLimitPayload()
    {
        QTemporaryDir dir;
        LaneProcess lane(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY2(lane.start({}), qPrintable(lane.log()));
        TestLane source(kOrigin, 71);
        const QList<QByteArray> good = source.ringSaleFrames(1);
        QCOMPARE(good.size(), 1);
        const QJsonObject goodFrame = QJsonDocument::fromJson(good.first()).object();

        // A customer with half a megabyte of unknown members, and a sale with a 17th unknown
        // member in a line: both well-formed otherwise, both under the 1 MiB frame limit.
        QJsonObject junk = customer();
        junk.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        junk.insert(QStringLiteral("junk"), QString(512 * 1024, QLatin1Char('j')));
        const OutboxMessage bigCustomer{QUuid::createUuid().toString(QUuid::WithoutBraces),
                                        kOrigin,
                                        Topics::Customer,
                                        junk,
                                        kTime,
                                        2};
        QJsonObject wideSale = goodFrame.value(QLatin1String("payload")).toObject();
        QJsonArray lines = wideSale.value(QLatin1String("lines")).toArray();
        QJsonObject line = lines.first().toObject();
        addUnknown(line, PayloadLimits::MaxUnknownMembers + 1);
        lines.replace(0, line);
        wideSale.insert(QStringLiteral("lines"), lines);
        wideSale.insert(QStringLiteral("transactionId"),
                        QUuid::createUuid().toString(QUuid::WithoutBraces));
        const OutboxMessage wide{QUuid::createUuid().toString(QUuid::WithoutBraces),
                                 kOrigin,
                                 Topics::Transaction,
                                 wideSale,
                                 kTime,
                                 3};

        // A second peer that the lane relays to.
        RawPeer watcher(QStringLiteral("T8"));
        QVERIFY(watcher.connectTo(QUrl(lane.url())));
        QVERIFY(watcher.handshake());

        RawPeer peer(kOrigin);
        QVERIFY(peer.connectTo(QUrl(lane.url())));
        QVERIFY(peer.handshake());
        peer.send(PeerProtocol::compact(bigCustomer.toWire()));
        peer.send(PeerProtocol::compact(wide.toWire()));
        peer.send(good.first());
        const QString goodId = goodFrame.value(QLatin1String("id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(peer.ackedIds().contains(goodId), 20000);
        const auto relayed = [&] {
            QStringList ids;
            for (const QJsonObject &o : watcher.received())
                ids.append(o.value(QLatin1String("id")).toString());
            return ids;
        };
        QTRY_VERIFY_WITH_TIMEOUT(relayed().contains(goodId), 20000);

        QCOMPARE(peer.ackedIds(), QStringList{goodId});
        QVERIFY(!relayed().contains(bigCustomer.id));
        QVERIFY(!relayed().contains(wide.id));
        QCOMPARE(lane.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed")), 1);
        QCOMPARE(lane.count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE id = '%1'")
                                .arg(junk.value(QLatin1String("id")).toString())),
                 0);
        QCOMPARE(lane.count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id "
                                           "= 'T9'")),
                 1);
        QVERIFY(lane.stop());
        QVERIFY2(lane.log().contains(QLatin1String("maxUnknownBytes")) ||
                     lane.log().contains(QLatin1String("maxPayloadBytes")),
                 qPrintable(lane.log().right(4000)));
        QVERIFY2(lane.log().contains(QLatin1String("maxUnknownMembers")),
                 qPrintable(lane.log().right(4000)));
    }
};

QTEST_GUILESS_MAIN(TstPayloadLimits)
#include "tst_payloadlimits.moc"
