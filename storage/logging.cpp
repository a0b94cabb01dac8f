#include "logging.h"

Q_LOGGING_CATEGORY(lcStorage, "lane.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPeer, "lane.peer", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCloud, "lane.cloud", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRecon, "lane.recon", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "lane.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "lane.app", QtInfoMsg)
