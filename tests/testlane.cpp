#include "testlane.h"

#include "cart.h"
#include "employeestore.h"
#include "messagelog.h"
#include "peerprotocol.h"

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

Employee demoManager(TestLane &t)
{
    const auto login = Lane::demoEmployee(QStringLiteral("manager"));
    auto e = EmployeeStore(t.db()).byId(login->employeeId);
    return e && e->has_value() ? **e : Employee{};
}

Employee demoCashier(TestLane &t)
{
    const auto login = Lane::demoCashier();
    auto e = EmployeeStore(t.db()).byId(login->employeeId);
    return e && e->has_value() ? **e : Employee{};
}

// The frames `from` holds that `to` lacks (as a peer would send them), of one topic or all.
QList<QByteArray> lacking(TestLane &from, TestLane &to, const QString &topic)
{
    const QString fromId = from.lane().config().terminalId;
    const QString toId = to.lane().config().terminalId;
    MessageLog fromLog(from.db(), fromId);
    auto held = fromLog.vector();
    auto have = MessageLog(to.db(), toId).vector();
    QList<QByteArray> frames;
    for (auto it = held->cbegin(); it != held->cend(); ++it) {
        if (it.key() == toId)
            continue;
        const auto entries = fromLog.after(it.key(), have->value(it.key(), 0), 10000);
        for (const MessageLog::Entry &e : *entries) {
            auto parsed = PeerProtocol::parse(e.frame);
            if (topic.isEmpty() || (parsed && parsed->message.topic == topic))
                frames.append(e.frame);
        }
    }
    return frames;
}

// Applies the frames on `to` as its inbox would; the outcomes in order.
QList<Inbox::Result> deliver(TestLane &to, const QList<QByteArray> &frames)
{
    Inbox inbox(to.db(), to.lane().config().terminalId, to.lane().clock(), to.lane().hlc());
    QList<Inbox::Incoming> batch;
    for (const QByteArray &f : frames) {
        auto parsed = PeerProtocol::parse(f);
        if (!parsed)
            qFatal("frame does not parse");
        batch.append(
            Inbox::Incoming{parsed->message, PeerProtocol::compact(parsed->message.payload)});
    }
    return inbox.applyBatch(batch);
}

bool allApplied(const QList<Inbox::Result> &results)
{
    for (const Inbox::Result &r : results)
        if (r.outcome == Inbox::Outcome::Rejected) {
            qWarning("rejected: %s", qPrintable(r.error));
            return false;
        }
    return true;
}
