#include "storagelog.h"

Q_LOGGING_CATEGORY(lcStorage, "lane.storage", QtInfoMsg)
