#include "deviceprinterlink.h"

#include "clocktimer.h"

#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

DevicePrinterLink::DevicePrinterLink(QString path, Clock &clock, QObject *parent)
    : PrinterLink(parent)
    , m_path(std::move(path))
    , m_stall(new ClockTimer(clock, this))
{
    m_stall->setSingleShot(true);
    connect(m_stall, &ClockTimer::timeout, this, [this] {
        finish({Outcome::Offline, QStringLiteral("%1: the printer took nothing for %2 s")
                                      .arg(m_path)
                                      .arg(StallMs / 1000)});
    });
}

DevicePrinterLink::~DevicePrinterLink()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

PrinterLink::Reply DevicePrinterLink::failure(int error) const
{
    // A missing or busy device is a printer switched off or unplugged; anything else (no
    // permission, an I/O error) needs someone to look at it.
    const Outcome outcome =
        (error == ENOENT || error == ENODEV || error == ENXIO || error == EAGAIN || error == EBUSY)
            ? Outcome::Offline
            : Outcome::Error;
    return Reply{outcome, QStringLiteral("%1: %2").arg(
                              m_path, QString::fromLocal8Bit(std::strerror(error)))};
}

void DevicePrinterLink::send(const QByteArray &data, bool checkPaper)
{
    Q_UNUSED(checkPaper) // a device file has no status to ask
    // A plain file is created (a spool file, the tests); a device node never is: a missing
    // /dev/usb/lp0 must not turn into a regular file that swallows receipts.
    int flags = O_WRONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_APPEND;
    if (!m_path.startsWith(QLatin1String("/dev/")))
        flags |= O_CREAT;
    const QByteArray path = QFile::encodeName(m_path);
    m_fd = ::open(path.constData(), flags, 0644);
    if (m_fd < 0) {
        const Reply reply = failure(errno);
        QTimer::singleShot(0, this, [this, reply] { Q_EMIT finished(reply); });
        return;
    }
    m_data = data;
    m_done = 0;
    m_stall->start(StallMs);
    // Written from the event loop: the caller returns first, as with a network printer.
    QTimer::singleShot(0, this, [this] { writeSome(); });
}

void DevicePrinterLink::writeSome()
{
    while (m_fd >= 0 && m_done < m_data.size()) {
        const ssize_t n =
            ::write(m_fd, m_data.constData() + m_done, size_t(m_data.size() - m_done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            // The device's buffer is full: go on when it can take more.
            if (!m_writable) {
                m_writable = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
                connect(m_writable, &QSocketNotifier::activated, this,
                        &DevicePrinterLink::writeSome);
            }
            m_writable->setEnabled(true);
            return;
        }
        if (n <= 0) {
            finish(failure(n < 0 ? errno : EIO));
            return;
        }
        m_done += n;
        m_stall->start(StallMs); // it is taking the job
    }
    if (m_fd < 0)
        return;
    const int fd = m_fd;
    m_fd = -1;
    if (m_writable) {
        m_writable->setEnabled(false); // before its descriptor closes
        m_writable->deleteLater();     // this may run inside its activated()
        m_writable = nullptr;
    }
    if (::close(fd) != 0 && errno != EINTR) {
        finish(failure(errno));
        return;
    }
    finish({});
}

void DevicePrinterLink::finish(const Reply &reply)
{
    m_stall->stop();
    if (m_writable) {
        m_writable->setEnabled(false);
        m_writable->deleteLater(); // this may run inside its activated()
        m_writable = nullptr;
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_data.clear();
    Q_EMIT finished(reply);
}
