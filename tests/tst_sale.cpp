#include "cart.h"
#include "lane.h"
#include "outboxmessage.h"
#include "testlane.h"
#include "topics.h"
#include "transactionpayload.h"
#include "writetransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

// Completing a sale: every row in one transaction, or none of them and the cart kept.
class TstSale : public QObject
{
    Q_OBJECT

    static Cart paidCart(TestLane &t, int lines = 3)
    {
        Cart cart;
        auto products = t.lane().catalog().byCategory(QString(), lines);
        for (const Product &p : *products)
            (void)cart.add(p, 2);
        (void)cart.addCard(cart.totalCents() / 2);
        (void)cart.addCash(cart.remainingCents() + 500);
        return cart;
    }

    struct Counts
    {
        qint64 transactions, lines, payments, changes, outbox, stockSum, receipts;
        bool operator==(const Counts &o) const
        {
            return transactions == o.transactions && lines == o.lines && payments == o.payments &&
                   changes == o.changes && outbox == o.outbox && stockSum == o.stockSum &&
                   receipts == o.receipts;
        }
    };
    static Counts counts(TestLane &t)
    {
        return {
            t.count(QStringLiteral("SELECT COUNT(*) FROM transactions")),
            t.count(QStringLiteral("SELECT COUNT(*) FROM transaction_lines")),
            t.count(QStringLiteral("SELECT COUNT(*) FROM payments")),
            t.count(QStringLiteral("SELECT COUNT(*) FROM inventory_changes WHERE reason = 'sale'")),
            t.count(QStringLiteral("SELECT COUNT(*) FROM outbox")),
            t.count(QStringLiteral("SELECT SUM(current_stock) FROM inventory")),
            t.count(QStringLiteral(
                "SELECT COALESCE(MAX(value), 0) FROM counters WHERE name LIKE 'receipt:%'"))};
    }

private Q_SLOTS:
    void completeWritesEverything()
    {
        TestLane t;
        QVERIFY(t.loginCashier());
        Cart cart = paidCart(t);
        const qint64 total = cart.totalCents();
        const qint64 stockBefore = counts(t).stockSum;
        auto sale = t.lane().sales().complete(cart, *t.lane().session().current());
        QVERIFY2(sale, qPrintable(sale.error()));
        QVERIFY(cart.isEmpty());
        QCOMPARE(sale->receiptNumber, QStringLiteral("L1-000001"));

        const Counts c = counts(t);
        QCOMPARE(c.transactions, 1);
        QCOMPARE(c.lines, 3);
        QCOMPARE(c.payments, 2);
        QCOMPARE(c.changes, 3);
        QCOMPARE(c.outbox, 1);
        QCOMPARE(c.stockSum, stockBefore - 6);

        auto stored = t.lane().sales().sales().byId(sale->id);
        QVERIFY(stored);
        QVERIFY(stored->has_value());
        QCOMPARE(stored->value().totalCents, total);
        QCOMPARE(stored->value().lines.size(), 3);
        QCOMPARE(stored->value().payments.at(1).changeCents, 500);

        // Every stock change points at the outbox message that announces the sale.
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM inventory_changes WHERE "
                                        "message_id = '%1' AND stock_after = stock_before + delta")
                             .arg(sale->messageId)),
                 3);

        // The outbox row: seed fields, pending, transaction priority, and a payload that a
        // peer decodes back into the same sale.
        auto row = t.lane().outbox().store().byId(sale->messageId);
        QVERIFY(row);
        QVERIFY(row->has_value());
        const OutboxRow &r = row->value();
        QCOMPARE(r.topic, QString(Topics::Transaction));
        QCOMPARE(r.status, QStringLiteral("pending"));
        QCOMPARE(r.terminalId, QStringLiteral("L1"));
        QCOMPARE(r.seq, 1);
        QCOMPARE(r.priority, 0);
        QCOMPARE(r.retryCount, 0);
        QVERIFY(Clock::fromIso(r.createdAt).isValid());
        const auto decoded =
            TransactionPayload::decode(QJsonDocument::fromJson(r.payload).object());
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->id, sale->id);
        QCOMPARE(decoded->totalCents, total);
        QCOMPARE(decoded->lines.size(), 3);
        QCOMPARE(decoded->payments.size(), 2);
    }

    void returnsRefundWhatWasPaidAndRestock()
    {
        TestLane t;
        QVERIFY(t.loginCashier());
        const Employee cashier = *t.lane().session().current();
        auto managerLogin = Lane::demoEmployee(QStringLiteral("manager"));
        const Employee manager = **t.lane().session().store().byId(managerLogin->employeeId);

        // A sale of 3 units of each of two products, 12.5 % off, taxed.
        Cart cart;
        auto products = t.lane().catalog().byCategory(QString(), 2);
        for (const Product &p : *products)
            (void)cart.add(p, 3);
        QVERIFY(cart.setCartDiscountBp(1250));
        QVERIFY(cart.addCard(cart.totalCents()));
        auto sale = t.lane().sales().complete(cart, cashier);
        QVERIFY2(sale, qPrintable(sale.error()));
        const QString pid = products->first().id;
        auto stock = [&] {
            return t.count(
                QStringLiteral("SELECT current_stock FROM inventory WHERE product_id = '%1'")
                    .arg(pid));
        };
        const qint64 afterSale = stock();

        // Refused: no manager, too many units, unknown line, nothing chosen, bad method.
        QVERIFY(!t.lane().sales().completeReturn(sale->id, {{1, 1}}, QStringLiteral("cash"),
                                                 cashier, cashier));
        QVERIFY(!t.lane().sales().completeReturn(sale->id, {{1, 4}}, QStringLiteral("cash"),
                                                 cashier, manager));
        QVERIFY(!t.lane().sales().completeReturn(sale->id, {{9, 1}}, QStringLiteral("cash"),
                                                 cashier, manager));
        QVERIFY(!t.lane().sales().completeReturn(sale->id, {}, QStringLiteral("cash"), cashier,
                                                 manager));
        QVERIFY(!t.lane().sales().completeReturn(sale->id, {{1, 1}}, QStringLiteral("voucher"),
                                                 cashier, manager));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 1);

        // Three returns of line 1 (1 + 1 + 1 units) and one of line 2 (all 3): together exactly
        // the sale, cent for cent, whatever the rounding of each part.
        qint64 refunded = 0;
        for (const QList<SaleService::ReturnLine> &part :
             QList<QList<SaleService::ReturnLine>>{{{1, 1}}, {{1, 1}, {2, 3}}, {{1, 1}}}) {
            auto ret = t.lane().sales().completeReturn(sale->id, part, QStringLiteral("cash"),
                                                       cashier, manager);
            QVERIFY2(ret, qPrintable(ret.error()));
            QCOMPARE(ret->status, QStringLiteral("returned"));
            QCOMPARE(ret->returnOf, sale->id);
            QVERIFY(ret->totalCents < 0);
            QCOMPARE(ret->paidCents, ret->totalCents);
            refunded += ret->totalCents;
            // The wire message decodes (as a peer and the cloud read it) to the same record.
            const QJsonObject wire =
                QJsonDocument::fromJson(TransactionPayload::serialize(*ret)).object();
            auto back = TransactionPayload::decode(wire);
            QVERIFY2(back, qPrintable(back.error()));
            QCOMPARE(back->returnOf, sale->id);
            QCOMPARE(back->totalCents, ret->totalCents);
        }
        QCOMPARE(refunded, -sale->totalCents);
        QCOMPARE(stock(), afterSale + 3);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM inventory_changes WHERE reason = "
                                        "'return'")),
                 4);
        // Nothing left to return.
        QVERIFY(!t.lane().sales().completeReturn(sale->id, {{1, 1}}, QStringLiteral("cash"),
                                                 cashier, manager));
        auto left = t.lane().sales().returnable(*sale);
        QVERIFY(left);
        QCOMPARE(left->value(1), 0);
        QCOMPARE(left->value(2), 0);
        // A return is not itself a sale to return from.
        auto lastReturn = t.lane().sales().sales().byReceipt(sale->receiptNumber);
        QVERIFY(lastReturn);
        QVERIFY(lastReturn->has_value());
    }

    void aReturnIsNotASale()
    {
        // A return must carry returnOf; a sale must not have negative quantities.
        TestLane t;
        QVERIFY(t.loginCashier());
        Cart cart = paidCart(t, 1);
        auto sale = t.lane().sales().complete(cart, *t.lane().session().current());
        QVERIFY(sale);
        QJsonObject wire = QJsonDocument::fromJson(TransactionPayload::serialize(*sale)).object();
        QJsonObject asReturn = wire;
        asReturn.insert(QStringLiteral("status"), QStringLiteral("returned"));
        QVERIFY(!TransactionPayload::decode(asReturn)); // no returnOf, positive quantities
        QJsonArray lines = wire.value(QStringLiteral("lines")).toArray();
        QJsonObject line = lines.first().toObject();
        line.insert(QStringLiteral("quantity"), -line.value(QStringLiteral("quantity")).toInt());
        lines.replace(0, line);
        QJsonObject negative = wire;
        negative.insert(QStringLiteral("lines"), lines);
        QVERIFY(!TransactionPayload::decode(negative));
    }

    void seqAndReceiptsIncrease()
    {
        TestLane t;
        QVERIFY(t.loginCashier());
        QStringList receipts;
        for (int i = 0; i < 3; ++i) {
            Cart cart = paidCart(t, 1);
            auto sale = t.lane().sales().complete(cart, *t.lane().session().current());
            QVERIFY(sale);
            receipts << sale->receiptNumber;
        }
        QCOMPARE(receipts, (QStringList{QStringLiteral("L1-000001"), QStringLiteral("L1-000002"),
                                        QStringLiteral("L1-000003")}));
        auto seqs = t.db().scalar(QStringLiteral(
            "SELECT group_concat(seq, ',') FROM (SELECT seq FROM outbox ORDER BY seq)"));
        QCOMPARE(seqs->toString(), QStringLiteral("1,2,3"));
    }

    void refusedWithoutPaymentOrEmployee()
    {
        TestLane t;
        QVERIFY(t.loginCashier());
        Cart unpaid;
        (void)unpaid.add(*t.lane().catalog().byCategory(QString(), 1)->begin());
        QVERIFY(!t.lane().sales().complete(unpaid, *t.lane().session().current()));
        Cart empty;
        QVERIFY(!t.lane().sales().complete(empty, *t.lane().session().current()));
        Cart paid = paidCart(t);
        QVERIFY(!t.lane().sales().complete(paid, Employee{}));
        QCOMPARE(counts(t).transactions, 0);
        QCOMPARE(paid.lines().size(), 3);
    }

    // A failure injected at each write of the sale: nothing of it may remain.
    void atomicUnderInjectedFailure_data()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("transactions") << "transactions";
        QTest::newRow("transaction_lines") << "transaction_lines";
        QTest::newRow("payments") << "payments";
        QTest::newRow("inventory") << "inventory";
        QTest::newRow("inventory_changes") << "inventory_changes";
        QTest::newRow("outbox") << "outbox";
    }
    void atomicUnderInjectedFailure()
    {
        QFETCH(QString, table);
        TestLane t;
        QVERIFY(t.loginCashier());
        // One good sale first, so "nothing changed" is checked against a non-empty database.
        Cart first = paidCart(t);
        QVERIFY(t.lane().sales().complete(first, *t.lane().session().current()));
        const Counts before = counts(t);

        const QString when = table == QLatin1String("inventory") ? QStringLiteral("BEFORE UPDATE")
                                                                 : QStringLiteral("BEFORE INSERT");
        // Temp triggers count the rows the sale writes to the table and abort at the last one,
        // so earlier statements of the same transaction have already succeeded.
        QVERIFY(t.db().exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS hits(n)")));
        QVERIFY(t.db().exec(QStringLiteral("CREATE TEMP TRIGGER count_hits AFTER %1 ON %2 "
                                           "BEGIN INSERT INTO hits VALUES (1); END")
                                .arg(when.mid(7), table)));
        const int failAt = table == QLatin1String("transaction_lines") ||
                                   table == QLatin1String("inventory") ||
                                   table == QLatin1String("inventory_changes")
                               ? 2 // the third line
                           : table == QLatin1String("payments") ? 1
                                                                : 0;
        QVERIFY(t.db().exec(QStringLiteral("CREATE TEMP TRIGGER inject %1 ON %2 "
                                           "WHEN (SELECT COUNT(*) FROM hits) >= %3 "
                                           "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
                                .arg(when, table)
                                .arg(failAt)));

        Cart cart = paidCart(t);
        const auto linesBefore = cart.lines().size();
        const qint64 totalBefore = cart.totalCents();
        auto sale = t.lane().sales().complete(cart, *t.lane().session().current());
        QVERIFY(!sale);
        QVERIFY2(sale.error().contains(QLatin1String("injected failure")),
                 qPrintable(sale.error()));
        QCOMPARE(counts(t), before);
        QCOMPARE(cart.lines().size(), linesBefore);
        QCOMPARE(cart.totalCents(), totalBefore);
        QVERIFY(cart.isFullyPaid());
        QVERIFY(!t.db().inTransaction());

        // Remove the fault: the same cart completes, as the cashier's retry would.
        QVERIFY(t.db().exec(QStringLiteral("DROP TRIGGER temp.inject")));
        auto retry = t.lane().sales().complete(cart, *t.lane().session().current());
        QVERIFY2(retry, qPrintable(retry.error()));
        QCOMPARE(counts(t).transactions, before.transactions + 1);
    }

    void publishOutsideTransactionIsRefused()
    {
        TestLane t;
        auto r = t.lane().outbox().publish(QStringLiteral("inventory"), QJsonObject{});
        QVERIFY(!r);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
        WriteTransaction tx(t.db());
        auto ok = t.lane().outbox().publish(QStringLiteral("inventory"),
                                            QJsonObject{{QStringLiteral("x"), 1}});
        QVERIFY(ok);
        QVERIFY(IdGenerator::isUuid(ok->id));
        QCOMPARE(ok->fromTerminal, QStringLiteral("L1"));
        QCOMPARE(ok->seq, 1);
        QVERIFY(tx.commit());
        auto row = t.lane().outbox().store().byId(ok->id);
        QCOMPARE(row->value().priority, 1);
    }

    void wireMessageRoundTripAndValidation()
    {
        OutboxMessage m;
        m.id = QStringLiteral("6f1c2a4e-3b7d-4e8a-9c1f-2d5e6a7b8c90");
        m.fromTerminal = QStringLiteral("L2");
        m.topic = QStringLiteral("inventory");
        m.payload = QJsonObject{{QStringLiteral("a"), 1}};
        m.timestamp = QStringLiteral("2024-01-01T10:00:00Z");
        m.seq = 7;
        const QJsonObject wire = m.toWire();
        for (const char *key : {"id", "fromTerminal", "topic", "payload", "timestamp", "seq"})
            QVERIFY2(wire.contains(QLatin1String(key)), key);
        auto back = OutboxMessage::fromWire(wire);
        QVERIFY(back);
        QCOMPARE(back->seq, 7);
        QCOMPARE(back->payload, m.payload);

        // A seed-only peer sends no seq: still valid.
        QJsonObject seedOnly = wire;
        seedOnly.remove(QStringLiteral("seq"));
        QVERIFY(OutboxMessage::fromWire(seedOnly));

        const QList<QPair<QString, QJsonValue>> bad = {
            {QStringLiteral("id"), QStringLiteral("not-a-uuid")},
            {QStringLiteral("id"), 5},
            {QStringLiteral("fromTerminal"), QString()},
            {QStringLiteral("topic"), QJsonValue()},
            {QStringLiteral("payload"), QStringLiteral("{}")},
            {QStringLiteral("timestamp"), QStringLiteral("yesterday")},
            {QStringLiteral("seq"), -1},
            {QStringLiteral("seq"), 1.5},
            {QStringLiteral("seq"), QStringLiteral("3")},
        };
        for (const auto &[key, value] : bad) {
            QJsonObject broken = wire;
            broken.insert(key, value);
            QVERIFY2(!OutboxMessage::fromWire(broken), qPrintable(key));
        }
    }

    void transactionPayloadRejectsInconsistentSales()
    {
        TestLane t;
        QVERIFY(t.loginCashier());
        Cart cart = paidCart(t);
        auto sale = t.lane().sales().complete(cart, *t.lane().session().current());
        QVERIFY(sale);
        const QJsonObject good = TransactionPayload::encode(*sale);
        QVERIFY(TransactionPayload::decode(good));

        QJsonObject wrongTotal = good;
        wrongTotal.insert(QStringLiteral("totalCents"), sale->totalCents + 1);
        QVERIFY(!TransactionPayload::decode(wrongTotal));
        QJsonObject noLines = good;
        noLines.insert(QStringLiteral("lines"), QJsonArray());
        QVERIFY(!TransactionPayload::decode(noLines));
        QJsonObject badId = good;
        badId.insert(QStringLiteral("transactionId"), QStringLiteral("x"));
        QVERIFY(!TransactionPayload::decode(badId));
        QJsonObject floatMoney = good;
        floatMoney.insert(QStringLiteral("taxCents"), 1.5);
        QVERIFY(!TransactionPayload::decode(floatMoney));
        QVERIFY(!TransactionPayload::decode(QJsonObject{}));
    }

    void transactionPayloadRefusesTimesBeforeTheEpoch()
    {
        // Found by fuzz_topic: a sale stamped before 1970 decoded to a negative hlcMs, which the
        // lane reads as "no HLC time" and so wrote back as another sale than the one it took.
        TestLane t;
        QVERIFY(t.loginCashier());
        Cart cart = paidCart(t);
        auto sale = t.lane().sales().complete(cart, *t.lane().session().current());
        QVERIFY(sale);
        const QJsonObject good = TransactionPayload::encode(*sale);
        QJsonObject early = good;
        early.insert(QStringLiteral("hlcTime"), QStringLiteral("1013-11-25T10:00:00.000Z"));
        auto r = TransactionPayload::decode(early);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QLatin1String("1970")), qPrintable(r.error()));
        QJsonObject earlyCreated = good;
        earlyCreated.remove(QStringLiteral("hlcTime"));
        earlyCreated.remove(QStringLiteral("hlcCounter"));
        earlyCreated.insert(QStringLiteral("createdAt"),
                            QStringLiteral("1969-12-31T23:59:59.999Z"));
        QVERIFY(!TransactionPayload::decode(earlyCreated));
        QJsonObject epoch = good;
        epoch.insert(QStringLiteral("hlcTime"), QStringLiteral("1970-01-01T00:00:00.000Z"));
        QVERIFY(TransactionPayload::decode(epoch));
    }

    void transactionPayloadSumsCannotWrapAround()
    {
        // 2048 amounts of 2^53 add up to 2^64, which a 64-bit sum wrapped to 0 (undefined
        // behaviour, reported by UBSan): with the real amounts after them, lines and payments
        // "added up" to the total.
        TestLane t;
        QVERIFY(t.loginCashier());
        Cart cart = paidCart(t);
        auto sale = t.lane().sales().complete(cart, *t.lane().session().current());
        QVERIFY(sale);
        const QJsonObject good = TransactionPayload::encode(*sale);
        constexpr double k2p53 = 9007199254740992.0;
        auto padded = [&](const QString &key, const QString &amountKey) {
            const QJsonArray real = good.value(key).toArray();
            QJsonObject huge = real.first().toObject();
            huge.insert(amountKey, k2p53);
            QJsonArray all;
            for (int i = 0; i < 2048; ++i)
                all.append(huge);
            for (const QJsonValue &v : real)
                all.append(v);
            QJsonObject o = good;
            o.insert(key, all);
            return o;
        };
        auto payments = TransactionPayload::decode(
            padded(QStringLiteral("payments"), QStringLiteral("amountCents")));
        QVERIFY(!payments);
        QVERIFY2(payments.error().contains(QLatin1String("out of range")),
                 qPrintable(payments.error()));
        auto lines = TransactionPayload::decode(
            padded(QStringLiteral("lines"), QStringLiteral("totalCents")));
        QVERIFY(!lines);
        QVERIFY2(lines.error().contains(QLatin1String("out of range")), qPrintable(lines.error()));
    }
};

QTEST_GUILESS_MAIN(TstSale)
#include "tst_sale.moc"
