#include "catalogstore.h"

#include "database.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUuid>

namespace {
const QString kProductColumns = QStringLiteral(
    "SELECT p.id, p.sku, p.name, p.category_id, c.name, p.price_cents, p.tax_rate_bp, p.active, "
    "(SELECT group_concat(barcode, ' ') FROM product_barcodes b WHERE b.product_id = p.id), "
    "p.placeholder, p.updated_at FROM products p LEFT JOIN categories c ON c.id = p.category_id ");

// The same namespace as the catalog importer has always used: category ids stay as they were.
const QUuid kCatalogNamespace(QStringLiteral("6f1c2a4e-3b7d-4e8a-9c1f-2d5e6a7b8c90"));

// Who holds a contested SKU or barcode: active first, real products before placeholders, then
// the latest version, then the id.
const QString kClaimOrder =
    QStringLiteral("ORDER BY p.active DESC, p.placeholder ASC, p.hlc_ms DESC, p.hlc_counter DESC, "
                   "p.hlc_terminal DESC, p.id DESC");

QString displacedSku(const QString &sku, const QString &id)
{
    return sku + QLatin1Char('~') + id.left(8);
}

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
    p.placeholder = r.integer(9) != 0;
    p.updatedAt = r.text(10);
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

Result<QList<Product>> CatalogStore::search(const QString &text, int limit, bool includeInactive)
{
    static const QString sql =
        kProductColumns + QStringLiteral("WHERE p.active >= ? AND (p.name LIKE ? ESCAPE '\\' "
                                         "OR p.sku LIKE ? ESCAPE '\\') "
                                         "ORDER BY p.name COLLATE NOCASE LIMIT ?");
    QString escaped = text;
    escaped.replace(QLatin1String("\\"), QLatin1String("\\\\"))
        .replace(QLatin1String("%"), QLatin1String("\\%"))
        .replace(QLatin1String("_"), QLatin1String("\\_"));
    const QString pattern = QLatin1Char('%') + escaped + QLatin1Char('%');
    return m_db.rows(sql, readProduct, includeInactive ? 0 : 1, pattern, pattern, limit);
}

Result<QList<Product>> CatalogStore::byCategory(const QString &categoryId, int limit)
{
    static const QString sql =
        kProductColumns +
        QStringLiteral("WHERE p.active = 1 AND (COALESCE(?, '') = '' OR p.category_id = ?) "
                       "ORDER BY p.name COLLATE NOCASE LIMIT ?");
    return m_db.rows(sql, readProduct, categoryId, categoryId, limit);
}

Result<QStringList> CatalogStore::activeIds()
{
    auto ids = m_db.rows(
        QStringLiteral("SELECT id FROM products WHERE active = 1 ORDER BY name COLLATE NOCASE, id"),
        [](const SqlRow &r) { return r.text(0); });
    if (!ids)
        return Result<QStringList>::failure(ids.error());
    return QStringList(*ids);
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

QString CatalogStore::categoryIdFor(const QString &name)
{
    return QUuid::createUuidV5(kCatalogNamespace, QStringLiteral("category:") + name)
        .toString(QUuid::WithoutBraces);
}

Result<QString> CatalogStore::categoryId(const QString &name)
{
    using R = Result<QString>;
    if (name.isEmpty())
        return QString();
    if (Status s = m_db.run(
            QStringLiteral("INSERT INTO categories(id, name, sort_order) VALUES (?, ?, (SELECT "
                           "COALESCE(MAX(sort_order), -1) + 1 FROM categories)) "
                           "ON CONFLICT DO NOTHING"),
            categoryIdFor(name), name);
        !s)
        return R::failure(s.error());
    auto id = m_db.text(QStringLiteral("SELECT id FROM categories WHERE name = ?"), name);
    if (!id)
        return R::failure(id.error());
    return id->value_or(QString());
}

Result<std::optional<HlcTime>> CatalogStore::versionOf(const QString &productId)
{
    return m_db.row(
        QStringLiteral("SELECT hlc_ms, hlc_counter, hlc_terminal FROM products "
                       "WHERE id = ?"),
        [](const SqlRow &r) {
            return HlcTime{r.integer(0), r.integer(1), r.text(2)};
        },
        productId);
}

Result<std::optional<HlcTime>> CatalogStore::priceVersionFor(const QString &productId,
                                                             const QString &terminal)
{
    return m_db.row(
        QStringLiteral("SELECT price_ms, CASE WHEN price_rank = 1 THEN price_counter "
                       "ELSE 0 END FROM products WHERE id = ?"),
        [&terminal](const SqlRow &r) {
            return HlcTime{r.integer(0), r.integer(1), terminal};
        },
        productId);
}

Result<bool> CatalogStore::applyVersion(const Product &p, const HlcTime &v,
                                        std::optional<HlcTime> priceVersion)
{
    const HlcTime pv = priceVersion.value_or(v);
    using R = Result<bool>;
    struct Held
    {
        HlcTime version;
        QString skuClaim;
    };
    auto held = m_db.row(
        QStringLiteral("SELECT hlc_ms, hlc_counter, hlc_terminal, sku_claim FROM products "
                       "WHERE id = ?"),
        [](const SqlRow &r) {
            return Held{HlcTime{r.integer(0), r.integer(1), r.text(2)}, r.text(3)};
        },
        p.id);
    if (!held)
        return R::failure(held.error());
    if (held->has_value() && !((*held)->version < v)) {
        // The record stays; the price is a register of its own (priceSetAt): a version that
        // lost to a later one may still carry the latest price.
        auto moved = m_db.integer(
            QStringLiteral("UPDATE products SET price_cents = ?, price_ms = ?, price_rank = 1, "
                           "price_counter = ?, price_tie = ? WHERE id = ? AND (price_ms, "
                           "price_rank, price_counter, price_tie) < (?, 1, ?, ?) RETURNING 1"),
            p.priceCents, pv.ms, pv.counter, pv.terminal, p.id, pv.ms, pv.counter, pv.terminal);
        if (!moved)
            return R::failure(moved.error());
        return moved->has_value();
    }
    auto category = categoryId(p.categoryName);
    if (!category)
        return R::failure(category.error());
    const QString at = v.ms >= 0 ? v.iso() : QString();
    // The SKU column is unique: the product gives up what it holds first; resolveSku hands the
    // SKU to whoever claims it best.
    const QString parked = QLatin1Char('~') + p.id;
    Status written;
    if (!held->has_value()) {
        written = m_db.run(
            QStringLiteral(
                "INSERT INTO products(id, sku, sku_claim, name, category_id, price_cents, "
                "tax_rate_bp, active, placeholder, updated_at, hlc_ms, hlc_counter, hlc_terminal, "
                "price_ms, price_rank, price_counter, price_tie) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"),
            p.id, parked, p.sku, p.name, SqlOptional{*category}, p.priceCents, p.taxRateBp,
            p.active, p.placeholder, at, v.ms, v.counter, v.terminal, pv.ms, pv.counter,
            pv.terminal);
    } else {
        written = m_db.run(
            QStringLiteral(
                "UPDATE products SET sku = ?, sku_claim = ?, name = ?, category_id = ?, "
                "tax_rate_bp = ?, active = ?, placeholder = ?, updated_at = ?, hlc_ms = ?, "
                "hlc_counter = ?, hlc_terminal = ?, "
                "price_cents = CASE WHEN (price_ms, price_rank, price_counter, price_tie) < "
                "(?, 1, ?, ?) THEN ? ELSE price_cents END, "
                "price_tie = CASE WHEN (price_ms, price_rank, price_counter, price_tie) < "
                "(?, 1, ?, ?) THEN ? ELSE price_tie END, "
                "price_counter = CASE WHEN (price_ms, price_rank, price_counter, price_tie) < "
                "(?, 1, ?, ?) THEN ? ELSE price_counter END, "
                "price_rank = CASE WHEN (price_ms, price_rank, price_counter, price_tie) < "
                "(?, 1, ?, ?) THEN 1 ELSE price_rank END, "
                "price_ms = CASE WHEN (price_ms, price_rank, price_counter, price_tie) < "
                "(?, 1, ?, ?) THEN ? ELSE price_ms END "
                "WHERE id = ?"),
            parked, p.sku, p.name, SqlOptional{*category}, p.taxRateBp, p.active, p.placeholder, at,
            v.ms, v.counter, v.terminal, pv.ms, pv.counter, pv.terminal, p.priceCents, pv.ms,
            pv.counter, pv.terminal, pv.terminal, pv.ms, pv.counter, pv.terminal, pv.counter, pv.ms,
            pv.counter, pv.terminal, pv.ms, pv.counter, pv.terminal, pv.ms, p.id);
    }
    if (!written)
        return R::failure(written.error());
    if (held->has_value() && !(*held)->skuClaim.isEmpty() && (*held)->skuClaim != p.sku) {
        if (Status s = resolveSku((*held)->skuClaim); !s)
            return R::failure(s.error());
    }
    if (Status s = resolveSku(p.sku); !s)
        return R::failure(s.error());
    if (Status s = setClaims(p.id, p.barcodes); !s)
        return R::failure(s.error());
    return true;
}

Status CatalogStore::setClaims(const QString &productId, const QStringList &barcodes)
{
    auto before = m_db.rows(
        QStringLiteral("SELECT barcode FROM product_barcode_claims WHERE product_id = ?"),
        [](const SqlRow &r) { return r.text(0); }, productId);
    if (!before)
        return Status::failure(before.error());
    const QSet<QString> old(before->cbegin(), before->cend());
    const QSet<QString> now(barcodes.cbegin(), barcodes.cend());
    for (const QString &code : old - now) {
        if (Status s = m_db.run(QStringLiteral("DELETE FROM product_barcode_claims WHERE "
                                               "barcode = ? AND product_id = ?"),
                                code, productId);
            !s)
            return s;
    }
    for (const QString &code : now - old) {
        if (Status s = m_db.run(QStringLiteral("INSERT INTO product_barcode_claims(barcode, "
                                               "product_id) VALUES (?, ?)"),
                                code, productId);
            !s)
            return s;
    }
    // Every barcode it names or named: its new version may win or lose each of them.
    QStringList touched = QStringList(old.cbegin(), old.cend()) + barcodes;
    touched.removeDuplicates();
    touched.sort();
    for (const QString &code : std::as_const(touched)) {
        if (Status s = resolveBarcode(code); !s)
            return s;
    }
    return {};
}

Status CatalogStore::resolveBarcode(const QString &barcode)
{
    auto owner = m_db.text(QStringLiteral("SELECT c.product_id FROM product_barcode_claims c "
                                          "JOIN products p ON p.id = c.product_id "
                                          "WHERE c.barcode = ? ") +
                               kClaimOrder + QStringLiteral(" LIMIT 1"),
                           barcode);
    if (!owner)
        return Status::failure(owner.error());
    if (!owner->has_value())
        return m_db.run(QStringLiteral("DELETE FROM product_barcodes WHERE barcode = ?"), barcode);
    return m_db.run(QStringLiteral("INSERT INTO product_barcodes(barcode, product_id) VALUES "
                                   "(?, ?) ON CONFLICT(barcode) DO UPDATE SET product_id = "
                                   "excluded.product_id WHERE product_id <> excluded.product_id"),
                    barcode, **owner);
}

Status CatalogStore::resolveSku(const QString &sku)
{
    auto claimants = m_db.rows(
        QStringLiteral("SELECT p.id FROM products p WHERE p.sku_claim = ? ") + kClaimOrder,
        [](const SqlRow &r) { return r.text(0); }, sku);
    if (!claimants)
        return Status::failure(claimants.error());
    // The others first, so that the SKU is free when its holder takes it.
    for (qsizetype i = 1; i < claimants->size(); ++i) {
        if (Status s = m_db.run(QStringLiteral("UPDATE products SET sku = ? WHERE id = ? AND "
                                               "sku <> ?"),
                                displacedSku(sku, claimants->at(i)), claimants->at(i),
                                displacedSku(sku, claimants->at(i)));
            !s)
            return s;
    }
    if (claimants->isEmpty())
        return {};
    return m_db.run(QStringLiteral("UPDATE products SET sku = ? WHERE id = ? AND sku <> ?"), sku,
                    claimants->first(), sku);
}

Result<bool> CatalogStore::ensurePlaceholder(const Product &p)
{
    using R = Result<bool>;
    auto known = m_db.integer(QStringLiteral("SELECT 1 FROM products WHERE id = ?"), p.id);
    if (!known)
        return R::failure(known.error());
    if (known->has_value())
        return false;
    Product placeholder = p;
    placeholder.active = false;
    placeholder.placeholder = true;
    placeholder.barcodes.clear();
    placeholder.categoryName.clear();
    auto added = applyVersion(placeholder, placeholderVersion());
    if (!added)
        return R::failure(added.error());
    return true;
}

Status CatalogStore::restampVersion(const QString &productId, const HlcTime &from,
                                    const HlcTime &to)
{
    if (Status s = m_db.run(
            QStringLiteral("UPDATE products SET price_ms = ?, price_counter = ?, price_tie = ? "
                           "WHERE id = ? AND price_rank = 1 AND price_ms = ? AND price_counter = ? "
                           "AND price_tie = ?"),
            to.ms, to.counter, to.terminal, productId, from.ms, from.counter, from.terminal);
        !s)
        return s;
    if (Status s = m_db.run(
            QStringLiteral("UPDATE products SET hlc_ms = ?, hlc_counter = ?, hlc_terminal = ?, "
                           "updated_at = ? WHERE id = ? AND hlc_ms = ? AND hlc_counter = ? AND "
                           "hlc_terminal = ?"),
            to.ms, to.counter, to.terminal, to.iso(), productId, from.ms, from.counter,
            from.terminal);
        !s)
        return s;
    auto claims = m_db.rows(
        QStringLiteral("SELECT barcode FROM product_barcode_claims WHERE product_id = ?"),
        [](const SqlRow &r) { return r.text(0); }, productId);
    if (!claims)
        return Status::failure(claims.error());
    auto sku = m_db.text(QStringLiteral("SELECT sku_claim FROM products WHERE id = ?"), productId);
    if (!sku)
        return Status::failure(sku.error());
    if (sku->has_value()) {
        if (Status s = resolveSku(**sku); !s)
            return s;
    }
    for (const QString &code : std::as_const(*claims)) {
        if (Status s = resolveBarcode(code); !s)
            return s;
    }
    return {};
}

Result<bool> CatalogStore::addPriceChange(const PriceChangeRow &c, const QString &at)
{
    using R = Result<bool>;
    auto added = m_db.integer(
        QStringLiteral(
            "INSERT INTO price_changes(change_id, product_id, price_cents, "
            "effective_ms, head_office_seq, received_at) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?) "
            "ON CONFLICT(change_id) DO NOTHING RETURNING 1"),
        c.changeId, c.productId, c.priceCents, c.effectiveMs, c.headOfficeSeq, at);
    if (!added)
        return R::failure(added.error());
    return added->has_value();
}

Result<int> CatalogStore::applyDuePrices(qint64 nowMs, const QString &productId)
{
    using R = Result<int>;
    auto due = m_db.rows(
        QStringLiteral("SELECT change_id, product_id, price_cents, effective_ms FROM "
                       "price_changes WHERE applied = 0 AND effective_ms <= ? AND (? = '' OR "
                       "product_id = ?) ORDER BY effective_ms, change_id"),
        [](const SqlRow &r) {
            return PriceChangeRow{r.text(0), r.text(1), r.integer(2), r.integer(3), 0, false};
        },
        nowMs, productId, productId);
    if (!due)
        return R::failure(due.error());
    int changed = 0;
    for (const PriceChangeRow &c : std::as_const(*due)) {
        auto moved = m_db.integer(
            QStringLiteral("UPDATE products SET price_cents = ?, price_ms = ?, price_rank = 0, "
                           "price_counter = 0, price_tie = ? WHERE id = ? AND (price_ms, "
                           "price_rank, price_counter, price_tie) < (?, 0, 0, ?) RETURNING 1"),
            c.priceCents, c.effectiveMs, c.changeId, c.productId, c.effectiveMs, c.changeId);
        if (!moved)
            return R::failure(moved.error());
        if (moved->has_value())
            ++changed;
        // Applied once the product is known here; until then it waits for the product.
        if (Status s = m_db.run(QStringLiteral("UPDATE price_changes SET applied = 1 WHERE "
                                               "change_id = ? AND EXISTS (SELECT 1 FROM products "
                                               "WHERE id = ? AND placeholder = 0)"),
                                c.changeId, c.productId);
            !s)
            return R::failure(s.error());
    }
    return changed;
}

Result<std::optional<qint64>> CatalogStore::nextPriceChangeMs(qint64 nowMs)
{
    return m_db.integer(QStringLiteral("SELECT MIN(effective_ms) FROM price_changes WHERE "
                                       "applied = 0 AND effective_ms > ?"),
                        nowMs);
}

Result<QList<PriceChangeRow>> CatalogStore::priceChanges(const QString &productId)
{
    return m_db.rows(
        QStringLiteral("SELECT change_id, product_id, price_cents, effective_ms, "
                       "COALESCE(head_office_seq, 0), applied FROM price_changes "
                       "WHERE product_id = ? ORDER BY effective_ms, change_id"),
        [](const SqlRow &r) {
            return PriceChangeRow{r.text(0),    r.text(1),    r.integer(2),
                                  r.integer(3), r.integer(4), r.integer(5) != 0};
        },
        productId);
}

Result<bool> CatalogStore::headOfficeChangeSeen(qint64 seq)
{
    auto seen =
        m_db.integer(QStringLiteral("SELECT 1 FROM head_office_changes WHERE seq = ?"), seq);
    if (!seen)
        return Result<bool>::failure(seen.error());
    return seen->has_value();
}

Status CatalogStore::markHeadOfficeChange(qint64 seq, const QString &at)
{
    return m_db.run(QStringLiteral("INSERT INTO head_office_changes(seq, applied_at) VALUES (?, "
                                   "?) ON CONFLICT(seq) DO NOTHING"),
                    seq, at);
}

Result<QList<Product>> CatalogStore::all(int limit)
{
    static const QString sql =
        kProductColumns + QStringLiteral("ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?");
    return m_db.rows(sql, readProduct, limit);
}

Result<QString> CatalogStore::digest()
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    static const QString sql = QStringLiteral(
        "SELECT p.id, p.sku, p.name, COALESCE(c.name, ''), p.price_cents, p.tax_rate_bp, "
        "p.active, p.placeholder, (SELECT group_concat(barcode, ' ') FROM (SELECT barcode FROM "
        "product_barcodes b WHERE b.product_id = p.id ORDER BY barcode)) "
        "FROM products p LEFT JOIN categories c ON c.id = p.category_id ORDER BY p.id");
    if (Status s = m_db.forEach(sql,
                                [&](const SqlRow &r) {
                                    const QString line = QStringList{r.text(0),
                                                                     r.text(1),
                                                                     r.text(2),
                                                                     r.text(3),
                                                                     QString::number(r.integer(4)),
                                                                     QString::number(r.integer(5)),
                                                                     QString::number(r.integer(6)),
                                                                     QString::number(r.integer(7)),
                                                                     r.text(8)}
                                                             .join(QLatin1Char('\t'));
                                    hash.addData(line.toUtf8());
                                    hash.addData(QByteArrayView("\n"));
                                });
        !s)
        return Result<QString>::failure(s.error());
    return QString::fromLatin1(hash.result().toHex());
}
