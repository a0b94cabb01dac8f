#include "salestore.h"

#include "database.h"

#include <QSqlQuery>
#include <QVariant>

Status SaleStore::insert(const SaleRecord &sale)
{
    auto tx = m_db.prepared(QStringLiteral(
        "INSERT INTO transactions(id, receipt_number, terminal_id, employee_id, customer_id, "
        "subtotal_cents, discount_cents, tax_cents, total_cents, paid_cents, change_cents, status, "
        "message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!tx)
        return Status::failure(tx.error());
    QSqlQuery &t = **tx;
    t.bindValue(0, sale.id);
    t.bindValue(1, sale.receiptNumber);
    t.bindValue(2, sale.terminalId);
    t.bindValue(3, sale.employeeId);
    t.bindValue(4, Database::nullIfEmpty(sale.customerId));
    t.bindValue(5, sale.subtotalCents);
    t.bindValue(6, sale.discountCents);
    t.bindValue(7, sale.taxCents);
    t.bindValue(8, sale.totalCents);
    t.bindValue(9, sale.paidCents);
    t.bindValue(10, sale.changeCents);
    t.bindValue(11, sale.status);
    t.bindValue(12, Database::nullIfEmpty(sale.messageId));
    t.bindValue(13, sale.createdAt);
    if (Status s = Database::run(t); !s)
        return s;

    auto lq = m_db.prepared(QStringLiteral(
        "INSERT INTO transaction_lines(transaction_id, line_no, product_id, sku, name, quantity, "
        "unit_price_cents, discount_cents, tax_rate_bp, tax_cents, total_cents) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!lq)
        return Status::failure(lq.error());
    QSqlQuery &l = **lq;
    for (const SaleLine &line : sale.lines) {
        l.bindValue(0, sale.id);
        l.bindValue(1, line.lineNo);
        l.bindValue(2, line.productId);
        l.bindValue(3, line.sku);
        l.bindValue(4, line.name);
        l.bindValue(5, line.quantity);
        l.bindValue(6, line.unitPriceCents);
        l.bindValue(7, line.discountCents);
        l.bindValue(8, line.taxRateBp);
        l.bindValue(9, line.taxCents);
        l.bindValue(10, line.totalCents);
        if (Status s = Database::run(l); !s)
            return s;
    }

    auto pq = m_db.prepared(QStringLiteral(
        "INSERT INTO payments(transaction_id, payment_no, method, amount_cents, tendered_cents, "
        "change_cents) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!pq)
        return Status::failure(pq.error());
    QSqlQuery &p = **pq;
    for (const SalePayment &payment : sale.payments) {
        p.bindValue(0, sale.id);
        p.bindValue(1, payment.paymentNo);
        p.bindValue(2, payment.method);
        p.bindValue(3, payment.amountCents);
        p.bindValue(4, payment.tenderedCents);
        p.bindValue(5, payment.changeCents);
        if (Status s = Database::run(p); !s)
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
        "created_at FROM transactions WHERE id = ?"));
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
    t.finish();

    auto lq = m_db.prepared(QStringLiteral(
        "SELECT line_no, product_id, sku, name, quantity, unit_price_cents, discount_cents, "
        "tax_rate_bp, tax_cents, total_cents FROM transaction_lines WHERE transaction_id = ? "
        "ORDER BY line_no"));
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
