#include "inventorystore.h"

#include "database.h"
#include "sqlstatement.h"

#include <algorithm>

namespace {
// A product's stock and the time of its latest change, set outright (recompute, flushDeferred).
const QString kSetStock = QStringLiteral(
    "INSERT INTO inventory(product_id, current_stock, reserved_stock, last_updated, hlc_ms, "
    "hlc_counter, hlc_terminal) VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6) "
    "ON CONFLICT(product_id) DO UPDATE SET current_stock = ?2, last_updated = ?3, "
    "hlc_ms = ?4, hlc_counter = ?5, hlc_terminal = ?6");
} // namespace

bool InventoryStore::isDeltaReason(const QString &reason)
{
    return reason == QLatin1String("sale") || reason == QLatin1String("return") ||
           reason == QLatin1String("receipt") || reason == QLatin1String("adjustment");
}

Result<std::optional<StockBaseline>> InventoryStore::baseline(const QString &productId)
{
    using R = Result<std::optional<StockBaseline>>;
    if (Status s = flushIfDeferred(); !s)
        return R::failure(s.error());
    return m_db.row(
        QStringLiteral("SELECT quantity, hlc_ms, hlc_counter, hlc_terminal, "
                       "reason FROM inventory_baselines WHERE product_id = ?"),
        [](const SqlRow &r) {
            return StockBaseline{r.integer(0), {r.integer(1), r.integer(2), r.text(3)}, r.text(4)};
        },
        productId);
}

Result<AppliedChange> InventoryStore::applyDelta(const StockChange &change)
{
    using R = Result<AppliedChange>;
    if (m_deferred)
        return applyDeltaDeferred(change);
    auto base = baseline(change.productId);
    if (!base)
        return R::failure(base.error());
    const bool effective = !base->has_value() || change.hlc > base->value().hlc;
    AppliedChange applied;
    applied.effective = effective;
    if (effective) {
        // One statement: a product without an inventory row starts from zero; lastUpdated
        // becomes this change's time when it is the latest.
        auto after = m_db.runReturningInt(
            QStringLiteral(
                "INSERT INTO inventory(product_id, current_stock, reserved_stock, last_updated, "
                "hlc_ms, hlc_counter, hlc_terminal) VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6) "
                "ON CONFLICT(product_id) DO UPDATE SET current_stock = current_stock + ?2, "
                "last_updated = iif((?4, ?5, ?6) > (hlc_ms, hlc_counter, hlc_terminal), ?3, "
                "last_updated), "
                "hlc_counter = iif((?4, ?5, ?6) > (hlc_ms, hlc_counter, hlc_terminal), ?5, "
                "hlc_counter), "
                "hlc_terminal = iif((?4, ?5, ?6) > (hlc_ms, hlc_counter, hlc_terminal), ?6, "
                "hlc_terminal), "
                "hlc_ms = iif((?4, ?5, ?6) > (hlc_ms, hlc_counter, hlc_terminal), ?4, hlc_ms) "
                "RETURNING current_stock"),
            change.productId, change.delta, change.hlc.iso(), change.hlc.ms, change.hlc.counter,
            change.hlc.terminal);
        if (!after)
            return R::failure(after.error());
        applied.after = *after;
        applied.before = applied.after - change.delta;
    } else {
        auto current = level(change.productId);
        if (!current)
            return R::failure(current.error());
        applied.before = applied.after = current->has_value() ? current->value().currentStock : 0;
    }
    if (Status s = audit(change, applied, true); !s)
        return R::failure(s.error());
    return applied;
}

Status InventoryStore::applySale(const SaleRecord &sale, const QString &at, qint64 seq)
{
    QList<std::pair<QString, qint64>> deltas; // in line order, one per product
    for (const SaleLine &line : sale.lines) {
        auto it = std::find_if(deltas.begin(), deltas.end(),
                               [&](const auto &d) { return d.first == line.productId; });
        if (it == deltas.end())
            deltas.append({line.productId, -qint64(line.quantity)});
        else
            it->second -= line.quantity;
    }
    for (const auto &[productId, delta] : std::as_const(deltas)) {
        if (delta == 0)
            continue;
        StockChange change{productId,
                           delta,
                           delta < 0 ? QStringLiteral("sale") : QStringLiteral("return"),
                           sale.employeeId,
                           sale.terminalId,
                           sale.messageId,
                           at,
                           HlcTime{sale.hlcMs, sale.hlcCounter, sale.terminalId},
                           seq};
        if (auto r = applyDelta(change); !r)
            return Status::failure(r.error());
    }
    return {};
}

Result<AppliedChange> InventoryStore::applyBaseline(const StockChange &change, qint64 quantity)
{
    using R = Result<AppliedChange>;
    if (Status s = flushIfDeferred(); !s)
        return R::failure(s.error());
    auto current = level(change.productId);
    if (!current)
        return R::failure(current.error());
    auto base = baseline(change.productId);
    if (!base)
        return R::failure(base.error());
    AppliedChange applied;
    applied.before = current->has_value() ? current->value().currentStock : 0;
    applied.after = applied.before;
    applied.effective = !base->has_value() || change.hlc > base->value().hlc;
    if (!applied.effective) {
        StockChange recorded = change;
        recorded.delta = 0;
        if (Status s = audit(recorded, applied, false); !s)
            return R::failure(s.error());
        return applied;
    }
    if (Status s = m_db.run(
            QStringLiteral(
                "INSERT INTO inventory_baselines(product_id, quantity, hlc_ms, hlc_counter, "
                "hlc_terminal, reason, message_id, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                "?7, ?8) ON CONFLICT(product_id) DO UPDATE SET quantity = ?2, hlc_ms = ?3, "
                "hlc_counter = ?4, hlc_terminal = ?5, reason = ?6, message_id = ?7, "
                "recorded_at = ?8"),
            change.productId, quantity, change.hlc.ms, change.hlc.counter, change.hlc.terminal,
            change.reason, SqlOptional{change.messageId}, change.at);
        !s)
        return R::failure(s.error());

    auto stock = recompute(change.productId, quantity, change.hlc);
    if (!stock)
        return R::failure(stock.error());
    applied.after = *stock;
    StockChange recorded = change;
    recorded.delta = applied.after - applied.before;
    if (Status s = audit(recorded, applied, false); !s)
        return R::failure(s.error());
    return applied;
}

Result<qint64> InventoryStore::recompute(const QString &productId, std::optional<qint64> quantity,
                                         const HlcTime &from)
{
    using R = Result<qint64>;
    // The deltas after the baseline (every delta without one): their sum, and the latest of
    // their times.
    qint64 stock = quantity.value_or(0);
    HlcTime latest = from;
    if (Status s = m_db.forEach(
            QStringLiteral(
                "SELECT delta, hlc_ms, hlc_counter, terminal_id FROM inventory_changes "
                "WHERE product_id = ?1 AND is_delta = 1 AND (hlc_ms, hlc_counter, terminal_id) > "
                "(?2, ?3, ?4)"),
            [&](const SqlRow &r) {
                stock += r.integer(0);
                const HlcTime t{r.integer(1), r.integer(2), r.text(3)};
                if (t > latest)
                    latest = t;
            },
            productId, from.ms, from.counter, from.terminal);
        !s)
        return R::failure(s.error());

    if (Status s = m_db.run(kSetStock, productId, stock, latest.iso(), latest.ms, latest.counter,
                            latest.terminal);
        !s)
        return R::failure(s.error());
    return stock;
}

Status InventoryStore::restamp(const QString &messageId, const QStringList &products,
                               const HlcTime &to)
{
    if (Status s = flushIfDeferred(); !s)
        return s;
    QStringList changed;
    if (products.isEmpty()) {
        auto all = m_db.rows(
            QStringLiteral("SELECT DISTINCT product_id FROM inventory_changes "
                           "WHERE message_id = ?"),
            [](const SqlRow &r) { return r.text(0); }, messageId);
        if (!all)
            return Status::failure(all.error());
        changed = std::move(*all);
        if (Status s = m_db.run(QStringLiteral("UPDATE inventory_changes SET hlc_ms = ?2, "
                                               "hlc_counter = ?3 WHERE message_id = ?1"),
                                messageId, to.ms, to.counter);
            !s)
            return s;
    } else {
        // Through idx_inventory_changes_hlc (product first): that product's rows only.
        for (const QString &product : products) {
            if (changed.contains(product))
                continue;
            auto n = m_db.runReturningInt(
                QStringLiteral("SELECT EXISTS (SELECT 1 FROM inventory_changes WHERE "
                               "product_id = ?1 AND message_id = ?2)"),
                product, messageId);
            if (!n)
                return Status::failure(n.error());
            if (!*n)
                continue;
            if (Status s = m_db.run(QStringLiteral("UPDATE inventory_changes SET hlc_ms = ?3, "
                                                   "hlc_counter = ?4 WHERE product_id = ?1 AND "
                                                   "message_id = ?2"),
                                    product, messageId, to.ms, to.counter);
                !s)
                return s;
            changed.append(product);
        }
    }
    if (changed.isEmpty())
        return {};
    if (Status s = m_db.run(QStringLiteral("UPDATE inventory_baselines SET hlc_ms = ?2, "
                                           "hlc_counter = ?3, hlc_terminal = ?4 WHERE "
                                           "message_id = ?1"),
                            messageId, to.ms, to.counter, to.terminal);
        !s)
        return s;
    for (const QString &product : std::as_const(changed)) {
        auto base = baseline(product);
        if (!base)
            return Status::failure(base.error());
        auto stock = base->has_value()
                         ? recompute(product, base->value().quantity, base->value().hlc)
                         : recompute(product, std::nullopt, HlcTime{});
        if (!stock)
            return Status::failure(stock.error());
    }
    return {};
}

Status InventoryStore::audit(const StockChange &change, const AppliedChange &applied, bool isDelta)
{
    auto q = m_db.statement(QStringLiteral(
        "INSERT INTO inventory_changes(product_id, delta, reason, stock_before, stock_after, "
        "employee_id, terminal_id, message_id, created_at, hlc_ms, hlc_counter, seq, is_delta) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!q)
        return Status::failure(q.error());
    // Every sale writes these rows: the statement directly, seq bound apart (NULL when 0).
    SqlStatement &st = (*q)->bindAll(
        change.productId, change.delta, change.reason, applied.before, applied.after,
        SqlOptional{change.employeeId}, isDelta ? change.hlc.terminal : change.terminalId,
        SqlOptional{change.messageId}, change.at, change.hlc.ms, change.hlc.counter);
    if (change.seq > 0)
        st.bind(12, change.seq);
    else
        st.bindNull(12);
    return st.bind(13, isDelta ? 1 : 0).exec();
}

namespace {
const QString kLevelColumns = QStringLiteral(
    "SELECT product_id, current_stock, reserved_stock, last_updated, hlc_ms, hlc_counter, "
    "hlc_terminal FROM inventory");

StockLevel readLevel(const SqlRow &r)
{
    return StockLevel{
        r.text(0), r.integer(1), r.integer(2), r.text(3), {r.integer(4), r.integer(5), r.text(6)}};
}
} // namespace

Result<std::optional<StockLevel>> InventoryStore::level(const QString &productId)
{
    using R = Result<std::optional<StockLevel>>;
    if (Status s = flushIfDeferred(); !s)
        return R::failure(s.error());
    static const QString sql = kLevelColumns + QStringLiteral(" WHERE product_id = ?");
    return m_db.row(sql, readLevel, productId);
}

Result<QList<StockLevel>> InventoryStore::all()
{
    if (Status s = flushIfDeferred(); !s)
        return Result<QList<StockLevel>>::failure(s.error());
    static const QString sql = kLevelColumns + QStringLiteral(" ORDER BY product_id");
    return m_db.rows(sql, readLevel);
}

void InventoryStore::setDeferred(bool deferred)
{
    m_deferred = deferred;
}

void InventoryStore::discardDeferred()
{
    m_kept.clear();
}

Status InventoryStore::flushIfDeferred()
{
    return m_kept.isEmpty() ? Status() : flushDeferred();
}

Result<InventoryStore::Kept *> InventoryStore::kept(const QString &productId)
{
    using R = Result<Kept *>;
    auto it = m_kept.find(productId);
    if (it != m_kept.end())
        return &it.value();
    Kept k;
    if (Status s = m_db.forEach(
            QStringLiteral("SELECT current_stock, hlc_ms, hlc_counter, hlc_terminal, last_updated "
                           "FROM inventory WHERE product_id = ?"),
            [&k](const SqlRow &r) {
                k.hasRow = true;
                k.stock = r.integer(0);
                k.updated = {r.integer(1), r.integer(2), r.text(3)};
                k.lastUpdated = r.text(4);
                return false;
            },
            productId);
        !s)
        return R::failure(s.error());
    auto base = m_db.row(
        QStringLiteral("SELECT hlc_ms, hlc_counter, hlc_terminal FROM "
                       "inventory_baselines WHERE product_id = ?"),
        [](const SqlRow &r) {
            return HlcTime{r.integer(0), r.integer(1), r.text(2)};
        },
        productId);
    if (!base)
        return R::failure(base.error());
    k.baseline = std::move(*base);
    return &m_kept.insert(productId, std::move(k)).value();
}

Result<AppliedChange> InventoryStore::applyDeltaDeferred(const StockChange &change)
{
    // The same figures as the statement in applyDelta, kept in memory until flushDeferred().
    using R = Result<AppliedChange>;
    auto k = kept(change.productId);
    if (!k)
        return R::failure(k.error());
    Kept &p = **k;
    AppliedChange applied;
    applied.effective = !p.baseline || change.hlc > *p.baseline;
    applied.before = p.stock;
    if (applied.effective) {
        if (!p.hasRow) {
            p.stock = change.delta;
            p.updated = change.hlc;
            p.later = true;
            p.hasRow = true;
        } else {
            p.stock += change.delta;
            if (change.hlc > p.updated) {
                p.updated = change.hlc;
                p.later = true;
            }
        }
        p.dirty = true;
        applied.before = p.stock - change.delta;
    }
    applied.after = p.stock;
    if (Status s = audit(change, applied, true); !s)
        return R::failure(s.error());
    return applied;
}

Status InventoryStore::flushDeferred()
{
    auto q = m_db.statement(kSetStock);
    if (!q)
        return Status::failure(q.error());
    for (auto it = m_kept.cbegin(); it != m_kept.cend(); ++it) {
        const Kept &p = it.value();
        if (!p.dirty)
            continue;
        const QString lastUpdated = p.later ? p.updated.iso() : p.lastUpdated;
        if (Status s = (*q)->bindAll(it.key(), p.stock, lastUpdated, p.updated.ms,
                                     p.updated.counter, p.updated.terminal)
                           .exec();
            !s)
            return s;
    }
    m_kept.clear();
    return {};
}

Result<qint64> InventoryStore::productCount()
{
    auto n = m_db.integer(QStringLiteral("SELECT COUNT(*) FROM inventory"));
    if (!n)
        return Result<qint64>::failure(n.error());
    return n->value_or(0);
}

Status InventoryStore::forEachChecksumRow(const std::function<void(const InventoryRow &)> &use)
{
    InventoryRow row;
    return m_db.forEach(
        QStringLiteral("SELECT product_id, current_stock, last_updated, hlc_counter FROM inventory "
                       "INDEXED BY idx_inventory_checksum ORDER BY product_id"),
        [&](const SqlRow &r) {
            row.productId = r.utf8View(0);
            row.currentStock = r.integer(1);
            row.lastUpdated = r.utf8View(2);
            row.hlcCounter = r.integer(3);
            use(row);
        });
}

Status InventoryStore::forEachRow(const std::function<void(const InventoryRow &)> &use)
{
    InventoryRow row;
    return m_db.forEach(
        QStringLiteral("SELECT product_id, current_stock, reserved_stock, hlc_ms, hlc_counter, "
                       "hlc_terminal, last_updated FROM inventory NOT INDEXED"),
        [&](const SqlRow &r) {
            row.productId = r.utf8View(0);
            row.currentStock = r.integer(1);
            row.reservedStock = r.integer(2);
            row.hlcMs = r.integer(3);
            row.hlcCounter = r.integer(4);
            row.hlcTerminal = r.utf8View(5);
            row.lastUpdated = r.utf8View(6);
            use(row);
        });
}

Status InventoryStore::forEachBaseline(const std::function<void(const BaselineRow &)> &use)
{
    BaselineRow row;
    return m_db.forEach(
        QStringLiteral("SELECT product_id, quantity, hlc_ms, hlc_counter, hlc_terminal, "
                       "message_id FROM inventory_baselines NOT INDEXED"),
        [&](const SqlRow &r) {
            row.productId = r.utf8View(0);
            row.quantity = r.integer(1);
            row.hlcMs = r.integer(2);
            row.hlcCounter = r.integer(3);
            row.hlcTerminal = r.utf8View(4);
            row.messageId = r.utf8View(5);
            use(row);
        });
}

Result<qint64> InventoryStore::lastChangeId()
{
    auto id = m_db.integer(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM inventory_changes"));
    if (!id)
        return Result<qint64>::failure(id.error());
    return id->value_or(0);
}

Result<QSet<QString>> InventoryStore::productsChangedAfter(qint64 afterId)
{
    QSet<QString> products;
    // By rowid range: the latest changes only, not a scan of a product index.
    if (Status s = m_db.forEach(
            QStringLiteral("SELECT DISTINCT product_id FROM inventory_changes "
                           "NOT INDEXED WHERE id > ?"),
            [&](const SqlRow &r) { products.insert(r.text(0)); }, afterId);
        !s)
        return Result<QSet<QString>>::failure(s.error());
    return products;
}

Status InventoryStore::addReserved(const QString &productId, qint64 units)
{
    return m_db.run(QStringLiteral("UPDATE inventory SET reserved_stock = MAX(0, reserved_stock + "
                                   "?) WHERE product_id = ?"),
                    units, productId);
}
