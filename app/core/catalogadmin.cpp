#include "catalogadmin.h"

#include "barcode.h"
#include "catalogpayload.h"
#include "clock.h"
#include "corelog.h"
#include "database.h"
#include "hlc.h"
#include "idgenerator.h"
#include "outbox.h"
#include "topics.h"
#include "writetransaction.h"

#include <QRegularExpression>

CatalogAdmin::CatalogAdmin(Database &db, Outbox &outbox, Clock &clock, Hlc &hlc, IdGenerator &ids,
                           QString terminalId)
    : m_db(db)
    , m_outbox(outbox)
    , m_clock(clock)
    , m_hlc(hlc)
    , m_ids(ids)
    , m_terminal(std::move(terminalId))
    , m_store(db)
{
}

Result<QList<Product>> CatalogAdmin::find(const QString &text, int limit)
{
    using R = Result<QList<Product>>;
    const QString query = text.trimmed();
    if (query.isEmpty())
        return m_store.all(limit);
    if (Barcode::looksLikeBarcode(query)) {
        if (auto code = Barcode::normalize(query)) {
            auto found = m_store.byBarcode(*code);
            if (!found)
                return R::failure(found.error());
            if (found->has_value())
                return QList<Product>{**found};
        }
    }
    auto bySku = m_store.bySku(query);
    if (!bySku)
        return R::failure(bySku.error());
    if (bySku->has_value())
        return QList<Product>{**bySku};
    return m_store.search(query, limit, true);
}

Result<Product> CatalogAdmin::save(const ProductEdit &edit, const Employee &manager)
{
    using R = Result<Product>;
    if (!manager.isManager() || !manager.active)
        return R::failure(tr("Only a manager can change products."));
    Product p;
    bool keptPrice = false;
    if (!edit.id.isEmpty()) {
        auto existing = m_store.byId(edit.id);
        if (!existing)
            return R::failure(existing.error());
        if (!existing->has_value())
            return R::failure(tr("This product no longer exists."));
        p = **existing;
        keptPrice = !p.placeholder && p.priceCents == edit.priceCents;
    } else {
        p.id = m_ids.nextString();
    }
    p.name = edit.name.simplified();
    p.sku = edit.sku.trimmed();
    p.categoryName = edit.category.simplified();
    p.priceCents = edit.priceCents;
    p.taxRateBp = edit.taxRateBp;
    p.active = edit.active;
    p.placeholder = false;
    if (p.name.isEmpty() || p.name.size() > CatalogPayload::MaxName)
        return R::failure(tr("Enter a name of 1 to %1 characters.").arg(CatalogPayload::MaxName));
    if (p.sku.isEmpty() || p.sku.size() > CatalogPayload::MaxSku ||
        p.sku.contains(QRegularExpression(QStringLiteral("\\s"))))
        return R::failure(
            tr("Enter a SKU of 1 to %1 characters without spaces.").arg(CatalogPayload::MaxSku));
    if (p.categoryName.size() > CatalogPayload::MaxCategory)
        return R::failure(
            tr("A category name has at most %1 characters.").arg(CatalogPayload::MaxCategory));
    if (p.priceCents < 0 || p.priceCents > CatalogPayload::MaxPriceCents)
        return R::failure(tr("Enter a price of 0 or more."));
    if (p.taxRateBp < 0 || p.taxRateBp > 10000)
        return R::failure(tr("The tax rate is between 0 and 100%."));
    p.barcodes.clear();
    for (const QString &typed : edit.barcodes) {
        if (typed.trimmed().isEmpty())
            continue;
        auto code = Barcode::normalize(typed.trimmed());
        if (!code)
            return R::failure(tr("Barcode %1: %2").arg(typed.trimmed(), code.error()));
        if (!p.barcodes.contains(*code))
            p.barcodes.append(*code);
    }
    if (p.barcodes.size() > CatalogPayload::MaxBarcodes)
        return R::failure(
            tr("A product has at most %1 barcodes.").arg(CatalogPayload::MaxBarcodes));
    if (const QString problem = CatalogPayload::problemWith(p); !problem.isEmpty())
        return R::failure(problem);
    auto sameSku = m_store.bySku(p.sku);
    if (!sameSku)
        return R::failure(sameSku.error());
    if (sameSku->has_value() && (*sameSku)->id != p.id)
        return R::failure(tr("SKU %1 belongs to %2.").arg(p.sku, (*sameSku)->name));
    for (const QString &code : std::as_const(p.barcodes)) {
        auto holder = m_store.byBarcode(code);
        if (!holder)
            return R::failure(holder.error());
        if (holder->has_value() && (*holder)->id != p.id)
            return R::failure(
                tr("Barcode %1 belongs to %2: remove it there first.").arg(code, (*holder)->name));
    }

    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    auto version = m_hlc.tick();
    if (!version)
        return R::failure(version.error());
    // A version that keeps the price carries it on with the time it was set, so that it does
    // not undo a price set meanwhile (on another lane, or by a scheduled change).
    HlcTime priceVersion = *version;
    if (keptPrice) {
        auto held = m_store.priceVersionFor(p.id, m_terminal);
        if (!held)
            return R::failure(held.error());
        if (held->has_value())
            priceVersion = **held;
    }
    auto applied = m_store.applyVersion(p, *version, priceVersion);
    if (!applied)
        return R::failure(applied.error());
    ProductVersion message{p, *version, priceVersion, QStringLiteral("lane"), manager.id, 0};
    if (auto m = m_outbox.publish(QString(Topics::Product), CatalogPayload::encode(message)); !m)
        return R::failure(m.error());
    // A scheduled change already due and later than this edit keeps its price (the same rule on
    // every lane); apply any due for this product now.
    if (auto due = m_store.applyDuePrices(m_clock.nowUtc().toMSecsSinceEpoch(), p.id); !due)
        return R::failure(due.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp).noquote() << "product" << p.sku << p.id
                            << (edit.id.isEmpty() ? "created" : "changed") << "by" << manager.id
                            << "at" << version->iso();
    auto saved = m_store.byId(p.id);
    if (!saved)
        return R::failure(saved.error());
    if (!saved->has_value())
        return R::failure(tr("The product was saved but cannot be read back."));
    return **saved;
}
