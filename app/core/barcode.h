#pragma once

#include "result.h"

#include <QString>

// Retail barcodes: EAN-13 and UPC-A with check digit validation. Barcodes are stored in their
// EAN-13 form (a UPC-A code is an EAN-13 with a leading zero).
namespace Barcode {
// The check digit for the first 12 digits of an EAN-13 (or 11 of a UPC-A).
int checkDigit(QStringView digitsWithoutCheck);
// The EAN-13 form of a scanned or typed code, or an error a cashier can read.
[[nodiscard]] Result<QString> normalize(const QString &input);
// True when the input is all digits of a barcode's length (as opposed to a SKU or a name).
bool looksLikeBarcode(const QString &input);
} // namespace Barcode
