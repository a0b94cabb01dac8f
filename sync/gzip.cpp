#include "gzip.h"

#include <zlib.h>

#include <limits>

namespace Gzip {

std::optional<QByteArray> compress(QByteArrayView data, int level)
{
    if (data.size() > std::numeric_limits<uInt>::max())
        return std::nullopt;
    z_stream z{};
    // windowBits 15 + 16: the gzip wrapper (header and CRC-32 trailer) instead of zlib's.
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    QByteArray out;
    out.resize(qsizetype(deflateBound(&z, uLong(data.size()))));
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    // deflateBound leaves room for all of it, so one call finishes the stream.
    const int rc = deflate(&z, Z_FINISH);
    const uLong written = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        return std::nullopt;
    out.truncate(qsizetype(written));
    return out;
}

} // namespace Gzip
