#include "cloudauth.h"

#include <QRegularExpression>

namespace CloudAuth {
bool isCredential(QStringView text)
{
    // Anchored with \z: a $ would let a trailing newline through.
    static const QRegularExpression form(QRegularExpression::anchoredPattern(
        QStringLiteral("elc1\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\."
                       "[A-Za-z0-9_-]{43}")));
    return form.match(text).hasMatch();
}

QString modeName(Mode mode)
{
    return mode == Mode::ServiceKey ? QStringLiteral("service key")
                                    : QStringLiteral("lane credential");
}
} // namespace CloudAuth
