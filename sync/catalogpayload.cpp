#include "catalogpayload.h"

#include "clock.h"
#include "idgenerator.h"
#include "jsonint.h"

#include <QJsonArray>

namespace {
bool isCleanText(const QString &s)
{
    for (const QChar c : s) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            return false;
    }
    return true;
}

bool isSource(const QString &s)
{
    return s == QLatin1String("lane") || s == QLatin1String("import") ||
           s == QLatin1String("head-office");
}
} // namespace

namespace CatalogPayload {

bool isBarcodeText(const QString &code)
{
    if (code.isEmpty() || code.size() > MaxBarcode)
        return false;
    for (const QChar c : code) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f) // printable ASCII, no spaces
            return false;
    }
    return true;
}

QString problemWith(const Product &p)
{
    if (!IdGenerator::isUuid(p.id))
        return QStringLiteral("productId must be a UUID");
    if (p.sku.trimmed().isEmpty() || p.sku.size() > MaxSku || p.sku.trimmed() != p.sku ||
        !isCleanText(p.sku))
        return QStringLiteral("sku must be 1 to %1 characters without control characters or "
                              "surrounding spaces")
            .arg(MaxSku);
    if (p.name.trimmed().isEmpty() || p.name.size() > MaxName || !isCleanText(p.name))
        return QStringLiteral("name must be 1 to %1 characters without control characters")
            .arg(MaxName);
    if (p.categoryName.size() > MaxCategory || !isCleanText(p.categoryName) ||
        p.categoryName.trimmed() != p.categoryName)
        return QStringLiteral("category must be at most %1 characters without control "
                              "characters or surrounding spaces")
            .arg(MaxCategory);
    if (p.priceCents < 0 || p.priceCents > MaxPriceCents)
        return QStringLiteral("priceCents must be an integer from 0 to %1").arg(MaxPriceCents);
    if (p.taxRateBp < 0 || p.taxRateBp > 10000)
        return QStringLiteral("taxRateBp must be an integer from 0 to 10000");
    if (p.barcodes.size() > MaxBarcodes)
        return QStringLiteral("at most %1 barcodes").arg(MaxBarcodes);
    for (qsizetype i = 0; i < p.barcodes.size(); ++i) {
        if (!isBarcodeText(p.barcodes.at(i)))
            return QStringLiteral("barcode %1 must be 1 to %2 printable characters without "
                                  "spaces")
                .arg(i + 1)
                .arg(MaxBarcode);
        if (p.barcodes.indexOf(p.barcodes.at(i)) != i)
            return QStringLiteral("barcode %1 is listed twice").arg(p.barcodes.at(i));
    }
    return {};
}

QJsonObject encode(const ProductVersion &v)
{
    const Product &p = v.product;
    QJsonObject o{{QStringLiteral("productId"), p.id},
                  {QStringLiteral("sku"), p.sku},
                  {QStringLiteral("name"), p.name},
                  {QStringLiteral("category"), p.categoryName},
                  {QStringLiteral("barcodes"), QJsonArray::fromStringList(p.barcodes)},
                  {QStringLiteral("priceCents"), p.priceCents},
                  {QStringLiteral("taxRateBp"), p.taxRateBp},
                  {QStringLiteral("active"), p.active},
                  {QStringLiteral("hlcTime"), v.version.iso()},
                  {QStringLiteral("hlcCounter"), v.version.counter},
                  {QStringLiteral("priceSetAt"), v.priceVersion.iso()},
                  {QStringLiteral("priceCounter"), v.priceVersion.counter},
                  {QStringLiteral("source"), v.source}};
    if (!v.editedBy.isEmpty())
        o.insert(QStringLiteral("editedBy"), v.editedBy);
    if (v.headOfficeSeq > 0)
        o.insert(QStringLiteral("headOfficeSeq"), v.headOfficeSeq);
    return o;
}

Result<ProductVersion> decode(const QJsonObject &o, const QString &origin)
{
    using R = Result<ProductVersion>;
    ProductVersion v;
    Product &p = v.product;
    const QJsonValue barcodes = o.value(QLatin1String("barcodes"));
    const QJsonValue category = o.value(QLatin1String("category"));
    qint64 price = 0, rate = 0, counter = 0, seq = 0;
    const auto ms = Clock::isoMs(o.value(QLatin1String("hlcTime")).toString());
    if (!o.value(QLatin1String("productId")).isString() ||
        !o.value(QLatin1String("sku")).isString() || !o.value(QLatin1String("name")).isString() ||
        !(category.isString() || category.isUndefined() || category.isNull()) ||
        !barcodes.isArray() ||
        !JsonInt::read(o.value(QLatin1String("priceCents")), 0, MaxPriceCents, price) ||
        !JsonInt::read(o.value(QLatin1String("taxRateBp")), 0, 10000, rate) ||
        !o.value(QLatin1String("active")).isBool() || !ms || *ms < 0 ||
        !JsonInt::read(o.value(QLatin1String("hlcCounter")), 0, 1000000000000000LL, counter))
        return R::failure(QStringLiteral(
            "product payload needs productId (UUID), sku, name, barcodes (array), priceCents "
            "(integer >= 0), taxRateBp (0..10000), active (boolean), hlcTime (ISO 8601 UTC) and "
            "hlcCounter (integer >= 0); category optional"));
    p.id = o.value(QLatin1String("productId")).toString();
    p.sku = o.value(QLatin1String("sku")).toString();
    p.name = o.value(QLatin1String("name")).toString();
    p.categoryName = category.toString();
    p.priceCents = price;
    p.taxRateBp = int(rate);
    p.active = o.value(QLatin1String("active")).toBool();
    const QJsonArray codes = barcodes.toArray();
    if (codes.size() > MaxBarcodes)
        return R::failure(QStringLiteral("product payload: at most %1 barcodes").arg(MaxBarcodes));
    for (const QJsonValue &c : codes) {
        if (!c.isString())
            return R::failure(QStringLiteral("product payload: each barcode must be a string"));
        p.barcodes.append(c.toString());
    }
    if (const QString problem = problemWith(p); !problem.isEmpty())
        return R::failure(QStringLiteral("product payload: ") + problem);
    v.version = HlcTime{*ms, counter, origin};
    v.priceVersion = v.version;
    const QJsonValue priceSetAt = o.value(QLatin1String("priceSetAt"));
    if (!priceSetAt.isUndefined() && !priceSetAt.isNull()) {
        const auto priceMs = Clock::isoMs(priceSetAt.toString());
        qint64 priceCounter = 0;
        if (!priceMs || *priceMs < 0 ||
            !JsonInt::read(o.value(QLatin1String("priceCounter")), 0, 1000000000000000LL,
                           priceCounter))
            return R::failure(QStringLiteral("product payload: priceSetAt must be an ISO 8601 "
                                             "time with an integer priceCounter >= 0"));
        v.priceVersion = HlcTime{*priceMs, priceCounter, origin};
        if (v.version < v.priceVersion)
            return R::failure(QStringLiteral(
                "product payload: priceSetAt is later than the version (hlcTime) itself"));
    }
    const QJsonValue source = o.value(QLatin1String("source"));
    v.source = source.isUndefined() || source.isNull() ? QStringLiteral("lane") : source.toString();
    if (!isSource(v.source))
        return R::failure(
            QStringLiteral("product payload: source must be lane, import or head-office"));
    const QJsonValue editedBy = o.value(QLatin1String("editedBy"));
    if (!editedBy.isUndefined() && !editedBy.isNull()) {
        if (!IdGenerator::isUuid(editedBy.toString()))
            return R::failure(QStringLiteral("product payload: editedBy must be an employee UUID"));
        v.editedBy = editedBy.toString();
    }
    const QJsonValue hoSeq = o.value(QLatin1String("headOfficeSeq"));
    if (!hoSeq.isUndefined() && !hoSeq.isNull()) {
        if (!JsonInt::read(hoSeq, 1, JsonInt::MaxExact, seq))
            return R::failure(
                QStringLiteral("product payload: headOfficeSeq must be an integer >= 1"));
        v.headOfficeSeq = seq;
    }
    return v;
}

QJsonObject encode(const ScheduledPrice &p)
{
    QJsonObject o{{QStringLiteral("changeId"), p.changeId},
                  {QStringLiteral("productId"), p.productId},
                  {QStringLiteral("priceCents"), p.priceCents},
                  {QStringLiteral("effectiveAt"), Clock::msToIso(p.effectiveMs)},
                  {QStringLiteral("source"), p.source}};
    if (p.headOfficeSeq > 0)
        o.insert(QStringLiteral("headOfficeSeq"), p.headOfficeSeq);
    return o;
}

Result<ScheduledPrice> decodeScheduled(const QJsonObject &o)
{
    using R = Result<ScheduledPrice>;
    ScheduledPrice p;
    qint64 seq = 0;
    const auto ms = Clock::isoMs(o.value(QLatin1String("effectiveAt")).toString());
    p.changeId = o.value(QLatin1String("changeId")).toString();
    p.productId = o.value(QLatin1String("productId")).toString();
    const QJsonValue source = o.value(QLatin1String("source"));
    p.source =
        source.isUndefined() || source.isNull() ? QStringLiteral("head-office") : source.toString();
    const QJsonValue hoSeq = o.value(QLatin1String("headOfficeSeq"));
    if (!IdGenerator::isUuid(p.changeId) || !IdGenerator::isUuid(p.productId) ||
        !JsonInt::read(o.value(QLatin1String("priceCents")), 0, MaxPriceCents, p.priceCents) ||
        !ms || *ms < 0 || !isSource(p.source) ||
        !(hoSeq.isUndefined() || hoSeq.isNull() || JsonInt::read(hoSeq, 1, JsonInt::MaxExact, seq)))
        return R::failure(QStringLiteral(
            "price.scheduled payload needs changeId (UUID), productId (UUID), priceCents "
            "(0..999999999), effectiveAt (ISO 8601 UTC); source and headOfficeSeq optional"));
    p.effectiveMs = *ms;
    p.headOfficeSeq = seq;
    return p;
}
} // namespace CatalogPayload
