#pragma once

#include "catalogstore.h"

#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

class Lane;
class QTextStream;

// Rings demo sales through the real checkout core (cart, tenders, SaleService) on the event
// loop: random catalog products, random cash/card/split tenders. Prints each committed
// transaction id on its own line as soon as its transaction has committed.
class SaleSimulator : public QObject
{
    Q_OBJECT
public:
    SaleSimulator(Lane &lane, QTextStream &out, QObject *parent = nullptr);

    // count sales at rate per second (0: as fast as the lane commits). The lane must have a
    // logged-in employee.
    void start(qint64 count, double rate, quint32 seed);
    qint64 committed() const { return m_committed; }

Q_SIGNALS:
    void finished(bool ok, const QString &error);

private:
    void ringOne();

    Lane &m_lane;
    QTextStream &m_out;
    QTimer m_timer;
    QRandomGenerator m_rng;
    QStringList m_products; // ids only: a catalog of 100,000 products is ~90 MiB as Products
    qint64 m_remaining = 0;
    qint64 m_committed = 0;
};
