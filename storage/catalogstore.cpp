#include "catalogstore.h"

#include "database.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <QSqlQuery>
#include <QVariant>

namespace {
const QString kProductColumns = QStringLiteral(
    "SELECT p.id, p.sku, p.name, p.category_id, c.name, p.price_cents, p.tax_rate_bp, p.active, "
    "(SELECT group_concat(barcode, ' ') FROM product_barcodes b WHERE b.product_id = p.id) "
    "FROM products p LEFT JOIN categories c ON c.id = p.category_id ");

Product readProduct(const QSqlQuery &q)
{
    Product p;
    p.id = q.value(0).toString();
    p.sku = q.value(1).toString();
    p.name = q.value(2).toString();
    p.categoryId = q.value(3).toString();
    p.categoryName = q.value(4).toString();
    p.priceCents = q.value(5).toLongLong();
    p.taxRateBp = q.value(6).toInt();
    p.active = q.value(7).toBool();
    p.barcodes = q.value(8).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return p;
}
} // namespace

Status CatalogStore::upsertCategory(const Category &category)
{
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO categories(id, name, sort_order) VALUES (?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order"));
    if (!q)
        return Status::failure(q.error());
    (*q)->bindValue(0, category.id);
    (*q)->bindValue(1, category.name);
    (*q)->bindValue(2, category.sortOrder);
    return Database::run(**q);
}

Status CatalogStore::upsertProduct(const Product &product, const QString &at)
{
    auto q = m_db.prepared(QStringLiteral(
        "INSERT INTO products(id, sku, name, category_id, price_cents, tax_rate_bp, active, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "sku = excluded.sku, name = excluded.name, category_id = excluded.category_id, "
        "price_cents = excluded.price_cents, tax_rate_bp = excluded.tax_rate_bp, "
        "active = excluded.active, updated_at = excluded.updated_at"));
    if (!q)
        return Status::failure(q.error());
    QSqlQuery &query = **q;
    query.bindValue(0, product.id);
    query.bindValue(1, product.sku);
    query.bindValue(2, product.name);
    query.bindValue(3, Database::nullIfEmpty(product.categoryId));
    query.bindValue(4, product.priceCents);
    query.bindValue(5, product.taxRateBp);
    query.bindValue(6, product.active ? 1 : 0);
    query.bindValue(7, at);
    if (Status s = Database::run(query); !s)
        return s;

    auto del = m_db.prepared(QStringLiteral("DELETE FROM product_barcodes WHERE product_id = ?"));
    if (!del)
        return Status::failure(del.error());
    (*del)->bindValue(0, product.id);
    if (Status s = Database::run(**del); !s)
        return s;
    auto ins = m_db.prepared(
        QStringLiteral("INSERT INTO product_barcodes(barcode, product_id) VALUES (?, ?)"));
    if (!ins)
        return Status::failure(ins.error());
    for (const QString &code : product.barcodes) {
        (*ins)->bindValue(0, code);
        (*ins)->bindValue(1, product.id);
        if (Status s = Database::run(**ins); !s)
            return Status::failure(
                QStringLiteral("barcode %1 of product %2: %3").arg(code, product.sku, s.error()));
    }
    return {};
}

Result<std::optional<Product>> CatalogStore::one(const QString &where, const QString &value)
{
    using R = Result<std::optional<Product>>;
    auto q = m_db.prepared(kProductColumns + where);
    if (!q)
        return R::failure(q.error());
    QSqlQuery &query = **q;
    query.bindValue(0, value);
    if (Status s = Database::run(query); !s)
        return R::failure(s.error());
    std::optional<Product> product;
    if (query.next())
        product = readProduct(query);
    query.finish();
    return product;
}

Result<std::optional<Product>> CatalogStore::byBarcode(const QString &barcode)
{
    return one(
        QStringLiteral("WHERE p.id = (SELECT product_id FROM product_barcodes WHERE barcode = ?)"),
        barcode);
}

Result<std::optional<Product>> CatalogStore::bySku(const QString &sku)
{
    return one(QStringLiteral("WHERE p.sku = ?"), sku);
}

Result<std::optional<Product>> CatalogStore::byId(const QString &id)
{
    return one(QStringLiteral("WHERE p.id = ?"), id);
}

Result<QList<Product>> CatalogStore::many(QSqlQuery &query)
{
    if (Status s = Database::run(query); !s)
        return Result<QList<Product>>::failure(s.error());
    QList<Product> products;
    while (query.next())
        products.append(readProduct(query));
    query.finish();
    return products;
}

Result<QList<Product>> CatalogStore::search(const QString &text, int limit)
{
    auto q = m_db.prepared(kProductColumns +
                           QStringLiteral("WHERE p.active = 1 AND (p.name LIKE ? ESCAPE '\\' "
                                          "OR p.sku LIKE ? ESCAPE '\\') "
                                          "ORDER BY p.name COLLATE NOCASE LIMIT ?"));
    if (!q)
        return Result<QList<Product>>::failure(q.error());
    QString escaped = text;
    escaped.replace(QLatin1String("\\"), QLatin1String("\\\\"))
        .replace(QLatin1String("%"), QLatin1String("\\%"))
        .replace(QLatin1String("_"), QLatin1String("\\_"));
    const QString pattern = QLatin1Char('%') + escaped + QLatin1Char('%');
    (*q)->bindValue(0, pattern);
    (*q)->bindValue(1, pattern);
    (*q)->bindValue(2, limit);
    return many(**q);
}

Result<QList<Product>> CatalogStore::byCategory(const QString &categoryId, int limit)
{
    auto q = m_db.prepared(
        kProductColumns +
        QStringLiteral("WHERE p.active = 1 AND (COALESCE(?, '') = '' OR p.category_id = ?) "
                       "ORDER BY p.name COLLATE NOCASE LIMIT ?"));
    if (!q)
        return Result<QList<Product>>::failure(q.error());
    (*q)->bindValue(0, categoryId);
    (*q)->bindValue(1, categoryId);
    (*q)->bindValue(2, limit);
    return many(**q);
}

Result<QList<Category>> CatalogStore::categories()
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT id, name, sort_order FROM categories ORDER BY sort_order, name"));
    if (!q)
        return Result<QList<Category>>::failure(q.error());
    QSqlQuery &query = **q;
    if (Status s = Database::run(query); !s)
        return Result<QList<Category>>::failure(s.error());
    QList<Category> list;
    while (query.next())
        list.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toInt()});
    query.finish();
    return list;
}

Result<qint64> CatalogStore::productCount()
{
    auto v = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM products"));
    if (!v)
        return Result<qint64>::failure(v.error());
    return v->toLongLong();
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
