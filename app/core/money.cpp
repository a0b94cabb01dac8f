#include "money.h"

#include <QRegularExpression>

qint64 Money::taxOf(qint64 netCents, int rateBp)
{
    // rate is in basis points (1/10000); half away from zero at the cent.
    const qint64 scaled = netCents * rateBp;
    const qint64 magnitude = (scaled < 0 ? -scaled : scaled);
    const qint64 rounded = (magnitude + 5000) / 10000;
    return scaled < 0 ? -rounded : rounded;
}

QString Money::format(qint64 cents)
{
    const qint64 magnitude = cents < 0 ? -cents : cents;
    return QStringLiteral("%1$%2.%3")
        .arg(cents < 0 ? QStringLiteral("-") : QString())
        .arg(magnitude / 100)
        .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

std::optional<qint64> Money::parse(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\$?(\\d{1,7})(?:[.,](\\d{1,2}))?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    qint64 cents = m.captured(1).toLongLong() * 100;
    const QString frac = m.captured(2);
    if (frac.size() == 1)
        cents += frac.toInt() * 10;
    else if (frac.size() == 2)
        cents += frac.toInt();
    return cents;
}
