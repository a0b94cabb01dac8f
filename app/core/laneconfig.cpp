#include "laneconfig.h"

#include "moneyformat.h"
#include "storekey.h"

#include <QDir>
#include <QStandardPaths>

QString LaneConfig::effectiveDataDir() const
{
    if (!dataDir.isEmpty())
        return dataDir;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/euphoria-lane");
}

QString LaneConfig::databasePath() const
{
    return QDir(effectiveDataDir()).filePath(QStringLiteral("lane-%1.sqlite").arg(terminalId));
}

QString LaneConfig::portFilePath() const
{
    return QDir(effectiveDataDir()).filePath(QStringLiteral("lane-%1.port").arg(terminalId));
}

QString LaneConfig::storeKeysLine() const
{
    if (storeKeys.isEmpty())
        return QStringLiteral("(not set)");
    QStringList prints;
    for (const QString &key : storeKeys)
        prints.append(StoreKey::fingerprint(key));
    return QStringLiteral("\u2022\u2022\u2022\u2022 (set; %1 %2, fingerprint %3)")
        .arg(storeKeys.size())
        .arg(storeKeys.size() == 1 ? QStringLiteral("key") : QStringLiteral("keys"),
             prints.join(QStringLiteral(", ")));
}

std::optional<CloudAuth::Mode> LaneConfig::cloudAuth() const
{
    if (cloudUseServiceKey)
        return supabaseServiceKey.isEmpty() ? std::nullopt
                                            : std::optional(CloudAuth::Mode::ServiceKey);
    return cloudCredential.isEmpty() ? std::nullopt
                                     : std::optional(CloudAuth::Mode::LaneCredential);
}

QString LaneConfig::cloudAuthName() const
{
    const auto mode = cloudAuth();
    return mode ? CloudAuth::modeName(*mode) : QStringLiteral("none");
}

QString LaneConfig::cloudSecret() const
{
    return cloudUseServiceKey ? supabaseServiceKey : cloudCredential;
}

QList<QPair<QString, QString>> LaneConfig::describe() const
{
    auto secret = [](const QString &value) {
        return value.isEmpty() ? QStringLiteral("(not set)")
                               : QStringLiteral("\u2022\u2022\u2022\u2022 (set)");
    };
    auto n = [](int value) { return QString::number(value); };
    return {
        {QStringLiteral("terminalId"), terminalId},
        {QStringLiteral("storeId"), storeId},
        {QStringLiteral("currency"), QStringLiteral("%1 (%2 decimal digits)")
                                         .arg(currency)
                                         .arg(MoneyFormat::minorDigitsOf(currency).value_or(-1))},
        {QStringLiteral("printer"),
         printer.isEmpty() ? QStringLiteral("(none: PDF receipts)") : printer},
        {QStringLiteral("printerColumns"), n(printerColumns)},
        {QStringLiteral("printerRetrySeconds"), n(printerRetrySeconds)},
        {QStringLiteral("terminalPort"), n(terminalPort)},
        {QStringLiteral("bindAddress"), bindAddress},
        {QStringLiteral("listenFd"), listenFd < 0 ? QStringLiteral("(none)") : n(listenFd)},
        {QStringLiteral("peerTerminals"), peerTerminals.isEmpty()
                                              ? QStringLiteral("(none)")
                                              : peerTerminals.join(QStringLiteral(", "))},
        {QStringLiteral("storeKey"), storeKeysLine()},
        {QStringLiteral("storeKeyFile"),
         storeKeyFile.isEmpty() ? QStringLiteral("(none)") : storeKeyFile},
        {QStringLiteral("plaintextPeers"),
         plaintextPeers.isEmpty()
             ? QStringLiteral("(none: every peer link is encrypted)")
             : plaintextPeers.join(QStringLiteral(", ")) + QStringLiteral(" (NOT encrypted)")},
        {QStringLiteral("supabaseUrl"),
         supabaseUrl.isEmpty() ? QStringLiteral("(not set)") : supabaseUrl},
        {QStringLiteral("cloudAuth"), cloudAuthName()},
        {QStringLiteral("cloudCredential"), secret(cloudCredential)},
        {QStringLiteral("cloudCredentialFile"),
         cloudCredentialFile.isEmpty() ? QStringLiteral("(none)") : cloudCredentialFile},
        {QStringLiteral("cloudUseServiceKey"),
         cloudUseServiceKey ? QStringLiteral("true") : QStringLiteral("false")},
        {QStringLiteral("supabaseServiceKey"), secret(supabaseServiceKey)},
        {QStringLiteral("dataDir"), effectiveDataDir()},
        {QStringLiteral("sqliteSynchronous"), Database::synchronousName(sqliteSynchronous)},
        {QStringLiteral("sessionIdleSeconds"), n(sessionIdleSeconds)},
        {QStringLiteral("peerBackoffInitialMs"), n(peerBackoffInitialMs)},
        {QStringLiteral("peerBackoffMaxMs"), n(peerBackoffMaxMs)},
        {QStringLiteral("peerMaxFramesPerSecond"), n(peerMaxFramesPerSecond)},
        {QStringLiteral("peerInventoryRequestsPerMinute"), n(peerInventoryRequestsPerMinute)},
        {QStringLiteral("maxClockSkewSeconds"), n(maxClockSkewSeconds)},
        {QStringLiteral("reconcileFirstSeconds"), n(reconcileFirstSeconds)},
        {QStringLiteral("reconcileIntervalSeconds"), n(reconcileIntervalSeconds)},
        {QStringLiteral("reconcileTimeoutSeconds"), n(reconcileTimeoutSeconds)},
        {QStringLiteral("cloudIntervalSeconds"), n(cloudIntervalSeconds)},
        {QStringLiteral("cloudBatchSize"), n(cloudBatchSize)},
        {QStringLiteral("catalogPollSeconds"), n(catalogPollSeconds)},
        {QStringLiteral("cashApprovalLimit"), n(cashApprovalLimit)},
        {QStringLiteral("cloudParallelRequests"), n(cloudParallelRequests)},
        {QStringLiteral("cloudTimeoutSeconds"), n(cloudTimeoutSeconds)},
        {QStringLiteral("maxRetries"), n(maxRetries)},
        {QStringLiteral("cloudRetrySeconds"), n(cloudRetrySeconds)},
        {QStringLiteral("cloudPendingAfterSeconds"), n(cloudPendingAfterSeconds)},
        {QStringLiteral("cloudRelayAfterSeconds"), n(cloudRelayAfterSeconds)},
        {QStringLiteral("settingsFile"),
         sourceFile.isEmpty() ? QStringLiteral("(none)") : sourceFile},
    };
}
