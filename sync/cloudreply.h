#pragma once

#include "cloudauth.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QString>
#include <QStringList>

#include <optional>

// What the sync-pos-message function's answer to one upload means, a pure function of the reply
// (CloudClient does the HTTP, CloudSync acts on the outcome): HTTP 200 with one result per
// message sent, in order, gives each message's result; no HTTP answer at all means the cloud is
// unreachable; 401/403 refuses the lane's credential (or service key) or its store; 400/413/422
// refuses the body as a whole (a
// lone message is then rejected, a larger batch should shrink); any other answer, and a 200
// that does not carry exactly the results asked for, makes the queue wait.
namespace CloudReply {
enum class Kind {
    Results,      // messages: one result per message sent, in order
    Unreachable,  // no HTTP answer (network error, timeout): the queue waits, unreachable
    Unauthorized, // HTTP 401 (credential refused) or 403 (another store): the queue waits
    Malformed,    // HTTP 200 without a result for each message sent, in order: the queue waits
    HttpError,    // any other HTTP status: the queue waits
    BatchRefused, // HTTP 400/413/422 for several messages: a smaller batch may pass
};

enum class MessageStatus { Stored, Duplicate, Rejected };

struct Message
{
    QString id;
    MessageStatus status = MessageStatus::Stored;
    QString reason; // Rejected: why (at most 500 characters)
    bool acked() const { return status != MessageStatus::Rejected; }
};

// The parts of an HTTP reply the rules look at.
struct Http
{
    int status = 0; // 0: no HTTP answer
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QByteArray body;
    QByteArray date; // the Date header
};

struct Outcome
{
    Kind kind = Kind::Results;
    QList<Message> messages; // Results
    // Why the queue waits (Unreachable, Unauthorized, Malformed, HttpError), as logged and
    // shown in the health.
    QString error;
    int httpStatus = 0;
    QString detail; // the function's "error" text, or the start of the body
    // The reply's Date (whole seconds) whenever the function answered, for the store's clock.
    std::optional<qint64> serverDateMs;
};

// sentIds: the messages of the request, in the order sent; timeoutMs: the request's transfer
// timeout (a transfer timeout shows as a cancelled operation); auth: how the request proved
// itself, for saying which setting to fix.
Outcome classify(const Http &reply, const QStringList &sentIds, int timeoutMs,
                 CloudAuth::Mode auth = CloudAuth::Mode::LaneCredential);
} // namespace CloudReply
