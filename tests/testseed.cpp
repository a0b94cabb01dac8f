#include "testseed.h"

#include <QCoreApplication>
#include <QtGlobal>

#include <cstdio>

quint32 testSeed()
{
    static const quint32 seed = [] {
        bool ok = false;
        const quint32 given = qEnvironmentVariable("EUPHORIA_TEST_SEED").toUInt(&ok);
        const quint32 s = ok ? given : QRandomGenerator::system()->generate();
        std::fprintf(stderr, "test seed %u (replay: EUPHORIA_TEST_SEED=%u %s)\n", s, s,
                     qPrintable(QCoreApplication::applicationFilePath()));
        return s;
    }();
    return seed;
}

QRandomGenerator &testRandom()
{
    static QRandomGenerator rng(testSeed());
    return rng;
}
