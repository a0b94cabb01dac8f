#pragma once

#include <QtGlobal>

// Amounts are integers in the currency's minor unit (cents for USD and EUR, yen for JPY, fils
// for KWD). Tax is computed per line on its net amount and rounded half away from zero to the
// minor unit, so a return mirrors its sale exactly. MoneyFormat shows and reads amounts.
namespace Money {
qint64 taxOf(qint64 netMinor, int rateBp);
} // namespace Money
