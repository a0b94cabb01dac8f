#pragma once

#include <QLoggingCategory>

// The base library's category: the lane's clocks (lane.clock).
Q_DECLARE_LOGGING_CATEGORY(lcClock)
