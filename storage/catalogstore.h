#pragma once

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

// SQL access to categories, products and their barcodes.
class CatalogStore
{
public:
    explicit CatalogStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status upsertCategory(const Category &category);
    // Inserts or replaces the product and its barcode set.
    [[nodiscard]] Status upsertProduct(const Product &product, const QString &at);
    // Takes a barcode away from any product other than productId (before it is reassigned).
    [[nodiscard]] Status releaseBarcode(const QString &barcode, const QString &productId);
    // Deactivates every active product not in keep; returns how many it deactivated.
    [[nodiscard]] Result<qint64> deactivateAllExcept(const QStringList &keep, const QString &at);

    [[nodiscard]] Result<std::optional<Product>> byBarcode(const QString &barcode);
    [[nodiscard]] Result<std::optional<Product>> bySku(const QString &sku);
    [[nodiscard]] Result<std::optional<Product>> byId(const QString &id);
    // Active products whose name or SKU contains the text (case-insensitive), by name.
    [[nodiscard]] Result<QList<Product>> search(const QString &text, int limit);
    // Active products of a category (all categories when empty), by name.
    [[nodiscard]] Result<QList<Product>> byCategory(const QString &categoryId, int limit);
    [[nodiscard]] Result<QList<Category>> categories();
    [[nodiscard]] Result<qint64> productCount();

private:
    Database &m_db;
};
