#pragma once

#include "catalogstore.h"

#include <QObject>

class Clock;
class ClockTimer;
class Database;

// Makes scheduled price changes (topic price.scheduled) take effect at their time on this lane's
// clock (the store's agreed time): at start for those that came due while the lane was off, then
// on a timer for the next one, whether or not the lane is connected to anything then. After any
// commit (a change received, a product that came after its change) it looks again.
class PriceSchedule : public QObject
{
    Q_OBJECT
public:
    PriceSchedule(Database &db, Clock &clock, QObject *parent = nullptr);
    ~PriceSchedule() override;

    // Applies what is due and arms the timer for the next change.
    void check();

Q_SIGNALS:
    // Prices changed (the screens may show the new ones).
    void pricesChanged(int products);

private:
    Database &m_db;
    Clock &m_clock;
    CatalogStore m_store;
    ClockTimer *m_timer;
    bool m_checkQueued = false;
    bool m_checking = false;
};
