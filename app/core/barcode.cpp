#include "barcode.h"

#include <QCoreApplication>

int Barcode::checkDigit(QStringView digits)
{
    // Weights 3,1,3,1,... from the rightmost data digit.
    int sum = 0;
    int weight = 3;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        sum += digits.at(i).digitValue() * weight;
        weight = weight == 3 ? 1 : 3;
    }
    return (10 - sum % 10) % 10;
}

bool Barcode::looksLikeBarcode(const QString &input)
{
    const QString s = input.trimmed();
    if (s.size() < 8 || s.size() > 14)
        return false;
    for (QChar c : s)
        if (!c.isDigit() || c.unicode() > '9')
            return false;
    return true;
}

Result<QString> Barcode::normalize(const QString &input)
{
    const QString s = input.trimmed();
    for (QChar c : s) {
        if (c.unicode() < '0' || c.unicode() > '9')
            return Result<QString>::failure(
                QCoreApplication::translate("Barcode", "A barcode has digits only."));
    }
    QString ean;
    if (s.size() == 13)
        ean = s;
    else if (s.size() == 12)
        ean = QLatin1Char('0') + s;
    else
        return Result<QString>::failure(
            QCoreApplication::translate("Barcode",
                                        "A barcode has 12 (UPC-A) or 13 (EAN-13) digits, not %1.")
                .arg(s.size()));
    const int expected = checkDigit(QStringView(ean).left(12));
    if (ean.at(12).digitValue() != expected)
        return Result<QString>::failure(
            QCoreApplication::translate(
                "Barcode", "Barcode %1 is misread (check digit). Scan it again or type it.")
                .arg(s));
    return ean;
}
