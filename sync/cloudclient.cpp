#include "cloudclient.h"

#include "clock.h"
#include "gzip.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

CloudClient::CloudClient(QNetworkAccessManager &nam, Clock &clock, const QString &supabaseUrl,
                         CloudAuth::Mode auth, QByteArray secret, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_clock(clock)
    , m_url(functionUrl(supabaseUrl))
    , m_auth(auth)
    , m_secret(std::move(secret))
    , m_timeoutMs(timeoutMs)
{
}

CloudClient::~CloudClient()
{
    abortAll();
}

QUrl CloudClient::functionUrl(const QString &supabaseUrl)
{
    QString base = supabaseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QStringLiteral("/functions/v1/sync-pos-message"));
}

QNetworkRequest CloudClient::request() const
{
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + m_secret);
    if (m_auth == CloudAuth::Mode::ServiceKey)
        request.setRawHeader(QByteArrayLiteral("apikey"), m_secret);
    request.setRawHeader(QByteArrayLiteral("x-client-info"), QByteArrayLiteral("euphoria-lane"));
    request.setTransferTimeout(m_timeoutMs);
    return request;
}

void CloudClient::post(const QByteArray &body, const QStringList &ids, Done done)
{
    QNetworkRequest req = request();
    // The bodies are JSON with the same member names in every message: gzip takes them to about
    // a tenth, so a batch leaves the lane's uplink (often a shop's slow line) that much sooner.
    std::optional<QByteArray> gz = Gzip::compress(body);
    if (gz)
        req.setRawHeader(QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip"));
    const QByteArray &wire = gz ? *gz : body;
    m_traffic.jsonBytes += body.size();
    m_traffic.wireBytes += wire.size();
    QNetworkReply *reply = m_nam.post(req, wire);
    m_flights.insert(reply, Flight{ids, std::move(done), m_clock.elapsedMs()});
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void CloudClient::abortAll()
{
    const auto replies = m_flights.keys();
    m_flights.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void CloudClient::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_flights.find(reply);
    if (it == m_flights.end())
        return;
    const Flight flight = std::move(*it);
    m_flights.erase(it);
    CloudReply::Http http;
    http.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    http.error = reply->error();
    http.errorString = reply->errorString();
    http.body = reply->readAll();
    http.date = reply->rawHeader("Date");
    const CloudReply::Outcome outcome = CloudReply::classify(http, flight.ids, m_timeoutMs, m_auth);
    flight.done(outcome, m_clock.elapsedMs() - flight.sentAtMs);
}
