#include "storekey.h"

#include "securechannel.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSet>

namespace StoreKey {
namespace {
bool isHex(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')))
            return false;
    }
    return true;
}

// Keys printed in docs/PROTOCOL.md and protocol/test-vectors: known to everyone.
const QStringList &publishedKeys()
{
    static const QStringList keys{
        QStringLiteral("f4b80b84dc921bbd066d96a2a79b6bc8703ff9b412617f012284c764f1d0d4da"),
        QStringLiteral("c58c0cc4e45aa2042a2f6a2de426acacc14ddc137e8937f3b3c64116341fee45"),
    };
    return keys;
}
} // namespace

QString weakness(const QString &text)
{
    if (!isHex(text) || text.isEmpty())
        return QStringLiteral("not hexadecimal digits (a passphrase can be guessed; a store key "
                              "is %1 to %2 hex digits of random bits)")
            .arg(MinHexDigits)
            .arg(MaxHexDigits);
    if (text.size() < MinHexDigits)
        return QStringLiteral("%1 hex digits, fewer than %2 (128 bits)")
            .arg(text.size())
            .arg(MinHexDigits);
    if (text.size() > MaxHexDigits)
        return QStringLiteral("%1 hex digits, more than %2").arg(text.size()).arg(MaxHexDigits);
    if (text.size() % 2 != 0)
        return QStringLiteral("an odd number of hex digits (%1)").arg(text.size());
    if (publishedKeys().contains(text.toLower()))
        return QStringLiteral("an example key published in the protocol documentation");
    const QByteArray b = QByteArray::fromHex(text.toLatin1());
    const qsizetype n = b.size();
    QSet<char> distinct;
    for (const char c : b)
        distinct.insert(c);
    if (distinct.size() < 8)
        return QStringLiteral("made of only %1 distinct byte values").arg(distinct.size());
    bool run = true;
    for (qsizetype i = 2; i < n && run; ++i)
        run = quint8(b[i] - b[i - 1]) == quint8(b[1] - b[0]);
    if (run)
        return QStringLiteral("a run of bytes with a constant step");
    for (qsizetype period = 1; period <= n / 2; ++period) {
        bool repeats = true;
        for (qsizetype i = period; i < n && repeats; ++i)
            repeats = b[i] == b[i - period];
        if (repeats)
            return QStringLiteral("a block of %1 bytes repeated").arg(period);
    }
    return {};
}

QString generate()
{
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()),
                                          raw.size() / int(sizeof(quint32)));
    const QString key = QString::fromLatin1(raw.toHex());
    raw.fill('\0');
    return key;
}

Status writeNewFile(const QString &path, const QString &key)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return Status::failure(
            f.exists() ? QStringLiteral("%1 exists already; a store key file is never "
                                        "overwritten")
                             .arg(path)
                       : QStringLiteral("cannot create %1: %2").arg(path, f.errorString()));
    const QByteArray line = key.toLatin1() + '\n';
    if (f.write(line) != line.size() || !f.flush())
        return Status::failure(QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

QString fingerprint(const QString &text)
{
    return QString::fromLatin1(SecureChannel::sha256(text.toUtf8()).toHex().left(8));
}
} // namespace StoreKey
