// The catalog importer, JSON and CSV, as an admin loads a file into the lane. First byte: bit 0
// CSV (else JSON), bit 1 Replace (else Extend); the rest is the file. The lane's database is in
// memory with a small catalog of its own; after an import that changed it, a copy of the
// pristine one is restored, so every input meets the same database.
#include "catalogimporter.h"
#include "clock.h"
#include "database.h"
#include "fuzzsupport.h"

#include <QSqlDriver>

#include <sqlite3.h>

#include <memory>

namespace {
ManualClock &laneClock()
{
    static ManualClock c(QDateTime::fromMSecsSinceEpoch(1795600800000, Qt::UTC));
    return c;
}

std::unique_ptr<Database> openDatabase()
{
    auto db = std::make_unique<Database>();
    Database::Options options;
    options.path = QStringLiteral(":memory:");
    FUZZ_CHECK(db->open(options));
    return db;
}

sqlite3 *handleOf(Database &db)
{
    return *static_cast<sqlite3 *const *>(db.connection().driver()->handle().constData());
}

// The database every input starts from: migrated, with a small catalog.
Database &pristine()
{
    static std::unique_ptr<Database> db = [] {
        auto d = openDatabase();
        CatalogImporter importer(*d, laneClock(), QStringLiteral("L1"));
        auto imported = importer.importJson(
            R"({"categories":[{"name":"Fruit"}],"products":[
  {"sku":"A1","name":"Apple","category":"Fruit","priceCents":120,"taxRateBp":700,"stock":40,
   "barcodes":["4006381333931"]},
  {"sku":"B2","name":"Bread","priceCents":250,"taxRateBp":700}],
 "employees":[{"id":"0b7e7c1e-5f0a-4d3c-9a51-6c2f0e1d2a3b","name":"Ada","role":"manager",
   "pin":"1234"}]})",
            QStringLiteral("fuzz catalog"), CatalogImporter::Mode::Extend);
        FUZZ_CHECK(imported);
        return d;
    }();
    return *db;
}

Database &database()
{
    static std::unique_ptr<Database> db = openDatabase();
    return *db;
}

// Copies the pristine database over the working one (SQLite's backup API: a page copy, far
// cheaper than migrating a new database).
void restore()
{
    sqlite3_backup *b =
        sqlite3_backup_init(handleOf(database()), "main", handleOf(pristine()), "main");
    FUZZ_CHECK(b);
    FUZZ_CHECK(sqlite3_backup_step(b, -1) == SQLITE_DONE);
    FUZZ_CHECK(sqlite3_backup_finish(b) == SQLITE_OK);
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzSupport::init(argc, argv);
    restore();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const bool csv = data[0] & 1;
    const auto mode = data[0] & 2 ? CatalogImporter::Mode::Replace : CatalogImporter::Mode::Extend;
    const QByteArray file = FuzzSupport::bytes(data + 1, size - 1);
    CatalogImporter importer(database(), laneClock(), QStringLiteral("L1"));
    auto r = csv ? importer.importCsv(file, QStringLiteral("fuzz.csv"), mode)
                 : importer.importJson(file, QStringLiteral("fuzz.json"), mode);
    if (!r) {
        FUZZ_CHECK(!r.error().isEmpty());
        return 0;
    }
    FUZZ_CHECK(r->products >= 0 && r->stockInitialized <= r->products);
    restore();
    return 0;
}
