#pragma once

#include <QLoggingCategory>

// The lane core's category: the lane, sales, employees, the command line (lane.app).
Q_DECLARE_LOGGING_CATEGORY(lcApp)
