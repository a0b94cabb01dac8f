#include "languagecontroller.h"

#include "lane.h"
#include "uilog.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>

namespace {
LanguageController *s_instance = nullptr;
const QString kMetaKey = QStringLiteral("ui_language");
} // namespace

LanguageController::LanguageController(Lane &lane, QObject *parent)
    : QObject(parent)
    , m_lane(lane)
{
    auto stored = m_lane.database().meta(kMetaKey);
    QString initial = stored ? *stored : QString();
    if (!available().contains(initial)) {
        if (!initial.isEmpty())
            qCWarning(lcUi) << "unknown UI language" << initial << "in the database: ignored";
        const QString system = QLocale().name().section(QLatin1Char('_'), 0, 0);
        initial = available().contains(system) ? system : QStringLiteral("en");
    }
    setLanguage(initial, false);
}

LanguageController::~LanguageController()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

void LanguageController::setInstance(LanguageController *instance)
{
    s_instance = instance;
}

LanguageController *LanguageController::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

QStringList LanguageController::available()
{
    return {QStringLiteral("en"), QStringLiteral("es"), QStringLiteral("fr")};
}

QLocale LanguageController::localeOf(const QString &code)
{
    return code == QLatin1String("en") ? QLocale(QLocale::English, QLocale::UnitedStates)
                                       : QLocale(code);
}

QVariantList LanguageController::languages() const
{
    // Each language named in itself, so anyone can find their own.
    return {
        QVariantMap{{QStringLiteral("code"), QStringLiteral("en")},
                    {QStringLiteral("name"), QStringLiteral("English")}},
        QVariantMap{{QStringLiteral("code"), QStringLiteral("es")},
                    {QStringLiteral("name"), QStringLiteral("Espa\u00f1ol")}},
        QVariantMap{{QStringLiteral("code"), QStringLiteral("fr")},
                    {QStringLiteral("name"), QStringLiteral("Fran\u00e7ais")}},
    };
}

bool LanguageController::setLanguage(const QString &code, bool remember)
{
    if (!available().contains(code)) {
        qCWarning(lcUi) << "no UI language" << code.left(16) << "(available:" << available() << ")";
        return false;
    }
    std::unique_ptr<QTranslator> next;
    if (code != QLatin1String("en")) {
        next = std::make_unique<QTranslator>();
        if (!next->load(QStringLiteral("euphoria-lane_") + code, QStringLiteral(":/i18n"))) {
            qCWarning(lcUi) << "the" << code << "translation is missing from the build";
            return false;
        }
    }
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    m_translator = std::move(next);
    if (m_translator)
        QCoreApplication::installTranslator(m_translator.get());
    const bool changed = m_language != code;
    m_language = code;
    QLocale::setDefault(localeOf(code));
    m_lane.setMoneyFormat(m_lane.money().withLocale(localeOf(code)));
    if (remember)
        if (Status s = m_lane.database().setMeta(kMetaKey, code); !s)
            qCWarning(lcUi) << "cannot keep the UI language:" << s.error();
    if (m_engine)
        m_engine->retranslate();
    if (changed)
        Q_EMIT languageChanged();
    qCInfo(lcUi) << "UI language" << code;
    return true;
}
