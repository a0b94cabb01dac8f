#pragma once

#include "catalogstore.h"
#include "hlc.h"
#include "result.h"

#include <QJsonObject>
#include <QString>

// One version of a product as the `product` topic carries it (docs/PROTOCOL.md §8.5): the whole
// record, stamped with an HLC time. Last write wins per product on (hlcTime, hlcCounter, origin
// lane), so every lane that holds the same messages holds the same catalog.
struct ProductVersion
{
    Product product; // id, sku, name, categoryName, priceCents, taxRateBp, active, barcodes
    HlcTime version; // its terminal is the message's origin (not on the wire)
    // When its price was set (priceSetAt, priceCounter; the origin's terminal): the version
    // itself when this version changed the price, an earlier time when it only carries the price
    // on (a rename must not undo a scheduled price that took effect since).
    HlcTime priceVersion;
    QString source;           // "lane" (the product editor), "import", "head-office"
    QString editedBy;         // the manager's employee id (source lane); empty otherwise
    qint64 headOfficeSeq = 0; // the head office change it carries (source head-office)
};

// A price change scheduled at a time (topic `price.scheduled`), immutable: at effectiveAt it
// becomes the product's price on every lane, unless a product version stamped later set another.
struct ScheduledPrice
{
    QString changeId; // UUID
    QString productId;
    qint64 priceCents = 0;
    qint64 effectiveMs = 0;
    QString source;           // "head-office"
    qint64 headOfficeSeq = 0; // its head office change
};

namespace CatalogPayload {
inline constexpr int MaxSku = 64;
inline constexpr int MaxName = 200;
inline constexpr int MaxCategory = 100;
inline constexpr int MaxBarcodes = 32;
inline constexpr int MaxBarcode = 64;
inline constexpr qint64 MaxPriceCents = 999999999;

QJsonObject encode(const ProductVersion &v);
// origin: the message's fromTerminal (it breaks ties between equal times).
Result<ProductVersion> decode(const QJsonObject &payload, const QString &origin);
QJsonObject encode(const ScheduledPrice &p);
Result<ScheduledPrice> decodeScheduled(const QJsonObject &payload);

// The checks a product's fields must pass wherever it comes from (editor, import, head office,
// a peer): empty when it is good, else what is wrong, in English for logs and peers.
QString problemWith(const Product &p);
// A barcode as the wire and the catalog accept it: 1 to 64 printable characters, no spaces.
bool isBarcodeText(const QString &code);
} // namespace CatalogPayload
