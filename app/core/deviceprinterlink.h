#pragma once

#include "printerlink.h"

// A printer behind a device file (/dev/usb/lp0) or any file: open, write everything, close.
// It cannot be asked for its state; a missing or failing device leaves the job queued.
class DevicePrinterLink : public PrinterLink
{
    Q_OBJECT
public:
    explicit DevicePrinterLink(QString path, QObject *parent = nullptr);

    void send(const QByteArray &data, bool checkPaper) override;
    QString target() const override { return m_path; }

private:
    Reply write(const QByteArray &data) const;

    QString m_path;
};
