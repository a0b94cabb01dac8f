#include "salestore.h"

#include "database.h"
#include "sqlstatement.h"

#include <QSqlQuery>
#include <QVariant>

Status SaleStore::insert(const SaleRecord &sale)
{
    auto tx = m_db.statement(QStringLiteral(
        "INSERT INTO transactions(id, receipt_number, terminal_id, employee_id, customer_id, "
        "subtotal_cents, discount_cents, tax_cents, total_cents, paid_cents, change_cents, status, "
        "message_id, created_at, return_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!tx)
        return Status::failure(tx.error());
    Status s = (*tx)
                   ->bind(1, sale.id)
                   .bind(2, sale.receiptNumber)
                   .bind(3, sale.terminalId)
                   .bind(4, sale.employeeId)
                   .bindOptional(5, sale.customerId)
                   .bind(6, sale.subtotalCents)
                   .bind(7, sale.discountCents)
                   .bind(8, sale.taxCents)
                   .bind(9, sale.totalCents)
                   .bind(10, sale.paidCents)
                   .bind(11, sale.changeCents)
                   .bind(12, sale.status)
                   .bindOptional(13, sale.messageId)
                   .bind(14, sale.createdAt)
                   .bindOptional(15, sale.returnOf)
                   .exec();
    if (!s)
        return s;

    auto lq = m_db.statement(QStringLiteral(
        "INSERT INTO transaction_lines(transaction_id, line_no, product_id, sku, name, quantity, "
        "unit_price_cents, discount_cents, tax_rate_bp, tax_cents, total_cents, approved_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!lq)
        return Status::failure(lq.error());
    for (const SaleLine &line : sale.lines) {
        s = (*lq)
                ->bind(1, sale.id)
                .bind(2, line.lineNo)
                .bind(3, line.productId)
                .bind(4, line.sku)
                .bind(5, line.name)
                .bind(6, line.quantity)
                .bind(7, line.unitPriceCents)
                .bind(8, line.discountCents)
                .bind(9, line.taxRateBp)
                .bind(10, line.taxCents)
                .bind(11, line.totalCents)
                .bindOptional(12, line.approvedBy)
                .exec();
        if (!s)
            return s;
    }

    auto pq = m_db.statement(QStringLiteral(
        "INSERT INTO payments(transaction_id, payment_no, method, amount_cents, tendered_cents, "
        "change_cents) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!pq)
        return Status::failure(pq.error());
    for (const SalePayment &payment : sale.payments) {
        s = (*pq)
                ->bind(1, sale.id)
                .bind(2, payment.paymentNo)
                .bind(3, payment.method)
                .bind(4, payment.amountCents)
                .bind(5, payment.tenderedCents)
                .bind(6, payment.changeCents)
                .exec();
        if (!s)
            return s;
    }
    return {};
}

Result<std::optional<SaleRecord>> SaleStore::byId(const QString &id)
{
    using R = Result<std::optional<SaleRecord>>;
    auto tq = m_db.prepared(QStringLiteral(
        "SELECT id, receipt_number, terminal_id, employee_id, customer_id, subtotal_cents, "
        "discount_cents, tax_cents, total_cents, paid_cents, change_cents, status, message_id, "
        "created_at, COALESCE(return_of, '') FROM transactions WHERE id = ?"));
    if (!tq)
        return R::failure(tq.error());
    QSqlQuery &t = **tq;
    t.bindValue(0, id);
    if (Status s = Database::run(t); !s)
        return R::failure(s.error());
    if (!t.next()) {
        t.finish();
        return std::optional<SaleRecord>();
    }
    SaleRecord sale;
    sale.id = t.value(0).toString();
    sale.receiptNumber = t.value(1).toString();
    sale.terminalId = t.value(2).toString();
    sale.employeeId = t.value(3).toString();
    sale.customerId = t.value(4).toString();
    sale.subtotalCents = t.value(5).toLongLong();
    sale.discountCents = t.value(6).toLongLong();
    sale.taxCents = t.value(7).toLongLong();
    sale.totalCents = t.value(8).toLongLong();
    sale.paidCents = t.value(9).toLongLong();
    sale.changeCents = t.value(10).toLongLong();
    sale.status = t.value(11).toString();
    sale.messageId = t.value(12).toString();
    sale.createdAt = t.value(13).toString();
    sale.returnOf = t.value(14).toString();
    t.finish();

    auto lq = m_db.prepared(QStringLiteral(
        "SELECT line_no, product_id, sku, name, quantity, unit_price_cents, discount_cents, "
        "tax_rate_bp, tax_cents, total_cents, COALESCE(approved_by, '') FROM transaction_lines "
        "WHERE transaction_id = ? ORDER BY line_no"));
    if (!lq)
        return R::failure(lq.error());
    QSqlQuery &l = **lq;
    l.bindValue(0, id);
    if (Status s = Database::run(l); !s)
        return R::failure(s.error());
    while (l.next()) {
        SaleLine line;
        line.lineNo = l.value(0).toInt();
        line.productId = l.value(1).toString();
        line.sku = l.value(2).toString();
        line.name = l.value(3).toString();
        line.quantity = l.value(4).toInt();
        line.unitPriceCents = l.value(5).toLongLong();
        line.discountCents = l.value(6).toLongLong();
        line.taxRateBp = l.value(7).toInt();
        line.taxCents = l.value(8).toLongLong();
        line.totalCents = l.value(9).toLongLong();
        line.approvedBy = l.value(10).toString();
        sale.lines.append(line);
    }
    l.finish();

    auto pq = m_db.prepared(QStringLiteral(
        "SELECT payment_no, method, amount_cents, tendered_cents, change_cents FROM payments "
        "WHERE transaction_id = ? ORDER BY payment_no"));
    if (!pq)
        return R::failure(pq.error());
    QSqlQuery &p = **pq;
    p.bindValue(0, id);
    if (Status s = Database::run(p); !s)
        return R::failure(s.error());
    while (p.next()) {
        SalePayment payment;
        payment.paymentNo = p.value(0).toInt();
        payment.method = p.value(1).toString();
        payment.amountCents = p.value(2).toLongLong();
        payment.tenderedCents = p.value(3).toLongLong();
        payment.changeCents = p.value(4).toLongLong();
        sale.payments.append(payment);
    }
    p.finish();
    return std::optional<SaleRecord>(std::move(sale));
}

Result<qint64> SaleStore::count()
{
    auto v = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM transactions"));
    if (!v)
        return Result<qint64>::failure(v.error());
    return v->toLongLong();
}

Result<std::optional<SaleRecord>> SaleStore::byReceipt(const QString &receiptNumber)
{
    using R = Result<std::optional<SaleRecord>>;
    auto q = m_db.statement(QStringLiteral("SELECT id FROM transactions WHERE receipt_number = ? "
                                           "AND status = 'completed'"));
    if (!q)
        return R::failure(q.error());
    (*q)->bind(1, receiptNumber);
    if (!(*q)->next())
        return (*q)->error().isEmpty() ? R(std::optional<SaleRecord>()) : R::failure((*q)->error());
    const QString id = (*q)->columnText(0);
    (*q)->finish();
    return byId(id);
}

Result<QHash<QString, qint64>> SaleStore::returnedUnits(const QString &saleId)
{
    using R = Result<QHash<QString, qint64>>;
    auto q = m_db.statement(QStringLiteral(
        "SELECT l.product_id, -SUM(l.quantity) FROM transactions t JOIN transaction_lines l ON "
        "l.transaction_id = t.id WHERE t.return_of = ? GROUP BY l.product_id"));
    if (!q)
        return R::failure(q.error());
    (*q)->bind(1, saleId);
    QHash<QString, qint64> out;
    while ((*q)->next())
        out.insert((*q)->columnText(0), (*q)->columnInt(1));
    if (!(*q)->error().isEmpty())
        return R::failure((*q)->error());
    return out;
}
