#include "baselog.h"

Q_LOGGING_CATEGORY(lcClock, "lane.clock", QtInfoMsg)
