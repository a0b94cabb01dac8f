#include "deviceprinterlink.h"

#include <QFile>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

DevicePrinterLink::DevicePrinterLink(QString path, QObject *parent)
    : PrinterLink(parent)
    , m_path(std::move(path))
{
}

void DevicePrinterLink::send(const QByteArray &data, bool checkPaper)
{
    Q_UNUSED(checkPaper) // a device file has no status to ask
    const Reply reply = write(data);
    QTimer::singleShot(0, this, [this, reply] { Q_EMIT finished(reply); });
}

PrinterLink::Reply DevicePrinterLink::write(const QByteArray &data) const
{
    auto failed = [this](int error) {
        // A missing or busy device is a printer switched off or unplugged; anything else (no
        // permission, an I/O error) needs someone to look at it.
        const Outcome outcome = (error == ENOENT || error == ENODEV || error == ENXIO ||
                                 error == EAGAIN || error == EBUSY)
                                    ? Outcome::Offline
                                    : Outcome::Error;
        return Reply{outcome, QStringLiteral("%1: %2").arg(
                                  m_path, QString::fromLocal8Bit(std::strerror(error)))};
    };
    // A plain file is created (a spool file, the tests); a device node never is: a missing
    // /dev/usb/lp0 must not turn into a regular file that swallows receipts.
    int flags = O_WRONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_APPEND;
    if (!m_path.startsWith(QLatin1String("/dev/")))
        flags |= O_CREAT;
    const QByteArray path = QFile::encodeName(m_path);
    const int fd = ::open(path.constData(), flags, 0644);
    if (fd < 0)
        return failed(errno);
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            ::close(fd);
            return failed(error);
        }
        done += n;
    }
    if (::close(fd) != 0 && errno != EINTR)
        return failed(errno);
    return {};
}
