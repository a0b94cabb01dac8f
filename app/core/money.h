#pragma once

#include <QString>

#include <optional>

// Money is integer cents. Tax is computed per line on its net amount and rounded half away from
// zero to the cent, so a return mirrors its sale exactly.
namespace Money {
qint64 taxOf(qint64 netCents, int rateBp);
// "$12.34", "-$0.05".
QString format(qint64 cents);
// Parses what a cashier types: "12", "12.3", "12.34", "$12.34", "12,34" (a decimal comma, as
// Spanish and French keyboards type it); nullopt for anything else or
// more than 9 999 999.99.
std::optional<qint64> parse(const QString &text);
} // namespace Money
