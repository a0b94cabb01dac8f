#include "payloadlimits.h"

#include "topics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace PayloadLimits {
namespace {
constexpr qsizetype KiB = 1024;

QList<QLatin1String> names(std::initializer_list<const char *> list)
{
    QList<QLatin1String> out;
    for (const char *n : list)
        out.append(QLatin1String(n));
    return out;
}

// Counts and measures the members of `o` that are not in `known`; false (with the error) when
// the object has more than MaxUnknownMembers of them.
bool tally(const QJsonObject &o, const QList<QLatin1String> &known, const QString &where,
           qsizetype &unknownBytes, QString &error)
{
    int unknown = 0;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (known.contains(it.key()))
            continue;
        if (++unknown > MaxUnknownMembers) {
            error = QStringLiteral("%1 has more than %2 unknown members (maxUnknownMembers)")
                        .arg(where)
                        .arg(MaxUnknownMembers);
            return false;
        }
        unknownBytes += memberBytes(it.key(), it.value());
    }
    return true;
}

// An array of objects the lane reads, each with its own unknown members.
bool tallyArray(const QJsonObject &payload, QLatin1String key, int maxItems, QLatin1String limit,
                const QList<QLatin1String> &known, qsizetype &unknownBytes, QString &error)
{
    const QJsonValue v = payload.value(key);
    if (!v.isArray())
        return true; // the decoder says what is wrong with it
    const QJsonArray items = v.toArray();
    if (items.size() > maxItems) {
        error = QStringLiteral("%1 has %2 items; at most %3 (%4)")
                    .arg(key)
                    .arg(items.size())
                    .arg(maxItems)
                    .arg(limit);
        return false;
    }
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (items.at(i).isObject() &&
            !tally(items.at(i).toObject(), known, QStringLiteral("%1[%2]").arg(key).arg(i),
                   unknownBytes, error))
            return false;
    }
    return true;
}
} // namespace

Limits of(const QString &topic)
{
    if (topic == Topics::Transaction)
        return {768 * KiB, 64 * KiB};
    if (topic == Topics::Inventory || topic == Topics::HeldAccepted ||
        topic == Topics::ReconciliationRequest)
        return {4 * KiB, 2 * KiB};
    if (topic == Topics::Customer || topic == Topics::Employee)
        return {8 * KiB, 4 * KiB};
    if (topic == Topics::ReconciliationComplete)
        return {64 * KiB, 4 * KiB};
    if (topic == Topics::Product)
        return {8 * KiB, 2 * KiB};
    if (topic == Topics::PriceScheduled)
        return {2 * KiB, 1 * KiB};
    if (topic == Topics::Shift)
        return {256 * KiB, 4 * KiB};
    if (topic == Topics::ZReport)
        return {8 * KiB, 2 * KiB};
    return {};
}

const QList<QLatin1String> &knownMembers(const QString &topic)
{
    static const QList<QLatin1String> transaction =
        names({"transactionId", "receiptNumber", "terminalId", "employeeId", "customerId",
               "subtotalCents", "discountCents", "taxCents",   "totalCents", "paidCents",
               "changeCents",   "status",        "createdAt",  "returnOf",   "shiftId",
               "hlcTime",       "hlcCounter",    "lines",      "payments",   "stockChanges"});
    static const QList<QLatin1String> inventory =
        names({"productId", "reason", "delta", "currentStock", "lastUpdated", "hlcCounter",
               "hlcTerminal", "employeeId"});
    static const QList<QLatin1String> customer =
        names({"id", "name", "phone", "email", "createdAt", "updatedAt"});
    static const QList<QLatin1String> employee =
        names({"id", "name", "role", "pinHash", "active", "discountLimitBp", "updatedAt"});
    static const QList<QLatin1String> heldAccepted =
        names({"messageId", "origin", "topic", "hlcTime", "hlcCounter", "reason", "acceptedBy",
               "acceptedAt"});
    static const QList<QLatin1String> request =
        names({"runId", "terminalId", "trigger", "checksum", "requestedAt"});
    static const QList<QLatin1String> complete =
        names({"runId", "terminalId", "trigger", "startedAt", "finishedAt", "result", "peersAsked",
               "peersAnswered", "unanswered", "notCaughtUp", "notComparable", "unbackedFigures",
               "productsCompared", "differences", "resolved", "changedDuringRun", "checksumBefore",
               "checksumAfter", "notes"});
    static const QList<QLatin1String> product =
        names({"productId", "sku", "name", "category", "barcodes", "priceCents", "taxRateBp",
               "active", "hlcTime", "hlcCounter", "priceSetAt", "priceCounter", "source",
               "editedBy", "headOfficeSeq"});
    static const QList<QLatin1String> scheduled =
        names({"changeId", "productId", "priceCents", "effectiveAt", "source", "headOfficeSeq"});
    static const QList<QLatin1String> shift =
        names({"shiftId", "terminalId", "openedAt", "openedBy", "floatCents", "floatCounts",
               "closedAt", "closedBy", "countedCents", "countedCounts", "expectedCashCents",
               "overShortCents", "movements", "totals"});
    static const QList<QLatin1String> zReport =
        names({"zId", "terminalId", "zNumber", "openedAt", "closedAt", "createdAt", "createdBy",
               "shiftIds", "totals"});
    static const QList<QLatin1String> none;
    if (topic == Topics::Transaction)
        return transaction;
    if (topic == Topics::Inventory)
        return inventory;
    if (topic == Topics::Customer)
        return customer;
    if (topic == Topics::Employee)
        return employee;
    if (topic == Topics::HeldAccepted)
        return heldAccepted;
    if (topic == Topics::ReconciliationRequest)
        return request;
    if (topic == Topics::ReconciliationComplete)
        return complete;
    if (topic == Topics::Product)
        return product;
    if (topic == Topics::PriceScheduled)
        return scheduled;
    if (topic == Topics::Shift)
        return shift;
    if (topic == Topics::ZReport)
        return zReport;
    return none;
}

const QList<QLatin1String> &knownLineMembers()
{
    static const QList<QLatin1String> line =
        names({"lineNo", "productId", "sku", "name", "quantity", "unitPriceCents", "discountCents",
               "taxRateBp", "taxCents", "totalCents", "approvedBy"});
    return line;
}

const QList<QLatin1String> &knownPaymentMembers()
{
    static const QList<QLatin1String> payment =
        names({"paymentNo", "method", "amountCents", "tenderedCents", "changeCents"});
    return payment;
}

const QList<QLatin1String> &knownStockChangeMembers()
{
    static const QList<QLatin1String> change = names({"productId", "delta"});
    return change;
}

qsizetype memberBytes(const QString &key, const QJsonValue &value)
{
    // Rare (only unknown members are measured): serializing them is simplest and exact.
    return QJsonDocument(QJsonObject{{key, value}}).toJson(QJsonDocument::Compact).size() - 2;
}

Status check(const QString &topic, const QJsonObject &payload, qsizetype payloadBytes)
{
    const Limits limits = of(topic);
    if (limits.maxPayloadBytes == 0)
        return Status::failure(QStringLiteral("unknown topic %1").arg(topic.left(64)));
    if (payloadBytes < 0)
        payloadBytes = QJsonDocument(payload).toJson(QJsonDocument::Compact).size();
    if (payloadBytes > limits.maxPayloadBytes)
        return Status::failure(
            QStringLiteral("%1 payload is %2 bytes; at most %3 (maxPayloadBytes)")
                .arg(topic)
                .arg(payloadBytes)
                .arg(limits.maxPayloadBytes));
    qsizetype unknownBytes = 0;
    QString error;
    bool ok = tally(payload, knownMembers(topic), topic + QStringLiteral(" payload"), unknownBytes,
                    error);
    if (ok && topic == Topics::Transaction) {
        ok = tallyArray(payload, QLatin1String("lines"), MaxLines, QLatin1String("maxLines"),
                        knownLineMembers(), unknownBytes, error) &&
             tallyArray(payload, QLatin1String("payments"), MaxPayments,
                        QLatin1String("maxPayments"), knownPaymentMembers(), unknownBytes, error) &&
             tallyArray(payload, QLatin1String("stockChanges"), MaxStockChanges,
                        QLatin1String("maxStockChanges"), knownStockChangeMembers(), unknownBytes,
                        error);
    }
    if (ok && topic == Topics::Shift) {
        static const QList<QLatin1String> movement = names(
            {"movementId", "kind", "amountCents", "reason", "employeeId", "approvedBy", "at"});
        ok = tallyArray(payload, QLatin1String("movements"), MaxMovements,
                        QLatin1String("maxMovements"), movement, unknownBytes, error);
    }
    if (ok && topic == Topics::Product) {
        const QJsonValue codes = payload.value(QLatin1String("barcodes"));
        if (codes.isArray() && codes.toArray().size() > MaxBarcodes) {
            error = QStringLiteral("barcodes has %1 items; at most %2 (maxBarcodes)")
                        .arg(codes.toArray().size())
                        .arg(MaxBarcodes);
            ok = false;
        }
    }
    if (!ok)
        return Status::failure(error);
    if (unknownBytes > limits.maxUnknownBytes)
        return Status::failure(
            QStringLiteral("%1 payload has %2 bytes of unknown members; at most %3 "
                           "(maxUnknownBytes)")
                .arg(topic)
                .arg(unknownBytes)
                .arg(limits.maxUnknownBytes));
    return {};
}
} // namespace PayloadLimits
