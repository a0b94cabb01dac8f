#pragma once

#include "result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <vector>

class QQuickItem;
class QQuickWindow;

// Drives the lane's real UI from a script, as a person would: taps on items (by objectName) and
// keystrokes (a barcode scanner is a keyboard), waits for the controllers to reach a state, and
// dumps their state as JSON. For end-to-end tests and demos (--ui-script FILE). Everything
// runs on the event loop; each step retries until it succeeds or its timeout passes.
//
// The script is a JSON array of steps, each one of:
//   {"tap": "objectName"}                  the visible, enabled item's centre is clicked
//   {"keys": "4006381333931\n"}            key presses to whatever has focus; \n is Enter;
//                                          "timeRender": true logs when the result is on screen
//                                          ("ui-script: step N rendered in U us")
//   {"wait": "checkout.stage", "equals": "2"} or {"wait": "sync.pending", "atMost": 0}
//   {"dump": "/path/state.json", "everyMs": 250}   now, and again every everyMs (optional)
//   {"frames": "start"} / {"frames": "stop"}  from start, the window is asked for a frame every
//                                          16 ms (as an animation would) and the time between
//                                          frames on screen is recorded; stop logs p50, p99 and
//                                          the longest ("ui-script: frames N p50 U us p99 U us
//                                          max U us over T ms"): a thread that blocks shows as
//                                          a long frame
//   {"quit": 0}                            exits the lane with that status, once every render
//                                          timing asked for has been logged
// Any step may carry "timeoutMs" (default 15000).
class UiScript : public QObject
{
    Q_OBJECT
public:
    // objects: the controllers by name ("login", "checkout", "sync", ...), for wait and dump.
    UiScript(QQuickWindow *window, QHash<QString, QObject *> objects, QObject *parent = nullptr);

    [[nodiscard]] static Result<QJsonArray> load(const QString &path);
    // Runs the steps; done(status) after the last one or the first that fails.
    void run(const QJsonArray &steps, std::function<void(const Status &)> done);

    // The controllers' state as JSON (every readable property, and the peers' rows).
    QJsonObject snapshot() const;

private:
    enum class Outcome { Done, Retry, Failed };
    void step();
    Outcome attempt(const QJsonObject &s, QString &error);
    Outcome tap(const QString &objectName, QString &error);
    Outcome keys(const QString &text);
    Outcome wait(const QJsonObject &s, QString &error);
    bool writeDump(const QString &path, QString &error) const;
    Outcome frames(const QString &what, QString &error);
    QQuickItem *findItem(const QString &objectName) const;

    QPointer<QQuickWindow> m_window;
    QHash<QString, QObject *> m_objects;
    QJsonArray m_steps;
    qsizetype m_index = 0;
    QElapsedTimer m_stepClock;
    QTimer m_retry;
    QList<QTimer *> m_dumps;
    int m_pendingRenders = 0; // timeRender steps whose frame has not been swapped yet
    // "frames": the 60 Hz ticker and the intervals between frames on screen (ns)
    QTimer m_frameTicker;
    QElapsedTimer m_frameClock;
    qint64 m_lastFrameNs = -1;
    std::vector<qint64> m_frameIntervals;
    QMetaObject::Connection m_frameConnection;
    std::function<void(const Status &)> m_done;
};
