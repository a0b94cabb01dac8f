#pragma once

#include "moneyformat.h"
#include "printdocument.h"
#include "salestore.h"

// A completed sale's or return's receipt as a PrintDocument: what the PDF shows and the receipt
// printer prints. Texts in the UI's language (translated in the ReceiptPrinter context); amounts
// and the date in the header's money format.
class ReceiptDocument
{
public:
    struct Header
    {
        QString storeId;
        QString cashierName;
        MoneyFormat money;
    };

    static PrintDocument build(const SaleRecord &sale, const Header &header);
};
