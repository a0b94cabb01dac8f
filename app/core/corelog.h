#pragma once

#include <QLoggingCategory>

// The lane core's category: the lane, sales, employees, the command line (lane.app).
Q_DECLARE_LOGGING_CATEGORY(lcApp)
// The receipt printer: its queue and links (lane.printer).
Q_DECLARE_LOGGING_CATEGORY(lcPrinter)
