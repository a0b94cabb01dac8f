#include "checkoutcontroller.h"

#include "barcode.h"
#include "lane.h"
#include "logging.h"
#include "money.h"
#include "receiptprinter.h"

#include <QDir>
#include <QQmlEngine>

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
    return Money::format(m_cart.subtotalCents() - m_cart.discountCents());
}

QString CheckoutController::tax() const
{
    return Money::format(m_cart.taxCents());
}

QString CheckoutController::total() const
{
    return Money::format(m_cart.totalCents());
}

QString CheckoutController::paid() const
{
    return Money::format(m_cart.paidCents());
}

QString CheckoutController::remaining() const
{
    return Money::format(qMax<qint64>(0, m_cart.remainingCents()));
}

QString CheckoutController::changeDue() const
{
    return Money::format(m_cart.changeDueCents());
}

QVariantList CheckoutController::quickCash() const
{
    // Exact amount, then the notes a customer is likely to hand over.
    QList<qint64> amounts;
    const qint64 due = m_cart.remainingCents();
    if (due > 0)
        amounts.append(due);
    for (qint64 note : {500, 1000, 2000, 5000, 10000}) {
        const qint64 rounded = ((due + note - 1) / note) * note;
        if (due > 0 && rounded > due && !amounts.contains(rounded) && amounts.size() < 6)
            amounts.append(rounded);
    }
    QVariantList list;
    for (qint64 cents : amounts)
        list.append(QVariantMap{{QStringLiteral("cents"), cents},
                                {QStringLiteral("label"), Money::format(cents)}});
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

void CheckoutController::enter(const QString &input)
{
    const QString code = input.trimmed();
    if (code.isEmpty() || !requireSession())
        return;
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
    say(tr("%1 added, %2").arg(product.name, Money::format(product.priceCents)));
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
    qCInfo(lcUi) << "cart voided with" << m_cart.lines().size() << "lines";
    m_cart.clear();
    m_cartModel.reset();
    setStage(Stage::Ringing);
    say(tr("Cart voided."));
    Q_EMIT totalsChanged();
}

void CheckoutController::startPayment()
{
    if (!requireSession())
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
    if (!m_cart.tenders().isEmpty()) {
        say(tr("Payments are already taken; void the cart to start over."), true);
        return;
    }
    setStage(Stage::Ringing);
}

void CheckoutController::payCash(const QString &amount)
{
    const auto cents = Money::parse(amount);
    if (!cents) {
        say(tr("\"%1\" is not an amount.").arg(amount), true);
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
    afterTender(m_cart.addCard(m_cart.remainingCents()));
}

void CheckoutController::payCardAmount(const QString &amount)
{
    const auto cents = Money::parse(amount);
    if (!cents) {
        say(tr("\"%1\" is not an amount.").arg(amount), true);
        return;
    }
    if (!requireSession())
        return;
    afterTender(m_cart.addCard(*cents));
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
                               {QStringLiteral("amount"), Money::format(t.amountCents)},
                               {QStringLiteral("tendered"), Money::format(t.tenderedCents)}});
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
    m_lastChange = Money::format(change);
    m_lastTotal = Money::format(total);
    m_cartModel.reset();
    setStage(Stage::Done);
    say(tr("Sale %1 complete.").arg(sale->receiptNumber));
    Q_EMIT totalsChanged();
    Q_EMIT saleCompleted(sale->id);
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
    if (!requireSession())
        return {};
    if (!m_lastSale) {
        say(tr("There is no completed sale to print."), true);
        return {};
    }
    const QString path =
        QDir(m_lane.config().effectiveDataDir())
            .filePath(QStringLiteral("receipts/%1.pdf").arg(m_lastSale->receiptNumber));
    const Status s =
        ReceiptPrinter::printPdf(*m_lastSale, {m_lane.config().storeId, m_lastCashier}, path);
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
