#include "reporttotals.h"

#include "jsonint.h"

#include <QJsonArray>

namespace {
constexpr qint64 kMaxAmount = JsonInt::MaxExact;

bool readInt(const QJsonObject &o, QLatin1String key, qint64 &out, QString &error,
             qint64 min = -kMaxAmount, qint64 max = kMaxAmount)
{
    if (JsonInt::read(o.value(key), min, max, out))
        return true;
    error = QStringLiteral("totals.%1 must be an integer in [%2, %3]").arg(key).arg(min).arg(max);
    return false;
}
} // namespace

void ReportTotals::add(const SaleRecord &sale)
{
    const bool isReturn = sale.status == QLatin1String("returned");
    if (!isReturn && sale.status != QLatin1String("completed"))
        return; // nothing else moves money
    if (isReturn) {
        ++returnsCount;
        returnsCents += sale.totalCents;
    } else {
        ++salesCount;
        ++customerCount;
        grossCents += sale.subtotalCents;
        discountCents += sale.discountCents;
    }
    taxCents += sale.taxCents;
    totalCents += sale.totalCents;
    for (const SaleLine &line : sale.lines) {
        itemsSold += line.quantity;
        TaxRate &rate = taxByRate[line.taxRateBp];
        rate.netCents += line.totalCents - line.taxCents;
        rate.taxCents += line.taxCents;
    }
    for (const SalePayment &p : sale.payments) {
        TenderTotal &t = tenders[p.method];
        ++t.count;
        t.amountCents += p.amountCents;
    }
}

void ReportTotals::add(const CashMovement &m)
{
    if (m.kind == QLatin1String("paidIn")) {
        ++paidInCount;
        paidInCents += m.amountCents;
    } else if (m.kind == QLatin1String("paidOut")) {
        ++paidOutCount;
        paidOutCents += m.amountCents;
    } else if (m.kind == QLatin1String("noSale")) {
        ++noSaleCount;
    } else if (m.kind == QLatin1String("cartVoided")) {
        ++voidedCount;
        voidedCents += m.amountCents;
    }
}

void ReportTotals::add(const ReportTotals &o)
{
    salesCount += o.salesCount;
    returnsCount += o.returnsCount;
    customerCount += o.customerCount;
    itemsSold += o.itemsSold;
    grossCents += o.grossCents;
    discountCents += o.discountCents;
    returnsCents += o.returnsCents;
    taxCents += o.taxCents;
    totalCents += o.totalCents;
    for (auto it = o.taxByRate.cbegin(); it != o.taxByRate.cend(); ++it) {
        TaxRate &r = taxByRate[it.key()];
        r.netCents += it->netCents;
        r.taxCents += it->taxCents;
    }
    for (auto it = o.tenders.cbegin(); it != o.tenders.cend(); ++it) {
        TenderTotal &t = tenders[it.key()];
        t.count += it->count;
        t.amountCents += it->amountCents;
    }
    paidInCount += o.paidInCount;
    paidInCents += o.paidInCents;
    paidOutCount += o.paidOutCount;
    paidOutCents += o.paidOutCents;
    noSaleCount += o.noSaleCount;
    voidedCount += o.voidedCount;
    voidedCents += o.voidedCents;
    floatCents += o.floatCents;
}

qint64 ReportTotals::expectedCashCents() const
{
    return floatCents + tenders.value(QStringLiteral("cash")).amountCents + paidInCents -
           paidOutCents;
}

bool ReportTotals::operator==(const ReportTotals &o) const
{
    return salesCount == o.salesCount && returnsCount == o.returnsCount &&
           customerCount == o.customerCount && itemsSold == o.itemsSold &&
           grossCents == o.grossCents && discountCents == o.discountCents &&
           returnsCents == o.returnsCents && taxCents == o.taxCents && totalCents == o.totalCents &&
           taxByRate == o.taxByRate && tenders == o.tenders && paidInCount == o.paidInCount &&
           paidInCents == o.paidInCents && paidOutCount == o.paidOutCount &&
           paidOutCents == o.paidOutCents && noSaleCount == o.noSaleCount &&
           voidedCount == o.voidedCount && voidedCents == o.voidedCents &&
           floatCents == o.floatCents;
}

QJsonObject ReportTotals::toJson() const
{
    QJsonArray rates;
    for (auto it = taxByRate.cbegin(); it != taxByRate.cend(); ++it)
        rates.append(QJsonObject{{QStringLiteral("rateBp"), it.key()},
                                 {QStringLiteral("netCents"), it->netCents},
                                 {QStringLiteral("taxCents"), it->taxCents}});
    QJsonArray tenderList;
    for (auto it = tenders.cbegin(); it != tenders.cend(); ++it)
        tenderList.append(QJsonObject{{QStringLiteral("method"), it.key()},
                                      {QStringLiteral("count"), it->count},
                                      {QStringLiteral("amountCents"), it->amountCents}});
    return QJsonObject{
        {QStringLiteral("salesCount"), salesCount},
        {QStringLiteral("returnsCount"), returnsCount},
        {QStringLiteral("customerCount"), customerCount},
        {QStringLiteral("itemsSold"), itemsSold},
        {QStringLiteral("grossCents"), grossCents},
        {QStringLiteral("discountCents"), discountCents},
        {QStringLiteral("returnsCents"), returnsCents},
        {QStringLiteral("taxCents"), taxCents},
        {QStringLiteral("totalCents"), totalCents},
        {QStringLiteral("taxByRate"), rates},
        {QStringLiteral("tenders"), tenderList},
        {QStringLiteral("paidInCount"), paidInCount},
        {QStringLiteral("paidInCents"), paidInCents},
        {QStringLiteral("paidOutCount"), paidOutCount},
        {QStringLiteral("paidOutCents"), paidOutCents},
        {QStringLiteral("noSaleCount"), noSaleCount},
        {QStringLiteral("voidedCount"), voidedCount},
        {QStringLiteral("voidedCents"), voidedCents},
        {QStringLiteral("floatCents"), floatCents},
        {QStringLiteral("expectedCashCents"), expectedCashCents()},
    };
}

Result<ReportTotals> ReportTotals::fromJson(const QJsonObject &o)
{
    using R = Result<ReportTotals>;
    ReportTotals t;
    QString e;
    qint64 expected = 0;
    if (!readInt(o, QLatin1String("salesCount"), t.salesCount, e, 0) ||
        !readInt(o, QLatin1String("returnsCount"), t.returnsCount, e, 0) ||
        !readInt(o, QLatin1String("customerCount"), t.customerCount, e, 0) ||
        !readInt(o, QLatin1String("itemsSold"), t.itemsSold, e) ||
        !readInt(o, QLatin1String("grossCents"), t.grossCents, e) ||
        !readInt(o, QLatin1String("discountCents"), t.discountCents, e, 0) ||
        !readInt(o, QLatin1String("returnsCents"), t.returnsCents, e, -kMaxAmount, 0) ||
        !readInt(o, QLatin1String("taxCents"), t.taxCents, e) ||
        !readInt(o, QLatin1String("totalCents"), t.totalCents, e) ||
        !readInt(o, QLatin1String("paidInCount"), t.paidInCount, e, 0) ||
        !readInt(o, QLatin1String("paidInCents"), t.paidInCents, e, 0) ||
        !readInt(o, QLatin1String("paidOutCount"), t.paidOutCount, e, 0) ||
        !readInt(o, QLatin1String("paidOutCents"), t.paidOutCents, e, 0) ||
        !readInt(o, QLatin1String("noSaleCount"), t.noSaleCount, e, 0) ||
        !readInt(o, QLatin1String("voidedCount"), t.voidedCount, e, 0) ||
        !readInt(o, QLatin1String("voidedCents"), t.voidedCents, e, 0) ||
        !readInt(o, QLatin1String("floatCents"), t.floatCents, e, 0) ||
        !readInt(o, QLatin1String("expectedCashCents"), expected, e))
        return R::failure(e);
    const QJsonValue rates = o.value(QLatin1String("taxByRate"));
    const QJsonValue tenders = o.value(QLatin1String("tenders"));
    if (!rates.isArray() || rates.toArray().size() > 100 || !tenders.isArray() ||
        tenders.toArray().size() > 16)
        return R::failure(QStringLiteral("totals.taxByRate (at most 100) and totals.tenders (at "
                                         "most 16) must be arrays"));
    for (const QJsonValue &v : rates.toArray()) {
        const QJsonObject r = v.toObject();
        qint64 bp = 0;
        TaxRate rate;
        if (!v.isObject() || !readInt(r, QLatin1String("rateBp"), bp, e, 0, 10000) ||
            !readInt(r, QLatin1String("netCents"), rate.netCents, e) ||
            !readInt(r, QLatin1String("taxCents"), rate.taxCents, e) ||
            t.taxByRate.contains(int(bp)))
            return R::failure(e.isEmpty() ? QStringLiteral("totals.taxByRate: one entry per rate")
                                          : e);
        t.taxByRate.insert(int(bp), rate);
    }
    for (const QJsonValue &v : tenders.toArray()) {
        const QJsonObject r = v.toObject();
        const QString method = r.value(QLatin1String("method")).toString();
        TenderTotal tender;
        if (!v.isObject() || (method != QLatin1String("cash") && method != QLatin1String("card")) ||
            !readInt(r, QLatin1String("count"), tender.count, e, 0) ||
            !readInt(r, QLatin1String("amountCents"), tender.amountCents, e) ||
            t.tenders.contains(method))
            return R::failure(e.isEmpty() ? QStringLiteral("totals.tenders: method cash or card, "
                                                           "one entry each")
                                          : e);
        t.tenders.insert(method, tender);
    }
    if (expected != t.expectedCashCents())
        return R::failure(QStringLiteral("totals.expectedCashCents %1 is not float + cash + "
                                         "paid in - paid out (%2)")
                              .arg(expected)
                              .arg(t.expectedCashCents()));
    return t;
}
