#pragma once

#include "clock.h"
#include "database.h"
#include "idgenerator.h"
#include "inbox.h"
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

// Lanes in one test process exchanging messages as peers would (the frames their outbox holds,
// applied through Inbox), and the demo employees as records.
Employee demoManager(TestLane &t);
Employee demoCashier(TestLane &t);
// The frames `from` holds that `to` lacks (as a peer would send them), of one topic or all.
QList<QByteArray> lacking(TestLane &from, TestLane &to, const QString &topic = {});
// Applies the frames on `to` as its inbox would; the outcomes in order.
QList<Inbox::Result> deliver(TestLane &to, const QList<QByteArray> &frames);
// True when none was rejected (each rejection is logged as a warning).
bool allApplied(const QList<Inbox::Result> &results);
