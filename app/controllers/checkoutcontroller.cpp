#include "checkoutcontroller.h"

#include "barcode.h"
#include "clock.h"
#include "lane.h"
#include "pinhasher.h"
#include "receiptprinter.h"
#include "uilog.h"

#include <QDir>
#include <QLocale>
#include <QQmlEngine>
#include <QRegularExpression>

namespace {
CheckoutController *s_instance = nullptr;
constexpr int kGridLimit = 200;
} // namespace

CheckoutController::CheckoutController(Lane &lane, QObject *parent)
    : QObject(parent)
    , m_lane(lane)
    , m_cartModel(m_cart)
{
    if (auto categories = m_lane.catalog().categories(); categories) {
        m_categories.setCategories(*categories);
        showCategory(categories->isEmpty() ? QString() : categories->first().id);
    } else {
        qCWarning(lcUi) << "cannot list categories:" << categories.error();
    }
    connect(&m_cartModel, &CartModel::countChanged, this, &CheckoutController::totalsChanged);
    connect(&m_lane, &Lane::moneyFormatChanged, this, &CheckoutController::reformatAmounts);
    // Scans kept while a sale was being saved belong to the cashier who made them.
    connect(&m_lane.session(), &EmployeeSession::loggedOut, this,
            [this](const QString &) { m_afterSaving.clear(); });
    m_cartModel.setMoneyFormat(m_lane.money());
    m_products.setMoneyFormat(m_lane.money());
    reloadHeld();
    if (PrintQueue *printer = m_lane.printer()) {
        connect(printer, &PrintQueue::drawerFailed, this, [this](const QString &why) {
            say(tr("The cash drawer did not open: %1").arg(why), true);
        });
        // The first try of a receipt just queued tells whether the printer is there: say so
        // while the sale is still on screen.
        connect(printer, &PrintQueue::changed, this, [this, printer] {
            const bool failing = printer->state() != PrintQueue::State::Ready &&
                                 printer->state() != PrintQueue::State::Printing;
            if (failing && !m_printerFailing && m_stage == Stage::Done && m_lastSale)
                say(tr("Receipt %1:").arg(m_lastSale->receiptNumber) + printerNote());
            m_printerFailing = failing;
        });
    }
}

QString CheckoutController::formatted(qint64 minor) const
{
    return m_lane.money().format(minor);
}

void CheckoutController::reformatAmounts()
{
    m_cartModel.setMoneyFormat(m_lane.money());
    m_products.setMoneyFormat(m_lane.money());
    reloadHeld();
    Q_EMIT totalsChanged();
    Q_EMIT lastSaleChanged();
}

void CheckoutController::setInstance(CheckoutController *instance)
{
    s_instance = instance;
}

CheckoutController *CheckoutController::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

QString CheckoutController::subtotal() const
{
    return formatted(m_cart.subtotalCents() - m_cart.discountCents());
}

QString CheckoutController::tax() const
{
    return formatted(m_cart.taxCents());
}

QString CheckoutController::total() const
{
    return formatted(m_cart.totalCents());
}

QString CheckoutController::paid() const
{
    return formatted(m_cart.paidCents());
}

QString CheckoutController::remaining() const
{
    return formatted(qMax<qint64>(0, m_cart.remainingCents()));
}

QString CheckoutController::changeDue() const
{
    return formatted(m_cart.changeDueCents());
}

QVariantList CheckoutController::quickCash() const
{
    // Exact amount, then the notes a customer is likely to hand over.
    QList<qint64> amounts;
    const qint64 due = m_cart.remainingCents();
    if (due > 0)
        amounts.append(due);
    // 5 to 100 in the major unit; a currency without decimals (yen, won) has its notes in the
    // thousands.
    const MoneyFormat &money = m_lane.money();
    qint64 unit = 1;
    for (int i = 0; i < money.minorDigits(); ++i)
        unit *= 10;
    const QList<qint64> notes =
        money.minorDigits() == 0
            ? QList<qint64>{1000, 2000, 5000, 10000, 20000}
            : QList<qint64>{5 * unit, 10 * unit, 20 * unit, 50 * unit, 100 * unit};
    for (qint64 note : notes) {
        const qint64 rounded = ((due + note - 1) / note) * note;
        if (due > 0 && rounded > due && !amounts.contains(rounded) && amounts.size() < 6)
            amounts.append(rounded);
    }
    QVariantList list;
    for (qint64 cents : amounts)
        list.append(QVariantMap{{QStringLiteral("cents"), cents},
                                {QStringLiteral("label"), formatted(cents)}});
    return list;
}

bool CheckoutController::requireSession()
{
    if (m_lane.session().isLoggedIn()) {
        m_lane.session().touch();
        return true;
    }
    say(tr("Log in with your PIN first."), true);
    return false;
}

bool CheckoutController::savingBlocks()
{
    if (m_stage != Stage::Saving)
        return false;
    say(tr("The last sale is still being saved; one moment."), true);
    return true;
}

void CheckoutController::enter(const QString &input)
{
    const QString code = input.trimmed();
    if (code.isEmpty() || !requireSession())
        return;
    if (m_stage == Stage::Saving) {
        m_afterSaving.append([this, code] { enter(code); });
        return;
    }
    if (m_stage == Stage::Done)
        newSale();
    if (Barcode::looksLikeBarcode(code)) {
        auto normalized = Barcode::normalize(code);
        if (!normalized) {
            say(normalized.error(), true);
            return;
        }
        auto product = m_lane.catalog().byBarcode(*normalized);
        if (!product) {
            qCWarning(lcUi) << "barcode lookup failed:" << product.error();
            say(tr("The product lookup failed; try again."), true);
        } else if (!product->has_value()) {
            say(tr("Barcode %1 is not in the catalog.").arg(code), true);
        } else {
            addToCart(product->value());
        }
        return;
    }
    auto bySku = m_lane.catalog().bySku(code.toUpper());
    if (bySku && bySku->has_value()) {
        addToCart(bySku->value());
        return;
    }
    search(code);
}

void CheckoutController::addProduct(const QString &productId)
{
    if (!requireSession())
        return;
    if (m_stage == Stage::Saving) {
        m_afterSaving.append([this, productId] { addProduct(productId); });
        return;
    }
    if (m_stage == Stage::Done)
        newSale();
    auto product = m_lane.catalog().byId(productId);
    if (!product || !product->has_value()) {
        say(tr("That product is not in the catalog."), true);
        return;
    }
    addToCart(product->value());
}

void CheckoutController::addToCart(const Product &product)
{
    if (m_stage == Stage::Paying) {
        say(tr("Finish or cancel the payment before adding items."), true);
        return;
    }
    auto row = m_cartModel.add(product);
    if (!row) {
        say(row.error(), true);
        return;
    }
    say(tr("%1 added, %2").arg(product.name, formatted(product.priceCents)));
    Q_EMIT totalsChanged();
}

void CheckoutController::showCategory(const QString &categoryId)
{
    auto products = m_lane.catalog().byCategory(categoryId, kGridLimit);
    if (!products) {
        qCWarning(lcUi) << "cannot list products:" << products.error();
        return;
    }
    m_category = categoryId;
    m_products.setProducts(*products);
    Q_EMIT productsChanged();
}

void CheckoutController::search(const QString &text)
{
    const QString query = text.trimmed();
    if (query.isEmpty()) {
        showCategory(m_category);
        return;
    }
    auto products = m_lane.catalog().search(query, kGridLimit);
    if (!products) {
        qCWarning(lcUi) << "search failed:" << products.error();
        return;
    }
    m_category.clear();
    m_products.setProducts(*products);
    Q_EMIT productsChanged();
    if (products->isEmpty())
        say(tr("Nothing matches \"%1\".").arg(query), true);
}

void CheckoutController::increment(int row)
{
    if (!requireSession() || row < 0 || row >= m_cart.lines().size())
        return;
    if (Status s = m_cartModel.setQuantity(row, m_cart.lines().at(row).quantity + 1); !s)
        say(s.error(), true);
    Q_EMIT totalsChanged();
}

void CheckoutController::decrement(int row)
{
    if (!requireSession() || row < 0 || row >= m_cart.lines().size())
        return;
    if (Status s = m_cartModel.setQuantity(row, m_cart.lines().at(row).quantity - 1); !s)
        say(s.error(), true);
    Q_EMIT totalsChanged();
}

void CheckoutController::removeLine(int row)
{
    if (!requireSession())
        return;
    if (Status s = m_cartModel.removeLine(row); !s)
        say(s.error(), true);
    Q_EMIT totalsChanged();
}

void CheckoutController::voidCart()
{
    if (!requireSession())
        return;
    if (savingBlocks())
        return;
    qCInfo(lcUi) << "cart voided with" << m_cart.lines().size() << "lines";
    // Counted in the shift's report (an empty cart voided is nothing to count).
    if (!m_cart.isEmpty() && m_lane.shifts().current()) {
        if (auto v = m_lane.shifts().cartVoided(*m_lane.session().current(), m_cart.totalCents());
            !v)
            qCWarning(lcUi).noquote() << "voided cart not recorded:" << v.error();
    }
    m_cart.clear();
    m_cartModel.reset();
    if (m_pending) {
        m_pending.reset();
        m_approvalReason.clear();
        Q_EMIT approvalChanged();
    }
    setStage(Stage::Ringing);
    say(tr("Cart voided."));
    Q_EMIT totalsChanged();
}

void CheckoutController::startPayment()
{
    if (!requireSession())
        return;
    if (savingBlocks())
        return;
    if (m_cart.isEmpty()) {
        say(tr("The cart is empty."), true);
        return;
    }
    setStage(Stage::Paying);
    say({});
}

void CheckoutController::backToCart()
{
    if (savingBlocks())
        return;
    if (!m_cart.tenders().isEmpty()) {
        say(tr("Payments are already taken; void the cart to start over."), true);
        return;
    }
    setStage(Stage::Ringing);
}

void CheckoutController::payCash(const QString &amount)
{
    const auto cents = m_lane.money().parse(amount);
    if (!cents) {
        say(cents.error(), true);
        return;
    }
    payCashCents(*cents);
}

void CheckoutController::payCashCents(qint64 cents)
{
    if (!requireSession())
        return;
    afterTender(m_cart.addCash(cents));
}

void CheckoutController::payCard()
{
    if (!requireSession())
        return;
    afterTender(m_cart.addCard(m_cart.remainingCents(), m_lane.money()));
}

void CheckoutController::payCardAmount(const QString &amount)
{
    const auto cents = m_lane.money().parse(amount);
    if (!cents) {
        say(cents.error(), true);
        return;
    }
    if (!requireSession())
        return;
    afterTender(m_cart.addCard(*cents, m_lane.money()));
}

void CheckoutController::removeTender(int index)
{
    if (!requireSession())
        return;
    const Status s = m_cart.removeTender(index);
    Q_EMIT totalsChanged();
    if (!s)
        say(s.error(), true);
    else
        say(tr("Payment removed; %1 due.").arg(remaining()));
}

QVariantList CheckoutController::tenders() const
{
    QVariantList out;
    for (const Tender &t : m_cart.tenders())
        out.append(QVariantMap{{QStringLiteral("method"), t.method == Tender::Method::Cash
                                                              ? QStringLiteral("cash")
                                                              : QStringLiteral("card")},
                               {QStringLiteral("amount"), formatted(t.amountCents)},
                               {QStringLiteral("tendered"), formatted(t.tenderedCents)}});
    return out;
}

void CheckoutController::afterTender(const Status &status)
{
    Q_EMIT totalsChanged();
    if (!status) {
        say(status.error(), true);
        return;
    }
    if (m_cart.isFullyPaid())
        completeSale();
    else
        say(tr("%1 still due.").arg(remaining()));
}

void CheckoutController::completeSale()
{
    if (!requireSession())
        return;
    if (!m_lane.database().syncFailure().isEmpty()) {
        say(tr("The disk reported an error: this lane cannot confirm sales. Call a manager."),
            true);
        return;
    }
    const qint64 total = m_cart.totalCents();
    const qint64 change = m_cart.changeDueCents();
    auto sale = m_lane.sales().complete(m_cart, *m_lane.session().current());
    if (!sale) {
        say(sale.error(), true);
        return;
    }
    m_lastReceipt = sale->receiptNumber;
    m_lastSale = *sale;
    m_lastCashier = m_lane.session().current()->name;
    m_lastReceiptPdf.clear();
    Q_EMIT receiptPrinted();
    m_lastChangeCents = change;
    m_lastTotalCents = total;
    Q_EMIT lastSaleChanged();
    m_cartModel.reset();
    // Committed; "complete" once it is on disk, which a thread of the database sees to while
    // this one keeps drawing (Database::whenDurable).
    setStage(Stage::Saving);
    say(tr("Saving sale %1…").arg(sale->receiptNumber));
    Q_EMIT totalsChanged();
    m_lane.database().whenDurable(
        this, [this, done = *sale](const Status &durable) { saleDurable(done, durable); });
}

void CheckoutController::saleDurable(const SaleRecord &sale, const Status &durable)
{
    if (m_stage != Stage::Saving || !m_lastSale || m_lastSale->id != sale.id)
        return; // nothing else moves while a sale is saved; defensive all the same
    setStage(Stage::Done);
    kickDrawerFor(sale); // the customer's cash goes in the drawer whatever the disk said
    const QString queued = m_lane.printer() ? queueReceipt(sale, m_lastCashier) : QString();
    if (!durable) {
        qCCritical(lcUi).noquote() << "sale" << sale.receiptNumber
                                   << "committed but not confirmed on disk:" << durable.error();
        say(tr("Sale %1 is recorded, but the disk reported an error: call a manager before the "
               "next sale.")
                .arg(sale.receiptNumber),
            true);
        m_afterSaving.clear(); // no next sale on a disk that failed
        Q_EMIT saleCompleted(sale.id);
        return;
    }
    say(tr("Sale %1 complete.").arg(sale.receiptNumber) +
        (queued.isEmpty() ? QString() : printerNote()));
    Q_EMIT saleCompleted(sale.id);
    // What the scanner and the cashier did meanwhile, in order (a scan starts the next sale).
    const auto after = std::exchange(m_afterSaving, {});
    for (const auto &action : after)
        action();
}

void CheckoutController::newSale()
{
    if (m_stage != Stage::Done)
        return;
    setStage(Stage::Ringing);
    say({});
}

void CheckoutController::setStage(Stage stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    Q_EMIT stageChanged();
}

void CheckoutController::say(const QString &message, bool error)
{
    m_message = message;
    m_messageIsError = error;
    Q_EMIT messageChanged();
}

QString CheckoutController::printReceipt()
{
    if (!m_lane.printer())
        return savePdf();
    if (!requireSession())
        return {};
    if (!m_lastSale) {
        say(tr("There is no completed sale to print."), true);
        return {};
    }
    const QString id = queueReceipt(*m_lastSale, m_lastCashier);
    if (!id.isEmpty()) {
        const QString note = printerNote();
        say(note.isEmpty() ? tr("Receipt %1 sent to the printer.").arg(m_lastSale->receiptNumber)
                           : tr("Receipt %1:").arg(m_lastSale->receiptNumber) + note);
    }
    return id;
}

bool CheckoutController::hasPrinter() const
{
    return m_lane.printer() != nullptr;
}

QString CheckoutController::queueReceipt(const SaleRecord &sale, const QString &cashier)
{
    PrintQueue *printer = m_lane.printer();
    if (!printer)
        return {};
    const PrintDocument doc =
        ReceiptPrinter::document(sale, {m_lane.config().storeId, cashier, m_lane.money()});
    auto id = printer->enqueue(doc, QStringLiteral("receipt"), sale.receiptNumber);
    if (!id) {
        qCWarning(lcUi).noquote() << "receipt" << sale.receiptNumber
                                  << "not queued for the printer:" << id.error();
        say(tr("The receipt could not be queued for the printer: %1").arg(id.error()), true);
        return {};
    }
    return *id;
}

QString CheckoutController::printerNote() const
{
    const PrintQueue *printer = m_lane.printer();
    if (!printer)
        return {};
    switch (printer->state()) {
    case PrintQueue::State::Offline:
        return QLatin1Char(' ') + tr("The printer is offline: the receipt is queued.");
    case PrintQueue::State::PaperOut:
        return QLatin1Char(' ') + tr("The printer is out of paper: the receipt is queued.");
    case PrintQueue::State::Error:
        return QLatin1Char(' ') + tr("The printer has a problem: the receipt is queued.");
    case PrintQueue::State::Ready:
    case PrintQueue::State::Printing:
        break;
    }
    return {};
}

void CheckoutController::kickDrawerFor(const SaleRecord &sale)
{
    if (!m_lane.printer())
        return;
    const bool cash =
        std::any_of(sale.payments.begin(), sale.payments.end(),
                    [](const SalePayment &p) { return p.method == QLatin1String("cash"); });
    if (cash)
        m_lane.printer()->openDrawer();
}

QString CheckoutController::savePdf()
{
    if (!requireSession())
        return {};
    if (!m_lastSale) {
        say(tr("There is no completed sale to print."), true);
        return {};
    }
    const QString path =
        QDir(m_lane.config().effectiveDataDir())
            .filePath(QStringLiteral("receipts/%1.pdf").arg(m_lastSale->receiptNumber));
    const Status s = ReceiptPrinter::printPdf(
        *m_lastSale, {m_lane.config().storeId, m_lastCashier, m_lane.money()}, path);
    if (!s) {
        qCWarning(lcUi).noquote() << "receipt" << m_lastSale->receiptNumber
                                  << "not printed:" << s.error();
        say(tr("The receipt could not be printed: %1").arg(s.error()), true);
        return {};
    }
    m_lastReceiptPdf = path;
    Q_EMIT receiptPrinted();
    qCInfo(lcUi).noquote() << "receipt" << m_lastSale->receiptNumber << "printed to" << path;
    say(tr("Receipt saved as %1").arg(QDir::toNativeSeparators(path)));
    return path;
}

QString CheckoutController::discount() const
{
    return formatted(m_cart.discountCents());
}

QString CheckoutController::discountOff() const
{
    return formatted(-m_cart.discountCents());
}

QString CheckoutController::amountExample() const
{
    const MoneyFormat &money = m_lane.money();
    qint64 forty = 40;
    for (int i = 0; i < money.minorDigits(); ++i)
        forty *= 10;
    return money.formatNumber(forty);
}

QString CheckoutController::lastChange() const
{
    return formatted(m_lastChangeCents);
}

QString CheckoutController::lastTotal() const
{
    return formatted(m_lastTotalCents);
}

QVariantList CheckoutController::managers() const
{
    return m_pending ? approvers() : QVariantList();
}

QVariantList CheckoutController::approvers() const
{
    QVariantList out;
    auto all = m_lane.session().store().active();
    if (!all) {
        qCWarning(lcUi) << "cannot list managers:" << all.error();
        return out;
    }
    for (const Employee &e : *all)
        if (e.isManager())
            out.append(QVariantMap{{QStringLiteral("id"), e.id}, {QStringLiteral("name"), e.name}});
    return out;
}

std::optional<int> CheckoutController::parsePercentBp(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,3})(?:[.,](\\d{1,2}))?\\s*%?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QString frac = m.captured(2);
    const int bp = m.captured(1).toInt() * 100 + (frac.isEmpty()     ? 0
                                                  : frac.size() == 1 ? frac.toInt() * 10
                                                                     : frac.toInt());
    if (bp > 10000)
        return std::nullopt;
    return bp;
}

bool CheckoutController::adjust(const std::function<Status(Cart &)> &change, const QString &what)
{
    if (!requireSession())
        return false;
    if (m_stage != Stage::Ringing) {
        say(tr("Finish or cancel the payment before changing prices."), true);
        return false;
    }
    Cart trial = m_cart;
    if (Status s = change(trial); !s) {
        say(s.error(), true);
        return false;
    }
    const Employee &e = *m_lane.session().current();
    const int needed = trial.unapprovedReductionBp(e.discountLimitBp);
    if (needed == 0) {
        m_cart = trial;
        m_cartModel.reset();
        Q_EMIT totalsChanged();
        qCInfo(lcUi).noquote() << what << "by" << e.id;
        say(what);
        return true;
    }
    m_pending = trial;
    m_pendingWhat = what;
    auto percent = [](int bp) { return QLocale().toString(bp / 100.0, 'f', bp % 100 ? 2 : 0); };
    m_approvalReason = tr("%1: %2% below the list price, over your limit of %3%. A manager "
                          "approves with their PIN.")
                           .arg(what, percent(needed), percent(e.discountLimitBp));
    Q_EMIT approvalChanged();
    return false;
}

bool CheckoutController::setLinePrice(int row, const QString &price)
{
    const auto cents = m_lane.money().parse(price);
    if (!cents) {
        say(cents.error(), true);
        return false;
    }
    if (row < 0 || row >= m_cart.lines().size()) {
        say(tr("No such cart line."), true);
        return false;
    }
    const QString name = m_cart.lines().at(row).product.name;
    return adjust([&](Cart &c) { return c.setLinePrice(row, *cents); },
                  tr("%1 at %2").arg(name, formatted(*cents)));
}

bool CheckoutController::setLineDiscount(int row, const QString &percent)
{
    const auto bp = parsePercentBp(percent);
    if (!bp) {
        say(tr("Enter a discount from 0 to 100%."), true);
        return false;
    }
    if (row < 0 || row >= m_cart.lines().size()) {
        say(tr("No such cart line."), true);
        return false;
    }
    const QString name = m_cart.lines().at(row).product.name;
    return adjust([&](Cart &c) { return c.setLineDiscountBp(row, *bp); },
                  tr("%1% off %2").arg(QLocale().toString(*bp / 100.0), name));
}

bool CheckoutController::setCartDiscount(const QString &percent)
{
    const auto bp = parsePercentBp(percent);
    if (!bp) {
        say(tr("Enter a discount from 0 to 100%."), true);
        return false;
    }
    return adjust([&](Cart &c) { return c.setCartDiscountBp(*bp); },
                  tr("%1% off the whole sale").arg(QLocale().toString(*bp / 100.0)));
}

bool CheckoutController::approve(const QString &managerId, const QString &pin)
{
    if (!m_pending || !requireSession())
        return false;
    const auto manager = verifyManager(managerId, pin);
    if (!manager)
        return false;
    const Employee &m = *manager;
    const Employee &cashier = *m_lane.session().current();
    const int needed = m_pending->unapprovedReductionBp(cashier.discountLimitBp);
    if (needed > m.discountLimitBp) {
        say(tr("That is beyond %1's limit of %2%.")
                .arg(m.name, QLocale().toString(m.discountLimitBp / 100.0)),
            true);
        return false;
    }
    m_pending->approveReductions(m.id, cashier.discountLimitBp);
    m_cart = *m_pending;
    m_pending.reset();
    m_cartModel.reset();
    qCInfo(lcUi).noquote() << m_pendingWhat << "by" << cashier.id << "approved by manager" << m.id;
    say(tr("%1 (approved by %2)").arg(m_pendingWhat, m.name));
    m_approvalReason.clear();
    Q_EMIT approvalChanged();
    Q_EMIT totalsChanged();
    return true;
}

void CheckoutController::cancelApproval()
{
    if (!m_pending)
        return;
    m_pending.reset();
    m_approvalReason.clear();
    say(tr("Price change cancelled."));
    Q_EMIT approvalChanged();
}

void CheckoutController::reloadHeld()
{
    auto held = m_lane.heldCarts().list();
    if (!held)
        qCWarning(lcUi) << "cannot list held carts:" << held.error();
    else
        m_held.setCarts(*held, m_lane.money());
}

bool CheckoutController::holdCart(const QString &label)
{
    if (!requireSession())
        return false;
    if (savingBlocks())
        return false;
    if (m_stage != Stage::Ringing) {
        say(tr("Finish or cancel the payment before holding the cart."), true);
        return false;
    }
    const QString name =
        label.trimmed().isEmpty()
            ? QStringLiteral("%1 \u00b7 %2")
                  .arg(QLocale().toString(m_lane.clock().nowUtc().toLocalTime().time(),
                                          QLocale::ShortFormat),
                       total())
            : label.trimmed();
    auto id = m_lane.heldCarts().hold(m_cart, *m_lane.session().current(), name);
    if (!id) {
        say(id.error(), true);
        return false;
    }
    m_cart.clear();
    m_cartModel.reset();
    Q_EMIT totalsChanged();
    reloadHeld();
    say(tr("Cart held: %1. Recall it when the customer is back.").arg(name));
    return true;
}

bool CheckoutController::recallCart(const QString &id)
{
    if (!requireSession())
        return false;
    if (savingBlocks())
        return false;
    if (!m_cart.isEmpty() || m_stage != Stage::Ringing) {
        say(tr("Finish or hold the current sale before recalling another."), true);
        return false;
    }
    const QString name =
        m_held.get(m_held.indexOfKey(id)).value(QStringLiteral("label")).toString();
    auto cart = m_lane.heldCarts().recall(id, m_lane.catalog());
    if (!cart) {
        say(cart.error(), true);
        reloadHeld();
        return false;
    }
    m_cart = *cart;
    m_cartModel.reset();
    Q_EMIT totalsChanged();
    reloadHeld();
    say(tr("Cart recalled: %1.").arg(name));
    return true;
}

bool CheckoutController::discardHeldCart(const QString &id)
{
    if (!requireSession())
        return false;
    if (Status s = m_lane.heldCarts().discard(id); !s) {
        say(s.error(), true);
        reloadHeld();
        return false;
    }
    reloadHeld();
    say(tr("Held cart discarded."));
    return true;
}

std::optional<Employee> CheckoutController::verifyManager(const QString &managerId,
                                                          const QString &pin)
{
    auto manager = m_lane.session().store().byId(managerId);
    if (!manager || !manager->has_value() || !(*manager)->active || !(*manager)->isManager() ||
        !PinHasher::verify((*manager)->pinHash, pin)) {
        qCWarning(lcUi).noquote() << "approval refused: wrong manager or PIN for"
                                  << managerId.left(36);
        say(tr("Manager PIN not accepted."), true);
        return std::nullopt;
    }
    return **manager;
}

QVariantMap CheckoutController::findSaleForReturn(const QString &receipt)
{
    const QString number = receipt.trimmed().toUpper();
    if (number.isEmpty() || !requireSession())
        return {};
    auto sale = m_lane.sales().sales().byReceipt(number);
    if (!sale) {
        qCWarning(lcUi) << "receipt lookup failed:" << sale.error();
        say(tr("The sale could not be read; try again."), true);
        return {};
    }
    if (!sale->has_value()) {
        say(tr("No sale with receipt %1 on this lane.").arg(number.left(40)), true);
        return {};
    }
    auto left = m_lane.sales().returnable(**sale);
    if (!left) {
        say(left.error(), true);
        return {};
    }
    QVariantList lines;
    for (const SaleLine &l : (*sale)->lines)
        lines.append(QVariantMap{{QStringLiteral("lineNo"), l.lineNo},
                                 {QStringLiteral("name"), l.name},
                                 {QStringLiteral("sold"), l.quantity},
                                 {QStringLiteral("returnable"), left->value(l.lineNo)},
                                 {QStringLiteral("unitPrice"), formatted(l.unitPriceCents)}});
    say(tr("Sale %1 found.").arg((*sale)->receiptNumber));
    return {{QStringLiteral("saleId"), (*sale)->id},
            {QStringLiteral("receipt"), (*sale)->receiptNumber},
            {QStringLiteral("createdAt"), (*sale)->createdAt},
            {QStringLiteral("total"), formatted((*sale)->totalCents)},
            {QStringLiteral("lines"), lines}};
}

bool CheckoutController::completeReturn(const QString &saleId, const QVariantList &lines,
                                        const QString &method, const QString &managerId,
                                        const QString &pin)
{
    if (!requireSession())
        return false;
    if (savingBlocks())
        return false;
    const auto manager = verifyManager(managerId, pin);
    if (!manager)
        return false;
    QList<SaleService::ReturnLine> wanted;
    for (const QVariant &v : lines) {
        const QVariantMap m = v.toMap();
        const int quantity = m.value(QStringLiteral("quantity")).toInt();
        if (quantity > 0)
            wanted.append({m.value(QStringLiteral("lineNo")).toInt(), quantity});
    }
    auto ret = m_lane.sales().completeReturn(saleId, wanted, method, *m_lane.session().current(),
                                             *manager);
    if (!ret) {
        say(ret.error(), true);
        return false;
    }
    m_lastSale = *ret;
    m_lastCashier = m_lane.session().current()->name;
    m_lastReceiptPdf.clear();
    Q_EMIT receiptPrinted();
    const QString said =
        tr("Return %1: refund %2 %3 (approved by %4).")
            .arg(ret->receiptNumber, formatted(-ret->totalCents),
                 method == QLatin1String("cash") ? tr("in cash") : tr("to the card"),
                 manager->name);
    say(tr("Saving return %1…").arg(ret->receiptNumber));
    // The refund is handed over (drawer, receipt) once the return is on disk.
    // The cashier of this return, whoever rings the next sale meanwhile.
    m_lane.database().whenDurable(
        this, [this, done = *ret, said, cashier = m_lastCashier](const Status &durable) {
            returnDurable(done, cashier, said, durable);
        });
    return true;
}

void CheckoutController::returnDurable(const SaleRecord &ret, const QString &cashier,
                                       const QString &said, const Status &durable)
{
    if (!durable) { // no refund handed out on a return the disk may not hold
        qCCritical(lcUi).noquote() << "return" << ret.receiptNumber
                                   << "committed but not confirmed on disk:" << durable.error();
        say(tr("Return %1 is recorded, but the disk reported an error: call a manager.")
                .arg(ret.receiptNumber),
            true);
        return;
    }
    kickDrawerFor(ret);
    const QString queued = m_lane.printer() ? queueReceipt(ret, cashier) : QString();
    say(said + (queued.isEmpty() ? QString() : printerNote()));
}

QVariantList CheckoutController::findCustomers(const QString &text)
{
    QVariantList out;
    if (!requireSession())
        return out;
    auto found = m_lane.customers().find(text);
    if (!found) {
        qCWarning(lcUi) << "customer search failed:" << found.error();
        say(tr("The customer search failed; try again."), true);
        return out;
    }
    for (const Customer &c : *found)
        out.append(QVariantMap{{QStringLiteral("id"), c.id},
                               {QStringLiteral("name"), c.name},
                               {QStringLiteral("phone"), c.phone},
                               {QStringLiteral("email"), c.email}});
    if (out.isEmpty() && text.trimmed().size() >= 2)
        say(tr("No customer matches \"%1\".").arg(text.trimmed().left(40)), true);
    return out;
}

bool CheckoutController::createCustomer(const QString &name, const QString &phone,
                                        const QString &email)
{
    if (!requireSession())
        return false;
    auto c = m_lane.customers().create(name, phone, email);
    if (!c) {
        say(c.error(), true);
        return false;
    }
    attachCustomer(c->id, c->name);
    return true;
}

void CheckoutController::attachCustomer(const QString &id, const QString &name)
{
    if (!requireSession())
        return;
    if (m_stage == Stage::Done) {
        say(tr("Start a new sale first."), true);
        return;
    }
    m_cart.setCustomer(id, name);
    Q_EMIT totalsChanged();
    say(tr("Customer: %1").arg(name));
}

void CheckoutController::detachCustomer()
{
    m_cart.setCustomer({}, {});
    Q_EMIT totalsChanged();
}
