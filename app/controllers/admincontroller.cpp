#include "admincontroller.h"

#include "catalogadmin.h"
#include "clock.h"
#include "heldmessages.h"
#include "lane.h"
#include "money.h"
#include "syncstatuscontroller.h"
#include "topics.h"
#include "uilog.h"

#include <QJSEngine>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {
AdminController *s_instance = nullptr;
constexpr int kListLimit = 200;
} // namespace

AdminController::AdminController(Lane &lane, QObject *parent)
    : QObject(parent)
    , m_lane(lane)
    , m_coalesce(lane.clock())
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(250);
    connect(&m_coalesce, &ClockTimer::timeout, this, &AdminController::refresh);
    // Only while the admin screen is open: a sale must not cost three reads for a hidden screen.
    m_lane.database().addCommitHook(this, [this] {
        if (m_shown && !m_coalesce.isActive())
            m_coalesce.start();
    });
    connect(&m_lane.reconciler(), &Reconciler::statusChanged, this, &AdminController::refresh);
    connect(&m_lane.reconciler(), &Reconciler::finished, this, [this](const QVariantMap &summary) {
        const QString result = summary.value(QStringLiteral("result")).toString();
        const bool ok = result == QLatin1String("in sync") || result == QLatin1String("resolved");
        say(tr("Reconciliation: %1. %2 products compared, %3 differences, %4 resolved.")
                .arg(describeResult(result))
                .arg(summary.value(QStringLiteral("productsCompared")).toLongLong())
                .arg(summary.value(QStringLiteral("differences")).toLongLong())
                .arg(summary.value(QStringLiteral("resolved")).toLongLong()),
            !ok);
    });
    connect(&m_lane.session(), &EmployeeSession::loggedOut, this, [this] {
        clearMessage();
        // What a manager searched for is not left for the next person at the lane.
        m_stockResults.setRows(QList<QVariantMap>());
        m_products.setProducts({}, m_lane.money());
        m_productQuery.clear();
    });
    connect(&m_lane, &Lane::moneyFormatChanged, this, [this] {
        refresh();
        reloadProducts();
    });
    m_settings.setSettings(m_lane.config().describe());
    refresh();
}

AdminController::~AdminController()
{
    m_lane.database().removeCommitHooks(this);
}

void AdminController::setInstance(AdminController *instance)
{
    s_instance = instance;
}

AdminController *AdminController::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void AdminController::setShown(bool shown)
{
    if (m_shown == shown)
        return;
    m_shown = shown;
    if (shown)
        refresh();
}

bool AdminController::reconciling() const
{
    return m_lane.reconciler().isRunning();
}

bool AdminController::cloudEnabled() const
{
    return m_lane.config().cloudEnabled();
}

void AdminController::refresh()
{
    m_reconciliation = m_lane.reconciler().status();
    if (!m_sampleConflicts)
        m_conflicts.setRows(m_lane.reconciler().conflicts(kListLimit));

    OutboxStore store(m_lane.database());
    if (auto rows = store.failed(kListLimit)) {
        m_failed.setMessages(*rows);
    } else {
        qCWarning(lcUi) << "cannot read failed messages:" << rows.error();
    }
    m_relayedFailed = m_lane.cloudSync() ? int(m_lane.cloudSync()->health().relayedFailed) : 0;

    if (!m_sampleHeld) {
        if (auto held = m_lane.heldMessages().waiting(kListLimit)) {
            QList<QVariantMap> rows;
            for (const HeldMessages::Entry &e : *held)
                rows.append(
                    QVariantMap{{QStringLiteral("id"), e.messageId},
                                {QStringLiteral("origin"), e.origin},
                                {QStringLiteral("topic"), e.topic},
                                {QStringLiteral("what"), describeHeld(e.topic, e.payload)},
                                {QStringLiteral("stampedAt"), e.stampedAt},
                                {QStringLiteral("ahead"), SyncStatusController::span(e.aheadMs)},
                                {QStringLiteral("heldAt"), e.heldAt}});
            m_held.setRows(rows);
        } else {
            qCWarning(lcUi) << "cannot read held messages:" << held.error();
        }
    }

    if (auto all = m_lane.session().store().all())
        m_employees.setEmployees(*all, m_lane.clock().nowUtc());
    else
        qCWarning(lcUi) << "cannot read employees:" << all.error();

    if (auto categories = m_lane.catalog().categories()) {
        m_categories.clear();
        for (const Category &c : std::as_const(*categories))
            m_categories.append(c.name);
    } else {
        qCWarning(lcUi) << "cannot read categories:" << categories.error();
    }
    Q_EMIT changed();
}

const Employee *AdminController::manager()
{
    const auto &current = m_lane.session().current();
    if (current && current->isManager() && current->active)
        return &*current;
    say(tr("Only a manager can do this."), true);
    return nullptr;
}

void AdminController::say(const QString &message, bool error)
{
    m_message = message;
    m_messageIsError = error;
    Q_EMIT messageChanged();
}

void AdminController::clearMessage()
{
    say(QString());
}

bool AdminController::parseQuantity(const QString &text, qint64 &value)
{
    bool ok = false;
    value = text.trimmed().toLongLong(&ok);
    return ok && value >= 0 && value <= 1000000000;
}

bool AdminController::reconcileNow()
{
    if (!manager())
        return false;
    m_lane.session().touch();
    const bool started = m_lane.reconciler().reconcileNow(QStringLiteral("manager"));
    say(started ? tr("Reconciliation started.") : tr("A reconciliation is already running."),
        !started);
    refresh();
    return started;
}

bool AdminController::overrideConflict(int conflictId, const QString &quantity)
{
    const Employee *m = manager();
    if (!m)
        return false;
    m_lane.session().touch();
    qint64 value = 0;
    if (!parseQuantity(quantity, value)) {
        say(tr("Enter the stock as a whole number, 0 or more."), true);
        return false;
    }
    if (Status s = m_lane.reconciler().overrideConflict(conflictId, value, m->id); !s) {
        qCWarning(lcUi) << "conflict override failed:" << s.error();
        say(tr("The override was not saved: %1").arg(s.error()), true);
        return false;
    }
    say(tr("Stock set to %1 by %2; every lane receives it.").arg(value).arg(m->name));
    refresh();
    return true;
}

bool AdminController::retryFailed()
{
    if (!manager())
        return false;
    m_lane.session().touch();
    auto reset = m_lane.retryFailed();
    if (!reset) {
        say(tr("Retry failed: %1").arg(reset.error()), true);
        return false;
    }
    say(tr("Failed messages queued for upload again: %n.", "", *reset));
    refresh();
    return true;
}

void AdminController::findStock(const QString &text)
{
    const QString query = text.trimmed();
    if (query.isEmpty() || !manager()) {
        m_stockResults.setRows(QList<QVariantMap>());
        return;
    }
    m_lane.session().touch();
    QList<Product> found;
    if (auto byCode = m_lane.catalog().byBarcode(query); byCode && byCode->has_value())
        found.append(**byCode);
    else if (auto bySku = m_lane.catalog().bySku(query); bySku && bySku->has_value())
        found.append(**bySku);
    else if (auto byName = m_lane.catalog().search(query, 20))
        found = *byName;
    QList<QVariantMap> rows;
    for (const Product &p : std::as_const(found)) {
        auto level = m_lane.stock().store().level(p.id);
        const qint64 stock = level && level->has_value() ? (*level)->currentStock : 0;
        rows.append(QVariantMap{{QStringLiteral("productId"), p.id},
                                {QStringLiteral("name"), p.name},
                                {QStringLiteral("sku"), p.sku},
                                {QStringLiteral("stock"), stock}});
    }
    m_stockResults.setRows(rows);
    if (rows.isEmpty())
        say(tr("Nothing matches \"%1\".").arg(query.left(60)), true);
}

void AdminController::findProducts(const QString &text)
{
    if (!manager()) {
        m_products.setProducts({}, m_lane.money());
        return;
    }
    m_lane.session().touch();
    m_productQuery = text.trimmed();
    reloadProducts();
    const QString query = m_productQuery;
    if (m_products.count() == 0) {
        if (!query.isEmpty())
            say(tr("Nothing matches \"%1\".").arg(query.left(60)), true);
        return;
    }
    const QVariantMap first = m_products.get(0);
    if (!query.isEmpty() && (first.value(QStringLiteral("sku")).toString() == query ||
                             first.value(QStringLiteral("barcodes"))
                                 .toString()
                                 .split(QLatin1Char('\n'))
                                 .contains(query)))
        Q_EMIT productChosen(0);
}

void AdminController::reloadProducts()
{
    if (m_sampleProducts)
        return;
    auto found = m_lane.catalogAdmin().find(m_productQuery, kListLimit);
    if (!found) {
        qCWarning(lcUi) << "cannot search products:" << found.error();
        say(tr("The products could not be read: %1").arg(found.error()), true);
        return;
    }
    m_products.setProducts(*found, m_lane.money());
}

std::optional<int> AdminController::parsePercentBp(const QString &text)
{
    QString t = text.trimmed();
    if (t.endsWith(QLatin1Char('%')))
        t = t.chopped(1).trimmed();
    static const QRegularExpression form(QStringLiteral("^(\\d{1,3})(?:[.,](\\d{1,2}))?$"));
    const QRegularExpressionMatch m = form.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    const int whole = m.captured(1).toInt();
    const QString fraction = m.captured(2).leftJustified(2, QLatin1Char('0'));
    const int bp = whole * 100 + fraction.toInt();
    if (bp > 10000)
        return std::nullopt;
    return bp;
}

bool AdminController::saveProduct(const QVariantMap &product)
{
    const Employee *m = manager();
    if (!m)
        return false;
    m_lane.session().touch();
    ProductEdit edit;
    edit.id = product.value(QStringLiteral("id")).toString();
    edit.name = product.value(QStringLiteral("name")).toString().trimmed();
    edit.sku = product.value(QStringLiteral("sku")).toString().trimmed();
    edit.category = product.value(QStringLiteral("category")).toString().trimmed();
    edit.active = product.value(QStringLiteral("active"), true).toBool();
    const auto price = m_lane.money().parse(product.value(QStringLiteral("price")).toString());
    if (!price) {
        say(tr("Price: %1").arg(price.error()), true);
        return false;
    }
    edit.priceCents = *price;
    const auto tax = parsePercentBp(product.value(QStringLiteral("taxRate")).toString());
    if (!tax) {
        say(tr("Enter the tax rate in percent, from 0 to 100, for example 8.25."), true);
        return false;
    }
    edit.taxRateBp = *tax;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString &code :
         product.value(QStringLiteral("barcodes")).toString().split(separators, Qt::SkipEmptyParts))
        if (!edit.barcodes.contains(code))
            edit.barcodes.append(code);
    const Employee self = *m;
    auto saved = m_lane.catalogAdmin().save(edit, self);
    if (!saved) {
        say(saved.error(), true);
        return false;
    }
    say(edit.id.isEmpty() ? tr("%1 added.").arg(saved->name) : tr("%1 saved.").arg(saved->name));
    refresh(); // a new category
    // The saved product stays in view: the search as it was when it still matches, else itself.
    reloadProducts();
    if (m_products.indexOfKey(saved->id) < 0) {
        m_productQuery = saved->sku;
        reloadProducts();
    }
    if (const int row = m_products.indexOfKey(saved->id); row >= 0)
        Q_EMIT productChosen(row);
    return true;
}

bool AdminController::recordCount(const QString &productId, const QString &quantity)
{
    const Employee *m = manager();
    if (!m)
        return false;
    m_lane.session().touch();
    qint64 value = 0;
    if (!parseQuantity(quantity, value)) {
        say(tr("Enter the count as a whole number, 0 or more."), true);
        return false;
    }
    auto product = m_lane.catalog().byId(productId);
    if (!product || !product->has_value()) {
        say(tr("Choose a product first."), true);
        return false;
    }
    if (auto r = m_lane.stock().recordCount(productId, value, m->id); !r) {
        qCWarning(lcUi) << "stock count failed:" << r.error();
        say(tr("The count was not saved: %1").arg(r.error()), true);
        return false;
    }
    say(tr("%1: stock counted at %2.").arg((*product)->name).arg(value));
    return true;
}

bool AdminController::saveEmployee(const QVariantMap &employee)
{
    const Employee *m = manager();
    if (!m)
        return false;
    m_lane.session().touch();
    EmployeeEdit edit;
    edit.id = employee.value(QStringLiteral("id")).toString();
    edit.name = employee.value(QStringLiteral("name")).toString();
    edit.role = employee.value(QStringLiteral("role")).toString();
    edit.pin = employee.value(QStringLiteral("pin")).toString();
    edit.active = employee.value(QStringLiteral("active"), true).toBool();
    bool ok = false;
    const double percent =
        employee.value(QStringLiteral("discountLimit")).toString().trimmed().toDouble(&ok);
    if (!ok || percent < 0 || percent > 100) {
        say(tr("The discount limit is between 0 and 100%."), true);
        return false;
    }
    edit.discountLimitBp = int(percent * 100 + 0.5);
    const Employee self = *m; // the session's copy may change on save
    auto saved = m_lane.employeeAdmin().save(edit, self);
    if (!saved) {
        say(saved.error(), true);
        return false;
    }
    say(edit.id.isEmpty() ? tr("%1 added.").arg(saved->name) : tr("%1 saved.").arg(saved->name));
    refresh();
    return true;
}

QString AdminController::describeResult(const QString &result)
{
    if (result.isEmpty())
        return tr("not run yet");
    const QString marker = QStringLiteral("; no answer from ");
    const qsizetype cut = result.indexOf(marker);
    const QString head = cut < 0 ? result : result.left(cut);
    QString text;
    if (head == QLatin1String("in sync"))
        text = tr("all lanes agree");
    else if (head == QLatin1String("resolved"))
        text = tr("differences resolved");
    else if (head == QLatin1String("catch-up incomplete"))
        text = tr("some messages still missing");
    else if (head == QLatin1String("not settled"))
        text = tr("some figures rest on no message and were left as they are");
    else if (head == QLatin1String("no peers connected"))
        text = tr("no other lane connected");
    else if (head == QLatin1String("no peer answered"))
        text = tr("no other lane answered");
    else if (head.startsWith(QLatin1String("failed: ")))
        text = tr("failed (%1)").arg(head.mid(8));
    else
        text = head;
    if (cut >= 0)
        text = tr("%1; no answer from %2").arg(text, result.mid(cut + marker.size()));
    return text;
}

void AdminController::clearSampleConflicts()
{
    m_sampleConflicts = false;
    m_sampleHeld = false;
    m_sampleProducts = false;
    refresh();
}

void AdminController::showSampleProducts(const QList<Product> &products, int chosen)
{
    m_sampleProducts = true;
    m_products.setProducts(products, m_lane.money());
    if (chosen >= 0 && chosen < m_products.count())
        Q_EMIT productChosen(chosen);
}

void AdminController::showSampleHeld(const QVariantList &held)
{
    m_sampleHeld = true;
    m_held.setRows(held);
    Q_EMIT changed();
}

QString AdminController::describeHeld(const QString &topic, const QByteArray &payload)
{
    const QJsonObject p = QJsonDocument::fromJson(payload).object();
    if (topic == Topics::Transaction) {
        const QString receipt = p.value(QLatin1String("receiptNumber")).toString();
        const qint64 total = p.value(QLatin1String("totalCents")).toInteger();
        return p.value(QLatin1String("status")).toString() == QLatin1String("returned")
                   ? tr("Return %1, %2").arg(receipt, m_lane.money().format(total))
                   : tr("Sale %1, %2").arg(receipt, m_lane.money().format(total));
    }
    if (topic == Topics::Inventory) {
        const QString id = p.value(QLatin1String("productId")).toString();
        QString name = id;
        if (auto product = m_lane.catalog().byId(id); product && *product)
            name = (*product)->name;
        const qint64 stock = p.value(QLatin1String("currentStock")).toInteger();
        const QString reason = p.value(QLatin1String("reason")).toString();
        return reason == QLatin1String("count")
                   ? tr("Stock count: %1, %2 on the shelf").arg(name).arg(stock)
                   : tr("Stock of %1 set to %2").arg(name).arg(stock);
    }
    if (topic == Topics::Customer)
        return tr("Customer %1").arg(p.value(QLatin1String("name")).toString());
    if (topic == Topics::Employee)
        return tr("Employee %1").arg(p.value(QLatin1String("name")).toString());
    return topic;
}

bool AdminController::acceptHeld(const QString &messageId)
{
    const Employee *m = manager();
    if (!m)
        return false;
    m_lane.session().touch();
    if (Status s = m_lane.heldMessages().accept(messageId, m->id); !s) {
        qCWarning(lcUi).noquote() << "accepting held message" << messageId
                                  << "failed:" << s.error();
        say(tr("The message was not accepted: %1").arg(s.error()), true);
        refresh();
        return false;
    }
    say(tr("Accepted by %1: applied now, on every lane.").arg(m->name));
    refresh();
    return true;
}

void AdminController::showSampleConflicts(const QVariantList &conflicts)
{
    m_sampleConflicts = true;
    m_conflicts.setRows(conflicts);
    Q_EMIT changed();
}
