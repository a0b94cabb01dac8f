#pragma once

#include "result.h"
#include "salestore.h"

#include <QJsonObject>

// The payload of a `transaction` message: everything a peer needs to record the same sale and
// apply its stock change (lines carry quantities; stockChanges states the deltas explicitly).
namespace TransactionPayload {
// The payload as compact JSON bytes, written directly (the sale commit's hot path).
QByteArray serialize(const SaleRecord &sale);
// The same payload as an object (parsed from serialize(), so both always agree).
QJsonObject encode(const SaleRecord &sale);
// Validates types, ids and that lines, totals and payments add up.
[[nodiscard]] Result<SaleRecord> decode(const QJsonObject &payload);
} // namespace TransactionPayload
