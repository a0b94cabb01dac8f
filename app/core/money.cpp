#include "money.h"

qint64 Money::taxOf(qint64 netMinor, int rateBp)
{
    // rate is in basis points (1/10000); half away from zero at the minor unit.
    const qint64 scaled = netMinor * rateBp;
    const qint64 magnitude = (scaled < 0 ? -scaled : scaled);
    const qint64 rounded = (magnitude + 5000) / 10000;
    return scaled < 0 ? -rounded : rounded;
}
