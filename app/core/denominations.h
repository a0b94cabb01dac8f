#pragma once

#include <QList>
#include <QString>

// The notes and coins of a currency, largest first, in its minor unit: what a cashier counts the
// float and the drawer in. Empty for a currency not in the table (the amount is typed instead).
namespace Denominations {
QList<qint64> of(const QString &currency);
} // namespace Denominations
