// The settings loader: a settings.local.json file, or values from the environment and the
// command line. First byte even: the rest is the file's content. Odd: the rest is lines
// NAME=value, an EUPHORIA_... NAME going to the environment and any other to the options.
// A secret (storeKey, supabaseServiceKey, cloudCredential) is never shown in an error or a
// warning.
#include "configloader.h"
#include "fuzzsupport.h"
#include "peerprotocol.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace {
QString settingsFile()
{
    static QTemporaryDir dir;
    FUZZ_CHECK(dir.isValid());
    return dir.filePath(QStringLiteral("settings.local.json"));
}

// Secrets of 12 characters or more that the input names once: none may show in what load says.
QStringList secretsIn(const QByteArray &input, const QList<QString> &values)
{
    QStringList out;
    for (const QString &v : values)
        if (v.size() >= 12 && input.count(v.toUtf8()) == 1)
            out.append(v);
    return out;
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzSupport::init(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray rest = FuzzSupport::bytes(data + 1, size - 1);
    ConfigLoader::Sources sources;
    sources.environment = QProcessEnvironment(); // never the real one
    QList<QString> secretValues;
    if (data[0] % 2 == 0) {
        QFile f(settingsFile());
        FUZZ_CHECK(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        FUZZ_CHECK(f.write(rest) == rest.size());
        f.close();
        sources.explicitFile = f.fileName();
        const QJsonObject o = QJsonDocument::fromJson(rest).object();
        secretValues = {o.value(QLatin1String("storeKey")).toString(),
                        o.value(QLatin1String("supabaseServiceKey")).toString(),
                        o.value(QLatin1String("cloudCredential")).toString()};
    } else {
        for (const QByteArray &line : rest.split('\n')) {
            const qsizetype eq = line.indexOf('=');
            if (eq <= 0)
                continue;
            const QString name = QString::fromUtf8(line.left(eq));
            const QString value = QString::fromUtf8(line.mid(eq + 1));
            if (name.startsWith(QLatin1String("EUPHORIA_")))
                sources.environment.insert(name, value);
            else
                sources.flags.insert(name, value);
            static const QStringList secretNames{QStringLiteral("EUPHORIA_STORE_KEY"),
                                                 QStringLiteral("EUPHORIA_SUPABASE_SERVICE_KEY"),
                                                 QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"),
                                                 QStringLiteral("storeKey"),
                                                 QStringLiteral("supabaseServiceKey"),
                                                 QStringLiteral("cloudCredential")};
            if (secretNames.contains(name))
                secretValues.append(value);
        }
    }
    const QStringList secrets = secretsIn(rest, secretValues);
    auto loaded = ConfigLoader::load(sources);
    QStringList said;
    if (loaded) {
        said = loaded->warnings;
        FUZZ_CHECK(PeerProtocol::isTerminalId(loaded->config.terminalId));
    } else {
        said = {loaded.error()};
        FUZZ_CHECK(!loaded.error().isEmpty());
    }
    for (const QString &secret : secrets)
        for (const QString &line : std::as_const(said))
            FUZZ_CHECK(!line.contains(secret));
    return 0;
}
