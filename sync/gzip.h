#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// gzip (RFC 1952) for request bodies: a lane's cloud batches are JSON with the same member names
// over and over, which shrink about tenfold even at the fastest level.
namespace Gzip {
// One gzip member holding data; nullopt when zlib fails (the caller sends the body as it is).
[[nodiscard]] std::optional<QByteArray> compress(QByteArrayView data, int level = 1);
} // namespace Gzip
