#pragma once

#include "catalogstore.h"
#include "employeestore.h"
#include "result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class Clock;
class Database;
class Hlc;
class IdGenerator;
class Outbox;

// What a manager may change about a product in the product editor. An empty id creates one.
struct ProductEdit
{
    QString id;
    QString sku;
    QString name;
    QString category; // a category name; empty: none
    QStringList barcodes;
    qint64 priceCents = 0;
    int taxRateBp = 0; // basis points: 825 = 8.25 %
    bool active = true;
};

// Creates and changes products from the admin screen: validated (a clear message for each
// field), written and published as a `product` message (docs/PROTOCOL.md) in one SQLite
// transaction, stamped with the lane's HLC (last write wins per product on every lane). Only a
// manager may.
class CatalogAdmin
{
    Q_DECLARE_TR_FUNCTIONS(CatalogAdmin)

public:
    CatalogAdmin(Database &db, Outbox &outbox, Clock &clock, Hlc &hlc, IdGenerator &ids,
                 QString terminalId);

    // Products, inactive ones and placeholders included: by barcode or SKU first, then by name
    // or SKU containing the text; all products by name when text is empty.
    [[nodiscard]] Result<QList<Product>> find(const QString &text, int limit);
    [[nodiscard]] Result<Product> save(const ProductEdit &edit, const Employee &manager);

private:
    Database &m_db;
    Outbox &m_outbox;
    Clock &m_clock;
    Hlc &m_hlc;
    IdGenerator &m_ids;
    QString m_terminal;
    CatalogStore m_store;
};
