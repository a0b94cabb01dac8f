#include "uishell.h"

#include "admincontroller.h"
#include "checkoutcontroller.h"
#include "clock.h"
#include "lane.h"
#include "languagecontroller.h"
#include "logincontroller.h"
#include "moneyformat.h"
#include "receiptprinter.h"
#include "shiftcontroller.h"
#include "syncstatuscontroller.h"
#include "uilog.h"
#include "uiscript.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

namespace {
const QString kModuleRoot = QStringLiteral(":/EuphoriaLane");
}

UiShell::UiShell(Lane &lane, QObject *parent)
    : QObject(parent)
    , m_lane(lane)
{
    m_login = new LoginController(lane, this);
    m_checkout = new CheckoutController(lane, this);
    m_sync = new SyncStatusController(lane, this);
    m_sync->attach();
    m_admin = new AdminController(lane, this);
    m_language = new LanguageController(lane, this);
    m_language->setEngine(&m_engine);
    m_shift = new ShiftController(lane, this);
    ShiftController::setInstance(m_shift);
    LoginController::setInstance(m_login);
    AdminController::setInstance(m_admin);
    LanguageController::setInstance(m_language);
    CheckoutController::setInstance(m_checkout);
    SyncStatusController::setInstance(m_sync);
    m_engine.addImportPath(QStringLiteral("qrc:/"));
    connect(&m_engine, &QQmlEngine::warnings, this,
            [this](const QList<QQmlError> &warnings) { m_warnings += warnings; });
}

UiShell::~UiShell()
{
    // Windows first: their bindings still reach the controllers.
    for (QObject *root : m_engine.rootObjects())
        delete root;
    LoginController::setInstance(nullptr);
    CheckoutController::setInstance(nullptr);
    SyncStatusController::setInstance(nullptr);
    AdminController::setInstance(nullptr);
    LanguageController::setInstance(nullptr);
    ShiftController::setInstance(nullptr);
}

Status UiShell::show()
{
    m_engine.load(QUrl(QStringLiteral("qrc:/EuphoriaLane/Main.qml")));
    if (m_engine.rootObjects().isEmpty())
        return Status::failure(QStringLiteral("the UI failed to load (see the QML errors above)"));
    if (QQuickWindow *w = window(); w && m_windowSize.isValid())
        w->resize(m_windowSize);
    if (QQuickWindow *w = window(); w && m_fullScreen)
        w->showFullScreen();
    if (QQuickWindow *w = window())
        connect(w, &QQuickWindow::frameSwapped, this, [this, w] {
            if (m_onScreen)
                return;
            m_onScreen = true;
            disconnect(w, &QQuickWindow::frameSwapped, this, nullptr);
            qCInfo(lcUi) << "UI on screen";
            Q_EMIT onScreen();
        });
    return {};
}

QQuickWindow *UiShell::window() const
{
    const auto roots = m_engine.rootObjects();
    return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
}

Status UiShell::prepareTour()
{
    auto catalog = m_lane.catalog().byCategory(QString(), 3);
    if (!Lane::demoCashier() || !Lane::demoEmployee(QStringLiteral("manager")) || !catalog ||
        catalog->size() < 3)
        return Status::failure(QStringLiteral("the screen tour needs the demo catalog"));
    m_shots.clear();
    // English first, into DIR itself; then every other language into DIR/<code>/.
    for (const QString &language : LanguageController::available())
        m_shots += tourScreens(language);
    m_shotIndex = 0;
    return {};
}

void UiShell::showOverlay(const char *objectName, bool shown)
{
    if (QQuickWindow *w = window())
        if (QObject *overlay = w->findChild<QObject *>(QLatin1String(objectName)))
            overlay->setProperty("shown", shown);
}

QList<UiShell::Shot> UiShell::tourScreens(const QString &language)
{
    const auto cashier = Lane::demoCashier();
    const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
    const QList<Product> products = m_lane.catalog().byCategory(QString(), 3).value_or({});
    const QString prefix =
        language == QLatin1String("en") ? QString() : language + QLatin1Char('/');
    // The store's currency, or another one for a shot (in the current language).
    auto storeCurrency = [this](const QString &code) {
        if (auto money = MoneyFormat::of(m_lane.money().locale(), code))
            m_lane.setMoneyFormat(*money);
    };
    auto adminSection = [this](int section) {
        if (QQuickWindow *w = window())
            if (QObject *admin = w->findChild<QObject *>(QStringLiteral("adminScreen")))
                admin->setProperty("section", section);
    };
    return {
        {prefix + QStringLiteral("login"),
         [this, language, adminSection, storeCurrency] {
             storeCurrency(m_lane.config().currency);
             showOverlay("syncStatusPanel", false);
             showOverlay("adminScreen", false);
             adminSection(0);
             m_sync->clearSamplePeers();
             m_admin->clearSampleConflicts();
             m_checkout->newSale();
             // The last language's clock-banner cart goes: every language shows the same cart.
             if (m_lane.session().isLoggedIn())
                 m_checkout->voidCart();
             m_login->logout();
             m_login->clearMessage();
             m_language->setLanguage(language, false);
             // The last language's shift shots closed the shift: checkout sells in an open one.
             if (Status s = m_lane.openDemoShift(); !s)
                 qCWarning(lcUi).noquote() << "tour: no shift:" << s.error();
         }},
        {prefix + QStringLiteral("checkout"),
         [this, cashier, products] {
             m_login->login(cashier->employeeId, cashier->pin);
             // A customer who went back for something: their cart is held meanwhile.
             if (m_checkout->heldCarts()->count() == 0) {
                 m_checkout->enter(products.last().barcodes.value(0, products.last().sku));
                 m_checkout->holdCart();
             }
             for (const Product &p : products)
                 m_checkout->enter(p.barcodes.value(0, p.sku));
             m_checkout->increment(0);
             // A regular customer, found by phone (created on the tour's first pass).
             const QVariantList found = m_checkout->findCustomers(QStringLiteral("5550142"));
             if (found.isEmpty())
                 m_checkout->createCustomer(QStringLiteral("Jamie Rivera"),
                                            QStringLiteral("+1 555 0142"), QString());
             else
                 m_checkout->attachCustomer(
                     found.first().toMap().value(QStringLiteral("id")).toString(),
                     found.first().toMap().value(QStringLiteral("name")).toString());
         }},
        // The same cart in a store in the euro area: "12,50 €" in French and Spanish, "€12.50"
        // in English.
        {prefix + QStringLiteral("checkout-eur"),
         [storeCurrency] { storeCurrency(QStringLiteral("EUR")); }},
        {prefix + QStringLiteral("approval"),
         [this, storeCurrency] {
             storeCurrency(m_lane.config().currency);
             // 25 % off the first line: over the cashier's limit, a manager approves.
             m_checkout->setLineDiscount(0, QStringLiteral("25"));
         }},
        {prefix + QStringLiteral("pay"),
         [this, manager] {
             m_checkout->approve(manager->employeeId, manager->pin);
             m_checkout->startPayment();
             m_checkout->payCardAmount(QStringLiteral("50.00")); // a split tender under way
         }},
        {prefix + QStringLiteral("receipt"),
         [this, prefix] {
             const QVariantList quick = m_checkout->quickCash();
             m_checkout->payCashCents(
                 quick.isEmpty()
                     ? 0
                     : quick.last().toMap().value(QStringLiteral("cents")).toLongLong());
             // The printed receipt too: the PDF into the tour's data directory, and the same
             // page as an image beside the screenshots.
             m_checkout->printReceipt();
             if (!m_shotDir.isEmpty() && m_checkout->lastSale()) {
                 const QString path =
                     QDir(m_shotDir).filePath(prefix + QStringLiteral("receipt-print.png"));
                 QDir().mkpath(QFileInfo(path).absolutePath());
                 if (!ReceiptPrinter::render(
                          *m_checkout->lastSale(),
                          {m_lane.config().storeId, m_checkout->lastCashier(), m_lane.money()})
                          .scaledToWidth(480, Qt::SmoothTransformation)
                          .save(path))
                     qCWarning(lcUi).noquote() << "cannot save" << path;
             }
         }},
        {prefix + QStringLiteral("return"),
         [this, manager] {
             const QString receipt = m_checkout->lastReceipt();
             m_checkout->newSale();
             if (QQuickWindow *w = window())
                 if (QObject *dialog = w->findChild<QObject *>(QStringLiteral("returnDialog"))) {
                     QMetaObject::invokeMethod(dialog, "showSale", Q_ARG(QVariant, receipt));
                     QMetaObject::invokeMethod(dialog, "setQuantity", Q_ARG(QVariant, 1),
                                               Q_ARG(QVariant, 1));
                     dialog->setProperty("managerId", manager->employeeId);
                 }
         }},
        {prefix + QStringLiteral("status"),
         [this, manager] {
             if (QQuickWindow *w = window())
                 if (QObject *dialog = w->findChild<QObject *>(QStringLiteral("returnDialog")))
                     QMetaObject::invokeMethod(dialog, "close");
             m_checkout->newSale();
             m_login->logout();
             m_login->login(manager->employeeId, manager->pin);
             // Peers in each state the panel must show well (the tour's lane has none).
             const QDateTime now = m_lane.clock().nowUtc();
             auto iso = [&](qint64 secondsAgo) { return Clock::toIso(now.addSecs(-secondsAgo)); };
             PeerStatusModel::Peer up{QStringLiteral("ws://10.0.0.12:8123"),
                                      QStringLiteral("L2"),
                                      QStringLiteral("outbound"),
                                      QStringLiteral("connected"),
                                      iso(3600),
                                      iso(2),
                                      0,
                                      0,
                                      {},
                                      QStringLiteral("encrypted"),
                                      QStringLiteral("1 of 2 (3fa2c1d0)")};
             PeerStatusModel::Peer retrying{QStringLiteral("ws://10.0.0.13:8123"),
                                            QStringLiteral("L3"),
                                            QStringLiteral("outbound"),
                                            QStringLiteral("backing_off"),
                                            iso(720),
                                            iso(725),
                                            42,
                                            0,
                                            QStringLiteral("Connection refused"),
                                            {},
                                            {}};
             PeerStatusModel::Peer gone{QStringLiteral("ws://10.0.0.14:8123"),
                                        QStringLiteral("L4"),
                                        QStringLiteral("outbound"),
                                        QStringLiteral("disconnected"),
                                        iso(7200),
                                        iso(7300),
                                        318,
                                        3,
                                        QStringLiteral("Host unreachable"),
                                        {},
                                        {}};
             // A seed-only device the store let in without encryption: shown as a warning.
             PeerStatusModel::Peer seedOnly{QStringLiteral("inbound:S1"),
                                            QStringLiteral("S1"),
                                            QStringLiteral("inbound"),
                                            QStringLiteral("connected"),
                                            iso(1800),
                                            iso(40),
                                            0,
                                            0,
                                            {},
                                            QStringLiteral("plaintext"),
                                            {}};
             m_sync->showSamplePeers({up, retrying, gone, seedOnly});
             showOverlay("syncStatusPanel", true);
         }},
        {prefix + QStringLiteral("admin"),
         [this, adminSection] {
             showOverlay("syncStatusPanel", false);
             showOverlay("adminScreen", true);
             adminSection(0);
             // A real run: the tour's lane has no peers, and says so.
             m_admin->reconcileNow();
         }},
        {prefix + QStringLiteral("conflicts"),
         [this, products, manager, adminSection] {
             const QDateTime now = m_lane.clock().nowUtc();
             auto iso = [&](qint64 secondsAgo) { return Clock::toIso(now.addSecs(-secondsAgo)); };
             QVariantList sample;
             for (qsizetype i = 0; i < products.size(); ++i) {
                 const bool overridden = i == 1;
                 sample.append(QVariantMap{
                     {QStringLiteral("id"), int(i + 1)},
                     {QStringLiteral("productId"), products.at(i).id},
                     {QStringLiteral("productName"), products.at(i).name},
                     {QStringLiteral("peer"), QStringLiteral("L2")},
                     {QStringLiteral("localStock"), 17 + i},
                     {QStringLiteral("localUpdated"), iso(5400 + 60 * i)},
                     {QStringLiteral("remoteStock"), 14 + i},
                     {QStringLiteral("remoteUpdated"), iso(1800 + 60 * i)},
                     {QStringLiteral("chosenStock"), 14 + i},
                     {QStringLiteral("chosenFrom"), QStringLiteral("L2")},
                     {QStringLiteral("resolvedAt"), iso(600)},
                     {QStringLiteral("overridden"), overridden},
                     {QStringLiteral("overrideStock"), overridden ? 16 : 0},
                     {QStringLiteral("overrideByName"), overridden ? manager->name : QString()},
                     {QStringLiteral("overrideAt"), overridden ? iso(300) : QString()}});
             }
             m_admin->showSampleConflicts(sample);
             m_admin->clearMessage();
             adminSection(1);
         }},
        {prefix + QStringLiteral("employees"), [adminSection] { adminSection(4); }},
        {prefix + QStringLiteral("store-time"),
         [this, products, adminSection] {
             // A lane an hour behind the others, and two messages from a lane whose clock
             // claimed a day ahead (the tour's lane has no peers of its own).
             const QDateTime now = m_lane.clock().nowUtc();
             SyncStatusController::ClockView view;
             view.ownSkewed = true;
             view.ownOffsetMs = -3600 * 1000;
             view.skewedPeers = {{QStringLiteral("L4"), 86400LL * 1000}};
             view.held = 2;
             m_sync->showSampleClock(view);
             const Product &p = products.first();
             auto held = [&](const QString &id, const QString &what, qint64 aheadS) {
                 return QVariantMap{
                     {QStringLiteral("id"), id},
                     {QStringLiteral("origin"), QStringLiteral("L4")},
                     {QStringLiteral("topic"), QStringLiteral("inventory")},
                     {QStringLiteral("what"), what},
                     {QStringLiteral("stampedAt"), Clock::toIso(now.addSecs(aheadS))},
                     {QStringLiteral("ahead"), SyncStatusController::span(aheadS * 1000)},
                     {QStringLiteral("heldAt"), Clock::toIso(now.addSecs(-600))}};
             };
             m_admin->showSampleHeld(
                 {held(QStringLiteral("6f1c2a4e-0000-4000-8000-000000000001"),
                       AdminController::tr("Stock count: %1, %2 on the shelf").arg(p.name).arg(24),
                       86400 - 600),
                  held(QStringLiteral("6f1c2a4e-0000-4000-8000-000000000002"),
                       AdminController::tr("Sale %1, %2")
                           .arg(QStringLiteral("L4-000231"), m_lane.money().format(1898)),
                       86400 - 420)});
             m_admin->clearMessage();
             adminSection(7);
         }},
        {prefix + QStringLiteral("products"),
         [this, adminSection] {
             // The demo catalog's first products, one of them no longer sold, and a placeholder
             // recorded from another lane's sale, open in the editor (the tour's lane has none).
             QList<Product> sample = m_lane.catalog().byCategory(QString(), 5).value_or({});
             if (sample.size() > 2)
                 sample[2].active = false;
             Product placeholder;
             placeholder.id = QStringLiteral("0193a9c2-0000-7000-8000-000000000042");
             placeholder.sku = QStringLiteral("BEV-0420");
             placeholder.name = QStringLiteral("Cold brew 350 ml");
             placeholder.priceCents = 395;
             placeholder.taxRateBp = 825;
             placeholder.active = false; // as a lane records it: inactive, no barcode yet
             placeholder.placeholder = true;
             sample.insert(1, placeholder);
             adminSection(8);
             m_admin->clearMessage();
             m_admin->showSampleProducts(sample, 1);
         }},
        {prefix + QStringLiteral("clock-banner"),
         [this, products] {
             showOverlay("adminScreen", false);
             for (const Product &p : products)
                 m_checkout->enter(p.barcodes.value(0, p.sku));
         }},
        // A shift from its float to the day's Z report: the cashier closes the demo shift and
        // opens one with a float counted note by note.
        {prefix + QStringLiteral("shift-open"),
         [this, cashier] {
             m_checkout->voidCart();
             m_login->logout();
             m_login->login(cashier->employeeId, cashier->pin);
             if (const auto &open = m_lane.shifts().current()) {
                 const auto totals = m_lane.shifts().totals(open->id);
                 if (auto closed = m_lane.shifts().close(*m_lane.session().current(),
                                                         totals ? totals->expectedCashCents() : 0);
                     !closed)
                     qCWarning(lcUi).noquote() << "tour: cannot close the shift:" << closed.error();
             }
             m_shift->finish();
             // $20 x3, $10 x5, $5 x4, $1 x20, 25c x40, 10c x25, 5c x20, 1c x50: $164.00.
             const QList<int> counts = {0, 0, 3, 5, 4, 20, 40, 25, 20, 50};
             for (int row = 0; row < counts.size(); ++row)
                 m_shift->denominations()->setCount(row, counts.at(row));
         }},
        // Cash in, then cash out above the limit: another manager approves with their PIN.
        {prefix + QStringLiteral("shift-cash"),
         [this, manager] {
             m_shift->openShift();
             m_shift->show();
             m_shift->payIn(QStringLiteral("20"), tr("Change from the safe"));
             m_shift->showXReport();
             m_shift->payOut(QStringLiteral("75"), tr("Window cleaning"));
             if (QQuickWindow *w = window())
                 if (QObject *dialog =
                         w->findChild<QObject *>(QStringLiteral("cashApprovalDialog")))
                     dialog->setProperty("managerId", manager->employeeId);
         }},
        {prefix + QStringLiteral("shift-x-report"),
         [this, manager] {
             m_shift->approve(manager->employeeId, manager->pin);
             m_shift->noSale();
             m_shift->showXReport();
         }},
        // The blind count: nothing on screen says what the drawer should hold.
        {prefix + QStringLiteral("shift-count"),
         [this] {
             m_shift->startCount();
             // $20 x3, $10 x4, $5, $1 x3, 25c x2: $108.50 of the $109.00 expected.
             const QList<int> counts = {0, 0, 3, 4, 1, 3, 2, 0, 0, 0};
             for (int row = 0; row < counts.size(); ++row)
                 m_shift->denominations()->setCount(row, counts.at(row));
         }},
        {prefix + QStringLiteral("shift-closed"), [this] { m_shift->closeShift(); }},
        // The manager's Z report over the closed shifts, numbered, then the store's day.
        {prefix + QStringLiteral("z-report"),
         [this, manager, adminSection] {
             m_shift->finish();
             m_login->logout();
             m_login->login(manager->employeeId, manager->pin);
             showOverlay("adminScreen", true);
             adminSection(9);
             m_shift->takeZ();
         }},
        {prefix + QStringLiteral("store-report"),
         [this, adminSection] {
             m_shift->clearMessage();
             adminSection(10);
             m_shift->today();
         }},
    };
}

int UiShell::selfTest()
{
    int failures = 0;
    QStringList files;
    QDirIterator it(kModuleRoot, {QStringLiteral("*.qml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    if (files.isEmpty()) {
        qCCritical(lcUi) << "self-test: no QML files found under" << kModuleRoot;
        return 1;
    }
    // Every file must compile...
    for (const QString &file : files) {
        QQmlComponent component(&m_engine, QUrl(QStringLiteral("qrc") + file));
        if (!component.isReady()) {
            ++failures;
            for (const QQmlError &e : component.errors())
                qCCritical(lcUi).noquote() << "self-test:" << e.toString();
        } else {
            qCInfo(lcUi).noquote() << "self-test: compiles" << file;
        }
    }
    // ...and the window must go through every screen, with real data in every delegate,
    // without a single QML warning.
    m_warnings.clear();
    if (Status s = show(); !s) {
        qCCritical(lcUi).noquote() << "self-test:" << s.error();
        return failures + 1;
    }
    if (Status s = prepareTour(); !s) {
        qCCritical(lcUi).noquote() << "self-test:" << s.error();
        return failures + 1;
    }
    for (const Shot &shot : std::as_const(m_shots)) {
        shot.prepare();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        if (QQuickWindow *w = window())
            w->grabWindow(); // forces polish, layout and a render of the screen
        qCInfo(lcUi).noquote() << "self-test: screen" << shot.name;
    }
    for (const QQmlError &e : std::as_const(m_warnings)) {
        ++failures;
        qCCritical(lcUi).noquote() << "self-test:" << e.toString();
    }
    qCInfo(lcUi).noquote() << QStringLiteral("self-test: %1 QML files, %2 screens, %3 problems")
                                  .arg(files.size())
                                  .arg(m_shots.size())
                                  .arg(failures);
    return failures;
}

void UiShell::screenshots(const QString &dir, std::function<void(Status)> done)
{
    if (!QDir().mkpath(dir)) {
        done(Status::failure(QStringLiteral("cannot create %1").arg(dir)));
        return;
    }
    Status s = show();
    if (s)
        s = prepareTour();
    if (!s) {
        done(s);
        return;
    }
    m_shotDir = dir;
    m_shotsDone = std::move(done);
    QTimer::singleShot(300, this, &UiShell::nextShot);
}

void UiShell::nextShot()
{
    if (m_shotIndex >= m_shots.size()) {
        m_shotsDone({});
        return;
    }
    m_shots.at(m_shotIndex).prepare();
    // Let bindings, layouts and the scene graph settle before grabbing.
    QTimer::singleShot(300, this, [this] {
        QQuickWindow *w = window();
        const QImage image = w ? w->grabWindow() : QImage();
        const QString path =
            QDir(m_shotDir).filePath(m_shots.at(m_shotIndex).name + QStringLiteral(".png"));
        if (image.isNull() || !QDir().mkpath(QFileInfo(path).absolutePath()) || !image.save(path)) {
            m_shotsDone(Status::failure(QStringLiteral("cannot render %1").arg(path)));
            return;
        }
        qCInfo(lcUi).noquote() << "screenshot" << path;
        ++m_shotIndex;
        nextShot();
    });
}

void UiShell::runScript(const QString &path, std::function<void(Status)> done)
{
    auto steps = UiScript::load(path);
    if (!steps) {
        done(Status::failure(steps.error()));
        return;
    }
    if (window() == nullptr) {
        if (Status s = show(); !s) {
            done(s);
            return;
        }
    }
    m_script = new UiScript(window(),
                            {{QStringLiteral("login"), m_login},
                             {QStringLiteral("checkout"), m_checkout},
                             {QStringLiteral("cart"), m_checkout->cart()},
                             {QStringLiteral("sync"), m_sync},
                             {QStringLiteral("peers"), m_sync->peers()},
                             {QStringLiteral("admin"), m_admin},
                             {QStringLiteral("language"), m_language},
                             {QStringLiteral("shift"), m_shift}},
                            this);
    // The script starts when the window is on screen, as a person would.
    if (m_onScreen) {
        m_script->run(*steps, std::move(done));
        return;
    }
    connect(
        this, &UiShell::onScreen, m_script,
        [this, steps = *steps, done = std::move(done)]() mutable {
            m_script->run(steps, std::move(done));
        },
        Qt::SingleShotConnection);
}
