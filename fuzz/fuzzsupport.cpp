#include "fuzzsupport.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

namespace FuzzSupport {
namespace {
void dropMessage(QtMsgType, const QMessageLogContext &, const QString &) {}
} // namespace

void init(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    qInstallMessageHandler(dropMessage);
    // Debug lines are off by default; turn them on so their formatting is exercised as well.
    QLoggingCategory::setFilterRules(QStringLiteral("lane.*=true"));
}

void fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    abort();
}
} // namespace FuzzSupport
