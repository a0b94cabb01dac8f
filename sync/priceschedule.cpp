#include "priceschedule.h"

#include "clock.h"
#include "clocktimer.h"
#include "database.h"
#include "synclog.h"
#include "writetransaction.h"

#include <QMetaObject>

namespace {
// The timer never sleeps longer than this: a clock that is set or re-agreed meanwhile is seen.
constexpr qint64 kMaxSleepMs = 60 * 1000;
} // namespace

PriceSchedule::PriceSchedule(Database &db, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_store(db)
    , m_timer(new ClockTimer(clock, this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &ClockTimer::timeout, this, &PriceSchedule::check);
    m_db.addCommitHook(this, [this] {
        if (m_checking || m_checkQueued)
            return;
        m_checkQueued = true;
        QMetaObject::invokeMethod(this, &PriceSchedule::check, Qt::QueuedConnection);
    });
}

PriceSchedule::~PriceSchedule()
{
    m_db.removeCommitHooks(this);
}

void PriceSchedule::check()
{
    m_checkQueued = false;
    if (m_checking)
        return;
    m_checking = true;
    const qint64 now = m_clock.nowUtc().toMSecsSinceEpoch();
    // Anything due and not applied? Only then a write transaction.
    auto due = m_db.integer(QStringLiteral("SELECT 1 FROM price_changes WHERE applied = 0 AND "
                                           "effective_ms <= ? AND EXISTS (SELECT 1 FROM products "
                                           "p WHERE p.id = product_id AND p.placeholder = 0) "
                                           "LIMIT 1"),
                            now);
    if (!due) {
        qCWarning(lcPeer).noquote() << "scheduled prices: cannot read them:" << due.error();
    } else if (due->has_value()) {
        WriteTransaction tx(m_db);
        auto changed =
            tx.isActive() ? m_store.applyDuePrices(now) : Result<int>::failure(tx.error());
        const Status committed = changed ? tx.commit() : Status::failure(changed.error());
        if (!committed) {
            qCWarning(lcPeer).noquote()
                << "scheduled prices: cannot apply those due (tried again in a minute):"
                << committed.error();
        } else if (*changed > 0) {
            qCInfo(lcPeer).noquote() << "scheduled prices: new price on" << *changed
                                     << "products from" << Clock::msToIso(now);
            Q_EMIT pricesChanged(*changed);
        }
    }
    auto next = m_store.nextPriceChangeMs(now);
    qint64 wait = kMaxSleepMs;
    if (next && next->has_value())
        wait = std::clamp<qint64>(**next - now, 0, kMaxSleepMs);
    m_timer->start(int(wait));
    m_checking = false;
}
