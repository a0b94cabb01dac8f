#pragma once

#include "catalogpayload.h"
#include "catalogstore.h"
#include "cloudauth.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

class Clock;
class ClockTimer;
class Database;
class Hlc;
class Outbox;
class QNetworkAccessManager;
class QNetworkReply;

struct HeadOfficeConfig
{
    QString supabaseUrl; // the function is at /functions/v1/catalog-changes
    CloudAuth::Mode auth = CloudAuth::Mode::LaneCredential;
    QByteArray secret; // never logged
    QString storeId;
    QString terminalId;
    int intervalMs = 300000; // 0: at start only
    int timeoutMs = 20000;
    int pageSize = 500;
};

// One page of head office's catalog changes (the catalog-changes function's reply).
struct HeadOfficePage
{
    struct Change
    {
        qint64 seq = 0;
        bool isProduct = false;
        ProductVersion product; // version: updatedAt, counter = seq (terminal filled on use)
        ScheduledPrice price;
    };
    QList<Change> changes;
    qint64 cursor = 0;
    bool more = false;
};

// Polls head office's catalog (the catalog-changes Edge Function) at start and every interval,
// and applies each change it has not applied yet as this lane's own `product` or
// `price.scheduled` message, in one transaction per page with the cursor, so the other lanes get
// it from this lane even if they cannot reach the cloud. A change that came from a peer first is
// not sent again. A product version from head office is stamped with head office's time (its
// updatedAt) and the change's seq, so a manager's later edit on a lane wins, and an earlier one
// loses, whatever order they arrive in.
class HeadOfficeCatalog : public QObject
{
    Q_OBJECT
public:
    struct Health
    {
        qint64 cursor = 0;
        qint64 applied = 0; // changes applied by this lane's polls since start
        QString lastSuccessAt;
        QString lastError;
    };

    HeadOfficeCatalog(Database &db, Outbox &outbox, Clock &clock, Hlc &hlc, HeadOfficeConfig config,
                      QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~HeadOfficeCatalog() override;

    static QUrl functionUrl(const QString &supabaseUrl);
    // The function's reply, checked member by member; an error names what is wrong.
    static Result<HeadOfficePage> parse(const QByteArray &body);

    void start();
    void stop();
    void pollNow();
    const Health &health() const { return m_health; }

Q_SIGNALS:
    // A poll ended: applied changes (0 when nothing was new), or failed with error.
    void polled(int applied, const QString &error);

private:
    void onFinished(QNetworkReply *reply);
    Result<int> apply(const HeadOfficePage &page);
    void fail(const QString &error);

    Database &m_db;
    Outbox &m_outbox;
    Clock &m_clock;
    Hlc &m_hlc;
    HeadOfficeConfig m_config;
    QNetworkAccessManager *m_nam;
    CatalogStore m_store;
    ClockTimer *m_timer;
    QNetworkReply *m_inFlight = nullptr;
    Health m_health;
};
