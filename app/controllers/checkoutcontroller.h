#pragma once

#include "cart.h"
#include "cartmodel.h"
#include "categorymodel.h"
#include "employeestore.h"
#include "heldcartmodel.h"
#include "productmodel.h"
#include "salestore.h"

#include <QObject>

#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <optional>

class Lane;
class QJSEngine;
class QQmlEngine;

// State of the checkout screen: the cart and its totals, product lookup by barcode, SKU or
// name, tendering and completing the sale. Every rule lives in Cart and SaleService.
class CheckoutController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(CartModel *cart READ cart CONSTANT)
    Q_PROPERTY(ProductModel *products READ products CONSTANT)
    Q_PROPERTY(CategoryModel *categories READ categories CONSTANT)
    Q_PROPERTY(QString currentCategory READ currentCategory NOTIFY productsChanged)
    Q_PROPERTY(QString subtotal READ subtotal NOTIFY totalsChanged)
    Q_PROPERTY(QString tax READ tax NOTIFY totalsChanged)
    Q_PROPERTY(QString total READ total NOTIFY totalsChanged)
    Q_PROPERTY(QString paid READ paid NOTIFY totalsChanged)
    Q_PROPERTY(QString remaining READ remaining NOTIFY totalsChanged)
    Q_PROPERTY(QString changeDue READ changeDue NOTIFY totalsChanged)
    Q_PROPERTY(int itemCount READ itemCount NOTIFY totalsChanged)
    Q_PROPERTY(QVariantList quickCash READ quickCash NOTIFY totalsChanged)
    Q_PROPERTY(QVariantList tenders READ tenders NOTIFY totalsChanged)
    Q_PROPERTY(Stage stage READ stage NOTIFY stageChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)
    Q_PROPERTY(QString lastReceipt READ lastReceipt NOTIFY stageChanged)
    Q_PROPERTY(QString lastChange READ lastChange NOTIFY lastSaleChanged)
    Q_PROPERTY(QString lastTotal READ lastTotal NOTIFY lastSaleChanged)
    Q_PROPERTY(QString lastReceiptPdf READ lastReceiptPdf NOTIFY receiptPrinted)
    // A receipt printer is configured: receipts print by themselves, "Print receipt" reprints.
    Q_PROPERTY(bool hasPrinter READ hasPrinter CONSTANT)
    Q_PROPERTY(QString discount READ discount NOTIFY totalsChanged)
    Q_PROPERTY(bool hasDiscount READ hasDiscount NOTIFY totalsChanged)
    Q_PROPERTY(QString discountOff READ discountOff NOTIFY totalsChanged)
    Q_PROPERTY(QString amountExample READ amountExample NOTIFY totalsChanged)
    Q_PROPERTY(bool approvalNeeded READ approvalNeeded NOTIFY approvalChanged)
    Q_PROPERTY(QString approvalReason READ approvalReason NOTIFY approvalChanged)
    Q_PROPERTY(QVariantList managers READ managers NOTIFY approvalChanged)
    Q_PROPERTY(HeldCartModel *heldCarts READ heldCarts CONSTANT)
    Q_PROPERTY(QString customerName READ customerName NOTIFY totalsChanged)
public:
    // Saving: the sale is committed and its sync to disk runs (off this thread); Done once it
    // is on disk.
    enum class Stage { Ringing, Paying, Done, Saving };
    Q_ENUM(Stage)

    explicit CheckoutController(Lane &lane, QObject *parent = nullptr);

    static void setInstance(CheckoutController *instance);
    static CheckoutController *create(QQmlEngine *, QJSEngine *);

    CartModel *cart() { return &m_cartModel; }
    ProductModel *products() { return &m_products; }
    CategoryModel *categories() { return &m_categories; }
    QString currentCategory() const { return m_category; }
    QString subtotal() const;
    QString tax() const;
    QString total() const;
    QString paid() const;
    QString remaining() const;
    QString changeDue() const;
    int itemCount() const { return m_cart.itemCount(); }
    QVariantList quickCash() const;
    // Payments taken so far: method ("cash" | "card"), amount applied, tendered (cash).
    QVariantList tenders() const;
    Stage stage() const { return m_stage; }
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }
    QString lastReceipt() const { return m_lastReceipt; }
    QString lastChange() const;
    QString lastTotal() const;
    QString lastReceiptPdf() const { return m_lastReceiptPdf; }
    QString discount() const;
    bool hasDiscount() const { return m_cart.discountCents() != 0; }
    // The discounts as an amount taken off ("($1.00)", "-1,00 €"), as the language writes it.
    QString discountOff() const;
    // A typed amount in the UI's language, for a field's placeholder: "40.00", "40,00", "40".
    QString amountExample() const;
    bool approvalNeeded() const { return m_pending.has_value(); }
    QString approvalReason() const { return m_approvalReason; }
    // Active managers who can approve (id, name), for the approval dialog.
    QVariantList managers() const;
    // Carts parked on this lane: id, label, items, total, at.
    HeldCartModel *heldCarts() { return &m_held; }
    QString customerName() const { return m_cart.customerName(); }
    const std::optional<SaleRecord> &lastSale() const { return m_lastSale; }
    const QString &lastCashier() const { return m_lastCashier; }
    const Cart &currentCart() const { return m_cart; }

    // A scanned or typed code: a barcode, else a SKU, else a name search.
    Q_INVOKABLE void enter(const QString &code);
    Q_INVOKABLE void addProduct(const QString &productId);
    Q_INVOKABLE void showCategory(const QString &categoryId);
    Q_INVOKABLE void search(const QString &text);
    Q_INVOKABLE void increment(int row);
    Q_INVOKABLE void decrement(int row);
    Q_INVOKABLE void removeLine(int row);
    Q_INVOKABLE void voidCart();
    Q_INVOKABLE void startPayment();
    Q_INVOKABLE void backToCart();
    Q_INVOKABLE void payCash(const QString &amount);
    Q_INVOKABLE void payCashCents(qint64 cents);
    Q_INVOKABLE void payCard();
    // Split tender: part of the total by card (at most what remains).
    Q_INVOKABLE void payCardAmount(const QString &amount);
    Q_INVOKABLE void removeTender(int index);
    // Price override and discounts (percent, e.g. "10" or "12.5"). Beyond the employee's discount
    // limit the change waits for a manager: approvalNeeded turns true, then approve() applies it
    // or cancelApproval() drops it. Returns true when applied at once.
    Q_INVOKABLE bool setLinePrice(int row, const QString &price);
    Q_INVOKABLE bool setLineDiscount(int row, const QString &percent);
    Q_INVOKABLE bool setCartDiscount(const QString &percent);
    Q_INVOKABLE bool approve(const QString &managerId, const QString &pin);
    Q_INVOKABLE void cancelApproval();
    // Hold (park) the cart to serve the next customer; recall it into an empty cart later.
    Q_INVOKABLE bool holdCart(const QString &label = {});
    Q_INVOKABLE bool recallCart(const QString &id);
    Q_INVOKABLE bool discardHeldCart(const QString &id);
    // Returns: a past sale by receipt number (saleId, receipt, createdAt, total, lines with
    // lineNo, name, sold, returnable, unitPrice); empty with a message when there is none.
    Q_INVOKABLE QVariantMap findSaleForReturn(const QString &receipt);
    // lines: [{lineNo, quantity}]; method "cash" | "card"; a manager approves with their PIN.
    Q_INVOKABLE bool completeReturn(const QString &saleId, const QVariantList &lines,
                                    const QString &method, const QString &managerId,
                                    const QString &pin);
    // Customers by phone (digits) or name: id, name, phone, email.
    Q_INVOKABLE QVariantList findCustomers(const QString &text);
    // Creates the customer (published to every lane) and attaches them to the sale.
    Q_INVOKABLE bool createCustomer(const QString &name, const QString &phone,
                                    const QString &email);
    Q_INVOKABLE void attachCustomer(const QString &id, const QString &name);
    Q_INVOKABLE void detachCustomer();
    // Active managers (id, name) who can approve a return.
    Q_INVOKABLE QVariantList approvers() const;
    Q_INVOKABLE void completeSale();
    Q_INVOKABLE void newSale();
    // The last sale's receipt again: to the receipt printer when there is one (returns the
    // print job's id), else as a PDF (savePdf()). Empty on failure.
    Q_INVOKABLE QString printReceipt();
    // The last sale's receipt as a PDF in <data dir>/receipts/; its path, empty on failure.
    Q_INVOKABLE QString savePdf();
    bool hasPrinter() const;

Q_SIGNALS:
    void totalsChanged();
    void productsChanged();
    void stageChanged();
    void lastSaleChanged();
    void messageChanged();
    void saleCompleted(const QString &transactionId);
    void receiptPrinted();
    void approvalChanged();

private:
    bool requireSession();
    void addToCart(const Product &product);
    void afterTender(const Status &status);
    bool adjust(const std::function<Status(Cart &)> &change, const QString &what);
    static std::optional<int> parsePercentBp(const QString &text);
    void reloadHeld();
    std::optional<Employee> verifyManager(const QString &managerId, const QString &pin);
    void setStage(Stage stage);
    void say(const QString &message, bool error = false);
    // The UI language or the currency changed: every amount shown again.
    void reformatAmounts();
    QString formatted(qint64 minor) const;
    // Queues a sale's receipt for the printer; the job id, empty on failure (said).
    QString queueReceipt(const SaleRecord &sale, const QString &cashier);
    // True (and said) while the last sale is being saved: nothing else moves until it is.
    bool savingBlocks();
    // What to add to a message when the receipt waits for the printer ("" when it prints).
    QString printerNote() const;
    // Opens the cash drawer when the sale or return moved cash.
    void kickDrawerFor(const SaleRecord &sale);
    // The sale (or return) just committed is on disk (or its sync failed): what follows a
    // completed sale, said and done only now.
    void saleDurable(const SaleRecord &sale, const Status &durable);
    void returnDurable(const SaleRecord &ret, const QString &cashier, const QString &said,
                       const Status &durable);

    Lane &m_lane;
    Cart m_cart;
    CartModel m_cartModel;
    ProductModel m_products;
    CategoryModel m_categories;
    QString m_category;
    Stage m_stage = Stage::Ringing;
    // Scans and taps that came while the last sale was being saved, run once it is.
    QList<std::function<void()>> m_afterSaving;
    QString m_message;
    bool m_messageIsError = false;
    QString m_lastReceipt;
    qint64 m_lastChangeCents = 0;
    qint64 m_lastTotalCents = 0;
    std::optional<SaleRecord> m_lastSale;
    QString m_lastCashier;
    QString m_lastReceiptPdf;
    bool m_printerFailing = false; // the printer's last state was a failure
    std::optional<Cart> m_pending; // a change waiting for a manager's approval
    QString m_pendingWhat;
    QString m_approvalReason;
    HeldCartModel m_held;
};
