#include "catalogstore.h"

#include "database.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
const QString kProductColumns = QStringLiteral(
    "SELECT p.id, p.sku, p.name, p.category_id, c.name, p.price_cents, p.tax_rate_bp, p.active, "
    "(SELECT group_concat(barcode, ' ') FROM product_barcodes b WHERE b.product_id = p.id) "
    "FROM products p LEFT JOIN categories c ON c.id = p.category_id ");

Product readProduct(const SqlRow &r)
{
    Product p;
    p.id = r.text(0);
    p.sku = r.text(1);
    p.name = r.text(2);
    p.categoryId = r.text(3);
    p.categoryName = r.text(4);
    p.priceCents = r.integer(5);
    p.taxRateBp = int(r.integer(6));
    p.active = r.integer(7) != 0;
    p.barcodes = r.text(8).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return p;
}
} // namespace

Status CatalogStore::upsertCategory(const Category &category)
{
    return m_db.run(
        QStringLiteral(
            "INSERT INTO categories(id, name, sort_order) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order"),
        category.id, category.name, category.sortOrder);
}

Status CatalogStore::upsertProduct(const Product &product, const QString &at)
{
    if (Status s = m_db.run(
            QStringLiteral(
                "INSERT INTO products(id, sku, name, category_id, price_cents, tax_rate_bp, "
                "active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "sku = excluded.sku, name = excluded.name, category_id = excluded.category_id, "
                "price_cents = excluded.price_cents, tax_rate_bp = excluded.tax_rate_bp, "
                "active = excluded.active, updated_at = excluded.updated_at"),
            product.id, product.sku, product.name, SqlOptional{product.categoryId},
            product.priceCents, product.taxRateBp, product.active, at);
        !s)
        return s;
    if (Status s = m_db.run(QStringLiteral("DELETE FROM product_barcodes WHERE product_id = ?"),
                            product.id);
        !s)
        return s;
    for (const QString &code : product.barcodes) {
        if (Status s = m_db.run(
                QStringLiteral("INSERT INTO product_barcodes(barcode, product_id) VALUES (?, ?)"),
                code, product.id);
            !s)
            return Status::failure(
                QStringLiteral("barcode %1 of product %2: %3").arg(code, product.sku, s.error()));
    }
    return {};
}

Result<std::optional<Product>> CatalogStore::byBarcode(const QString &barcode)
{
    static const QString sql =
        kProductColumns +
        QStringLiteral("WHERE p.id = (SELECT product_id FROM product_barcodes WHERE barcode = ?)");
    return m_db.row(sql, readProduct, barcode);
}

Result<std::optional<Product>> CatalogStore::bySku(const QString &sku)
{
    static const QString sql = kProductColumns + QStringLiteral("WHERE p.sku = ?");
    return m_db.row(sql, readProduct, sku);
}

Result<std::optional<Product>> CatalogStore::byId(const QString &id)
{
    static const QString sql = kProductColumns + QStringLiteral("WHERE p.id = ?");
    return m_db.row(sql, readProduct, id);
}

Result<QList<Product>> CatalogStore::search(const QString &text, int limit)
{
    static const QString sql =
        kProductColumns + QStringLiteral("WHERE p.active = 1 AND (p.name LIKE ? ESCAPE '\\' "
                                         "OR p.sku LIKE ? ESCAPE '\\') "
                                         "ORDER BY p.name COLLATE NOCASE LIMIT ?");
    QString escaped = text;
    escaped.replace(QLatin1String("\\"), QLatin1String("\\\\"))
        .replace(QLatin1String("%"), QLatin1String("\\%"))
        .replace(QLatin1String("_"), QLatin1String("\\_"));
    const QString pattern = QLatin1Char('%') + escaped + QLatin1Char('%');
    return m_db.rows(sql, readProduct, pattern, pattern, limit);
}

Result<QList<Product>> CatalogStore::byCategory(const QString &categoryId, int limit)
{
    static const QString sql =
        kProductColumns +
        QStringLiteral("WHERE p.active = 1 AND (COALESCE(?, '') = '' OR p.category_id = ?) "
                       "ORDER BY p.name COLLATE NOCASE LIMIT ?");
    return m_db.rows(sql, readProduct, categoryId, categoryId, limit);
}

Result<QList<Category>> CatalogStore::categories()
{
    return m_db.rows(
        QStringLiteral("SELECT id, name, sort_order FROM categories ORDER BY sort_order, name"),
        [](const SqlRow &r) {
            return Category{r.text(0), r.text(1), int(r.integer(2))};
        });
}

Result<qint64> CatalogStore::productCount()
{
    auto n = m_db.integer(QStringLiteral("SELECT COUNT(*) FROM products"));
    if (!n)
        return Result<qint64>::failure(n.error());
    return n->value_or(0);
}

Status CatalogStore::releaseBarcode(const QString &barcode, const QString &productId)
{
    return m_db.run(
        QStringLiteral("DELETE FROM product_barcodes WHERE barcode = ? AND product_id <> ?"),
        barcode, productId);
}

Result<qint64> CatalogStore::deactivateAllExcept(const QStringList &keep, const QString &at)
{
    // The ids as one JSON array: one statement for any catalog size (no host-parameter limit).
    const QByteArray ids =
        QJsonDocument(QJsonArray::fromStringList(keep)).toJson(QJsonDocument::Compact);
    qint64 deactivated = 0;
    if (Status s = m_db.forEach(
            QStringLiteral("UPDATE products SET active = 0, updated_at = ? "
                           "WHERE active = 1 AND id NOT IN (SELECT value FROM "
                           "json_each(?)) RETURNING 1"),
            [&](const SqlRow &) { ++deactivated; }, at, ids);
        !s)
        return Result<qint64>::failure(s.error());
    return deactivated;
}
