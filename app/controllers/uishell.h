#pragma once

#include "result.h"

#include <QObject>
#include <QQmlApplicationEngine>
#include <QSize>

#include <functional>

class Lane;
class LoginController;
class CheckoutController;
class SyncStatusController;
class AdminController;
class LanguageController;
class ShiftController;
class UiScript;
class QQuickWindow;

// The lane's QML front end: the controllers, the engine and the main window; also the
// --self-test (load every QML file) and --screenshot (render every screen) runs.
class UiShell : public QObject
{
    Q_OBJECT
public:
    explicit UiShell(Lane &lane, QObject *parent = nullptr);
    ~UiShell() override;

    // The window's size (before show(); invalid: its own 1280x800).
    void setWindowSize(const QSize &size) { m_windowSize = size; }
    // Shown full-screen (a kiosk): the window takes the whole screen whatever its size.
    void setFullScreen(bool on) { m_fullScreen = on; }
    [[nodiscard]] Status show();
    // Loads and instantiates every QML file of the module; returns the number of failures.
    int selfTest();
    // Renders each screen to DIR/<screen>.png, then calls done with the outcome.
    void screenshots(const QString &dir, std::function<void(Status)> done);
    // Shows the window and drives it with a UI script (see UiScript); done after the last step.
    void runScript(const QString &path, std::function<void(Status)> done);

Q_SIGNALS:
    // The window's first frame was rendered: the login screen takes input.
    void onScreen();

private:
    struct Shot
    {
        QString name;
        std::function<void()> prepare;
    };
    Status prepareTour();
    QList<Shot> tourScreens(const QString &language);
    void showOverlay(const char *objectName, bool shown);
    void nextShot();
    QQuickWindow *window() const;
    Lane &m_lane;
    LoginController *m_login = nullptr;
    CheckoutController *m_checkout = nullptr;
    SyncStatusController *m_sync = nullptr;
    AdminController *m_admin = nullptr;
    LanguageController *m_language = nullptr;
    ShiftController *m_shift = nullptr;
    QQmlApplicationEngine m_engine;
    QList<QQmlError> m_warnings;
    QList<Shot> m_shots;
    qsizetype m_shotIndex = 0;
    QString m_shotDir;
    std::function<void(Status)> m_shotsDone;
    UiScript *m_script = nullptr;
    bool m_onScreen = false;
    QSize m_windowSize;
    bool m_fullScreen = false;
};
