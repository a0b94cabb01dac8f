#pragma once

#include "printdocument.h"

#include <QByteArray>
#include <QString>

// The ESC/POS commands a receipt printer needs, as pure functions of their arguments: a
// PrintDocument encoded for a printer on code page PC858, the drawer kick and status requests.
namespace EscPos {

// Real-time status requests (DLE EOT n) and the bits of their one-byte replies.
enum StatusRequest : char {
    PrinterStatus = 1,   // bit 3: offline
    OfflineCause = 2,    // bit 2: cover open, bit 5: paper end stop, bit 6: error
    ErrorCause = 3,      //
    RollPaperStatus = 4, // bits 2-3: paper near end, bits 5-6: paper end
};
constexpr quint8 StatusFixedBits = 0x12; // bits 1 and 4 are always set in a reply
constexpr quint8 OfflineBit = 0x08;
constexpr quint8 PaperEndBits = 0x60;
constexpr quint8 PaperNearEndBits = 0x0C;

// PC858 (code page 850 with the euro sign at 0xD5), selected by ESC t 19.
constexpr quint8 CodePagePc858 = 19;

// ESC @ then ESC t 19: a printer in its default state on PC858.
QByteArray initialize();
// The document's lines in `columns` columns, styled with ESC E (bold), GS ! (size) and ESC a
// (alignment), then a feed and GS V 66 n (feed and partial cut), after initialize().
QByteArray encode(const PrintDocument &document, int columns = PrintDocument::DefaultColumns);
// ESC p 0 25 250: opens the cash drawer on pin 2 (on 50 ms, off 500 ms). Sent on its own.
QByteArray drawerKick();
// DLE EOT n.
QByteArray statusRequest(StatusRequest n);

// Text as PC858 bytes: printable ASCII as it is, other characters through the table, anything
// else (and control characters) as '?'.
QByteArray toPc858(const QString &text);
// The character of a PC858 byte (0x20..0xFF); a byte below 0x20 is a control, not text.
QChar fromPc858(quint8 byte);

} // namespace EscPos
