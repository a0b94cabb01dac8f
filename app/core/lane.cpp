#include "lane.h"

#include "clock.h"
#include "cloudqueuestore.h"
#include "corelog.h"
#include "employeestore.h"
#include "hlcpersistence.h"
#include "idgenerator.h"
#include "storekey.h"
#include "writetransaction.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSaveFile>

Lane::Lane(LaneConfig config, Clock &clock, IdGenerator &ids, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(clock, m_config.terminalId, qint64(m_config.maxClockSkewSeconds) * 1000)
    , m_ids(ids)
{
    // ConfigLoader has checked the code; a LaneConfig built in code may not have been.
    auto money = MoneyFormat::of(m_money.locale(), m_config.currency);
    if (money)
        m_money = *money;
    else
        qCWarning(lcApp).noquote() << "currency" << m_config.currency.left(8) << ":"
                                   << money.error() << "- amounts are shown as USD";
}

void Lane::setMoneyFormat(const MoneyFormat &money)
{
    if (money == m_money)
        return;
    m_money = money;
    Q_EMIT moneyFormatChanged();
}

Lane::~Lane() = default;

QString Lane::demoCatalogResource()
{
    return QStringLiteral(":/euphoria/demo-catalog.json");
}

namespace {
QJsonObject demoCatalog()
{
    QFile f(Lane::demoCatalogResource());
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                       : QJsonObject();
}
} // namespace

QStringList Lane::demoBarcodes(int count)
{
    QStringList out;
    for (const QJsonValue &p : demoCatalog().value(QLatin1String("products")).toArray()) {
        if (out.size() >= count)
            break;
        const QJsonArray codes = p.toObject().value(QLatin1String("barcodes")).toArray();
        if (!codes.isEmpty())
            out.append(codes.first().toString());
    }
    return out;
}

std::optional<Lane::DemoLogin> Lane::demoEmployee(const QString &role)
{
    const QJsonArray employees = demoCatalog().value(QLatin1String("employees")).toArray();
    for (const QJsonValue &v : employees) {
        const QJsonObject e = v.toObject();
        if (e.value(QLatin1String("role")).toString() == role)
            return DemoLogin{e.value(QLatin1String("id")).toString(),
                             e.value(QLatin1String("name")).toString(),
                             e.value(QLatin1String("pin")).toString()};
    }
    return std::nullopt;
}

::Status Lane::start()
{
    Database::Options options;
    options.path = m_config.databasePath();
    options.synchronous = m_config.sqliteSynchronous;
    options.backgroundCheckpoints = true;
    options.backgroundSync = true;
    if (::Status s = m_db.open(options); !s)
        return s;
    m_catalog = std::make_unique<CatalogStore>(m_db);
    // The clock samples this lane had (peers' and the cloud's), before anything is stamped.
    auto clockState = m_db.meta(QStringLiteral("store_clock"));
    if (!clockState)
        return ::Status::failure(clockState.error());
    m_clock.load(QJsonDocument::fromJson(clockState->toUtf8()).object());
    m_outbox = std::make_unique<Outbox>(m_db, m_config.terminalId, m_clock, m_ids);
    m_hlc = std::make_unique<Hlc>(hlcPersistence(m_db), m_clock, m_config.terminalId,
                                  qint64(m_config.maxClockSkewSeconds) * 1000);
    if (::Status s = m_hlc->load(); !s)
        return s;
    m_sales = std::make_unique<SaleService>(m_db, *m_outbox, m_clock, m_ids, *m_hlc);
    m_stock = std::make_unique<StockLedger>(m_db, *m_outbox, *m_hlc, m_clock);
    ReconcilerConfig rc;
    rc.firstRunMs = m_config.reconcileFirstSeconds * 1000;
    rc.intervalMs = m_config.reconcileIntervalSeconds * 1000;
    rc.answerTimeoutMs = m_config.reconcileTimeoutSeconds * 1000;
    rc.catchUpTimeoutMs = m_config.reconcileTimeoutSeconds * 1000;
    ReconcilerLinks links;
    links.connectedPeers = [this] { return m_peers ? m_peers->connectedPeers() : QStringList(); };
    links.send = [this](const QString &peer, const QByteArray &frame) {
        if (m_peers)
            (void)m_peers->sendTo(peer, frame);
    };
    links.catchUp = [this](const QString &peer) {
        if (m_peers)
            m_peers->requestCatchUp(peer);
    };
    m_reconciler = std::make_unique<Reconciler>(m_db, *m_outbox, *m_hlc, m_clock, m_ids,
                                                m_config.terminalId, rc, std::move(links));
    m_session = std::make_unique<EmployeeSession>(
        m_db, m_clock, std::chrono::seconds(m_config.sessionIdleSeconds), this);
    m_importer = std::make_unique<CatalogImporter>(m_db, m_clock, m_config.terminalId);
    m_employeeAdmin = std::make_unique<EmployeeAdmin>(m_db, *m_outbox, m_clock, m_ids);
    m_catalogAdmin = std::make_unique<CatalogAdmin>(m_db, *m_outbox, m_clock, *m_hlc, m_ids,
                                                    m_config.terminalId);
    m_heldCarts = std::make_unique<HeldCarts>(m_db, m_clock, m_ids);
    m_shifts = std::make_unique<Shifts>(m_db, *m_outbox, m_clock, m_ids, *m_sales,
                                        m_config.cashApprovalLimit, this);
    if (::Status s = m_shifts->load(); !s)
        return s;
    m_customers = std::make_unique<Customers>(m_db, *m_outbox, m_clock, m_ids);
    m_held =
        std::make_unique<HeldMessages>(m_db, *m_outbox, *m_hlc, m_clock, m_config.terminalId, this);
    connect(&m_clock, &StoreClock::changed, this, &Lane::storeClockChanged);

    const QString marker = QStringLiteral("demo_catalog_loaded_at");
    auto loaded = m_db.meta(marker);
    if (!loaded)
        return ::Status::failure(loaded.error());
    if (loaded->isEmpty()) {
        QFile f(demoCatalogResource());
        if (!f.open(QIODevice::ReadOnly))
            return ::Status::failure(QStringLiteral("demo catalog resource missing"));
        auto summary = m_importer->importJson(f.readAll(), QStringLiteral("demo catalog"),
                                              CatalogImporter::Mode::Extend, marker);
        if (!summary)
            return ::Status::failure(summary.error());
        qCInfo(lcApp) << "first start: loaded the demo catalog," << summary->products << "products";
        if (::Status s = openDemoShift(); !s)
            return s;
    }
    // From here on an import is a change of this lane's, sent to the others.
    m_importer->setPublishing(m_outbox.get(), m_hlc.get(), m_stock.get());
    m_priceSchedule = std::make_unique<PriceSchedule>(m_db, m_clock);
    m_priceSchedule->check();
    if (!m_config.printer.isEmpty()) {
        auto address = PrinterLink::parse(m_config.printer);
        if (!address)
            return ::Status::failure(QStringLiteral("printer: ") + address.error());
        m_printer = std::make_unique<PrintQueue>(
            m_db, m_clock, m_ids, PrinterLink::create(*address, m_clock),
            PrintQueue::Options{m_config.printerColumns, m_config.printerRetrySeconds});
        connect(m_printer.get(), &PrintQueue::changed, this, &Lane::recordPrinterState);
        // Counting the float, paying in or out and a no-sale open the drawer the printer drives.
        connect(m_shifts.get(), &Shifts::drawerOpenRequested, m_printer.get(),
                &PrintQueue::openDrawer);
        if (::Status s = m_printer->start(); !s)
            return s;
        recordPrinterState();
    }
    qCInfo(lcApp).noquote() << "lane" << m_config.terminalId << "database"
                            << m_config.databasePath();
    storeClockChanged();
    return {};
}

::Status Lane::openDemoShift()
{
    if (m_shifts->current())
        return {};
    const auto demo = demoCashier();
    if (!demo)
        return ::Status::failure(QStringLiteral("the demo catalog has no cashier"));
    auto employee = EmployeeStore(m_db).byId(demo->employeeId);
    if (!employee)
        return ::Status::failure(employee.error());
    if (!employee->has_value() || !(*employee)->active)
        return ::Status::failure(
            QStringLiteral("the demo cashier is not in this lane's database (or not active)"));
    auto shift = m_shifts->open(**employee, 0);
    if (!shift)
        return ::Status::failure(shift.error());
    qCInfo(lcApp).noquote() << "opened a shift for the demo cashier" << demo->name
                            << "with no float";
    return {};
}

void Lane::recordPrinterState()
{
    if (!m_printer)
        return;
    const QJsonObject state{{QStringLiteral("state"), PrintQueue::stateName(m_printer->state())},
                            {QStringLiteral("lastError"), m_printer->lastError()}};
    const QString text = QString::fromUtf8(QJsonDocument(state).toJson(QJsonDocument::Compact));
    if (text == m_printerStateRecorded)
        return;
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred);
    if (::Status s = tx.isActive() ? m_db.setMeta(QStringLiteral("printer_state"), text)
                                   : ::Status::failure(tx.error());
        !s || !(s = tx.commit()))
        qCWarning(lcApp).noquote() << "cannot record the printer's state:" << s.error();
    else
        m_printerStateRecorded = text;
}

void Lane::storeClockChanged()
{
    if (!m_held)
        return;
    WriteTransaction tx(m_db, WriteTransaction::Durability::Deferred);
    const QByteArray state = QJsonDocument(m_clock.state()).toJson(QJsonDocument::Compact);
    if (::Status s = tx.isActive()
                         ? m_db.setMeta(QStringLiteral("store_clock"), QString::fromUtf8(state))
                         : ::Status::failure(tx.error());
        !s || !(s = tx.commit()))
        qCWarning(lcApp).noquote() << "cannot record the store's time:" << s.error();
    // Only another clock can tell this lane that its own had run ahead (a lane alone whose clock
    // is set back keeps its HLC: it never goes backwards).
    if (m_clock.hasReference()) {
        if (auto r = m_held->retimeOwn(); !r)
            qCWarning(lcApp).noquote() << "cannot re-time this lane's messages:" << r.error();
    }
    if (auto r = m_held->check(); !r)
        qCWarning(lcApp).noquote() << "cannot release held messages:" << r.error();
}

::Status Lane::startPeerSync()
{
    PeerSyncConfig pc;
    pc.terminalId = m_config.terminalId;
    for (const QString &key : m_config.storeKeys)
        pc.storeKeys.append(key.toUtf8());
    pc.plaintextPeers = m_config.plaintextPeers;
    pc.bindAddress = QHostAddress(m_config.bindAddress);
    pc.listenFd = m_config.listenFd;
    pc.port = quint16(m_config.terminalPort);
    pc.peerUrls = m_config.peerTerminals;
    pc.backoffInitialMs = m_config.peerBackoffInitialMs;
    pc.backoffMaxMs = m_config.peerBackoffMaxMs;
    pc.maxFramesPerSecond = m_config.peerMaxFramesPerSecond;
    pc.inventoryRequestsPerMinute = m_config.peerInventoryRequestsPerMinute;
    pc.storeClock = &m_clock;
    auto peers = std::make_unique<PeerSync>(m_db, m_clock, *m_hlc, pc, this);
    if (::Status s = peers->start(); !s) {
        m_peerProblem = s.error();
        qCWarning(lcApp).noquote() << s.error();
        return s;
    }
    m_peerProblem.clear();
    m_peers = std::move(peers);
    // What --health (another process, maybe without the secrets) reports of the link's security:
    // the keys by fingerprint and the links the store left unencrypted.
    QJsonArray prints;
    for (const QString &key : m_config.storeKeys)
        prints.append(StoreKey::fingerprint(key));
    const QJsonObject security{
        {QStringLiteral("storeKeys"), prints},
        {QStringLiteral("plaintextPeers"), QJsonArray::fromStringList(m_config.plaintextPeers)}};
    if (::Status s =
            m_db.setMeta(QStringLiteral("peer_link_security"),
                         QString::fromUtf8(QJsonDocument(security).toJson(QJsonDocument::Compact)));
        !s)
        qCWarning(lcApp).noquote() << "cannot record the links' security:" << s.error();
    // The bound port where scripts and tests can read it (with terminalPort 0 it is chosen now).
    QSaveFile portFile(m_config.portFilePath());
    if (!portFile.open(QIODevice::WriteOnly) ||
        portFile.write(QByteArray::number(m_peers->serverPort()) + '\n') < 0 || !portFile.commit())
        qCWarning(lcApp).noquote()
            << "cannot write" << m_config.portFilePath() << ":" << portFile.errorString();
    connect(m_peers.get(), &PeerSync::inventoryResponse, m_reconciler.get(),
            &Reconciler::onInventoryResponse);
    // What arrives may have been held, or be an acceptance of something held.
    connect(m_peers.get(), &PeerSync::messagesApplied, m_held.get(), [this] {
        if (auto r = m_held->check(); !r)
            qCWarning(lcApp).noquote() << "cannot release held messages:" << r.error();
        // A restored lane gets its own shift's close back from its peers.
        if (::Status s = m_shifts->refresh(); !s)
            qCWarning(lcApp).noquote() << "cannot reload the open shift:" << s.error();
    });
    m_reconciler->start();
    return {};
}

bool Lane::startCloudSync()
{
    if (!m_config.cloudEnabled() || m_cloud)
        return bool(m_cloud);
    CloudSyncConfig cc;
    cc.supabaseUrl = m_config.supabaseUrl;
    cc.auth = *m_config.cloudAuth();
    cc.secret = m_config.cloudSecret().toUtf8();
    cc.storeId = m_config.storeId;
    cc.terminalId = m_config.terminalId;
    cc.intervalMs = m_config.cloudIntervalSeconds * 1000;
    cc.batchSize = m_config.cloudBatchSize;
    cc.parallelRequests = m_config.cloudParallelRequests;
    cc.timeoutMs = m_config.cloudTimeoutSeconds * 1000;
    cc.maxRetries = m_config.maxRetries;
    cc.retryBaseMs = m_config.cloudRetrySeconds * 1000;
    cc.pendingAfterMs = m_config.cloudPendingAfterSeconds * 1000;
    cc.hasPeers = !m_config.peerTerminals.isEmpty();
    cc.relayAfterMs = qint64(m_config.cloudRelayAfterSeconds) * 1000;
    m_cloud = std::make_unique<CloudSync>(m_db, m_clock, cc, new QNetworkAccessManager(this), this);
    connect(m_cloud.get(), &CloudSync::serverDate, &m_clock, &StoreClock::noteCloud);
    if (m_peers) {
        connect(m_peers.get(), &PeerSync::ownMessagesAcked, m_cloud.get(),
                [this](const QStringList &ids) { m_cloud->noteQueued(int(ids.size())); });
        m_cloud->setConnectedOrigins([this] { return m_peers->connectedPeers(); });
    }
    m_cloud->start();

    HeadOfficeConfig hc;
    hc.supabaseUrl = cc.supabaseUrl;
    hc.auth = cc.auth;
    hc.secret = cc.secret;
    hc.storeId = cc.storeId;
    hc.terminalId = cc.terminalId;
    hc.intervalMs = m_config.catalogPollSeconds * 1000;
    hc.timeoutMs = cc.timeoutMs;
    m_headOffice = std::make_unique<HeadOfficeCatalog>(m_db, *m_outbox, m_clock, *m_hlc, hc,
                                                       new QNetworkAccessManager(this), this);
    m_headOffice->start();
    return true;
}

void Lane::stopSync()
{
    if (m_cloud)
        m_cloud->stop();
    if (m_headOffice)
        m_headOffice->stop();
    if (m_peers)
        m_peers->stop();
}

Result<Lane::Status> Lane::status()
{
    Status st;
    auto sales = m_sales->sales().count();
    if (!sales)
        return Result<Status>::failure(sales.error());
    st.sales = *sales;
    auto counts = m_outbox->store().countByStatus();
    if (!counts)
        return Result<Status>::failure(counts.error());
    st.pending = counts->value(QStringLiteral("pending"));
    st.peerAck = counts->value(QStringLiteral("peer_ack"));
    st.cloudAck = counts->value(QStringLiteral("cloud_ack"));
    st.failed = counts->value(QStringLiteral("failed"));
    return st;
}

QString Lane::cloudLine() const
{
    if (!m_cloud)
        return m_config.cloudEnabled() ? QStringLiteral("not started") : QStringLiteral("off");
    const CloudSync::Health &h = m_cloud->health();
    QString line = h.ok                    ? QStringLiteral("ok")
                   : h.lastError.isEmpty() ? QStringLiteral("no upload yet")
                                           : h.lastError;
    if (!h.lastSuccessAt.isEmpty())
        line += QStringLiteral(", last sync %1").arg(h.lastSuccessAt);
    if (h.failed + h.relayedFailed > 0)
        line += QStringLiteral(", %1 failed (retry from admin)").arg(h.failed + h.relayedFailed);
    return line;
}

QString Lane::statusLine()
{
    auto st = status();
    if (!st)
        return QStringLiteral("[%1] status unavailable: %2").arg(m_config.terminalId, st.error());
    QString peers;
    if (m_peers)
        peers = QStringLiteral("%1 connected, %2 configured, port %3")
                    .arg(m_peers->connectedCount())
                    .arg(m_config.peerTerminals.size())
                    .arg(m_peers->serverPort());
    else
        peers = m_peerProblem.isEmpty() ? QStringLiteral("off") : QStringLiteral("off (see log)");
    return QStringLiteral("[%1] %2 sales | outbox pending %3, peer_ack %4, cloud_ack %5, failed %6 "
                          "| peers: %7 | cloud: %8 | %9")
        .arg(m_config.terminalId)
        .arg(st->sales)
        .arg(st->pending)
        .arg(st->peerAck)
        .arg(st->cloudAck)
        .arg(st->failed)
        .arg(peers, cloudLine(),
             m_session->isLoggedIn() ? m_session->current()->name : QStringLiteral("locked"));
}

Result<int> Lane::retryFailed()
{
    Result<int> reset = 0;
    if (m_cloud) {
        reset = m_cloud->retryFailed();
    } else {
        WriteTransaction tx(m_db);
        if (!tx.isActive())
            return Result<int>::failure(tx.error());
        reset = CloudQueueStore(m_db).resetFailed(m_config.maxRetries);
        if (reset) {
            if (::Status s = tx.commit(); !s)
                return Result<int>::failure(s.error());
        }
    }
    if (reset && m_peers)
        m_peers->resendPending();
    return reset;
}
