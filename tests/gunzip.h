#pragma once

#include <QByteArray>

#include <optional>

#include <zlib.h>

// Tests read what the lane gzipped with zlib itself, not with the lane's own code.
// Inflates one gzip member with zlib itself; nullopt unless it is exactly one, intact.
inline std::optional<QByteArray> gunzip(const QByteArray &gz)
{
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return std::nullopt;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gz.data()));
    z.avail_in = uInt(gz.size());
    QByteArray out;
    int rc = Z_OK;
    char chunk[65536];
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef *>(chunk);
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk, qsizetype(sizeof chunk - z.avail_out));
    }
    const bool whole = rc == Z_STREAM_END && z.avail_in == 0;
    inflateEnd(&z);
    return whole ? std::optional<QByteArray>(out) : std::nullopt;
}
