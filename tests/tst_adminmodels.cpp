// The admin screen's and the held carts' list models under QAbstractItemModelTester: their rows
// and roles, and a refresh that adds, removes and changes rows applied in place (the exact rows
// inserted, removed, moved and changed, with the roles that changed); a reset only when keys
// are not unique. The models are filled by a real AdminController on a real lane too.
#include "admincontroller.h"
#include "catalogproductmodel.h"
#include "conflictmodel.h"
#include "faileduploadmodel.h"
#include "heldcartmodel.h"
#include "heldmessagemodel.h"
#include "moneyformat.h"
#include "settingsmodel.h"
#include "staffmodel.h"
#include "stocksearchmodel.h"
#include "testlane.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

namespace {
QStringList strs(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromLatin1(item));
    return out;
}

QVariantMap row(const QString &id, const QString &name, qint64 stock = 0)
{
    return {{QStringLiteral("productId"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("sku"), QString(QStringLiteral("SKU-") + id)},
            {QStringLiteral("stock"), stock}};
}

QStringList keys(const RowListModel &model, const QString &key)
{
    QStringList out;
    for (int i = 0; i < model.rowCount(); ++i)
        out.append(model.get(i).value(key).toString());
    return out;
}

int roleOf(const QAbstractItemModel &model, const QByteArray &name)
{
    return model.roleNames().key(name, -1);
}

bool loginManager(TestLane &t)
{
    const auto m = Lane::demoEmployee(QStringLiteral("manager"));
    return m && t.lane().session().login(m->employeeId, m->pin).ok;
}

// The signals one refresh sent, as text: "insert 1-2", "remove 0-0", "change 3 [name,stock]",
// "reset".
class ChangeLog : public QObject
{
public:
    explicit ChangeLog(QAbstractItemModel &model)
        : m_model(model)
    {
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    entries.append(QStringLiteral("insert %1-%2").arg(first).arg(last));
                });
        connect(&model, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) {
                    entries.append(QStringLiteral("remove %1-%2").arg(first).arg(last));
                });
        connect(&model, &QAbstractItemModel::rowsMoved, this,
                [this](const QModelIndex &, int first, int, const QModelIndex &, int to) {
                    entries.append(QStringLiteral("move %1 to %2").arg(first).arg(to));
                });
        connect(&model, &QAbstractItemModel::modelReset, this,
                [this] { entries.append(QStringLiteral("reset")); });
        connect(&model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &from, const QModelIndex &to, const QList<int> &roles) {
                    QStringList names;
                    for (int role : roles)
                        names.append(QString::fromUtf8(m_model.roleNames().value(role)));
                    entries.append(QStringLiteral("change %1%2 [%3]")
                                       .arg(from.row())
                                       .arg(from.row() == to.row()
                                                ? QString()
                                                : QStringLiteral("-%1").arg(to.row()))
                                       .arg(names.join(QLatin1Char(','))));
                });
    }
    QStringList take() { return std::exchange(entries, {}); }
    QStringList entries;

private:
    QAbstractItemModel &m_model;
};
} // namespace

class TestAdminModels : public QObject
{
    Q_OBJECT
private slots:
    void refreshIsAppliedInPlace_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QStringList>("expected");
        const QStringList abcd{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                               QStringLiteral("d")};
        QTest::newRow("same rows: nothing") << abcd << abcd << QStringList();
        QTest::newRow("from empty") << QStringList() << abcd << strs({"insert 0-3"});
        QTest::newRow("to empty") << abcd << QStringList() << strs({"remove 0-3"});
        QTest::newRow("one added at the end")
            << abcd << strs({"a", "b", "c", "d", "e"}) << strs({"insert 4-4"});
        QTest::newRow("two added in the middle")
            << abcd << strs({"a", "x", "y", "b", "c", "d"}) << strs({"insert 1-2"});
        QTest::newRow("first removed") << abcd << strs({"b", "c", "d"}) << strs({"remove 0-0"});
        QTest::newRow("runs removed, last first")
            << abcd << strs({"b"}) << strs({"remove 2-3", "remove 0-0"});
        QTest::newRow("removed and added")
            << abcd << strs({"x", "b", "d", "y"})
            << strs({"remove 2-2", "remove 0-0", "insert 0-0", "insert 3-3"});
        QTest::newRow("reordered: moved")
            << abcd << strs({"b", "a", "c", "d"}) << strs({"move 1 to 0"});
        QTest::newRow("reversed") << abcd << strs({"d", "c", "b", "a"})
                                  << strs({"move 3 to 0", "move 3 to 1", "move 3 to 2"});
        QTest::newRow("moved, removed and added")
            << abcd << strs({"d", "x", "b"})
            << strs({"remove 2-2", "remove 0-0", "move 1 to 0", "insert 1-1"});
    }

    void refreshIsAppliedInPlace()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QStringList, expected);
        StockSearchModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QList<QVariantMap> rows;
        for (const QString &k : before)
            rows.append(row(k, k.toUpper()));
        model.setRows(rows);
        QCOMPARE(keys(model, QStringLiteral("productId")), before);

        ChangeLog log(model);
        QSignalSpy count(&model, &RowListModel::countChanged);
        rows.clear();
        for (const QString &k : after)
            rows.append(row(k, k.toUpper()));
        model.setRows(rows);
        QCOMPARE(log.take(), expected);
        QCOMPARE(keys(model, QStringLiteral("productId")), after);
        QCOMPARE(count.size(), before.size() == after.size() ? 0 : 1);
        QCOMPARE(model.count(), int(after.size()));
    }

    void changedRowsReportTheirRoles()
    {
        StockSearchModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRows(QList<QVariantMap>{row(QStringLiteral("a"), QStringLiteral("Apples"), 3),
                                         row(QStringLiteral("b"), QStringLiteral("Bread"), 5),
                                         row(QStringLiteral("c"), QStringLiteral("Cheese"), 7)});
        ChangeLog log(model);
        model.setRows(QList<QVariantMap>{row(QStringLiteral("a"), QStringLiteral("Apples"), 3),
                                         row(QStringLiteral("b"), QStringLiteral("Bread"), 4),
                                         row(QStringLiteral("d"), QStringLiteral("Dates"), 1),
                                         row(QStringLiteral("c"), QStringLiteral("Cream"), 0)});
        QCOMPARE(log.take(), (strs({"change 1 [stock]", "insert 2-2", "change 3 [name,stock]"})));
        QCOMPARE(model.data(model.index(1), roleOf(model, "stock")).toLongLong(), 4);
        QCOMPARE(model.data(model.index(3), roleOf(model, "name")).toString(),
                 QStringLiteral("Cream"));
        // Out of range and unknown roles read as nothing.
        QVERIFY(!model.data(model.index(1), Qt::UserRole + 99).isValid());
        QVERIFY(model.get(4).isEmpty());
        QCOMPARE(model.indexOfKey(QStringLiteral("d")), 2);
        QCOMPARE(model.indexOfKey(QStringLiteral("zz")), -1);
    }

    void duplicateKeysAreAReset()
    {
        StockSearchModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRows(QList<QVariantMap>{row(QStringLiteral("a"), QStringLiteral("A"))});
        ChangeLog log(model);
        model.setRows(QList<QVariantMap>{row(QStringLiteral("a"), QStringLiteral("A")),
                                         row(QStringLiteral("a"), QStringLiteral("A again"))});
        QCOMPARE(log.take(), strs({"reset"}));
        QCOMPARE(model.count(), 2);
    }

    // Each model's role names are the keys its QML delegate reads.
    void roleNames_data()
    {
        QTest::addColumn<QSharedPointer<RowListModel>>("model");
        QTest::addColumn<QByteArrayList>("roles");
        QTest::newRow("conflicts")
            << QSharedPointer<RowListModel>(new ConflictModel)
            << QByteArrayList{
                   "id",         "runId",         "productId",   "productName",   "peer",
                   "localStock", "localUpdated",  "remoteStock", "remoteUpdated", "chosenStock",
                   "chosenFrom", "resolvedAt",    "overridden",  "overrideStock", "overrideBy",
                   "overrideAt", "overrideByName"};
        QTest::newRow("failed uploads")
            << QSharedPointer<RowListModel>(new FailedUploadModel)
            << QByteArrayList{"id", "topic", "createdAt", "retries", "lastError"};
        QTest::newRow("employees")
            << QSharedPointer<RowListModel>(new StaffModel)
            << QByteArrayList{"id", "name", "role", "active", "discountLimit", "locked"};
        QTest::newRow("settings") << QSharedPointer<RowListModel>(new SettingsModel)
                                  << QByteArrayList{"key", "value"};
        QTest::newRow("held carts")
            << QSharedPointer<RowListModel>(new HeldCartModel)
            << QByteArrayList{"id", "label", "itemCount", "total", "createdAt"};
        QTest::newRow("held messages")
            << QSharedPointer<RowListModel>(new HeldMessageModel)
            << QByteArrayList{"id", "origin", "topic", "what", "stampedAt", "ahead", "heldAt"};
        QTest::newRow("stock search") << QSharedPointer<RowListModel>(new StockSearchModel)
                                      << QByteArrayList{"productId", "name", "sku", "stock"};
        QTest::newRow("products") << QSharedPointer<RowListModel>(new CatalogProductModel)
                                  << QByteArrayList{"productId",   "name",      "sku",
                                                    "price",       "priceText", "taxRate",
                                                    "category",    "barcodes",  "active",
                                                    "placeholder", "updatedAt"};
    }

    void roleNames()
    {
        QFETCH(QSharedPointer<RowListModel>, model);
        QFETCH(QByteArrayList, roles);
        QAbstractItemModelTester tester(model.get(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QByteArrayList names = model->roleNames().values();
        std::sort(names.begin(), names.end());
        std::sort(roles.begin(), roles.end());
        QCOMPARE(names, roles);
    }

    void productsAsTheEditorShowsThem()
    {
        CatalogProductModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        Product p;
        p.id = QStringLiteral("p1");
        p.sku = QStringLiteral("BEV-1");
        p.name = QStringLiteral("Cold brew");
        p.categoryName = QStringLiteral("Drinks");
        p.priceCents = 1205;
        p.taxRateBp = 825;
        p.barcodes = {QStringLiteral("0850004207311"), QStringLiteral("0850004207328")};
        p.placeholder = true;
        Product q = p;
        q.id = QStringLiteral("p2");
        q.name = QStringLiteral("Tea");
        q.taxRateBp = 700;
        q.priceCents = 5;
        q.active = false;
        q.placeholder = false;
        const MoneyFormat money; // English, US dollars
        model.setProducts({p, q}, money);
        QCOMPARE(model.count(), 2);
        const QVariantMap first = model.get(0);
        QCOMPARE(first.value(QStringLiteral("price")).toString(), money.format(1205));
        QCOMPARE(first.value(QStringLiteral("priceText")).toString(), QStringLiteral("12.05"));
        QCOMPARE(first.value(QStringLiteral("taxRate")).toString(), QStringLiteral("8.25"));
        QCOMPARE(first.value(QStringLiteral("barcodes")).toString(),
                 QStringLiteral("0850004207311\n0850004207328"));
        QCOMPARE(first.value(QStringLiteral("placeholder")).toBool(), true);
        QCOMPARE(model.get(1).value(QStringLiteral("taxRate")).toString(), QStringLiteral("7"));
        QCOMPARE(model.get(1).value(QStringLiteral("priceText")).toString(),
                 QStringLiteral("0.05"));
        QCOMPARE(model.get(1).value(QStringLiteral("active")).toBool(), false);

        // In French with euros: the price and the tax rate as they are typed there; two roles
        // change.
        const auto french =
            MoneyFormat::of(QLocale(QLocale::French, QLocale::France), QStringLiteral("EUR"));
        QVERIFY2(french, qPrintable(french.error()));
        ChangeLog log(model);
        model.setProducts({p, q}, *french);
        QCOMPARE(model.get(0).value(QStringLiteral("priceText")).toString(),
                 QStringLiteral("12,05"));
        QCOMPARE(model.get(0).value(QStringLiteral("taxRate")).toString(), QStringLiteral("8,25"));
        QCOMPARE(model.get(0).value(QStringLiteral("price")).toString(), french->format(1205));
        QCOMPARE(log.take().first(), QStringLiteral("change 0 [price,priceText,taxRate]"));

        // The placeholder completed: one row changes, in place.
        p.placeholder = false;
        model.setProducts({p, q}, *french);
        QCOMPARE(log.take(), strs({"change 0 [placeholder]"}));
    }

    void percentAsTyped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("bp"); // -1: refused
        QTest::newRow("decimal point") << QStringLiteral("8.25") << 825;
        QTest::newRow("decimal comma") << QStringLiteral("8,25") << 825;
        QTest::newRow("whole") << QStringLiteral("7") << 700;
        QTest::newRow("one decimal") << QStringLiteral("7.5") << 750;
        QTest::newRow("with a percent sign") << QStringLiteral(" 8.25 % ") << 825;
        QTest::newRow("zero") << QStringLiteral("0") << 0;
        QTest::newRow("a hundred") << QStringLiteral("100") << 10000;
        QTest::newRow("over a hundred") << QStringLiteral("100.01") << -1;
        QTest::newRow("three decimals") << QStringLiteral("8.255") << -1;
        QTest::newRow("negative") << QStringLiteral("-1") << -1;
        QTest::newRow("empty") << QString() << -1;
        QTest::newRow("words") << QStringLiteral("eight") << -1;
        QTest::newRow("as a fraction") << QStringLiteral(".0825") << -1;
    }

    void percentAsTyped()
    {
        QFETCH(QString, text);
        QFETCH(int, bp);
        const auto parsed = AdminController::parsePercentBp(text);
        QCOMPARE(parsed.value_or(-1), bp);
    }

    // A real controller fills its models; a refresh after a change touches only what changed.
    void theControllerRefreshesItsModelsInPlace()
    {
        TestLane t;
        AdminController admin(t.lane());
        QAbstractItemModelTester employees(admin.employees(),
                                           QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester settings(admin.settings(),
                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester products(admin.products(),
                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester stock(admin.stockResults(),
                                       QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester conflicts(admin.conflicts(),
                                           QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester failed(admin.failedMessages(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester held(admin.heldMessages(),
                                      QAbstractItemModelTester::FailureReportingMode::Fatal);
        QVERIFY(admin.settings()->count() > 5);
        QVERIFY(admin.employees()->count() > 1);
        QVERIFY(loginManager(t));

        ChangeLog log(*admin.employees());
        const int before = admin.employees()->count();
        QVERIFY2(admin.saveEmployee({{QStringLiteral("name"), QStringLiteral("Robin Park")},
                                     {QStringLiteral("role"), QStringLiteral("cashier")},
                                     {QStringLiteral("pin"), QStringLiteral("86420")},
                                     {QStringLiteral("discountLimit"), QStringLiteral("5")}}),
                 qPrintable(admin.message()));
        QCOMPARE(admin.employees()->count(), before + 1);
        const QStringList inserted = log.take();
        QCOMPARE(inserted.size(), 1);
        QVERIFY2(inserted.first().startsWith(QStringLiteral("insert ")),
                 qPrintable(inserted.first()));
        admin.refresh();
        QCOMPARE(log.take(), QStringList()); // nothing changed, nothing sent

        // Stock search: a model, and emptied when the manager logs out.
        admin.findStock(QStringLiteral("a"));
        QVERIFY(admin.stockResults()->count() > 0);
        t.lane().session().logout();
        QCOMPARE(admin.stockResults()->count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAdminModels)
#include "tst_adminmodels.moc"
