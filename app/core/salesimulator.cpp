#include "salesimulator.h"

#include "cart.h"
#include "corelog.h"
#include "lane.h"
#include "receiptdocument.h"

#include <QTextStream>

SaleSimulator::SaleSimulator(Lane &lane, QTextStream &out, QObject *parent)
    : QObject(parent)
    , m_lane(lane)
    , m_out(out)
{
    connect(&m_timer, &QTimer::timeout, this, &SaleSimulator::ringOne);
}

void SaleSimulator::start(qint64 count, double rate, quint32 seed)
{
    m_rng.seed(seed);
    auto products = m_lane.catalog().activeIds();
    if (!products || products->isEmpty()) {
        Q_EMIT finished(false, products ? QStringLiteral("the catalog has no products")
                                        : products.error());
        return;
    }
    m_products = *products;
    m_remaining = count;
    m_timer.setInterval(rate > 0 ? int(1000.0 / rate) : 0);
    m_timer.start();
}

void SaleSimulator::ringOne()
{
    if (m_remaining <= 0) {
        m_timer.stop();
        Q_EMIT finished(true, {});
        return;
    }
    const auto &employee = m_lane.session().current();
    if (!employee) {
        m_timer.stop();
        Q_EMIT finished(false, QStringLiteral("no employee is logged in"));
        return;
    }
    Cart cart;
    const int lines = 1 + int(m_rng.bounded(4));
    for (int i = 0; i < lines; ++i) {
        const QString &id = m_products.at(qsizetype(m_rng.bounded(quint32(m_products.size()))));
        const int quantity = 1 + int(m_rng.bounded(3));
        auto p = m_lane.catalog().byId(id); // as it is now (a price may have changed)
        if (!p || !p->has_value()) {
            qCWarning(lcApp).noquote() << "simulated sale skipped product" << id << ":"
                                       << (p ? QStringLiteral("gone") : p.error());
            continue;
        }
        if (auto added = cart.add(**p, quantity); !added) {
            qCWarning(lcApp) << "simulated sale skipped a product:" << added.error();
        }
    }
    if (cart.isEmpty())
        return;
    const qint64 total = cart.totalCents();
    Status paid;
    switch (m_rng.bounded(3)) {
    case 0: { // cash, rounded up to the next $5 or $20 note as a customer would hand over
        const qint64 note = m_rng.bounded(2) ? 500 : 2000;
        paid = cart.addCash(((total + note - 1) / note) * note);
        break;
    }
    case 1:
        paid = cart.addCard(total);
        break;
    default: { // split: part on card, the rest in cash
        const qint64 card = total / 2;
        paid = card > 0 ? cart.addCard(card) : Status();
        if (paid)
            paid = cart.addCash(cart.remainingCents());
        break;
    }
    }
    if (!paid) {
        m_timer.stop();
        Q_EMIT finished(false, paid.error());
        return;
    }
    auto sale = m_lane.sales().complete(cart, *employee);
    if (!sale) {
        m_timer.stop();
        Q_EMIT finished(false, sale.error());
        return;
    }
    m_out << sale->id << Qt::endl; // endl flushes: the id is out only once it is committed
    if (PrintQueue *printer = m_lane.printer()) {
        const PrintDocument receipt = ReceiptDocument::build(
            *sale, {m_lane.config().storeId, employee->name, m_lane.money()});
        if (auto job = printer->enqueue(receipt, QStringLiteral("receipt"), sale->receiptNumber);
            !job)
            qCWarning(lcPrinter).noquote()
                << "receipt" << sale->receiptNumber << "not queued:" << job.error();
    }
    ++m_committed;
    --m_remaining;
    m_lane.session().touch();
}
