// Deterministic simulation of 2 to 5 lanes in one process: random sales, returns, receipts and
// stock counts; catalog edits (new products whose SKUs and barcodes collide across partitions,
// price changes, renames, barcode moves, deactivations; sales of new products reaching lanes
// before the product does); a simulated network that drops, duplicates, delays and reorders
// messages; partitions that split and heal; lanes restarted (objects discarded, database kept);
// clocks hours off (ahead and behind), with counts made on lanes whose clocks are wrong. Lanes meet
// (the hello's clock exchange) before they trade, as the lanes of a store do. At the end the
// network heals, lanes catch up, one reconciliation runs, and every lane must show the same
// checksum and, for every product, the stock implied by the operations in the order they really
// happened: the simulation's own time, which no lane's clock shows; and the same catalog (no
// placeholder left).
//
// The production classes do the work: Lane (SaleService, StockLedger, Hlc), MessageLog (what a
// lane sends a peer), Inbox (how a lane applies what it receives), InventorySnapshot and
// Reconciler. Only the sockets are replaced, by function calls.
//
// Seeds: EUPHORIA_SIM_SEEDS="FIRST-LAST" (default 0-249). Replay one: tst_stocksim seeds:seed-N
// with EUPHORIA_SIM_SEEDS covering N.
#include "barcode.h"
#include "cart.h"
#include "catalogstore.h"
#include "employeestore.h"
#include "idgenerator.h"
#include "inbox.h"
#include "inventorysnapshot.h"
#include "lane.h"
#include "messagelog.h"
#include "peerprotocol.h"
#include "reconciler.h"
#include "stockledger.h"
#include "testlane.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

namespace {
struct Tally
{
    qint64 seeds = 0, lanes = 0, operations = 0, sales = 0, resolvedRuns = 0, resolved = 0,
           catalogEdits = 0, placeholderDeliveries = 0;
};
Tally g_tally;

const QDateTime kStart(QDate(2026, 11, 25), QTime(9, 0), Qt::UTC);

// Every warning but those the scenarios provoke on purpose: lanes whose clocks are hours off say
// so (once each, when they learn it).
const QString kUnexpectedWarning =
    QStringLiteral("^(?!this lane's clock is .* the store's time|lane \\S+ has a clock ).*");

struct Op
{
    QString productId;
    bool absolute = false; // a count
    qint64 value = 0;      // delta, or counted quantity
    qint64 trueMs = 0;     // when it really happened (the simulation's time, not a lane's clock)
};

struct SimLane
{
    QString id;
    QString dir;
    qint64 offsetMs = 0; // how far the lane's own clock is off true time
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<SeededIdGenerator> ids;
    std::unique_ptr<Lane> lane;
    std::unique_ptr<Inbox> inbox;
    bool up = false;
    int group = 0; // partition group; lanes talk only within a group
};

struct Flight
{
    int to = 0;
    QByteArray frame;
    int dueStep = 0;
};

class Simulation
{
public:
    Simulation(quint32 seed, const QString &templateDb, const QString &root)
        : m_seed(seed)
        , m_rng(seed)
        , m_template(templateDb)
        , m_root(root)
    {
    }

    // Runs the whole scenario; an empty string means every check passed.
    QString run();

private:
    QString fail(const QString &what) const
    {
        return QStringLiteral("seed %1: %2").arg(m_seed).arg(what);
    }
    bool startLane(SimLane &l);
    void stopLane(SimLane &l) // a crash: in-memory state is gone, the database stays
    {
        l.inbox.reset();
        l.lane.reset();
        l.up = false;
    }
    bool connected(int a, int b) const
    {
        return a != b && m_lanes[a]->up && m_lanes[b]->up && m_lanes[a]->group == m_lanes[b]->group;
    }
    QList<QByteArray> lacking(SimLane &from, SimLane &to, int limit);
    QString deliver(SimLane &to, const QList<QByteArray> &frames);
    QString catchUpAll();
    // One reconciliation run on lane `self` asking every other lane; its summary in *summary.
    // "not settled" is accepted only when allowUnbacked (figures that rest on no message).
    QString reconcile(size_t self, bool allowUnbacked, QVariantMap *summary);
    QString sell(SimLane &l);
    QString stockOp(SimLane &l, int kind);
    QString editCatalog(SimLane &l);
    void advanceClocks(qint64 trueMs);
    // The hello's clock exchange between two lanes that connect (no network delay here).
    void hello(SimLane &a, SimLane &b);
    qint64 trueMs() const { return kStart.msecsTo(m_trueNow); }

    quint32 m_seed;
    QRandomGenerator m_rng;
    QString m_template;
    QString m_root;
    QDateTime m_trueNow = kStart;
    std::vector<std::unique_ptr<SimLane>> m_lanes;
    QList<Flight> m_inFlight;
    QList<Op> m_ops;
    QStringList m_products;
    QStringList m_newProducts; // made by the simulation's catalog edits
    std::map<QString, qint64> m_catalogStock;
    qint64 m_sales = 0;
    int m_step = 0;
};

bool Simulation::startLane(SimLane &l)
{
    LaneConfig config;
    config.terminalId = l.id;
    config.dataDir = l.dir;
    config.sqliteSynchronous = Database::Synchronous::Normal;
    config.maxClockSkewSeconds = 300;
    l.lane = std::make_unique<Lane>(config, *l.clock, *l.ids);
    // The template's database: the demo start's shift is the template's, not this lane's.
    if (!l.lane->start() || !l.lane->openDemoShift())
        return false;
    l.inbox = std::make_unique<Inbox>(l.lane->database(), l.id, l.lane->clock(), l.lane->hlc());
    l.up = true;
    return true;
}

void Simulation::advanceClocks(qint64 trueMs)
{
    m_trueNow = m_trueNow.addMSecs(trueMs);
    for (auto &l : m_lanes)
        l->clock->advanceMs(trueMs); // wall and monotonic clock alike (timers due fire)
}

void Simulation::hello(SimLane &a, SimLane &b)
{
    StoreClock &ca = a.lane->storeClock();
    StoreClock &cb = b.lane->storeClock();
    const qint64 aClock = ca.physicalMs(), aCorrection = ca.correctionMs();
    const qint64 bClock = cb.physicalMs(), bCorrection = cb.correctionMs();
    const int aStratum = ca.stratum(), bStratum = cb.stratum();
    ca.notePeer(b.id, bClock, bCorrection, bStratum, 0);
    cb.notePeer(a.id, aClock, aCorrection, aStratum, 0);
}

QList<QByteArray> Simulation::lacking(SimLane &from, SimLane &to, int limit)
{
    MessageLog fromLog(from.lane->database(), from.id);
    MessageLog toLog(to.lane->database(), to.id);
    auto held = fromLog.vector();
    auto have = toLog.vector();
    QList<QByteArray> frames;
    if (!held || !have)
        return frames;
    for (auto it = held->cbegin(); it != held->cend(); ++it) {
        if (it.key() == to.id)
            continue;
        auto entries = fromLog.after(it.key(), have->value(it.key(), 0), limit);
        if (!entries)
            continue;
        for (const MessageLog::Entry &e : *entries)
            frames.append(e.frame);
    }
    return frames;
}

QString Simulation::deliver(SimLane &to, const QList<QByteArray> &frames)
{
    if (frames.isEmpty())
        return {};
    QList<Inbox::Incoming> batch;
    for (const QByteArray &frame : frames) {
        auto parsed = PeerProtocol::parse(frame);
        if (!parsed || parsed->kind != PeerProtocol::Kind::Message)
            return fail(QStringLiteral("a lane sent a frame that does not parse: %1")
                            .arg(QString::fromUtf8(frame.left(200))));
        batch.append(
            Inbox::Incoming{parsed->message, PeerProtocol::compact(parsed->message.payload)});
    }
    const auto results = to.inbox->applyBatch(batch);
    // Sales that came before their product (counted, so the scenario is known to happen).
    if (auto waiting = to.lane->database().scalar(
            QStringLiteral("SELECT COUNT(*) FROM products WHERE placeholder = 1"));
        waiting && waiting->toLongLong() > 0)
        ++g_tally.placeholderDeliveries;
    for (qsizetype i = 0; i < results.size(); ++i)
        if (results.at(i).outcome == Inbox::Outcome::Rejected)
            return fail(QStringLiteral("%1 rejected %2 from %3: %4")
                            .arg(to.id, batch.at(i).message.topic, batch.at(i).message.fromTerminal,
                                 results.at(i).error));
    return {};
}

QString Simulation::sell(SimLane &l)
{
    auto employees = EmployeeStore(l.lane->database()).active();
    if (!employees || employees->isEmpty())
        return fail(QStringLiteral("no employee"));
    Cart cart;
    const int lines = 1 + int(m_rng.bounded(2));
    for (int i = 0; i < lines; ++i) {
        // Now and then a product made by an edit, where this lane knows it (active).
        if (!m_newProducts.isEmpty() && m_rng.bounded(4) == 0) {
            auto made = l.lane->catalog().byId(
                m_newProducts.at(int(m_rng.bounded(int(m_newProducts.size())))));
            if (made && made->has_value() && made->value().active && !made->value().placeholder) {
                if (!cart.add(made->value(), 1))
                    return fail(QStringLiteral("cannot add a new product to a cart"));
                continue;
            }
        }
        auto product =
            l.lane->catalog().byId(m_products.at(int(m_rng.bounded(int(m_products.size())))));
        if (!product || !product->has_value())
            return fail(QStringLiteral("product missing"));
        if (!cart.add(product->value(), 1 + int(m_rng.bounded(3))))
            return fail(QStringLiteral("cannot add to cart"));
    }
    if (!cart.addCard(cart.totalCents()))
        return fail(QStringLiteral("cannot pay"));
    auto sale = l.lane->sales().complete(cart, employees->first());
    if (!sale)
        return fail(QStringLiteral("sale failed: ") + sale.error());
    ++m_sales;
    for (const SaleLine &line : sale->lines)
        m_ops.append(Op{line.productId, false, -qint64(line.quantity), trueMs()});
    return {};
}

QString Simulation::stockOp(SimLane &l, int kind)
{
    const QString product = m_products.at(int(m_rng.bounded(int(m_products.size()))));
    const qint64 amount = kind == 0   ? 1 + m_rng.bounded(3)
                          : kind == 1 ? 5 + m_rng.bounded(20)
                                      : m_rng.bounded(60);
    auto r = kind == 0   ? l.lane->stock().recordDelta(product, amount, QStringLiteral("return"))
             : kind == 1 ? l.lane->stock().recordDelta(product, amount, QStringLiteral("receipt"))
                         : l.lane->stock().recordCount(product, amount);
    if (!r)
        return fail(QStringLiteral("stock operation failed: ") + r.error());
    m_ops.append(Op{product, kind == 2, amount, trueMs()});
    return {};
}

// In-store EAN-13 codes (prefix 2), a few, so that edits on two lanes collide on them.
QString simBarcode(int k)
{
    const QString first12 = QStringLiteral("2990%1").arg(k, 8, 10, QLatin1Char('0'));
    return first12 + QString::number(Barcode::checkDigit(first12));
}

QString Simulation::editCatalog(SimLane &l)
{
    auto employees = EmployeeStore(l.lane->database()).active();
    if (!employees)
        return fail(employees.error());
    const Employee *manager = nullptr;
    for (const Employee &e : std::as_const(*employees))
        if (e.isManager())
            manager = &e;
    if (!manager)
        return fail(QStringLiteral("no manager"));
    ProductEdit edit;
    const int kind = int(m_rng.bounded(5));
    if (kind == 0 || m_newProducts.isEmpty()) {
        // A new product; its SKU and barcode may be taken meanwhile on a lane it cannot reach.
        edit.sku = QStringLiteral("SIM-%1").arg(m_rng.bounded(4));
        edit.name = QStringLiteral("Sim product %1").arg(m_rng.bounded(1000));
        edit.category = m_rng.bounded(2) ? QStringLiteral("Simulated") : QString();
        edit.priceCents = 100 + m_rng.bounded(900);
        edit.taxRateBp = 800;
        edit.barcodes = {simBarcode(int(m_rng.bounded(6)))};
    } else {
        // A change to a product this lane knows: one made by an edit, or a selling one.
        const bool made = kind < 4;
        const QStringList &from = made ? m_newProducts : m_products;
        auto product = l.lane->catalog().byId(from.at(int(m_rng.bounded(int(from.size())))));
        if (!product)
            return fail(product.error());
        if (!product->has_value() || product->value().placeholder)
            return {};
        const Product &p = product->value();
        edit = ProductEdit{p.id,       p.sku,        p.name,      p.categoryName,
                           p.barcodes, p.priceCents, p.taxRateBp, p.active};
        if (edit.sku.contains(QLatin1Char('~')))
            edit.sku = edit.sku.section(QLatin1Char('~'), 0, 0); // claim it again
        switch (int(m_rng.bounded(made ? 4 : 2))) {
        case 0:
            edit.priceCents = 50 + m_rng.bounded(2000);
            break;
        case 1:
            edit.name = p.name.section(QLatin1Char(' '), 0, 1) +
                        QStringLiteral(" v%1").arg(m_rng.bounded(100));
            break;
        case 2:
            edit.barcodes = {simBarcode(int(m_rng.bounded(6)))};
            break;
        default:
            edit.active = !p.active;
            break;
        }
    }
    // Refused here (the SKU or barcode belongs to another product this lane knows): a manager
    // would pick another; nothing was written.
    auto saved = l.lane->catalogAdmin().save(edit, *manager);
    if (saved && edit.id.isEmpty())
        m_newProducts.append(saved->id);
    if (saved)
        ++g_tally.catalogEdits;
    return {};
}

QString Simulation::catchUpAll()
{
    for (int round = 0; round < 50; ++round) {
        bool moved = false;
        for (size_t a = 0; a < m_lanes.size(); ++a)
            for (size_t b = 0; b < m_lanes.size(); ++b) {
                if (a == b)
                    continue;
                const auto frames = lacking(*m_lanes[a], *m_lanes[b], 100000);
                if (frames.isEmpty())
                    continue;
                moved = true;
                if (QString e = deliver(*m_lanes[b], frames); !e.isEmpty())
                    return e;
            }
        if (!moved)
            return {};
    }
    return fail(QStringLiteral("catch-up did not settle in 50 rounds"));
}

QString Simulation::reconcile(size_t selfIndex, bool allowUnbacked, QVariantMap *summaryOut)
{
    SimLane &self = *m_lanes[selfIndex];
    ReconcilerConfig rc;
    rc.intervalMs = 0;
    rc.answerTimeoutMs = 60000;
    rc.catchUpPollMs = 0;
    rc.catchUpTimeoutMs = 0;
    ReconcilerLinks links;
    QHash<QString, SimLane *> byId;
    for (auto &l : m_lanes)
        byId.insert(l->id, l.get());
    QString error;
    std::unique_ptr<Reconciler> recon;
    links.connectedPeers = [&] {
        QStringList peers;
        for (size_t i = 0; i < m_lanes.size(); ++i)
            if (i != selfIndex)
                peers.append(m_lanes[i]->id);
        return peers;
    };
    links.send = [&](const QString &peer, const QByteArray &frame) {
        QTimer::singleShot(0, [&, peer, frame] {
            SimLane *p = byId.value(peer);
            // On a real connection the messages pumped before this request arrive first.
            if (QString e = deliver(*p, lacking(self, *p, 100000)); !e.isEmpty()) {
                error = e;
                return;
            }
            auto parsed = PeerProtocol::parse(frame);
            if (!parsed || parsed->kind != PeerProtocol::Kind::InventoryRequest) {
                error = fail(QStringLiteral("bad inventory_request"));
                return;
            }
            auto vector = MessageLog(p->lane->database(), p->id).vector();
            auto frames = InventorySnapshot::respond(p->lane->database(), parsed->json,
                                                     p->lane->clock().nowIso(), *vector);
            if (!frames) {
                error = fail(frames.error());
                return;
            }
            for (const QByteArray &f : *frames) {
                auto response = PeerProtocol::parse(f);
                if (!response || response->kind != PeerProtocol::Kind::InventoryResponse) {
                    error = fail(QStringLiteral("inventory_response does not parse"));
                    return;
                }
                recon->onInventoryResponse(peer, response->json);
            }
        });
    };
    links.catchUp = [&](const QString &peer) {
        if (QString e = deliver(self, lacking(*byId.value(peer), self, 100000)); !e.isEmpty())
            error = e;
    };
    recon = std::make_unique<Reconciler>(self.lane->database(), self.lane->outbox(),
                                         self.lane->hlc(), self.lane->clock(), self.lane->ids(),
                                         self.id, rc, std::move(links));
    QVariantMap summary;
    QObject::connect(recon.get(), &Reconciler::finished,
                     [&](const QVariantMap &s) { summary = s; });
    if (!recon->reconcileNow(QStringLiteral("simulation")))
        return fail(QStringLiteral("reconciliation did not start"));
    for (int i = 0; i < 100000 && recon->isRunning() && error.isEmpty(); ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    if (!error.isEmpty())
        return error;
    if (recon->isRunning())
        return fail(QStringLiteral("reconciliation did not finish"));
    *summaryOut = summary;
    const QString result = summary.value(QStringLiteral("result")).toString();
    const bool unbackedOnly =
        result == QLatin1String("not settled") &&
        summary.value(QStringLiteral("notComparable")).toStringList().isEmpty();
    if (result != QLatin1String("in sync") && result != QLatin1String("resolved") &&
        !(allowUnbacked && unbackedOnly))
        return fail(
            QStringLiteral("reconciliation ended with \"%1\"").arg(result) +
            QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(summary)).toJson()));
    const qint64 resolved = summary.value(QStringLiteral("resolved")).toLongLong();
    if (recon->conflicts(10000).size() != resolved)
        return fail(QStringLiteral("%1 resolved, but %2 conflicts recorded")
                        .arg(resolved)
                        .arg(recon->conflicts(10000).size()));
    g_tally.resolved += resolved;
    g_tally.resolvedRuns += resolved > 0 ? 1 : 0;
    return {};
}

QString Simulation::run()
{
    const int laneCount = 2 + int(m_rng.bounded(4));
    for (int i = 0; i < laneCount; ++i) {
        auto l = std::make_unique<SimLane>();
        l->id = QStringLiteral("L%1").arg(i + 1);
        l->dir = QDir(m_root).filePath(l->id);
        QDir().mkpath(l->dir);
        LaneConfig probe;
        probe.terminalId = l->id;
        probe.dataDir = l->dir;
        if (!QFile::copy(m_template, probe.databasePath()) ||
            (QFile::exists(m_template + QStringLiteral("-wal")) &&
             !QFile::copy(m_template + QStringLiteral("-wal"),
                          probe.databasePath() + QStringLiteral("-wal"))))
            return fail(QStringLiteral("cannot copy the template database"));
        // Right, or hours ahead or behind (up to a day), to the millisecond.
        l->offsetMs = m_rng.bounded(3) == 0 ? 0 : qint64(m_rng.bounded(172800001)) - 86400000;
        l->clock = std::make_unique<ManualClock>(kStart.addMSecs(l->offsetMs));
        l->ids = std::make_unique<SeededIdGenerator>(m_seed * 7919u + quint32(i));
        m_lanes.push_back(std::move(l));
    }
    for (auto &l : m_lanes)
        if (!startLane(*l))
            return fail(QStringLiteral("lane did not start"));
    // The lanes of a store have met: each knows the others' clocks.
    for (size_t a = 0; a < m_lanes.size(); ++a)
        for (size_t b = a + 1; b < m_lanes.size(); ++b)
            hello(*m_lanes[a], *m_lanes[b]);

    // A few products, so that lanes collide on them.
    auto all = m_lanes.front()->lane->catalog().byCategory(QString(), 1000);
    if (!all || all->size() < 4)
        return fail(QStringLiteral("no catalog"));
    const int productCount = 2 + int(m_rng.bounded(3));
    for (int i = 0; i < productCount; ++i)
        m_products.append(all->at(int(m_rng.bounded(int(all->size())))).id);
    m_products.removeDuplicates();
    InventoryStore inventory(m_lanes.front()->lane->database());
    for (const QString &p : std::as_const(m_products)) {
        auto level = inventory.level(p);
        m_catalogStock[p] = level && level->has_value() ? level->value().currentStock : 0;
    }

    // Sometimes a lane starts with a stock figure of its own for one product (a count taken
    // before the ledger, never published): only reconciliation can bring the others to it, and
    // by last write wins it must (its time (0, 0, lane) is later than the catalog's (0, 0, "")).
    // No message backs it, so another lane's run leaves it alone and names it; the lane's own
    // run publishes it (a message), and that reaches the others.
    if (m_lanes.size() > 1 && m_rng.bounded(100) < 40) {
        SimLane &odd = *m_lanes[1 + m_rng.bounded(int(m_lanes.size()) - 1)];
        const QString p = m_products.first();
        const qint64 counted = m_catalogStock[p] + 1 + m_rng.bounded(9);
        QSqlQuery q(odd.lane->database().connection());
        q.prepare(QStringLiteral("UPDATE inventory_baselines SET quantity = ?, hlc_terminal = ? "
                                 "WHERE product_id = ?"));
        q.addBindValue(counted);
        q.addBindValue(odd.id);
        q.addBindValue(p);
        QSqlQuery q2(odd.lane->database().connection());
        q2.prepare(QStringLiteral("UPDATE inventory SET current_stock = ?, hlc_terminal = ? "
                                  "WHERE product_id = ?"));
        q2.addBindValue(counted);
        q2.addBindValue(odd.id);
        q2.addBindValue(p);
        if (!q.exec() || !q2.exec() || q.numRowsAffected() != 1 || q2.numRowsAffected() != 1)
            return fail(QStringLiteral("cannot set up a divergent baseline"));
        m_ops.append(Op{p, true, counted, 0});
    }

    const int steps = 60 + int(m_rng.bounded(140));
    for (m_step = 0; m_step < steps; ++m_step) {
        advanceClocks(1 + m_rng.bounded(3000));
        const int pick = int(m_rng.bounded(100));
        SimLane &l = *m_lanes[m_rng.bounded(int(m_lanes.size()))];
        QString error;
        if (pick < 28) {
            if (l.up)
                error = sell(l);
        } else if (pick < 40) {
            if (l.up)
                error = stockOp(l, pick < 32 ? 0 : pick < 36 ? 1 : 2);
        } else if (pick < 72) {
            // One exchange between two lanes: some of what one lacks, with faults.
            const int a = int(m_rng.bounded(int(m_lanes.size())));
            const int b = int(m_rng.bounded(int(m_lanes.size())));
            if (!connected(a, b))
                continue;
            hello(*m_lanes[a], *m_lanes[b]);
            QList<QByteArray> frames = lacking(*m_lanes[a], *m_lanes[b], 1 + m_rng.bounded(8));
            QList<QByteArray> now;
            for (const QByteArray &f : std::as_const(frames)) {
                const int fate = int(m_rng.bounded(100));
                if (fate < 12)
                    continue; // dropped
                if (fate < 30) {
                    m_inFlight.append(Flight{b, f, m_step + 1 + int(m_rng.bounded(20))});
                    continue; // delayed
                }
                now.append(f);
                if (fate < 40)
                    now.append(f); // duplicated
            }
            for (qsizetype i = now.size() - 1; i > 0; --i) // reordered
                now.swapItemsAt(i, qsizetype(m_rng.bounded(int(i + 1))));
            error = deliver(*m_lanes[b], now);
        } else if (pick < 80) {
            // Delayed messages whose time has come (to lanes that are up).
            QList<Flight> later;
            for (const Flight &f : std::as_const(m_inFlight)) {
                if (f.dueStep <= m_step && m_lanes[f.to]->up) {
                    if (error.isEmpty())
                        error = deliver(*m_lanes[f.to], {f.frame});
                } else {
                    later.append(f);
                }
            }
            m_inFlight = later;
        } else if (pick < 87) {
            // Partition: split into two random groups, or heal.
            const bool heal = m_rng.bounded(2) == 0;
            for (auto &x : m_lanes)
                x->group = heal ? 0 : int(m_rng.bounded(2));
        } else if (pick < 94) {
            if (l.up) {
                int upCount = 0;
                for (auto &x : m_lanes)
                    upCount += x->up ? 1 : 0;
                if (upCount > 1)
                    stopLane(l);
            } else if (!startLane(l)) {
                error = fail(QStringLiteral("lane %1 did not restart").arg(l.id));
            }
        } else if (pick < 97) {
            // A count on this lane, whatever its clock says.
            if (l.up)
                error = stockOp(l, 2);
        } else if (l.up) {
            error = editCatalog(l);
        }
        if (!error.isEmpty())
            return error;
    }

    // The end: everything heals and every lane is up.
    for (auto &l : m_lanes) {
        l->group = 0;
        if (!l->up && !startLane(*l))
            return fail(QStringLiteral("lane %1 did not restart").arg(l->id));
    }
    for (const Flight &f : std::as_const(m_inFlight))
        if (QString e = deliver(*m_lanes[f.to], {f.frame}); !e.isEmpty())
            return e;
    m_inFlight.clear();
    if (QString e = catchUpAll(); !e.isEmpty())
        return e;
    QVariantMap summary;
    if (QString e = reconcile(0, true, &summary); !e.isEmpty())
        return e;
    if (QString e = catchUpAll(); !e.isEmpty())
        return e;
    // A figure that rests on no message settles nothing on another lane: the lane that has it
    // publishes it in its own run (every lane reconciles on its schedule), as a message.
    for (const QVariant &u : summary.value(QStringLiteral("unbackedFigures")).toList()) {
        const QString peer = u.toMap().value(QStringLiteral("peer")).toString();
        size_t at = 0;
        while (at < m_lanes.size() && m_lanes[at]->id != peer)
            ++at;
        if (at == m_lanes.size())
            return fail(QStringLiteral("unbacked figures from an unknown lane %1").arg(peer));
        QVariantMap own;
        if (QString e = reconcile(at, false, &own); !e.isEmpty())
            return e;
        if (QString e = catchUpAll(); !e.isEmpty())
            return e;
    }

    // Ground truth from the operations in the order they really happened (the simulation's
    // time; every step moves it on, so no two operations share a moment): the latest count (or
    // the catalog's stock) plus the deltas after it.
    std::map<QString, qint64> truth;
    for (const QString &p : std::as_const(m_products)) {
        qint64 base = -1;
        qint64 stock = m_catalogStock[p];
        for (const Op &op : std::as_const(m_ops))
            if (op.productId == p && op.absolute && op.trueMs > base) {
                base = op.trueMs;
                stock = op.value;
            }
        for (const Op &op : std::as_const(m_ops))
            if (op.productId == p && !op.absolute && op.trueMs > base)
                stock += op.value;
        truth[p] = stock;
    }
    ++g_tally.seeds;
    g_tally.lanes += qint64(m_lanes.size());
    g_tally.operations += m_ops.size();
    g_tally.sales += m_sales;
    QString firstChecksum, firstCatalog;
    for (auto &l : m_lanes) {
        Database &db = l->lane->database();
        // The same catalog on every lane, every product complete.
        auto catalog = CatalogStore(db).digest();
        if (!catalog)
            return fail(catalog.error());
        if (firstCatalog.isEmpty())
            firstCatalog = *catalog;
        else if (*catalog != firstCatalog)
            return fail(QStringLiteral("%1's catalog differs from L1's").arg(l->id));
        auto placeholders = db.scalar(QStringLiteral("SELECT COUNT(*) FROM products WHERE "
                                                     "placeholder = 1"));
        if (!placeholders || placeholders->toLongLong() != 0)
            return fail(QStringLiteral("%1 still has placeholder products").arg(l->id));
        auto sum = InventorySnapshot::checksum(db);
        if (!sum)
            return fail(sum.error());
        if (firstChecksum.isEmpty())
            firstChecksum = *sum;
        else if (*sum != firstChecksum)
            return fail(QStringLiteral("%1's checksum differs from L1's").arg(l->id));
        auto sales = db.scalar(QStringLiteral("SELECT COUNT(*) FROM transactions"));
        if (!sales || sales->toLongLong() != m_sales)
            return fail(QStringLiteral("%1 has %2 sales, %3 were rung")
                            .arg(l->id)
                            .arg(sales ? sales->toLongLong() : -1)
                            .arg(m_sales));
        InventoryStore store(db);
        for (const QString &p : std::as_const(m_products)) {
            auto level = store.level(p);
            const qint64 have = level && level->has_value() ? level->value().currentStock : -1;
            if (have != truth[p])
                return fail(QStringLiteral("%1: product %2 stock %3, truth %4 (%5 operations)")
                                .arg(l->id, p)
                                .arg(have)
                                .arg(truth[p])
                                .arg(m_ops.size()));
        }
    }
    return {};
}
// A lane on its own database in dir, on a manual clock (for the focused tests).
std::unique_ptr<Lane> startedLane(const QString &dir, ManualClock &clock, IdGenerator &ids)
{
    LaneConfig config;
    config.terminalId = QStringLiteral("L1");
    config.dataDir = dir;
    config.sqliteSynchronous = Database::Synchronous::Normal;
    auto lane = std::make_unique<Lane>(config, clock, ids);
    if (!lane->start() || !lane->openDemoShift())
        return nullptr;
    return lane;
}
} // namespace

class TstStockSim : public QObject
{
    Q_OBJECT

private slots:
    // Any warning fails the test, but for those the scenario provokes on purpose.
    void init() { QTest::failOnWarning(QRegularExpression(kUnexpectedWarning)); }

    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("lane.*.info=false"));
        QVERIFY(m_dir.isValid());
        // One lane's database with the demo catalog, copied for every simulated lane.
        ManualClock clock(kStart);
        SeededIdGenerator ids(1);
        LaneConfig config;
        config.terminalId = QStringLiteral("template");
        config.dataDir = m_dir.filePath(QStringLiteral("template"));
        config.sqliteSynchronous = Database::Synchronous::Normal;
        {
            Lane lane(config, clock, ids);
            QVERIFY(lane.start());
        }
        m_template = config.databasePath();
        QVERIFY(QFile::exists(m_template));
    }

    // The clock never goes backwards: not when the wall clock does, not across a restart.
    void hlcNeverGoesBackwards()
    {
        QTemporaryDir dir(m_dir.filePath(QStringLiteral("hlc-XXXXXX")));
        ManualClock clock(kStart);
        SeededIdGenerator ids(3);
        HlcTime last;
        {
            auto started = startedLane(dir.path(), clock, ids);
            QVERIFY(started);
            Lane &lane = *started;
            auto a = lane.hlc().tick();
            QVERIFY(a);
            QCOMPARE(a->ms, kStart.toMSecsSinceEpoch());
            clock.advanceMs(-3600 * 1000); // the wall clock jumps an hour back
            auto b = lane.hlc().tick();
            QVERIFY(b);
            QVERIFY(*b > *a);
            QCOMPARE(b->ms, a->ms);
            QCOMPARE(b->counter, a->counter + 1);
            last = *b;
        }
        auto again = startedLane(dir.path(), clock, ids);
        QVERIFY(again);
        auto c = again->hlc().tick();
        QVERIFY(c);
        QVERIFY(*c > last);
    }

    // Every received time is merged, however far ahead (Inbox holds back what is too far ahead
    // before it gets here): what the lane records next comes after it.
    void hlcMergesEveryTimeItReceives()
    {
        QTemporaryDir dir(m_dir.filePath(QStringLiteral("hlc-XXXXXX")));
        ManualClock clock(kStart);
        SeededIdGenerator ids(4);
        auto started = startedLane(dir.path(), clock, ids);
        QVERIFY(started);
        Lane &lane = *started;
        const qint64 now = kStart.toMSecsSinceEpoch();
        QVERIFY(lane.hlc().observe(HlcTime{now + 60 * 60 * 1000, 7, QStringLiteral("L2")}));
        QCOMPARE(lane.hlc().last().ms, now + 60 * 60 * 1000);
        QCOMPARE(lane.hlc().last().counter, 8);
        auto next = lane.hlc().tick();
        QVERIFY(next);
        QCOMPARE(next->ms, now + 60 * 60 * 1000);
        QCOMPARE(next->counter, 9);
        // An older time moves nothing but the counter.
        QVERIFY(lane.hlc().observe(HlcTime{now - 1000, 0, QStringLiteral("L3")}));
        QCOMPARE(lane.hlc().last().ms, now + 60 * 60 * 1000);
        QCOMPARE(lane.hlc().last().counter, 10);
    }

    // A sale rung before a count but arriving after it is already in the count; a sale after
    // the count is subtracted; a count older than the baseline changes nothing.
    void aLateSaleBeforeACountIsNotSubtractedTwice()
    {
        QTemporaryDir dir(m_dir.filePath(QStringLiteral("ledger-XXXXXX")));
        ManualClock clock(kStart);
        SeededIdGenerator ids(5);
        auto started = startedLane(dir.path(), clock, ids);
        QVERIFY(started);
        Lane &lane = *started;
        auto products = lane.catalog().byCategory(QString(), 1);
        QVERIFY(products);
        QVERIFY(!products->isEmpty());
        const QString p = products->first().id;
        InventoryStore store(lane.database());
        const QString at = clock.nowIso();
        const qint64 t = kStart.toMSecsSinceEpoch();
        auto change = [&](qint64 delta, qint64 ms, const QString &lane2, const QString &id) {
            return StockChange{p,
                               delta,
                               delta < 0 ? QStringLiteral("sale") : QStringLiteral("receipt"),
                               {},
                               lane2,
                               id,
                               at,
                               HlcTime{ms, 0, lane2}};
        };
        QVERIFY(store.applyBaseline(StockChange{p,
                                                0,
                                                QStringLiteral("count"),
                                                {},
                                                QStringLiteral("L1"),
                                                ids.nextString(),
                                                at,
                                                HlcTime{t, 0, QStringLiteral("L1")}},
                                    17));
        QCOMPARE(store.level(p)->value().currentStock, 17);
        auto late = store.applyDelta(change(-2, t - 1000, QStringLiteral("L2"), ids.nextString()));
        QVERIFY(late);
        QVERIFY(!late->effective);
        QCOMPARE(store.level(p)->value().currentStock, 17);
        auto after = store.applyDelta(change(-3, t + 1000, QStringLiteral("L2"), ids.nextString()));
        QVERIFY(after);
        QVERIFY(after->effective);
        QCOMPARE(store.level(p)->value().currentStock, 14);
        const HlcTime saleTime{t + 1000, 0, QStringLiteral("L2")};
        QCOMPARE(store.level(p)->value().lastUpdated, saleTime.iso());
        // An older count (concurrent, earlier HLC) loses: recorded, no effect.
        auto older = store.applyBaseline(StockChange{p,
                                                     0,
                                                     QStringLiteral("count"),
                                                     {},
                                                     QStringLiteral("L3"),
                                                     ids.nextString(),
                                                     at,
                                                     HlcTime{t - 500, 0, QStringLiteral("L3")}},
                                         50);
        QVERIFY(older);
        QVERIFY(!older->effective);
        QCOMPARE(store.level(p)->value().currentStock, 14);
        // A newer count replaces the baseline; the sale after it is added back on top of it.
        auto newer = store.applyBaseline(StockChange{p,
                                                     0,
                                                     QStringLiteral("count"),
                                                     {},
                                                     QStringLiteral("L3"),
                                                     ids.nextString(),
                                                     at,
                                                     HlcTime{t + 500, 0, QStringLiteral("L3")}},
                                         40);
        QVERIFY(newer);
        QVERIFY(newer->effective);
        QCOMPARE(store.level(p)->value().currentStock, 37);
        // That the same message cannot change the product twice is the inbox's to guarantee
        // (inbox_processed, in the same transaction: tst_peerprotocol), not a ledger index's.
    }

    // The checksum is the documented canonical serialization (README "Inventory checksum").
    void checksumIsTheDocumentedSerialization()
    {
        QList<InventoryRecord> records(2);
        records[0].productId = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
        records[0].currentStock = 12;
        records[0].lastUpdated = QStringLiteral("2026-11-25T10:00:00.000Z");
        records[1].productId = QStringLiteral("1f8fad5b-d9cb-469f-a165-70867728950e");
        records[1].currentStock = -3;
        records[1].lastUpdated = QStringLiteral("2026-11-25T10:00:01.250Z");
        records[1].updated.counter = 4;
        const QByteArray bytes =
            "0f8fad5b-d9cb-469f-a165-70867728950e|12|2026-11-25T10:00:00.000Z|0\n"
            "1f8fad5b-d9cb-469f-a165-70867728950e|-3|2026-11-25T10:00:01.250Z|4\n";
        QCOMPARE(InventorySnapshot::canonical(records), bytes);
        QCOMPARE(InventorySnapshot::checksum(records),
                 QString::fromLatin1(
                     QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    }

    // Reading some buckets gives exactly those products of the whole inventory, in id order
    // (SQLite's byte order), with their baselines; the checksum streamed from the database is
    // the checksum of the records read.
    void readingBucketsMatchesTheWholeInventory()
    {
        TestLane t;
        // A baseline that differs from the catalog's on one product, so it must come along.
        QVERIFY(t.db().exec(QStringLiteral(
            "UPDATE inventory_baselines SET quantity = quantity + 5, hlc_ms = 77, hlc_terminal "
            "= 'L9' WHERE product_id = (SELECT MAX(product_id) FROM inventory_baselines)")));
        auto all = InventorySnapshot::read(t.db());
        QVERIFY2(all, qPrintable(all.error()));
        QVERIFY(all->size() > 100);
        QCOMPARE(*InventorySnapshot::checksum(t.db()), InventorySnapshot::checksum(*all));
        for (qsizetype i = 1; i < all->size(); ++i)
            QVERIFY(all->at(i - 1).productId.toUtf8() < all->at(i).productId.toUtf8());
        QVERIFY(all->last().hasBaseline);
        QCOMPARE(all->last().baselineHlc, (HlcTime{77, 0, QStringLiteral("L9")}));

        QSet<int> some;
        for (qsizetype i = 0; i < all->size(); i += 3)
            some.insert(InventorySnapshot::bucketOf(all->at(i).productId));
        some.insert(InventorySnapshot::bucketOf(all->last().productId));
        some.insert(4095 + 1); // out of range: ignored
        auto part = InventorySnapshot::read(t.db(), &some);
        QVERIFY2(part, qPrintable(part.error()));
        QList<InventoryRecord> expected;
        for (const InventoryRecord &r : std::as_const(*all))
            if (some.contains(InventorySnapshot::bucketOf(r.productId)))
                expected.append(r);
        QVERIFY(expected.size() < all->size());
        QCOMPARE(part->size(), expected.size());
        for (qsizetype i = 0; i < part->size(); ++i) {
            const InventoryRecord &got = part->at(i);
            const InventoryRecord &want = expected.at(i);
            QCOMPARE(got.productId, want.productId);
            QVERIFY(got.sameStock(want));
            QCOMPARE(got.reservedStock, want.reservedStock);
            QCOMPARE(got.updated, want.updated);
            QCOMPARE(got.hasBaseline, want.hasBaseline);
            QCOMPARE(got.baselineQuantity, want.baselineQuantity);
            QCOMPARE(got.baselineHlc, want.baselineHlc);
        }
    }

    // A peer that never answers is reported by name when the timeout ends the run.
    void aSilentPeerIsReportedNotAwaited()
    {
        QTemporaryDir dir(m_dir.filePath(QStringLiteral("silent-XXXXXX")));
        ManualClock clock(kStart);
        SeededIdGenerator ids(6);
        auto started = startedLane(dir.path(), clock, ids);
        QVERIFY(started);
        Lane &lane = *started;
        ReconcilerConfig rc;
        rc.intervalMs = 0;
        rc.answerTimeoutMs = 10000; // on the lane's clock: the test does not wait for it
        ReconcilerLinks links;
        int sent = 0;
        links.connectedPeers = [] { return QStringList{QStringLiteral("L7")}; };
        links.send = [&](const QString &, const QByteArray &) { ++sent; };
        Reconciler recon(lane.database(), lane.outbox(), lane.hlc(), clock, ids,
                         QStringLiteral("L1"), rc, std::move(links));
        QSignalSpy finished(&recon, &Reconciler::finished);
        QVERIFY(recon.reconcileNow());
        QVERIFY(!recon.reconcileNow()); // never two at once
        // The answer timeout runs on the lane's clock: not a moment before it passes.
        clock.advanceMs(rc.answerTimeoutMs - 1);
        QCOMPARE(finished.size(), 0);
        clock.advanceMs(1);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(sent, 1);
        const QVariantMap summary = finished.first().first().toMap();
        QCOMPARE(summary.value(QStringLiteral("unanswered")).toStringList(),
                 QStringList{QStringLiteral("L7")});
        QVERIFY(summary.value(QStringLiteral("result")).toString().contains(QStringLiteral("L7")));
        QCOMPARE(
            lane.database()
                .scalar(QStringLiteral(
                    "SELECT COUNT(*) FROM outbox WHERE topic LIKE 'inventory.reconciliation.%'"))
                ->toInt(),
            2);
    }

    void seeds_data()
    {
        QTest::addColumn<quint32>("seed");
        const QString spec = qEnvironmentVariable("EUPHORIA_SIM_SEEDS", QStringLiteral("0-249"));
        const QStringList range = spec.split(QLatin1Char('-'));
        const quint32 first = range.value(0).toUInt();
        const quint32 last = range.size() > 1 ? range.value(1).toUInt() : first;
        for (quint32 s = first; s <= last; ++s)
            QTest::newRow(qPrintable(QStringLiteral("seed-%1").arg(s))) << s;
    }
    void seeds()
    {
        QFETCH(quint32, seed);
        QTemporaryDir root(m_dir.filePath(QStringLiteral("run-XXXXXX")));
        QVERIFY(root.isValid());
        const QString error = Simulation(seed, m_template, root.path()).run();
        QVERIFY2(error.isEmpty(),
                 qPrintable(
                     error +
                     QStringLiteral(" -- replay: EUPHORIA_SIM_SEEDS=%1 tst_stocksim seeds:seed-%1")
                         .arg(seed)));
    }

    void cleanupTestCase()
    {
        qInfo("simulated %lld seeds, %lld lanes, %lld stock operations (%lld sales), %lld "
              "catalog edits; reconciliation resolved %lld differences in %lld seeds",
              g_tally.seeds, g_tally.lanes, g_tally.operations, g_tally.sales, g_tally.catalogEdits,
              g_tally.resolved, g_tally.resolvedRuns);
        qInfo("deliveries that left a lane with a placeholder product: %lld",
              g_tally.placeholderDeliveries);
        // The scenarios the catalog checks are about happen (with the default 250 seeds).
        if (g_tally.seeds >= 100) {
            QVERIFY(g_tally.catalogEdits > 0);
            QVERIFY(g_tally.placeholderDeliveries > 0);
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_template;
};

QTEST_GUILESS_MAIN(TstStockSim)
#include "tst_stocksim.moc"
