#pragma once

#include "result.h"

#include <QString>

// Employee PINs: 4 to 8 digits, hashed with Argon2id (libsodium, interactive limits) and
// verified in constant time. PINs and hashes are never logged.
namespace PinHasher {
bool isWellFormed(const QString &pin);
[[nodiscard]] Result<QString> hash(const QString &pin);
bool verify(const QString &hash, const QString &pin);
} // namespace PinHasher
