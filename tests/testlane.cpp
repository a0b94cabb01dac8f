#include "testlane.h"

#include "cart.h"
#include "messagelog.h"

#include <QSqlQuery>
#include <QTest>

TestLane::TestLane(const QString &terminalId, quint32 idSeed,
                   const std::function<void(LaneConfig &)> &configure)
    : m_clock(QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC))
    , m_ids(idSeed)
{
    LaneConfig config;
    config.terminalId = terminalId;
    config.dataDir = m_dir.path();
    config.sqliteSynchronous = Database::Synchronous::Normal;
    if (configure)
        configure(config);
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

QList<QByteArray> TestLane::ringSaleFrames(int n)
{
    if (!loginCashier())
        return {};
    auto products = m_lane->catalog().byCategory(QString(), 1000);
    if (!products || products->isEmpty())
        return {};
    for (int i = 0; i < n; ++i) {
        Cart cart;
        (void)cart.add(products->at((i * 7) % products->size()), 1 + i % 2);
        (void)cart.addCard(cart.totalCents());
        if (!m_lane->sales().complete(cart, *m_lane->session().current()))
            return {};
    }
    MessageLog log(db(), m_lane->config().terminalId);
    const auto entries = log.after(m_lane->config().terminalId, 0, n);
    if (!entries)
        return {};
    QList<QByteArray> frames;
    for (const MessageLog::Entry &e : *entries)
        frames.append(e.frame);
    return frames;
}
