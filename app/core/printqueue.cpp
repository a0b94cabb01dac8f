#include "printqueue.h"

#include "clock.h"
#include "clocktimer.h"
#include "corelog.h"
#include "database.h"
#include "escpos.h"
#include "idgenerator.h"

namespace {
constexpr qint64 kKeepPrintedMs = 7LL * 24 * 3600 * 1000;
}

PrintQueue::PrintQueue(Database &db, Clock &clock, IdGenerator &ids,
                       std::unique_ptr<PrinterLink> link, Options options, QObject *parent)
    : QObject(parent)
    , m_store(db)
    , m_clock(clock)
    , m_ids(ids)
    , m_link(std::move(link))
    , m_options(options)
    , m_retry(new ClockTimer(clock, this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &ClockTimer::timeout, this, &PrintQueue::pump);
    connect(m_link.get(), &PrinterLink::finished, this, &PrintQueue::onFinished);
}

PrintQueue::~PrintQueue() = default;

::Status PrintQueue::start()
{
    const QString before = Clock::msToIso(m_clock.nowUtc().toMSecsSinceEpoch() - kKeepPrintedMs);
    auto pruned = m_store.prunePrinted(before);
    if (!pruned)
        return ::Status::from(pruned);
    refreshCount();
    qCInfo(lcPrinter).noquote() << "receipt printer" << m_link->target() << "," << m_queued
                                << "job(s) waiting";
    pump();
    return {};
}

Result<QString> PrintQueue::enqueue(const PrintDocument &document, const QString &kind,
                                    const QString &title)
{
    PrintJob job;
    job.id = m_ids.nextString();
    job.createdAt = m_clock.nowIso();
    job.kind = kind;
    job.title = title;
    job.data = EscPos::encode(document, m_options.columns);
    if (::Status s = m_store.enqueue(job); !s)
        return Result<QString>::failure(s.error());
    refreshCount();
    Q_EMIT changed();
    // Sent from the event loop: the caller (a completed sale) returns after the write alone.
    if (!m_pumpQueued) {
        m_pumpQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_pumpQueued = false;
                pump();
            },
            Qt::QueuedConnection);
    }
    return job.id;
}

void PrintQueue::openDrawer()
{
    m_drawerPending = true;
    pump();
}

void PrintQueue::pump()
{
    if (m_sending != Sending::Nothing)
        return;
    if (m_drawerPending) {
        m_drawerPending = false;
        m_sending = Sending::Drawer;
        m_link->send(EscPos::drawerKick(), false);
        return;
    }
    // Jobs printed whose record failed: recorded first, and never sent again meanwhile.
    for (auto it = m_printedUnrecorded.begin(); it != m_printedUnrecorded.end();) {
        if (m_store.markPrinted(*it, m_clock.nowIso()))
            it = m_printedUnrecorded.erase(it);
        else
            ++it;
    }
    auto next = m_store.nextQueued();
    if (next && next->has_value() && m_printedUnrecorded.contains((*next)->id)) {
        setState(State::Error, QStringLiteral("a printed job cannot be recorded as printed; "
                                              "the queue waits rather than print it again"));
        m_retry->start(m_options.retrySeconds * 1000);
        return;
    }
    if (!next) {
        setState(State::Error, next.error());
        m_retry->start(m_options.retrySeconds * 1000);
        return;
    }
    if (!next->has_value()) {
        m_retry->stop();
        setState(State::Ready, {});
        return;
    }
    m_sending = Sending::Job;
    m_currentId = (*next)->id;
    m_currentTitle = (*next)->title;
    // A printer known to be off keeps its state while it is tried again.
    if (m_state == State::Ready)
        setState(State::Printing, {});
    m_link->send((*next)->data, true);
}

void PrintQueue::onFinished(const PrinterLink::Reply &reply)
{
    const Sending was = m_sending;
    m_sending = Sending::Nothing;
    if (was == Sending::Drawer) {
        if (reply.outcome == PrinterLink::Outcome::Printed) {
            qCInfo(lcPrinter) << "cash drawer opened";
            Q_EMIT drawerOpened();
        } else {
            qCWarning(lcPrinter).noquote() << "cash drawer not opened:" << reply.message;
            Q_EMIT drawerFailed(reply.message);
        }
        pump();
        return;
    }
    if (was != Sending::Job)
        return;
    if (reply.outcome == PrinterLink::Outcome::Printed) {
        if (::Status s = m_store.markPrinted(m_currentId, m_clock.nowIso()); !s) {
            qCWarning(lcPrinter).noquote() << "print job" << m_currentId << "printed but not "
                                           << "marked:" << s.error();
            m_printedUnrecorded.insert(m_currentId);
        }
        qCInfo(lcPrinter).noquote() << "printed" << m_currentTitle;
        refreshCount();
        m_retry->stop();
        Q_EMIT changed(); // queued() is one less
        setState(State::Printing, {});
        Q_EMIT jobPrinted(m_currentId, m_currentTitle);
        pump();
        return;
    }
    if (::Status s = m_store.recordFailure(m_currentId, reply.message); !s)
        qCWarning(lcPrinter).noquote() << "print job" << m_currentId << ":" << s.error();
    // A drawer asked for while this job went cannot open now; later would be wrong.
    if (m_drawerPending) {
        m_drawerPending = false;
        qCWarning(lcPrinter).noquote() << "cash drawer not opened:" << reply.message;
        Q_EMIT drawerFailed(reply.message);
    }
    State state = State::Error;
    if (reply.outcome == PrinterLink::Outcome::Offline)
        state = State::Offline;
    else if (reply.outcome == PrinterLink::Outcome::PaperOut)
        state = State::PaperOut;
    setState(state, reply.message);
    m_retry->start(m_options.retrySeconds * 1000);
}

void PrintQueue::setState(State state, const QString &error)
{
    const bool same = state == m_state && (error.isEmpty() || error == m_lastError);
    m_state = state;
    if (!error.isEmpty())
        m_lastError = error;
    else if (state == State::Ready)
        m_lastError.clear();
    if (!same)
        Q_EMIT changed();
}

void PrintQueue::refreshCount()
{
    auto n = m_store.queuedCount();
    if (!n) {
        qCWarning(lcPrinter).noquote() << n.error();
        return;
    }
    m_queued = *n;
}

QString PrintQueue::stateName(State state)
{
    switch (state) {
    case State::Ready:
        return QStringLiteral("ready");
    case State::Printing:
        return QStringLiteral("printing");
    case State::Offline:
        return QStringLiteral("offline");
    case State::PaperOut:
        return QStringLiteral("paperOut");
    case State::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString PrintQueue::message() const
{
    switch (m_state) {
    case State::Ready:
        return tr("Printer ready");
    case State::Printing:
        return tr("Printing");
    case State::Offline:
        return tr("Printer offline");
    case State::PaperOut:
        return tr("Printer out of paper");
    case State::Error:
        return tr("Printer error: %1").arg(m_lastError);
    }
    return {};
}
