#include "corelog.h"

Q_LOGGING_CATEGORY(lcApp, "lane.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPrinter, "lane.printer", QtInfoMsg)
