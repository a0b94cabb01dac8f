#pragma once

#include "printerlink.h"

#include <QAbstractSocket>
#include <QPointer>

class ClockTimer;
class QTcpSocket;

// A network receipt printer (raw TCP, port 9100). Per job: connect, ask DLE EOT 1 and DLE EOT 4
// (roll paper), send the bytes and one more DLE EOT 1; the job is printed when everything is
// written and that last question is answered without an error. Each step has a timeout on the
// lane's clock; the connection is closed after each job so other lanes can use the printer.
class NetworkPrinterLink : public PrinterLink
{
    Q_OBJECT
public:
    NetworkPrinterLink(QString host, quint16 port, Clock &clock, QObject *parent = nullptr);
    ~NetworkPrinterLink() override;

    // How long a connect or a status reply may take. Default 5 s.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void send(const QByteArray &data, bool checkPaper) override;
    QString target() const override;

private:
    enum class Step { Idle, Connecting, AskPrinter, AskPaper, Sending };
    void onConnected();
    void onReadyRead();
    void onError(QAbstractSocket::SocketError error);
    void onTimeout();
    void onStatus(quint8 status);
    void sendJob();
    void maybeDone();
    void finish(Outcome outcome, const QString &message);

    QString m_host;
    quint16 m_port;
    ClockTimer *m_timer;
    int m_timeoutMs = 5000;
    QPointer<QTcpSocket> m_socket;
    Step m_step = Step::Idle;
    QByteArray m_data;
    bool m_checkPaper = true;
    quint8 m_printerStatus = 0;
    qint64 m_toWrite = 0;
    bool m_answered = false;
};
