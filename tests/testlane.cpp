#include "testlane.h"

#include <QSqlQuery>
#include <QTest>

TestLane::TestLane(const QString &terminalId)
    : m_clock(QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC))
{
    LaneConfig config;
    config.terminalId = terminalId;
    config.dataDir = m_dir.path();
    config.sqliteSynchronous = Database::Synchronous::Normal;
    m_lane = std::make_unique<Lane>(config, m_clock, m_ids);
    const Status started = m_lane->start();
    if (!started)
        qFatal("test lane failed to start: %s", qPrintable(started.error()));
}

bool TestLane::loginCashier()
{
    const auto demo = Lane::demoCashier();
    return demo && m_lane->session().login(demo->employeeId, demo->pin).ok;
}

qint64 TestLane::count(const QString &sql)
{
    auto v = db().scalar(sql);
    return v ? v->toLongLong() : -1;
}
