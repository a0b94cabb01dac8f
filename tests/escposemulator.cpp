#include "escposemulator.h"

#include "escpos.h"

#include <QTcpSocket>

EscPosEmulator::EscPosEmulator(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            ++m_connections;
            m_buffer.clear(); // one client at a time, as a real printer
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

EscPosEmulator::~EscPosEmulator() = default;

bool EscPosEmulator::start(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void EscPosEmulator::stop()
{
    m_server.close();
    for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
        socket->abort();
}

void EscPosEmulator::add(Event e)
{
    m_events.append(e);
    Q_EMIT eventAdded();
}

void EscPosEmulator::feed(const QByteArray &bytes)
{
    m_buffer.append(bytes);
    while (!m_buffer.isEmpty() && decodeOne(nullptr)) {
    }
}

void EscPosEmulator::onData(QTcpSocket *socket)
{
    m_buffer.append(socket->readAll());
    while (!m_buffer.isEmpty() && decodeOne(socket)) {
    }
}

bool EscPosEmulator::decodeOne(QTcpSocket *socket)
{
    const auto b = [this](int i) { return quint8(m_buffer.at(i)); };
    const int n = int(m_buffer.size());
    const quint8 c = b(0);
    auto unknown = [&](int len) {
        add({Event::Type::Unknown, QString::fromLatin1(m_buffer.left(len).toHex(' '))});
        m_buffer.remove(0, len);
        return true;
    };
    if (c >= 0x20) {
        m_line.append(char(c));
        m_buffer.remove(0, 1);
        return true;
    }
    switch (c) {
    case 0x0A: { // LF: the line is printed
        QString text;
        for (char ch : std::as_const(m_line))
            text.append(EscPos::fromPc858(quint8(ch)));
        if (m_center && text.size() < m_columns)
            text.prepend(QString((m_columns - text.size()) / 2, QLatin1Char(' ')));
        Event e{Event::Type::Text, text};
        e.bold = m_bold;
        e.doubleHeight = m_tall;
        e.centered = m_center;
        add(e);
        m_line.clear();
        m_buffer.remove(0, 1);
        return true;
    }
    case 0x10: // DLE EOT n
        if (n < 3)
            return false;
        if (b(1) != 0x04 || b(2) < 1 || b(2) > 4)
            return unknown(3);
        {
            quint8 status = EscPos::StatusFixedBits;
            if (b(2) == 1 && (m_offline || m_paperOut))
                status |= EscPos::OfflineBit;
            if (b(2) == 2 && m_paperOut)
                status |= 0x20;
            if (b(2) == 4 && m_paperOut)
                status |= EscPos::PaperEndBits;
            Event e{Event::Type::Status};
            e.value = b(2);
            add(e);
            if (socket)
                socket->write(QByteArray(1, char(status)));
        }
        m_buffer.remove(0, 3);
        return true;
    case 0x1B: // ESC
        if (n < 2)
            return false;
        switch (b(1)) {
        case '@':
            m_bold = m_tall = m_center = false;
            m_line.clear();
            add({Event::Type::Init});
            m_buffer.remove(0, 2);
            return true;
        case 't': {
            if (n < 3)
                return false;
            Event e{Event::Type::CodePage};
            e.value = b(2);
            add(e);
            m_buffer.remove(0, 3);
            return true;
        }
        case 'E':
            if (n < 3)
                return false;
            if (b(2) > 1)
                return unknown(3);
            m_bold = b(2) == 1;
            m_buffer.remove(0, 3);
            return true;
        case 'a':
            if (n < 3)
                return false;
            if (b(2) > 1)
                return unknown(3); // right alignment is never sent
            m_center = b(2) == 1;
            m_buffer.remove(0, 3);
            return true;
        case 'p': {
            if (n < 5)
                return false;
            if (b(2) > 1)
                return unknown(5);
            Event e{Event::Type::Drawer};
            e.value = b(2);
            e.onMs = b(3) * 2;
            e.offMs = b(4) * 2;
            add(e);
            m_buffer.remove(0, 5);
            return true;
        }
        default:
            return unknown(2);
        }
    case 0x1D: // GS
        if (n < 2)
            return false;
        if (b(1) == '!') {
            if (n < 3)
                return false;
            if (b(2) != 0 && b(2) != 1)
                return unknown(3);
            m_tall = b(2) == 1;
            m_buffer.remove(0, 3);
            return true;
        }
        if (b(1) == 'V') {
            if (n < 3)
                return false;
            if (b(2) != 66)
                return unknown(3);
            if (n < 4)
                return false;
            Event e{Event::Type::Cut};
            e.value = b(3);
            add(e);
            m_buffer.remove(0, 4);
            return true;
        }
        return unknown(2);
    default:
        return unknown(1);
    }
}

QList<QStringList> EscPosEmulator::receipts() const
{
    QList<QStringList> out;
    QStringList current;
    for (const Event &e : m_events) {
        if (e.type == Event::Type::Text) {
            current.append(e.text);
        } else if (e.type == Event::Type::Cut) {
            out.append(current);
            current.clear();
        }
    }
    return out;
}

int EscPosEmulator::count(Event::Type type) const
{
    return int(std::count_if(m_events.begin(), m_events.end(),
                             [type](const Event &e) { return e.type == type; }));
}

QStringList EscPosEmulator::problems() const
{
    QStringList out;
    for (const Event &e : m_events)
        if (e.type == Event::Type::Unknown)
            out.append(e.text);
    return out;
}
