#pragma once

#include "cloudreply.h"

#include <QByteArray>
#include <QHash>
#include <QNetworkRequest>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class Clock;
class QNetworkAccessManager;
class QNetworkReply;

// The HTTP end of cloud sync: posts batches to the sync-pos-message Edge Function through an
// injected QNetworkAccessManager and hands each reply back classified (CloudReply::classify).
class CloudClient : public QObject
{
    Q_OBJECT
public:
    // reply: the classified answer; rttMs: on the clock's monotonic time since the request went.
    using Done = std::function<void(const CloudReply::Outcome &reply, qint64 rttMs)>;

    // nam must outlive the client; secret (the lane's credential, or the service key with
    // CloudAuth::Mode::ServiceKey) is never logged.
    CloudClient(QNetworkAccessManager &nam, Clock &clock, const QString &supabaseUrl,
                CloudAuth::Mode auth, QByteArray secret, int timeoutMs, QObject *parent = nullptr);
    ~CloudClient() override;

    static QUrl functionUrl(const QString &supabaseUrl);
    const QUrl &url() const { return m_url; }
    // The request every batch is posted with: the function's URL, JSON, the transfer timeout,
    // and the secret as Bearer (the service key also as apikey, as Supabase's gateway takes it;
    // a lane credential goes in one header only).
    QNetworkRequest request() const;

    // Posts body (a JSON array of the messages with ids, in that order), gzip-compressed with
    // Content-Encoding: gzip (as it is, should zlib fail); done is called once with the answer,
    // unless abortAll() comes first.
    void post(const QByteArray &body, const QStringList &ids, Done done);
    // Bytes of JSON posted, and bytes that went on the wire for them, since the client started.
    struct Traffic
    {
        qint64 jsonBytes = 0;
        qint64 wireBytes = 0;
    };
    const Traffic &traffic() const { return m_traffic; }
    // Requests posted and not answered yet.
    int inFlight() const { return int(m_flights.size()); }
    // Drops every request in flight without calling its done.
    void abortAll();

private:
    struct Flight
    {
        QStringList ids;
        Done done;
        qint64 sentAtMs = 0;
    };
    void onFinished(QNetworkReply *reply);

    QNetworkAccessManager &m_nam;
    Clock &m_clock;
    QUrl m_url;
    CloudAuth::Mode m_auth;
    QByteArray m_secret;
    int m_timeoutMs;
    QHash<QNetworkReply *, Flight> m_flights;
    Traffic m_traffic;
};
