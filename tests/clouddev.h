#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <optional>

// The store's cloud for a test: tools/cloud-dev started as a real process (PostgreSQL 15 with the
// migrations applied and the Edge Function under Deno, on ports it picks), read back through psql.
class CloudDev
{
public:
    CloudDev() = default;
    ~CloudDev();

    // Starts it and waits (up to timeoutMs) for its settings; error() says why on failure.
    bool start(int timeoutMs = 180000);
    void stop();
    const QString &error() const { return m_error; }
    const QString &supabaseUrl() const { return m_url; }
    // The service-role key: for tests of the lanes' service-key mode, and to check that it never
    // shows anywhere.
    const QString &serviceKey() const { return m_key; }
    const QString &databaseUrl() const { return m_dbUrl; }
    quint16 functionPort() const { return quint16(QUrl(m_url).port()); }
    // What the function has logged so far.
    QString functionLog() const;

    // The credential of lane terminal of store, enrolled with tools/cloud-dev enroll the first
    // time it is asked for; empty (with a warning) when enrolment failed.
    QString credential(const QString &store, const QString &terminal);
    // A new credential for the lane, revoking the one it had (tools/cloud-dev enroll --replace).
    QString reenroll(const QString &store, const QString &terminal);
    // tools/cloud-dev revoke: the lane's credential is refused from the next request on.
    bool revoke(const QString &store, const QString &terminal);
    // Every credential handed out so far, to check that none shows in a log.
    const QStringList &credentials() const { return m_allCredentials; }

    // The first column of the first row of a query (psql -tA), empty on error.
    QString query(const QString &sql) const;
    qint64 count(const QString &sql) const { return query(sql).toLongLong(); }

private:
    QProcess m_process;
    QString m_url;
    QString m_key;
    QString m_dbUrl;
    QString m_functionLog;
    QString m_error;
    QHash<QString, QString> m_credentials; // "store:terminal" -> credential (the latest)
    QStringList m_allCredentials;

    // Runs tools/cloud-dev with these arguments against this cloud's database; its output, or
    // nullopt (with a warning) when it failed.
    std::optional<QString> tool(const QStringList &arguments) const;
};

// A TCP proxy between the lane and the function that can lose the network in the ways a store's
// internet does: refuse connections, or pass the request on and drop the connection before the
// reply gets back (the insert happened, the lane never hears of it).
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    // Refuse: every connection is reset at once. Silent: accepts the connection and the request,
    // never answers (a hung link).
    enum class Mode { Forward, Refuse, DropReplies, Answer, Silent };

    explicit FaultProxy(quint16 upstreamPort, QObject *parent = nullptr);
    bool listen();
    void setMode(Mode mode);
    // With Mode::Answer: every request gets this raw HTTP response instead of the function's.
    void setAnswer(const QByteArray &httpResponse) { m_answer = httpResponse; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    int connections() const { return m_connections; }
    int dropped() const { return m_dropped; }
    int refused() const { return m_refused; }

private:
    void onConnection();

    quint16 m_upstream;
    quint16 m_port = 0;
    QTcpServer m_server;
    Mode m_mode = Mode::Forward;
    QByteArray m_answer;
    QList<QPointer<QTcpSocket>> m_clients;
    int m_connections = 0;
    int m_dropped = 0;
    int m_refused = 0;
};
