#pragma once

#include "result.h"

#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QString>

// The bounds on a received message's payload, per topic, checked before it is decoded, applied,
// stored or relayed: its size, the lengths of its arrays, and the members this lane does not know
// (a newer lane's field passes; a megabyte of junk does not). protocol/schemas/ states the same
// figures (maxProperties, maxItems, x-maxPayloadBytes, x-maxUnknownBytes).
namespace PayloadLimits {
// Members not known to this lane, in any one object it reads (the payload itself, and in a
// transaction each line, payment and stock change).
inline constexpr int MaxUnknownMembers = 16;

struct Limits
{
    qsizetype maxPayloadBytes = 0; // the payload's JSON text as received (stored and relayed)
    qsizetype maxUnknownBytes = 0; // all unknown members of the payload, as compact JSON text
};

// The limits of a known topic (zero for another).
Limits of(const QString &topic);
// The members a lane knows in the payload of a topic (empty for another).
const QList<QLatin1String> &knownMembers(const QString &topic);

// Transaction arrays.
inline constexpr int MaxLines = 1000;
inline constexpr int MaxPayments = 100;
inline constexpr int MaxStockChanges = 1000;
// Cash movements of a shift.
inline constexpr int MaxMovements = 250;
// Product barcodes.
inline constexpr int MaxBarcodes = 32; // = CatalogPayload::MaxBarcodes
const QList<QLatin1String> &knownLineMembers();
const QList<QLatin1String> &knownPaymentMembers();
const QList<QLatin1String> &knownStockChangeMembers();

// payloadBytes: the size of the payload's text as received; negative: measured as compact JSON.
// The error names the limit (maxPayloadBytes, maxUnknownMembers, maxUnknownBytes, maxLines,
// maxPayments, maxStockChanges, maxBarcodes).
[[nodiscard]] Status check(const QString &topic, const QJsonObject &payload,
                           qsizetype payloadBytes = -1);

// The size of `"key":value` as compact JSON text (UTF-8).
qsizetype memberBytes(const QString &key, const QJsonValue &value);
} // namespace PayloadLimits
