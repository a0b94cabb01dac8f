#include "commandline.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace {
QList<QCommandLineOption> laneOptions()
{
    QList<QCommandLineOption> options = {
        {QStringLiteral("config"),
         QStringLiteral("Settings file (default ./settings.local.json, then "
                        "~/.config/euphoria-lane/settings.local.json, then "
                        "/etc/euphoria-lane/settings.json)."),
         QStringLiteral("file")},
        {QStringLiteral("headless"), QStringLiteral("Run without a window, printing a status line "
                                                    "every few seconds, until Ctrl-C.")},
        {QStringLiteral("ring-sales"),
         QStringLiteral("Ring N demo sales through the checkout core, printing each committed "
                        "transaction id; exits afterwards unless --headless."),
         QStringLiteral("N")},
        {QStringLiteral("rate"),
         QStringLiteral("With --ring-sales: sales per second (default: as "
                        "fast as the lane commits)."),
         QStringLiteral("R")},
        {QStringLiteral("seed"), QStringLiteral("With --ring-sales: random seed (default 1)."),
         QStringLiteral("S")},
        {QStringLiteral("import-catalog"),
         QStringLiteral("Import products from a .json or .csv catalog, extending the current one."),
         QStringLiteral("file")},
        {QStringLiteral("count"),
         QStringLiteral("Record a stock take: there are QTY of the product with this SKU or "
                        "barcode; repeatable; published to every lane; exits afterwards unless "
                        "--headless."),
         QStringLiteral("SKU=QTY")},
        {QStringLiteral("replace-catalog"),
         QStringLiteral("With --import-catalog: deactivate products missing from the file.")},
        {QStringLiteral("status-interval"),
         QStringLiteral("Seconds between headless status lines (default 5; 0 = none)."),
         QStringLiteral("s")},
        {QStringLiteral("health"),
         QStringLiteral("Print the running lane's sync health as JSON (read from its database) "
                        "and exit; exit status 1 when a configured peer has been unreachable "
                        "longer than --health-max-offline or the lane is not running.")},
        {QStringLiteral("backup"),
         QStringLiteral("Copy the lane's database (the lane may be running) to FILE, which must "
                        "not exist, check it and print a summary; see README, Backup and restore."),
         QStringLiteral("FILE")},
        {QStringLiteral("health-max-offline"),
         QStringLiteral("With --health: seconds a peer may be unreachable (default 120)."),
         QStringLiteral("s")},
        {QStringLiteral("new-store-key"),
         QStringLiteral("Print a new store key (256 random bits as 64 hex digits) and exit; with "
                        "a FILE argument, write it to FILE with mode 0600 instead (FILE must not "
                        "exist).")},
        {QStringLiteral("self-test"),
         QStringLiteral("Load every QML file of the UI, report errors, and exit.")},
        {QStringLiteral("screenshot"),
         QStringLiteral("Render each screen to a PNG in DIR and exit."), QStringLiteral("DIR")},
        {QStringLiteral("ui-script"),
         QStringLiteral("Drive the UI with a JSON script of taps, keystrokes, waits and state "
                        "dumps (end-to-end tests, demos); see app/controllers/uiscript.h."),
         QStringLiteral("FILE")},
        {QStringLiteral("window-size"),
         QStringLiteral("Size of the lane's window, e.g. 1024x768 (default 1280x800; also for "
                        "--screenshot)."),
         QStringLiteral("WxH")},
        {QStringLiteral("fullscreen"),
         QStringLiteral("Show the lane's window full-screen (a touchscreen lane, e.g. under the "
                        "cage kiosk compositor).")},
        {QStringLiteral("platform"), QStringLiteral("Qt platform plugin (e.g. offscreen)."),
         QStringLiteral("name")},
    };
    for (const ConfigLoader::Key &key : ConfigLoader::keys()) {
        QString help =
            QLatin1String(key.help) + QStringLiteral(" [env %1, file key %2]")
                                          .arg(QLatin1String(key.envVar), QLatin1String(key.name));
        options.append(
            QCommandLineOption(QLatin1String(key.flag), help,
                               key.secret ? QStringLiteral("secret") : QStringLiteral("value")));
    }
    return options;
}

void setUp(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QStringLiteral("Euphoria Lane: a checkout-lane terminal with offline-first sync.\n"
                       "Settings come from flags, then EUPHORIA_* environment variables, then "
                       "the settings file, then defaults."));
    // Qt's own options are single-dash words (-platform offscreen); parse them as such.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions(laneOptions());
}
} // namespace

QString CommandLine::helpText()
{
    QCommandLineParser parser;
    setUp(parser);
    QString text = parser.helpText();
    text.replace(QLatin1String("<executable_name>"), QLatin1String("euphoria-lane"));
    return text;
}

Result<CommandLine> CommandLine::parse(const QStringList &arguments)
{
    using R = Result<CommandLine>;
    QCommandLineParser parser;
    setUp(parser);
    if (!parser.parse(arguments))
        return R::failure(parser.errorText());
    CommandLine cl;
    cl.help = parser.isSet(QStringLiteral("help"));
    cl.version = parser.isSet(QStringLiteral("version"));
    cl.headless = parser.isSet(QStringLiteral("headless"));
    cl.selfTest = parser.isSet(QStringLiteral("self-test"));
    cl.fullScreen = parser.isSet(QStringLiteral("fullscreen"));
    cl.screenshotDir = parser.value(QStringLiteral("screenshot"));
    cl.uiScript = parser.value(QStringLiteral("ui-script"));
    if (parser.isSet(QStringLiteral("window-size"))) {
        static const QRegularExpression size(QStringLiteral("^(\\d{3,4})x(\\d{3,4})$"));
        const auto m = size.match(parser.value(QStringLiteral("window-size")).trimmed());
        const QSize wanted =
            m.hasMatch() ? QSize(m.captured(1).toInt(), m.captured(2).toInt()) : QSize();
        if (!wanted.isValid() || wanted.width() < 1024 || wanted.height() < 700 ||
            wanted.width() > 3840 || wanted.height() > 2160)
            return R::failure(QStringLiteral("--window-size takes WIDTHxHEIGHT from 1024x700 to "
                                             "3840x2160, e.g. 1024x768"));
        cl.windowSize = wanted;
    }
    cl.importCatalog = parser.value(QStringLiteral("import-catalog"));
    cl.importReplace = parser.isSet(QStringLiteral("replace-catalog"));
    for (const QString &count : parser.values(QStringLiteral("count"))) {
        const qsizetype eq = count.lastIndexOf(QLatin1Char('='));
        bool isNumber = false;
        const qint64 quantity = eq > 0 ? count.mid(eq + 1).trimmed().toLongLong(&isNumber) : -1;
        if (eq <= 0 || !isNumber || quantity < 0 || quantity > 1000000000)
            return R::failure(
                QStringLiteral("--count: expected SKU=QTY with a whole quantity from 0 to "
                               "1000000000, got \"%1\"")
                    .arg(count.left(80)));
        cl.counts.append({count.left(eq).trimmed(), quantity});
    }
    cl.newStoreKey = parser.isSet(QStringLiteral("new-store-key"));
    if (cl.newStoreKey && parser.positionalArguments().size() == 1)
        cl.newStoreKeyFile = parser.positionalArguments().first();
    else if (!parser.positionalArguments().isEmpty())
        return R::failure(
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    bool ok = true;
    if (parser.isSet(QStringLiteral("ring-sales"))) {
        cl.ringSales = parser.value(QStringLiteral("ring-sales")).toLongLong(&ok);
        if (!ok || cl.ringSales < 0)
            return R::failure(QStringLiteral("--ring-sales: expected a count >= 0"));
    }
    if (parser.isSet(QStringLiteral("rate"))) {
        cl.rate = parser.value(QStringLiteral("rate")).toDouble(&ok);
        if (!ok || cl.rate < 0 || cl.rate > 100000)
            return R::failure(QStringLiteral("--rate: expected sales per second from 0 to 100000"));
    }
    cl.seed = 1;
    if (parser.isSet(QStringLiteral("seed"))) {
        cl.seed = parser.value(QStringLiteral("seed")).toUInt(&ok);
        if (!ok)
            return R::failure(QStringLiteral("--seed: expected a non-negative integer"));
    }
    if (parser.isSet(QStringLiteral("status-interval"))) {
        cl.statusIntervalSeconds = parser.value(QStringLiteral("status-interval")).toInt(&ok);
        if (!ok || cl.statusIntervalSeconds < 0 || cl.statusIntervalSeconds > 3600)
            return R::failure(QStringLiteral("--status-interval: expected 0 to 3600 seconds"));
    }
    cl.health = parser.isSet(QStringLiteral("health"));
    cl.backupFile = parser.value(QStringLiteral("backup"));
    if (parser.isSet(QStringLiteral("health-max-offline"))) {
        cl.healthMaxOfflineSeconds = parser.value(QStringLiteral("health-max-offline")).toInt(&ok);
        if (!ok || cl.healthMaxOfflineSeconds < 1 || cl.healthMaxOfflineSeconds > 86400 * 30)
            return R::failure(
                QStringLiteral("--health-max-offline: expected 1 to 2592000 seconds"));
    }
    cl.config.explicitFile = parser.value(QStringLiteral("config"));
    cl.config.searchFiles = ConfigLoader::defaultSearchFiles();
    cl.config.environment = QProcessEnvironment::systemEnvironment();
    for (const ConfigLoader::Key &key : ConfigLoader::keys()) {
        const QString flag = QLatin1String(key.flag);
        if (parser.isSet(flag)) {
            // A repeated list option accumulates; any other keeps its last value.
            const QStringList values = parser.values(flag);
            cl.config.flags.insert(QLatin1String(key.name),
                                   QLatin1String(key.name) == QLatin1String("peerTerminals")
                                       ? values.join(QLatin1Char(','))
                                       : values.last());
        }
    }
    return cl;
}
