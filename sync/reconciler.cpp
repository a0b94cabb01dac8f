#include "reconciler.h"
#include "reconcilerule.h"

#include "catalogstore.h"
#include "clock.h"
#include "database.h"
#include "hlc.h"
#include "idgenerator.h"
#include "inboxstore.h"
#include "inventorystore.h"
#include "outbox.h"
#include "synclog.h"
#include "topics.h"
#include "writetransaction.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

Reconciler::Reconciler(Database &db, Outbox &outbox, Hlc &hlc, Clock &clock, IdGenerator &ids,
                       QString terminalId, ReconcilerConfig config, ReconcilerLinks links,
                       QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_outbox(outbox)
    , m_hlc(hlc)
    , m_clock(clock)
    , m_ids(ids)
    , m_terminal(std::move(terminalId))
    , m_config(config)
    , m_links(std::move(links))
    , m_log(db, m_terminal)
    , m_ledger(db, outbox, hlc, clock)
    , m_store(db)
    , m_schedule(clock)
    , m_answerTimer(clock)
{
    m_schedule.setSingleShot(true);
    m_answerTimer.setSingleShot(true);
    connect(&m_schedule, &ClockTimer::timeout, this, [this] {
        if (!reconcileNow(QStringLiteral("scheduled")) && m_config.intervalMs > 0) {
            // A manual run is going on; the schedule goes on from its end.
            m_nextRunAt.clear();
        }
    });
    connect(&m_answerTimer, &ClockTimer::timeout, this, &Reconciler::roundDone);
}

void Reconciler::start()
{
    m_started = true;
    m_schedule.start(m_config.firstRunMs);
    m_nextRunAt = Clock::toIso(m_clock.nowUtc().addMSecs(m_config.firstRunMs));
    recordNextRun();
    Q_EMIT statusChanged();
}

bool Reconciler::reconcileNow(const QString &trigger)
{
    if (m_run.active) {
        qCInfo(lcRecon) << "reconciliation already running; request" << trigger << "ignored";
        return false;
    }
    m_schedule.stop();
    m_nextRunAt.clear();
    m_run = Run{};
    m_run.active = true;
    m_run.id = m_ids.nextString();
    m_run.trigger = trigger;
    m_run.startedAt = m_clock.nowIso();
    auto digest = InventorySnapshot::digest(m_db);
    if (!digest) {
        finish(QStringLiteral("failed: ") + digest.error());
        return true;
    }
    m_run.checksumBefore = digest->checksum;
    m_run.bucketsBefore = digest->buckets;
    auto before = m_log.vector();
    if (!before) {
        finish(QStringLiteral("failed: ") + before.error());
        return true;
    }
    m_run.before = *before;
    auto lastChange = InventoryStore(m_db).lastChangeId();
    if (!lastChange) {
        finish(QStringLiteral("failed: ") + lastChange.error());
        return true;
    }
    m_run.startChange = *lastChange;
    if (Status s = recordRunStart(); !s) {
        finish(QStringLiteral("failed: ") + s.error());
        return true;
    }
    Q_EMIT statusChanged();
    const QStringList peers = m_links.connectedPeers ? m_links.connectedPeers() : QStringList();
    m_run.asked = peers;
    qCInfo(lcRecon).noquote() << "reconciliation" << m_run.id
                              << QStringLiteral("(%1) checksum").arg(trigger)
                              << m_run.checksumBefore.left(12) << "asking"
                              << (peers.isEmpty() ? QStringLiteral("no peers")
                                                  : peers.join(QStringLiteral(", ")));
    if (peers.isEmpty()) {
        QTimer::singleShot(0, this, [this] { finish(QStringLiteral("no peers connected")); });
        return true;
    }
    requestRound(peers);
    return true;
}

Status Reconciler::recordRunStart()
{
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    if (Status s = m_store.startRun(m_run.id, m_run.trigger, m_run.startedAt, m_run.checksumBefore);
        !s)
        return s;
    if (Status s = publishEvent(QString(Topics::ReconciliationRequest),
                                {{QStringLiteral("runId"), m_run.id},
                                 {QStringLiteral("terminalId"), m_terminal},
                                 {QStringLiteral("trigger"), m_run.trigger},
                                 {QStringLiteral("checksum"), m_run.checksumBefore},
                                 {QStringLiteral("requestedAt"), m_run.startedAt}});
        !s)
        return s;
    return tx.commit();
}

Status Reconciler::publishEvent(const QString &topic, const QJsonObject &payload)
{
    auto m = m_outbox.publish(topic, payload);
    return m ? Status() : Status::failure(m.error());
}

void Reconciler::requestRound(const QStringList &peers)
{
    ++m_run.round;
    m_run.requestId = m_ids.nextString();
    m_run.answers.clear();
    auto vector = m_log.vector();
    // The first round uses the digest taken when the run began; later rounds take a fresh one.
    InventorySnapshot::Digest digest{m_run.checksumBefore, m_run.bucketsBefore};
    if (m_run.round > 1) {
        auto fresh = InventorySnapshot::digest(m_db);
        digest = fresh ? *fresh : InventorySnapshot::Digest{};
    }
    m_run.requestChecksum = digest.checksum;
    m_run.requestVector = vector ? *vector : PeerProtocol::VersionVector();
    const QByteArray frame = InventorySnapshot::request(
        m_run.requestId, m_clock.nowIso(), digest.checksum,
        vector ? *vector : PeerProtocol::VersionVector(), digest.buckets);
    for (const QString &peer : peers) {
        m_run.answers.insert(peer, PeerAnswer{});
        m_links.send(peer, frame);
    }
    m_answerTimer.start(m_config.answerTimeoutMs);
}

void Reconciler::onInventoryResponse(const QString &peer, const QJsonObject &frame)
{
    if (!m_run.active || frame.value(QLatin1String("requestId")).toString() != m_run.requestId ||
        !m_run.answers.contains(peer)) {
        qCDebug(lcRecon) << "inventory_response from" << peer << "for no current request";
        return;
    }
    PeerAnswer &a = m_run.answers[peer];
    if (a.complete)
        return;
    auto r = InventorySnapshot::parseResponse(frame, peer);
    if (!r) {
        qCWarning(lcRecon).noquote()
            << "inventory_response from" << peer << "rejected:" << r.error();
        m_run.notes.append(peer + QStringLiteral(": ") + r.error());
        m_run.answers.remove(peer); // counted as not answering
    } else if (a.parts.isEmpty() || (r->parts == a.response.parts && !a.parts.contains(r->part))) {
        if (a.parts.isEmpty())
            a.response = *r;
        else
            a.response.records.append(r->records);
        a.parts.insert(r->part);
        a.complete = a.parts.size() >= a.response.parts;
    } else {
        qCWarning(lcRecon) << "inventory_response from" << peer << "repeats part" << r->part
                           << "or changes the number of parts; ignored";
    }
    for (const PeerAnswer &other : std::as_const(m_run.answers))
        if (!other.complete)
            return;
    m_answerTimer.stop();
    QTimer::singleShot(0, this, &Reconciler::roundDone);
}

bool Reconciler::coversVector(const PeerProtocol::VersionVector &theirs)
{
    auto ours = m_log.vector();
    if (!ours)
        return false;
    for (auto it = theirs.cbegin(); it != theirs.cend(); ++it)
        if (ours->value(it.key(), 0) < it.value())
            return false;
    return true;
}

bool Reconciler::sameMessages(const InventorySnapshot::Response &r) const
{
    if (!r.hasVector)
        return false;
    QSet<QString> origins(r.vector.keyBegin(), r.vector.keyEnd());
    for (auto it = m_run.requestVector.cbegin(); it != m_run.requestVector.cend(); ++it)
        origins.insert(it.key());
    for (const QString &origin : std::as_const(origins)) {
        const qint64 theirs = r.vector.value(origin, 0);
        const qint64 ours = m_run.requestVector.value(origin, 0);
        // This lane's own messages of the run (its request event, sales rung meanwhile) may
        // still be on their way: a product they change is left for the next run anyway.
        if (origin == m_terminal ? theirs < m_run.before.value(origin, 0) || theirs > ours
                                 : theirs != ours)
            return false;
    }
    return true;
}

Result<bool> Reconciler::holdsAll(const QSet<QString> &messageIds)
{
    InboxStore inbox(m_db);
    for (const QString &id : messageIds) {
        auto stored = inbox.stored(id);
        if (!stored)
            return Result<bool>::failure(stored.error());
        if (!stored->has_value())
            return false;
    }
    return true;
}

Result<QStringList> Reconciler::missingBaselines(const InventorySnapshot::Response &r)
{
    using R = Result<QStringList>;
    auto localList = InventorySnapshot::read(m_db, r.partial ? &r.coveredBuckets : nullptr);
    if (!localList)
        return R::failure(localList.error());
    QHash<QString, qsizetype> local;
    for (qsizetype i = 0; i < localList->size(); ++i)
        local.insert(localList->at(i).productId, i);
    QStringList missing;
    InboxStore inbox(m_db);
    for (const InventoryRecord &rec : r.records) {
        if (!rec.baselineMessageId || rec.baselineMessageId->isEmpty())
            continue;
        const QString &id = *rec.baselineMessageId;
        const auto at = local.constFind(rec.productId);
        if ((at != local.cend() && localList->at(*at).sameStock(rec)) || missing.contains(id))
            continue;
        auto stored = inbox.stored(id);
        if (!stored)
            return R::failure(stored.error());
        if (!stored->has_value())
            missing.append(id);
        if (missing.size() >= MaxFetchedPerRound)
            break;
    }
    return missing;
}

Result<ReconcileRule::Backing> Reconciler::backingOf(const InventoryRecord &remote,
                                                     const InventoryRecord *local)
{
    using B = ReconcileRule::Backing;
    using R = Result<B>;
    if (!remote.hasBaseline || !remote.baselineMessageId)
        return B::None;
    const QString &id = *remote.baselineMessageId;
    if (id.isEmpty())
        return remote.isCatalogBaseline() ? B::Catalog : B::None;
    auto stored = InboxStore(m_db).stored(id);
    if (!stored)
        return R::failure(stored.error());
    if (!stored->has_value())
        return B::Missing;
    const InboxStore::Stored &message = **stored;
    if (message.topic != QLatin1String(Topics::Inventory))
        return B::None;
    OutboxMessage m;
    m.id = id;
    m.fromTerminal = message.origin;
    m.topic = message.topic;
    auto event = InventoryEvent::fromJson(QJsonDocument::fromJson(message.payload).object(), m);
    // The message must say this figure: a count (or reconciliation, import) of this product
    // with this quantity.
    if (!event || event->isDelta() || event->productId != remote.productId ||
        event->quantity != remote.baselineQuantity)
        return B::None;
    if (event->hlc == remote.baselineHlc)
        return B::Message;
    // Moved to another time since it was sent (held and accepted, or re-timed by its origin):
    // backed when this lane's baseline is that message at that time too.
    if (local && local->baselineMessageId == id && local->baselineHlc == remote.baselineHlc)
        return B::Message;
    return B::None;
}

void Reconciler::noteNotComparable(const QString &peer, const QString &why)
{
    if (m_run.notComparable.contains(peer))
        return;
    m_run.notComparable.append(peer);
    m_run.notes.append(QStringLiteral("%1: not comparable (%2)").arg(peer, why));
    qCInfo(lcRecon).noquote() << "reconciliation" << m_run.id << ":" << peer
                              << "is not comparable:" << why << "- its figures settle nothing";
}

void Reconciler::roundDone()
{
    if (!m_run.active)
        return;
    m_answerTimer.stop();
    // The answers describe the peers as of the request: compare with this lane as of then too.
    const QString sum = m_run.requestChecksum;
    QStringList differing;
    QStringList needCatchUp;
    QStringList fetchFrom;
    for (const QString &peer : std::as_const(m_run.asked)) {
        const auto it = m_run.answers.constFind(peer);
        if (it == m_run.answers.cend() || !it->complete)
            continue; // not asked this round, or not answered
        m_run.everAnswered.insert(peer);
        const InventorySnapshot::Response &r = it->response;
        if (r.match || r.checksum == sum)
            continue;
        if (r.checksum.isEmpty() &&
            InventorySnapshot::checksum(r.records) == sum) // a seed-only peer
            continue;
        if (!r.hasVector) {
            // Which messages its figures rest on is unknown: they settle nothing.
            noteNotComparable(peer, QStringLiteral("its answer has no version vector"));
            continue;
        }
        differing.append(peer);
        if (!sameMessages(r)) {
            needCatchUp.append(peer);
            continue;
        }
        // Same messages: the baselines its differing figures name must be here too.
        auto missing = missingBaselines(r);
        if (!missing) {
            m_run.notes.append(peer + QStringLiteral(": ") + missing.error());
            continue;
        }
        if (!missing->isEmpty()) {
            fetchFrom.append(peer);
            for (const QString &id : std::as_const(*missing))
                m_run.fetching.insert(id);
        }
    }
    if (differing.isEmpty()) {
        m_run.productsCompared = InventoryStore(m_db).productCount().value_or(0);
        finish(m_run.everAnswered.isEmpty()    ? QStringLiteral("no peer answered")
               : m_run.notComparable.isEmpty() ? QStringLiteral("in sync")
                                               : QStringLiteral("not settled"));
        return;
    }
    if ((!needCatchUp.isEmpty() || !fetchFrom.isEmpty()) && m_run.round < m_config.maxRounds) {
        // Messages are missing between the lanes: get them first, then compare again.
        for (const QString &peer : std::as_const(needCatchUp)) {
            const auto &r = m_run.answers.value(peer).response;
            if (!coversVector(r.vector) && m_links.catchUp)
                m_links.catchUp(peer);
        }
        // A named baseline this lane lacks lies beyond its vector (after a gap, say): the
        // sync_request brings every message the peer holds beyond it.
        for (const QString &peer : std::as_const(fetchFrom))
            if (m_links.catchUp)
                m_links.catchUp(peer);
        qCInfo(lcRecon).noquote() << "reconciliation" << m_run.id << "round" << m_run.round
                                  << ": catching up with"
                                  << (needCatchUp + fetchFrom).join(QStringLiteral(", "));
        waitForCatchUp(differing, m_clock.nowUtc().toMSecsSinceEpoch() + m_config.catchUpTimeoutMs);
        return;
    }
    resolve(differing);
}

void Reconciler::waitForCatchUp(const QStringList &peers, qint64 deadlineMs)
{
    bool covered = true;
    for (const QString &peer : peers) {
        const auto &r = m_run.answers.value(peer).response;
        covered = covered && (!r.hasVector || coversVector(r.vector));
    }
    if (covered && !m_run.fetching.isEmpty())
        covered = holdsAll(m_run.fetching).value_or(false);
    if (covered || m_clock.nowUtc().toMSecsSinceEpoch() >= deadlineMs) {
        // What they lack flows to them from our pump meanwhile; the next round shows it.
        ClockTimer::singleShot(m_clock, covered ? m_config.catchUpPollMs : 0, this,
                               [this, peers] { requestRound(peers); });
        return;
    }
    ClockTimer::singleShot(m_clock, m_config.catchUpPollMs, this,
                           [this, peers, deadlineMs] { waitForCatchUp(peers, deadlineMs); });
}

void Reconciler::resolve(const QStringList &peers)
{
    auto ownHeld = InventorySnapshot::heldDigest(m_db);
    if (!ownHeld) {
        finish(QStringLiteral("failed: ") + ownHeld.error());
        return;
    }
    auto changed = InventoryStore(m_db).productsChangedAfter(m_run.startChange);
    if (!changed) {
        finish(QStringLiteral("failed: ") + changed.error());
        return;
    }
    const QSet<QString> &changedDuringRun = *changed;
    QSet<QString> compared;
    CatalogStore catalog(m_db);
    const QString now = m_clock.nowIso();

    WriteTransaction tx(m_db);
    if (!tx.isActive()) {
        finish(QStringLiteral("failed: ") + tx.error());
        return;
    }
    const QString reason = QStringLiteral("reconciliation");
    for (const QString &peer : peers) {
        const InventorySnapshot::Response &r = m_run.answers.value(peer).response;
        // This lane as it is now, after resolutions with the peers before this one.
        auto localList = InventorySnapshot::read(m_db, r.partial ? &r.coveredBuckets : nullptr);
        if (!localList) {
            tx.rollback();
            finish(QStringLiteral("failed: ") + localList.error());
            return;
        }
        QHash<QString, InventoryRecord> local;
        for (const InventoryRecord &rec : std::as_const(*localList))
            local.insert(rec.productId, rec);
        QHash<QString, const InventoryRecord *> remote;
        for (const InventoryRecord &rec : r.records)
            remote.insert(rec.productId, &rec);
        // A partial answer covers some buckets; the other buckets hash equal on both lanes.
        QSet<QString> products(local.keyBegin(), local.keyEnd());
        for (auto it = remote.cbegin(); it != remote.cend(); ++it)
            products.insert(it.key());
        compared.unite(products);
        // Only lanes that hold the same messages may settle stock by last write wins: with
        // messages still missing, a difference is a sale in flight, not a conflict; nor while
        // they hold back different messages (a count one applied and the other keeps).
        const bool comparable = r.held == *ownHeld && sameMessages(r);
        int peerDifferences = 0;
        Run::Unbacked unbacked;
        for (const QString &productId : std::as_const(products)) {
            const InventoryRecord *rem = remote.value(productId, nullptr);
            const auto loc = local.constFind(productId);
            const bool hasLocal = loc != local.cend();
            const ReconcileRule::Decision d = ReconcileRule::decide(
                hasLocal ? &*loc : nullptr, rem, comparable, changedDuringRun.contains(productId));
            if (d.action == ReconcileRule::Action::Same)
                continue;
            ++m_run.differences;
            ++peerDifferences;
            if (d.action == ReconcileRule::Action::NotSameMessages)
                continue;
            if (d.action == ReconcileRule::Action::ChangedHere) {
                // Its stock moved here while the run went on (a sale, a message): the next run
                // compares again.
                ++m_run.changedDuringRun;
                continue;
            }
            // Facts, not figures: what the peer's record rests on must be a message held here.
            auto backing = rem ? backingOf(*rem, hasLocal ? &*loc : nullptr)
                               : Result<ReconcileRule::Backing>(ReconcileRule::Backing::None);
            if (!backing) {
                m_run.notes.append(productId + QStringLiteral(": ") + backing.error());
                continue;
            }
            if (!ReconcileRule::mayAct(d, rem != nullptr, *backing)) {
                ++unbacked.figures;
                if (*backing == ReconcileRule::Backing::Missing &&
                    unbacked.missing.size() < MaxReportedMissing &&
                    !unbacked.missing.contains(*rem->baselineMessageId))
                    unbacked.missing.append(*rem->baselineMessageId);
                continue;
            }
            const bool remoteWins = d.remoteWins;
            const qint64 quantity = d.quantity;
            const HlcTime time = d.time;
            if (!hasLocal) {
                auto product = catalog.byId(productId);
                if (!product || !product->has_value()) {
                    m_run.notes.append(QStringLiteral("%1 has product %2, unknown here")
                                           .arg(peer, productId.left(64)));
                    continue;
                }
            }
            // Published either way: applied here when it is later than ours, and every other
            // lane applies the same rule when the message reaches it.
            auto applied = m_ledger.publishBaseline(productId, quantity, time, reason);
            if (!applied) {
                m_run.notes.append(productId + QStringLiteral(": ") + applied.error());
                continue;
            }
            ++m_run.resolved;
            const QString winnerName = remoteWins ? peer : m_terminal;
            ConflictRecord c;
            c.runId = m_run.id;
            c.productId = productId;
            c.peer = peer;
            c.localStock = hasLocal ? loc->currentStock : 0;
            c.localUpdated = hasLocal ? loc->updated.iso() : QString();
            c.remoteStock = rem ? rem->currentStock : 0;
            c.remoteUpdated = rem ? rem->updated.iso() : QString();
            c.chosenStock = applied->after;
            c.chosenFrom = winnerName;
            c.resolvedAt = now;
            if (Status s = m_store.recordConflict(c); !s) {
                m_run.notes.append(s.error());
            }
            qCInfo(lcRecon).noquote()
                << "conflict on" << productId << "with" << peer << ": here"
                << (hasLocal ? loc->currentStock : 0) << "there" << (rem ? rem->currentStock : 0)
                << "-> chose" << applied->after << "from" << winnerName;
        }
        if (!comparable && peerDifferences > 0) {
            m_run.notCaughtUp.append(peer);
            noteNotComparable(peer, r.held != *ownHeld
                                        ? QStringLiteral("it holds back other messages")
                                        : QStringLiteral("it holds other messages"));
        }
        if (unbacked.figures > 0) {
            qCInfo(lcRecon).noquote()
                << "reconciliation" << m_run.id << ":" << unbacked.figures << "figures from" << peer
                << "rest on no message this lane holds; left as they are"
                << (unbacked.missing.isEmpty()
                        ? QString()
                        : QStringLiteral("(named: %1)")
                              .arg(unbacked.missing.join(QStringLiteral(", "))));
            m_run.unbacked.insert(peer, unbacked);
        }
        if (r.held != *ownHeld && peerDifferences > 0)
            m_run.notes.append(
                QStringLiteral("%1 holds back other messages than this lane; not settled")
                    .arg(peer));
    }
    // Products outside the differing buckets were compared by their bucket hashes.
    m_run.productsCompared =
        std::max<qint64>(compared.size(), InventoryStore(m_db).productCount().value_or(0));
    if (Status s = tx.commit(); !s) {
        m_run.resolved = 0;
        finish(QStringLiteral("failed: ") + s.error());
        return;
    }
    finish(!m_run.notCaughtUp.isEmpty() ? QStringLiteral("catch-up incomplete")
           : !m_run.notComparable.isEmpty() || !m_run.unbacked.isEmpty()
               ? QStringLiteral("not settled")
               : QStringLiteral("resolved"));
}

void Reconciler::finish(const QString &result)
{
    m_answerTimer.stop();
    QStringList unanswered;
    for (const QString &peer : std::as_const(m_run.asked))
        if (!m_run.everAnswered.contains(peer))
            unanswered.append(peer);
    QVariantList unbacked;
    for (auto it = m_run.unbacked.cbegin(); it != m_run.unbacked.cend(); ++it)
        unbacked.append(QVariantMap{{QStringLiteral("peer"), it.key()},
                                    {QStringLiteral("figures"), it->figures},
                                    {QStringLiteral("missingMessages"), it->missing}});
    auto after = InventorySnapshot::checksum(m_db);
    const QString finishedAt = m_clock.nowIso();
    QString outcome = result;
    if (!unanswered.isEmpty() && !result.startsWith(QLatin1String("failed")))
        outcome += QStringLiteral("; no answer from ") + unanswered.join(QStringLiteral(", "));
    QVariantMap summary{{QStringLiteral("runId"), m_run.id},
                        {QStringLiteral("terminalId"), m_terminal},
                        {QStringLiteral("trigger"), m_run.trigger},
                        {QStringLiteral("startedAt"), m_run.startedAt},
                        {QStringLiteral("finishedAt"), finishedAt},
                        {QStringLiteral("result"), outcome},
                        {QStringLiteral("peersAsked"), m_run.asked.size()},
                        {QStringLiteral("peersAnswered"), m_run.everAnswered.size()},
                        {QStringLiteral("unanswered"), unanswered},
                        {QStringLiteral("notCaughtUp"), m_run.notCaughtUp},
                        {QStringLiteral("notComparable"), m_run.notComparable},
                        {QStringLiteral("unbackedFigures"), unbacked},
                        {QStringLiteral("productsCompared"), m_run.productsCompared},
                        {QStringLiteral("differences"), m_run.differences},
                        {QStringLiteral("resolved"), m_run.resolved},
                        {QStringLiteral("changedDuringRun"), m_run.changedDuringRun},
                        {QStringLiteral("checksumBefore"), m_run.checksumBefore},
                        {QStringLiteral("checksumAfter"), after ? *after : QString()},
                        {QStringLiteral("notes"), m_run.notes.mid(0, 20)}};
    if (!m_run.id.isEmpty()) {
        WriteTransaction tx(m_db);
        RunOutcome o;
        o.id = m_run.id;
        o.finishedAt = finishedAt;
        o.result = outcome;
        o.peersAsked = m_run.asked.size();
        o.peersAnswered = m_run.everAnswered.size();
        o.productsCompared = m_run.productsCompared;
        o.differences = m_run.differences;
        o.resolved = m_run.resolved;
        o.checksumAfter = summary.value(QStringLiteral("checksumAfter")).toString();
        o.detail = QString::fromUtf8(
            QJsonDocument(QJsonObject::fromVariantMap(summary)).toJson(QJsonDocument::Compact));
        Status s = tx.isActive() ? Status() : Status::failure(tx.error());
        if (s)
            s = m_store.finishRun(o);
        if (s)
            s = publishEvent(QString(Topics::ReconciliationComplete),
                             QJsonObject::fromVariantMap(summary));
        if (s)
            s = m_db.setMeta(QStringLiteral("reconciliation_status"), o.detail);
        if (s)
            s = tx.commit();
        if (!s)
            qCWarning(lcRecon) << "cannot record reconciliation" << m_run.id << ":" << s.error();
    }
    qCInfo(lcRecon).noquote() << "reconciliation" << m_run.id << "finished:" << outcome << "- peers"
                              << m_run.everAnswered.size() << "/" << m_run.asked.size()
                              << "products" << m_run.productsCompared << "differences"
                              << m_run.differences << "resolved" << m_run.resolved;
    m_run.active = false;
    m_last = summary;
    if (m_started && m_config.intervalMs > 0) {
        m_schedule.start(m_config.intervalMs);
        m_nextRunAt = Clock::toIso(m_clock.nowUtc().addMSecs(m_config.intervalMs));
    }
    recordNextRun();
    Q_EMIT statusChanged();
    Q_EMIT finished(summary);
}

void Reconciler::recordNextRun()
{
    // Empty when no run is scheduled (on demand only, or not started).
    if (Status s = m_db.setMeta(QStringLiteral("reconciliation_next_at"), m_nextRunAt); !s)
        qCWarning(lcRecon).noquote() << "cannot record the next reconciliation time:" << s.error();
}

QVariantMap Reconciler::status() const
{
    QVariantMap s = m_last;
    s.insert(QStringLiteral("running"), m_run.active);
    s.insert(QStringLiteral("nextRunAt"), m_nextRunAt);
    if (m_run.active)
        s.insert(QStringLiteral("currentRunStartedAt"), m_run.startedAt);
    return s;
}

QVariantList Reconciler::conflicts(int limit)
{
    QVariantList out;
    auto rows = m_store.conflicts(limit);
    if (!rows) {
        qCWarning(lcRecon) << "cannot read conflicts:" << rows.error();
        return out;
    }
    for (const ConflictRow &r : std::as_const(*rows))
        out.append(QVariantMap{{QStringLiteral("id"), r.id},
                               {QStringLiteral("runId"), r.conflict.runId},
                               {QStringLiteral("productId"), r.conflict.productId},
                               {QStringLiteral("productName"), r.productName},
                               {QStringLiteral("peer"), r.conflict.peer},
                               {QStringLiteral("localStock"), r.conflict.localStock},
                               {QStringLiteral("localUpdated"), r.conflict.localUpdated},
                               {QStringLiteral("remoteStock"), r.conflict.remoteStock},
                               {QStringLiteral("remoteUpdated"), r.conflict.remoteUpdated},
                               {QStringLiteral("chosenStock"), r.conflict.chosenStock},
                               {QStringLiteral("chosenFrom"), r.conflict.chosenFrom},
                               {QStringLiteral("resolvedAt"), r.conflict.resolvedAt},
                               {QStringLiteral("overridden"), r.overridden},
                               {QStringLiteral("overrideStock"), r.overrideStock},
                               {QStringLiteral("overrideBy"), r.overrideBy},
                               {QStringLiteral("overrideAt"), r.overrideAt},
                               {QStringLiteral("overrideByName"), r.overrideByName}});
    return out;
}

Status Reconciler::overrideConflict(qint64 conflictId, qint64 quantity, const QString &employeeId)
{
    if (quantity < 0 || quantity > 1000000000)
        return Status::failure(QStringLiteral("a stock figure is between 0 and 1,000,000,000"));
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    auto found = m_store.conflictProduct(conflictId);
    if (!found)
        return Status::failure(found.error());
    if (!found->has_value())
        return Status::failure(QStringLiteral("no conflict %1").arg(conflictId));
    const QString productId = **found;
    auto stamp = m_hlc.tick();
    if (!stamp)
        return Status::failure(stamp.error());
    auto applied =
        m_ledger.publishBaseline(productId, quantity, *stamp, QStringLiteral("count"), employeeId);
    if (!applied)
        return Status::failure(applied.error());
    if (Status s = m_store.recordOverride(conflictId, quantity, employeeId,
                                          Clock::toIso(m_clock.nowUtc()));
        !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    qCInfo(lcRecon) << "conflict" << conflictId << "for product" << productId
                    << "overridden by employee" << employeeId << "to" << quantity;
    Q_EMIT statusChanged();
    return {};
}
