// The secure link between real lanes (docs/PROTOCOL.md §3): a man in the middle that flips,
// injects, replays, reorders or cuts sealed frames makes the receiving lane close the connection
// with a log line naming the reason, applies nothing, and the lanes then reconnect and converge;
// a capture of a whole session shows none of what it carries; plaintext only where a store opts
// in, and shown; several keys while one is rolled.
#include "cart.h"
#include "employeeadmin.h"
#include "lane.h"
#include "laneprocess.h"
#include "messagelog.h"
#include "peerprotocol.h"
#include "securechannel.h"
#include "testlane.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
const char kNewKey[] = "6c1f0e9a27b45d83f2a6c90e1b7d3a58e4c2f16b09d8a735c1e4f62b8a0d97c3";
const char *const kOldKey = LaneProcess::StoreKey;

// A TCP relay between a lane that dials and the lane it dials. It reads the WebSocket frames
// each way (after the HTTP upgrade) and forwards their bytes unchanged, except that on its
// first connection it does one thing to the n-th binary frame of one direction. It keeps every
// byte it forwarded: the capture.
class MitmProxy : public QObject
{
    Q_OBJECT
public:
    enum class Fault { None, Flip, Inject, Replay, Reorder, Truncate };
    enum class Direction { ClientToServer, ServerToClient };

    MitmProxy(quint16 targetPort, Fault fault = Fault::None,
              Direction direction = Direction::ClientToServer, int frame = 3)
        : m_targetPort(targetPort)
        , m_fault(fault)
        , m_direction(direction)
        , m_frame(frame)
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, &MitmProxy::onConnection);
    }

    ~MitmProxy() override
    {
        // The sockets go with the server (their parent): none may call back into a proxy that
        // is being taken apart.
        const auto sockets = m_server.findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->disconnect(this);
    }

    QString url() const { return QStringLiteral("ws://127.0.0.1:%1").arg(m_server.serverPort()); }
    int connections() const { return m_connections; }
    bool faulted() const { return m_faulted; }
    const QByteArray &capture() const { return m_capture; }

private:
    struct Way
    {
        QPointer<QTcpSocket> from;
        QPointer<QTcpSocket> to;
        Direction direction = Direction::ClientToServer;
        QByteArray buffer;
        bool upgraded = false;
        int binaryFrames = 0;
        QByteArray held; // a frame held back to be sent after the next one (reorder)
    };
    struct Link
    {
        Way up;
        Way down;
        bool first = false;
    };

    void onConnection()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            auto link = std::make_shared<Link>();
            link->first = m_connections++ == 0;
            link->up.from = client;
            link->up.to = upstream;
            link->up.direction = Direction::ClientToServer;
            link->down.from = upstream;
            link->down.to = client;
            link->down.direction = Direction::ServerToClient;
            connect(client, &QTcpSocket::readyRead, this, [this, link] { pump(*link, link->up); });
            connect(upstream, &QTcpSocket::readyRead, this,
                    [this, link] { pump(*link, link->down); });
            auto closeBoth = [link] {
                if (link->up.from)
                    link->up.from->disconnectFromHost();
                if (link->down.from)
                    link->down.from->disconnectFromHost();
            };
            connect(client, &QTcpSocket::disconnected, this, closeBoth);
            connect(upstream, &QTcpSocket::disconnected, this, closeBoth);
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
        }
    }

    // Forwards bytes as they are; the capture keeps what anyone on the network reads of them:
    // a frame's payload unmasked (a client's mask key travels in the frame).
    void forward(Way &way, const QByteArray &bytes, bool frame = true)
    {
        if (way.to)
            way.to->write(bytes);
        if (!frame || bytes.size() < 2) {
            m_capture += bytes;
            return;
        }
        const auto b = reinterpret_cast<const quint8 *>(bytes.constData());
        qsizetype header = 2 + ((b[1] & 0x7f) == 126 ? 2 : (b[1] & 0x7f) == 127 ? 8 : 0);
        const bool masked = b[1] & 0x80;
        const QByteArray mask = masked ? bytes.mid(header, 4) : QByteArray();
        header += masked ? 4 : 0;
        QByteArray payload = bytes.mid(header);
        for (qsizetype i = 0; masked && mask.size() == 4 && i < payload.size(); ++i)
            payload[i] = char(payload[i] ^ mask[i % 4]);
        m_capture += bytes.left(header) + payload;
    }

    // A masked binary frame of random bytes, as a client sends one.
    static QByteArray strayFrame(bool masked)
    {
        QByteArray payload(48, Qt::Uninitialized);
        for (char &c : payload)
            c = char(QRandomGenerator::global()->bounded(256));
        QByteArray frame;
        frame.append(char(0x82));
        frame.append(char((masked ? 0x80 : 0) | payload.size()));
        if (masked)
            frame.append("\x11\x22\x33\x44", 4);
        return frame + payload;
    }

    void pump(Link &link, Way &way)
    {
        if (!way.from)
            return;
        way.buffer += way.from->readAll();
        if (!way.upgraded) {
            const qsizetype end = way.buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            way.upgraded = true;
            forward(way, way.buffer.left(end + 4), false);
            way.buffer.remove(0, end + 4);
        }
        while (way.buffer.size() >= 2) {
            const auto b = reinterpret_cast<const quint8 *>(way.buffer.constData());
            const int opcode = b[0] & 0x0f;
            const bool masked = b[1] & 0x80;
            qsizetype header = 2;
            quint64 length = b[1] & 0x7f;
            if (length == 126) {
                if (way.buffer.size() < 4)
                    return;
                length = (quint64(b[2]) << 8) | b[3];
                header = 4;
            } else if (length == 127) {
                if (way.buffer.size() < 10)
                    return;
                length = 0;
                for (int i = 0; i < 8; ++i)
                    length = (length << 8) | b[2 + i];
                header = 10;
            }
            if (masked)
                header += 4;
            const qsizetype total = header + qsizetype(length);
            if (way.buffer.size() < total)
                return;
            QByteArray frame = way.buffer.left(total);
            way.buffer.remove(0, total);
            const bool target = link.first && !m_faulted && way.direction == m_direction &&
                                opcode == 2 && way.binaryFrames++ == m_frame;
            if (!way.held.isEmpty()) {
                forward(way, frame);
                forward(way, way.held);
                way.held.clear();
                continue;
            }
            if (!target) {
                forward(way, frame);
                continue;
            }
            m_faulted = true;
            switch (m_fault) {
            case Fault::None:
                forward(way, frame);
                break;
            case Fault::Flip:
                frame[header + qsizetype(length) / 2] =
                    char(frame[header + qsizetype(length) / 2] ^ 0x20);
                forward(way, frame);
                break;
            case Fault::Inject:
                forward(way, strayFrame(way.direction == Direction::ClientToServer));
                forward(way, frame);
                break;
            case Fault::Replay:
                forward(way, frame);
                forward(way, frame);
                break;
            case Fault::Reorder:
                way.held = frame;
                break;
            case Fault::Truncate:
                forward(way, frame.left(total / 2));
                if (way.to)
                    way.to->flush();
                // Cut both ways, mid-frame.
                if (link.up.from)
                    link.up.from->abort();
                if (link.down.from)
                    link.down.from->abort();
                return;
            }
        }
    }

    QTcpServer m_server;
    quint16 m_targetPort;
    Fault m_fault;
    Direction m_direction;
    int m_frame;
    int m_connections = 0;
    bool m_faulted = false;
    QByteArray m_capture;
};

QJsonObject health(const LaneProcess &lane, const QString &dataDir)
{
    QProcess p;
    p.start(QStringLiteral(LANE_EXECUTABLE),
            {QStringLiteral("--terminal-id"), lane.terminalId(), QStringLiteral("--data-dir"),
             dataDir, QStringLiteral("--health")});
    if (!p.waitForFinished(60000))
        return {};
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

QJsonObject peerOf(const QJsonObject &health, const QString &terminal)
{
    for (const QJsonValue &v : health.value(QLatin1String("peers")).toArray())
        if (v.toObject().value(QLatin1String("terminalId")).toString() == terminal &&
            v.toObject().value(QLatin1String("state")).toString() == QLatin1String("connected"))
            return v.toObject();
    return {};
}

qint64 salesOf(const LaneProcess &lane, const QString &origin)
{
    return lane.count(
        QStringLiteral("SELECT COUNT(*) FROM transactions WHERE terminal_id = '%1'").arg(origin));
}

// Every sale of the origin on the receiver exactly once: as many sales as the origin made, one
// inbox row for each, one stock change per line.
void verifyHoldsOnce(const LaneProcess &receiver, const LaneProcess &origin)
{
    const QString id = origin.terminalId();
    const qint64 made = salesOf(origin, id);
    QVERIFY(made > 0);
    QTRY_COMPARE_WITH_TIMEOUT(salesOf(receiver, id), made, 60000);
    QCOMPARE(receiver.count(QStringLiteral("SELECT COUNT(*) FROM inbox_processed WHERE "
                                           "from_terminal = '%1' AND topic = 'transaction'")
                                .arg(id)),
             made);
    const QString lines = QStringLiteral(
        "SELECT COUNT(*) FROM transaction_lines l JOIN transactions t ON t.id = l.transaction_id "
        "WHERE t.terminal_id = '%1'");
    QCOMPARE(receiver.count(lines.arg(id)), origin.count(lines.arg(id)));
    const QString changes = QStringLiteral(
        "SELECT COUNT(*) FROM inventory_changes WHERE terminal_id = '%1' AND reason = 'sale'");
    QVERIFY(origin.count(changes.arg(id)) > 0);
    QCOMPARE(receiver.count(changes.arg(id)), origin.count(changes.arg(id)));
}

QStringList stockOf(const LaneProcess &lane)
{
    return lane.column(
        QStringLiteral("SELECT product_id || ':' || current_stock FROM inventory ORDER BY 1"));
}
} // namespace

class TstSecureLink : public QObject
{
    Q_OBJECT

private slots:
    void tamperedStreamsCloseAndConverge_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("direction");
        QTest::addColumn<QString>("reason");
        using F = MitmProxy::Fault;
        using D = MitmProxy::Direction;
        const QString failed = QStringLiteral("failed authentication");
        QTest::newRow("flipped byte") << int(F::Flip) << int(D::ClientToServer) << failed;
        QTest::newRow("flipped byte, other way")
            << int(F::Flip) << int(D::ServerToClient) << failed;
        QTest::newRow("injected frame") << int(F::Inject) << int(D::ClientToServer) << failed;
        QTest::newRow("replayed frame") << int(F::Replay) << int(D::ClientToServer) << failed;
        QTest::newRow("reordered frames") << int(F::Reorder) << int(D::ClientToServer) << failed;
        QTest::newRow("truncated stream")
            << int(F::Truncate) << int(D::ClientToServer) << QStringLiteral("sealed close");
    }
    void tamperedStreamsCloseAndConverge()
    {
        QFETCH(int, fault);
        QFETCH(int, direction);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        QVERIFY(l1.start({}, {QStringLiteral("--ring-sales"), QStringLiteral("20"),
                              QStringLiteral("--rate"), QStringLiteral("10")}));
        MitmProxy proxy(l1.port(), MitmProxy::Fault(fault), MitmProxy::Direction(direction));
        QVERIFY(l2.start({proxy.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("30"),
                                         QStringLiteral("--rate"), QStringLiteral("15")}));
        QTRY_VERIFY_WITH_TIMEOUT(proxy.faulted(), 60000);
        // The lane the frame was meant for names the reason, and the lanes dial again.
        const LaneProcess &receiver =
            MitmProxy::Direction(direction) == MitmProxy::Direction::ClientToServer ? l1 : l2;
        QTRY_VERIFY2_WITH_TIMEOUT(receiver.log().contains(reason), qPrintable(receiver.log()),
                                  30000);
        QTRY_VERIFY_WITH_TIMEOUT(proxy.connections() >= 2, 30000);
        // Everything arrives once, both ways, and nothing else.
        QTRY_COMPARE_WITH_TIMEOUT(salesOf(l1, QStringLiteral("L1")), 20, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(salesOf(l2, QStringLiteral("L2")), 30, 60000);
        verifyHoldsOnce(l1, l2);
        verifyHoldsOnce(l2, l1);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(l1.count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 50);
        QCOMPARE(l2.count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 50);
        QCOMPARE(stockOf(l1), stockOf(l2));
        QVERIFY(l2.stop());
        QVERIFY(l1.stop());
    }

    // A whole session through a relay that records it: sales with a customer, a return, a new
    // employee (relayed by L1 from a third lane) and L2's own sales. None of what they carry is
    // in the capture; the same session in plaintext shows all of it (so the check can fail).
    void aCaptureShowsNothingItCarries()
    {
        for (const bool plaintext : {false, true}) {
            QTemporaryDir dir;
            TestLane source(QStringLiteral("L9"), 91);
            const auto manager = Lane::demoEmployee(QStringLiteral("manager"));
            const auto cashier = Lane::demoEmployee(QStringLiteral("cashier"));
            QVERIFY(manager && cashier);
            QVERIFY(source.lane().session().login(manager->employeeId, manager->pin).ok);
            const Employee boss = *source.lane().session().current();
            QVERIFY(source.lane().session().login(cashier->employeeId, cashier->pin).ok);
            const Employee clerk = *source.lane().session().current();
            auto products = source.lane().catalog().byCategory(QString(), 10);
            QVERIFY(products && products->size() >= 2);
            auto customer = source.lane().customers().create(QStringLiteral("Ada Lovelace"),
                                                             QStringLiteral("+1 555 010 2030"),
                                                             QStringLiteral("ada@example.com"));
            QVERIFY(customer);
            Cart cart;
            QVERIFY(cart.add(products->at(0), 2));
            QVERIFY(cart.add(products->at(1), 1));
            cart.setCustomer(customer->id, customer->name);
            QVERIFY(cart.addCard(cart.totalCents()));
            auto sale = source.lane().sales().complete(cart, clerk);
            QVERIFY2(sale, qPrintable(sale.error()));
            auto ret = source.lane().sales().completeReturn(sale->id, {{1, 1}},
                                                            QStringLiteral("cash"), clerk, boss);
            QVERIFY2(ret, qPrintable(ret.error()));
            EmployeeEdit edit;
            edit.name = QStringLiteral("Dana Cruz");
            edit.pin = QStringLiteral("2468");
            QVERIFY(source.lane().employeeAdmin().save(edit, boss));
            QList<QByteArray> frames;
            MessageLog log(source.db(), QStringLiteral("L9"));
            for (const MessageLog::Entry &e : log.after(QStringLiteral("L9"), 0, 100).value_or({}))
                frames.append(e.frame);
            QCOMPARE(frames.size(), 4); // customer, sale, return, employee
            const QStringList secrets =
                QStringList{QStringLiteral("Ada Lovelace"), QStringLiteral("ada@example.com"),
                            QStringLiteral("Dana Cruz")} +
                [&] {
                    QStringList s;
                    for (const QByteArray &f : frames) {
                        const QJsonObject p = QJsonDocument::fromJson(f)
                                                  .object()
                                                  .value(QLatin1String("payload"))
                                                  .toObject();
                        // As the payloads carry them (the phone as the lane normalized it).
                        for (const char *key : {"receiptNumber", "pinHash", "phone"})
                            if (!p.value(QLatin1String(key)).toString().isEmpty())
                                s.append(p.value(QLatin1String(key)).toString());
                    }
                    return s;
                }();
            QVERIFY2(secrets.size() >= 7, qPrintable(secrets.join(QLatin1Char(','))));

            LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
            LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
            QVERIFY(l1.start({}, plaintext ? QStringList{QStringLiteral("--plaintext-peers"),
                                                         QStringLiteral("L2")}
                                           : QStringList{}));
            MitmProxy proxy(l1.port());
            QVERIFY(l2.start(
                {proxy.url()},
                QStringList{QStringLiteral("--ring-sales"), QStringLiteral("5")} +
                    (plaintext ? QStringList{QStringLiteral("--plaintext-peers"), proxy.url()}
                               : QStringList{})));
            RawPeer origin(QStringLiteral("L9"));
            QVERIFY(origin.connectTo(QUrl(l1.url())));
            QVERIFY(origin.handshake());
            for (const QByteArray &f : frames)
                origin.send(f);
            QTRY_COMPARE_WITH_TIMEOUT(origin.ackedIds().size(), 4, 30000);
            // L2 holds what L1 relayed, and L1 L2's sales: the session crossed the relay.
            if (plaintext) {
                // Over a plaintext link L2 takes only L1's own messages: it refuses the four it
                // was sent (after they crossed the relay in the clear).
                QTRY_COMPARE_WITH_TIMEOUT(
                    int(l1.log().count(QLatin1String("carries only L1's own messages"))), 4, 30000);
            } else {
                QTRY_COMPARE_WITH_TIMEOUT(
                    l2.count(QStringLiteral(
                        "SELECT COUNT(*) FROM inbox_processed WHERE from_terminal = 'L9'")),
                    4, 30000);
            }
            verifyHoldsOnce(l1, l2);
            if (QTest::currentTestFailed())
                return;
            QStringList shown = secrets;
            shown += l2.column(QStringLiteral("SELECT receipt_number FROM transactions WHERE "
                                              "terminal_id = 'L2'"));
            shown += l2.column(QStringLiteral(
                "SELECT DISTINCT l.name FROM transaction_lines l JOIN transactions t ON t.id = "
                "l.transaction_id WHERE t.terminal_id = 'L2'"));
            const QByteArray capture = proxy.capture();
            QVERIFY(capture.size() > 2000);
            int seen = 0;
            for (const QString &s : std::as_const(shown)) {
                QVERIFY(!s.isEmpty());
                // As it would be written in JSON (a product name may hold quotes or accents).
                const QByteArray text =
                    QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact).mid(2).chopped(2);
                const bool found = capture.contains(text);
                if (plaintext && !found)
                    qWarning().noquote() << "not in the plaintext capture:" << s;
                if (!plaintext)
                    QVERIFY2(!found, qPrintable(QStringLiteral("\"%1\" is readable in the "
                                                               "capture")
                                                    .arg(s)));
                seen += found ? 1 : 0;
            }
            if (plaintext)
                QCOMPARE(seen, int(shown.size())); // the control: a plaintext link shows all
            QVERIFY(l2.stop());
            QVERIFY(l1.stop());
        }
    }

    // Protocol 2 (no encryption) only with a lane the store listed, and then shown as a warning.
    void plaintextOnlyWhereTheStoreOptsIn()
    {
        QTemporaryDir dir;
        const QString l1Dir = dir.filePath(QStringLiteral("l1"));
        LaneProcess l1(QStringLiteral("L1"), l1Dir);
        l1.holdPort();
        QVERIFY(l1.start({}));
        TestLane source(QStringLiteral("T9"));
        const QList<QByteArray> frames = source.ringSaleFrames(2);
        RawPeer seedOnly(QStringLiteral("T9"));
        seedOnly.setPlaintext(true);
        QVERIFY(seedOnly.connectTo(QUrl(l1.url())));
        QVERIFY(!seedOnly.handshake());
        QVERIFY(seedOnly.waitForDisconnect(10000));
        QVERIFY2(seedOnly.closeReason().contains(QLatin1String("plaintextPeers")),
                 qPrintable(seedOnly.closeReason()));
        // A server hello reveals nothing derived from the key: no mac, only the key exchange.
        RawPeer stranger(QStringLiteral("T8"), "00000000000000000000000000000000");
        QVERIFY(stranger.connectTo(QUrl(l1.url())));
        QVERIFY(!stranger.handshake());
        QVERIFY2(stranger.closeReason().contains(QLatin1String("no store key in common")),
                 qPrintable(stranger.closeReason()));
        for (const QJsonObject &f : stranger.received())
            QVERIFY(!f.contains(QLatin1String("mac")));
        QVERIFY(l1.stop());
        QCOMPARE(salesOf(l1, QStringLiteral("T9")), 0);

        QVERIFY(l1.start({}, {QStringLiteral("--plaintext-peers"), QStringLiteral("T9")}));
        RawPeer allowed(QStringLiteral("T9"));
        allowed.setPlaintext(true);
        QVERIFY(allowed.connectTo(QUrl(l1.url())));
        QVERIFY(allowed.handshake());
        for (const QByteArray &f : frames)
            allowed.send(f);
        QTRY_COMPARE_WITH_TIMEOUT(allowed.ackedIds().size(), 2, 10000);
        QCOMPARE(salesOf(l1, QStringLiteral("T9")), 2);
        // A plaintext link carries its peer's own messages only: a sale of another lane sent
        // over it is refused for good, not applied, not relayed.
        TestLane other(QStringLiteral("T7"), 77);
        const QList<QByteArray> forged = other.ringSaleFrames(1);
        allowed.send(forged.first());
        const QString forgedId =
            QJsonDocument::fromJson(forged.first()).object().value(QLatin1String("id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonObject &f : allowed.received())
                    if (f.value(QLatin1String("type")).toString() == QLatin1String("reject") &&
                        f.value(QLatin1String("messageId")).toString() == forgedId)
                        return f.value(QLatin1String("permanent")).toBool() &&
                               f.value(QLatin1String("reason"))
                                   .toString()
                                   .contains(QLatin1String("only T9's own messages"));
                return false;
            }(),
            10000);
        QCOMPARE(salesOf(l1, QStringLiteral("T7")), 0);
        QJsonObject h;
        QTRY_VERIFY_WITH_TIMEOUT(!peerOf(h = health(l1, l1Dir), QStringLiteral("T9")).isEmpty(),
                                 30000);
        const QJsonObject peer = peerOf(h, QStringLiteral("T9"));
        QCOMPARE(peer.value(QLatin1String("channel")).toString(), QStringLiteral("plaintext"));
        QVERIFY(peer.value(QLatin1String("plaintext")).toBool());
        const QJsonArray warnings = h.value(QLatin1String("warnings")).toArray();
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().toString().contains(QLatin1String("plaintext link with T9")));
        QVERIFY(l1.stop());
    }

    // Rolling a key without downtime: a lane holding new and old serves lanes that hold either,
    // uses the new one with a lane that has it, and says which key each peer's link uses.
    void keysRollWithoutDowntime()
    {
        QTemporaryDir dir;
        const QString l1Dir = dir.filePath(QStringLiteral("l1"));
        LaneProcess l1(QStringLiteral("L1"), l1Dir);
        LaneProcess l2(QStringLiteral("L2"), dir.filePath(QStringLiteral("l2")));
        LaneProcess l3(QStringLiteral("L3"), dir.filePath(QStringLiteral("l3")));
        LaneProcess l4(QStringLiteral("L4"), dir.filePath(QStringLiteral("l4")));
        const QString both =
            QStringLiteral("%1,%2").arg(QLatin1String(kNewKey), QLatin1String(kOldKey));
        l1.setEnv(QStringLiteral("EUPHORIA_STORE_KEY"), both);
        l2.setEnv(QStringLiteral("EUPHORIA_STORE_KEY"), QLatin1String(kOldKey)); // not yet rolled
        l3.setEnv(QStringLiteral("EUPHORIA_STORE_KEY"), both.toUpper());         // the same keys
        l4.setEnv(
            QStringLiteral("EUPHORIA_STORE_KEY"),
            QStringLiteral("0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6e5f4031201f2e3d4c5b6a798"));
        QVERIFY(l1.start({}));
        QVERIFY(l2.start({l1.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("3")}));
        QVERIFY(l3.start({l1.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("3")}));
        QVERIFY(l4.start({l1.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("3")}));
        // A lane holding new and old that dials a lane holding only the old: its first attempt
        // (new) is refused, its next one (old) gets through.
        LaneProcess l5(QStringLiteral("L5"), dir.filePath(QStringLiteral("l5")));
        l5.setEnv(QStringLiteral("EUPHORIA_STORE_KEY"), both);
        QVERIFY(l5.start({l2.url()}, {QStringLiteral("--ring-sales"), QStringLiteral("2")}));
        QTRY_COMPARE_WITH_TIMEOUT(salesOf(l5, QStringLiteral("L5")), 2, 30000);
        verifyHoldsOnce(l2, l5);
        QVERIFY2(l5.log().contains(QLatin1String("no store key in common")), qPrintable(l5.log()));
        verifyHoldsOnce(l1, l2);
        verifyHoldsOnce(l1, l3);
        QJsonObject h;
        QTRY_VERIFY_WITH_TIMEOUT(!peerOf(h = health(l1, l1Dir), QStringLiteral("L2")).isEmpty() &&
                                     !peerOf(h, QStringLiteral("L3")).isEmpty(),
                                 30000);
        const QString l2Key =
            peerOf(h, QStringLiteral("L2")).value(QLatin1String("storeKey")).toString();
        const QString l3Key =
            peerOf(h, QStringLiteral("L3")).value(QLatin1String("storeKey")).toString();
        QVERIFY2(l2Key.startsWith(QLatin1String("2 of 2")), qPrintable(l2Key));
        QVERIFY2(l3Key.startsWith(QLatin1String("1 of 2")), qPrintable(l3Key));
        QCOMPARE(peerOf(h, QStringLiteral("L3")).value(QLatin1String("channel")).toString(),
                 QStringLiteral("encrypted"));
        QCOMPARE(h.value(QLatin1String("storeKeys")).toArray().size(), 2);
        // A lane of another store (no key in common) is refused, and told why.
        QTRY_VERIFY_WITH_TIMEOUT(l4.log().contains(QLatin1String("no store key in common")), 30000);
        QCOMPARE(salesOf(l1, QStringLiteral("L4")), 0);
        QVERIFY(l5.stop());
        QVERIFY(l4.stop());
        QVERIFY(l3.stop());
        QVERIFY(l2.stop());
        QVERIFY(l1.stop());
    }

    // A key exchange value of small order would make the channel's keys guessable: refused.
    void aSmallOrderKeyIsRefused()
    {
        QTemporaryDir dir;
        LaneProcess l1(QStringLiteral("L1"), dir.filePath(QStringLiteral("l1")));
        QVERIFY(l1.start({}));
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy text(&socket, &QWebSocket::textMessageReceived);
        socket.open(QUrl(l1.url()));
        QVERIFY(connected.wait(10000));
        const QByteArray nonce = PeerProtocol::newNonce();
        const QJsonObject hello =
            PeerProtocol::hello(QStringLiteral("T9"), nonce, std::nullopt, QByteArray(32, '\0'));
        socket.sendTextMessage(QString::fromUtf8(PeerProtocol::compact(hello)));
        QTRY_VERIFY_WITH_TIMEOUT(!text.isEmpty(), 10000);
        QVERIFY2(text.first().first().toString().contains(QLatin1String("key exchange value is "
                                                                        "invalid")),
                 qPrintable(text.first().first().toString()));
        QVERIFY(l1.stop());
    }
};

QTEST_GUILESS_MAIN(TstSecureLink)
#include "tst_securelink.moc"
