#include "moneyformat.h"

#include <QHash>
#include <QStringList>

#include <algorithm>

namespace {
// ISO 4217's active currencies by the digits of their minor unit (the List One of 2024; funds
// and precious metals without a minor unit, XAU or XXX, are left out on purpose).
const char *const kTwoDigits =
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP "
    "BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD "
    "FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD "
    "KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD "
    "NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP "
    "SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED "
    "VES WST XCD XCG YER ZAR ZMW ZWG";
const char *const kZeroDigits =
    "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const char *const kThreeDigits = "BHD IQD JOD KWD LYD OMR TND";
const char *const kFourDigits = "CLF UYW";

const QHash<QString, int> &minorDigitsTable()
{
    static const QHash<QString, int> table = [] {
        QHash<QString, int> t;
        const std::pair<const char *, int> lists[] = {
            {kTwoDigits, 2}, {kZeroDigits, 0}, {kThreeDigits, 3}, {kFourDigits, 4}};
        for (const auto &[codes, digits] : lists)
            for (const QString &code :
                 QString::fromLatin1(codes).split(QLatin1Char(' '), Qt::SkipEmptyParts))
                t.insert(code, digits);
        return t;
    }();
    return table;
}

// Signs that read the same in English, Spanish and French, for a currency that is not the
// locale's own (CLDR's English symbols where they are not just the code).
const QHash<QString, QString> &symbolTable()
{
    static const QHash<QString, QString> table = {
        {QStringLiteral("USD"), QStringLiteral("$")},
        {QStringLiteral("EUR"), QStringLiteral("\u20ac")},
        {QStringLiteral("GBP"), QStringLiteral("\u00a3")},
        {QStringLiteral("JPY"), QStringLiteral("\u00a5")},
        {QStringLiteral("INR"), QStringLiteral("\u20b9")},
        {QStringLiteral("KRW"), QStringLiteral("\u20a9")},
        {QStringLiteral("ILS"), QStringLiteral("\u20aa")},
        {QStringLiteral("VND"), QStringLiteral("\u20ab")},
        {QStringLiteral("NGN"), QStringLiteral("\u20a6")},
        {QStringLiteral("PHP"), QStringLiteral("\u20b1")},
        {QStringLiteral("CAD"), QStringLiteral("CA$")},
        {QStringLiteral("AUD"), QStringLiteral("A$")},
        {QStringLiteral("NZD"), QStringLiteral("NZ$")},
        {QStringLiteral("HKD"), QStringLiteral("HK$")},
        {QStringLiteral("MXN"), QStringLiteral("MX$")},
        {QStringLiteral("BRL"), QStringLiteral("R$")},
        {QStringLiteral("TWD"), QStringLiteral("NT$")},
        {QStringLiteral("CNY"), QStringLiteral("CN\u00a5")},
        {QStringLiteral("XAF"), QStringLiteral("FCFA")},
        {QStringLiteral("XOF"), QStringLiteral("F\u00a0CFA")},
    };
    return table;
}

quint64 magnitudeOf(qint64 v)
{
    // Unsigned negation: well defined for the smallest qint64 too.
    return v < 0 ? 0 - quint64(v) : quint64(v);
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}
} // namespace

MoneyFormat::MoneyFormat()
    : MoneyFormat(QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral("USD"), 2)
{
}

MoneyFormat::MoneyFormat(const QLocale &locale, const QString &currency, int minorDigits)
    : m_locale(locale)
    , m_currency(currency)
    , m_minorDigits(minorDigits)
    , m_symbol(symbolOf(currency, locale))
{
}

Result<MoneyFormat> MoneyFormat::of(const QLocale &locale, const QString &currency)
{
    const bool shaped =
        currency.size() == 3 && std::all_of(currency.begin(), currency.end(), [](QChar c) {
            return c >= QLatin1Char('A') && c <= QLatin1Char('Z');
        });
    if (!shaped)
        return Result<MoneyFormat>::failure(
            QStringLiteral("expected an ISO 4217 currency code of 3 upper-case letters, such as "
                           "USD, EUR, JPY or KWD"));
    const auto digits = minorDigitsOf(currency);
    if (!digits)
        return Result<MoneyFormat>::failure(
            QStringLiteral("not an ISO 4217 currency whose minor unit the lane knows (such as "
                           "USD, EUR, JPY or KWD)"));
    return MoneyFormat(locale, currency, *digits);
}

std::optional<int> MoneyFormat::minorDigitsOf(const QString &currency)
{
    const auto it = minorDigitsTable().constFind(currency);
    if (it == minorDigitsTable().constEnd())
        return std::nullopt;
    return *it;
}

QString MoneyFormat::symbolOf(const QString &currency, const QLocale &locale)
{
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == currency) {
        const QString own = locale.currencySymbol(QLocale::CurrencySymbol);
        if (!own.isEmpty())
            return own;
    }
    return symbolTable().value(currency, currency);
}

MoneyFormat MoneyFormat::withLocale(const QLocale &locale) const
{
    return MoneyFormat(locale, m_currency, m_minorDigits);
}

qint64 MoneyFormat::scale() const
{
    qint64 s = 1;
    for (int i = 0; i < m_minorDigits; ++i)
        s *= 10;
    return s;
}

QString MoneyFormat::numberOf(quint64 magnitude) const
{
    const quint64 s = quint64(scale());
    QString text = groupedInteger(magnitude / s);
    if (m_minorDigits > 0)
        text += m_locale.decimalPoint() +
                QStringLiteral("%1").arg(magnitude % s, m_minorDigits, 10, QLatin1Char('0'));
    return text;
}

QString MoneyFormat::groupedInteger(quint64 magnitude) const
{
    QString digits = QString::number(magnitude);
    // Groups of three, as English, Spanish and French write them. Built here rather than by
    // QLocale::toString: Qt 6.4 puts a single separator in a Spanish number of 7 digits or more
    // ("1234.567"). A locale that leaves 4-digit numbers whole (Spanish: "1234", "12.345")
    // says so in how it writes 1234.
    const QString group = m_locale.groupSeparator();
    const bool minimumTwo = !m_locale.toString(1234).contains(group);
    if (group.isEmpty() || digits.size() <= 3 || (minimumTwo && digits.size() == 4))
        return digits;
    for (qsizetype at = digits.size() - 3; at > 0; at -= 3)
        digits.insert(at, group);
    return digits;
}

QString MoneyFormat::formatNumber(qint64 minor) const
{
    const QString text = numberOf(magnitudeOf(minor));
    return minor < 0 ? m_locale.negativeSign() + text : text;
}

QString MoneyFormat::format(qint64 minor) const
{
    // The locale's currency pattern (symbol before or after, its spacing, a sign or
    // parentheses), taken from how it writes one unit, with the exact number put in its place:
    // no detour through a double.
    QString pattern = m_locale.toCurrencyString(minor < 0 ? -1.0 : 1.0, m_symbol, 0);
    const QString one = m_locale.toString(1);
    const qsizetype at = pattern.indexOf(one);
    QString number = numberOf(magnitudeOf(minor));
    if (at < 0)
        return (minor < 0 ? m_locale.negativeSign() : QString()) + m_symbol + QChar(0x00a0) +
               number;
    // CLDR's currency spacing: a symbol ending or starting with a letter ("KWD") stands apart
    // from the digits; Qt 6.4 writes "KWD12.500".
    if (at > 0 && pattern.at(at - 1).isLetter())
        number.prepend(QChar(0x00a0));
    if (at + one.size() < pattern.size() && pattern.at(at + one.size()).isLetter())
        number.append(QChar(0x00a0));
    return pattern.replace(at, one.size(), number);
}

QString MoneyFormat::plain(qint64 minor) const
{
    const quint64 magnitude = magnitudeOf(minor);
    const quint64 s = quint64(scale());
    QString text = QString::number(magnitude / s);
    if (m_minorDigits > 0)
        text += QLatin1Char('.') +
                QStringLiteral("%1").arg(magnitude % s, m_minorDigits, 10, QLatin1Char('0'));
    return (minor < 0 ? QStringLiteral("-") : QString()) + text + QLatin1Char(' ') + m_currency;
}

Result<qint64> MoneyFormat::parse(const QString &input) const
{
    using R = Result<qint64>;
    const QString shown = input.trimmed().left(24);
    // 12.50 in the currency's minor unit: "12.50", "12,500", "1250" (yen).
    const qint64 example = m_minorDigits == 0 ? 1250 : 125 * (scale() / 10);
    auto notAnAmount = [&] {
        return R::failure(
            tr("\"%1\" is not an amount; type it like %2.").arg(shown, formatNumber(example)));
    };
    QString t = input.trimmed();
    if (t.isEmpty() || t.size() > 40)
        return notAnAmount();

    bool negative = false;
    if (t.startsWith(QLatin1Char('(')) && t.endsWith(QLatin1Char(')'))) {
        negative = true;
        t = t.mid(1).chopped(1).trimmed();
    }
    auto takeSign = [&] {
        for (const QString &sign :
             {QStringLiteral("-"), QStringLiteral("\u2212"), m_locale.negativeSign()}) {
            if (!sign.isEmpty() && t.startsWith(sign)) {
                t = t.mid(sign.size()).trimmed();
                return true;
            }
        }
        return false;
    };
    auto takeSymbol = [&] {
        for (const QString &s : {m_symbol, m_currency}) {
            if (t.startsWith(s, Qt::CaseInsensitive)) {
                t = t.mid(s.size()).trimmed();
                return;
            }
            if (t.endsWith(s, Qt::CaseInsensitive)) {
                t = t.chopped(s.size()).trimmed();
                return;
            }
        }
    };
    // "-$5", "$-5", "-5 €", "(5 €)".
    if (takeSign()) {
        if (negative)
            return notAnAmount();
        negative = true;
    }
    takeSymbol();
    if (takeSign()) {
        if (negative)
            return notAnAmount();
        negative = true;
    }

    // Digit runs and the single separators between them; every kind of space is one kind.
    const QChar decimal =
        m_locale.decimalPoint().size() == 1 ? m_locale.decimalPoint().at(0) : QLatin1Char('.');
    QChar group =
        m_locale.groupSeparator().size() == 1 ? m_locale.groupSeparator().at(0) : QLatin1Char(' ');
    if (group.isSpace())
        group = QLatin1Char(' ');
    if (t.startsWith(QLatin1Char('.')) || t.startsWith(decimal))
        t.prepend(QLatin1Char('0')); // ".50"
    QStringList runs;
    QList<QChar> seps;
    QString run;
    for (QChar c : std::as_const(t)) {
        if (isAsciiDigit(c)) {
            run += c;
            continue;
        }
        const QChar sep = c.isSpace() ? QLatin1Char(' ') : c;
        const bool separator = sep == QLatin1Char('.') || sep == QLatin1Char(',') ||
                               sep == QLatin1Char(' ') || sep == decimal || sep == group;
        if (!separator || run.isEmpty())
            return notAnAmount();
        runs.append(run);
        run.clear();
        seps.append(sep);
    }
    if (run.isEmpty())
        return notAnAmount();
    runs.append(run);

    auto isGroup = [&](QChar c) { return c == QLatin1Char(' ') || c == group; };
    // runs[0, count) joined by seps[0, count - 1) form a whole number with thousands separators.
    auto grouped = [&](qsizetype count, QChar notThis) {
        if (count == 1)
            return true;
        if (runs.at(0).size() > 3)
            return false;
        for (qsizetype i = 0; i + 1 < count; ++i)
            if (!isGroup(seps.at(i)) || seps.at(i) != seps.at(0) || seps.at(i) == notThis ||
                runs.at(i + 1).size() != 3)
                return false;
        return true;
    };
    const qsizetype n = runs.size();
    // Read with the last separator as the decimal one, and with every separator a thousands one.
    const bool asDecimal = n > 1 && (seps.last() == decimal || seps.last() == QLatin1Char('.')) &&
                           runs.last().size() <= m_minorDigits && grouped(n - 1, seps.last());
    const bool asWhole = n > 1 && grouped(n, QChar());
    if (n > 1 && !asDecimal && !asWhole)
        return notAnAmount();

    auto value = [&](bool withDecimals) -> std::optional<qint64> {
        const qsizetype wholeRuns = withDecimals ? n - 1 : n;
        QString digits;
        for (qsizetype i = 0; i < wholeRuns; ++i)
            digits += runs.at(i);
        while (digits.size() > 1 && digits.startsWith(QLatin1Char('0')))
            digits.remove(0, 1);
        if (digits.size() > 7 || digits.toLongLong() > kMaxTypedMajor)
            return std::nullopt;
        qint64 minor = digits.toLongLong() * scale();
        if (withDecimals) {
            const QString frac = runs.last().leftJustified(m_minorDigits, QLatin1Char('0'));
            minor += frac.toLongLong();
        }
        return negative ? -minor : minor;
    };
    auto tooLarge = [&] {
        return R::failure(tr("\"%1\" is more than %2.")
                              .arg(shown, format(kMaxTypedMajor * scale() + scale() - 1)));
    };
    if (asDecimal && asWhole) {
        const auto a = value(true);
        const auto b = value(false);
        if (!a || !b)
            return tooLarge();
        return R::failure(tr("\"%1\" can be read two ways: type %2 or %3.")
                              .arg(shown, formatNumber(*a), formatNumber(*b)));
    }
    const auto v = value(asDecimal);
    if (!v)
        return tooLarge();
    return *v;
}
