// The cloud reply classifier: what the sync-pos-message function (or whatever answers in its
// place) sends back for one upload. Input: 2 bytes HTTP status (0: no answer), 1 byte network
// error, 1 byte count of messages sent (0 to 8), the Date header up to the first newline, then
// the body.
#include "cloudreply.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzSupport::init(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    static const QStringList ids{
        QStringLiteral("6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e60"),
        QStringLiteral("6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e61"),
        QStringLiteral("6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e62"),
        QStringLiteral("6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e63"),
        QStringLiteral("6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e64"),
        QStringLiteral("6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e65"),
        QStringLiteral("6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e66"),
        QStringLiteral("6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e67"),
    };
    CloudReply::Http http;
    http.status = (data[0] << 8 | data[1]) % 600;
    http.error = QNetworkReply::NetworkError(data[2] % 6 == 0 ? 0 : data[2]);
    http.errorString = QStringLiteral("fuzzed network error");
    const QStringList sent = ids.mid(0, data[3] % (ids.size() + 1));
    const QByteArray rest = FuzzSupport::bytes(data + 4, size - 4);
    const qsizetype newline = rest.indexOf('\n');
    http.date = newline < 0 ? QByteArray() : rest.left(newline);
    http.body = newline < 0 ? rest : rest.mid(newline + 1);

    const CloudReply::Outcome o = CloudReply::classify(http, sent, 20000);
    FUZZ_CHECK(o.httpStatus == http.status);
    switch (o.kind) {
    case CloudReply::Kind::Results:
        // One result per message sent, in order, each for the message it names.
        FUZZ_CHECK(o.messages.size() == sent.size());
        for (qsizetype i = 0; i < sent.size(); ++i) {
            FUZZ_CHECK(o.messages.at(i).id == sent.at(i));
            FUZZ_CHECK(o.messages.at(i).reason.size() <= 500);
        }
        break;
    case CloudReply::Kind::BatchRefused:
        FUZZ_CHECK(sent.size() > 1 && o.messages.isEmpty());
        break;
    default:
        // The queue waits: no result is taken, and the log says why.
        FUZZ_CHECK(o.messages.isEmpty() && !o.error.isEmpty());
        break;
    }
    FUZZ_CHECK(http.status != 0 || o.kind == CloudReply::Kind::Unreachable);
    return 0;
}
