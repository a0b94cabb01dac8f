// Creates a lane database at an older schema version with one completed sale in it, as a lane
// of that version left it: package-check starts the packaged lane on it and checks the
// migration kept the sale.
//   make-lane-db FILE VERSION
//   make-lane-db --latest        prints the schema version a lane of this build migrates to
#include "database.h"
#include "migrations.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (args.size() == 2 && args.at(1) == QLatin1String("--latest")) {
        QTextStream(stdout) << Migrations::latestVersion() << '\n';
        return 0;
    }
    bool ok = false;
    const int version = args.size() == 3 ? args.at(2).toInt(&ok) : -1;
    if (!ok || version < 1 || version > Migrations::latestVersion()) {
        err << "usage: make-lane-db FILE VERSION (1 to " << Migrations::latestVersion() << ")\n";
        return 2;
    }
    Database db;
    Database::Options options{args.at(1)};
    options.targetVersion = version;
    if (Status s = db.open(options); !s) {
        err << s.error() << '\n';
        return 1;
    }
    if (Status s = db.exec(QStringLiteral(
            "INSERT INTO transactions(id, receipt_number, terminal_id, employee_id, "
            "subtotal_cents, tax_cents, total_cents, paid_cents, status, created_at) VALUES "
            "('old-sale-1', 'L7-000001', 'L7', 'e1', 1000, 83, 1083, 1100, 'completed', "
            "'2026-01-01T10:00:00.000Z')"));
        !s) {
        err << s.error() << '\n';
        return 1;
    }
    // The lane numbered that receipt: its counter says so (Database::nextCounter).
    if (Status s = db.exec(QStringLiteral("INSERT INTO counters(name, value) VALUES "
                                          "('receipt:L7', 1)"));
        !s) {
        err << s.error() << '\n';
        return 1;
    }
    return 0;
}
