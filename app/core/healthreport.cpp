#include "healthreport.h"

#include "catalogstore.h"
#include "heldmessagestore.h"
#include "shiftstore.h"
#include "storeclock.h"

#include "clock.h"
#include "database.h"
#include "inventorysnapshot.h"
#include "outbox.h"
#include "outboxstore.h"
#include "peerstatusstore.h"
#include "printjobstore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

Result<HealthReport> HealthReport::read(const LaneConfig &config, int maxOfflineSeconds,
                                        const QDateTime &ownNow)
{
    using R = Result<HealthReport>;
    const QString path = config.databasePath();
    if (!QFileInfo::exists(path))
        return R::failure(QStringLiteral("no database for lane %1 at %2 (wrong --terminal-id or "
                                         "--data-dir?)")
                              .arg(config.terminalId, path));
    Database db;
    Database::Options options;
    options.path = path;
    if (Status s = db.open(options); !s)
        return R::failure(s.error());

    HealthReport report;
    // The lane writes its times by the store's agreed time: so does this report, with the
    // correction the lane last recorded.
    const QJsonObject storeClock =
        QJsonDocument::fromJson(db.meta(QStringLiteral("store_clock")).value_or(QString()).toUtf8())
            .object();
    const QDateTime now =
        ownNow.addMSecs(storeClock.value(QLatin1String("correctionMs")).toInteger());
    auto counts = OutboxStore(db).countByStatus();
    if (!counts)
        return R::failure(counts.error());
    QJsonObject outbox;
    for (auto it = counts->cbegin(); it != counts->cend(); ++it)
        outbox.insert(it.key(), it.value());

    const QString heartbeat = db.meta(QStringLiteral("peer_sync_heartbeat")).value_or(QString());
    const QDateTime beat = Clock::fromIso(heartbeat);
    const bool running = beat.isValid() && beat.secsTo(now) <= HeartbeatStaleSeconds;
    if (!running)
        report.problems.append(
            heartbeat.isEmpty()
                ? QStringLiteral("peer sync has never run on this lane")
                : QStringLiteral("lane not running: last heartbeat %1").arg(heartbeat));

    QJsonArray peers;
    QString lastSync;
    auto rows = PeerStatusStore(db).byPeer();
    if (!rows)
        return R::failure(rows.error());
    for (const PeerStatusRow &r : std::as_const(*rows)) {
        const bool up =
            r.state == QLatin1String("connected") || r.state == QLatin1String("connected_inbound");
        const qint64 downFor = up ? 0 : Clock::fromIso(r.since).secsTo(now);
        const bool configured = config.peerTerminals.contains(r.peer);
        QJsonObject p{{QStringLiteral("peer"), r.peer},
                      {QStringLiteral("url"), r.url},
                      {QStringLiteral("terminalId"), r.terminalId},
                      {QStringLiteral("direction"), r.direction},
                      {QStringLiteral("state"), r.state},
                      {QStringLiteral("since"), r.since},
                      {QStringLiteral("lastMessageAt"), r.lastMessageAt},
                      {QStringLiteral("unacked"), r.unacked},
                      {QStringLiteral("rejects"), r.rejects},
                      {QStringLiteral("lastError"), r.lastError},
                      {QStringLiteral("configured"), configured},
                      {QStringLiteral("channel"), r.channel},
                      {QStringLiteral("plaintext"), r.channel == QLatin1String("plaintext")}};
        if (!r.storeKey.isEmpty())
            p.insert(QStringLiteral("storeKey"), r.storeKey);
        if (!r.backoffUntil.isEmpty())
            p.insert(QStringLiteral("backoffUntil"), r.backoffUntil);
        if (!up)
            p.insert(QStringLiteral("unreachableSeconds"), downFor);
        if (r.lastSyncAt > lastSync)
            lastSync = r.lastSyncAt;
        if (configured && !up && downFor > maxOfflineSeconds)
            report.problems.append(QStringLiteral("peer %1 unreachable for %2 s (%3)")
                                       .arg(r.peer)
                                       .arg(downFor)
                                       .arg(r.lastError));
        peers.append(p);
    }
    // Stock: the checksum other lanes compare, the last reconciliation and clock skew.
    QJsonObject inventory;
    if (auto records = InventorySnapshot::read(db); records) {
        inventory.insert(QStringLiteral("products"), records->size());
        inventory.insert(QStringLiteral("checksum"), InventorySnapshot::checksum(*records));
    }
    // The catalog: its digest (equal on lanes that hold the same product versions), products
    // still waiting for their message, prices scheduled ahead, and head office's cursor.
    QJsonObject catalog;
    if (auto digest = CatalogStore(db).digest(); digest)
        catalog.insert(QStringLiteral("digest"), *digest);
    catalog.insert(
        QStringLiteral("products"),
        db.integerOrZero(QStringLiteral("SELECT COUNT(*) FROM products")).value_or(qint64(0)));
    catalog.insert(QStringLiteral("placeholders"),
                   db.integerOrZero(QStringLiteral("SELECT COUNT(*) FROM products WHERE "
                                                   "placeholder = 1"))
                       .value_or(qint64(0)));
    catalog.insert(QStringLiteral("scheduledPricesWaiting"),
                   db.integerOrZero(QStringLiteral("SELECT COUNT(*) FROM price_changes WHERE "
                                                   "applied = 0"))
                       .value_or(qint64(0)));
    catalog.insert(QStringLiteral("headOfficeCursor"),
                   db.meta(QStringLiteral("head_office_cursor")).value_or(QString()).toLongLong());
    QJsonObject reconciliation =
        QJsonDocument::fromJson(
            db.meta(QStringLiteral("reconciliation_status")).value_or(QString()).toUtf8())
            .object();
    reconciliation.insert(QStringLiteral("nextRunAt"),
                          db.meta(QStringLiteral("reconciliation_next_at")).value_or(QString()));
    QJsonObject clock = storeClock;
    clock.insert(QStringLiteral("hlc"), db.meta(QStringLiteral("hlc")).value_or(QString()));
    if (storeClock.value(QLatin1String("skewed")).toBool())
        report.problems.append(
            QStringLiteral("this lane's clock is %1 the store's time (%2); it stamps its events "
                           "with the store's time, but its clock should be set right")
                .arg(StoreClock::aheadOrBehind(
                         -storeClock.value(QLatin1String("correctionMs")).toInteger()),
                     storeClock.value(QLatin1String("source")).toString()));
    const QJsonObject clockPeers = storeClock.value(QLatin1String("peers")).toObject();
    for (auto it = clockPeers.constBegin(); it != clockPeers.constEnd(); ++it) {
        const QJsonObject p = it.value().toObject();
        if (p.value(QLatin1String("skewed")).toBool())
            report.problems.append(
                QStringLiteral("lane %1's clock is %2 the store's time")
                    .arg(it.key(),
                         StoreClock::aheadOrBehind(
                             p.value(QLatin1String("offsetMs")).toInteger() -
                             storeClock.value(QLatin1String("correctionMs")).toInteger())));
    }
    // Messages held for a time too far ahead, with the lane each came from.
    QJsonArray held;
    auto waiting = HeldMessageStore(db).waiting(100);
    if (!waiting)
        return R::failure(waiting.error());
    QStringList heldFrom;
    for (const HeldMessageRow &h : std::as_const(*waiting)) {
        held.append(QJsonObject{{QStringLiteral("messageId"), h.messageId},
                                {QStringLiteral("from"), h.origin},
                                {QStringLiteral("topic"), h.topic},
                                {QStringLiteral("stampedAt"), Clock::msToIso(h.stampedMs)},
                                {QStringLiteral("heldAt"), h.heldAt}});
        if (!heldFrom.contains(h.origin))
            heldFrom.append(h.origin);
    }
    if (!held.isEmpty())
        report.problems.append(
            QStringLiteral("%1 messages held: stamped too far ahead of the store's time (from %2); "
                           "they take effect when their time comes, or when a manager accepts "
                           "them on the admin screen")
                .arg(held.size())
                .arg(heldFrom.join(QStringLiteral(", "))));

    // Cloud: what the running lane's pusher last recorded, and the failed messages it holds.
    QJsonObject cloud = QJsonDocument::fromJson(
                            db.meta(QStringLiteral("cloud_status")).value_or(QString()).toUtf8())
                            .object();
    cloud.insert(QStringLiteral("enabled"), config.cloudEnabled());
    cloud.insert(QStringLiteral("storeId"), config.storeId);
    // Which secret the lane proves itself with; never the secret.
    cloud.insert(QStringLiteral("auth"), config.cloudAuthName());
    cloud.insert(QStringLiteral("failed"), outbox.value(QLatin1String("failed")).toInteger());
    if (config.cloudEnabled()) {
        const QString error = cloud.value(QLatin1String("lastError")).toString();
        if (!cloud.value(QLatin1String("ok")).toBool() && !error.isEmpty())
            report.problems.append(QStringLiteral("cloud sync: %1").arg(error));
        const qint64 failed = outbox.value(QLatin1String("failed")).toInteger() +
                              cloud.value(QLatin1String("relayedFailed")).toInteger();
        if (failed > 0)
            report.problems.append(QStringLiteral("%1 messages failed to upload to the cloud and "
                                                  "wait for a manager's retry")
                                       .arg(failed));
    }

    // The running lane's keys (by fingerprint) and the links it was told to leave unencrypted:
    // allowed, but never silently.
    const QJsonObject security =
        QJsonDocument::fromJson(
            db.meta(QStringLiteral("peer_link_security")).value_or(QString()).toUtf8())
            .object();
    for (const QJsonValue &p : security.value(QLatin1String("plaintextPeers")).toArray())
        report.warnings.append(QStringLiteral("plaintext link with %1 (plaintextPeers): its "
                                              "frames are not encrypted or authenticated; anyone "
                                              "on the network can read and alter them")
                                   .arg(p.toString()));
    const QJsonArray keyPrints = security.value(QLatin1String("storeKeys")).toArray();

    // The receipt printer: the running lane records its state; the queue is in print_jobs.
    QJsonObject printer{{QStringLiteral("configured"), !config.printer.isEmpty()}};
    if (!config.printer.isEmpty()) {
        const QJsonObject state =
            QJsonDocument::fromJson(
                db.meta(QStringLiteral("printer_state")).value_or(QString()).toUtf8())
                .object();
        printer.insert(QStringLiteral("target"), config.printer);
        printer.insert(QStringLiteral("state"),
                       state.value(QLatin1String("state")).toString(QStringLiteral("unknown")));
        printer.insert(QStringLiteral("lastError"),
                       state.value(QLatin1String("lastError")).toString());
        printer.insert(QStringLiteral("queued"), PrintJobStore(db).queuedCount().value_or(0));
    }

    // The lane's shift and day: whether it can sell, and the Z reports it took.
    ShiftStore shifts(db);
    QJsonObject shift{{QStringLiteral("open"), false}};
    if (auto open = shifts.open(config.terminalId); open && open->has_value()) {
        shift.insert(QStringLiteral("open"), true);
        shift.insert(QStringLiteral("shiftId"), (*open)->id);
        shift.insert(QStringLiteral("openedAt"), (*open)->openedAt);
        shift.insert(QStringLiteral("openedBy"), (*open)->openedBy);
    } else {
        report.warnings.append(QStringLiteral("no shift is open on this lane: it cannot sell "
                                              "until a cashier opens one"));
    }
    shift.insert(QStringLiteral("lastZNumber"), shifts.lastZNumber(config.terminalId).value_or(0));
    shift.insert(QStringLiteral("closedShiftsWithoutZ"),
                 qint64(shifts.closedWithoutZ(config.terminalId).value_or({}).size()));

    // A restored lane that peers know further than it knows itself sells nothing until it holds
    // its own messages again (PROTOCOL.md §4.1).
    const QString recovering = Outbox::recoveryBlock(db, config.terminalId).value_or(QString());
    if (!recovering.isEmpty())
        report.problems.append(recovering);

    report.json = {{QStringLiteral("terminalId"), config.terminalId},
                   {QStringLiteral("recovering"), !recovering.isEmpty()},
                   {QStringLiteral("storeKeys"), keyPrints},
                   {QStringLiteral("database"), path},
                   {QStringLiteral("running"), running},
                   {QStringLiteral("heartbeat"), heartbeat},
                   {QStringLiteral("outbox"), outbox},
                   {QStringLiteral("lastPeerSyncAt"), lastSync},
                   {QStringLiteral("cloud"), cloud},
                   {QStringLiteral("peers"), peers},
                   {QStringLiteral("inventory"), inventory},
                   {QStringLiteral("catalog"), catalog},
                   {QStringLiteral("reconciliation"), reconciliation},
                   {QStringLiteral("clock"), clock},
                   {QStringLiteral("held"), held},
                   {QStringLiteral("printer"), printer},
                   {QStringLiteral("shift"), shift},
                   {QStringLiteral("problems"), QJsonArray::fromStringList(report.problems)},
                   {QStringLiteral("warnings"), QJsonArray::fromStringList(report.warnings)},
                   {QStringLiteral("healthy"), report.problems.isEmpty()}};
    return report;
}
