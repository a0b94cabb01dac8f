#pragma once

#include <QLoggingCategory>

// The storage library's category: the database, migrations, checkpoints, commits (lane.storage).
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
