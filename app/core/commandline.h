#pragma once

#include "configloader.h"
#include "result.h"

#include <QSize>
#include <QString>
#include <QStringList>

// What the lane was asked to do on its command line; parsed before any Q*Application exists
// so the lane can choose between a windowed and a headless application.
struct CommandLine
{
    ConfigLoader::Sources config;
    bool help = false;
    bool version = false;
    bool headless = false;
    bool selfTest = false;
    QString screenshotDir;
    QString uiScript;
    QSize windowSize; // invalid: the window's own (1280x800)
    bool fullScreen = false;
    qint64 ringSales = -1; // -1: not asked
    double rate = 0;       // sales per second; 0 = as fast as possible
    quint32 seed = 0;
    QString importCatalog;
    QList<QPair<QString, qint64>> counts; // --count SKU=QTY: stock takes (SKU or barcode)
    bool importReplace = false;
    int statusIntervalSeconds = 5;
    bool health = false;
    QString backupFile; // --backup FILE
    bool newStoreKey = false;
    QString newStoreKeyFile; // with newStoreKey: write it here (mode 0600) instead of printing
    int healthMaxOfflineSeconds = 120;

    [[nodiscard]] static Result<CommandLine> parse(const QStringList &arguments);
    static QString helpText();
};
