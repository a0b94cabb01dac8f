#include "saleservice.h"

#include "cart.h"
#include "clock.h"
#include "database.h"
#include "employeestore.h"
#include "hlc.h"
#include "idgenerator.h"
#include "logging.h"
#include "topics.h"
#include "transactionpayload.h"
#include "writetransaction.h"

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

    const QString terminal = m_outbox.terminalId();
    SaleRecord sale;
    sale.id = m_ids.nextString();
    sale.messageId = m_ids.nextString();
    sale.terminalId = terminal;
    sale.employeeId = employee.id;
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
        qCWarning(lcStorage) << "sale" << sale.id << "not committed:" << error;
        return R::failure(tr("The sale could not be saved; the cart is kept. (%1)").arg(error));
    };

    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return fail(tx.error());
    auto receipt = m_db.nextCounter(QStringLiteral("receipt:") + terminal);
    if (!receipt)
        return fail(receipt.error());
    sale.receiptNumber =
        QStringLiteral("%1-%2").arg(terminal).arg(*receipt, 6, 10, QLatin1Char('0'));
    if (Status s = m_sales.insert(sale); !s)
        return fail(s.error());
    auto stamp = m_hlc.tick();
    if (!stamp)
        return fail(stamp.error());
    sale.hlcMs = stamp->ms;
    sale.hlcCounter = stamp->counter;
    if (Status s = m_inventory.applySale(sale, sale.createdAt, 0); !s)
        return fail(s.error());
    auto published = m_outbox.publishJson(QString(Topics::Transaction),
                                          TransactionPayload::serialize(sale), sale.messageId);
    if (!published)
        return fail(published.error());
    if (Status s = tx.commit(); !s)
        return fail(s.error());

    cart.clear();
    return sale;
}
