#pragma once

#include "printdocument.h"
#include "printerlink.h"
#include "printjobstore.h"
#include "result.h"

#include <QObject>
#include <QSet>

#include <memory>

class Clock;
class ClockTimer;
class Database;
class IdGenerator;

// The receipt printer's queue: documents are written to print_jobs (a small SQLite write, after
// the sale has committed) and sent to the printer one at a time, oldest first, each until the
// printer has taken it; a printer that is off or out of paper is tried again every
// retrySeconds. A sale never waits for it. Drawer kicks go at once and are never stored.
class PrintQueue : public QObject
{
    Q_OBJECT
public:
    enum class State { Ready, Printing, Offline, PaperOut, Error };
    Q_ENUM(State)

    struct Options
    {
        int columns = PrintDocument::DefaultColumns;
        int retrySeconds = 10;
    };

    PrintQueue(Database &db, Clock &clock, IdGenerator &ids, std::unique_ptr<PrinterLink> link,
               Options options, QObject *parent = nullptr);
    ~PrintQueue() override;

    // Counts what waits, drops printed jobs older than a week and starts printing.
    [[nodiscard]] ::Status start();

    // Stores the document (kind "receipt" or "report"; title says what it is, the receipt
    // number) and prints it when its turn comes. Returns the job's id.
    [[nodiscard]] Result<QString> enqueue(const PrintDocument &document, const QString &kind,
                                          const QString &title);
    // Sends the drawer kick now (after a job being sent); drawerFailed() if it does not go.
    void openDrawer();

    State state() const { return m_state; }
    static QString stateName(State state); // "ready", "printing", ... (--health)
    // For the cashier: the state, and what is wrong when something is.
    QString message() const;
    qint64 queued() const { return m_queued; }
    const QString &lastError() const { return m_lastError; }
    QString target() const { return m_link->target(); }
    int columns() const { return m_options.columns; }
    PrinterLink &link() { return *m_link; }

Q_SIGNALS:
    // state(), message(), queued() or lastError() changed.
    void changed();
    void jobPrinted(const QString &id, const QString &title);
    void drawerOpened();
    void drawerFailed(const QString &message);

private:
    void pump();
    void onFinished(const PrinterLink::Reply &reply);
    void setState(State state, const QString &error);
    void refreshCount();

    PrintJobStore m_store;
    Clock &m_clock;
    IdGenerator &m_ids;
    std::unique_ptr<PrinterLink> m_link;
    Options m_options;
    ClockTimer *m_retry;
    State m_state = State::Ready;
    QString m_lastError;
    qint64 m_queued = 0;
    bool m_pumpQueued = false;
    bool m_drawerPending = false;
    QSet<QString> m_printedUnrecorded; // printed, but markPrinted failed: never sent again
    enum class Sending { Nothing, Job, Drawer } m_sending = Sending::Nothing;
    QString m_currentId;
    QString m_currentTitle;
};
