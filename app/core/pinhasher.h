#pragma once

#include "result.h"

#include <QString>

// Employee PINs: 4 to 8 digits, hashed with Argon2id (libsodium, interactive limits) and
// verified in constant time. PINs and hashes are never logged.
namespace PinHasher {
constexpr int kMinLength = 4;
constexpr int kMaxLength = 8;
// The one rule for a PIN, for the pad's OK key, the Enter key and every check in C++.
bool isWellFormed(const QString &pin);
[[nodiscard]] Result<QString> hash(const QString &pin);
bool verify(const QString &hash, const QString &pin);
} // namespace PinHasher
