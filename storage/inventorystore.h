#pragma once

#include "hlc.h"
#include "result.h"
#include "salestore.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>

#include <optional>

class Database;

struct StockLevel
{
    QString productId;
    qint64 currentStock = 0;
    qint64 reservedStock = 0;
    QString lastUpdated;
    HlcTime updated; // the latest HLC time among the baseline and the deltas after it
};

// The absolute count a product's stock is measured from.
struct StockBaseline
{
    qint64 quantity = 0;
    HlcTime hlc;
    QString reason;
};

// A stock change, who caused it and when (HLC); written to inventory_changes as the ledger and
// audit trail.
struct StockChange
{
    QString productId;
    qint64 delta = 0;
    QString reason; // sale, return, receipt, adjustment (deltas); count, import, reconciliation
    QString employeeId;
    QString terminalId; // the lane where the change happened (the message's origin)
    QString messageId;
    QString at; // wall-clock time of the record, ISO 8601 UTC
    HlcTime hlc;
    qint64 seq = 0; // the origin's outbox seq of the message, 0 when local-only
};

struct AppliedChange
{
    qint64 before = 0;
    qint64 after = 0;
    bool effective = true; // false: recorded, but superseded by a later baseline
};

// The stock ledger: stock = latest baseline (by HLC) + the deltas whose HLC time is after it.
// currentStock and lastUpdated in `inventory` are kept equal to that formula by every write.
// Writers call it inside a write transaction.
// One inventory row as reconciliation reads it; the views are valid during the callback only.
struct InventoryRow
{
    QByteArrayView productId; // UTF-8
    qint64 currentStock = 0;
    qint64 reservedStock = 0;
    qint64 hlcMs = 0;
    qint64 hlcCounter = 0;
    QByteArrayView hlcTerminal;
    QByteArrayView lastUpdated; // ISO 8601 form of the HLC time
};

// One product's baseline as reconciliation reads it; views valid during the callback only.
struct BaselineRow
{
    QByteArrayView productId;
    qint64 quantity = 0;
    qint64 hlcMs = 0;
    qint64 hlcCounter = 0;
    QByteArrayView hlcTerminal;
    // The message that set it; null for a baseline no message set (the catalog's at time zero,
    // or a figure recorded before the ledger).
    QByteArrayView messageId;
};

class InventoryStore
{
public:
    explicit InventoryStore(Database &db)
        : m_db(db)
    {
    }

    static bool isDeltaReason(const QString &reason);

    // Records a delta (once per message and product: the inbox applies a message once) and adds it
    // to the stock when it is after the product's baseline.
    [[nodiscard]] Result<AppliedChange> applyDelta(const StockChange &change);
    // A new absolute count at change.hlc: becomes the baseline if it is later than the current
    // one (last write wins, ties by lane id), and stock is recomputed from it. Recorded either way.
    [[nodiscard]] Result<AppliedChange> applyBaseline(const StockChange &change, qint64 quantity);

    // A message's stock changes move to another HLC time (a held message accepted with the
    // time a manager accepted it, or re-timed by its origin when it learnt its clock was wrong):
    // its ledger rows, and the baseline it set, take the new time, and each product's stock and
    // lastUpdated are computed again from its baseline and the deltas after it. `products` are
    // the products the message names (its rows are found through each product's ledger: the
    // ledger keeps no index by message); empty: every row is searched for the message.
    [[nodiscard]] Status restamp(const QString &messageId, const QStringList &products,
                                 const HlcTime &to);

    // A sale's stock changes: one delta per product (lines of the same product summed; a
    // negative quantity is a return), stamped with the sale's HLC time.
    [[nodiscard]] Status applySale(const SaleRecord &sale, const QString &at, qint64 seq);

    [[nodiscard]] Result<std::optional<StockLevel>> level(const QString &productId);
    [[nodiscard]] Result<std::optional<StockBaseline>> baseline(const QString &productId);
    [[nodiscard]] Result<QList<StockLevel>> all();
    [[nodiscard]] Result<qint64> productCount();
    // Adds units (negative: takes them off) to a product's reserved stock, never below zero.
    [[nodiscard]] Status addReserved(const QString &productId, qint64 units);

    // The whole inventory for checksums, in product order from the covering index (only the
    // columns the canonical line needs: productId, currentStock, lastUpdated, hlcCounter).
    [[nodiscard]] Status forEachChecksumRow(const std::function<void(const InventoryRow &)> &use);
    // Every inventory row and every baseline, in storage order (a full scan costs less than
    // lookups through the indexes; the caller joins and sorts).
    [[nodiscard]] Status forEachRow(const std::function<void(const InventoryRow &)> &use);
    [[nodiscard]] Status forEachBaseline(const std::function<void(const BaselineRow &)> &use);
    // The id of the latest ledger row (0 when there is none): what changed after it is new.
    [[nodiscard]] Result<qint64> lastChangeId();
    // The products whose stock moved in ledger rows after afterId.
    [[nodiscard]] Result<QSet<QString>> productsChangedAfter(qint64 afterId);

    // Deferred mode, for a batch of received messages in one transaction: applyDelta reads a
    // product's stock row and baseline once and keeps the running figure in memory; the rows
    // are written once by flushDeferred() instead of a read and a write per sale line. Audit
    // rows are written as each delta is applied, with the same before/after figures. Every
    // other method flushes first. After a rollback, discardDeferred() forgets what was kept.
    void setDeferred(bool deferred);
    [[nodiscard]] Status flushDeferred();
    void discardDeferred();

private:
    struct Kept
    {
        bool hasRow = false;
        qint64 stock = 0;
        HlcTime updated;
        QString lastUpdated;
        bool later = false; // a delta later than `updated` when read: lastUpdated follows it
        bool dirty = false;
        std::optional<HlcTime> baseline;
    };
    Result<Kept *> kept(const QString &productId);
    // Writes the product's stock and lastUpdated: quantity (the baseline; none: 0) plus every
    // delta after `from`.
    Result<qint64> recompute(const QString &productId, std::optional<qint64> quantity,
                             const HlcTime &from);
    Result<AppliedChange> applyDeltaDeferred(const StockChange &change);
    Status flushIfDeferred();
    Status audit(const StockChange &change, const AppliedChange &applied, bool isDelta);
    Database &m_db;
    bool m_deferred = false;
    QHash<QString, Kept> m_kept;
};
