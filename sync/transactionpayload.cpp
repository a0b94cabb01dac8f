#include "transactionpayload.h"

#include "clock.h"
#include "hlc.h"
#include "idgenerator.h"

#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace {
constexpr double kMaxExact = 9007199254740992.0; // 2^53

bool readInt(const QJsonObject &o, QLatin1String key, qint64 &out, QString &error, qint64 min = 0)
{
    const QJsonValue v = o.value(key);
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || std::isnan(d) || std::fabs(d) > kMaxExact || d != std::floor(d) ||
        qint64(d) < min) {
        error = QStringLiteral("%1 must be an integer >= %2").arg(key).arg(min);
        return false;
    }
    out = qint64(d);
    return true;
}

bool readString(const QJsonObject &o, QLatin1String key, QString &out, QString &error,
                bool uuid = false, bool optional = false)
{
    const QJsonValue v = o.value(key);
    if (optional && (v.isUndefined() || v.isNull()))
        return true;
    if (!v.isString() || v.toString().isEmpty() || (uuid && !IdGenerator::isUuid(v.toString()))) {
        error = uuid ? QStringLiteral("%1 must be a UUID string").arg(key)
                     : QStringLiteral("%1 must be a non-empty string").arg(key);
        return false;
    }
    out = v.toString();
    return true;
}
} // namespace

QByteArray TransactionPayload::serialize(const SaleRecord &sale)
{
    JsonWriter w(1024 + 320 * sale.lines.size());
    w.beginObject()
        .member(QLatin1String("transactionId"), sale.id)
        .member(QLatin1String("receiptNumber"), sale.receiptNumber)
        .member(QLatin1String("terminalId"), sale.terminalId)
        .member(QLatin1String("employeeId"), sale.employeeId);
    if (!sale.customerId.isEmpty())
        w.member(QLatin1String("customerId"), sale.customerId);
    w.member(QLatin1String("subtotalCents"), sale.subtotalCents)
        .member(QLatin1String("discountCents"), sale.discountCents)
        .member(QLatin1String("taxCents"), sale.taxCents)
        .member(QLatin1String("totalCents"), sale.totalCents)
        .member(QLatin1String("paidCents"), sale.paidCents)
        .member(QLatin1String("changeCents"), sale.changeCents)
        .member(QLatin1String("status"), sale.status)
        .member(QLatin1String("createdAt"), sale.createdAt);
    if (!sale.returnOf.isEmpty()) // extension: a return names the sale it takes back
        w.member(QLatin1String("returnOf"), sale.returnOf);
    if (!sale.shiftId.isEmpty()) // extension: the shift it was rung in
        w.member(QLatin1String("shiftId"), sale.shiftId);
    if (sale.hlcMs >= 0) // extension: the HLC time of the stock changes
        w.member(QLatin1String("hlcTime"), HlcTime{sale.hlcMs, 0, {}}.iso())
            .member(QLatin1String("hlcCounter"), sale.hlcCounter);
    w.key(QLatin1String("lines")).beginArray();
    for (const SaleLine &l : sale.lines) {
        w.beginObject()
            .member(QLatin1String("lineNo"), l.lineNo)
            .member(QLatin1String("productId"), l.productId)
            .member(QLatin1String("sku"), l.sku)
            .member(QLatin1String("name"), l.name)
            .member(QLatin1String("quantity"), l.quantity)
            .member(QLatin1String("unitPriceCents"), l.unitPriceCents)
            .member(QLatin1String("discountCents"), l.discountCents)
            .member(QLatin1String("taxRateBp"), l.taxRateBp)
            .member(QLatin1String("taxCents"), l.taxCents)
            .member(QLatin1String("totalCents"), l.totalCents);
        if (!l.approvedBy.isEmpty()) // extension: the manager who approved its price
            w.member(QLatin1String("approvedBy"), l.approvedBy);
        w.endObject();
    }
    w.endArray();
    w.key(QLatin1String("payments")).beginArray();
    for (const SalePayment &p : sale.payments) {
        w.beginObject()
            .member(QLatin1String("paymentNo"), p.paymentNo)
            .member(QLatin1String("method"), p.method)
            .member(QLatin1String("amountCents"), p.amountCents)
            .member(QLatin1String("tenderedCents"), p.tenderedCents)
            .member(QLatin1String("changeCents"), p.changeCents)
            .endObject();
    }
    w.endArray();
    w.key(QLatin1String("stockChanges")).beginArray();
    for (const SaleLine &l : sale.lines) {
        w.beginObject()
            .member(QLatin1String("productId"), l.productId)
            .member(QLatin1String("delta"), -qint64(l.quantity))
            .endObject();
    }
    w.endArray();
    w.endObject();
    return w.bytes();
}

QJsonObject TransactionPayload::encode(const SaleRecord &sale)
{
    return QJsonDocument::fromJson(serialize(sale)).object();
}

Result<SaleRecord> TransactionPayload::decode(const QJsonObject &o)
{
    using R = Result<SaleRecord>;
    SaleRecord s;
    QString e;
    if (!readString(o, QLatin1String("transactionId"), s.id, e, true) ||
        !readString(o, QLatin1String("receiptNumber"), s.receiptNumber, e) ||
        !readString(o, QLatin1String("terminalId"), s.terminalId, e) ||
        !readString(o, QLatin1String("employeeId"), s.employeeId, e, true) ||
        !readString(o, QLatin1String("customerId"), s.customerId, e, true, true) ||
        !readString(o, QLatin1String("shiftId"), s.shiftId, e, true, true) ||
        !readString(o, QLatin1String("status"), s.status, e) ||
        !readString(o, QLatin1String("createdAt"), s.createdAt, e) ||
        !readInt(o, QLatin1String("subtotalCents"), s.subtotalCents, e, -kMaxExact) ||
        !readInt(o, QLatin1String("discountCents"), s.discountCents, e, -kMaxExact) ||
        !readInt(o, QLatin1String("taxCents"), s.taxCents, e, -kMaxExact) ||
        !readInt(o, QLatin1String("totalCents"), s.totalCents, e, -kMaxExact) ||
        !readInt(o, QLatin1String("paidCents"), s.paidCents, e, -kMaxExact) ||
        !readInt(o, QLatin1String("changeCents"), s.changeCents, e))
        return R::failure(e);
    if (!Clock::fromIso(s.createdAt).isValid())
        return R::failure(QStringLiteral("createdAt must be an ISO 8601 time"));
    const QJsonValue hlcTime = o.value(QLatin1String("hlcTime"));
    if (hlcTime.isUndefined()) {
        s.hlcMs = Clock::fromIso(s.createdAt).toMSecsSinceEpoch();
        s.hlcCounter = 0;
    } else {
        const QDateTime t = Clock::fromIso(hlcTime.toString());
        if (!hlcTime.isString() || !t.isValid() ||
            !readInt(o, QLatin1String("hlcCounter"), s.hlcCounter, e))
            return R::failure(QStringLiteral("hlcTime must be an ISO 8601 time with an integer "
                                             "hlcCounter >= 0"));
        s.hlcMs = t.toMSecsSinceEpoch();
    }
    // A negative hlcMs means "no HLC time" to the sale's writer (serialize leaves it out).
    if (s.hlcMs < 0)
        return R::failure(QStringLiteral("hlcTime (or createdAt without it) must not be before "
                                         "1970-01-01"));
    if (s.status != QLatin1String("completed") && s.status != QLatin1String("returned"))
        return R::failure(QStringLiteral("status must be completed or returned"));
    const bool isReturn = s.status == QLatin1String("returned");
    if (isReturn &&
        (!readString(o, QLatin1String("returnOf"), s.returnOf, e, true) || s.returnOf.isEmpty()))
        return R::failure(QStringLiteral("a return needs returnOf, the UUID of the sale"));
    // A sale adds up from positive amounts, a return from negative ones.
    if (isReturn ? s.discountCents > 0 : s.discountCents < 0)
        return R::failure(QStringLiteral("discountCents has the wrong sign for the status"));

    const QJsonValue lines = o.value(QLatin1String("lines"));
    if (!lines.isArray() || lines.toArray().isEmpty())
        return R::failure(QStringLiteral("lines must be a non-empty array"));
    qint64 lineSum = 0;
    for (const QJsonValue &lv : lines.toArray()) {
        if (!lv.isObject())
            return R::failure(QStringLiteral("each line must be an object"));
        const QJsonObject lo = lv.toObject();
        SaleLine l;
        qint64 lineNo = 0, qty = 0, rate = 0;
        if (!readInt(lo, QLatin1String("lineNo"), lineNo, e, 1) ||
            !readString(lo, QLatin1String("productId"), l.productId, e, true) ||
            !readString(lo, QLatin1String("sku"), l.sku, e) ||
            !readString(lo, QLatin1String("name"), l.name, e) ||
            !readInt(lo, QLatin1String("quantity"), qty, e, -100000) ||
            !readInt(lo, QLatin1String("unitPriceCents"), l.unitPriceCents, e) ||
            !readInt(lo, QLatin1String("discountCents"), l.discountCents, e, -kMaxExact) ||
            !readInt(lo, QLatin1String("taxRateBp"), rate, e) ||
            !readInt(lo, QLatin1String("taxCents"), l.taxCents, e, -kMaxExact) ||
            !readInt(lo, QLatin1String("totalCents"), l.totalCents, e, -kMaxExact))
            return R::failure(QStringLiteral("line: ") + e);
        if (lo.contains(QLatin1String("approvedBy")) &&
            !readString(lo, QLatin1String("approvedBy"), l.approvedBy, e, true))
            return R::failure(QStringLiteral("line: ") + e);
        if (qty == 0 || qty > 100000 || rate > 10000 || lineNo > 100000)
            return R::failure(QStringLiteral("line: quantity, taxRateBp or lineNo out of range"));
        if (isReturn ? (qty > 0 || l.discountCents > 0) : (qty < 0 || l.discountCents < 0))
            return R::failure(QStringLiteral("line: quantity and discountCents are negative in a "
                                             "return and positive in a sale"));
        l.lineNo = int(lineNo);
        l.quantity = int(qty);
        l.taxRateBp = int(rate);
        // Each total is within 2^53; a sum kept there cannot overflow however many lines come.
        lineSum += l.totalCents;
        if (std::fabs(double(lineSum)) > kMaxExact)
            return R::failure(QStringLiteral("line totals out of range"));
        s.lines.append(l);
    }
    if (lineSum != s.totalCents)
        return R::failure(QStringLiteral("line totals do not add up to totalCents"));

    const QJsonValue payments = o.value(QLatin1String("payments"));
    if (!payments.isArray())
        return R::failure(QStringLiteral("payments must be an array"));
    qint64 paid = 0;
    for (const QJsonValue &pv : payments.toArray()) {
        if (!pv.isObject())
            return R::failure(QStringLiteral("each payment must be an object"));
        const QJsonObject po = pv.toObject();
        SalePayment p;
        qint64 no = 0;
        if (!readInt(po, QLatin1String("paymentNo"), no, e, 1) ||
            !readString(po, QLatin1String("method"), p.method, e) ||
            !readInt(po, QLatin1String("amountCents"), p.amountCents, e, -kMaxExact) ||
            !readInt(po, QLatin1String("tenderedCents"), p.tenderedCents, e, -kMaxExact) ||
            !readInt(po, QLatin1String("changeCents"), p.changeCents, e))
            return R::failure(QStringLiteral("payment: ") + e);
        if (p.method != QLatin1String("cash") && p.method != QLatin1String("card"))
            return R::failure(QStringLiteral("payment: method must be cash or card"));
        if (no > 1000)
            return R::failure(QStringLiteral("payment: paymentNo out of range"));
        p.paymentNo = int(no);
        paid += p.amountCents;
        if (std::fabs(double(paid)) > kMaxExact)
            return R::failure(QStringLiteral("payments out of range"));
        s.payments.append(p);
    }
    if (paid != s.paidCents || paid != s.totalCents)
        return R::failure(QStringLiteral("payments do not add up to totalCents"));
    return s;
}
