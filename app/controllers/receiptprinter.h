#pragma once

#include "moneyformat.h"
#include "receiptdocument.h"
#include "result.h"
#include "salestore.h"

#include <QCoreApplication>
#include <QImage>
#include <QString>

// Prints a completed sale as a PDF receipt (QPdfWriter): a page 80 mm wide like a receipt
// printer's roll, as long as the sale needs. Texts in the UI's language; amounts and the date
// in the header's money format (the store's currency in that language).
class ReceiptPrinter
{
    Q_DECLARE_TR_FUNCTIONS(ReceiptPrinter)

public:
    using Header = ReceiptDocument::Header;

    [[nodiscard]] static Status printPdf(const SaleRecord &sale, const Header &header,
                                         const QString &path);
    // Any document (a shift's X or Z report) as a PDF of the same roll width.
    [[nodiscard]] static Status printPdf(const PrintDocument &document, const QString &title,
                                         const QString &path);
    // The same receipt as an image (the screenshot tour shows it).
    static QImage render(const SaleRecord &sale, const Header &header);
    // Its rows as text, the amount after a tab (what the tests read).
    static QStringList text(const SaleRecord &sale, const Header &header);
    // The same rows as a PrintDocument, for the receipt printer (ReceiptDocument::build).
    static PrintDocument document(const SaleRecord &sale, const Header &header);
};
