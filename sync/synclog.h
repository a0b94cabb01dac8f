#pragma once

#include <QLoggingCategory>

// The sync library's categories: peers (lane.peer), the cloud (lane.cloud) and reconciliation
// (lane.recon).
Q_DECLARE_LOGGING_CATEGORY(lcPeer)
Q_DECLARE_LOGGING_CATEGORY(lcCloud)
Q_DECLARE_LOGGING_CATEGORY(lcRecon)
