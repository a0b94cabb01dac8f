#include "synclog.h"

Q_LOGGING_CATEGORY(lcPeer, "lane.peer", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCloud, "lane.cloud", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRecon, "lane.recon", QtInfoMsg)
