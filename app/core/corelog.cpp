#include "corelog.h"

Q_LOGGING_CATEGORY(lcApp, "lane.app", QtInfoMsg)
