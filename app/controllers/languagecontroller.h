#pragma once

#include <QLocale>
#include <QObject>
#include <QTranslator>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>

class Lane;
class QJSEngine;
class QQmlEngine;

// The UI language: English (the source), Spanish or French, switched at run time (every qsTr
// binding re-evaluates, and the lane's amounts are shown in the language's way) and kept in the
// lane's database across restarts. Without a choice the system locale's language is used when
// the lane has it.
class LanguageController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
    Q_PROPERTY(QVariantList languages READ languages CONSTANT)
public:
    explicit LanguageController(Lane &lane, QObject *parent = nullptr);
    ~LanguageController() override;

    static void setInstance(LanguageController *instance);
    static LanguageController *create(QQmlEngine *, QJSEngine *);
    // Languages the lane has: "en", "es", "fr".
    static QStringList available();
    // The locale a language's numbers, dates and amounts are written in: en_US, es_ES, fr_FR.
    static QLocale localeOf(const QString &code);

    // The engine whose bindings are retranslated on a switch.
    void setEngine(QQmlEngine *engine) { m_engine = engine; }
    QString language() const { return m_language; }
    QVariantList languages() const;

    // Switches the language; remember=false for the screenshot tour (no lasting choice).
    Q_INVOKABLE bool setLanguage(const QString &code, bool remember = true);

Q_SIGNALS:
    void languageChanged();

private:
    Lane &m_lane;
    QQmlEngine *m_engine = nullptr;
    std::unique_ptr<QTranslator> m_translator;
    QString m_language = QStringLiteral("en");
};
