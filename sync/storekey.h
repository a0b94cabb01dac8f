#pragma once

#include "result.h"

#include <QString>

// The store key's form and strength (docs/PROTOCOL.md §1, §3.6): 32 to 128 hex digits of random
// bits. The lane cannot measure a key's entropy; it refuses what cannot have enough (a passphrase,
// a short key) and what evidently was not drawn at random (a pattern, a published example).
namespace StoreKey {
inline constexpr int MinHexDigits = 32; // 128 bits
inline constexpr int MaxHexDigits = 128;
inline constexpr int MaxKeys = 4;

// Why this key text is not a usable store key, for a message ("it is ..."); empty when it is.
QString weakness(const QString &text);
// A new key: 64 hex digits (256 bits) from the system's CSPRNG.
QString generate();
// The first 8 hex digits of SHA-256 of the key text: names a key in local output (--health)
// without showing it.
QString fingerprint(const QString &text);
// Writes key and a newline to a new file readable by its owner only (mode 0600, created so;
// an existing file is never overwritten).
[[nodiscard]] Status writeNewFile(const QString &path, const QString &key);
} // namespace StoreKey
