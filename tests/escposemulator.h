#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTcpServer>

class QTcpSocket;

// A receipt printer of the tests' own: a TCP server on 127.0.0.1 that decodes the ESC/POS
// stream into events (text lines from PC858 with their style, cuts, drawer kicks, inits),
// answers DLE EOT n with a status byte (paper out or offline as the test sets them), and can be
// switched off and on again on the same port. A byte it does not understand is an event of
// its own (Unknown), never skipped silently.
class EscPosEmulator : public QObject
{
    Q_OBJECT
public:
    struct Event
    {
        enum class Type { Init, CodePage, Text, Cut, Drawer, Status, Unknown };
        Event(Type t = Type::Unknown, QString s = {})
            : type(t)
            , text(std::move(s))
        {
        }
        Type type;
        QString text; // Text: the line, centered as the printer would; Unknown: the bytes
        bool bold = false;
        bool doubleHeight = false;
        bool centered = false;
        int value = 0; // CodePage: n; Cut: feed n; Status: n; Drawer: pin (0 = pin 2)
        int onMs = 0;  // Drawer
        int offMs = 0; // Drawer
    };

    explicit EscPosEmulator(QObject *parent = nullptr);
    ~EscPosEmulator() override;

    bool start(quint16 port = 0);
    // Switched off: listening stops and open connections are closed.
    void stop();
    quint16 port() const { return m_port; }

    void setPaperOut(bool out) { m_paperOut = out; }
    void setOffline(bool offline) { m_offline = offline; }
    void setColumns(int columns) { m_columns = columns; }

    // Decodes bytes that did not come over TCP (a device file's contents).
    void feed(const QByteArray &bytes);

    const QList<Event> &events() const { return m_events; }
    void clear() { m_events.clear(); }
    // The printed receipts: the text lines between cuts, one list per cut.
    QList<QStringList> receipts() const;
    int count(Event::Type type) const;
    // Unknown bytes seen, as hex; empty when the stream was all understood.
    QStringList problems() const;
    int connections() const { return m_connections; }

Q_SIGNALS:
    void eventAdded();

private:
    void onData(QTcpSocket *socket);
    // Decodes one command or text run at the start of m_buffer; false when more bytes are needed.
    bool decodeOne(QTcpSocket *socket);
    void add(Event e);

    QTcpServer m_server;
    quint16 m_port = 0;
    QByteArray m_buffer;
    QByteArray m_line;
    bool m_bold = false;
    bool m_tall = false;
    bool m_center = false;
    bool m_paperOut = false;
    bool m_offline = false;
    int m_columns = 48;
    int m_connections = 0;
    QList<Event> m_events;
};
