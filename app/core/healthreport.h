#pragma once

#include "laneconfig.h"
#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

// The sync health of a lane, read from its database (the running lane writes it there), for
// `euphoria-lane --health` and monitoring scripts.
struct HealthReport
{
    QJsonObject json;
    QStringList problems; // empty: healthy
    QStringList warnings; // risks the store chose (a plaintext link): reported, still healthy

    // A lane whose heartbeat is older than this is reported as not running.
    static constexpr int HeartbeatStaleSeconds = 30;
    // ownNow: the time by the lane's own clock; the report corrects it to the store's time as the
    // lane last did.
    [[nodiscard]] static Result<HealthReport> read(const LaneConfig &config, int maxOfflineSeconds,
                                                   const QDateTime &ownNow);
};
