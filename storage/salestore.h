#pragma once

#include "result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

class Database;

struct SaleLine
{
    int lineNo = 0;
    QString productId;
    QString sku;
    QString name;
    int quantity = 0;
    qint64 unitPriceCents = 0;
    qint64 discountCents = 0;
    int taxRateBp = 0;
    qint64 taxCents = 0;
    qint64 totalCents = 0; // net + tax
    QString approvedBy;    // the manager who approved its price or discount, if one had to
};

struct SalePayment
{
    int paymentNo = 0;
    QString method;           // cash | card
    qint64 amountCents = 0;   // applied to the sale
    qint64 tenderedCents = 0; // handed over
    qint64 changeCents = 0;
};

// A completed sale as stored: the transaction row, its lines and payments.
struct SaleRecord
{
    QString id; // UUID
    QString receiptNumber;
    QString terminalId;
    QString employeeId;
    QString customerId;
    qint64 subtotalCents = 0;
    qint64 discountCents = 0;
    qint64 taxCents = 0;
    qint64 totalCents = 0;
    qint64 paidCents = 0;
    qint64 changeCents = 0;
    QString status = QStringLiteral("completed"); // or "returned": a return, negative amounts
    QString returnOf;                             // a return: the id of the sale it takes back
    QString shiftId; // the shift it was rung in (empty: none known, e.g. an older peer's sale)
    QString messageId;
    QString createdAt;
    // The hybrid logical clock time of the sale's stock changes (-1: not stamped; a peer that
    // does not send one gets createdAt with counter 0).
    qint64 hlcMs = -1;
    qint64 hlcCounter = 0;
    QList<SaleLine> lines;
    QList<SalePayment> payments;
};

// SQL access to transactions, transaction_lines and payments.
class SaleStore
{
public:
    explicit SaleStore(Database &db)
        : m_db(db)
    {
    }

    [[nodiscard]] Status insert(const SaleRecord &sale);
    [[nodiscard]] Result<std::optional<SaleRecord>> byId(const QString &id);
    [[nodiscard]] Result<qint64> count();
    // The sale (not a return) with this receipt number, from any lane.
    [[nodiscard]] Result<std::optional<SaleRecord>> byReceipt(const QString &receiptNumber);
    // Units of each product already returned from a sale.
    [[nodiscard]] Result<QHash<QString, qint64>> returnedUnits(const QString &saleId);

private:
    Database &m_db;
};
