#pragma once

#include <QLoggingCategory>

// The controllers' category: screens, models and the UI script (lane.ui).
Q_DECLARE_LOGGING_CATEGORY(lcUi)
