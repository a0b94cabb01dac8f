#pragma once

#include "printerlink.h"

#include <QByteArray>

class Clock;
class ClockTimer;
class QSocketNotifier;

// A printer behind a device file (/dev/usb/lp0) or any file: open, write everything, close.
// It cannot be asked for its state; a missing or failing device leaves the job queued. The
// device is written without blocking the event loop: when its buffer is full the rest of the
// job goes as it drains (a job is never cut and sent again from its start while the device
// takes it), and a device that takes nothing for StallMs counts as offline.
class DevicePrinterLink : public PrinterLink
{
    Q_OBJECT
public:
    static constexpr int StallMs = 30000;

    DevicePrinterLink(QString path, Clock &clock, QObject *parent = nullptr);
    ~DevicePrinterLink() override;

    void send(const QByteArray &data, bool checkPaper) override;
    QString target() const override { return m_path; }

private:
    // Writes what the device takes now; finishes the job when all is written or it fails.
    void writeSome();
    void finish(const Reply &reply);
    Reply failure(int error) const;

    QString m_path;
    ClockTimer *m_stall;
    int m_fd = -1;
    QByteArray m_data;
    qsizetype m_done = 0;
    QSocketNotifier *m_writable = nullptr;
};
