// Qt Quick Tests of the UI's components (tests/qml/tst_*.qml), against real controllers: a real
// lane with its own SQLite database in a temporary directory, the demo catalog and the demo
// cashier logged in (a test that needs the manager logs them in and the cashier back).
// laneSetup.setMoneyFormat(locale, currency) shows the lane's amounts in another language or
// currency.
#include "admincontroller.h"
#include "checkoutcontroller.h"
#include "clock.h"
#include "idgenerator.h"
#include "lane.h"
#include "logincontroller.h"
#include "moneyformat.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(EuphoriaLane_ControllersPlugin)
Q_IMPORT_QML_PLUGIN(EuphoriaLanePlugin)

class Setup : public QObject
{
    Q_OBJECT
public:
    // "fr_FR", "EUR": what LanguageController and the currency setting would give.
    Q_INVOKABLE bool setMoneyFormat(const QString &locale, const QString &currency)
    {
        const auto money = MoneyFormat::of(QLocale(locale), currency);
        if (money)
            m_lane->setMoneyFormat(*money);
        return money.ok();
    }

public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        QVERIFY(m_dir.isValid());
        LaneConfig config;
        config.terminalId = QStringLiteral("L1");
        config.dataDir = m_dir.path();
        // Called once per test file: the previous file's controllers go before their lane.
        m_admin.reset();
        m_checkout.reset();
        m_login.reset();
        m_lane.reset();
        m_lane = std::make_unique<Lane>(config, Clock::system(), IdGenerator::system());
        const ::Status started = m_lane->start();
        QVERIFY2(started, qPrintable(started.error()));
        m_login = std::make_unique<LoginController>(*m_lane);
        m_checkout = std::make_unique<CheckoutController>(*m_lane);
        m_admin = std::make_unique<AdminController>(*m_lane);
        LoginController::setInstance(m_login.get());
        CheckoutController::setInstance(m_checkout.get());
        AdminController::setInstance(m_admin.get());
        const auto cashier = Lane::demoCashier();
        QVERIFY(cashier);
        QVERIFY(m_login->login(cashier->employeeId, cashier->pin));
        const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
        QVERIFY(manager);
        engine->rootContext()->setContextProperty(
            QStringLiteral("demoCashier"), QVariantMap{{QStringLiteral("id"), cashier->employeeId},
                                                       {QStringLiteral("pin"), cashier->pin}});
        engine->rootContext()->setContextProperty(
            QStringLiteral("demoManager"), QVariantMap{{QStringLiteral("id"), manager->employeeId},
                                                       {QStringLiteral("pin"), manager->pin}});

        QStringList barcodes;
        for (const Product &p : m_lane->catalog().byCategory(QString(), 5).value_or({}))
            barcodes.append(p.barcodes.value(0, p.sku));
        engine->rootContext()->setContextProperty(QStringLiteral("demoBarcodes"), barcodes);
        engine->rootContext()->setContextProperty(QStringLiteral("laneSetup"), this);
        engine->addImportPath(QStringLiteral("qrc:/"));
    }

    void cleanupTestCase()
    {
        LoginController::setInstance(nullptr);
        CheckoutController::setInstance(nullptr);
        AdminController::setInstance(nullptr);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Lane> m_lane;
    std::unique_ptr<LoginController> m_login;
    std::unique_ptr<CheckoutController> m_checkout;
    std::unique_ptr<AdminController> m_admin;
};

QUICK_TEST_MAIN_WITH_SETUP(components, Setup)
#include "tst_qml.moc"
