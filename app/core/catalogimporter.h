#pragma once

#include "catalogstore.h"
#include "employeestore.h"
#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

class Clock;
class Database;
class Hlc;
class Outbox;
class StockLedger;

// Loads a product catalog (and optionally employees) from JSON or CSV into the lane's database
// in one transaction: either all of a file or nothing of it. Before publishing is set (the demo
// catalog every lane loads on its first start) products are written at the base version, the same
// on every lane; once set (--import-catalog), every product the file changes gets one fresh HLC
// version and a `product` message (and new stock a baseline `inventory` message) in the same
// transaction, so one lane's import reaches all lanes.
class CatalogImporter
{
    Q_DECLARE_TR_FUNCTIONS(CatalogImporter)

public:
    enum class Mode {
        Extend, // add new products, update the ones present in the file
        Replace // also deactivate products that are not in the file
    };

    struct Summary
    {
        int categories = 0;
        int products = 0;
        int deactivated = 0;
        int stockInitialized = 0;
        int employees = 0;
        int unchanged = 0; // products the file has as this lane holds them already
        int published = 0; // product messages sent to the other lanes
    };

    CatalogImporter(Database &db, Clock &clock, QString terminalId);
    void setPublishing(Outbox *outbox, Hlc *hlc, StockLedger *stock);

    [[nodiscard]] Result<Summary> importFile(const QString &path, Mode mode);
    // markerKey, when given, is set in lane_meta in the same transaction as the import.
    [[nodiscard]] Result<Summary> importJson(const QByteArray &json, const QString &source,
                                             Mode mode, const QString &markerKey = {});
    [[nodiscard]] Result<Summary> importCsv(const QByteArray &csv, const QString &source,
                                            Mode mode);

    // Deterministic ids, so every lane that loads the same catalog agrees on them.
    static QString categoryIdFor(const QString &name);
    static QString productIdFor(const QString &sku);

private:
    struct Entry
    {
        Product product;
        std::optional<qint64> stock;
        bool idGiven = false;
    };
    struct EmployeeEntry
    {
        Employee employee;
        QString pin;
    };
    struct Data
    {
        QList<Category> categories;
        QList<Entry> products;
        QList<EmployeeEntry> employees;
    };

    Status validateProduct(Entry &entry, const QString &where);
    Status addCategory(Data &data, const QString &name);
    Result<Summary> write(Data &data, Mode mode, const QString &markerKey);

    Database &m_db;
    Clock &m_clock;
    QString m_terminalId;
    Outbox *m_outbox = nullptr;
    Hlc *m_hlc = nullptr;
    StockLedger *m_stock = nullptr;
};
