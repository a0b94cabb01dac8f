#pragma once

#include "catalogproductmodel.h"
#include "clocktimer.h"
#include "conflictmodel.h"
#include "faileduploadmodel.h"
#include "heldmessagemodel.h"
#include "settingsmodel.h"
#include "staffmodel.h"
#include "stocksearchmodel.h"

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <optional>

class Lane;
class QJSEngine;
class QQmlEngine;
struct Employee;

// The manager's admin screen: reconciliation on demand with its result, the conflicts it
// resolved and a manual override, failed cloud uploads with retry, stock counts, the product
// editor, employees and the lane's settings (secrets masked). Its lists are models updated in
// place. Every action checks here, in C++, that a manager is
// logged in; QML only shows and asks.
class AdminController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool reconciling READ reconciling NOTIFY changed)
    Q_PROPERTY(QVariantMap reconciliation READ reconciliation NOTIFY changed)
    Q_PROPERTY(ConflictModel *conflicts READ conflicts CONSTANT)
    Q_PROPERTY(FailedUploadModel *failedMessages READ failedMessages CONSTANT)
    Q_PROPERTY(HeldMessageModel *heldMessages READ heldMessages CONSTANT)
    Q_PROPERTY(int relayedFailed READ relayedFailed NOTIFY changed)
    Q_PROPERTY(bool cloudEnabled READ cloudEnabled CONSTANT)
    Q_PROPERTY(StaffModel *employees READ employees CONSTANT)
    Q_PROPERTY(SettingsModel *settings READ settings CONSTANT)
    Q_PROPERTY(StockSearchModel *stockResults READ stockResults CONSTANT)
    Q_PROPERTY(CatalogProductModel *products READ products CONSTANT)
    Q_PROPERTY(QStringList productCategories READ productCategories NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)
public:
    explicit AdminController(Lane &lane, QObject *parent = nullptr);
    ~AdminController() override;

    static void setInstance(AdminController *instance);
    static AdminController *create(QQmlEngine *, QJSEngine *);

    bool reconciling() const;
    QVariantMap reconciliation() const { return m_reconciliation; }
    ConflictModel *conflicts() { return &m_conflicts; }
    FailedUploadModel *failedMessages() { return &m_failed; }
    // Messages from other lanes held for a time too far ahead: id, origin, topic, what (for
    // people), stampedAt, ahead (how far, for people), heldAt.
    HeldMessageModel *heldMessages() { return &m_held; }
    int relayedFailed() const { return m_relayedFailed; }
    bool cloudEnabled() const;
    StaffModel *employees() { return &m_employees; }
    SettingsModel *settings() { return &m_settings; }
    StockSearchModel *stockResults() { return &m_stockResults; }
    CatalogProductModel *products() { return &m_products; }
    // The catalog's category names, for the product editor's category field.
    QStringList productCategories() const { return m_categories; }
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }

    // The screen is open: it is then kept current after every commit (coalesced).
    Q_INVOKABLE void setShown(bool shown);
    // Re-reads everything the screen shows.
    Q_INVOKABLE void refresh();
    Q_INVOKABLE bool reconcileNow();
    // quantity as typed: a whole number of units, 0 or more.
    Q_INVOKABLE bool overrideConflict(int conflictId, const QString &quantity);
    Q_INVOKABLE bool retryFailed();
    // The manager accepts a held message: it takes effect now, on every lane.
    Q_INVOKABLE bool acceptHeld(const QString &messageId);
    // Fills stockResults with the active products matching a barcode, SKU or name, with their
    // stock (for the stock count form).
    Q_INVOKABLE void findStock(const QString &text);
    Q_INVOKABLE bool recordCount(const QString &productId, const QString &quantity);
    // keys: id (empty: new), name, role, pin (empty: keep), active, discountLimit (percent text)
    Q_INVOKABLE bool saveEmployee(const QVariantMap &employee);
    // Fills products with every product matching a barcode, SKU or name (all of them, by name,
    // for an empty text); productChosen(0) when the text is the first one's barcode or SKU.
    Q_INVOKABLE void findProducts(const QString &text);
    // keys: id (empty: new), name, sku, price (as typed: Lane::money().parse), barcodes (separated
    // by commas or lines), taxRate (percent as typed: "8.25" or "8,25"), category (a name, new or
    // existing; empty: none), active. Says what is wrong, or that it was saved.
    Q_INVOKABLE bool saveProduct(const QVariantMap &product);
    Q_INVOKABLE void clearMessage();
    // A reconciliation result ("resolved", "in sync; no answer from L3", "failed: ...") in the
    // UI's language.
    Q_INVOKABLE static QString describeResult(const QString &result);
    // A tax rate in percent as typed ("8.25", "8,25", "7 %") in basis points; nullopt unless it
    // is 0 to 100 with at most two decimals.
    static std::optional<int> parsePercentBp(const QString &text);
    // The screenshot tour's conflicts (its lane has none of its own).
    void showSampleConflicts(const QVariantList &conflicts);
    void clearSampleConflicts();
    // The screenshot tour's held messages.
    void showSampleHeld(const QVariantList &held);
    // The screenshot tour's product list (with a placeholder), row `chosen` open in the editor.
    void showSampleProducts(const QList<Product> &products, int chosen);

Q_SIGNALS:
    void changed();
    void messageChanged();
    // The product editor shows this row of products: a search found the product a barcode or
    // SKU names (a scan), or it was just saved.
    void productChosen(int row);

private:
    const Employee *manager();
    void say(const QString &message, bool error = false);
    static bool parseQuantity(const QString &text, qint64 &value);
    QString describeHeld(const QString &topic, const QByteArray &payload);
    void reloadProducts();

    Lane &m_lane;
    ClockTimer m_coalesce; // on the lane's clock
    QVariantMap m_reconciliation;
    ConflictModel m_conflicts;
    FailedUploadModel m_failed;
    HeldMessageModel m_held;
    StaffModel m_employees;
    SettingsModel m_settings;
    StockSearchModel m_stockResults;
    CatalogProductModel m_products;
    QString m_productQuery; // the product editor's last search, kept current after a save
    QStringList m_categories;
    bool m_sampleHeld = false;
    bool m_sampleProducts = false;
    int m_relayedFailed = 0;
    bool m_sampleConflicts = false;
    bool m_shown = false;
    QString m_message;
    bool m_messageIsError = false;
};
