#pragma once

#include "clock.h"
#include "database.h"
#include "idgenerator.h"
#include "lane.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

// A lane on a fresh database in a temporary directory, with a manual clock and seeded ids.
class TestLane
{
public:
    explicit TestLane(const QString &terminalId = QStringLiteral("L1"), quint32 idSeed = 42,
                      const std::function<void(LaneConfig &)> &configure = {});

    Lane &lane() { return *m_lane; }
    Database &db() { return m_lane->database(); }
    ManualClock &clock() { return m_clock; }
    QString dir() const { return m_dir.path(); }
    // Logs in the demo cashier; the lane's demo catalog is loaded on start.
    bool loginCashier();
    qint64 count(const QString &sql);
    // Rings n card sales of one or two demo products as the demo cashier and returns the wire
    // frames their outbox messages are sent as (for feeding other lanes).
    QList<QByteArray> ringSaleFrames(int n);

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    SeededIdGenerator m_ids;
    std::unique_ptr<Lane> m_lane;
};
