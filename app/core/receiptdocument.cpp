#include "receiptdocument.h"

#include "clock.h"

#include <QCoreApplication>
#include <QLocale>

PrintDocument ReceiptDocument::build(const SaleRecord &sale, const Header &header)
{
    PrintDocument doc;
    const MoneyFormat &money = header.money;
    const QDateTime at = Clock::fromIso(sale.createdAt).toLocalTime();
    doc.bold(QCoreApplication::translate("ReceiptPrinter", "Store %1 · Lane %2")
                 .arg(header.storeId, sale.terminalId));
    doc.line(QCoreApplication::translate("ReceiptPrinter", "Receipt %1").arg(sale.receiptNumber));
    if (sale.status == QLatin1String("returned"))
        doc.bold(QCoreApplication::translate("ReceiptPrinter", "Return: amounts are refunded"));
    doc.line(money.locale().toString(at, QLocale::ShortFormat));
    if (!header.cashierName.isEmpty())
        doc.line(
            QCoreApplication::translate("ReceiptPrinter", "Cashier: %1").arg(header.cashierName));
    doc.separator();
    for (const SaleLine &l : sale.lines) {
        doc.row(l.name, money.format(l.unitPriceCents * l.quantity));
        if (l.quantity != 1)
            doc.line(
                QStringLiteral("   %1 × %2").arg(l.quantity).arg(money.format(l.unitPriceCents)));
        if (l.discountCents != 0)
            doc.row(QStringLiteral("   ") +
                        QCoreApplication::translate("ReceiptPrinter", "Discount"),
                    money.format(-l.discountCents));
    }
    doc.separator();
    doc.row(QCoreApplication::translate("ReceiptPrinter", "Subtotal"),
            money.format(sale.subtotalCents));
    if (sale.discountCents != 0)
        doc.row(QCoreApplication::translate("ReceiptPrinter", "Discount"),
                money.format(-sale.discountCents));
    doc.row(QCoreApplication::translate("ReceiptPrinter", "Tax"), money.format(sale.taxCents));
    doc.row(QCoreApplication::translate("ReceiptPrinter", "Total"), money.format(sale.totalCents),
            PrintDocument::Bold);
    doc.separator();
    for (const SalePayment &p : sale.payments) {
        if (p.method == QLatin1String("cash")) {
            doc.row(QCoreApplication::translate("ReceiptPrinter", "Cash"),
                    money.format(p.tenderedCents));
            if (p.changeCents > 0)
                doc.row(QCoreApplication::translate("ReceiptPrinter", "Change"),
                        money.format(p.changeCents));
        } else {
            doc.row(QCoreApplication::translate("ReceiptPrinter", "Card"),
                    money.format(p.amountCents));
        }
    }
    doc.separator();
    doc.line(QCoreApplication::translate("ReceiptPrinter", "Thank you for shopping with us!"));
    return doc;
}
