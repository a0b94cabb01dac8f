#pragma once

#include "result.h"

#include <QStringList>

#include <vector>

class Database;

// The ordered schema migrations; PRAGMA user_version records the last one applied.
class Migrations
{
public:
    struct Step
    {
        int version;
        const char *name;
        QStringList statements;
        // Run after the statements, in the same transaction (steps SQL alone cannot express).
        Status (*run)(Database &db) = nullptr;
    };

    static const std::vector<Step> &steps();
    static int latestVersion();

    // Applies every step after the database's version up to targetVersion, each in its own
    // transaction together with its user_version bump. Refuses a database newer than this code.
    [[nodiscard]] Status migrate(Database &db, int targetVersion);
};
