#include "uiscript.h"

#include "uilog.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QMetaProperty>
#include <QMouseEvent>
#include <QPointingDevice>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSaveFile>

#include <algorithm>
#include <memory>

namespace {
constexpr int kDefaultTimeoutMs = 15000;
constexpr int kRetryMs = 50;

QJsonObject propertiesOf(const QObject *object)
{
    QJsonObject out;
    const QMetaObject *meta = object->metaObject();
    for (int i = QObject::staticMetaObject.propertyCount(); i < meta->propertyCount(); ++i) {
        const QMetaProperty p = meta->property(i);
        const QVariant value = p.read(object);
        if (value.metaType().flags() & QMetaType::PointerToQObject)
            continue;
        if (p.isEnumType()) {
            out.insert(QLatin1String(p.name()), value.toInt());
            continue;
        }
        out.insert(QLatin1String(p.name()), QJsonValue::fromVariant(value));
    }
    return out;
}

QJsonArray rowsOf(const QAbstractItemModel *model)
{
    QJsonArray rows;
    const auto roles = model->roleNames();
    for (int r = 0; r < model->rowCount(); ++r) {
        QJsonObject row;
        for (auto it = roles.cbegin(); it != roles.cend(); ++it)
            row.insert(QString::fromUtf8(it.value()),
                       QJsonValue::fromVariant(model->data(model->index(r, 0), it.key())));
        rows.append(row);
    }
    return rows;
}
} // namespace

UiScript::UiScript(QQuickWindow *window, QHash<QString, QObject *> objects, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_objects(std::move(objects))
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &UiScript::step);
}

Result<QJsonArray> UiScript::load(const QString &path)
{
    using R = Result<QJsonArray>;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return R::failure(
            QStringLiteral("cannot read UI script %1: %2").arg(path, f.errorString()));
    if (f.size() > 1024 * 1024)
        return R::failure(QStringLiteral("UI script %1 is larger than 1 MiB").arg(path));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(QStringLiteral("UI script %1: %2 at offset %3")
                              .arg(path, error.errorString())
                              .arg(error.offset));
    if (!doc.isArray())
        return R::failure(QStringLiteral("UI script %1: expected an array of steps").arg(path));
    const QJsonArray steps = doc.array();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject s = steps.at(i).toObject();
        const int actions =
            int(s.contains(QLatin1String("tap"))) + int(s.contains(QLatin1String("keys"))) +
            int(s.contains(QLatin1String("wait"))) + int(s.contains(QLatin1String("dump"))) +
            int(s.contains(QLatin1String("frames"))) + int(s.contains(QLatin1String("quit")));
        if (actions != 1)
            return R::failure(QStringLiteral("UI script %1: step %2 needs exactly one of tap, "
                                             "keys, wait, dump, frames, quit")
                                  .arg(path)
                                  .arg(i + 1));
    }
    return steps;
}

void UiScript::run(const QJsonArray &steps, std::function<void(const Status &)> done)
{
    m_steps = steps;
    m_index = 0;
    m_done = std::move(done);
    m_stepClock.start();
    QTimer::singleShot(0, this, &UiScript::step);
}

void UiScript::step()
{
    if (m_index >= m_steps.size()) {
        qCInfo(lcUi) << "ui-script: all" << m_steps.size() << "steps done";
        m_done({});
        return;
    }
    const QJsonObject s = m_steps.at(m_index).toObject();
    QString error;
    const Outcome outcome = attempt(s, error);
    const QString what = QString::fromUtf8(QJsonDocument(s).toJson(QJsonDocument::Compact));
    if (outcome == Outcome::Done) {
        qCInfo(lcUi).noquote() << QStringLiteral("ui-script: step %1 done in %2 ms: %3")
                                      .arg(m_index + 1)
                                      .arg(m_stepClock.elapsed())
                                      .arg(what);
        ++m_index;
        m_stepClock.start();
        // Let bindings and layouts follow the step before the next one looks at the screen.
        QTimer::singleShot(0, this, &UiScript::step);
        return;
    }
    const int timeout = s.value(QLatin1String("timeoutMs")).toInt(kDefaultTimeoutMs);
    if (outcome == Outcome::Failed || m_stepClock.elapsed() > timeout) {
        const QString message = QStringLiteral("ui-script: step %1 failed after %2 ms: %3 (%4)")
                                    .arg(m_index + 1)
                                    .arg(m_stepClock.elapsed())
                                    .arg(what, error);
        qCCritical(lcUi).noquote() << message;
        m_done(Status::failure(message));
        return;
    }
    m_retry.start();
}

UiScript::Outcome UiScript::attempt(const QJsonObject &s, QString &error)
{
    if (!m_window) {
        error = QStringLiteral("no window");
        return Outcome::Failed;
    }
    if (s.contains(QLatin1String("tap")))
        return tap(s.value(QLatin1String("tap")).toString(), error);
    if (s.contains(QLatin1String("keys"))) {
        keys(s.value(QLatin1String("keys")).toString());
        if (s.value(QLatin1String("timeRender")).toBool()) {
            // How long until what the keys changed is on screen (ui_bench's scan-to-render).
            auto clock = std::make_shared<QElapsedTimer>();
            clock->start();
            const qsizetype index = m_index;
            ++m_pendingRenders;
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = connect(
                m_window, &QQuickWindow::frameSwapped, this, [this, clock, index, connection] {
                    qCInfo(lcUi).noquote() << QStringLiteral("ui-script: step %1 rendered in %2 us")
                                                  .arg(index + 1)
                                                  .arg(clock->nsecsElapsed() / 1000);
                    --m_pendingRenders;
                    QObject::disconnect(*connection);
                });
            m_window->update();
        }
        return Outcome::Done;
    }
    if (s.contains(QLatin1String("wait")))
        return wait(s, error);
    if (s.contains(QLatin1String("frames")))
        return frames(s.value(QLatin1String("frames")).toString(), error);
    if (s.contains(QLatin1String("dump"))) {
        const QString path = s.value(QLatin1String("dump")).toString();
        if (!writeDump(path, error))
            return Outcome::Failed;
        const int every = s.value(QLatin1String("everyMs")).toInt(0);
        if (every > 0) {
            auto *timer = new QTimer(this);
            connect(timer, &QTimer::timeout, this, [this, path] {
                QString e;
                if (!writeDump(path, e))
                    qCWarning(lcUi).noquote() << "ui-script:" << e;
            });
            timer->start(std::max(every, 20));
            m_dumps.append(timer);
        }
        return Outcome::Done;
    }
    // quit, once what was measured is on record
    if (m_pendingRenders > 0) {
        error = QStringLiteral("%1 render timing(s) still waiting for their frame")
                    .arg(m_pendingRenders);
        m_window->update();
        return Outcome::Retry;
    }
    const int code = s.value(QLatin1String("quit")).toInt(0);
    qCInfo(lcUi) << "ui-script: quitting with status" << code;
    QCoreApplication::exit(code);
    return Outcome::Done;
}

QQuickItem *UiScript::findItem(const QString &objectName) const
{
    // The visual tree, not the QObject tree: delegates of views have no QObject parent.
    QList<QQuickItem *> stack{m_window->contentItem()};
    while (!stack.isEmpty()) {
        QQuickItem *item = stack.takeLast();
        if (item->objectName() == objectName && item->isVisible() && item->isEnabled() &&
            item->opacity() > 0)
            return item;
        stack += item->childItems();
    }
    return nullptr;
}

UiScript::Outcome UiScript::tap(const QString &objectName, QString &error)
{
    QQuickItem *item = findItem(objectName);
    if (!item) {
        error = QStringLiteral("no visible, enabled item named \"%1\"").arg(objectName);
        return Outcome::Retry;
    }
    const QPointF local(item->width() / 2, item->height() / 2);
    const QPointF scene = item->mapToScene(local);
    if (!QRectF(QPointF(0, 0), m_window->size()).contains(scene)) {
        error = QStringLiteral("\"%1\" is outside the window").arg(objectName);
        return Outcome::Retry;
    }
    const QPointF global = m_window->mapToGlobal(scene);
    QMouseEvent press(QEvent::MouseButtonPress, scene, scene, global, Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier, QPointingDevice::primaryPointingDevice());
    QCoreApplication::sendEvent(m_window, &press);
    QMouseEvent release(QEvent::MouseButtonRelease, scene, scene, global, Qt::LeftButton,
                        Qt::NoButton, Qt::NoModifier, QPointingDevice::primaryPointingDevice());
    QCoreApplication::sendEvent(m_window, &release);
    return Outcome::Done;
}

UiScript::Outcome UiScript::keys(const QString &text)
{
    for (const QChar c : text) {
        int key = 0;
        QString typed(c);
        if (c == QLatin1Char('\n')) {
            key = Qt::Key_Return;
            typed = QStringLiteral("\r");
        } else if (c.isDigit()) {
            key = Qt::Key_0 + c.digitValue();
        } else if (c.isLetter()) {
            key = Qt::Key_A + (c.toUpper().unicode() - 'A');
        } else {
            key = c.unicode();
        }
        QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, typed);
        QCoreApplication::sendEvent(m_window, &press);
        QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, typed);
        QCoreApplication::sendEvent(m_window, &release);
    }
    return Outcome::Done;
}

UiScript::Outcome UiScript::wait(const QJsonObject &s, QString &error)
{
    const QString path = s.value(QLatin1String("wait")).toString();
    const QString objectName = path.section(QLatin1Char('.'), 0, 0);
    const QString property = path.section(QLatin1Char('.'), 1);
    QObject *object = m_objects.value(objectName);
    if (!object) {
        error = QStringLiteral("no object \"%1\" (have: %2)")
                    .arg(objectName, QStringList(m_objects.keys()).join(QStringLiteral(", ")));
        return Outcome::Failed;
    }
    const QVariant value = object->property(property.toUtf8().constData());
    if (!value.isValid()) {
        error = QStringLiteral("%1 has no property \"%2\"").arg(objectName, property);
        return Outcome::Failed;
    }
    const QString text = value.metaType().flags() & QMetaType::IsEnumeration
                             ? QString::number(value.toInt())
                             : value.toString();
    bool met = true;
    if (s.contains(QLatin1String("equals")))
        met = met && text == s.value(QLatin1String("equals")).toVariant().toString();
    if (s.contains(QLatin1String("notEquals")))
        met = met && text != s.value(QLatin1String("notEquals")).toVariant().toString();
    if (s.contains(QLatin1String("atLeast")))
        met = met && value.toDouble() >= s.value(QLatin1String("atLeast")).toDouble();
    if (s.contains(QLatin1String("atMost")))
        met = met && value.toDouble() <= s.value(QLatin1String("atMost")).toDouble();
    if (!met) {
        error = QStringLiteral("%1 is \"%2\"").arg(path, text);
        return Outcome::Retry;
    }
    return Outcome::Done;
}

QJsonObject UiScript::snapshot() const
{
    QJsonObject out;
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
        if (!it.value())
            continue;
        if (auto *model = qobject_cast<const QAbstractItemModel *>(it.value()))
            out.insert(it.key(), rowsOf(model));
        else
            out.insert(it.key(), propertiesOf(it.value()));
    }
    return out;
}

bool UiScript::writeDump(const QString &path, QString &error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(QJsonDocument(snapshot()).toJson(QJsonDocument::Indented)) < 0 || !f.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

UiScript::Outcome UiScript::frames(const QString &what, QString &error)
{
    if (what == QLatin1String("start")) {
        m_frameIntervals.clear();
        m_lastFrameNs = -1;
        m_frameClock.start();
        QObject::disconnect(m_frameConnection);
        m_frameConnection = connect(m_window, &QQuickWindow::frameSwapped, this, [this] {
            const qint64 now = m_frameClock.nsecsElapsed();
            if (m_lastFrameNs >= 0)
                m_frameIntervals.push_back(now - m_lastFrameNs);
            m_lastFrameNs = now;
        });
        m_frameTicker.setInterval(16);
        m_frameTicker.setTimerType(Qt::PreciseTimer);
        connect(&m_frameTicker, &QTimer::timeout, m_window, &QQuickWindow::update,
                Qt::UniqueConnection);
        m_frameTicker.start();
        m_window->update();
        return Outcome::Done;
    }
    if (what == QLatin1String("stop")) {
        m_frameTicker.stop();
        QObject::disconnect(m_frameConnection);
        std::vector<qint64> v = m_frameIntervals;
        if (v.empty()) {
            error = QStringLiteral("no frame was drawn between frames start and stop");
            return Outcome::Failed;
        }
        std::sort(v.begin(), v.end());
        const auto at = [&v](double q) {
            return v[std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5))] / 1000;
        };
        qCInfo(lcUi).noquote()
            << QStringLiteral("ui-script: frames %1 p50 %2 us p99 %3 us max %4 us over %5 ms")
                   .arg(v.size())
                   .arg(at(0.5))
                   .arg(at(0.99))
                   .arg(v.back() / 1000)
                   .arg(m_frameClock.elapsed());
        return Outcome::Done;
    }
    error = QStringLiteral("frames is \"start\" or \"stop\", not \"%1\"").arg(what);
    return Outcome::Failed;
}
