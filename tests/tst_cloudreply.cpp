// The cloud function's replies without the cloud: every rule of CloudReply::classify, table-driven,
// then CloudClient and CloudSync on a fake network (a QNetworkAccessManager whose createRequest
// answers from a table), checking the request they send. tst_cloudsync runs the same paths
// against the real function and PostgreSQL.
#include "clock.h"
#include "cloudclient.h"
#include "cloudreply.h"
#include "cloudsync.h"
#include "gunzip.h"
#include "testlane.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <functional>

Q_DECLARE_METATYPE(CloudReply::Kind)
Q_DECLARE_METATYPE(CloudAuth::Mode)

namespace {
using Kind = CloudReply::Kind;

// What the fake network answers to one request.
struct Canned
{
    int status = 200; // 0: no HTTP answer
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
};

// A reply that finishes from the event loop with a canned answer (never from a timer).
class FakeReply : public QNetworkReply
{
    Q_OBJECT
public:
    FakeReply(const Canned &c, QNetworkAccessManager::Operation op, const QNetworkRequest &request,
              QObject *parent)
        : QNetworkReply(parent)
        , m_body(c.body)
    {
        setRequest(request);
        setOperation(op);
        setUrl(request.url());
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        if (c.status != 0)
            setAttribute(QNetworkRequest::HttpStatusCodeAttribute, c.status);
        for (const auto &[name, value] : c.headers)
            setRawHeader(name, value);
        if (c.error != NoError)
            setError(c.error, c.errorString);
        QMetaObject::invokeMethod(this, &FakeReply::finish, Qt::QueuedConnection);
    }

    bool aborted = false;

    void abort() override
    {
        aborted = true;
        if (isFinished())
            return;
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        finish();
    }
    qint64 bytesAvailable() const override
    {
        return m_body.size() - m_pos + QIODevice::bytesAvailable();
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_body.size() - m_pos);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        memcpy(data, m_body.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    void finish()
    {
        if (isFinished())
            return;
        setFinished(true);
        if (error() != NoError)
            emit errorOccurred(error());
        emit finished();
    }

    QByteArray m_body;
    qint64 m_pos = 0;
};

// A network that records what is sent and answers through respond.
class FakeNam : public QNetworkAccessManager
{
    Q_OBJECT
public:
    struct Sent
    {
        Operation op;
        QNetworkRequest request;
        QByteArray body;
    };
    std::function<Canned(const QByteArray &body)> respond = [](const QByteArray &) {
        return Canned{};
    };
    QList<Sent> sent;
    QList<QPointer<FakeReply>> replies;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        QByteArray body = outgoingData ? outgoingData->readAll() : QByteArray();
        // Lanes gzip their batches: the test reads the JSON they hold.
        if (request.rawHeader("Content-Encoding") == "gzip")
            body = gunzip(body).value_or(QByteArray("not gzip"));
        sent.append(Sent{op, request, body});
        auto *reply = new FakeReply(respond(body), op, request, this);
        replies.append(reply);
        return reply;
    }
};

// The function's answer: each message sent stored.
QByteArray storedAll(const QByteArray &body)
{
    QJsonArray results;
    for (const QJsonValue &m : QJsonDocument::fromJson(body).array())
        results.append(QJsonObject{{QStringLiteral("messageId"), m[QLatin1String("messageId")]},
                                   {QStringLiteral("status"), QStringLiteral("stored")}});
    return QJsonDocument(QJsonObject{{QStringLiteral("results"), results}})
        .toJson(QJsonDocument::Compact);
}

// A results body from "id:status[:reason]" entries.
QByteArray resultsBody(const QStringList &entries)
{
    QJsonArray results;
    for (const QString &e : entries) {
        const QStringList parts = e.split(QLatin1Char(':'));
        QJsonObject r{{QStringLiteral("messageId"), parts.value(0)},
                      {QStringLiteral("status"), parts.value(1)}};
        if (parts.size() > 2)
            r.insert(QStringLiteral("reason"), parts.mid(2).join(QLatin1Char(':')));
        results.append(r);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("results"), results}})
        .toJson(QJsonDocument::Compact);
}

// An outcome's messages as "id:status[:reason]", to compare with a row's expectation.
QStringList describe(const QList<CloudReply::Message> &messages)
{
    QStringList out;
    for (const CloudReply::Message &m : messages) {
        switch (m.status) {
        case CloudReply::MessageStatus::Stored:
            out.append(m.id + QStringLiteral(":stored"));
            break;
        case CloudReply::MessageStatus::Duplicate:
            out.append(m.id + QStringLiteral(":duplicate"));
            break;
        case CloudReply::MessageStatus::Rejected:
            out.append(m.id + QStringLiteral(":rejected:") + m.reason);
            break;
        }
    }
    return out;
}

const int kTimeoutMs = 20000;
// An HTTP-date, as Deno and most servers send it (a row below checks a numeric zone too).
const QByteArray kDate = QByteArrayLiteral("Wed, 25 Nov 2026 10:00:07 GMT");
const qint64 kDateMs = QDateTime(QDate(2026, 11, 25), QTime(10, 0, 7), Qt::UTC).toMSecsSinceEpoch();
} // namespace

class TstCloudReply : public QObject
{
    Q_OBJECT

    static QStringList ids(const char *a, const char *b = nullptr, const char *c = nullptr)
    {
        QStringList l{QString::fromLatin1(a)};
        for (const char *x : {b, c})
            if (x)
                l.append(QString::fromLatin1(x));
        return l;
    }

private slots:
    void classify_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("netError");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("date");
        QTest::addColumn<QStringList>("sent");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QStringList>("messages");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<qint64>("serverDateMs"); // -1: none

        const QByteArray none;
        const QString noError;
        const QStringList noMessages;
        const int ok = QNetworkReply::NoError;
        const int http5xx = QNetworkReply::InternalServerError;
        const QString longReason(600, QLatin1Char('r'));

        // HTTP 200: one result per message sent, in order.
        QTest::newRow("all stored")
            << 200 << ok << resultsBody({QStringLiteral("a:stored"), QStringLiteral("b:stored")})
            << kDate << ids("a", "b") << Kind::Results
            << QStringList{QStringLiteral("a:stored"), QStringLiteral("b:stored")} << noError
            << QString() << kDateMs;
        QTest::newRow("stored and duplicate")
            << 200 << ok << resultsBody({QStringLiteral("a:duplicate"), QStringLiteral("b:stored")})
            << none << ids("a", "b") << Kind::Results
            << QStringList{QStringLiteral("a:duplicate"), QStringLiteral("b:stored")} << noError
            << QString() << qint64(-1);
        QTest::newRow("partial rejection")
            << 200 << ok
            << resultsBody({QStringLiteral("a:stored"), QStringLiteral("b:rejected:bad total"),
                            QStringLiteral("c:duplicate")})
            << none << ids("a", "b", "c") << Kind::Results
            << QStringList{QStringLiteral("a:stored"), QStringLiteral("b:rejected:bad total"),
                           QStringLiteral("c:duplicate")}
            << noError << QString() << qint64(-1);
        QTest::newRow("rejected without a reason")
            << 200 << ok << resultsBody({QStringLiteral("a:rejected")}) << none << ids("a")
            << Kind::Results << QStringList{QStringLiteral("a:rejected:")} << noError << QString()
            << qint64(-1);
        QTest::newRow("a rejection's reason is cut at 500")
            << 200 << ok << resultsBody({QStringLiteral("a:rejected:") + longReason}) << none
            << ids("a") << Kind::Results
            << QStringList{QStringLiteral("a:rejected:") + longReason.left(500)} << noError
            << QString() << qint64(-1);
        QTest::newRow("ids compare without case; the sent id is kept")
            << 200 << ok << resultsBody({QStringLiteral("abc-1:stored")}) << none << ids("ABC-1")
            << Kind::Results << QStringList{QStringLiteral("ABC-1:stored")} << noError << QString()
            << qint64(-1);

        // HTTP 200 without exactly the results asked for: the queue waits.
        QTest::newRow("fewer results")
            << 200 << ok << resultsBody({QStringLiteral("a:stored")}) << kDate << ids("a", "b")
            << Kind::Malformed << noMessages
            << QStringLiteral("unexpected reply from the cloud function (1 results for 2 "
                              "messages)")
            << QString() << kDateMs;
        QTest::newRow("more results")
            << 200 << ok << resultsBody({QStringLiteral("a:stored"), QStringLiteral("b:stored")})
            << none << ids("a") << Kind::Malformed << noMessages
            << QStringLiteral("unexpected reply from the cloud function (2 results for 1 "
                              "messages)")
            << QString() << qint64(-1);
        QTest::newRow("unknown id")
            << 200 << ok << resultsBody({QStringLiteral("a:stored"), QStringLiteral("x:stored")})
            << none << ids("a", "b") << Kind::Malformed << noMessages
            << QStringLiteral("the cloud answered for x where b was sent") << QString()
            << qint64(-1);
        QTest::newRow("results out of order")
            << 200 << ok << resultsBody({QStringLiteral("b:stored"), QStringLiteral("a:stored")})
            << none << ids("a", "b") << Kind::Malformed << noMessages
            << QStringLiteral("the cloud answered for b where a was sent") << QString()
            << qint64(-1);
        QTest::newRow("missing id")
            << 200 << ok << QByteArray(R"({"results":[{"status":"stored"}]})") << none << ids("a")
            << Kind::Malformed << noMessages
            << QStringLiteral("the cloud answered for  where a was sent") << QString()
            << qint64(-1);
        QTest::newRow("unknown status")
            << 200 << ok << resultsBody({QStringLiteral("a:queued")}) << none << ids("a")
            << Kind::Malformed << noMessages
            << QStringLiteral("the cloud answered status \"queued\" for a") << QString()
            << qint64(-1);
        QTest::newRow("missing status")
            << 200 << ok << QByteArray(R"({"results":[{"messageId":"a"}]})") << none << ids("a")
            << Kind::Malformed << noMessages
            << QStringLiteral("the cloud answered status \"\" for a") << QString() << qint64(-1);
        QTest::newRow("result not an object")
            << 200 << ok << QByteArray(R"({"results":["a"]})") << none << ids("a")
            << Kind::Malformed << noMessages
            << QStringLiteral("the cloud answered for  where a was sent") << QString()
            << qint64(-1);
        QTest::newRow("results not an array")
            << 200 << ok << QByteArray(R"({"results":{"a":"stored"}})") << none << ids("a")
            << Kind::Malformed << noMessages
            << QStringLiteral("unexpected reply from the cloud function (0 results for 1 "
                              "messages)")
            << QString() << qint64(-1);
        QTest::newRow("top level array")
            << 200 << ok << QByteArray(R"([{"messageId":"a","status":"stored"}])") << none
            << ids("a") << Kind::Malformed << noMessages
            << QStringLiteral("unexpected reply from the cloud function (0 results for 1 "
                              "messages)")
            << QString() << qint64(-1);
        QTest::newRow("malformed JSON")
            << 200 << ok << QByteArray(R"({"results":[{"messageId":"a","status":"stored"})") << none
            << ids("a") << Kind::Malformed << noMessages
            << QStringLiteral("unexpected reply from the cloud function (0 results for 1 "
                              "messages)")
            << QString() << qint64(-1);
        QTest::newRow("empty body")
            << 200 << ok << QByteArray() << none << ids("a") << Kind::Malformed << noMessages
            << QStringLiteral("unexpected reply from the cloud function "
                              "(0 results for 1 messages)")
            << QString() << qint64(-1);

        // The lane's credential refused (401), or its store (403): the queue waits.
        QTest::newRow("401 with the function's error")
            << 401 << int(QNetworkReply::AuthenticationRequiredError)
            << QByteArray(R"({"error":"lane credential revoked"})") << kDate << ids("a", "b")
            << Kind::Unauthorized << noMessages
            << QStringLiteral("cloud refused this lane's credential (revoked or unknown): HTTP "
                              "401, lane credential revoked; set a new cloudCredential "
                              "(tools/cloud-dev enroll)")
            << QStringLiteral("lane credential revoked") << kDateMs;
        QTest::newRow("403 with a text body")
            << 403 << int(QNetworkReply::ContentAccessDenied) << QByteArray("forbidden\n   here")
            << none << ids("a") << Kind::Unauthorized << noMessages
            << QStringLiteral("cloud refused this lane's messages: HTTP 403, forbidden here; check "
                              "storeId against the store the lane was enrolled for")
            << QStringLiteral("forbidden here") << qint64(-1);

        // The body refused as a whole: a batch shrinks, a lone message is rejected.
        QTest::newRow("400 for a batch") << 400 << int(QNetworkReply::ProtocolInvalidOperationError)
                                         << QByteArray(R"({"error":"bad body"})") << none
                                         << ids("a", "b", "c") << Kind::BatchRefused << noMessages
                                         << noError << QStringLiteral("bad body") << qint64(-1);
        QTest::newRow("413 for a batch")
            << 413 << int(QNetworkReply::UnknownContentError)
            << QByteArray(R"({"error":"too large"})") << none << ids("a", "b") << Kind::BatchRefused
            << noMessages << noError << QStringLiteral("too large") << qint64(-1);
        QTest::newRow("422 for one message")
            << 422 << int(QNetworkReply::UnknownContentError)
            << QByteArray(R"({"error":"bad payload"})") << none << ids("a") << Kind::Results
            << QStringList{QStringLiteral("a:rejected:HTTP 422: bad payload")} << noError
            << QStringLiteral("bad payload") << qint64(-1);
        QTest::newRow("400 for one message, the body's start as reason")
            << 400 << int(QNetworkReply::ProtocolInvalidOperationError)
            << (QByteArray("  <html>\n") + QByteArray(300, 'x')) << none << ids("a")
            << Kind::Results
            << QStringList{QStringLiteral("a:rejected:HTTP 400: <html> ") +
                           QString(191, QLatin1Char('x'))}
            << noError << QStringLiteral("<html> ") + QString(191, QLatin1Char('x')) << qint64(-1);

        // Any other answer: the queue waits, the cloud reachable.
        QTest::newRow("500") << 500 << http5xx << QByteArray(R"({"error":"boom"})") << kDate
                             << ids("a") << Kind::HttpError << noMessages
                             << QStringLiteral("cloud function answered HTTP 500: boom")
                             << QStringLiteral("boom") << kDateMs;
        QTest::newRow("502 with an empty body")
            << 502 << int(QNetworkReply::ProxyConnectionRefusedError) << QByteArray() << none
            << ids("a") << Kind::HttpError << noMessages
            << QStringLiteral("cloud function answered HTTP 502: ") << QString() << qint64(-1);
        QTest::newRow("503") << 503 << int(QNetworkReply::ServiceUnavailableError)
                             << QByteArray("Service Unavailable") << none << ids("a")
                             << Kind::HttpError << noMessages
                             << QStringLiteral("cloud function answered HTTP 503: Service "
                                               "Unavailable")
                             << QStringLiteral("Service Unavailable") << qint64(-1);
        QTest::newRow("429 is not special")
            << 429 << int(QNetworkReply::UnknownContentError)
            << QByteArray(R"({"error":"rate limited"})") << none << ids("a", "b") << Kind::HttpError
            << noMessages << QStringLiteral("cloud function answered HTTP 429: rate limited")
            << QStringLiteral("rate limited") << qint64(-1);
        QTest::newRow("404") << 404 << int(QNetworkReply::ContentNotFoundError)
                             << QByteArray(R"({"error":"no such function"})") << none << ids("a")
                             << Kind::HttpError << noMessages
                             << QStringLiteral("cloud function answered HTTP 404: no such "
                                               "function")
                             << QStringLiteral("no such function") << qint64(-1);
        QTest::newRow("a Date with a numeric zone is a sample too")
            << 200 << ok << resultsBody({QStringLiteral("a:stored")})
            << QByteArray("Wed, 25 Nov 2026 11:00:07 +0100") << ids("a") << Kind::Results
            << QStringList{QStringLiteral("a:stored")} << noError << QString() << kDateMs;
        QTest::newRow("an invalid Date is no sample")
            << 200 << ok << resultsBody({QStringLiteral("a:stored")}) << QByteArray("yesterday")
            << ids("a") << Kind::Results << QStringList{QStringLiteral("a:stored")} << noError
            << QString() << qint64(-1);

        // No HTTP answer: unreachable, and no time sample even with a Date.
        QTest::newRow("connection refused")
            << 0 << int(QNetworkReply::ConnectionRefusedError) << QByteArray() << kDate << ids("a")
            << Kind::Unreachable << noMessages
            << QStringLiteral("cloud unreachable: Connection refused") << QString() << qint64(-1);
        QTest::newRow("host not found")
            << 0 << int(QNetworkReply::HostNotFoundError) << QByteArray() << none << ids("a")
            << Kind::Unreachable << noMessages
            << QStringLiteral("cloud unreachable: Host example.invalid not found") << QString()
            << qint64(-1);
        QTest::newRow("timeout") << 0 << int(QNetworkReply::OperationCanceledError) << QByteArray()
                                 << none << ids("a") << Kind::Unreachable << noMessages
                                 << QStringLiteral("cloud unreachable: no answer within 20000 ms")
                                 << QString() << qint64(-1);
        QTest::newRow("remote closed")
            << 0 << int(QNetworkReply::RemoteHostClosedError) << QByteArray() << none << ids("a")
            << Kind::Unreachable << noMessages
            << QStringLiteral("cloud unreachable: Connection closed") << QString() << qint64(-1);
    }

    void classify()
    {
        QFETCH(int, status);
        QFETCH(int, netError);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, date);
        QFETCH(QStringList, sent);
        QFETCH(Kind, kind);
        QFETCH(QStringList, messages);
        QFETCH(QString, error);
        QFETCH(QString, detail);
        QFETCH(qint64, serverDateMs);

        CloudReply::Http http;
        http.status = status;
        http.error = QNetworkReply::NetworkError(netError);
        // What Qt says for these errors; a timeout's own words are replaced.
        switch (http.error) {
        case QNetworkReply::ConnectionRefusedError:
            http.errorString = QStringLiteral("Connection refused");
            break;
        case QNetworkReply::HostNotFoundError:
            http.errorString = QStringLiteral("Host example.invalid not found");
            break;
        case QNetworkReply::OperationCanceledError:
            http.errorString = QStringLiteral("Operation canceled");
            break;
        case QNetworkReply::RemoteHostClosedError:
            http.errorString = QStringLiteral("Connection closed");
            break;
        default:
            http.errorString = QStringLiteral("Error transferring - server replied: x");
            break;
        }
        http.body = body;
        http.date = date;

        const CloudReply::Outcome o = CloudReply::classify(http, sent, kTimeoutMs);
        QCOMPARE(o.kind, kind);
        QCOMPARE(describe(o.messages), messages);
        QCOMPARE(o.error, error);
        QCOMPARE(o.httpStatus, status);
        QCOMPARE(o.detail, detail);
        QCOMPARE(o.serverDateMs.value_or(-1), serverDateMs);
    }

    // What a refusal says depends on the secret the lane sent: the setting to fix.
    void refusalNamesTheSettingToFix_data()
    {
        QTest::addColumn<CloudAuth::Mode>("auth");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        const auto lane = CloudAuth::Mode::LaneCredential;
        const auto key = CloudAuth::Mode::ServiceKey;
        QTest::newRow("credential, 401")
            << lane << 401
            << QStringLiteral("cloud refused this lane's credential (revoked or unknown): HTTP "
                              "401, why; set a new cloudCredential (tools/cloud-dev enroll)");
        QTest::newRow("credential, 403")
            << lane << 403
            << QStringLiteral("cloud refused this lane's messages: HTTP 403, why; check storeId "
                              "against the store the lane was enrolled for");
        QTest::newRow("service key, 401")
            << key << 401
            << QStringLiteral("the cloud refused the service key (HTTP 401: why); check "
                              "supabaseServiceKey");
        QTest::newRow("service key, 403")
            << key << 403
            << QStringLiteral("the cloud refused the service key (HTTP 403: why); check "
                              "supabaseServiceKey");
    }

    void refusalNamesTheSettingToFix()
    {
        QFETCH(CloudAuth::Mode, auth);
        QFETCH(int, status);
        QFETCH(QString, error);
        CloudReply::Http http;
        http.status = status;
        http.body = R"({"error":"why"})";
        const CloudReply::Outcome o = CloudReply::classify(http, ids("a"), kTimeoutMs, auth);
        QCOMPARE(o.kind, Kind::Unauthorized);
        QCOMPARE(o.error, error);
        QVERIFY(o.messages.isEmpty());
    }

    // A lane credential rule shared with the function (CREDENTIAL in index.ts).
    void credentialForm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        const QString id = QStringLiteral("3f2c8a9e-1b4d-4c6e-9f01-23456789abcd");
        const QString secret = QStringLiteral("pxzthszrgLvUh2DtVdYhFbgYf2_d4JYgLiTmTggKtrU");
        const QString good = QStringLiteral("elc1.%1.%2").arg(id, secret);
        QTest::newRow("enrolled") << good << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("other version") << QStringLiteral("elc2.%1.%2").arg(id, secret) << false;
        QTest::newRow("upper-case id")
            << QStringLiteral("elc1.%1.%2").arg(id.toUpper(), secret) << false;
        QTest::newRow("secret short") << good.chopped(1) << false;
        QTest::newRow("secret long") << good + QLatin1Char('A') << false;
        QTest::newRow("standard base64") << good.chopped(1) + QLatin1Char('+') << false;
        QTest::newRow("padding") << good.chopped(1) + QLatin1Char('=') << false;
        QTest::newRow("trailing newline") << good + QLatin1Char('\n') << false;
        QTest::newRow("leading space") << QLatin1Char(' ') + good << false;
        QTest::newRow("a service key") << QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30.x") << false;
        QTest::newRow("id without dashes")
            << QStringLiteral("elc1.%1.%2").arg(QString(id).remove(QLatin1Char('-')), secret)
            << false;
    }

    void credentialForm()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QCOMPARE(CloudAuth::isCredential(text), ok);
    }

    // The request as the lane sends it: POST to the function, JSON, the transfer timeout, the
    // body bytes untouched; the lane's credential as Bearer only, or (the seed's way) the service
    // key as Bearer and apikey.
    void clientPostsTheRequestAndClassifiesTheReply_data()
    {
        QTest::addColumn<CloudAuth::Mode>("auth");
        QTest::newRow("lane credential") << CloudAuth::Mode::LaneCredential;
        QTest::newRow("service key") << CloudAuth::Mode::ServiceKey;
    }

    void clientPostsTheRequestAndClassifiesTheReply()
    {
        QFETCH(CloudAuth::Mode, auth);
        const QByteArray secret = auth == CloudAuth::Mode::ServiceKey
                                      ? QByteArrayLiteral("service-key")
                                      : QByteArrayLiteral("elc1.lane-credential");
        ManualClock clock(QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC));
        FakeNam nam;
        nam.respond = [](const QByteArray &) {
            Canned c;
            c.body = resultsBody({QStringLiteral("a:stored"), QStringLiteral("b:rejected:no")});
            c.headers = {{QByteArrayLiteral("Date"), kDate}};
            return c;
        };
        CloudClient client(nam, clock, QStringLiteral("https://p.example.co//"), auth, secret,
                           1234);
        QCOMPARE(client.url(),
                 QUrl(QStringLiteral("https://p.example.co/functions/v1/sync-pos-message")));
        const QByteArray body = R"([{"messageId":"a"},{"messageId":"b"}])";
        std::optional<CloudReply::Outcome> got;
        qint64 rtt = -1;
        client.post(body, ids("a", "b"), [&](const CloudReply::Outcome &o, qint64 rttMs) {
            got = o;
            rtt = rttMs;
        });
        QCOMPARE(client.inFlight(), 1);
        clock.advanceMs(250);
        QTRY_VERIFY(got.has_value());
        QCOMPARE(client.inFlight(), 0);

        QCOMPARE(nam.sent.size(), 1);
        const FakeNam::Sent &s = nam.sent.first();
        QCOMPARE(s.op, QNetworkAccessManager::PostOperation);
        QCOMPARE(s.request.url(), client.url());
        QCOMPARE(s.request.header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                 QByteArrayLiteral("application/json"));
        QCOMPARE(s.request.rawHeader("Authorization"), QByteArrayLiteral("Bearer ") + secret);
        // A lane's credential goes in one header only; the service key as the gateway takes it.
        const bool key = auth == CloudAuth::Mode::ServiceKey;
        QCOMPARE(s.request.rawHeader("apikey"), key ? secret : QByteArray());
        QCOMPARE(s.request.rawHeader("x-client-info"), QByteArrayLiteral("euphoria-lane"));
        QCOMPARE(s.request.rawHeader("Content-Encoding"), QByteArrayLiteral("gzip"));
        QCOMPARE(s.request.rawHeaderList().size(), key ? 5 : 4); // and no other header
        QCOMPARE(s.request.transferTimeout(), 1234);
        QCOMPARE(s.body, body);

        QCOMPARE(got->kind, Kind::Results);
        QCOMPARE(describe(got->messages),
                 QStringList({QStringLiteral("a:stored"), QStringLiteral("b:rejected:no")}));
        QCOMPARE(got->serverDateMs.value_or(-1), kDateMs);
        QCOMPARE(rtt, 250); // on the lane's clock
    }

    void clientReportsNetworkErrorsAndHttpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("netError");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("error");

        QTest::newRow("timeout") << 0 << int(QNetworkReply::OperationCanceledError) << QByteArray()
                                 << Kind::Unreachable
                                 << QStringLiteral("cloud unreachable: no answer within 1234 ms");
        QTest::newRow("refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << QByteArray()
                                 << Kind::Unreachable
                                 << QStringLiteral("cloud unreachable: fake refusal");
        QTest::newRow("503") << 503 << int(QNetworkReply::ServiceUnavailableError)
                             << QByteArray(R"({"error":"down"})") << Kind::HttpError
                             << QStringLiteral("cloud function answered HTTP 503: down");
        QTest::newRow("401") << 401 << int(QNetworkReply::AuthenticationRequiredError)
                             << QByteArray(R"({"error":"nope"})") << Kind::Unauthorized
                             << QStringLiteral("cloud refused this lane's credential (revoked or "
                                               "unknown): HTTP 401, nope; set a new "
                                               "cloudCredential (tools/cloud-dev enroll)");
        QTest::newRow("200 garbage")
            << 200 << int(QNetworkReply::NoError) << QByteArray("<html>") << Kind::Malformed
            << QStringLiteral("unexpected reply from the cloud function "
                              "(0 results for 1 messages)");
    }

    void clientReportsNetworkErrorsAndHttpErrors()
    {
        QFETCH(int, status);
        QFETCH(int, netError);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        QFETCH(QString, error);

        ManualClock clock(QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC));
        FakeNam nam;
        nam.respond = [&](const QByteArray &) {
            Canned c;
            c.status = status;
            c.body = body;
            c.error = QNetworkReply::NetworkError(netError);
            c.errorString = QStringLiteral("fake refusal");
            return c;
        };
        CloudClient client(nam, clock, QStringLiteral("http://127.0.0.1:1"),
                           CloudAuth::Mode::LaneCredential, "k", 1234);
        std::optional<CloudReply::Outcome> got;
        client.post(QByteArrayLiteral("[]"), ids("a"),
                    [&](const CloudReply::Outcome &o, qint64) { got = o; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->kind, kind);
        QCOMPARE(got->error, error);
    }

    // A stopped sync drops its requests: aborted, and nobody hears of their answers.
    void abortAllDropsTheRequests()
    {
        ManualClock clock(QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC));
        FakeNam nam;
        CloudClient client(nam, clock, QStringLiteral("http://127.0.0.1:1"),
                           CloudAuth::Mode::LaneCredential, "k", 1000);
        int answers = 0;
        for (int i = 0; i < 2; ++i)
            client.post(QByteArrayLiteral("[]"), ids("a"),
                        [&](const CloudReply::Outcome &, qint64) { ++answers; });
        QCOMPARE(client.inFlight(), 2);
        client.abortAll();
        QCOMPARE(client.inFlight(), 0);
        QCOMPARE(nam.replies.size(), 2);
        for (const auto &reply : std::as_const(nam.replies))
            QVERIFY(reply && reply->aborted);
        QTRY_VERIFY(std::all_of(nam.replies.cbegin(), nam.replies.cend(),
                                [](const auto &r) { return r.isNull(); }));
        QCOMPARE(answers, 0);
    }

    // CloudSync on a lane's queue posts through the manager it is given and marks the answers.
    void cloudSyncUsesTheInjectedManager()
    {
        TestLane t(QStringLiteral("L1"), 7);
        QVERIFY(!t.ringSaleFrames(3).isEmpty());
        const qint64 queued =
            t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"));
        QVERIFY(queued >= 3);
        FakeNam nam;
        nam.respond = [](const QByteArray &body) {
            Canned c;
            c.body = storedAll(body);
            return c;
        };
        CloudSyncConfig config;
        config.supabaseUrl = QStringLiteral("https://p.example.co");
        config.secret = "k";
        config.storeId = QStringLiteral("s1");
        config.terminalId = QStringLiteral("L1");
        config.hasPeers = false;
        CloudSync cloud(t.db(), t.clock(), config, &nam);
        QSignalSpy batches(&cloud, &CloudSync::batchDone);
        cloud.start();
        QTRY_COMPARE(batches.size(), 1);
        QCOMPARE(batches.first().at(0).toLongLong(), queued);
        QCOMPARE(t.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'cloud_ack'")),
                 queued);
        QCOMPARE(nam.sent.size(), 1);
        const QJsonArray sent = QJsonDocument::fromJson(nam.sent.first().body).array();
        QCOMPARE(sent.size(), queued);
        QCOMPARE(sent.first()[QLatin1String("storeId")].toString(), QStringLiteral("s1"));
        QCOMPARE(sent.first()[QLatin1String("terminalId")].toString(), QStringLiteral("L1"));
        QVERIFY(cloud.health().ok);
        cloud.stop();
    }
};

QTEST_GUILESS_MAIN(TstCloudReply)
#include "tst_cloudreply.moc"
