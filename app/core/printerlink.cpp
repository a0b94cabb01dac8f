#include "printerlink.h"

#include "deviceprinterlink.h"
#include "networkprinterlink.h"

#include <QDir>
#include <QUrl>

PrinterLink::~PrinterLink() = default;

Result<PrinterLink::Address> PrinterLink::parse(const QString &setting)
{
    using R = Result<Address>;
    const QString s = setting.trimmed();
    Address a;
    if (s.startsWith(QLatin1String("tcp://"))) {
        const QUrl url(s, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() || url.hasQuery() ||
            !url.userInfo().isEmpty())
            return R::failure(QStringLiteral("expected tcp://host or tcp://host:port"));
        const int port = url.port(DefaultPort);
        if (port < 1 || port > 65535)
            return R::failure(QStringLiteral("expected a port from 1 to 65535"));
        a.kind = Address::Kind::Tcp;
        a.host = url.host();
        a.port = quint16(port);
        return a;
    }
    QString path = s;
    if (path.startsWith(QLatin1String("device:")))
        path = path.mid(7);
    if (path.isEmpty() || !QDir::isAbsolutePath(path) || path.contains(QLatin1Char('\0')))
        return R::failure(QStringLiteral("expected tcp://host[:port], device:/dev/usb/lp0 or an "
                                         "absolute path"));
    a.kind = Address::Kind::Device;
    a.path = QDir::cleanPath(path);
    return a;
}

std::unique_ptr<PrinterLink> PrinterLink::create(const Address &address, Clock &clock,
                                                 QObject *parent)
{
    if (address.kind == Address::Kind::Tcp)
        return std::make_unique<NetworkPrinterLink>(address.host, address.port, clock, parent);
    return std::make_unique<DevicePrinterLink>(address.path, clock, parent);
}
