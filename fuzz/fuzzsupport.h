#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

// What every fuzz target shares: the Qt application the libraries expect, silent logging, and a
// check that turns a broken invariant into a crash libFuzzer records.
namespace FuzzSupport {
// Once per process, from LLVMFuzzerInitialize: a QCoreApplication and a message handler that
// drops every log line (the lines are still formatted, so their code runs too).
void init(int *argc, char ***argv);

// A copy of the input, null-terminated like the QByteArray a WebSocket text frame or a file
// read gives the lane.
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// An invariant the code promises: its failure is a finding like a sanitizer report.
[[noreturn]] void fail(const char *what, const char *file, int line);
} // namespace FuzzSupport

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            FuzzSupport::fail(#cond, __FILE__, __LINE__);                                          \
    } while (false)
