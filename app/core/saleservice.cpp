#include "saleservice.h"

#include "cart.h"
#include "clock.h"
#include "corelog.h"
#include "database.h"
#include "employeestore.h"
#include "hlc.h"
#include "idgenerator.h"
#include "topics.h"
#include "transactionpayload.h"
#include "writetransaction.h"

#include <algorithm>

SaleService::SaleService(Database &db, Outbox &outbox, Clock &clock, IdGenerator &ids, Hlc &hlc)
    : m_db(db)
    , m_outbox(outbox)
    , m_clock(clock)
    , m_ids(ids)
    , m_hlc(hlc)
    , m_sales(db)
    , m_inventory(db)
{
}

Result<SaleRecord> SaleService::complete(Cart &cart, const Employee &employee)
{
    using R = Result<SaleRecord>;
    if (employee.id.isEmpty() || !employee.active)
        return R::failure(tr("Log in with your PIN to complete the sale."));
    if (cart.isEmpty())
        return R::failure(tr("The cart is empty."));
    if (!cart.isFullyPaid())
        return R::failure(tr("The sale is not fully paid yet."));
    if (m_shiftId.isEmpty())
        return R::failure(tr("No shift is open on this lane: open a shift (count the float) "
                             "before selling."));

    const QString terminal = m_outbox.terminalId();
    SaleRecord sale;
    sale.id = m_ids.nextString();
    sale.messageId = m_ids.nextString();
    sale.terminalId = terminal;
    sale.employeeId = employee.id;
    sale.customerId = cart.customerId();
    sale.shiftId = m_shiftId;
    sale.createdAt = m_clock.nowIso();
    sale.subtotalCents = cart.subtotalCents();
    sale.discountCents = cart.discountCents();
    sale.taxCents = cart.taxCents();
    sale.totalCents = cart.totalCents();
    sale.paidCents = cart.paidCents();
    sale.changeCents = cart.changeDueCents();
    int lineNo = 0;
    for (const CartLine &l : cart.lines()) {
        SaleLine line;
        line.lineNo = ++lineNo;
        line.productId = l.product.id;
        line.sku = l.product.sku;
        line.name = l.product.name;
        line.quantity = l.quantity;
        line.unitPriceCents = l.unitPriceCents;
        line.discountCents = l.discountCents;
        line.taxRateBp = l.product.taxRateBp;
        line.taxCents = l.tax();
        line.totalCents = l.total();
        line.approvedBy = l.approvedBy;
        sale.lines.append(line);
    }
    int paymentNo = 0;
    for (const Tender &t : cart.tenders()) {
        sale.payments.append(SalePayment{++paymentNo,
                                         t.method == Tender::Method::Cash ? QStringLiteral("cash")
                                                                          : QStringLiteral("card"),
                                         t.amountCents, t.tenderedCents, t.changeCents()});
    }

    auto fail = [&](const QString &error) {
        qCWarning(lcApp) << "sale" << sale.id << "not committed:" << error;
        return R::failure(tr("The sale could not be saved; the cart is kept. (%1)").arg(error));
    };

    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return fail(tx.error());
    if (Status s = record(sale); !s)
        return fail(s.error());
    if (Status s = tx.commit(); !s)
        return fail(s.error());

    cart.clear();
    return sale;
}

Status SaleService::record(SaleRecord &sale)
{
    const QString terminal = m_outbox.terminalId();
    auto receipt = m_db.nextCounter(QStringLiteral("receipt:") + terminal);
    if (!receipt)
        return Status::failure(receipt.error());
    sale.receiptNumber =
        QStringLiteral("%1-%2").arg(terminal).arg(*receipt, 6, 10, QLatin1Char('0'));
    if (Status s = m_sales.insert(sale); !s)
        return s;
    auto stamp = m_hlc.tick();
    if (!stamp)
        return Status::failure(stamp.error());
    sale.hlcMs = stamp->ms;
    sale.hlcCounter = stamp->counter;
    if (Status s = m_inventory.applySale(sale, sale.createdAt, 0); !s)
        return s;
    auto published = m_outbox.publishJson(QString(Topics::Transaction),
                                          TransactionPayload::serialize(sale), sale.messageId);
    if (!published)
        return Status::failure(published.error());
    return {};
}

Result<QMap<int, int>> SaleService::returnable(const SaleRecord &sale)
{
    using R = Result<QMap<int, int>>;
    auto returned = m_sales.returnedUnits(sale.id);
    if (!returned)
        return R::failure(returned.error());
    // Units returned so far are taken from the sale's lines of that product in line order.
    QHash<QString, qint64> left = *returned;
    QMap<int, int> out;
    for (const SaleLine &l : sale.lines) {
        const qint64 taken = std::min<qint64>(l.quantity, left.value(l.productId));
        left[l.productId] -= taken;
        out.insert(l.lineNo, int(l.quantity - taken));
    }
    return out;
}

Result<SaleRecord> SaleService::completeReturn(const QString &saleId,
                                               const QList<ReturnLine> &lines,
                                               const QString &refundMethod,
                                               const Employee &employee, const Employee &approver)
{
    using R = Result<SaleRecord>;
    if (employee.id.isEmpty() || !employee.active)
        return R::failure(tr("Log in with your PIN to take a return."));
    if (!approver.active || !approver.isManager())
        return R::failure(tr("A return needs a manager's approval."));
    if (refundMethod != QLatin1String("cash") && refundMethod != QLatin1String("card"))
        return R::failure(tr("Refund in cash or to the card."));
    if (m_shiftId.isEmpty())
        return R::failure(tr("No shift is open on this lane: open a shift (count the float) "
                             "before taking a return."));
    auto fail = [&](const QString &error) {
        qCWarning(lcApp) << "return of sale" << saleId << "not committed:" << error;
        return R::failure(tr("The return could not be saved. (%1)").arg(error));
    };

    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return fail(tx.error());
    auto original = m_sales.byId(saleId);
    if (!original)
        return fail(original.error());
    if (!original->has_value() || (*original)->status != QLatin1String("completed"))
        return R::failure(tr("That sale is not on this lane."));
    const SaleRecord &sale = **original;
    auto left = returnable(sale);
    if (!left)
        return fail(left.error());
    auto already = m_sales.returnedUnits(sale.id);
    if (!already)
        return fail(already.error());

    const QString terminal = m_outbox.terminalId();
    SaleRecord ret;
    ret.id = m_ids.nextString();
    ret.messageId = m_ids.nextString();
    ret.terminalId = terminal;
    ret.employeeId = employee.id;
    ret.createdAt = m_clock.nowIso();
    ret.shiftId = m_shiftId;
    ret.status = QStringLiteral("returned");
    ret.returnOf = sale.id;
    ret.customerId = sale.customerId;
    QHash<int, int> asked;
    for (const ReturnLine &r : lines) {
        if (r.quantity < 0 || r.quantity > 100000)
            return R::failure(tr("Return quantities are whole numbers of units."));
        asked[r.lineNo] += r.quantity;
    }
    // Units of each product returned before, allocated to lines in order (as returnable()).
    QHash<QString, qint64> before = *already;
    int lineNo = 0;
    for (const SaleLine &l : sale.lines) {
        const qint64 returnedBefore = std::min<qint64>(l.quantity, before.value(l.productId));
        before[l.productId] -= returnedBefore;
        const int q = asked.take(l.lineNo);
        if (q == 0)
            continue;
        if (q > left->value(l.lineNo))
            return R::failure(
                tr("%1: at most %2 can still be returned.").arg(l.name).arg(left->value(l.lineNo)));
        // This return's share of the line's discount and tax: the difference of the cumulative
        // shares, so that returning every unit gives back exactly the line's amounts.
        auto share = [&](qint64 amount, qint64 units) {
            return (amount * units * 2 + l.quantity) / (2 * qint64(l.quantity));
        };
        const qint64 discount =
            share(l.discountCents, returnedBefore + q) - share(l.discountCents, returnedBefore);
        const qint64 tax =
            share(l.taxCents, returnedBefore + q) - share(l.taxCents, returnedBefore);
        SaleLine r;
        r.lineNo = ++lineNo;
        r.productId = l.productId;
        r.sku = l.sku;
        r.name = l.name;
        r.quantity = -q;
        r.unitPriceCents = l.unitPriceCents;
        r.discountCents = -discount;
        r.taxRateBp = l.taxRateBp;
        r.taxCents = -tax;
        r.totalCents = -(l.unitPriceCents * q - discount + tax);
        ret.lines.append(r);
        ret.subtotalCents -= l.unitPriceCents * q;
        ret.discountCents -= discount;
        ret.taxCents -= tax;
        ret.totalCents += r.totalCents;
    }
    if (!asked.isEmpty())
        return R::failure(tr("That sale has no line %1.").arg(asked.keys().first()));
    if (ret.lines.isEmpty())
        return R::failure(tr("Choose at least one unit to return."));
    ret.paidCents = ret.totalCents;
    ret.payments.append(SalePayment{1, refundMethod, ret.totalCents, ret.totalCents, 0});

    if (Status s = record(ret); !s)
        return fail(s.error());
    if (Status s = tx.commit(); !s)
        return fail(s.error());
    qCInfo(lcApp) << "return" << ret.receiptNumber << "of sale" << sale.receiptNumber << "by"
                  << employee.id << "approved by manager" << approver.id << "refund"
                  << ret.totalCents << "cents" << refundMethod;
    return ret;
}
