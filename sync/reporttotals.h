#pragma once

#include "result.h"
#include "salestore.h"
#include "shiftstore.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

// The running totals of an X or Z report (and of the store-wide report), derived only from
// transactions and cash movements: see ReportTotals::add(). Amounts in minor units.
struct ReportTotals
{
    struct TaxRate
    {
        qint64 netCents = 0;
        qint64 taxCents = 0;
        bool operator==(const TaxRate &o) const
        {
            return netCents == o.netCents && taxCents == o.taxCents;
        }
    };
    struct TenderTotal
    {
        qint64 count = 0;
        qint64 amountCents = 0; // applied to sales; refunds negative
        bool operator==(const TenderTotal &o) const
        {
            return count == o.count && amountCents == o.amountCents;
        }
    };

    qint64 salesCount = 0;
    qint64 returnsCount = 0;
    qint64 customerCount = 0;           // completed sales: one customer each
    qint64 itemsSold = 0;               // units; returned units subtract
    qint64 grossCents = 0;              // sales' subtotals before discount
    qint64 discountCents = 0;           // sales' discounts
    qint64 returnsCents = 0;            // returns' totals, tax included (<= 0)
    qint64 taxCents = 0;                // sales and returns
    qint64 totalCents = 0;              // sales and returns, tax included
    QMap<int, TaxRate> taxByRate;       // by rate in basis points
    QMap<QString, TenderTotal> tenders; // by method (cash, card)
    qint64 paidInCount = 0;
    qint64 paidInCents = 0;
    qint64 paidOutCount = 0;
    qint64 paidOutCents = 0;
    qint64 noSaleCount = 0;
    qint64 voidedCount = 0;
    qint64 voidedCents = 0;
    qint64 floatCents = 0;

    // A completed sale or a return adds its lines, tax and tenders.
    void add(const SaleRecord &sale);
    void add(const CashMovement &movement);
    // Another report's totals (a Z over its shifts, the store over its lanes).
    void add(const ReportTotals &other);

    // Cash that should be in the drawer: the float, cash taken for sales less cash refunded,
    // paid in less paid out.
    qint64 expectedCashCents() const;
    qint64 netSalesCents() const { return grossCents - discountCents; }

    bool operator==(const ReportTotals &o) const;
    bool operator!=(const ReportTotals &o) const { return !(*this == o); }

    // The `totals` member of shift and z.report payloads (PROTOCOL.md §8.3, defs reportTotals).
    QJsonObject toJson() const;
    [[nodiscard]] static Result<ReportTotals> fromJson(const QJsonObject &o);
};
