#include "denominations.h"

#include <QHash>

QList<qint64> Denominations::of(const QString &currency)
{
    // Notes and coins in everyday use (the 1- and 2-cent euro coins included: a drawer holds
    // them; the cent in USD likewise).
    static const QHash<QString, QList<qint64>> table = {
        {QStringLiteral("USD"), {10000, 5000, 2000, 1000, 500, 100, 25, 10, 5, 1}},
        {QStringLiteral("CAD"), {10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5}},
        {QStringLiteral("EUR"),
         {50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1}},
        {QStringLiteral("GBP"), {5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1}},
        {QStringLiteral("CHF"),
         {100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5}},
        {QStringLiteral("JPY"), {10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1}},
        {QStringLiteral("MXN"), {100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50}},
    };
    return table.value(currency.toUpper());
}
