#pragma once

#include "result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

class Clock;

// The way to one receipt printer: sends one block of ESC/POS bytes at a time and tells how it
// went. Subclasses: NetworkPrinterLink (TCP, port 9100), DevicePrinterLink (a device file).
class PrinterLink : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Printed, Offline, PaperOut, Error };
    struct Reply
    {
        Outcome outcome = Outcome::Printed;
        QString message; // why it failed, in English for the log and --health
    };

    // Where the `printer` setting points: tcp://host[:port], device:/path or an absolute path.
    struct Address
    {
        enum class Kind { Tcp, Device } kind = Kind::Tcp;
        QString host;
        quint16 port = 9100;
        QString path;
    };
    static constexpr quint16 DefaultPort = 9100;
    [[nodiscard]] static Result<Address> parse(const QString &setting);
    // The link for an address; its timeouts run on clock.
    static std::unique_ptr<PrinterLink> create(const Address &address, Clock &clock,
                                               QObject *parent = nullptr);

    using QObject::QObject;
    ~PrinterLink() override;

    // Sends data; finished() follows once, never from inside this call. checkPaper: ask the
    // printer for its state first and send nothing when it cannot print (a receipt); without
    // it the bytes go at once (a drawer kick works without paper).
    virtual void send(const QByteArray &data, bool checkPaper) = 0;
    // tcp://host:port or the device path, for messages.
    virtual QString target() const = 0;

Q_SIGNALS:
    void finished(const PrinterLink::Reply &reply);
};
