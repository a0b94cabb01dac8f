#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A small device-independent document for a receipt printer: styled lines, two-column rows
// (text left, amount right), separators and feeds. Receipts and shift reports are built as one;
// EscPos encodes it for a printer, toText() shows it in fixed columns.
class PrintDocument
{
public:
    // 48 columns: an 80 mm roll in Font A; 58 mm rolls have 32.
    static constexpr int DefaultColumns = 48;

    enum Style {
        Normal = 0,
        Bold = 0x1,
        DoubleHeight = 0x2, // same width: the columns stay as they are
        Centered = 0x4,
    };
    Q_DECLARE_FLAGS(Styles, Style)

    enum class Kind { Text, Row, Separator, Feed };
    struct Item
    {
        Kind kind = Kind::Text;
        QString left;
        QString right; // Row only: the right-aligned amount
        Styles style;
        int lines = 1; // Feed only
    };

    // One laid-out printed line: its text (a centered one without its padding: the printer
    // centers it) and its style.
    struct Line
    {
        QString text;
        Styles style;
    };

    // A bold, double-height, centered heading.
    PrintDocument &title(const QString &text);
    PrintDocument &line(const QString &text, Styles style = Normal);
    PrintDocument &bold(const QString &text) { return line(text, Bold); }
    PrintDocument &centered(const QString &text) { return line(text, Centered); }
    // Text on the left, right (an amount) right-aligned on the same line.
    PrintDocument &row(const QString &left, const QString &right, Styles style = Normal);
    // A dashed line across.
    PrintDocument &separator();
    PrintDocument &feed(int lines = 1);

    const QList<Item> &items() const { return m_items; }
    bool isEmpty() const { return m_items.isEmpty(); }

    // The printed lines in `columns` fixed columns: long text wrapped (at a space where it
    // can), a row too long for one line split in two (the amount right-aligned on the second).
    QList<Line> layout(int columns = DefaultColumns) const;
    // The same as plain text, centered lines padded as the printer centers them.
    QStringList toText(int columns = DefaultColumns) const;
    // Spaces a fixed-pitch printer shows as one column (narrow no-break, thin ...) as a space.
    static QString normalized(const QString &text);

private:
    QList<Item> m_items;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(PrintDocument::Styles)
