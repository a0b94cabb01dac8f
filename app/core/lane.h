#pragma once

#include "catalogadmin.h"
#include "catalogimporter.h"
#include "catalogstore.h"
#include "cloudsync.h"
#include "customers.h"
#include "database.h"
#include "employeeadmin.h"
#include "employeesession.h"
#include "headofficecatalog.h"
#include "heldcarts.h"
#include "heldmessages.h"
#include "hlc.h"
#include "laneconfig.h"
#include "moneyformat.h"
#include "outbox.h"
#include "peersync.h"
#include "priceschedule.h"
#include "printqueue.h"
#include "reconciler.h"
#include "result.h"
#include "saleservice.h"
#include "shifts.h"
#include "stockledger.h"
#include "storeclock.h"

#include <QObject>

#include <memory>

class Clock;
class IdGenerator;

// One checkout lane without any UI: its database, catalog, employee session, outbox and sale
// service, built from a LaneConfig. The QML front end and the headless runner share it.
class Lane : public QObject
{
    Q_OBJECT
public:
    struct Status
    {
        qint64 sales = 0;
        qint64 pending = 0;
        qint64 peerAck = 0;
        qint64 cloudAck = 0;
        qint64 failed = 0;
    };

    // clock: the lane's own (physical) clock; every part of the lane runs on the store's agreed
    // time built on it (storeClock()).
    explicit Lane(LaneConfig config, Clock &clock, IdGenerator &ids, QObject *parent = nullptr);
    ~Lane() override;

    // Opens (and migrates) the database and loads the demo catalog on the first start.
    [[nodiscard]] ::Status start();

    // Starts the peer server and links when a store key is configured. A failure (no key, port
    // taken) is logged and returned; the lane keeps selling either way.
    ::Status startPeerSync();
    PeerSync *peerSync() { return m_peers.get(); }
    const QString &peerSyncProblem() const { return m_peerProblem; }
    // Starts the cloud pusher when supabaseUrl and the lane's credential (or, with
    // cloudUseServiceKey, the service key) are set (after peer sync, so it knows the peers).
    // Returns false when cloud sync is off.
    bool startCloudSync();
    CloudSync *cloudSync() { return m_cloud.get(); }
    // Head office's catalog poller (started with cloud sync); null when cloud sync is off.
    HeadOfficeCatalog *headOffice() { return m_headOffice.get(); }
    // A manager's retry of failed messages: those the cloud refused are uploaded again, those a
    // peer refused are sent to the peers again. Returns how many were queued again.
    [[nodiscard]] Result<int> retryFailed();
    // Stops peer and cloud sync (sockets and requests closed while the event loop still runs).
    void stopSync();

    const LaneConfig &config() const { return m_config; }
    // How amounts read and are typed now: the store's currency in the UI language (English
    // until a UI sets its language). Controllers show and parse every amount with it.
    const MoneyFormat &money() const { return m_money; }
    // The UI language changed (or the screenshot tour shows another currency).
    void setMoneyFormat(const MoneyFormat &money);
    Database &database() { return m_db; }
    CatalogStore &catalog() { return *m_catalog; }
    EmployeeSession &session() { return *m_session; }
    SaleService &sales() { return *m_sales; }
    Outbox &outbox() { return *m_outbox; }
    CatalogImporter &importer() { return *m_importer; }
    EmployeeAdmin &employeeAdmin() { return *m_employeeAdmin; }
    CatalogAdmin &catalogAdmin() { return *m_catalogAdmin; }
    PriceSchedule &priceSchedule() { return *m_priceSchedule; }
    HeldCarts &heldCarts() { return *m_heldCarts; }
    Shifts &shifts() { return *m_shifts; }
    // Opens a shift for the demo cashier with no float when none is open (the demo start and
    // --ring-sales, so a lane on its embedded defaults sells at once).
    [[nodiscard]] ::Status openDemoShift();
    Customers &customers() { return *m_customers; }
    Clock &clock() { return m_clock; }
    IdGenerator &ids() { return m_ids; }
    StoreClock &storeClock() { return m_clock; }
    HeldMessages &heldMessages() { return *m_held; }
    Hlc &hlc() { return *m_hlc; }
    StockLedger &stock() { return *m_stock; }
    Reconciler &reconciler() { return *m_reconciler; }
    // The receipt printer's queue; null when no printer is configured (receipts as PDF only).
    PrintQueue *printer() { return m_printer.get(); }

    [[nodiscard]] Result<Status> status();
    QString statusLine();

    static QString demoCatalogResource();
    // The first cashier of the demo catalog and their documented demo PIN (for --ring-sales).
    struct DemoLogin
    {
        QString employeeId;
        QString name;
        QString pin;
    };
    static std::optional<DemoLogin> demoCashier()
    {
        return demoEmployee(QStringLiteral("cashier"));
    }
    // The first `count` demo products' barcodes, in catalog order (what a scanner would type).
    static QStringList demoBarcodes(int count);
    // The first demo employee with this role ("cashier", "manager").
    static std::optional<DemoLogin> demoEmployee(const QString &role);

Q_SIGNALS:
    // money() changed: every amount on screen must be shown again.
    void moneyFormatChanged();

private:
    QString cloudLine() const;
    // The store's time moved or a skew changed: kept in lane_meta (for restarts and --health),
    // and what it means for this lane's own messages and the held ones.
    void storeClockChanged();
    // The printer's state for --health (lane_meta printer_state).
    void recordPrinterState();

    LaneConfig m_config;
    MoneyFormat m_money;
    StoreClock m_clock; // the store's agreed time, on the clock the lane was given
    IdGenerator &m_ids;
    Database m_db;
    std::unique_ptr<CatalogStore> m_catalog;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<Hlc> m_hlc;
    std::unique_ptr<StockLedger> m_stock;
    std::unique_ptr<Reconciler> m_reconciler;
    std::unique_ptr<SaleService> m_sales;
    std::unique_ptr<EmployeeSession> m_session;
    std::unique_ptr<CatalogImporter> m_importer;
    std::unique_ptr<EmployeeAdmin> m_employeeAdmin;
    std::unique_ptr<CatalogAdmin> m_catalogAdmin;
    std::unique_ptr<PriceSchedule> m_priceSchedule;
    std::unique_ptr<HeldCarts> m_heldCarts;
    std::unique_ptr<Shifts> m_shifts;
    std::unique_ptr<Customers> m_customers;
    std::unique_ptr<HeldMessages> m_held;
    std::unique_ptr<PeerSync> m_peers;
    std::unique_ptr<CloudSync> m_cloud;
    std::unique_ptr<HeadOfficeCatalog> m_headOffice;
    std::unique_ptr<PrintQueue> m_printer;
    QString m_printerStateRecorded;
    QString m_peerProblem;
};
