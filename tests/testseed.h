#pragma once

#include <QRandomGenerator>

// The seed of everything random in a test process: EUPHORIA_TEST_SEED when it is set, else a
// fresh one. Printed on first use, with the line that replays the run.
quint32 testSeed();
// A generator seeded with testSeed(); every random choice of a test comes from it.
QRandomGenerator &testRandom();
