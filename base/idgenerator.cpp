#include "idgenerator.h"

#include <QDateTime>

IdGenerator &IdGenerator::system()
{
    static RandomIdGenerator generator;
    return generator;
}

bool IdGenerator::isUuid(const QString &s)
{
    // 8-4-4-4-12 hex digits; checked by hand because it runs for every id of every received
    // message (a regular expression cost a fifth of the catch-up time)
    if (s.size() != 36)
        return false;
    for (qsizetype i = 0; i < 36; ++i) {
        const char16_t c = s.at(i).unicode();
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') ||
                     (c >= u'A' && c <= u'F'))) {
            return false;
        }
    }
    return true;
}

QUuid RandomIdGenerator::next()
{
    QByteArray bytes(16, '\0');
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    for (int i = 0; i < 6; ++i)
        bytes[i] = char((ms >> (8 * (5 - i))) & 0xff);
    quint32 random[3];
    QRandomGenerator::system()->fillRange(random);
    for (int i = 0; i < 10; ++i)
        bytes[6 + i] = char((random[i / 4] >> (8 * (i % 4))) & 0xff);
    bytes[6] = char((bytes[6] & 0x0f) | 0x70); // version 7
    bytes[8] = char((bytes[8] & 0x3f) | 0x80); // RFC 9562 variant
    return QUuid::fromRfc4122(bytes);
}

QUuid SeededIdGenerator::next()
{
    QByteArray bytes(16, '\0');
    for (int i = 0; i < 16; i += 4) {
        const quint32 v = m_rng.generate();
        for (int b = 0; b < 4; ++b)
            bytes[i + b] = char((v >> (8 * b)) & 0xff);
    }
    bytes[6] = char((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = char((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes);
}
