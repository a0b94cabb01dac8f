#pragma once

#include "hlc.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class Database;

struct Category
{
    QString id;
    QString name;
    int sortOrder = 0;
};

struct Product
{
    QString id; // UUID
    QString sku;
    QString name;
    QString categoryId;
    QString categoryName;
    qint64 priceCents = 0;
    int taxRateBp = 0; // basis points: 825 = 8.25 %
    bool active = true;
    QStringList barcodes;
    // Recorded from a received sale line before the product's own message came (its SKU, name,
    // price and tax rate as the sale had them); the product message completes it.
    bool placeholder = false;
    QString updatedAt; // ISO 8601 UTC of the version this lane holds
};

// A price change scheduled at a time, as this lane keeps it.
struct PriceChangeRow
{
    QString changeId;
    QString productId;
    qint64 priceCents = 0;
    qint64 effectiveMs = 0;
    qint64 headOfficeSeq = 0;
    bool applied = false;
};

// SQL access to categories, products and their barcodes.
//
// Products replicate by last write wins on a version (an HLC time and its lane) per product:
// applyVersion keeps a version only when it is later than the one held. Two products may name the
// same SKU or barcode (made on two lanes during a partition): each version's claims are kept, and
// the SKU or barcode belongs to the claimant that is active, not a placeholder and latest (then
// by id); the others show their SKU as "SKU~<first 8 of id>". The outcome depends only on which
// versions a lane holds, not on the order they came in.
class CatalogStore
{
public:
    // The version of placeholders: before every real one.
    static HlcTime placeholderVersion() { return HlcTime{-1, 0, {}}; }
    // The version of the demo catalog and of files imported before products replicated.
    static HlcTime baseVersion() { return HlcTime{0, 0, {}}; }
    // Deterministic category ids, so every lane that names a category agrees on its id.
    static QString categoryIdFor(const QString &name);

    explicit CatalogStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status upsertCategory(const Category &category);

    [[nodiscard]] Result<std::optional<Product>> byBarcode(const QString &barcode);
    [[nodiscard]] Result<std::optional<Product>> bySku(const QString &sku);
    [[nodiscard]] Result<std::optional<Product>> byId(const QString &id);
    // Active products (all, with includeInactive: placeholders too) whose name or SKU contains
    // the text (case-insensitive), by name.
    [[nodiscard]] Result<QList<Product>> search(const QString &text, int limit,
                                                bool includeInactive = false);
    // Active products of a category (all categories when empty), by name.
    [[nodiscard]] Result<QList<Product>> byCategory(const QString &categoryId, int limit);
    // The ids of every active product, by name (the sale simulator picks from them).
    [[nodiscard]] Result<QStringList> activeIds();
    [[nodiscard]] Result<QList<Category>> categories();
    [[nodiscard]] Result<qint64> productCount();

    // Keeps the product's version when it is later than the one held (or the product is new):
    // its fields (the category by name, created when new), its SKU and barcode claims, and its
    // price unless a later scheduled change set it. False when an equal or later version is held.
    // priceVersion: when the price was set (the version itself when this version changed it;
    // equal or earlier).
    [[nodiscard]] Result<bool> applyVersion(const Product &product, const HlcTime &version,
                                            std::optional<HlcTime> priceVersion = std::nullopt);
    // The version this lane holds of a product (nullopt: unknown).
    [[nodiscard]] Result<std::optional<HlcTime>> versionOf(const QString &productId);
    // When the price this lane holds for a product was set (a version's price time, or a
    // scheduled change's effective time), as a version that carries it on from terminal: what a
    // new version that keeps the price sends as its priceSetAt.
    [[nodiscard]] Result<std::optional<HlcTime>> priceVersionFor(const QString &productId,
                                                                 const QString &terminal);
    // A product a received sale or stock change names before its own message came: recorded
    // inactive with what the sale knows (its SKU, name, price and tax rate) at the placeholder
    // version, so any real version replaces it. True when it was added now.
    [[nodiscard]] Result<bool> ensurePlaceholder(const Product &product);
    // A re-timed version (a held message accepted at another time): the product moves to it if
    // it still holds the old one.
    [[nodiscard]] Status restampVersion(const QString &productId, const HlcTime &from,
                                        const HlcTime &to);

    // Keeps a scheduled price change (false when it is known already).
    [[nodiscard]] Result<bool> addPriceChange(const PriceChangeRow &change, const QString &at);
    // Applies the changes due at nowMs (of one product, or all when productId is empty): each
    // becomes the product's price unless a later version set it. Returns how many products
    // changed price.
    [[nodiscard]] Result<int> applyDuePrices(qint64 nowMs, const QString &productId = {});
    // The time of the next change that is not due yet.
    [[nodiscard]] Result<std::optional<qint64>> nextPriceChangeMs(qint64 nowMs);
    [[nodiscard]] Result<QList<PriceChangeRow>> priceChanges(const QString &productId);

    // Head office changes this lane applied (the poller skips them).
    [[nodiscard]] Result<bool> headOfficeChangeSeen(qint64 seq);
    [[nodiscard]] Status markHeadOfficeChange(qint64 seq, const QString &at);

    // Every product (placeholders and inactive included), by name, then id.
    [[nodiscard]] Result<QList<Product>> all(int limit);
    // A digest of the whole catalog as every lane must agree on it (ids, SKUs, names,
    // categories, prices, tax rates, active, placeholders, barcodes): equal on two lanes that
    // hold the same versions.
    [[nodiscard]] Result<QString> digest();

private:
    Result<QString> categoryId(const QString &name);
    Status resolveSku(const QString &sku);
    Status resolveBarcode(const QString &barcode);
    Status setClaims(const QString &productId, const QStringList &barcodes);

    Database &m_db;
};
