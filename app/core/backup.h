#pragma once

#include "laneconfig.h"
#include "result.h"

#include <QString>

// euphoria-lane --backup FILE: a consistent copy of the lane's database (running or not).
namespace Backup {

// Copies the database of the lane config names to file (which must not exist) and returns the
// one-line summary to print.
[[nodiscard]] Result<QString> take(const LaneConfig &config, const QString &file);

} // namespace Backup
