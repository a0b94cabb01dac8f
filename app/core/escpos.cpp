#include "escpos.h"

#include <QHash>

namespace {
constexpr char ESC = 0x1B;
constexpr char GS = 0x1D;
constexpr char DLE = 0x10;
constexpr char EOT = 0x04;
constexpr char LF = 0x0A;

// PC858's upper half, 0x80..0xFF (code page 850; 0xD5 is the euro sign instead of dotless i).
constexpr char16_t kUpper[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, //
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, //
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, //
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, //
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, //
    0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, //
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0, //
    0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510, //
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3, //
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4, //
    0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x20AC, 0x00CD, 0x00CE, //
    0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580, //
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, //
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4, //
    0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8, //
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0, //
};

const QHash<char16_t, quint8> &reverseTable()
{
    static const QHash<char16_t, quint8> table = [] {
        QHash<char16_t, quint8> t;
        for (int i = 0; i < 128; ++i)
            t.insert(kUpper[i], quint8(0x80 + i));
        return t;
    }();
    return table;
}

void command(QByteArray &out, std::initializer_list<char> bytes)
{
    for (char b : bytes)
        out.append(b);
}
} // namespace

namespace EscPos {

QByteArray initialize()
{
    QByteArray out;
    command(out, {ESC, '@', ESC, 't', char(CodePagePc858)});
    return out;
}

QByteArray encode(const PrintDocument &document, int columns)
{
    QByteArray out = initialize();
    bool bold = false;
    bool tall = false;
    bool centered = false;
    for (const PrintDocument::Line &line : document.layout(columns)) {
        const bool b = line.style.testFlag(PrintDocument::Bold);
        const bool t = line.style.testFlag(PrintDocument::DoubleHeight);
        const bool c = line.style.testFlag(PrintDocument::Centered);
        if (b != bold)
            command(out, {ESC, 'E', char(b ? 1 : 0)});
        if (t != tall)
            command(out, {GS, '!', char(t ? 0x01 : 0x00)});
        if (c != centered)
            command(out, {ESC, 'a', char(c ? 1 : 0)});
        bold = b;
        tall = t;
        centered = c;
        out.append(toPc858(line.text));
        out.append(LF);
    }
    if (bold)
        command(out, {ESC, 'E', 0});
    if (tall)
        command(out, {GS, '!', 0});
    if (centered)
        command(out, {ESC, 'a', 0});
    // Feed the last line past the cutter (about 3 lines on common printers), then cut.
    command(out, {GS, 'V', 66, 3});
    return out;
}

QByteArray drawerKick()
{
    QByteArray out;
    command(out, {ESC, 'p', 0, 25, char(250)});
    return out;
}

QByteArray statusRequest(StatusRequest n)
{
    QByteArray out;
    command(out, {DLE, EOT, char(n)});
    return out;
}

QByteArray toPc858(const QString &text)
{
    QByteArray out;
    out.reserve(text.size());
    const QHash<char16_t, quint8> &table = reverseTable();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        if (u >= 0x20 && u < 0x7F) {
            out.append(char(u));
        } else if (auto it = table.constFind(u); it != table.constEnd()) {
            out.append(char(*it));
        } else {
            out.append('?');
            if (QChar::isHighSurrogate(u) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
                ++i; // one character, one '?'
        }
    }
    return out;
}

QChar fromPc858(quint8 byte)
{
    if (byte >= 0x80)
        return QChar(kUpper[byte - 0x80]);
    if (byte == 0x7F)
        return QChar(u'\u2302');
    return QChar(char16_t(byte));
}

} // namespace EscPos
