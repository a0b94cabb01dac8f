#include "catalogimporter.h"

#include "barcode.h"
#include "catalogpayload.h"
#include "clock.h"
#include "corelog.h"
#include "database.h"
#include "idgenerator.h"
#include "inventorystore.h"
#include "outbox.h"
#include "pinhasher.h"
#include "stockledger.h"
#include "topics.h"
#include "writetransaction.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace {
// The namespace of the demo catalog's UUIDv5 ids (tools/gen-demo-catalog.py uses the same).
const QUuid kCatalogNamespace(QStringLiteral("6f1c2a4e-3b7d-4e8a-9c1f-2d5e6a7b8c90"));

// The fields a product's message carries, compared as this lane holds them.
bool sameContent(const Product &a, const Product &b)
{
    QStringList ca = a.barcodes, cb = b.barcodes;
    ca.sort();
    cb.sort();
    return a.sku == b.sku && a.name == b.name && a.categoryName == b.categoryName &&
           a.priceCents == b.priceCents && a.taxRateBp == b.taxRateBp && a.active == b.active &&
           ca == cb;
}

std::optional<qint64> jsonInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (std::fabs(d) > 9007199254740992.0 || d != std::floor(d))
        return std::nullopt;
    return qint64(d);
}

// RFC 4180 fields of one record; quotes may hold commas, doubled quotes and newlines.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() &&
                text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            row.append(field);
            field.clear();
            if (!(row.size() == 1 && row.first().isEmpty()))
                rows.append(row);
            row.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}
} // namespace

CatalogImporter::CatalogImporter(Database &db, Clock &clock, QString terminalId)
    : m_db(db)
    , m_clock(clock)
    , m_terminalId(std::move(terminalId))
{
}

QString CatalogImporter::categoryIdFor(const QString &name)
{
    return CatalogStore::categoryIdFor(name);
}

void CatalogImporter::setPublishing(Outbox *outbox, Hlc *hlc, StockLedger *stock)
{
    m_outbox = outbox;
    m_hlc = hlc;
    m_stock = stock;
}

QString CatalogImporter::productIdFor(const QString &sku)
{
    return QUuid::createUuidV5(kCatalogNamespace, QStringLiteral("product:") + sku)
        .toString(QUuid::WithoutBraces);
}

Result<CatalogImporter::Summary> CatalogImporter::importFile(const QString &path, Mode mode)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<Summary>::failure(
            tr("%1: cannot read catalog: %2").arg(path, f.errorString()));
    if (f.size() > 64 * 1024 * 1024)
        return Result<Summary>::failure(tr("%1: catalog larger than 64 MiB").arg(path));
    const QByteArray data = f.readAll();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return importCsv(data, path, mode);
    if (suffix == QLatin1String("json"))
        return importJson(data, path, mode);
    return Result<Summary>::failure(tr("%1: a catalog is a .json or .csv file").arg(path));
}

Status CatalogImporter::addCategory(Data &data, const QString &name)
{
    if (name.isEmpty())
        return {};
    for (const Category &c : data.categories)
        if (c.name == name)
            return {};
    data.categories.append({categoryIdFor(name), name, int(data.categories.size())});
    return {};
}

Status CatalogImporter::validateProduct(Entry &entry, const QString &where)
{
    Product &p = entry.product;
    p.sku = p.sku.trimmed();
    p.name = p.name.trimmed();
    if (p.sku.isEmpty() || p.sku.size() > 64)
        return Status::failure(tr("%1: sku must be 1 to 64 characters").arg(where));
    if (p.name.isEmpty() || p.name.size() > 200)
        return Status::failure(tr("%1: name must be 1 to 200 characters").arg(where));
    if (p.priceCents < 0 || p.priceCents > 100000000)
        return Status::failure(tr("%1: priceCents must be 0 to 100000000").arg(where));
    if (p.taxRateBp < 0 || p.taxRateBp > 10000)
        return Status::failure(tr("%1: taxRateBp must be 0 to 10000").arg(where));
    if (entry.stock && (*entry.stock < -1000000000 || *entry.stock > 1000000000))
        return Status::failure(tr("%1: stock out of range").arg(where));
    entry.idGiven = !p.id.isEmpty();
    if (p.id.isEmpty())
        p.id = productIdFor(p.sku);
    else if (!IdGenerator::isUuid(p.id))
        return Status::failure(tr("%1: id must be a UUID").arg(where));
    p.id = p.id.toLower();
    QStringList normalized;
    for (const QString &code : p.barcodes) {
        auto n = Barcode::normalize(code);
        if (!n)
            return Status::failure(tr("%1: barcode \"%2\": %3").arg(where, code, n.error()));
        if (!normalized.contains(*n))
            normalized.append(*n);
    }
    p.barcodes = normalized;
    return {};
}

Result<CatalogImporter::Summary> CatalogImporter::importJson(const QByteArray &json,
                                                             const QString &source, Mode mode,
                                                             const QString &markerKey)
{
    using R = Result<Summary>;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(tr("%1: not valid JSON at offset %2: %3")
                              .arg(source)
                              .arg(error.offset)
                              .arg(error.errorString()));
    if (!doc.isObject() || !doc.object().value(QLatin1String("products")).isArray())
        return R::failure(tr("%1: expected an object with a \"products\" array").arg(source));
    const QJsonObject root = doc.object();
    Data data;
    for (const QJsonValue &cv : root.value(QLatin1String("categories")).toArray()) {
        const QString name = cv.toObject().value(QLatin1String("name")).toString().trimmed();
        if (name.isEmpty())
            return R::failure(tr("%1: every category needs a name").arg(source));
        if (Status s = addCategory(data, name); !s)
            return R::failure(s.error());
    }
    const QJsonArray products = root.value(QLatin1String("products")).toArray();
    for (qsizetype i = 0; i < products.size(); ++i) {
        const QString where = tr("%1: product %2").arg(source).arg(i + 1);
        if (!products.at(i).isObject())
            return R::failure(tr("%1: expected an object").arg(where));
        const QJsonObject o = products.at(i).toObject();
        Entry e;
        e.product.id = o.value(QLatin1String("id")).toString();
        e.product.sku = o.value(QLatin1String("sku")).toString();
        e.product.name = o.value(QLatin1String("name")).toString();
        e.product.categoryName = o.value(QLatin1String("category")).toString().trimmed();
        const auto price = jsonInteger(o.value(QLatin1String("priceCents")));
        const auto tax = jsonInteger(o.value(QLatin1String("taxRateBp")));
        if (!price || !tax)
            return R::failure(tr("%1: priceCents and taxRateBp must be integers").arg(where));
        e.product.priceCents = *price;
        e.product.taxRateBp = int(std::clamp<qint64>(*tax, -1, 100000));
        if (o.contains(QLatin1String("stock"))) {
            e.stock = jsonInteger(o.value(QLatin1String("stock")));
            if (!e.stock)
                return R::failure(tr("%1: stock must be an integer").arg(where));
        }
        if (o.contains(QLatin1String("active")))
            e.product.active = o.value(QLatin1String("active")).toBool(true);
        for (const QJsonValue &b : o.value(QLatin1String("barcodes")).toArray())
            e.product.barcodes.append(b.toString());
        if (Status s = validateProduct(e, where); !s)
            return R::failure(s.error());
        if (Status s = addCategory(data, e.product.categoryName); !s)
            return R::failure(s.error());
        data.products.append(e);
    }
    for (const QJsonValue &ev : root.value(QLatin1String("employees")).toArray()) {
        const QJsonObject o = ev.toObject();
        EmployeeEntry entry;
        entry.employee.id = o.value(QLatin1String("id")).toString().toLower();
        entry.employee.name = o.value(QLatin1String("name")).toString().trimmed();
        entry.employee.role = o.value(QLatin1String("role")).toString();
        entry.employee.discountLimitBp = int(std::clamp<qint64>(
            jsonInteger(o.value(QLatin1String("discountLimitBp"))).value_or(0), 0, 10000));
        entry.pin = o.value(QLatin1String("pin")).toString();
        if (!IdGenerator::isUuid(entry.employee.id) || entry.employee.name.isEmpty() ||
            (entry.employee.role != QLatin1String("cashier") &&
             entry.employee.role != QLatin1String("manager")) ||
            !PinHasher::isWellFormed(entry.pin))
            return R::failure(tr("%1: employee \"%2\" needs a UUID id, a name, role cashier or "
                                 "manager and a PIN of 4 to 8 digits")
                                  .arg(source, entry.employee.name));
        data.employees.append(entry);
    }
    return write(data, mode, markerKey);
}

Result<CatalogImporter::Summary> CatalogImporter::importCsv(const QByteArray &csv,
                                                            const QString &source, Mode mode)
{
    using R = Result<Summary>;
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv));
    if (rows.isEmpty())
        return R::failure(tr("%1: empty catalog").arg(source));
    const QStringList header = rows.first();
    auto column = [&](const char *name) {
        for (int i = 0; i < header.size(); ++i)
            if (header.at(i).trimmed().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return i;
        return -1;
    };
    const int cSku = column("sku"), cName = column("name"), cCategory = column("category"),
              cPrice = column("priceCents"), cTax = column("taxRateBp"), cStock = column("stock"),
              cBarcodes = column("barcodes"), cId = column("id");
    if (cSku < 0 || cName < 0 || cPrice < 0 || cTax < 0)
        return R::failure(tr("%1: the header needs at least sku,name,priceCents,taxRateBp "
                             "(optional: category,stock,barcodes,id)")
                              .arg(source));
    Data data;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList &row = rows.at(r);
        const QString where = tr("%1: line %2").arg(source).arg(r + 1);
        auto cell = [&](int c) {
            return c >= 0 && c < row.size() ? row.at(c).trimmed() : QString();
        };
        Entry e;
        bool okPrice = false, okTax = false;
        e.product.id = cell(cId);
        e.product.sku = cell(cSku);
        e.product.name = cell(cName);
        e.product.categoryName = cell(cCategory);
        e.product.priceCents = cell(cPrice).toLongLong(&okPrice);
        e.product.taxRateBp = cell(cTax).toInt(&okTax);
        if (!okPrice || !okTax)
            return R::failure(tr("%1: priceCents and taxRateBp must be integers").arg(where));
        if (!cell(cStock).isEmpty()) {
            bool okStock = false;
            e.stock = cell(cStock).toLongLong(&okStock);
            if (!okStock)
                return R::failure(tr("%1: stock must be an integer").arg(where));
        }
        e.product.barcodes =
            cell(cBarcodes).split(QRegularExpression(QStringLiteral("[|; ]")), Qt::SkipEmptyParts);
        if (Status s = validateProduct(e, where); !s)
            return R::failure(s.error());
        if (Status s = addCategory(data, e.product.categoryName); !s)
            return R::failure(s.error());
        data.products.append(e);
    }
    return write(data, mode, {});
}

Result<CatalogImporter::Summary> CatalogImporter::write(Data &data, Mode mode,
                                                        const QString &markerKey)
{
    using R = Result<Summary>;
    // Duplicates inside the file are errors: which row would win is not the importer's call.
    QSet<QString> skus, ids, codes;
    for (const Entry &e : data.products) {
        if (skus.contains(e.product.sku) || ids.contains(e.product.id))
            return R::failure(tr("SKU %1 appears twice in the catalog").arg(e.product.sku));
        skus.insert(e.product.sku);
        ids.insert(e.product.id);
        for (const QString &c : e.product.barcodes) {
            if (codes.contains(c))
                return R::failure(tr("barcode %1 belongs to two products").arg(c));
            codes.insert(c);
        }
    }
    // Hash PINs before taking the write lock: Argon2id is deliberately slow.
    CatalogStore catalog(m_db);
    EmployeeStore employees(m_db);
    QList<Employee> newEmployees;
    for (EmployeeEntry &entry : data.employees) {
        auto existing = employees.byId(entry.employee.id);
        if (!existing)
            return R::failure(existing.error());
        if (existing->has_value())
            continue; // keep the PIN and lockout state the lane already has
        auto hash = PinHasher::hash(entry.pin);
        if (!hash)
            return R::failure(hash.error());
        entry.employee.pinHash = *hash;
        newEmployees.append(entry.employee);
    }

    const QString now = m_clock.nowIso();
    Summary summary;
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    for (const Category &c : data.categories) {
        if (Status s = catalog.upsertCategory(c); !s)
            return R::failure(s.error());
        ++summary.categories;
    }
    const bool publishing = m_outbox && m_hlc && m_stock;
    HlcTime version = CatalogStore::baseVersion();
    if (publishing) {
        auto stamp = m_hlc->tick();
        if (!stamp)
            return R::failure(stamp.error());
        version = *stamp;
    }
    InventoryStore inventory(m_db);
    QSet<QString> inFile;
    // keptPrice: the lane holds the product with this price already; the version carries it on
    // with the time it was set (see CatalogAdmin::save).
    const auto write = [&](const Product &product, bool keptPrice) -> ::Status {
        HlcTime priceVersion = version;
        if (keptPrice && publishing) {
            auto held = catalog.priceVersionFor(product.id, m_terminalId);
            if (!held)
                return ::Status::failure(held.error());
            if (held->has_value())
                priceVersion = **held;
        }
        auto applied = catalog.applyVersion(product, version, priceVersion);
        if (!applied)
            return ::Status::failure(applied.error());
        if (!*applied || !publishing)
            return {};
        auto message = m_outbox->publish(
            QString(Topics::Product),
            CatalogPayload::encode(
                ProductVersion{product, version, priceVersion, QStringLiteral("import"), {}, 0}));
        if (!message)
            return ::Status::failure(message.error());
        ++summary.published;
        return {};
    };
    for (Entry &e : data.products) {
        auto existingSku = catalog.bySku(e.product.sku);
        if (!existingSku)
            return R::failure(existingSku.error());
        if (existingSku->has_value() && existingSku->value().id != e.product.id) {
            // A product made on a lane (or at head office) has an id of its own: a file that
            // names its SKU without an id means that product.
            if (e.idGiven)
                return R::failure(tr("SKU %1 already belongs to another product id in this lane")
                                      .arg(e.product.sku));
            e.product.id = existingSku->value().id;
        }
        inFile.insert(e.product.id);
        auto held = catalog.byId(e.product.id);
        if (!held)
            return R::failure(held.error());
        if (held->has_value() && !(*held)->placeholder && sameContent(**held, e.product)) {
            ++summary.unchanged;
        } else {
            const bool keptPrice = held->has_value() && !(*held)->placeholder &&
                                   (*held)->priceCents == e.product.priceCents;
            if (::Status s = write(e.product, keptPrice); !s)
                return R::failure(s.error());
            ++summary.products;
        }
        if (!e.stock)
            continue;
        auto level = inventory.level(e.product.id);
        if (!level)
            return R::failure(level.error());
        if (level->has_value())
            continue; // stock already moves through sales and counts; an import does not reset it
        // The catalog's stock is a baseline at HLC time zero: every lane has the same one, and it
        // never supersedes a sale or a count (whatever the start time). A published import sends
        // it to the other lanes, which lack it.
        if (publishing) {
            if (auto applied = m_stock->publishBaseline(
                    e.product.id, *e.stock, HlcTime{0, 0, m_terminalId}, QStringLiteral("import"));
                !applied)
                return R::failure(applied.error());
        } else {
            StockChange change{e.product.id, 0,   QStringLiteral("import"), {}, m_terminalId,
                               {},           now, HlcTime{0, 0, {}}};
            if (auto applied = inventory.applyBaseline(change, *e.stock); !applied)
                return R::failure(applied.error());
        }
        ++summary.stockInitialized;
    }
    if (mode == Mode::Replace) {
        auto all = catalog.all(std::numeric_limits<int>::max());
        if (!all)
            return R::failure(all.error());
        for (Product p : std::as_const(*all)) {
            if (!p.active || p.placeholder || inFile.contains(p.id))
                continue;
            p.active = false;
            if (::Status s = write(p, true); !s)
                return R::failure(s.error());
            ++summary.deactivated;
        }
    }
    for (const Employee &e : newEmployees) {
        if (Status s = employees.upsert(e, now); !s)
            return R::failure(s.error());
        ++summary.employees;
    }
    if (!markerKey.isEmpty()) {
        if (Status s = m_db.setMeta(markerKey, now); !s)
            return R::failure(s.error());
    }
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp) << "catalog imported:" << summary.products << "products,"
                  << summary.stockInitialized << "stock figures," << summary.employees
                  << "employees," << summary.deactivated << "deactivated," << summary.unchanged
                  << "unchanged," << summary.published << "sent to the other lanes";
    return summary;
}
