// The admin screen's controller on a real lane (real SQLite, real outbox): only managers act;
// employees, stock counts and conflict overrides are written and published in one transaction;
// settings never show a secret; the UI language switches at run time and is remembered.
#include "admincontroller.h"
#include "heldmessages.h"
#include "inbox.h"
#include "languagecontroller.h"
#include "messagelog.h"
#include "peerprotocol.h"
#include "testlane.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

namespace {
bool loginManager(TestLane &t)
{
    const auto m = Lane::demoEmployee(QStringLiteral("manager"));
    return m && t.lane().session().login(m->employeeId, m->pin).ok;
}

QJsonObject lastPayload(TestLane &t, const QString &topic)
{
    auto q = t.db().scalar(QStringLiteral("SELECT payload FROM outbox WHERE topic = '%1' "
                                          "ORDER BY seq DESC LIMIT 1")
                               .arg(topic));
    return q ? QJsonDocument::fromJson(q->toString().toUtf8()).object() : QJsonObject();
}

QString productId(TestLane &t)
{
    auto products = t.lane().catalog().byCategory(QString(), 1);
    return products && !products->isEmpty() ? products->first().id : QString();
}

qint64 stockOf(TestLane &t, const QString &id)
{
    auto level = t.lane().stock().store().level(id);
    return level && level->has_value() ? (*level)->currentStock : -1;
}
} // namespace

class TestAdmin : public QObject
{
    Q_OBJECT
private slots:
    void nobodyButAManagerChangesAnything()
    {
        TestLane t;
        AdminController admin(t.lane());
        const qint64 before = t.count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
        const QString product = productId(t);
        const qint64 stock = stockOf(t, product);

        // Logged out, then as a cashier: every action refused, with the reason.
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (attempt == 1)
                QVERIFY(t.loginCashier());
            QVERIFY(!admin.recordCount(product, QStringLiteral("5")));
            QCOMPARE(admin.message(), QStringLiteral("Only a manager can do this."));
            QVERIFY(admin.messageIsError());
            QVERIFY(!admin.saveEmployee({{QStringLiteral("name"), QStringLiteral("Eve")},
                                         {QStringLiteral("role"), QStringLiteral("manager")},
                                         {QStringLiteral("pin"), QStringLiteral("1234")},
                                         {QStringLiteral("discountLimit"), QStringLiteral("0")}}));
            QVERIFY(!admin.reconcileNow());
            QVERIFY(!admin.overrideConflict(1, QStringLiteral("3")));
            QVERIFY(!admin.retryFailed());
            admin.findStock(QStringLiteral("a"));
            QCOMPARE(admin.stockResults()->count(), 0);
            admin.findProducts(QStringLiteral("a"));
            QCOMPARE(admin.products()->count(), 0);
            QVERIFY(!admin.saveProduct({{QStringLiteral("name"), QStringLiteral("Tea")},
                                        {QStringLiteral("sku"), QStringLiteral("TEA-1")},
                                        {QStringLiteral("price"), QStringLiteral("2.50")},
                                        {QStringLiteral("taxRate"), QStringLiteral("0")}}));
        }
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), before);
        QCOMPARE(stockOf(t, product), stock);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM employees WHERE name = 'Eve'")), 0);
    }

    void managerAddsAnEmployeeWhoCanLogIn()
    {
        TestLane t;
        AdminController admin(t.lane());
        QVERIFY(loginManager(t));
        const int before = admin.employees()->count();
        QVERIFY2(admin.saveEmployee({{QStringLiteral("name"), QStringLiteral("  Dana   Cruz ")},
                                     {QStringLiteral("role"), QStringLiteral("cashier")},
                                     {QStringLiteral("pin"), QStringLiteral("97531")},
                                     {QStringLiteral("active"), true},
                                     {QStringLiteral("discountLimit"), QStringLiteral("12.5")}}),
                 qPrintable(admin.message()));
        QCOMPARE(admin.employees()->count(), before + 1);
        const QJsonObject p = lastPayload(t, QStringLiteral("employee"));
        QCOMPARE(p.value(QStringLiteral("name")).toString(), QStringLiteral("Dana Cruz"));
        QCOMPARE(p.value(QStringLiteral("discountLimitBp")).toInt(), 1250);
        QVERIFY(
            p.value(QStringLiteral("pinHash")).toString().startsWith(QStringLiteral("$argon2id$")));
        const QString id = p.value(QStringLiteral("id")).toString();

        // The new employee logs in with the PIN; a PIN change takes effect and is published.
        t.lane().session().logout();
        QVERIFY(t.lane().session().login(id, QStringLiteral("97531")).ok);
        t.lane().session().logout();
        QVERIFY(loginManager(t));
        QVERIFY(admin.saveEmployee({{QStringLiteral("id"), id},
                                    {QStringLiteral("name"), QStringLiteral("Dana Cruz")},
                                    {QStringLiteral("role"), QStringLiteral("cashier")},
                                    {QStringLiteral("pin"), QString()},
                                    {QStringLiteral("active"), false},
                                    {QStringLiteral("discountLimit"), QStringLiteral("0")}}));
        t.lane().session().logout();
        QVERIFY(!t.lane().session().login(id, QStringLiteral("97531")).ok); // deactivated
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = 'employee'")),
                 2);
    }

    void badEmployeeInputChangesNothing_data()
    {
        QTest::addColumn<QVariantMap>("edit");
        const QVariantMap good{{QStringLiteral("name"), QStringLiteral("Lee")},
                               {QStringLiteral("role"), QStringLiteral("cashier")},
                               {QStringLiteral("pin"), QStringLiteral("4321")},
                               {QStringLiteral("discountLimit"), QStringLiteral("5")}};
        auto with = [&](const QString &key, const QVariant &value) {
            QVariantMap m = good;
            m.insert(key, value);
            return m;
        };
        QTest::newRow("empty name") << with(QStringLiteral("name"), QStringLiteral("   "));
        QTest::newRow("long name") << with(QStringLiteral("name"), QString(101, QLatin1Char('x')));
        QTest::newRow("role") << with(QStringLiteral("role"), QStringLiteral("owner"));
        QTest::newRow("short pin") << with(QStringLiteral("pin"), QStringLiteral("12"));
        QTest::newRow("letters in pin") << with(QStringLiteral("pin"), QStringLiteral("12a4"));
        QTest::newRow("no pin for a new one") << with(QStringLiteral("pin"), QString());
        QTest::newRow("limit over 100")
            << with(QStringLiteral("discountLimit"), QStringLiteral("101"));
        QTest::newRow("negative limit")
            << with(QStringLiteral("discountLimit"), QStringLiteral("-1"));
        QTest::newRow("limit not a number")
            << with(QStringLiteral("discountLimit"), QStringLiteral("lots"));
        QTest::newRow("unknown id")
            << with(QStringLiteral("id"), QStringLiteral("6f1d1a8e-0000-4000-8000-000000000000"));
    }

    void badEmployeeInputChangesNothing()
    {
        QFETCH(QVariantMap, edit);
        TestLane t;
        AdminController admin(t.lane());
        QVERIFY(loginManager(t));
        const qint64 employees = t.count(QStringLiteral("SELECT COUNT(*) FROM employees"));
        const qint64 outbox = t.count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
        QVERIFY(!admin.saveEmployee(edit));
        QVERIFY(admin.messageIsError());
        QVERIFY(!admin.message().isEmpty());
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM employees")), employees);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), outbox);
    }

    void aManagerCannotLockThemselvesOut()
    {
        TestLane t;
        AdminController admin(t.lane());
        QVERIFY(loginManager(t));
        const auto me = *t.lane().session().current();
        QVERIFY(!admin.saveEmployee({{QStringLiteral("id"), me.id},
                                     {QStringLiteral("name"), me.name},
                                     {QStringLiteral("role"), QStringLiteral("cashier")},
                                     {QStringLiteral("active"), true},
                                     {QStringLiteral("discountLimit"), QStringLiteral("0")}}));
        QVERIFY(!admin.saveEmployee({{QStringLiteral("id"), me.id},
                                     {QStringLiteral("name"), me.name},
                                     {QStringLiteral("role"), QStringLiteral("manager")},
                                     {QStringLiteral("active"), false},
                                     {QStringLiteral("discountLimit"), QStringLiteral("0")}}));
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE topic = 'employee'")),
                 0);
    }

    void stockCountIsRecordedAndPublished()
    {
        TestLane t;
        AdminController admin(t.lane());
        QVERIFY(loginManager(t));
        const QString product = productId(t);
        auto sku = t.lane().catalog().byId(product);
        QVERIFY(sku);
        QVERIFY(sku->has_value());
        admin.findStock((*sku)->sku);
        QCOMPARE(admin.stockResults()->count(), 1);
        QCOMPARE(admin.stockResults()->get(0).value(QStringLiteral("productId")).toString(),
                 product);

        for (const QString &bad : {QStringLiteral("-1"), QStringLiteral("ten"), QStringLiteral(""),
                                   QStringLiteral("1.5"), QStringLiteral("99999999999")})
            QVERIFY2(!admin.recordCount(product, bad), qPrintable(bad));
        QVERIFY(!admin.recordCount(QStringLiteral("not-a-product"), QStringLiteral("3")));

        QVERIFY2(admin.recordCount(product, QStringLiteral(" 17 ")), qPrintable(admin.message()));
        QCOMPARE(stockOf(t, product), 17);
        const QJsonObject p = lastPayload(t, QStringLiteral("inventory"));
        QCOMPARE(p.value(QStringLiteral("productId")).toString(), product);
        QCOMPARE(p.value(QStringLiteral("reason")).toString(), QStringLiteral("count"));
        QCOMPARE(p.value(QStringLiteral("currentStock")).toInteger(), 17);
        QCOMPARE(p.value(QStringLiteral("employeeId")).toString(),
                 t.lane().session().current()->id);
    }

    // The product editor: bad fields are named and change nothing; a new product is saved, found
    // by name and by a scanned barcode (which opens it), and changed.
    void productEditorSavesAndFinds()
    {
        TestLane t;
        AdminController admin(t.lane());
        QVERIFY(loginManager(t));
        const QVariantMap good{
            {QStringLiteral("name"), QStringLiteral("Cold brew 350 ml")},
            {QStringLiteral("sku"), QStringLiteral("BEV-0420")},
            {QStringLiteral("price"), QStringLiteral("3.95")},
            {QStringLiteral("taxRate"), QStringLiteral("8.25")},
            {QStringLiteral("category"), QStringLiteral("Cold drinks")},
            {QStringLiteral("barcodes"), QStringLiteral("0850004207314, 0850004207321\n")},
            {QStringLiteral("active"), true}};
        auto with = [&](const QString &key, const QVariant &value) {
            QVariantMap m = good;
            m.insert(key, value);
            return m;
        };
        const qint64 products = t.count(QStringLiteral("SELECT COUNT(*) FROM products"));
        QVERIFY(!admin.saveProduct(with(QStringLiteral("price"), QStringLiteral("cheap"))));
        QVERIFY(admin.messageIsError());
        QVERIFY2(admin.message().startsWith(QStringLiteral("Price: ")),
                 qPrintable(admin.message()));
        QVERIFY(!admin.saveProduct(with(QStringLiteral("taxRate"), QStringLiteral("108"))));
        QCOMPARE(admin.message(),
                 QStringLiteral("Enter the tax rate in percent, from 0 to 100, for example 8.25."));
        QVERIFY(!admin.saveProduct(with(QStringLiteral("name"), QStringLiteral("  "))));
        QVERIFY(admin.messageIsError());
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM products")), products);

        QSignalSpy chosen(&admin, &AdminController::productChosen);
        QVERIFY2(admin.saveProduct(good), qPrintable(admin.message()));
        QVERIFY(!admin.messageIsError());
        QCOMPARE(admin.message(), QStringLiteral("Cold brew 350 ml added."));
        QCOMPARE(chosen.size(), 1); // the saved product stays open in the editor
        const QVariantMap saved = admin.products()->get(chosen.first().first().toInt());
        QCOMPARE(saved.value(QStringLiteral("sku")).toString(), QStringLiteral("BEV-0420"));
        QCOMPARE(saved.value(QStringLiteral("priceText")).toString(), QStringLiteral("3.95"));
        QCOMPARE(saved.value(QStringLiteral("taxRate")).toString(), QStringLiteral("8.25"));
        QCOMPARE(saved.value(QStringLiteral("barcodes")).toString().split(QLatin1Char('\n')),
                 (QStringList{QStringLiteral("0850004207314"), QStringLiteral("0850004207321")}));
        QCOMPARE(saved.value(QStringLiteral("category")).toString(), QStringLiteral("Cold drinks"));
        QVERIFY(admin.productCategories().contains(QStringLiteral("Cold drinks")));
        auto stored = t.lane().catalog().bySku(QStringLiteral("BEV-0420"));
        QVERIFY(stored && stored->has_value());
        QCOMPARE((*stored)->priceCents, 395);
        QCOMPARE((*stored)->taxRateBp, 825);

        // A scanned barcode goes straight to the product; a name lists it.
        chosen.clear();
        admin.findProducts(QStringLiteral("0850004207321"));
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(admin.products()
                     ->get(chosen.first().first().toInt())
                     .value(QStringLiteral("productId")),
                 QVariant((*stored)->id));
        chosen.clear();
        admin.findProducts(QStringLiteral("cold brew"));
        QVERIFY(admin.products()->indexOfKey((*stored)->id) >= 0);
        QCOMPARE(chosen.size(), 0);

        // Changed: no longer sold.
        QVariantMap edit = good;
        edit.insert(QStringLiteral("id"), (*stored)->id);
        edit.insert(QStringLiteral("active"), false);
        QVERIFY2(admin.saveProduct(edit), qPrintable(admin.message()));
        QCOMPARE(admin.message(), QStringLiteral("Cold brew 350 ml saved."));
        QCOMPARE(t.lane().catalog().byId((*stored)->id).value()->active, false);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM products")), products + 1);
    }

    void conflictOverrideSetsStockAndRecordsWho()
    {
        TestLane t;
        AdminController admin(t.lane());
        QVERIFY(loginManager(t));
        const QString product = productId(t);
        QVERIFY(t.db().exec(
            QStringLiteral(
                "INSERT INTO inventory_conflicts(run_id, product_id, peer_terminal, local_stock, "
                "local_updated, remote_stock, remote_updated, chosen_stock, chosen_from, "
                "resolved_at) "
                "VALUES ('run', '%1', 'L2', 9, '2026-11-26T10:00:00.000Z', 7, "
                "'2026-11-26T10:05:00.000Z', 7, 'L2', '2026-11-26T10:06:00.000Z')")
                .arg(product)));
        admin.refresh();
        QCOMPARE(admin.conflicts()->count(), 1);
        const QVariantMap before = admin.conflicts()->get(0);
        QVERIFY(!before.value(QStringLiteral("overridden")).toBool());

        QVERIFY(!admin.overrideConflict(before.value(QStringLiteral("id")).toInt(),
                                        QStringLiteral("-2")));
        QVERIFY(!admin.overrideConflict(999, QStringLiteral("2")));
        QVERIFY2(
            admin.overrideConflict(before.value(QStringLiteral("id")).toInt(), QStringLiteral("8")),
            qPrintable(admin.message()));
        QCOMPARE(stockOf(t, product), 8);
        const QVariantMap after = admin.conflicts()->get(0);
        QVERIFY(after.value(QStringLiteral("overridden")).toBool());
        QCOMPARE(after.value(QStringLiteral("overrideStock")).toInt(), 8);
        QCOMPARE(after.value(QStringLiteral("overrideByName")).toString(),
                 t.lane().session().current()->name);
        QVERIFY(!after.value(QStringLiteral("overrideAt")).toString().isEmpty());
        // Every lane gets the chosen value as a stock take.
        const QJsonObject p = lastPayload(t, QStringLiteral("inventory"));
        QCOMPARE(p.value(QStringLiteral("reason")).toString(), QStringLiteral("count"));
        QCOMPARE(p.value(QStringLiteral("currentStock")).toInteger(), 8);
    }

    // A count from a lane whose clock said a year ahead waits on the admin screen, described for
    // people; only a manager accepts it, and then it takes effect and leaves the list.
    void aManagerAcceptsAHeldMessage()
    {
        TestLane l1(QStringLiteral("L1"), 61);
        TestLane l2(QStringLiteral("L2"), 62);
        const QString product = productId(l1);
        l2.clock().set(l1.clock().nowUtc().addDays(365));
        QVERIFY(l2.lane().stock().recordCount(product, 500));
        QList<Inbox::Incoming> frames;
        MessageLog log(l2.db(), QStringLiteral("L2"));
        for (const MessageLog::Entry &e : log.after(QStringLiteral("L2"), 0, 100).value_or({}))
            if (auto f = PeerProtocol::parse(e.frame))
                frames.append(Inbox::Incoming{f->message, f->payload});
        QCOMPARE(frames.size(), 1);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("holding back messages from L2")));
        Inbox inbox(l1.db(), QStringLiteral("L1"), l1.lane().clock(), l1.lane().hlc());
        QVERIFY(inbox.applyBatch(frames).value(0).held);
        const qint64 before = stockOf(l1, product);
        QVERIFY(before != 500);

        AdminController admin(l1.lane());
        admin.refresh();
        QCOMPARE(admin.heldMessages()->count(), 1);
        const QVariantMap held = admin.heldMessages()->get(0);
        QCOMPARE(held.value(QStringLiteral("origin")).toString(), QStringLiteral("L2"));
        const QString name = l1.lane().catalog().byId(product).value()->name;
        QCOMPARE(held.value(QStringLiteral("what")).toString(),
                 QStringLiteral("Stock count: %1, 500 on the shelf").arg(name));
        const QString id = held.value(QStringLiteral("id")).toString();

        QVERIFY(l1.loginCashier());
        QVERIFY(!admin.acceptHeld(id));
        QCOMPARE(admin.message(), QStringLiteral("Only a manager can do this."));
        QCOMPARE(stockOf(l1, product), before);
        QVERIFY(loginManager(l1));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("is not held")));
        QVERIFY(!admin.acceptHeld(QStringLiteral("00000000-0000-4000-8000-000000000000")));
        QVERIFY(admin.messageIsError());
        QCOMPARE(admin.heldMessages()->count(), 1);
        QVERIFY(admin.acceptHeld(id));
        QVERIFY(!admin.messageIsError());
        QCOMPARE(stockOf(l1, product), 500);
        QCOMPARE(admin.heldMessages()->count(), 0);
        // Published, so every lane gives it the same time.
        QCOMPARE(lastPayload(l1, QStringLiteral("held.accepted"))
                     .value(QLatin1String("messageId"))
                     .toString(),
                 id);
    }

    void keptCurrentOnlyWhileShown()
    {
        TestLane t;
        AdminController admin(t.lane());
        QVERIFY(loginManager(t));
        QSignalSpy changed(&admin, &AdminController::changed);
        QVERIFY(!t.ringSaleFrames(1).isEmpty()); // a commit while the screen is closed
        t.clock().advanceMs(60 * 1000);          // long past the coalescing interval
        QCOMPARE(changed.size(), 0);
        admin.setShown(true); // opening reads once
        QCOMPARE(changed.size(), 1);
        QVERIFY(!t.ringSaleFrames(2).isEmpty());
        QCOMPARE(changed.size(), 1); // commits are coalesced...
        t.clock().advanceMs(250);
        QCOMPARE(changed.size(), 2); // ...into one read, and followed while open
        t.clock().advanceMs(60 * 1000);
        QCOMPARE(changed.size(), 2);
        admin.setShown(false);
        QVERIFY(!t.ringSaleFrames(1).isEmpty());
        t.clock().advanceMs(60 * 1000);
        QCOMPARE(changed.size(), 2);
    }

    void settingsNeverShowSecrets()
    {
        const QString key =
            QStringLiteral("3a7f19c4e08b52d6a1f4c97e2b0d58a3c6e91f7024b8d5a3e0c7f16b92d4a85e");
        const QString cloudKey = QStringLiteral("service-role-key-abcdef");
        const QString secret = QStringLiteral("lane-secret-0123456789_lane-secret-01234567");
        TestLane t(QStringLiteral("L1"), 42, [&](LaneConfig &c) {
            c.storeKeys = {key};
            c.supabaseUrl = QStringLiteral("http://127.0.0.1:1");
            c.supabaseServiceKey = cloudKey;
            c.cloudCredential =
                QStringLiteral("elc1.00000000-0000-4000-8000-000000000000.") + secret;
        });
        AdminController admin(t.lane());
        QStringList keys;
        QMap<QString, QString> values;
        for (int i = 0; i < admin.settings()->count(); ++i) {
            const QVariantMap m = admin.settings()->get(i);
            keys.append(m.value(QStringLiteral("key")).toString());
            values.insert(keys.last(), m.value(QStringLiteral("value")).toString());
            QVERIFY(!m.value(QStringLiteral("value")).toString().contains(key));
            QVERIFY(!m.value(QStringLiteral("value")).toString().contains(cloudKey));
            QVERIFY(!m.value(QStringLiteral("value")).toString().contains(secret));
        }
        QVERIFY(keys.contains(QStringLiteral("storeKey")));
        QVERIFY(keys.contains(QStringLiteral("supabaseServiceKey")));
        QVERIFY(values.value(QStringLiteral("cloudCredential")).contains(QLatin1String("(set)")));
        QCOMPARE(values.value(QStringLiteral("cloudAuth")), QStringLiteral("lane credential"));
        QVERIFY(keys.contains(QStringLiteral("terminalPort")));
    }

    void reconciliationResultsInWords()
    {
        QCOMPARE(AdminController::describeResult(QStringLiteral("in sync")),
                 QStringLiteral("all lanes agree"));
        QCOMPARE(AdminController::describeResult(QStringLiteral("resolved; no answer from L3, L4")),
                 QStringLiteral("differences resolved; no answer from L3, L4"));
        QCOMPARE(AdminController::describeResult(QStringLiteral("failed: disk I/O error")),
                 QStringLiteral("failed (disk I/O error)"));
        QCOMPARE(AdminController::describeResult(QString()), QStringLiteral("not run yet"));
    }

    void reconcileNowRunsAndReports()
    {
        TestLane t;
        AdminController admin(t.lane());
        QVERIFY(loginManager(t));
        QSignalSpy finished(&t.lane().reconciler(), &Reconciler::finished);
        QVERIFY(admin.reconcileNow());
        QVERIFY(!admin.reconcileNow() || !admin.reconciling()); // never two at once
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!admin.reconciling());
        QCOMPARE(admin.reconciliation().value(QStringLiteral("result")).toString(),
                 QStringLiteral("no peers connected"));
        QVERIFY(
            admin.message().startsWith(QStringLiteral("Reconciliation: no other lane connected")));
    }

    void languageSwitchesAndIsRemembered()
    {
        TestLane t;
        {
            LanguageController language(t.lane());
            QCOMPARE(language.language(), QStringLiteral("en"));
            QVERIFY(!language.setLanguage(QStringLiteral("xx")));
            QVERIFY(!language.setLanguage(QStringLiteral("../../etc/passwd")));
            QSignalSpy changed(&language, &LanguageController::languageChanged);
            QVERIFY(language.setLanguage(QStringLiteral("es")));
            QCOMPARE(changed.size(), 1);
            QCOMPARE(QCoreApplication::translate("AdminController", "Only a manager can do this."),
                     QStringLiteral("Solo un gerente puede hacer esto."));
            QVERIFY(language.setLanguage(QStringLiteral("fr")));
            QCOMPARE(QCoreApplication::translate("Cart", "The cart is empty."),
                     QStringLiteral("Le panier est vide."));
        }
        // Back in English once the controller is gone; a new one restores the choice.
        QCOMPARE(QCoreApplication::translate("Cart", "The cart is empty."),
                 QStringLiteral("The cart is empty."));
        LanguageController again(t.lane());
        QCOMPARE(again.language(), QStringLiteral("fr"));
        QVERIFY(again.setLanguage(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate("Cart", "The cart is empty."),
                 QStringLiteral("The cart is empty."));
    }
};

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
