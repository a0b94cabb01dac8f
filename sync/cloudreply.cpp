#include "cloudreply.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace CloudReply {
namespace {
// The function's own words when it gave a JSON error, else the start of whatever answered.
QString replyError(const QByteArray &body)
{
    const QString e =
        QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toString();
    return e.isEmpty() ? QString::fromUtf8(body.left(200)).simplified() : e;
}

Outcome waits(Outcome &o, Kind kind, QString error)
{
    o.kind = kind;
    o.error = std::move(error);
    o.messages.clear(); // results are all or nothing
    return std::move(o);
}

Outcome results(Outcome o, const QByteArray &body, const QStringList &sentIds)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    const QJsonArray results = doc.object().value(QLatin1String("results")).toArray();
    if (error.error != QJsonParseError::NoError || results.size() != sentIds.size())
        return waits(o, Kind::Malformed,
                     QStringLiteral("unexpected reply from the cloud function (%1 results for %2 "
                                    "messages)")
                         .arg(results.size())
                         .arg(sentIds.size()));
    o.messages.reserve(sentIds.size());
    for (qsizetype i = 0; i < sentIds.size(); ++i) {
        const QString &sent = sentIds.at(i);
        const QJsonObject r = results.at(i).toObject();
        const QString id = r.value(QLatin1String("messageId")).toString();
        const QString st = r.value(QLatin1String("status")).toString();
        if (id.compare(sent, Qt::CaseInsensitive) != 0)
            return waits(
                o, Kind::Malformed,
                QStringLiteral("the cloud answered for %1 where %2 was sent").arg(id, sent));
        Message m;
        m.id = sent;
        if (st == QLatin1String("stored")) {
            m.status = MessageStatus::Stored;
        } else if (st == QLatin1String("duplicate")) {
            m.status = MessageStatus::Duplicate;
        } else if (st == QLatin1String("rejected")) {
            m.status = MessageStatus::Rejected;
            m.reason = r.value(QLatin1String("reason")).toString().left(500);
        } else {
            return waits(o, Kind::Malformed,
                         QStringLiteral("the cloud answered status \"%1\" for %2").arg(st, sent));
        }
        o.messages.append(std::move(m));
    }
    o.kind = Kind::Results;
    return o;
}
} // namespace

Outcome classify(const Http &reply, const QStringList &sentIds, int timeoutMs, CloudAuth::Mode auth)
{
    const int http = reply.status;
    Outcome o;
    o.httpStatus = http;
    if (http == 0) {
        // A transfer timeout shows as a cancelled operation; say what happened instead.
        const QString why = reply.error == QNetworkReply::OperationCanceledError
                                ? QStringLiteral("no answer within %1 ms").arg(timeoutMs)
                                : reply.errorString;
        return waits(o, Kind::Unreachable, QStringLiteral("cloud unreachable: %1").arg(why));
    }
    // Any answer from the cloud tells its time (a reply through a proxy that wrote its own Date
    // tells the proxy's, which is as good).
    // An HTTP-date (RFC 9110: "Wed, 25 Nov 2026 10:00:07 GMT", what Deno and most servers send)
    // is RFC 2822 with the zone "GMT", which Qt 6.4's RFC2822Date does not read: say +0000.
    QString text = QString::fromLatin1(reply.date).trimmed();
    if (text.endsWith(QLatin1String(" GMT")))
        text = text.chopped(3) + QLatin1String("+0000");
    const QDateTime date = QDateTime::fromString(text, Qt::RFC2822Date);
    if (date.isValid())
        o.serverDateMs = date.toMSecsSinceEpoch();

    if (http == 200)
        return results(std::move(o), reply.body, sentIds);
    o.detail = replyError(reply.body);
    if ((http == 401 || http == 403) && auth == CloudAuth::Mode::ServiceKey)
        return waits(o, Kind::Unauthorized,
                     QStringLiteral("the cloud refused the service key (HTTP %1: %2); check "
                                    "supabaseServiceKey")
                         .arg(http)
                         .arg(o.detail));
    // The function answers 401 for a credential that is malformed, unknown or revoked, and 403
    // when the body names a store the credential is not for. Messages stay queued either way.
    if (http == 401)
        return waits(o, Kind::Unauthorized,
                     QStringLiteral("cloud refused this lane's credential (revoked or unknown): "
                                    "HTTP 401, %1; set a new cloudCredential (tools/cloud-dev "
                                    "enroll)")
                         .arg(o.detail));
    if (http == 403)
        return waits(o, Kind::Unauthorized,
                     QStringLiteral("cloud refused this lane's messages: HTTP 403, %1; check "
                                    "storeId against the store the lane was enrolled for")
                         .arg(o.detail));
    if ((http == 400 || http == 413 || http == 422) && !sentIds.isEmpty()) {
        // The function refused the body as a whole: a batch should shrink until the message it
        // refuses is alone, then that one message is rejected and the others go on.
        if (sentIds.size() > 1) {
            o.kind = Kind::BatchRefused;
            return o;
        }
        Message m;
        m.id = sentIds.first();
        m.status = MessageStatus::Rejected;
        m.reason = QStringLiteral("HTTP %1: %2").arg(http).arg(o.detail).left(500);
        o.messages.append(std::move(m));
        o.kind = Kind::Results;
        return o;
    }
    return waits(o, Kind::HttpError,
                 QStringLiteral("cloud function answered HTTP %1: %2").arg(http).arg(o.detail));
}
} // namespace CloudReply
