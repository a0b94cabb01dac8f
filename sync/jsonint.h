#pragma once

#include <QJsonValue>

#include <cmath>

// Integers in received JSON: a number with no fractional part, within [min, max], and exactly
// representable (|n| <= 2^53). Every decoder of the wire reads its integers through this.
namespace JsonInt {
inline constexpr qint64 MaxExact = 9007199254740992LL; // 2^53

inline bool read(const QJsonValue &v, qint64 min, qint64 max, qint64 &out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (std::isnan(d) || std::fabs(d) > double(MaxExact) || d != std::floor(d) || d < double(min) ||
        d > double(max))
        return false;
    out = qint64(d);
    return true;
}
} // namespace JsonInt
