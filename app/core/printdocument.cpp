#include "printdocument.h"

namespace {
// text cut into pieces of at most columns, at the last space of a piece where there is one.
QStringList wrapped(const QString &text, int columns)
{
    QStringList out;
    QString rest = text;
    while (rest.size() > columns) {
        qsizetype cut = rest.lastIndexOf(QLatin1Char(' '), columns);
        if (cut <= 0)
            cut = columns;
        out.append(rest.left(cut).trimmed());
        rest = rest.mid(cut);
        while (rest.startsWith(QLatin1Char(' ')))
            rest.remove(0, 1);
    }
    out.append(rest);
    return out;
}
} // namespace

PrintDocument &PrintDocument::title(const QString &text)
{
    return line(text, Styles(Bold) | DoubleHeight | Centered);
}

PrintDocument &PrintDocument::line(const QString &text, Styles style)
{
    m_items.append({Kind::Text, text, {}, style, 1});
    return *this;
}

PrintDocument &PrintDocument::row(const QString &left, const QString &right, Styles style)
{
    m_items.append({Kind::Row, left, right, style, 1});
    return *this;
}

PrintDocument &PrintDocument::separator()
{
    m_items.append({Kind::Separator, {}, {}, Normal, 1});
    return *this;
}

PrintDocument &PrintDocument::feed(int lines)
{
    m_items.append({Kind::Feed, {}, {}, Normal, qMax(1, lines)});
    return *this;
}

QString PrintDocument::normalized(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        const char16_t u = c.unicode();
        if (u == u'\t' || (u >= 0x2000 && u <= 0x200A) || u == 0x202F || u == 0x205F)
            c = QLatin1Char(' ');
    }
    return out;
}

QList<PrintDocument::Line> PrintDocument::layout(int columns) const
{
    columns = qMax(1, columns);
    QList<Line> out;
    for (const Item &item : m_items) {
        switch (item.kind) {
        case Kind::Text:
            for (const QString &piece : wrapped(normalized(item.left), columns))
                out.append({piece, item.style});
            break;
        case Kind::Row: {
            const QString left = normalized(item.left);
            const QString right = normalized(item.right).left(columns);
            const Styles style = item.style & ~Styles(Centered);
            if (left.size() + 1 + right.size() <= columns) {
                out.append(
                    {left + QString(columns - left.size() - right.size(), QLatin1Char(' ')) + right,
                     style});
            } else {
                // The amount on the last line of the wrapped text if it fits there.
                const QStringList pieces = wrapped(left, columns);
                for (qsizetype i = 0; i + 1 < pieces.size(); ++i)
                    out.append({pieces.at(i), style});
                const QString &last = pieces.last();
                if (last.size() + 1 + right.size() <= columns) {
                    out.append(
                        {last + QString(columns - last.size() - right.size(), QLatin1Char(' ')) +
                             right,
                         style});
                } else {
                    out.append({last, style});
                    out.append({right.rightJustified(columns), style});
                }
            }
            break;
        }
        case Kind::Separator:
            out.append({QString(columns, QLatin1Char('-')), Normal});
            break;
        case Kind::Feed:
            for (int i = 0; i < item.lines; ++i)
                out.append({QString(), Normal});
            break;
        }
    }
    return out;
}

QStringList PrintDocument::toText(int columns) const
{
    QStringList out;
    for (const Line &l : layout(columns)) {
        if (l.style.testFlag(Centered) && l.text.size() < columns)
            out.append(QString((columns - l.text.size()) / 2, QLatin1Char(' ')) + l.text);
        else
            out.append(l.text);
    }
    return out;
}
