#include "configloader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

// Settings: precedence flag > environment > file > default, and a clear error for every bad
// value that names where it came from, without ever showing a secret.
// Well formed, as tools/cloud-dev enroll prints them; never enrolled anywhere.
constexpr char kCredential[] =
    "elc1.3f2c8a9e-1b4d-4c6e-9f01-23456789abcd.lane-secret-0123456789_lane-secret-01234567";

class TstConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeFile(const QByteArray &content, const QString &name = QStringLiteral("s.json"))
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(content);
        return path;
    }

    static ConfigLoader::Sources sources(const QString &file = {})
    {
        ConfigLoader::Sources s;
        s.explicitFile = file;
        s.environment = QProcessEnvironment(); // empty: tests never read the real environment
        return s;
    }

private Q_SLOTS:
    void defaults()
    {
        auto r = ConfigLoader::load(sources());
        QVERIFY(r);
        const LaneConfig &c = r->config;
        QCOMPARE(c.terminalId, QStringLiteral("L1"));
        QCOMPARE(c.terminalPort, 8123);
        QVERIFY(c.peerTerminals.isEmpty());
        QVERIFY(!c.cloudEnabled());
        QCOMPARE(c.sqliteSynchronous, Database::Synchronous::Full);
        // Cloud: the seed's 30 s and 3 retries, one store.
        QCOMPARE(c.storeId, QStringLiteral("store-1"));
        QCOMPARE(c.cloudIntervalSeconds, 30);
        QCOMPARE(c.maxRetries, 3);
        QCOMPARE(c.cloudBatchSize, 200);
        QCOMPARE(c.cloudRelayAfterSeconds, 3600);
        QCOMPARE(c.currency, QStringLiteral("USD"));
        QVERIFY(r->warnings.isEmpty());
    }

    // The store's currency, from each source, and how the settings list shows it.
    void currency_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("described");
        QTest::newRow("default") << QByteArray("{}") << QString() << QString() << "USD"
                                 << "USD (2 decimal digits)";
        QTest::newRow("file, euro")
            << QByteArray("{\"currency\": \"EUR\"}") << QString() << QString() << "EUR"
            << "EUR (2 decimal digits)";
        QTest::newRow("file, yen")
            << QByteArray("{\"currency\": \"JPY\"}") << QString() << QString() << "JPY"
            << "JPY (0 decimal digits)";
        QTest::newRow("env, dinar")
            << QByteArray("{\"currency\": \"EUR\"}") << "KWD" << QString() << "KWD"
            << "KWD (3 decimal digits)";
        QTest::newRow("flag beats env") << QByteArray("{}") << "KWD"
                                        << "BHD"
                                        << "BHD"
                                        << "BHD (3 decimal digits)";
        QTest::newRow("null keeps the default")
            << QByteArray("{\"currency\": null}") << QString() << QString() << "USD"
            << "USD (2 decimal digits)";
    }
    void currency()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, env);
        QFETCH(QString, flag);
        QFETCH(QString, currency);
        QFETCH(QString, described);
        auto s = sources(writeFile(file));
        if (!env.isEmpty())
            s.environment.insert(QStringLiteral("EUPHORIA_CURRENCY"), env);
        if (!flag.isEmpty())
            s.flags.insert(QStringLiteral("currency"), flag);
        auto r = ConfigLoader::load(s);
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(r->config.currency, currency);
        const auto settings = r->config.describe();
        const auto it = std::find_if(settings.begin(), settings.end(), [](const auto &kv) {
            return kv.first == QLatin1String("currency");
        });
        QVERIFY(it != settings.end());
        QCOMPARE(it->second, described);
    }

    void precedence()
    {
        const QString file = writeFile("{\"terminalId\": \"FILE\", \"terminalPort\": 9001, "
                                       "\"peerTerminals\": [\"ws://127.0.0.1:9002\"], "
                                       "\"supabaseUrl\": \"https://file.example\"}");
        auto s = sources(file);
        // file only
        auto r = ConfigLoader::load(s);
        QVERIFY(r);
        QCOMPARE(r->config.terminalId, QStringLiteral("FILE"));
        QCOMPARE(r->config.terminalPort, 9001);
        QCOMPARE(r->config.peerTerminals, QStringList{QStringLiteral("ws://127.0.0.1:9002")});
        QCOMPARE(r->config.sourceFile, file);
        // env beats file
        s.environment.insert(QStringLiteral("EUPHORIA_TERMINAL_ID"), QStringLiteral("ENV"));
        s.environment.insert(QStringLiteral("EUPHORIA_TERMINAL_PORT"), QStringLiteral("9100"));
        s.environment.insert(QStringLiteral("EUPHORIA_PEER_TERMINALS"),
                             QStringLiteral("ws://a:1, ws://b:2"));
        r = ConfigLoader::load(s);
        QCOMPARE(r->config.terminalId, QStringLiteral("ENV"));
        QCOMPARE(r->config.terminalPort, 9100);
        QCOMPARE(r->config.peerTerminals,
                 (QStringList{QStringLiteral("ws://a:1"), QStringLiteral("ws://b:2")}));
        QCOMPARE(r->config.supabaseUrl, QStringLiteral("https://file.example"));
        // flag beats env
        s.flags.insert(QStringLiteral("terminalId"), QStringLiteral("FLAG"));
        r = ConfigLoader::load(s);
        QCOMPARE(r->config.terminalId, QStringLiteral("FLAG"));
        QCOMPARE(r->config.terminalPort, 9100);
    }

    void defaultSearchFilesEndWithEtc()
    {
        // The user's files first, the package's system-wide file last.
        const QStringList files = ConfigLoader::defaultSearchFiles();
        QCOMPARE(files.size(), 3);
        QCOMPARE(files.at(0), QDir::current().filePath(QStringLiteral("settings.local.json")));
        QVERIFY(files.at(1).endsWith(QStringLiteral("/euphoria-lane/settings.local.json")));
        QCOMPARE(files.at(2), QStringLiteral("/etc/euphoria-lane/settings.json"));
    }

    void searchPathsInOrder()
    {
        const QString second = writeFile("{\"terminalId\": \"SECOND\"}", QStringLiteral("b.json"));
        ConfigLoader::Sources s = sources();
        s.searchFiles = {m_dir.filePath(QStringLiteral("missing.json")), second};
        auto r = ConfigLoader::load(s);
        QVERIFY(r);
        QCOMPARE(r->config.terminalId, QStringLiteral("SECOND"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("env"); // NAME=value, optional
        QTest::addColumn<QStringList>("mustContain");
        QTest::newRow("malformed json")
            << QByteArray("{\"terminalId\": ") << QString()
            << QStringList{QStringLiteral("s.json"), QStringLiteral("JSON")};
        QTest::newRow("not an object")
            << QByteArray("[1,2]") << QString()
            << QStringList{QStringLiteral("s.json"), QStringLiteral("object")};
        QTest::newRow("port wrong type")
            << QByteArray("{\"terminalPort\": \"8123\"}") << QString()
            << QStringList{QStringLiteral("s.json"), QStringLiteral("terminalPort"),
                           QStringLiteral("integer")};
        QTest::newRow("port out of range")
            << QByteArray("{\"terminalPort\": 70000}") << QString()
            << QStringList{QStringLiteral("terminalPort"), QStringLiteral("70000"),
                           QStringLiteral("65535")};
        QTest::newRow("port negative") << QByteArray("{\"terminalPort\": -1}") << QString()
                                       << QStringList{QStringLiteral("terminalPort")};
        QTest::newRow("port fractional") << QByteArray("{\"terminalPort\": 80.5}") << QString()
                                         << QStringList{QStringLiteral("terminalPort")};
        // Found by fuzz_settings: a number beyond 64 bits was converted before its range was
        // checked (undefined behaviour, caught by UBSan in the sanitize preset).
        QTest::newRow("integer beyond 64 bits")
            << QByteArray("{\"listenFd\": 2.2e50}") << QString()
            << QStringList{QStringLiteral("listenFd"), QStringLiteral("integer")};
        QTest::newRow("integer at -2^63") << QByteArray("{\"terminalPort\": -9.3e18}") << QString()
                                          << QStringList{QStringLiteral("terminalPort")};
        QTest::newRow("terminal id wrong type")
            << QByteArray("{\"terminalId\": 7}") << QString()
            << QStringList{QStringLiteral("terminalId"), QStringLiteral("string")};
        QTest::newRow("terminal id bad chars")
            << QByteArray("{\"terminalId\": \"L 1/x\"}") << QString()
            << QStringList{QStringLiteral("terminalId")};
        QTest::newRow("peers not an array")
            << QByteArray("{\"peerTerminals\": \"ws://a:1\"}") << QString()
            << QStringList{QStringLiteral("peerTerminals"), QStringLiteral("array")};
        QTest::newRow("peer not a ws url")
            << QByteArray("{\"peerTerminals\": [\"http://a:1\"]}") << QString()
            << QStringList{QStringLiteral("peerTerminals"), QStringLiteral("http://a:1")};
        QTest::newRow("peer array of numbers")
            << QByteArray("{\"peerTerminals\": [1]}") << QString()
            << QStringList{QStringLiteral("peerTerminals")};
        QTest::newRow("supabase url not a url")
            << QByteArray("{\"supabaseUrl\": \"ftp://x\"}") << QString()
            << QStringList{QStringLiteral("supabaseUrl")};
        QTest::newRow("sync mode")
            << QByteArray("{\"sqliteSynchronous\": \"OFF\"}") << QString()
            << QStringList{QStringLiteral("sqliteSynchronous"), QStringLiteral("FULL")};
        QTest::newRow("env port not a number")
            << QByteArray("{}") << QStringLiteral("EUPHORIA_TERMINAL_PORT=abc")
            << QStringList{QStringLiteral("EUPHORIA_TERMINAL_PORT"), QStringLiteral("abc")};
        // Store keys: 32 to 128 hex digits of random bits (PROTOCOL.md §1, §3.6); the message
        // names the setting and the weakness, never the key.
        QTest::newRow("store key a passphrase")
            << QByteArray("{\"storeKey\": \"short-secret\"}") << QString()
            << QStringList{QStringLiteral("storeKey"), QStringLiteral("weak"),
                           QStringLiteral("--new-store-key")};
        QTest::newRow("store key too short")
            << QByteArray("{\"storeKey\": \"3a7f19c4e08b52d6a1f4c97e2b0d58\"}") << QString()
            << QStringList{QStringLiteral("storeKey"), QStringLiteral("fewer than 32")};
        QTest::newRow("store key odd length")
            << QByteArray("{\"storeKey\": \"3a7f19c4e08b52d6a1f4c97e2b0d58a3c\"}") << QString()
            << QStringList{QStringLiteral("odd number")};
        QTest::newRow("store key a run")
            << QByteArray("{\"storeKey\": \"00112233445566778899aabbccddeeff\"}") << QString()
            << QStringList{QStringLiteral("constant step")};
        QTest::newRow("store key a repeated block")
            << QByteArray("{\"storeKey\": \"0123456789abcdef0123456789abcdef\"}") << QString()
            << QStringList{QStringLiteral("repeated")};
        QTest::newRow("store key few values")
            << QByteArray("{\"storeKey\": \"deadbeefdeadbeefdeadbeefcafebabe\"}") << QString()
            << QStringList{QStringLiteral("distinct byte values")};
        QTest::newRow("store key published")
            << QByteArray("{\"storeKey\": "
                          "\"f4b80b84dc921bbd066d96a2a79b6bc8703ff9b412617f012284c764f1d0d4da\"}")
            << QString() << QStringList{QStringLiteral("published")};
        QTest::newRow("second store key weak")
            << QByteArray("{\"storeKey\": [\"3a7f19c4e08b52d6a1f4c97e2b0d58a3\", \"x\"]}")
            << QString() << QStringList{QStringLiteral("store key 2 of 2")};
        QTest::newRow("store key twice")
            << QByteArray("{\"storeKey\": \"3a7f19c4e08b52d6a1f4c97e2b0d58a3,"
                          "3A7F19C4E08B52D6A1F4C97E2B0D58A3\"}")
            << QString() << QStringList{QStringLiteral("listed twice")};
        QTest::newRow("five store keys") << QByteArray("{\"storeKey\": \"a,b,c,d,e\"}") << QString()
                                         << QStringList{QStringLiteral("at most 4")};
        QTest::newRow("env store key weak")
            << QByteArray("{}") << QStringLiteral("EUPHORIA_STORE_KEY=change-me-please-0123456789")
            << QStringList{QStringLiteral("EUPHORIA_STORE_KEY"), QStringLiteral("weak")};
        QTest::newRow("cloud over plain http")
            << QByteArray("{\"supabaseUrl\": \"http://cloud.example.com\"}") << QString()
            << QStringList{QStringLiteral("supabaseUrl"), QStringLiteral("https")};
        QTest::newRow("wss peer") << QByteArray("{\"peerTerminals\": [\"wss://10.0.0.2:8123\"]}")
                                  << QString()
                                  << QStringList{QStringLiteral("wss://"), QStringLiteral("ws://")};
        QTest::newRow("plaintext peer not a peer")
            << QByteArray("{\"plaintextPeers\": [\"ws://10.0.0.9:8123\"]}") << QString()
            << QStringList{QStringLiteral("plaintextPeers"), QStringLiteral("not one of")};
        QTest::newRow("plaintext peer neither url nor id")
            << QByteArray("{\"plaintextPeers\": [\"http://x y\"]}") << QString()
            << QStringList{QStringLiteral("plaintextPeers"), QStringLiteral("neither")};
        QTest::newRow("bind address not an address")
            << QByteArray("{\"bindAddress\": \"everywhere\"}") << QString()
            << QStringList{QStringLiteral("bindAddress"), QStringLiteral("IP")};
        QTest::newRow("store key file missing")
            << QByteArray("{\"storeKeyFile\": \"/nonexistent/key\"}") << QString()
            << QStringList{QStringLiteral("storeKeyFile"), QStringLiteral("/nonexistent/key")};
        QTest::newRow("backoff out of range")
            << QByteArray("{\"peerBackoffMaxMs\": 5}") << QString()
            << QStringList{QStringLiteral("peerBackoffMaxMs")};
        QTest::newRow("store id bad chars") << QByteArray("{\"storeId\": \"store one\"}")
                                            << QString() << QStringList{QStringLiteral("storeId")};
        QTest::newRow("cloud batch over the function's limit")
            << QByteArray("{\"cloudBatchSize\": 501}") << QString()
            << QStringList{QStringLiteral("cloudBatchSize"), QStringLiteral("500")};
        QTest::newRow("max retries zero") << QByteArray("{\"maxRetries\": 0}") << QString()
                                          << QStringList{QStringLiteral("maxRetries")};
        QTest::newRow("env cloud interval not a number")
            << QByteArray("{}") << QStringLiteral("EUPHORIA_CLOUD_INTERVAL_SECONDS=soon")
            << QStringList{QStringLiteral("EUPHORIA_CLOUD_INTERVAL_SECONDS"),
                           QStringLiteral("soon")};
        QTest::newRow("env peer bad")
            << QByteArray("{}") << QStringLiteral("EUPHORIA_PEER_TERMINALS=nonsense")
            << QStringList{QStringLiteral("EUPHORIA_PEER_TERMINALS")};
        QTest::newRow("currency in lower case")
            << QByteArray("{\"currency\": \"eur\"}") << QString()
            << QStringList{QStringLiteral("key \"currency\""),
                           QStringLiteral("3 upper-case letters"), QStringLiteral("\"eur\"")};
        QTest::newRow("currency a name")
            << QByteArray("{\"currency\": \"Euro\"}") << QString()
            << QStringList{QStringLiteral("ISO 4217"), QStringLiteral("\"Euro\"")};
        QTest::newRow("currency unknown")
            << QByteArray("{\"currency\": \"ABC\"}") << QString()
            << QStringList{QStringLiteral("not an ISO 4217 currency"), QStringLiteral("\"ABC\"")};
        QTest::newRow("currency without a minor unit (gold)")
            << QByteArray("{\"currency\": \"XAU\"}") << QString()
            << QStringList{QStringLiteral("minor unit"), QStringLiteral("\"XAU\"")};
        QTest::newRow("currency a number") << QByteArray("{\"currency\": 978}") << QString()
                                           << QStringList{QStringLiteral("expected a string")};
        QTest::newRow("currency empty") << QByteArray("{\"currency\": \"\"}") << QString()
                                        << QStringList{QStringLiteral("ISO 4217")};
        QTest::newRow("env currency with a symbol")
            << QByteArray("{}") << QStringLiteral("EUPHORIA_CURRENCY=\u20ac")
            << QStringList{QStringLiteral("environment variable EUPHORIA_CURRENCY"),
                           QStringLiteral("3 upper-case letters")};
    }
    void errors()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, env);
        QFETCH(QStringList, mustContain);
        auto s = sources(writeFile(file));
        if (!env.isEmpty())
            s.environment.insert(env.section(QLatin1Char('='), 0, 0),
                                 env.section(QLatin1Char('='), 1));
        auto r = ConfigLoader::load(s);
        QVERIFY(!r);
        for (const QString &part : mustContain)
            QVERIFY2(r.error().contains(part), qPrintable(r.error()));
        // A secret is never repeated back, not even a weak one.
        QVERIFY2(!r.error().contains(QLatin1String("3a7f19c4")), qPrintable(r.error()));
        QVERIFY2(!r.error().contains(QLatin1String("short-secret")), qPrintable(r.error()));
    }

    void flagErrorNamesTheFlag()
    {
        auto s = sources();
        s.flags.insert(QStringLiteral("terminalPort"), QStringLiteral("-4"));
        auto r = ConfigLoader::load(s);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QLatin1String("--terminal-port")), qPrintable(r.error()));
    }

    void missingExplicitFile()
    {
        auto r = ConfigLoader::load(sources(m_dir.filePath(QStringLiteral("nope.json"))));
        QVERIFY(!r);
        QVERIFY(r.error().contains(QLatin1String("nope.json")));
    }

    void unknownKeyWarns()
    {
        auto r =
            ConfigLoader::load(sources(writeFile("{\"terminalId\": \"L2\", \"colour\": \"red\"}")));
        QVERIFY(r);
        QCOMPARE(r->config.terminalId, QStringLiteral("L2"));
        QCOMPARE(r->warnings.size(), 1);
        QVERIFY(r->warnings.first().contains(QLatin1String("colour")));
        QVERIFY(r->warnings.first().contains(QLatin1String("s.json")));
    }

    void secretNeverInErrors()
    {
        // A wrong type for the key: the message names the key, not its value.
        auto r = ConfigLoader::load(
            sources(writeFile("{\"supabaseServiceKey\": [\"eyJsecret-value-123\"]}")));
        QVERIFY(!r);
        QVERIFY(r.error().contains(QLatin1String("supabaseServiceKey")));
        QVERIFY2(!r.error().contains(QLatin1String("secret-value")), qPrintable(r.error()));
        // A valid secret is read; cloud sync runs with it only in the service-key mode.
        auto ok =
            ConfigLoader::load(sources(writeFile("{\"supabaseUrl\": \"https://x.supabase.co\", "
                                                 "\"supabaseServiceKey\": \"eyJsecret-value-123\", "
                                                 "\"cloudUseServiceKey\": true}")));
        QVERIFY(ok);
        QVERIFY(ok->config.cloudEnabled());
        QCOMPARE(ok->config.cloudAuth(), CloudAuth::Mode::ServiceKey);
        QCOMPARE(ok->config.cloudSecret(), QStringLiteral("eyJsecret-value-123"));
        QCOMPARE(ok->config.supabaseServiceKey, QStringLiteral("eyJsecret-value-123"));
        QVERIFY(ok->warnings.isEmpty());
    }

    // Lane credentials: from a setting, the environment, a flag or a 0600 file; malformed ones
    // are refused naming where they came from, never showing them.
    void cloudCredential()
    {
        const QString good = QString::fromLatin1(kCredential);
        auto s = sources(writeFile("{\"supabaseUrl\": \"https://x.supabase.co\"}"));
        s.environment.insert(QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"), good);
        auto r = ConfigLoader::load(s);
        QVERIFY2(r, qPrintable(r.error()));
        QVERIFY(r->config.cloudEnabled());
        QCOMPARE(r->config.cloudAuth(), CloudAuth::Mode::LaneCredential);
        QCOMPARE(r->config.cloudAuthName(), QStringLiteral("lane credential"));
        QCOMPARE(r->config.cloudSecret(), good);
        QVERIFY(r->warnings.isEmpty());
        // Never shown by describe(): set or not set.
        for (const auto &[key, value] : r->config.describe())
            QVERIFY2(!value.contains(QLatin1String("lane-secret")), qPrintable(key));

        // Malformed, from each source: an error naming the source, not showing the value.
        const QString bad = good.chopped(1) + QLatin1Char('=');
        auto fromFile = ConfigLoader::load(
            sources(writeFile(QStringLiteral("{\"cloudCredential\": \"%1\"}").arg(bad).toUtf8())));
        QVERIFY(!fromFile);
        QVERIFY2(fromFile.error().contains(QLatin1String("key \"cloudCredential\"")),
                 qPrintable(fromFile.error()));
        QVERIFY(fromFile.error().contains(QLatin1String("not a lane credential")));
        QVERIFY(!fromFile.error().contains(QLatin1String("lane-secret")));
        auto env = sources();
        env.environment.insert(QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"), bad);
        auto fromEnv = ConfigLoader::load(env);
        QVERIFY(!fromEnv);
        QVERIFY(fromEnv.error().contains(QLatin1String("EUPHORIA_CLOUD_CREDENTIAL")));
        QVERIFY(!fromEnv.error().contains(QLatin1String("lane-secret")));
        auto flag = sources();
        flag.flags.insert(QStringLiteral("cloudCredential"),
                          QStringLiteral("eyJservice-role-key-pasted-by-mistake"));
        auto fromFlag = ConfigLoader::load(flag);
        QVERIFY(!fromFlag);
        QVERIFY(fromFlag.error().contains(QLatin1String("--cloud-credential")));
        QVERIFY(!fromFlag.error().contains(QLatin1String("pasted-by-mistake")));
        auto wrongType = ConfigLoader::load(sources(writeFile("{\"cloudCredential\": 42}")));
        QVERIFY(!wrongType);
        QVERIFY(!wrongType.error().contains(QLatin1String("42")));
    }

    void cloudCredentialFile()
    {
        const QString good = QString::fromLatin1(kCredential);
        const QString path = writeFile(good.toUtf8() + "\n", QStringLiteral("credential"));
        QFile file(path);
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                    QFileDevice::ReadOther));
        const QByteArray settings = QStringLiteral("{\"supabaseUrl\": \"https://x.supabase.co\", "
                                                   "\"cloudCredentialFile\": \"%1\"}")
                                        .arg(path)
                                        .toUtf8();
        auto open = ConfigLoader::load(sources(writeFile(settings)));
        QVERIFY(!open);
        QVERIFY2(open.error().contains(QLatin1String("chmod 600")), qPrintable(open.error()));
        QVERIFY(open.error().contains(QLatin1String("cloudCredentialFile")));
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        auto ok = ConfigLoader::load(sources(writeFile(settings)));
        QVERIFY2(ok, qPrintable(ok.error()));
        QCOMPARE(ok->config.cloudCredential, good);
        QCOMPARE(ok->config.cloudCredentialFile, path);
        QVERIFY(ok->config.cloudEnabled());
        // A credential given directly wins over the file.
        const QString other = good.chopped(1) + QLatin1Char('B');
        auto s = sources(writeFile(settings));
        s.environment.insert(QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"), other);
        auto env = ConfigLoader::load(s);
        QVERIFY(env);
        QCOMPARE(env->config.cloudCredential, other);
        // A file that holds something else is refused without showing it.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("service-role-key-in-the-wrong-file\n");
        file.close();
        auto wrong = ConfigLoader::load(sources(writeFile(settings)));
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().contains(path), qPrintable(wrong.error()));
        QVERIFY(!wrong.error().contains(QLatin1String("wrong-file")));
    }

    // Which secret the lane uses, and the warnings when the settings do not add up.
    void cloudAuthMode_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("auth");
        QTest::addColumn<QString>("warning"); // empty: none
        const QByteArray url = "\"supabaseUrl\": \"https://x.supabase.co\"";
        const QByteArray cred = QByteArray("\"cloudCredential\": \"") + kCredential + '"';
        const QByteArray key = "\"supabaseServiceKey\": \"eyJservice-role-key\"";
        QTest::newRow("nothing") << QByteArray("{}") << QStringLiteral("none") << QString();
        QTest::newRow("url and credential")
            << "{" + url + "," + cred + "}" << QStringLiteral("lane credential") << QString();
        QTest::newRow("url alone") << "{" + url + "}" << QStringLiteral("none")
                                   << QStringLiteral("needs supabaseUrl and cloudCredential");
        QTest::newRow("the seed's settings: the service key alone")
            << "{" + url + "," + key + "}" << QStringLiteral("none")
            << QStringLiteral("set cloudUseServiceKey to keep using the service key");
        QTest::newRow("service-key mode")
            << "{" + url + "," + key + ", \"cloudUseServiceKey\": true}"
            << QStringLiteral("service key") << QString();
        QTest::newRow("service-key mode without the key")
            << "{" + url + "," + cred + ", \"cloudUseServiceKey\": true}" << QStringLiteral("none")
            << QStringLiteral("cloudUseServiceKey needs supabaseServiceKey");
        QTest::newRow("both, credential used")
            << "{" + url + "," + cred + "," + key + "}" << QStringLiteral("lane credential")
            << QStringLiteral("supabaseServiceKey is not used");
        QTest::newRow("both, service key used")
            << "{" + url + "," + cred + "," + key + ", \"cloudUseServiceKey\": true}"
            << QStringLiteral("service key")
            << QStringLiteral("cloudCredential is not used while cloudUseServiceKey is on");
        QTest::newRow("credential without url")
            << "{" + cred + "}" << QStringLiteral("lane credential")
            << QStringLiteral("cloud sync stays off: it needs supabaseUrl");
    }

    void cloudAuthMode()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, auth);
        QFETCH(QString, warning);
        auto r = ConfigLoader::load(sources(writeFile(json)));
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(r->config.cloudAuthName(), auth);
        QCOMPARE(r->config.cloudEnabled(),
                 auth != QLatin1String("none") && !r->config.supabaseUrl.isEmpty());
        QCOMPARE(r->warnings.size(), warning.isEmpty() ? 0 : 1);
        if (!warning.isEmpty())
            QVERIFY2(r->warnings.first().contains(warning), qPrintable(r->warnings.first()));
        for (const QString &w : std::as_const(r->warnings))
            QVERIFY(!w.contains(QLatin1String("lane-secret")) &&
                    !w.contains(QLatin1String("eyJservice")));
    }

    void cloudUseServiceKeyIsABoolean_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("value"); // -1: an error
        QTest::newRow("true") << QStringLiteral("true") << 1;
        QTest::newRow("TRUE") << QStringLiteral("TRUE") << 1;
        QTest::newRow("1") << QStringLiteral("1") << 1;
        QTest::newRow("yes") << QStringLiteral("yes") << 1;
        QTest::newRow("false") << QStringLiteral("false") << 0;
        QTest::newRow("0") << QStringLiteral("0") << 0;
        QTest::newRow("no") << QStringLiteral("no") << 0;
        QTest::newRow("maybe") << QStringLiteral("maybe") << -1;
        QTest::newRow("empty") << QString() << -1;
    }

    void cloudUseServiceKeyIsABoolean()
    {
        QFETCH(QString, text);
        QFETCH(int, value);
        auto s = sources();
        s.environment.insert(QStringLiteral("EUPHORIA_CLOUD_USE_SERVICE_KEY"), text);
        auto r = ConfigLoader::load(s);
        if (value < 0) {
            QVERIFY(!r);
            QVERIFY2(r.error().contains(QLatin1String("EUPHORIA_CLOUD_USE_SERVICE_KEY")),
                     qPrintable(r.error()));
            QVERIFY(r.error().contains(QLatin1String("true or false")));
        } else {
            QVERIFY2(r, qPrintable(r.error()));
            QCOMPARE(r->config.cloudUseServiceKey, value == 1);
        }
        // In the file, only a JSON boolean.
        QVERIFY(ConfigLoader::load(sources(writeFile("{\"cloudUseServiceKey\": false}"))));
        QVERIFY(!ConfigLoader::load(sources(writeFile("{\"cloudUseServiceKey\": \"true\"}"))));
        QVERIFY(!ConfigLoader::load(sources(writeFile("{\"cloudUseServiceKey\": 1}"))));
    }

    void storeKeyFile()
    {
        const QString keyPath =
            writeFile("  3a7f19c4e08b52d6a1f4c97e2b0d58a3c6e91f7024b8d5a3e0c7f16b92d4a85e  \n",
                      QStringLiteral("key"));
        QFile key(keyPath);
        QVERIFY(key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                   QFileDevice::ReadGroup));
        auto open = ConfigLoader::load(
            sources(writeFile(QStringLiteral("{\"storeKeyFile\": \"%1\"}").arg(keyPath).toUtf8())));
        QVERIFY(!open);
        QVERIFY2(open.error().contains(QLatin1String("chmod 600")), qPrintable(open.error()));
        QVERIFY(!open.error().contains(QLatin1String("3a7f19c4")));
        QVERIFY(key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        auto ok = ConfigLoader::load(
            sources(writeFile(QStringLiteral("{\"storeKeyFile\": \"%1\"}").arg(keyPath).toUtf8())));
        QVERIFY2(ok, qPrintable(ok.error()));
        QCOMPARE(ok->config.storeKeys,
                 QStringList{QStringLiteral(
                     "3a7f19c4e08b52d6a1f4c97e2b0d58a3c6e91f7024b8d5a3e0c7f16b92d4a85e")});
        // A key given directly wins over the file.
        auto s =
            sources(writeFile(QStringLiteral("{\"storeKeyFile\": \"%1\"}").arg(keyPath).toUtf8()));
        s.environment.insert(
            QStringLiteral("EUPHORIA_STORE_KEY"),
            QStringLiteral("b84e2d17f9a3c05e6d18b7a2f4c93e0d5a71b6c8e29f04d3a5c7e1b09f2d6a48"));
        auto env = ConfigLoader::load(s);
        QVERIFY2(env, qPrintable(env.error()));
        QCOMPARE(env->config.storeKeys,
                 QStringList{QStringLiteral(
                     "b84e2d17f9a3c05e6d18b7a2f4c93e0d5a71b6c8e29f04d3a5c7e1b09f2d6a48")});
        QVERIFY(env->config.storeKeyFile.isEmpty());
        // A short key value is refused without showing it.
        auto shortKey = ConfigLoader::load(sources(writeFile("{\"storeKey\": \"tiny-secret\"}")));
        QVERIFY(!shortKey);
        QVERIFY(!shortKey.error().contains(QLatin1String("tiny-secret")));
    }

    // Rolling a key: several keys, the newest first, from the environment, a JSON array or a
    // file of lines; describe() names them by fingerprint only.
    void storeKeyLists()
    {
        auto s = sources(writeFile("{}"));
        s.environment.insert(
            QStringLiteral("EUPHORIA_STORE_KEY"),
            QStringLiteral("b84e2d17f9a3c05e6d18b7a2f4c93e0d5a71b6c8e29f04d3a5c7e1b09f2d6a48, "
                           "3a7f19c4e08b52d6a1f4c97e2b0d58a3c6e91f7024b8d5a3e0c7f16b92d4a85e"));
        auto env = ConfigLoader::load(s);
        QVERIFY2(env, qPrintable(env.error()));
        QCOMPARE(
            env->config.storeKeys,
            (QStringList{
                QStringLiteral("b84e2d17f9a3c05e6d18b7a2f4c93e0d5a71b6c8e29f04d3a5c7e1b09f2d6a48"),
                QStringLiteral(
                    "3a7f19c4e08b52d6a1f4c97e2b0d58a3c6e91f7024b8d5a3e0c7f16b92d4a85e")}));
        auto array = ConfigLoader::load(sources(writeFile(
            "{\"storeKey\": [\"3a7f19c4e08b52d6a1f4c97e2b0d58a3c6e91f7024b8d5a3e0c7f16b92d4a85e\", "
            "\"b84e2d17f9a3c05e6d18b7a2f4c93e0d5a71b6c8e29f04d3a5c7e1b09f2d6a48\"]}")));
        QVERIFY2(array, qPrintable(array.error()));
        QCOMPARE(
            array->config.storeKeys,
            (QStringList{
                QStringLiteral("3a7f19c4e08b52d6a1f4c97e2b0d58a3c6e91f7024b8d5a3e0c7f16b92d4a85e"),
                QStringLiteral(
                    "b84e2d17f9a3c05e6d18b7a2f4c93e0d5a71b6c8e29f04d3a5c7e1b09f2d6a48")}));
        const QString keyPath =
            writeFile("# new, then "
                      "old\nb84e2d17f9a3c05e6d18b7a2f4c93e0d5a71b6c8e29f04d3a5c7e1b09f2d6a48\n\n3a7"
                      "f19c4e08b52d6a1f4c97e2b0d58a3c6e91f7024b8d5a3e0c7f16b92d4a85e\n",
                      QStringLiteral("keys"));
        QVERIFY(QFile(keyPath).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        auto file = ConfigLoader::load(
            sources(writeFile(QStringLiteral("{\"storeKeyFile\": \"%1\"}").arg(keyPath).toUtf8())));
        QVERIFY2(file, qPrintable(file.error()));
        QCOMPARE(
            file->config.storeKeys,
            (QStringList{
                QStringLiteral("b84e2d17f9a3c05e6d18b7a2f4c93e0d5a71b6c8e29f04d3a5c7e1b09f2d6a48"),
                QStringLiteral(
                    "3a7f19c4e08b52d6a1f4c97e2b0d58a3c6e91f7024b8d5a3e0c7f16b92d4a85e")}));
        const QString shown = file->config.storeKeysLine();
        QVERIFY2(shown.contains(QLatin1String("2 keys")), qPrintable(shown));
        QVERIFY(!shown.contains(QLatin1String("3a7f19c4")));
        QVERIFY(!shown.contains(QLatin1String("b84e2d17")));
        // A plaintext link names a configured URL, or a terminal id.
        auto plain = ConfigLoader::load(
            sources(writeFile("{\"peerTerminals\": [\"ws://10.0.0.9:8123\"], \"plaintextPeers\": "
                              "[\"ws://10.0.0.9:8123\", \"S1\"]}")));
        QVERIFY2(plain, qPrintable(plain.error()));
        QCOMPARE(plain->config.plaintextPeers,
                 (QStringList{QStringLiteral("ws://10.0.0.9:8123"), QStringLiteral("S1")}));
    }

    void halfCloudConfigWarns()
    {
        auto r =
            ConfigLoader::load(sources(writeFile("{\"supabaseUrl\": \"https://x.supabase.co\"}")));
        QVERIFY(r);
        QVERIFY(!r->config.cloudEnabled());
        QCOMPARE(r->warnings.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TstConfig)
#include "tst_config.moc"
