// The UI's translations are complete and every user-visible string is marked for translation:
// reads the committed .ts files and the QML and C++ sources (no build output involved, so it
// fails the moment someone adds an English string without translating it).
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace {
struct TsMessage
{
    QString context;
    QString source;
    QStringList translations; // one, or the plural forms
    QString type;             // "", "unfinished", "vanished", "obsolete"
};

QString sourceDir()
{
    return QStringLiteral(LANE_SOURCE_DIR);
}

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QList<TsMessage> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return out;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = TsMessage{context, {}, {}, {}};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            // Either text, or <numerusform> children.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    current.translations.append(xml.readElementText());
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            if (current.translations.isEmpty())
                current.translations.append(text);
            out.append(current);
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return out;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> found;
    for (const auto &m : re.globalMatch(text))
        found.insert(m.captured(0));
    return found;
}

QStringList files(const QString &dir, const QStringList &patterns)
{
    QStringList out;
    QDirIterator it(dir, patterns, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(it.next());
    out.sort();
    return out;
}

QString read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Unescapes a C/JS string literal's \" \\ \n.
QString unescape(QString s)
{
    s.replace(QStringLiteral("\\n"), QStringLiteral("\n"));
    s.replace(QStringLiteral("\\\""), QStringLiteral("\""));
    s.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
    return s;
}
} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void complete_data();
    void complete();
    void everyMarkedStringIsInTheTsFiles();
    void qmlHasNoUnmarkedText();
    void checkerCatchesUnmarkedText();
};

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("es") << QStringLiteral("es");
    QTest::newRow("fr") << QStringLiteral("fr");
}

void TestTranslations::complete()
{
    QFETCH(QString, language);
    const QString path =
        sourceDir() + QStringLiteral("/translations/euphoria-lane_%1.ts").arg(language);
    QString error;
    const QList<TsMessage> messages = readTs(path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(messages.size() > 100, "the .ts file holds almost nothing: run update_translations");
    QStringList problems;
    for (const TsMessage &m : messages) {
        const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
        if (!m.type.isEmpty()) {
            problems.append(QStringLiteral("%1 is %2").arg(where, m.type));
            continue;
        }
        for (const QString &t : m.translations) {
            if (t.trimmed().isEmpty()) {
                problems.append(where + QStringLiteral(" has an empty translation"));
                continue;
            }
            // Every placeholder of the source must survive (else .arg() fills the wrong ones).
            QSet<QString> want = placeholders(m.source);
            QSet<QString> have = placeholders(t);
            if (m.translations.size() > 1) { // a plural form may spell the number out
                want.remove(QStringLiteral("%n"));
                have.remove(QStringLiteral("%n"));
            }
            if (want != have)
                problems.append(QStringLiteral("%1: placeholders differ in \"%2\"").arg(where, t));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestTranslations::everyMarkedStringIsInTheTsFiles()
{
    // Sources marked in code must be in the .ts files: otherwise update_translations was not
    // run and the string shows in English in every language.
    QString error;
    const QList<TsMessage> messages =
        readTs(sourceDir() + QStringLiteral("/translations/euphoria-lane_es.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSet<QString> known;
    for (const TsMessage &m : messages)
        known.insert(m.source);
    static const QRegularExpression marked(
        QStringLiteral("\\b(?:qsTr|tr|QT_TR_NOOP)\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*[,)]"));
    QStringList missing;
    const QStringList sources =
        files(sourceDir() + QStringLiteral("/qml"), {QStringLiteral("*.qml")}) +
        files(sourceDir() + QStringLiteral("/app"),
              {QStringLiteral("*.cpp"), QStringLiteral("*.h")});
    QVERIFY(sources.size() > 10);
    for (const QString &file : sources) {
        const QString text = read(file);
        for (const auto &m : marked.globalMatch(text)) {
            const QString source = unescape(m.captured(1));
            if (!known.contains(source))
                missing.append(
                    QStringLiteral("%1: \"%2\"").arg(QFileInfo(file).fileName(), source));
        }
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("not in the .ts files (cmake --build build --target "
                                       "update_translations, then translate):\n") +
                        missing.join(QLatin1Char('\n'))));
}

namespace {
// Lines of QML that give a user-visible property a bare string literal with letters in it.
QStringList unmarkedText(const QString &qml)
{
    static const QRegularExpression bare(
        QStringLiteral("(?<!property )(?<!\\w )\\b(text|placeholderText|title|Accessible\\.name|"
                       "Accessible\\.description|ToolTip\\.text)\\s*:\\s*(\"[^\"]*\"|'[^']*')"));
    static const QRegularExpression escape(QStringLiteral("\\\\u[0-9A-Fa-f]{4}"));
    static const QRegularExpression letter(QStringLiteral("[A-Za-z]"));
    QStringList out;
    const QStringList lines = qml.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        for (const auto &m : bare.globalMatch(lines.at(i))) {
            // A symbol such as "\u2212" (minus) needs no translation; words do.
            QString literal = m.captured(2);
            literal.remove(escape);
            if (literal.contains(letter))
                out.append(QStringLiteral("line %1: %2").arg(i + 1).arg(lines.at(i).trimmed()));
        }
    }
    return out;
}
} // namespace

void TestTranslations::qmlHasNoUnmarkedText()
{
    QStringList problems;
    const QStringList qml = files(sourceDir() + QStringLiteral("/qml"), {QStringLiteral("*.qml")});
    QVERIFY(qml.size() >= 10);
    for (const QString &file : qml)
        for (const QString &p : unmarkedText(read(file)))
            problems.append(QFileInfo(file).fileName() + QLatin1Char(' ') + p);
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("user-visible text without qsTr:\n") +
                                            problems.join(QLatin1Char('\n'))));
}

void TestTranslations::checkerCatchesUnmarkedText()
{
    QCOMPARE(unmarkedText(QStringLiteral("Text { text: \"Total\" }")).size(), 1);
    QCOMPARE(unmarkedText(QStringLiteral("Button { text: 'Pay' }")).size(), 1);
    QCOMPARE(unmarkedText(QStringLiteral("TextField { placeholderText: \"Name\" }")).size(), 1);
    QCOMPARE(unmarkedText(QStringLiteral("Item { Accessible.name: \"Close\" }")).size(), 1);
    QCOMPARE(unmarkedText(QStringLiteral("Text { text: qsTr(\"Total\") }")).size(), 0);
    QCOMPARE(unmarkedText(QStringLiteral("Text { text: \"\" }")).size(), 0);
    QCOMPARE(unmarkedText(QStringLiteral("Text { text: \" · \" + x }")).size(), 0);
    QCOMPARE(unmarkedText(QStringLiteral("Text { text: model.name }")).size(), 0);
    QCOMPARE(unmarkedText(QStringLiteral("Text { text: \"\\u2212\" }")).size(), 0);
    QCOMPARE(unmarkedText(QStringLiteral("readonly property color text: \"#17202a\"")).size(), 0);
    QCOMPARE(unmarkedText(QStringLiteral("property string title: \"Sale\"")).size(), 0);
    QCOMPARE(unmarkedText(QStringLiteral("Card { title: \"Sale\" }")).size(), 1);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
