#include "database.h"
#include "idgenerator.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// The real executable: exit codes, config errors, secrets, one-shot modes, headless running.
class TstCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };

    Run run(const QStringList &args, const QMap<QString, QString> &env = {}, int timeoutMs = 60000)
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("DISPLAY"));
        e.remove(QStringLiteral("WAYLAND_DISPLAY"));
        for (auto it = env.begin(); it != env.end(); ++it)
            e.insert(it.key(), it.value());
        p.setProcessEnvironment(e);
        p.setWorkingDirectory(m_dir.path()); // no stray ./settings.local.json
        p.start(QStringLiteral(LANE_EXECUTABLE), args);
        if (!p.waitForFinished(timeoutMs))
            p.kill();
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QString file(const QString &name, const QByteArray &content)
    {
        QFile f(m_dir.filePath(name));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(content);
        return f.fileName();
    }

private Q_SLOTS:
    void helpNeverShowsSecrets()
    {
        const Run r = run(
            {QStringLiteral("--help")},
            {{QStringLiteral("EUPHORIA_SUPABASE_SERVICE_KEY"), QStringLiteral("topsecret-123")}});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("--terminal-id")));
        QVERIFY(r.out.contains(QLatin1String("EUPHORIA_TERMINAL_PORT")));
        QVERIFY(!r.out.contains(QLatin1String("topsecret")));
        QVERIFY(!r.err.contains(QLatin1String("topsecret")));
    }

    void usageErrorsExitTwo()
    {
        QCOMPARE(run({QStringLiteral("--no-such-option")}).code, 2);
        QCOMPARE(run({QStringLiteral("--ring-sales"), QStringLiteral("many")}).code, 2);
        const Run port = run({QStringLiteral("--terminal-port"), QStringLiteral("70000")});
        QCOMPARE(port.code, 2);
        QVERIFY2(port.err.contains(QLatin1String("--terminal-port")), qPrintable(port.err));
    }

    void configErrorsNameFileAndKey()
    {
        const QString path = file(QStringLiteral("bad.json"), "{\"terminalPort\": \"eighty\"}");
        const Run r = run({QStringLiteral("--config"), path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("bad.json")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("terminalPort")), qPrintable(r.err));

        const QString secret = file(QStringLiteral("secret.json"),
                                    "{\"supabaseServiceKey\": 12345678, \"terminalId\": \"L1\"}");
        const Run s = run({QStringLiteral("--config"), secret});
        QCOMPARE(s.code, 2);
        QVERIFY(s.err.contains(QLatin1String("supabaseServiceKey")));
        QVERIFY2(!s.err.contains(QLatin1String("12345678")), qPrintable(s.err));

        const Run env = run({QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("env"))},
                            {{QStringLiteral("EUPHORIA_TERMINAL_PORT"), QStringLiteral("x")}});
        QCOMPARE(env.code, 2);
        QVERIFY(env.err.contains(QLatin1String("EUPHORIA_TERMINAL_PORT")));
    }

    // A malformed cloud credential stops the lane like any bad setting, naming the setting and
    // not the value; a good one is never printed, and --health names the auth mode only.
    void cloudCredentialIsASecretSetting()
    {
        const QString bad = QStringLiteral("elc1.not-a-lane.pasted-secret-0123456789");
        const Run r = run({QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("cred"))},
                          {{QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"), bad}});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("EUPHORIA_CLOUD_CREDENTIAL")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("not a lane credential")), qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("pasted-secret")));
        QVERIFY(!r.out.contains(QLatin1String("pasted-secret")));

        const QString secret = QStringLiteral("good-secret-0123456789_good-secret-01234567");
        const QString good = QStringLiteral("elc1.3f2c8a9e-1b4d-4c6e-9f01-23456789abcd.") + secret;
        const QMap<QString, QString> env{{QStringLiteral("EUPHORIA_CLOUD_CREDENTIAL"), good}};
        const QString data = m_dir.filePath(QStringLiteral("health"));
        const QStringList cloud{QStringLiteral("--data-dir"), data,
                                QStringLiteral("--supabase-url"),
                                QStringLiteral("http://127.0.0.1:1")};
        const Run help = run({QStringLiteral("--help")}, env);
        QVERIFY(help.out.contains(QLatin1String("--cloud-credential-file")));
        QVERIFY(help.out.contains(QLatin1String("EUPHORIA_CLOUD_USE_SERVICE_KEY")));
        QCOMPARE(
            run(cloud + QStringList{QStringLiteral("--ring-sales"), QStringLiteral("1")}, env).code,
            0);
        const Run health = run(cloud + QStringList{QStringLiteral("--health")}, env);
        const QJsonObject report = QJsonDocument::fromJson(health.out.toUtf8()).object();
        const QJsonObject c = report.value(QLatin1String("cloud")).toObject();
        QVERIFY2(c.value(QLatin1String("enabled")).toBool(), qPrintable(health.out));
        QCOMPARE(c.value(QLatin1String("auth")).toString(), QStringLiteral("lane credential"));
        // The demo start opened a shift, and --health says so.
        const QJsonObject shift = report.value(QLatin1String("shift")).toObject();
        QVERIFY2(shift.value(QLatin1String("open")).toBool(), qPrintable(health.out));
        QVERIFY(IdGenerator::isUuid(shift.value(QLatin1String("shiftId")).toString()));
        QCOMPARE(shift.value(QLatin1String("lastZNumber")).toInt(), 0);
        for (const QString &text : {help.out, help.err, health.out, health.err})
            QVERIFY(!text.contains(secret));
    }

    // --new-store-key prints a key the lane accepts, or writes it to a new 0600 file; a weak key
    // stops the lane with exit status 2 and a message that names the setting, not the key.
    void storeKeysAreMadeAndChecked()
    {
        const Run made = run({QStringLiteral("--new-store-key")});
        QCOMPARE(made.code, 0);
        const QString key = made.out.trimmed();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(key).hasMatch(),
                 qPrintable(made.out));
        QVERIFY(run({QStringLiteral("--new-store-key")}).out.trimmed() != key);
        const QString path = m_dir.filePath(QStringLiteral("store.key"));
        const Run written = run({QStringLiteral("--new-store-key"), path});
        QCOMPARE(written.code, 0);
        QFile f(path);
        QCOMPARE(f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                    QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString fileKey = QString::fromLatin1(f.readAll()).trimmed();
        QCOMPARE(fileKey.size(), 64);
        QVERIFY(!written.out.contains(fileKey) && !written.err.contains(fileKey));
        QVERIFY2(written.err.contains(QLatin1String("fingerprint")), qPrintable(written.err));
        const Run again = run({QStringLiteral("--new-store-key"), path});
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains(QLatin1String("exists")), qPrintable(again.err));
        // The lane takes the key it made...
        const QString data = m_dir.filePath(QStringLiteral("keyed"));
        QCOMPARE(run({QStringLiteral("--data-dir"), data, QStringLiteral("--store-key-file"), path,
                      QStringLiteral("--terminal-port"), QStringLiteral("0"),
                      QStringLiteral("--bind-address"), QStringLiteral("127.0.0.1"),
                      QStringLiteral("--ring-sales"), QStringLiteral("1")})
                     .code,
                 0);
        // ... and refuses weak ones at start.
        for (const QString &weak : {QStringLiteral("change-me-to-a-long-random-secret"),
                                    QStringLiteral("00112233445566778899aabbccddeeff"),
                                    QStringLiteral("abcdabcdabcdabcdabcdabcdabcdabcd")}) {
            const Run r = run({QStringLiteral("--data-dir"), data, QStringLiteral("--headless")},
                              {{QStringLiteral("EUPHORIA_STORE_KEY"), weak}});
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(QLatin1String("EUPHORIA_STORE_KEY")) &&
                         r.err.contains(QLatin1String("weak")) &&
                         r.err.contains(QLatin1String("--new-store-key")),
                     qPrintable(r.err));
            QVERIFY(!r.err.contains(weak));
        }
    }

    void unknownKeyIsAWarning()
    {
        const QString path =
            file(QStringLiteral("extra.json"), "{\"terminalId\": \"L7\", \"colour\": \"red\"}");
        const Run r = run({QStringLiteral("--config"), path, QStringLiteral("--data-dir"),
                           m_dir.filePath(QStringLiteral("warn")), QStringLiteral("--ring-sales"),
                           QStringLiteral("0")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QLatin1String("colour")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("warning")), qPrintable(r.err));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("warn/lane-L7.sqlite"))));
    }

    void ringSalesPrintsCommittedIds()
    {
        const QString data = m_dir.filePath(QStringLiteral("ring"));
        const Run r = run({QStringLiteral("--data-dir"), data, QStringLiteral("--ring-sales"),
                           QStringLiteral("7")});
        QCOMPARE(r.code, 0);
        const QStringList ids = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(ids.size(), 7);
        Database db;
        QVERIFY(db.open({data + QStringLiteral("/lane-L1.sqlite")}));
        for (const QString &id : ids) {
            QVERIFY(IdGenerator::isUuid(id));
            QCOMPARE(
                db.scalar(
                      QStringLiteral("SELECT COUNT(*) FROM transactions WHERE id = '%1'").arg(id))
                    ->toInt(),
                1);
        }
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"))
                     ->toInt(),
                 7);
    }

    void importCatalogErrorsAreClear()
    {
        const QString csv =
            file(QStringLiteral("bad.csv"),
                 "sku,name,priceCents,taxRateBp,barcodes\nX1,Thing,100,0,1234567890123\n");
        const Run r = run({QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("imp")),
                           QStringLiteral("--import-catalog"), csv});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("bad.csv")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("line 2")), qPrintable(r.err));
        const QString good = file(QStringLiteral("good.csv"),
                                  "sku,name,priceCents,taxRateBp,stock\nX1,Thing,100,0,5\n");
        const Run ok = run({QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("imp")),
                            QStringLiteral("--import-catalog"), good});
        QCOMPARE(ok.code, 0);
        QVERIFY2(ok.err.contains(QLatin1String("imported 1 products")), qPrintable(ok.err));
    }

    void unreadableDatabaseIsAnErrorNotACrash()
    {
        const QString data = m_dir.filePath(QStringLiteral("garbage"));
        QDir().mkpath(data);
        file(QStringLiteral("garbage/lane-L1.sqlite"), QByteArray(8192, 'x'));
        const Run r = run({QStringLiteral("--data-dir"), data, QStringLiteral("--ring-sales"),
                           QStringLiteral("1")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("cannot start lane")), qPrintable(r.err));
    }

    void headlessWithoutDisplayRunsUntilTerminated()
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("DISPLAY"));
        e.remove(QStringLiteral("WAYLAND_DISPLAY"));
        e.remove(QStringLiteral("QT_QPA_PLATFORM"));
        p.setProcessEnvironment(e);
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral(LANE_EXECUTABLE),
                {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("headless")),
                 QStringLiteral("--status-interval"), QStringLiteral("1")});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).count("[L1]") >= 2, 20000);
        QVERIFY2(err.contains("no display found"), err.constData());
        QVERIFY(err.contains("0 sales"));
        p.terminate(); // SIGTERM: a clean shutdown
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
    }

    void screenshotsRenderEveryScreen()
    {
        const QString shots = m_dir.filePath(QStringLiteral("shots"));
        const Run r = run({QStringLiteral("--screenshot"), shots, QStringLiteral("-platform"),
                           QStringLiteral("offscreen")});
        QCOMPARE(r.code, 0);
        for (const char *screen : {"login", "checkout", "pay", "receipt"}) {
            const QImage image(shots + QLatin1Char('/') + QLatin1String(screen) +
                               QLatin1String(".png"));
            QVERIFY2(!image.isNull(), screen);
            QCOMPARE(image.size(), QSize(1280, 800));
        }
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
