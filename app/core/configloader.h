#pragma once

#include "laneconfig.h"
#include "result.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Builds a LaneConfig from its sources, with precedence flag > environment > file > default.
// Every error names where the bad value came from (file and key, variable, or flag) and never
// shows a secret's value.
class ConfigLoader
{
public:
    struct Key
    {
        const char *name;   // key in settings.local.json
        const char *envVar; // EUPHORIA_...
        const char *flag;   // command-line option without dashes
        const char *help;
        bool secret;
    };
    static const QList<Key> &keys();

    struct Sources
    {
        QString explicitFile;    // --config FILE: must exist
        QStringList searchFiles; // tried in order when no --config; missing ones are skipped
        QProcessEnvironment environment;
        QMap<QString, QString> flags; // key name -> raw value from the command line
    };

    struct Loaded
    {
        LaneConfig config;
        QStringList warnings;
    };

    [[nodiscard]] static Result<Loaded> load(const Sources &sources);
    // The default search list: ./settings.local.json, then the user's config directory.
    static QStringList defaultSearchFiles();
};
