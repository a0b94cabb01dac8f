#include "receiptprinter.h"

#include "clock.h"

#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

namespace {
constexpr double kWidthMm = 80;
constexpr double kMarginMm = 4;
constexpr int kDpi = 300;
constexpr double kLineMm = 4.2;

double mm(double v)
{
    return v * kDpi / 25.4;
}

// One row of the receipt: text on the left, an amount on the right, optionally bold.
struct Row
{
    QString left;
    QString right;
    bool bold = false;
    bool rule = false; // a line across instead of text
};
} // namespace

namespace {
// A document's rows as the PDF draws them (and text() lists them).
QList<Row> layoutRows(const PrintDocument &document)
{
    QList<Row> rows;
    for (const PrintDocument::Item &item : document.items()) {
        const bool bold = item.style.testFlag(PrintDocument::Bold);
        switch (item.kind) {
        case PrintDocument::Kind::Text:
            rows.append({item.left, {}, bold});
            break;
        case PrintDocument::Kind::Row:
            rows.append({item.left, item.right, bold});
            break;
        case PrintDocument::Kind::Separator:
            rows.append({{}, {}, false, true});
            break;
        case PrintDocument::Kind::Feed:
            for (int i = 0; i < item.lines; ++i)
                rows.append(Row{});
            break;
        }
    }
    return rows;
}

double pageHeightMm(const QList<Row> &rows)
{
    return 2 * kMarginMm + kLineMm * double(rows.size()) + 4;
}

// Draws the rows on a device at kDpi whose page is kWidthMm wide.
void draw(QPainter &painter, QPaintDevice *device, const QList<Row> &rows)
{
    QFont body(QStringLiteral("DejaVu Sans"));
    body.setPointSizeF(8);
    QFont bold = body;
    bold.setBold(true);
    const double left = mm(kMarginMm);
    const double right = mm(kWidthMm - kMarginMm);
    double y = mm(kMarginMm);
    for (const Row &row : rows) {
        if (row.rule) {
            painter.setPen(QPen(Qt::black, mm(0.15), Qt::DashLine));
            painter.drawLine(QPointF(left, y + mm(kLineMm / 2)),
                             QPointF(right, y + mm(kLineMm / 2)));
        } else {
            painter.setPen(Qt::black);
            painter.setFont(row.bold ? bold : body);
            const QRectF box(left, y, right - left, mm(kLineMm));
            const QFontMetricsF fm(painter.font(), device);
            const double amountWidth =
                row.right.isEmpty() ? 0 : fm.horizontalAdvance(row.right) + mm(2);
            painter.drawText(box.adjusted(0, 0, -amountWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
                             fm.elidedText(row.left, Qt::ElideRight, box.width() - amountWidth));
            if (!row.right.isEmpty())
                painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, row.right);
        }
        y += mm(kLineMm);
    }
}
} // namespace

Status ReceiptPrinter::printPdf(const SaleRecord &sale, const Header &header, const QString &path)
{
    return printPdf(document(sale, header), tr("Receipt %1").arg(sale.receiptNumber), path);
}

Status ReceiptPrinter::printPdf(const PrintDocument &document, const QString &title,
                                const QString &path)
{
    const QList<Row> rows = layoutRows(document);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Status::failure(tr("Cannot create the folder for %1.").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure(tr("Cannot write %1: %2").arg(path, file.errorString()));
    {
        QPdfWriter pdf(&file);
        pdf.setResolution(kDpi);
        pdf.setPageSize(QPageSize(QSizeF(kWidthMm, pageHeightMm(rows)), QPageSize::Millimeter,
                                  QStringLiteral("Receipt")));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("Euphoria Lane"));
        QPainter painter(&pdf);
        if (!painter.isActive())
            return Status::failure(tr("Cannot write %1.").arg(path));
        draw(painter, &pdf, rows);
        painter.end();
    }
    if (!file.commit())
        return Status::failure(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QStringList ReceiptPrinter::text(const SaleRecord &sale, const Header &header)
{
    QStringList out;
    for (const Row &row : layoutRows(document(sale, header)))
        if (!row.rule)
            out.append(row.right.isEmpty() ? row.left : row.left + QLatin1Char('\t') + row.right);
    return out;
}

PrintDocument ReceiptPrinter::document(const SaleRecord &sale, const Header &header)
{
    return ReceiptDocument::build(sale, header);
}

QImage ReceiptPrinter::render(const SaleRecord &sale, const Header &header)
{
    const QList<Row> rows = layoutRows(document(sale, header));
    QImage image(int(mm(kWidthMm)), int(mm(pageHeightMm(rows))), QImage::Format_RGB32);
    image.setDotsPerMeterX(int(kDpi / 0.0254));
    image.setDotsPerMeterY(int(kDpi / 0.0254));
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    draw(painter, &image, rows);
    return image;
}
