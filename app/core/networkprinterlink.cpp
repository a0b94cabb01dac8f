#include "networkprinterlink.h"

#include "clocktimer.h"
#include "corelog.h"
#include "escpos.h"

#include <QTcpSocket>

NetworkPrinterLink::NetworkPrinterLink(QString host, quint16 port, Clock &clock, QObject *parent)
    : PrinterLink(parent)
    , m_host(std::move(host))
    , m_port(port)
    , m_timer(new ClockTimer(clock, this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &ClockTimer::timeout, this, &NetworkPrinterLink::onTimeout);
}

NetworkPrinterLink::~NetworkPrinterLink()
{
    if (m_socket)
        m_socket->abort();
}

QString NetworkPrinterLink::target() const
{
    return QStringLiteral("tcp://%1:%2").arg(m_host).arg(m_port);
}

void NetworkPrinterLink::send(const QByteArray &data, bool checkPaper)
{
    Q_ASSERT(m_step == Step::Idle);
    m_data = data;
    m_checkPaper = checkPaper;
    m_printerStatus = 0;
    m_toWrite = 0;
    m_answered = false;
    m_step = Step::Connecting;
    auto *socket = new QTcpSocket(this);
    m_socket = socket;
    connect(socket, &QTcpSocket::connected, this, &NetworkPrinterLink::onConnected);
    connect(socket, &QTcpSocket::readyRead, this, &NetworkPrinterLink::onReadyRead);
    connect(socket, &QTcpSocket::errorOccurred, this, &NetworkPrinterLink::onError);
    connect(socket, &QTcpSocket::bytesWritten, this, [this](qint64 n) {
        m_toWrite -= n;
        maybeDone();
    });
    m_timer->start(m_timeoutMs);
    socket->connectToHost(m_host, m_port);
}

void NetworkPrinterLink::onConnected()
{
    m_timer->start(m_timeoutMs);
    if (!m_checkPaper) {
        sendJob();
        return;
    }
    m_step = Step::AskPrinter;
    m_socket->write(EscPos::statusRequest(EscPos::PrinterStatus));
}

void NetworkPrinterLink::sendJob()
{
    m_step = Step::Sending;
    const QByteArray bytes = m_data + EscPos::statusRequest(EscPos::PrinterStatus);
    m_toWrite = bytes.size();
    m_socket->write(bytes);
}

void NetworkPrinterLink::onReadyRead()
{
    while (m_socket && m_step != Step::Idle && m_socket->bytesAvailable() > 0) {
        char c = 0;
        if (!m_socket->getChar(&c))
            return;
        onStatus(quint8(c));
    }
}

void NetworkPrinterLink::onStatus(quint8 status)
{
    // Bits 1 and 4 are set and bits 0 and 7 clear in every status reply; anything else is not
    // an ESC/POS printer answering.
    if ((status & 0x93) != EscPos::StatusFixedBits) {
        finish(Outcome::Error, QStringLiteral("%1 sent 0x%2, not an ESC/POS status reply")
                                   .arg(target())
                                   .arg(status, 2, 16, QLatin1Char('0')));
        return;
    }
    switch (m_step) {
    case Step::AskPrinter:
        m_printerStatus = status;
        m_step = Step::AskPaper;
        m_timer->start(m_timeoutMs);
        m_socket->write(EscPos::statusRequest(EscPos::RollPaperStatus));
        return;
    case Step::AskPaper:
        if (status & EscPos::PaperEndBits) {
            finish(Outcome::PaperOut, QStringLiteral("%1 is out of paper").arg(target()));
        } else if (m_printerStatus & EscPos::OfflineBit) {
            finish(Outcome::Error,
                   QStringLiteral("%1 reports it cannot print (cover open?)").arg(target()));
        } else {
            m_timer->start(m_timeoutMs);
            sendJob();
        }
        return;
    case Step::Sending:
        if (status & EscPos::OfflineBit) {
            finish(Outcome::Error,
                   QStringLiteral("%1 stopped while printing (paper or cover?)").arg(target()));
            return;
        }
        m_answered = true;
        maybeDone();
        return;
    case Step::Idle:
    case Step::Connecting:
        return;
    }
}

void NetworkPrinterLink::maybeDone()
{
    if (m_step == Step::Sending && m_answered && m_toWrite <= 0)
        finish(Outcome::Printed, {});
}

void NetworkPrinterLink::onError(QAbstractSocket::SocketError error)
{
    if (m_step == Step::Idle || !m_socket)
        return;
    // The printer closing the link after it answered everything is not a failure.
    if (error == QAbstractSocket::RemoteHostClosedError && m_step == Step::Sending && m_answered &&
        m_toWrite <= 0)
        return;
    finish(Outcome::Offline, QStringLiteral("%1: %2").arg(target(), m_socket->errorString()));
}

void NetworkPrinterLink::onTimeout()
{
    if (m_step == Step::Idle)
        return;
    const QString what =
        m_step == Step::Connecting ? QStringLiteral("no connection") : QStringLiteral("no answer");
    finish(Outcome::Offline,
           QStringLiteral("%1: %2 within %3 ms").arg(target(), what).arg(m_timeoutMs));
}

void NetworkPrinterLink::finish(Outcome outcome, const QString &message)
{
    m_step = Step::Idle;
    m_timer->stop();
    if (m_socket) {
        QTcpSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        if (outcome == Outcome::Printed)
            socket->disconnectFromHost(); // lets the written bytes go out first
        else
            socket->abort();
        socket->deleteLater();
    }
    m_data.clear();
    if (outcome != Outcome::Printed)
        qCInfo(lcPrinter).noquote() << message;
    // Queued: the owner may send the next job from its slot, and this call may be inside a
    // socket's signal.
    const Reply reply{outcome, message};
    QMetaObject::invokeMethod(
        this, [this, reply] { Q_EMIT finished(reply); }, Qt::QueuedConnection);
}
