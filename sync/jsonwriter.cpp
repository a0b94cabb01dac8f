#include "jsonwriter.h"

namespace {
constexpr char kHex[] = "0123456789abcdef";
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_needComma)
        m_out.append(',');
}

JsonWriter &JsonWriter::open(char c)
{
    separate();
    m_out.append(c);
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::close(char c)
{
    m_out.append(c);
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::key(QLatin1String name)
{
    separate();
    m_out.append('"').append(name.data(), name.size()).append("\":");
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(const QString &text)
{
    separate();
    appendEscaped(text);
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    separate();
    m_out.append(QByteArray::number(number));
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    separate();
    m_out.append(flag ? "true" : "false");
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::null()
{
    separate();
    m_out.append("null");
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::raw(const QByteArray &json)
{
    separate();
    m_out.append(json);
    m_needComma = true;
    return *this;
}

void JsonWriter::appendEscaped(const QString &text)
{
    const QByteArray utf8 = text.toUtf8(); // lone surrogates become U+FFFD, as in QJsonDocument
    m_out.append('"');
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            m_out.append("\\\"");
            break;
        case '\\':
            m_out.append("\\\\");
            break;
        case '\b':
            m_out.append("\\b");
            break;
        case '\f':
            m_out.append("\\f");
            break;
        case '\n':
            m_out.append("\\n");
            break;
        case '\r':
            m_out.append("\\r");
            break;
        case '\t':
            m_out.append("\\t");
            break;
        default:
            if (c < 0x20) {
                const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
                m_out.append(escape, sizeof escape);
            } else {
                m_out.append(ch);
            }
        }
    }
    m_out.append('"');
}
