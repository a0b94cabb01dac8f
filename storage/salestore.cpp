#include "salestore.h"

#include "database.h"
#include "sqlstatement.h"

Status SaleStore::insert(const SaleRecord &sale)
{
    if (Status s = m_db.run(
            QStringLiteral("INSERT INTO transactions(id, receipt_number, terminal_id, employee_id, "
                           "customer_id, subtotal_cents, discount_cents, tax_cents, total_cents, "
                           "paid_cents, change_cents, status, message_id, created_at, return_of, "
                           "shift_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            sale.id, sale.receiptNumber, sale.terminalId, sale.employeeId,
            SqlOptional{sale.customerId}, sale.subtotalCents, sale.discountCents, sale.taxCents,
            sale.totalCents, sale.paidCents, sale.changeCents, sale.status,
            SqlOptional{sale.messageId}, sale.createdAt, SqlOptional{sale.returnOf},
            SqlOptional{sale.shiftId});
        !s)
        return s;

    // Each statement looked up once per sale, not once per line.
    auto lq = m_db.statement(QStringLiteral(
        "INSERT INTO transaction_lines(transaction_id, line_no, product_id, sku, name, quantity, "
        "unit_price_cents, discount_cents, tax_rate_bp, tax_cents, total_cents, approved_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!lq)
        return Status::failure(lq.error());
    for (const SaleLine &line : sale.lines) {
        if (Status s = (*lq)
                           ->bindAll(sale.id, line.lineNo, line.productId, line.sku, line.name,
                                     line.quantity, line.unitPriceCents, line.discountCents,
                                     line.taxRateBp, line.taxCents, line.totalCents,
                                     SqlOptional{line.approvedBy})
                           .exec();
            !s)
            return s;
    }

    auto pq = m_db.statement(QStringLiteral(
        "INSERT INTO payments(transaction_id, payment_no, method, amount_cents, tendered_cents, "
        "change_cents) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!pq)
        return Status::failure(pq.error());
    for (const SalePayment &payment : sale.payments) {
        if (Status s =
                (*pq)
                    ->bindAll(sale.id, payment.paymentNo, payment.method, payment.amountCents,
                              payment.tenderedCents, payment.changeCents)
                    .exec();
            !s)
            return s;
    }
    return {};
}

Result<std::optional<SaleRecord>> SaleStore::byId(const QString &id)
{
    using R = Result<std::optional<SaleRecord>>;
    auto found = m_db.row(
        QStringLiteral(
            "SELECT id, receipt_number, terminal_id, employee_id, customer_id, subtotal_cents, "
            "discount_cents, tax_cents, total_cents, paid_cents, change_cents, status, message_id, "
            "created_at, COALESCE(return_of, ''), COALESCE(shift_id, '') FROM transactions "
            "WHERE id = ?"),
        [](const SqlRow &r) {
            SaleRecord sale;
            sale.id = r.text(0);
            sale.receiptNumber = r.text(1);
            sale.terminalId = r.text(2);
            sale.employeeId = r.text(3);
            sale.customerId = r.text(4);
            sale.subtotalCents = r.integer(5);
            sale.discountCents = r.integer(6);
            sale.taxCents = r.integer(7);
            sale.totalCents = r.integer(8);
            sale.paidCents = r.integer(9);
            sale.changeCents = r.integer(10);
            sale.status = r.text(11);
            sale.messageId = r.text(12);
            sale.createdAt = r.text(13);
            sale.returnOf = r.text(14);
            sale.shiftId = r.text(15);
            return sale;
        },
        id);
    if (!found)
        return R::failure(found.error());
    if (!found->has_value())
        return std::optional<SaleRecord>();
    SaleRecord &sale = found->value();

    auto lines = m_db.rows(
        QStringLiteral(
            "SELECT line_no, product_id, sku, name, quantity, unit_price_cents, discount_cents, "
            "tax_rate_bp, tax_cents, total_cents, COALESCE(approved_by, '') FROM transaction_lines "
            "WHERE transaction_id = ? ORDER BY line_no"),
        [](const SqlRow &r) {
            SaleLine line;
            line.lineNo = int(r.integer(0));
            line.productId = r.text(1);
            line.sku = r.text(2);
            line.name = r.text(3);
            line.quantity = int(r.integer(4));
            line.unitPriceCents = r.integer(5);
            line.discountCents = r.integer(6);
            line.taxRateBp = int(r.integer(7));
            line.taxCents = r.integer(8);
            line.totalCents = r.integer(9);
            line.approvedBy = r.text(10);
            return line;
        },
        id);
    if (!lines)
        return R::failure(lines.error());
    sale.lines = std::move(*lines);

    auto payments = m_db.rows(
        QStringLiteral("SELECT payment_no, method, amount_cents, tendered_cents, change_cents "
                       "FROM payments WHERE transaction_id = ? ORDER BY payment_no"),
        [](const SqlRow &r) {
            SalePayment payment;
            payment.paymentNo = int(r.integer(0));
            payment.method = r.text(1);
            payment.amountCents = r.integer(2);
            payment.tenderedCents = r.integer(3);
            payment.changeCents = r.integer(4);
            return payment;
        },
        id);
    if (!payments)
        return R::failure(payments.error());
    sale.payments = std::move(*payments);
    return std::move(*found);
}

Result<qint64> SaleStore::count()
{
    auto n = m_db.integer(QStringLiteral("SELECT COUNT(*) FROM transactions"));
    if (!n)
        return Result<qint64>::failure(n.error());
    return n->value_or(0);
}

Result<std::optional<SaleRecord>> SaleStore::byReceipt(const QString &receiptNumber)
{
    using R = Result<std::optional<SaleRecord>>;
    auto id = m_db.text(QStringLiteral("SELECT id FROM transactions WHERE receipt_number = ? "
                                       "AND status = 'completed'"),
                        receiptNumber);
    if (!id)
        return R::failure(id.error());
    if (!id->has_value())
        return std::optional<SaleRecord>();
    return byId(id->value());
}

Result<QHash<QString, qint64>> SaleStore::returnedUnits(const QString &saleId)
{
    QHash<QString, qint64> out;
    if (Status s = m_db.forEach(
            QStringLiteral("SELECT l.product_id, -SUM(l.quantity) FROM transactions t JOIN "
                           "transaction_lines l ON l.transaction_id = t.id WHERE t.return_of = ? "
                           "GROUP BY l.product_id"),
            [&](const SqlRow &r) { out.insert(r.text(0), r.integer(1)); }, saleId);
        !s)
        return Result<QHash<QString, qint64>>::failure(s.error());
    return out;
}
