#include "idgenerator.h"

#include <QRegularExpression>

IdGenerator &IdGenerator::system()
{
    static RandomIdGenerator generator;
    return generator;
}

bool IdGenerator::isUuid(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return re.match(s).hasMatch();
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
