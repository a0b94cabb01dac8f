#include "uilog.h"

Q_LOGGING_CATEGORY(lcUi, "lane.ui", QtInfoMsg)
