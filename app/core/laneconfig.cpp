#include "laneconfig.h"

#include <QDir>
#include <QStandardPaths>

QString LaneConfig::effectiveDataDir() const
{
    if (!dataDir.isEmpty())
        return dataDir;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/euphoria-lane");
}

QString LaneConfig::databasePath() const
{
    return QDir(effectiveDataDir()).filePath(QStringLiteral("lane-%1.sqlite").arg(terminalId));
}
