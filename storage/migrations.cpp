#include "migrations.h"

#include "database.h"
#include "storagelog.h"
#include "writetransaction.h"

#include <QRegularExpression>

namespace {
QStringList v1Catalog()
{
    return {
        QStringLiteral(R"(CREATE TABLE categories (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL UNIQUE,
            sort_order INTEGER NOT NULL DEFAULT 0))"),
        QStringLiteral(R"(CREATE TABLE products (
            id TEXT PRIMARY KEY NOT NULL,
            sku TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            category_id TEXT REFERENCES categories(id),
            price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
            tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
            active INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX idx_products_category ON products(category_id, name)"),
        QStringLiteral("CREATE INDEX idx_products_name ON products(name COLLATE NOCASE)"),
        QStringLiteral(R"(CREATE TABLE product_barcodes (
            barcode TEXT PRIMARY KEY NOT NULL,
            product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE))"),
        QStringLiteral("CREATE INDEX idx_product_barcodes_product ON product_barcodes(product_id)"),
        QStringLiteral(R"(CREATE TABLE inventory (
            product_id TEXT PRIMARY KEY NOT NULL REFERENCES products(id),
            current_stock INTEGER NOT NULL,
            reserved_stock INTEGER NOT NULL DEFAULT 0 CHECK (reserved_stock >= 0),
            last_updated TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE inventory_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            product_id TEXT NOT NULL REFERENCES products(id),
            delta INTEGER NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('sale', 'return', 'receipt', 'count',
                                                   'import', 'reconciliation', 'adjustment')),
            stock_before INTEGER NOT NULL,
            stock_after INTEGER NOT NULL,
            employee_id TEXT,
            terminal_id TEXT NOT NULL,
            message_id TEXT,
            created_at TEXT NOT NULL))"),
        QStringLiteral(
            "CREATE INDEX idx_inventory_changes_product ON inventory_changes(product_id, id)"),
        QStringLiteral(
            "CREATE INDEX idx_inventory_changes_message ON inventory_changes(message_id)"),
        QStringLiteral(R"(CREATE TABLE employees (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
            pin_hash TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            discount_limit_bp INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE customers (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            phone TEXT,
            email TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX idx_customers_phone ON customers(phone)"),
        QStringLiteral("CREATE INDEX idx_customers_name ON customers(name COLLATE NOCASE)"),
    };
}

QStringList v2SalesAndSync()
{
    return {
        QStringLiteral(R"(CREATE TABLE counters (
            name TEXT PRIMARY KEY NOT NULL,
            value INTEGER NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE lane_meta (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE transactions (
            id TEXT PRIMARY KEY NOT NULL,
            receipt_number TEXT NOT NULL UNIQUE,
            terminal_id TEXT NOT NULL,
            employee_id TEXT NOT NULL,
            customer_id TEXT,
            subtotal_cents INTEGER NOT NULL,
            discount_cents INTEGER NOT NULL DEFAULT 0,
            tax_cents INTEGER NOT NULL,
            total_cents INTEGER NOT NULL,
            paid_cents INTEGER NOT NULL,
            change_cents INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL CHECK (status IN ('completed', 'voided', 'returned')),
            message_id TEXT,
            created_at TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX idx_transactions_created ON transactions(created_at)"),
        QStringLiteral(
            "CREATE INDEX idx_transactions_terminal ON transactions(terminal_id, created_at)"),
        QStringLiteral(R"(CREATE TABLE transaction_lines (
            transaction_id TEXT NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
            line_no INTEGER NOT NULL,
            product_id TEXT NOT NULL REFERENCES products(id),
            sku TEXT NOT NULL,
            name TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity <> 0),
            unit_price_cents INTEGER NOT NULL,
            discount_cents INTEGER NOT NULL DEFAULT 0,
            tax_rate_bp INTEGER NOT NULL,
            tax_cents INTEGER NOT NULL,
            total_cents INTEGER NOT NULL,
            PRIMARY KEY (transaction_id, line_no)))"),
        QStringLiteral(
            "CREATE INDEX idx_transaction_lines_product ON transaction_lines(product_id)"),
        QStringLiteral(R"(CREATE TABLE payments (
            transaction_id TEXT NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
            payment_no INTEGER NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('cash', 'card')),
            amount_cents INTEGER NOT NULL,
            tendered_cents INTEGER NOT NULL,
            change_cents INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (transaction_id, payment_no)))"),
        QStringLiteral(R"(CREATE TABLE outbox (
            id TEXT PRIMARY KEY NOT NULL,
            topic TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'peer_ack', 'cloud_ack', 'failed')),
            retry_count INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            terminal_id TEXT NOT NULL,
            peer_acked_at TEXT,
            cloud_acked_at TEXT,
            seq INTEGER NOT NULL,
            priority INTEGER NOT NULL DEFAULT 1,
            last_error TEXT,
            UNIQUE (terminal_id, seq)))"),
        QStringLiteral("CREATE INDEX idx_outbox_status_created ON outbox(status, created_at)"),
        QStringLiteral("CREATE INDEX idx_outbox_priority_seq ON outbox(status, priority, seq)"),
        QStringLiteral(R"(CREATE TABLE inbox_processed (
            message_id TEXT PRIMARY KEY NOT NULL,
            from_terminal TEXT NOT NULL,
            topic TEXT NOT NULL,
            payload TEXT NOT NULL,
            processed_at TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX idx_inbox_processed_from ON inbox_processed(from_terminal, "
                       "processed_at)"),
    };
}
QStringList v3PeerSync()
{
    return {
        // Received messages keep their origin's seq and time so they can be relayed unchanged.
        QStringLiteral("ALTER TABLE inbox_processed ADD COLUMN seq INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE inbox_processed ADD COLUMN sent_at TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE INDEX idx_inbox_processed_origin_seq ON inbox_processed("
                       "from_terminal, seq)"),
        // Per origin lane: every seq up to contiguous_seq is here; max_seq is the highest seen.
        QStringLiteral(R"(CREATE TABLE origin_progress (
            origin TEXT PRIMARY KEY NOT NULL,
            contiguous_seq INTEGER NOT NULL DEFAULT 0,
            max_seq INTEGER NOT NULL DEFAULT 0))"),
        // What each peer lane is known to hold, per origin (from its hello and its acks).
        QStringLiteral(R"(CREATE TABLE peer_progress (
            peer_terminal TEXT NOT NULL,
            origin TEXT NOT NULL,
            acked_seq INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (peer_terminal, origin)))"),
        // The peer health the running lane publishes for --health and the status panel.
        QStringLiteral(R"(CREATE TABLE peer_status (
            peer TEXT PRIMARY KEY NOT NULL,
            url TEXT,
            terminal_id TEXT,
            direction TEXT NOT NULL,
            state TEXT NOT NULL,
            since TEXT NOT NULL,
            backoff_until TEXT,
            last_message_at TEXT,
            last_sync_at TEXT,
            unacked INTEGER NOT NULL DEFAULT 0,
            rejects INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            updated_at TEXT NOT NULL))"),
    };
}
QStringList v4StockLedger()
{
    return {
        // Every stock change carries the hybrid logical clock time (ms, counter, lane) it
        // happened at. Changes recorded before this version are already in the stock figure and
        // get a time before every baseline (-1), so they are never added again.
        QStringLiteral("ALTER TABLE inventory_changes ADD COLUMN hlc_ms INTEGER NOT NULL "
                       "DEFAULT -1"),
        QStringLiteral("ALTER TABLE inventory_changes ADD COLUMN hlc_counter INTEGER NOT NULL "
                       "DEFAULT 0"),
        QStringLiteral("ALTER TABLE inventory_changes ADD COLUMN seq INTEGER"),
        // 1 for deltas (sale, return, receipt, adjustment), 0 for baselines and their audit.
        QStringLiteral("ALTER TABLE inventory_changes ADD COLUMN is_delta INTEGER NOT NULL "
                       "DEFAULT 0"),
        // A message changes a product's stock at most once.
        QStringLiteral("CREATE UNIQUE INDEX ux_inventory_changes_delta ON inventory_changes("
                       "message_id, product_id) WHERE is_delta = 1 AND message_id IS NOT NULL"),
        QStringLiteral("CREATE INDEX idx_inventory_changes_hlc ON inventory_changes(product_id, "
                       "is_delta, hlc_ms, hlc_counter, terminal_id)"),
        // The absolute count stock is measured from, per product (last write wins by HLC).
        QStringLiteral(R"(CREATE TABLE inventory_baselines (
            product_id TEXT PRIMARY KEY NOT NULL REFERENCES products(id),
            quantity INTEGER NOT NULL,
            hlc_ms INTEGER NOT NULL,
            hlc_counter INTEGER NOT NULL,
            hlc_terminal TEXT NOT NULL,
            reason TEXT NOT NULL,
            message_id TEXT,
            recorded_at TEXT NOT NULL))"),
        // What stock there is today becomes the baseline of every product, at time zero: after
        // the changes already in it (-1), before every new one.
        QStringLiteral("INSERT INTO inventory_baselines(product_id, quantity, hlc_ms, hlc_counter, "
                       "hlc_terminal, reason, recorded_at) SELECT product_id, current_stock, 0, "
                       "0, '', 'import', last_updated FROM inventory"),
        // The derived "last updated" of each product: the latest HLC time among its baseline
        // and the deltas after it.
        QStringLiteral("ALTER TABLE inventory ADD COLUMN hlc_ms INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE inventory ADD COLUMN hlc_counter INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE inventory ADD COLUMN hlc_terminal TEXT NOT NULL DEFAULT ''"),
        // lastUpdated is derived from the HLC time from now on (the old wall-clock value is in
        // inventory_changes); the checksum reads this covering index in product order.
        QStringLiteral("UPDATE inventory SET last_updated = '1970-01-01T00:00:00.000Z'"),
        QStringLiteral("CREATE INDEX idx_inventory_checksum ON inventory(product_id, "
                       "current_stock, last_updated, hlc_counter)"),
        QStringLiteral(R"(CREATE TABLE reconciliation_runs (
            id TEXT PRIMARY KEY NOT NULL,
            trigger TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            result TEXT,
            peers_asked INTEGER NOT NULL DEFAULT 0,
            peers_answered INTEGER NOT NULL DEFAULT 0,
            products_compared INTEGER NOT NULL DEFAULT 0,
            differences INTEGER NOT NULL DEFAULT 0,
            resolved INTEGER NOT NULL DEFAULT 0,
            checksum_before TEXT,
            checksum_after TEXT,
            detail TEXT))"),
        QStringLiteral(R"(CREATE TABLE inventory_conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            product_id TEXT NOT NULL,
            peer_terminal TEXT NOT NULL,
            local_stock INTEGER NOT NULL,
            local_updated TEXT NOT NULL,
            remote_stock INTEGER NOT NULL,
            remote_updated TEXT NOT NULL,
            chosen_stock INTEGER NOT NULL,
            chosen_from TEXT NOT NULL,
            resolved_at TEXT NOT NULL,
            override_stock INTEGER,
            override_by TEXT,
            override_at TEXT))"),
        QStringLiteral("CREATE INDEX idx_inventory_conflicts_resolved ON inventory_conflicts("
                       "resolved_at)"),
    };
}
QStringList v5CloudSync()
{
    return {
        // When a message the cloud rejected may be sent again (ms since the epoch; NULL: now).
        QStringLiteral("ALTER TABLE outbox ADD COLUMN cloud_next_at INTEGER"),
        // The cloud pusher walks each status in upload order: transactions first, then by age.
        QStringLiteral("CREATE INDEX idx_outbox_cloud ON outbox(status, priority, created_at)"),
        // Relayed messages this lane uploads itself when their origin lane has gone quiet.
        QStringLiteral("ALTER TABLE inbox_processed ADD COLUMN cloud_acked_at TEXT"),
        QStringLiteral("ALTER TABLE inbox_processed ADD COLUMN cloud_retry_count INTEGER NOT NULL "
                       "DEFAULT 0"),
        QStringLiteral("ALTER TABLE inbox_processed ADD COLUMN cloud_next_at INTEGER"),
        QStringLiteral("ALTER TABLE inbox_processed ADD COLUMN cloud_last_error TEXT"),
        QStringLiteral("CREATE INDEX idx_inbox_processed_cloud ON inbox_processed(from_terminal, "
                       "seq) WHERE cloud_acked_at IS NULL"),
    };
}
QStringList v6OutboxCounts()
{
    return {
        // Message counts by status, kept by triggers: the status line, the sync panel (after
        // every sale) and --health read four rows instead of counting a table that grows by every
        // message the lane ever sent (126 ms for a million rows).
        QStringLiteral(R"(CREATE TABLE outbox_counts (
            status TEXT PRIMARY KEY NOT NULL,
            n INTEGER NOT NULL))"),
        QStringLiteral("INSERT INTO outbox_counts(status, n) SELECT s.status, (SELECT COUNT(*) "
                       "FROM outbox WHERE status = s.status) FROM (SELECT 'pending' AS status "
                       "UNION ALL SELECT 'peer_ack' UNION ALL SELECT 'cloud_ack' UNION ALL SELECT "
                       "'failed') AS s"),
        QStringLiteral("CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox BEGIN "
                       "UPDATE outbox_counts SET n = n + 1 WHERE status = NEW.status; END"),
        QStringLiteral("CREATE TRIGGER outbox_counts_update AFTER UPDATE OF status ON outbox "
                       "WHEN OLD.status <> NEW.status BEGIN "
                       "UPDATE outbox_counts SET n = n - 1 WHERE status = OLD.status; "
                       "UPDATE outbox_counts SET n = n + 1 WHERE status = NEW.status; END"),
        QStringLiteral("CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox BEGIN "
                       "UPDATE outbox_counts SET n = n - 1 WHERE status = OLD.status; END"),
    };
}
QStringList v7HeldCarts()
{
    return {
        // Carts parked by a cashier to recall later on this lane; their units count in
        // inventory.reserved_stock (lane-local, not synced, not in the checksum).
        QStringLiteral(R"(CREATE TABLE held_carts (
            id TEXT PRIMARY KEY NOT NULL,
            label TEXT NOT NULL,
            employee_id TEXT NOT NULL,
            item_count INTEGER NOT NULL,
            total_cents INTEGER NOT NULL,
            lines TEXT NOT NULL,
            customer_id TEXT,
            customer_name TEXT,
            created_at TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX idx_held_carts_created ON held_carts(created_at)"),
        // A return (status 'returned', negative quantities) names the sale it takes back.
        QStringLiteral("ALTER TABLE transactions ADD COLUMN return_of TEXT"),
        QStringLiteral("CREATE INDEX idx_transactions_return_of ON transactions(return_of) WHERE "
                       "return_of IS NOT NULL"),
        // The manager who approved a line's price override or discount beyond the cashier's limit.
        QStringLiteral("ALTER TABLE transaction_lines ADD COLUMN approved_by TEXT"),
    };
}
QStringList v8FewerIndexes()
{
    // Every index costs a page write in every sale on every lane (and in every message a lane
    // receives). These serve no query the lane runs: the product-leading and message lookups of
    // inventory_changes are covered by idx_inventory_changes_hlc and ux_inventory_changes_delta,
    // the failed-outbox list by idx_outbox_cloud (status first; the few failed rows are sorted),
    // peers read the outbox by (terminal_id, seq). A report that needs one adds it with the query.
    return {
        QStringLiteral("DROP INDEX IF EXISTS idx_inventory_changes_product"),
        QStringLiteral("DROP INDEX IF EXISTS idx_inventory_changes_message"),
        QStringLiteral("DROP INDEX IF EXISTS idx_transaction_lines_product"),
        QStringLiteral("DROP INDEX IF EXISTS idx_transactions_created"),
        QStringLiteral("DROP INDEX IF EXISTS idx_transactions_terminal"),
        QStringLiteral("DROP INDEX IF EXISTS idx_outbox_status_created"),
        QStringLiteral("DROP INDEX IF EXISTS idx_outbox_priority_seq"),
    };
}
Status checksWithoutInLists(Database &db)
{
    // SQLite checks `x IN ('a', 'b', 'c')` (more than two constants) by building a temporary
    // b-tree of the list in every statement that writes a row: measured 7 us of the ~25 us an
    // inventory_changes row costs, three of them per received sale. An OR chain means the same
    // and costs a few comparisons. A CHECK replaced by an equivalent one changes no stored row,
    // so the definitions are edited in place: SQLite's documented procedure for CHECK changes
    // (lang_altertable.html, "Making Other Kinds Of Table Schema Changes"), each new definition
    // first tried on a temporary table so that a mistake can only fail the migration.
    static const QRegularExpression inList(
        QStringLiteral(R"(CHECK\s*\((\w+)\s+IN\s*\(([^()]*)\)\))"));
    auto version = db.integer(QStringLiteral("PRAGMA schema_version"));
    if (!version)
        return Status::failure(version.error());
    QList<std::pair<QString, QString>> changed; // table, new definition
    for (const QString &table : {QStringLiteral("inventory_changes"),
                                 QStringLiteral("transactions"), QStringLiteral("outbox")}) {
        auto sql = db.text(
            QStringLiteral("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?"),
            table);
        if (!sql)
            return Status::failure(sql.error());
        const QString before = sql->value_or(QString());
        QString after;
        qsizetype from = 0;
        for (auto it = inList.globalMatch(before); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            QStringList terms;
            for (const QString &item : m.captured(2).split(QLatin1Char(','))) {
                const QString literal = item.trimmed();
                if (literal.size() < 2 || !literal.startsWith(QLatin1Char('\'')) ||
                    !literal.endsWith(QLatin1Char('\'')) ||
                    literal.mid(1).chopped(1).contains(u'\''))
                    return Status::failure(
                        QStringLiteral("unexpected CHECK list in %1").arg(table));
                terms.append(m.captured(1) + QStringLiteral(" = ") + literal);
            }
            after += before.mid(from, m.capturedStart() - from) + QStringLiteral("CHECK (") +
                     terms.join(QStringLiteral(" OR ")) + QLatin1Char(')');
            from = m.capturedEnd();
        }
        if (after.isEmpty())
            continue;
        after += before.mid(from);
        const QString head = QStringLiteral("CREATE TABLE %1 (").arg(table);
        if (!after.startsWith(head))
            return Status::failure(QStringLiteral("unexpected definition of %1").arg(table));
        const QString trial = QStringLiteral("v9_trial_") + table;
        if (Status s = db.exec(QStringLiteral("CREATE TEMP TABLE %1 (").arg(trial) +
                               after.mid(head.size()));
            !s)
            return Status::failure(
                QStringLiteral("new definition of %1: %2").arg(table, s.error()));
        if (Status s = db.exec(QStringLiteral("DROP TABLE temp.%1").arg(trial)); !s)
            return s;
        changed.append({table, after});
    }
    if (changed.isEmpty())
        return {};
    if (Status s = db.exec(QStringLiteral("PRAGMA writable_schema=ON")); !s)
        return s;
    for (const auto &[table, definition] : std::as_const(changed)) {
        const Status s = db.run(
            QStringLiteral("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?"),
            definition, table);
        if (!s) {
            (void)db.exec(QStringLiteral("PRAGMA writable_schema=OFF"));
            return s;
        }
    }
    // Every connection reads the schema again.
    if (Status s =
            db.exec(QStringLiteral("PRAGMA schema_version=%1").arg(version->value_or(0) + 1));
        !s)
        return s;
    return db.exec(QStringLiteral("PRAGMA writable_schema=OFF"));
}
QStringList v10HeldMessages()
{
    return {
        // A received message stamped further in the future than the store's time allows: acked
        // and kept (its inbox_processed row), not applied until its time comes or a manager
        // accepts it. Rows stay as the record of what was held and how it was released.
        QStringLiteral(R"(CREATE TABLE held_messages (
            message_id TEXT PRIMARY KEY NOT NULL,
            from_terminal TEXT NOT NULL,
            topic TEXT NOT NULL,
            stamped_ms INTEGER NOT NULL,
            held_at TEXT NOT NULL,
            released_at TEXT,
            released_by TEXT))"),
        QStringLiteral("CREATE INDEX idx_held_messages_waiting ON held_messages(stamped_ms) "
                       "WHERE released_at IS NULL"),
        // The time a held message takes effect at, decided once for every lane: by a manager
        // who accepted it (clamped to then), or by its origin when it re-timed what it stamped
        // with a clock that had run ahead.
        QStringLiteral(R"(CREATE TABLE held_acceptances (
            message_id TEXT PRIMARY KEY NOT NULL,
            hlc_ms INTEGER NOT NULL,
            hlc_counter INTEGER NOT NULL,
            accepted_by TEXT NOT NULL,
            accepted_on TEXT NOT NULL,
            accepted_at TEXT NOT NULL))"),
    };
}
QStringList v11RelayAndRejects()
{
    return {
        // Messages without the origin's seq (from a seed-only peer) are relayed in the order this
        // lane received them: relay_seq numbers them on this lane only.
        QStringLiteral("ALTER TABLE inbox_processed ADD COLUMN relay_seq INTEGER"),
        // Those received before this version are relayed too, in the order they came.
        QStringLiteral("UPDATE inbox_processed SET relay_seq = (SELECT COUNT(*) FROM "
                       "inbox_processed AS e WHERE e.seq = 0 AND (e.processed_at < "
                       "inbox_processed.processed_at OR (e.processed_at = "
                       "inbox_processed.processed_at AND e.message_id <= "
                       "inbox_processed.message_id))) WHERE seq = 0"),
        QStringLiteral("CREATE UNIQUE INDEX idx_inbox_processed_relay ON inbox_processed("
                       "relay_seq) WHERE relay_seq IS NOT NULL"),
        // Messages refused for good (a reject with permanent true was sent): kept so that the
        // origin's seq counts as settled and the sender is not asked for it again.
        QStringLiteral(R"(CREATE TABLE rejected_messages (
            message_id TEXT PRIMARY KEY NOT NULL,
            from_terminal TEXT NOT NULL,
            topic TEXT NOT NULL,
            seq INTEGER NOT NULL,
            reason TEXT NOT NULL,
            rejected_at TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX idx_rejected_messages_origin_seq ON rejected_messages("
                       "from_terminal, seq)"),
    };
}
QStringList v12PeerChannel()
{
    return {
        // Whether each peer's link is encrypted, and with which store key (--health, the panel).
        QStringLiteral("ALTER TABLE peer_status ADD COLUMN channel TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE peer_status ADD COLUMN store_key TEXT NOT NULL DEFAULT ''"),
    };
}
// Receipts and reports waiting for the receipt printer (PrintQueue): the lane's own, never
// synced. A job is the ESC/POS bytes to send, kept until it is printed so a restart loses none.
QStringList v15PrintJobs()
{
    return {
        QStringLiteral(R"(CREATE TABLE print_jobs (
            id TEXT PRIMARY KEY NOT NULL,
            created_at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind = 'receipt' OR kind = 'report'),
            title TEXT NOT NULL,
            data BLOB NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued' CHECK (status = 'queued' OR status = 'printed'),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            printed_at TEXT))"),
        QStringLiteral("CREATE INDEX idx_print_jobs_status ON print_jobs(status, created_at)"),
    };
}

QStringList v13CatalogReplication()
{
    return {
        // The version of each product's record (last write wins per product on it, docs/
        // PROTOCOL.md §8.5): an HLC time and the lane that made it. Existing rows (the demo and
        // imported catalogs, the same on every lane) are at time 0.
        QStringLiteral("ALTER TABLE products ADD COLUMN hlc_ms INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE products ADD COLUMN hlc_counter INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE products ADD COLUMN hlc_terminal TEXT NOT NULL DEFAULT ''"),
        // The price has a version of its own: a product version's, or a scheduled change's
        // (rank 0, effective time, change id), whichever is later.
        QStringLiteral("ALTER TABLE products ADD COLUMN price_ms INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE products ADD COLUMN price_rank INTEGER NOT NULL DEFAULT 1"),
        QStringLiteral("ALTER TABLE products ADD COLUMN price_counter INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE products ADD COLUMN price_tie TEXT NOT NULL DEFAULT ''"),
        // Recorded from a received sale before the product's own message came.
        QStringLiteral("ALTER TABLE products ADD COLUMN placeholder INTEGER NOT NULL DEFAULT 0"),
        // The SKU and barcodes each product's version names; sku and product_barcodes are who
        // holds them (two products may name the same during a partition: the later version
        // holds it, the same on every lane whatever the order messages came in).
        QStringLiteral("ALTER TABLE products ADD COLUMN sku_claim TEXT"),
        QStringLiteral("UPDATE products SET sku_claim = sku"),
        QStringLiteral("CREATE INDEX idx_products_sku_claim ON products(sku_claim)"),
        QStringLiteral(R"(CREATE TABLE product_barcode_claims (
            barcode TEXT NOT NULL,
            product_id TEXT NOT NULL REFERENCES products(id),
            PRIMARY KEY (barcode, product_id)) WITHOUT ROWID)"),
        QStringLiteral("CREATE INDEX idx_product_barcode_claims_product ON "
                       "product_barcode_claims(product_id)"),
        QStringLiteral("INSERT INTO product_barcode_claims(barcode, product_id) "
                       "SELECT barcode, product_id FROM product_barcodes"),
        // Price changes scheduled at a time (head office), immutable; applied marks those that
        // took effect on a product this lane knows.
        QStringLiteral(R"(CREATE TABLE price_changes (
            change_id TEXT PRIMARY KEY NOT NULL,
            product_id TEXT NOT NULL,
            price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
            effective_ms INTEGER NOT NULL,
            applied INTEGER NOT NULL DEFAULT 0,
            head_office_seq INTEGER,
            received_at TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX idx_price_changes_waiting ON price_changes(effective_ms) "
                       "WHERE applied = 0"),
        QStringLiteral("CREATE INDEX idx_price_changes_product ON price_changes(product_id)"),
        // Head office changes this lane applied (polled itself or received from a peer).
        QStringLiteral(R"(CREATE TABLE head_office_changes (
            seq INTEGER PRIMARY KEY NOT NULL,
            applied_at TEXT NOT NULL))"),
    };
}

QStringList v14Shifts()
{
    return {
        // A lane's shifts (its own and, once closed, every other lane's): the float it opened
        // with, and when closed the blind count, what was expected and the totals then. A closed
        // shift never changes; z_id marks the Z report that took it.
        QStringLiteral(R"(CREATE TABLE shifts (
            id TEXT PRIMARY KEY NOT NULL,
            terminal_id TEXT NOT NULL,
            opened_by TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            float_cents INTEGER NOT NULL CHECK (float_cents >= 0),
            float_counts TEXT,
            closed_by TEXT,
            closed_at TEXT,
            counted_cents INTEGER,
            counted_counts TEXT,
            expected_cash_cents INTEGER,
            over_short_cents INTEGER,
            totals TEXT,
            z_id TEXT,
            message_id TEXT))"),
        // At most one open shift per lane.
        QStringLiteral("CREATE UNIQUE INDEX idx_shifts_open ON shifts(terminal_id) "
                       "WHERE closed_at IS NULL"),
        QStringLiteral("CREATE INDEX idx_shifts_terminal ON shifts(terminal_id, opened_at)"),
        QStringLiteral(R"(CREATE TRIGGER shifts_closed_immutable BEFORE UPDATE OF id,
            terminal_id, opened_by, opened_at, float_cents, float_counts, closed_by, closed_at,
            counted_cents, counted_counts, expected_cash_cents, over_short_cents, totals,
            message_id ON shifts WHEN OLD.closed_at IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'a closed shift cannot change'); END)"),
        QStringLiteral(R"(CREATE TRIGGER shifts_closed_z_once BEFORE UPDATE OF z_id ON shifts
            WHEN OLD.z_id IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'a shift belongs to one Z report'); END)"),
        QStringLiteral(R"(CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
            BEGIN SELECT RAISE(ABORT, 'shifts are kept'); END)"),
        // Paid-in, paid-out, no-sale drawer opens and voided carts of a shift.
        QStringLiteral(R"(CREATE TABLE shift_movements (
            id TEXT PRIMARY KEY NOT NULL,
            shift_id TEXT NOT NULL REFERENCES shifts(id),
            kind TEXT NOT NULL CHECK (kind = 'paidIn' OR kind = 'paidOut' OR kind = 'noSale'
                                      OR kind = 'cartVoided'),
            amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
            reason TEXT NOT NULL DEFAULT '',
            employee_id TEXT NOT NULL,
            approved_by TEXT,
            created_at TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX idx_shift_movements_shift ON shift_movements(shift_id)"),
        QStringLiteral(R"(CREATE TRIGGER shift_movements_immutable BEFORE UPDATE ON shift_movements
            BEGIN SELECT RAISE(ABORT, 'shift movements cannot change'); END)"),
        QStringLiteral(R"(CREATE TRIGGER shift_movements_no_delete BEFORE DELETE ON shift_movements
            BEGIN SELECT RAISE(ABORT, 'shift movements are kept'); END)"),
        // Z reports of every lane: numbered per lane without gaps, never changed.
        QStringLiteral(R"(CREATE TABLE z_reports (
            id TEXT PRIMARY KEY NOT NULL,
            terminal_id TEXT NOT NULL,
            z_number INTEGER NOT NULL CHECK (z_number >= 1),
            opened_at TEXT NOT NULL,
            closed_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            shift_ids TEXT NOT NULL,
            totals TEXT NOT NULL,
            message_id TEXT,
            UNIQUE (terminal_id, z_number)))"),
        QStringLiteral(R"(CREATE TRIGGER z_reports_immutable BEFORE UPDATE ON z_reports
            BEGIN SELECT RAISE(ABORT, 'a Z report cannot change'); END)"),
        QStringLiteral(R"(CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports
            BEGIN SELECT RAISE(ABORT, 'Z reports are kept'); END)"),
        // The shift a sale was rung in (null: rung before shifts existed, or by a peer that does
        // not send one).
        QStringLiteral("ALTER TABLE transactions ADD COLUMN shift_id TEXT"),
        QStringLiteral("CREATE INDEX idx_transactions_shift ON transactions(shift_id) "
                       "WHERE shift_id IS NOT NULL"),
    };
}
QStringList v16LeanerLedger()
{
    // A received sale writes one ledger row per product it sells; each row cost a page in the
    // table, in ux_inventory_changes_delta (keyed by a random message id: a different page for
    // almost every row) and in idx_inventory_changes_hlc, plus the sqlite_sequence row that
    // AUTOINCREMENT updates on every insert. The unique index guarded what the inbox already
    // guarantees in the same transaction (a message is applied once: inbox_processed's key), so
    // it goes; ids are never reused without AUTOINCREMENT either, as no ledger row is ever
    // deleted. The table is rebuilt (SQLite cannot drop AUTOINCREMENT in place), ids kept.
    return {
        QStringLiteral(R"(CREATE TABLE inventory_changes_v16 (
            id INTEGER PRIMARY KEY,
            product_id TEXT NOT NULL REFERENCES products(id),
            delta INTEGER NOT NULL,
            reason TEXT NOT NULL CHECK (reason = 'sale' OR reason = 'return' OR
                                        reason = 'receipt' OR reason = 'count' OR
                                        reason = 'import' OR reason = 'reconciliation' OR
                                        reason = 'adjustment'),
            stock_before INTEGER NOT NULL,
            stock_after INTEGER NOT NULL,
            employee_id TEXT,
            terminal_id TEXT NOT NULL,
            message_id TEXT,
            created_at TEXT NOT NULL,
            hlc_ms INTEGER NOT NULL DEFAULT -1,
            hlc_counter INTEGER NOT NULL DEFAULT 0,
            seq INTEGER,
            is_delta INTEGER NOT NULL DEFAULT 0))"),
        QStringLiteral("INSERT INTO inventory_changes_v16(id, product_id, delta, reason, "
                       "stock_before, stock_after, employee_id, terminal_id, message_id, "
                       "created_at, hlc_ms, hlc_counter, seq, is_delta) SELECT id, product_id, "
                       "delta, reason, stock_before, stock_after, employee_id, terminal_id, "
                       "message_id, created_at, hlc_ms, hlc_counter, seq, is_delta FROM "
                       "inventory_changes ORDER BY id"),
        QStringLiteral("DROP TABLE inventory_changes"),
        QStringLiteral("ALTER TABLE inventory_changes_v16 RENAME TO inventory_changes"),
        QStringLiteral("CREATE INDEX idx_inventory_changes_hlc ON inventory_changes(product_id, "
                       "is_delta, hlc_ms, hlc_counter, terminal_id)"),
        QStringLiteral("DELETE FROM sqlite_sequence WHERE name = 'inventory_changes'"),
    };
}
} // namespace

const std::vector<Migrations::Step> &Migrations::steps()
{
    static const std::vector<Step> all = {
        {1, "catalog, inventory, employees, customers", v1Catalog()},
        {2, "sales, outbox, inbox", v2SalesAndSync()},
        {3, "peer sync: relay columns, progress, peer status", v3PeerSync()},
        {4, "stock ledger: HLC times, baselines, reconciliation runs and conflicts",
         v4StockLedger()},
        {5, "cloud sync: retry schedule, relayed uploads", v5CloudSync()},
        {6, "outbox counts by status, kept by triggers", v6OutboxCounts()},
        {7, "held (parked) carts, returns of sales, approvals on sale lines", v7HeldCarts()},
        {8, "drop indexes no query uses (fewer pages written per sale)", v8FewerIndexes()},
        {9,
         "CHECK lists as OR chains (no temporary b-tree per row written)",
         {},
         checksWithoutInLists},
        {10, "messages held for a time too far ahead, and their acceptances", v10HeldMessages()},
        {11, "relay order of messages without seq; messages rejected for good",
         v11RelayAndRejects()},
        {12, "peer status: the link's channel and store key", v12PeerChannel()},
        {13, "catalog replication: product versions, SKU and barcode claims, scheduled prices",
         v13CatalogReplication()},
        {14, "shifts, cash movements, Z reports; the shift of each sale", v14Shifts()},
        {15, "print jobs: receipts and reports waiting for the receipt printer", v15PrintJobs()},
        {16, "stock ledger without AUTOINCREMENT and without the unique message index",
         v16LeanerLedger()},
    };
    return all;
}

int Migrations::latestVersion()
{
    return steps().back().version;
}

Status Migrations::migrate(Database &db, int targetVersion)
{
    const int current = db.schemaVersion();
    if (current < 0)
        return Status::failure(QStringLiteral("cannot read schema version of %1").arg(db.path()));
    if (current > latestVersion())
        return Status::failure(
            QStringLiteral("database %1 has schema version %2, newer than this lane supports (%3); "
                           "refusing to open it")
                .arg(db.path())
                .arg(current)
                .arg(latestVersion()));
    for (const Step &step : steps()) {
        if (step.version <= current || step.version > targetVersion)
            continue;
        WriteTransaction tx(db);
        if (!tx.isActive())
            return Status::failure(tx.error());
        for (const QString &sql : step.statements) {
            if (Status s = db.exec(sql); !s)
                return Status::failure(QStringLiteral("migration %1 (%2) failed: %3")
                                           .arg(step.version)
                                           .arg(QLatin1String(step.name), s.error()));
        }
        if (step.run) {
            if (Status s = step.run(db); !s)
                return Status::failure(QStringLiteral("migration %1 (%2) failed: %3")
                                           .arg(step.version)
                                           .arg(QLatin1String(step.name), s.error()));
        }
        if (Status s = db.exec(QStringLiteral("PRAGMA user_version=%1").arg(step.version)); !s)
            return s;
        if (Status s = tx.commit(); !s)
            return s;
        qCInfo(lcStorage) << "migrated" << db.path() << "to schema version" << step.version << "("
                          << step.name << ")";
    }
    return {};
}
