#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QString>

// Writes compact JSON (RFC 8259) straight into UTF-8 bytes, for the hot path of a sale commit
// where building a QJsonObject and serializing it costs more than the SQL around it. Callers
// write well-formed structure (begin/end pairs, a key before each member value); strings are
// escaped here. Output parses with QJsonDocument to the object the same calls would describe.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 1024) { m_out.reserve(reserve); }

    JsonWriter &beginObject() { return open('{'); }
    JsonWriter &endObject() { return close('}'); }
    JsonWriter &beginArray() { return open('['); }
    JsonWriter &endArray() { return close(']'); }

    // Keys are ASCII identifiers chosen by the program, so they are written unescaped.
    JsonWriter &key(QLatin1String name);
    JsonWriter &value(const QString &text);
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(bool flag);
    JsonWriter &null();
    // Already serialized JSON (a stored payload), inserted as it is.
    JsonWriter &raw(const QByteArray &json);

    // Shorthands for a member: key then value.
    template <typename T> JsonWriter &member(QLatin1String name, const T &v)
    {
        key(name);
        return value(v);
    }

    const QByteArray &bytes() const { return m_out; }

private:
    JsonWriter &open(char c);
    JsonWriter &close(char c);
    void separate();
    void appendEscaped(const QString &text);

    QByteArray m_out;
    bool m_needComma = false;
    bool m_afterKey = false;
};
