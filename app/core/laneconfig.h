#pragma once

#include "cloudauth.h"
#include "database.h"

#include <optional>

#include <QString>
#include <QStringList>

// The lane's settings after merging defaults, file, environment and flags.
struct LaneConfig
{
    QString terminalId = QStringLiteral("L1");
    int terminalPort = 8123;
    QStringList peerTerminals;
    QString supabaseUrl;
    QString supabaseServiceKey;  // secret: never printed; used only with cloudUseServiceKey
    QString cloudCredential;     // secret: this lane's own credential for the cloud, never printed
    QString cloudCredentialFile; // where cloudCredential came from, if a file
    bool cloudUseServiceKey = false; // the seed's way: every lane with the service-role key
    QString dataDir;                 // empty: the user's data directory
    Database::Synchronous sqliteSynchronous = Database::Synchronous::Full;
    int sessionIdleSeconds = 300;
    QStringList storeKeys;      // secret: never printed; the preferred (newest) first
    QString storeKeyFile;       // where storeKeys came from, if a file
    QStringList plaintextPeers; // peer URLs and terminal ids served without encryption
    QString bindAddress = QStringLiteral("0.0.0.0");
    int listenFd = -1; // an inherited listening socket to serve peers on instead of binding
    int peerBackoffInitialMs = 1000;
    int peerBackoffMaxMs = 60000;
    int peerMaxFramesPerSecond = 50000;
    int peerInventoryRequestsPerMinute = 6;
    int maxClockSkewSeconds = 300;
    int reconcileFirstSeconds = 30;
    int reconcileIntervalSeconds = 600;
    int reconcileTimeoutSeconds = 10;
    QString storeId = QStringLiteral("store-1");
    int cloudIntervalSeconds = 30;
    int cloudBatchSize = 200;
    int catalogPollSeconds = 300; // head office's catalog changes; 0: at start only
    // Paid in or out above this (minor units) needs a manager's PIN.
    int cashApprovalLimit = 5000;
    int cloudTimeoutSeconds = 20;
    int maxRetries = 3;
    int cloudRetrySeconds = 60;
    int cloudPendingAfterSeconds = 60;
    int cloudRelayAfterSeconds = 3600;
    int cloudParallelRequests = 4;
    // The store's currency (ISO 4217): every amount is an integer in its minor unit.
    QString currency = QStringLiteral("USD");
    // The receipt printer (PrinterLink::parse); empty: none, receipts as PDF only.
    QString printer;
    int printerColumns = 48;
    int printerRetrySeconds = 10;

    QString sourceFile; // the settings file that was read, if any

    // How this lane proves itself to the cloud: with cloudUseServiceKey the service key, else its
    // own credential; none when that secret is not set.
    std::optional<CloudAuth::Mode> cloudAuth() const;
    // "lane credential", "service key" or "none", as --health and the settings show it.
    QString cloudAuthName() const;
    // The secret that goes with cloudAuth().
    QString cloudSecret() const;
    // Cloud sync runs when supabaseUrl is set and the secret of the mode in use is there.
    bool cloudEnabled() const { return !supabaseUrl.isEmpty() && cloudAuth().has_value(); }
    QString effectiveDataDir() const;
    QString databasePath() const;
    // Where a running lane writes the port its peer server is bound to (terminalPort 0 binds
    // any free port): <dataDir>/lane-<terminalId>.port.
    QString portFilePath() const;

    // Every setting as (key, value) for display, in the README's order; secrets are shown only
    // as set or not set.
    QList<QPair<QString, QString>> describe() const;
    // The store keys as describe() shows them: how many, and their fingerprints, never a key.
    QString storeKeysLine() const;
};
