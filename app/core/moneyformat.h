#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include <optional>

// How the store's amounts read and are typed in one language: a locale (the UI language's), an
// ISO 4217 currency and its minor unit. Amounts are integers in the currency's minor unit
// (cents; yen for JPY; fils, a thousandth, for KWD).
class MoneyFormat
{
    Q_DECLARE_TR_FUNCTIONS(MoneyFormat)

public:
    // The largest amount a cashier can type, in major units (9 999 999.99 in a 2-digit currency).
    static constexpr qint64 kMaxTypedMajor = 9999999;

    // English (United States) with US dollars.
    MoneyFormat();
    // A failure names the problem when the code is not 3 upper-case letters or not a currency
    // whose minor unit ISO 4217 gives (XAU, XXX and unknown codes).
    [[nodiscard]] static Result<MoneyFormat> of(const QLocale &locale, const QString &currency);
    // The digits of the currency's minor unit (2 for USD, 0 for JPY, 3 for KWD); nullopt for a
    // code ISO 4217 does not list with one.
    static std::optional<int> minorDigitsOf(const QString &currency);
    // The symbol shown in this locale: the locale's own for its own currency, a well-known sign
    // ($, €, £, ¥ ...), else the code itself.
    static QString symbolOf(const QString &currency, const QLocale &locale);

    // The same currency in another language.
    MoneyFormat withLocale(const QLocale &locale) const;

    const QLocale &locale() const { return m_locale; }
    const QString &currency() const { return m_currency; }
    int minorDigits() const { return m_minorDigits; }
    const QString &symbol() const { return m_symbol; }

    // "$1,234.50", "1234,50 €", "1 234,50 €", "¥1,250", "KWD 12.500"; negative amounts as the
    // locale's currency format has them ("($12.50)", "-12,50 €", "(12,50 €)").
    QString format(qint64 minor) const;
    // The number alone, as a cashier would type it: "12.50", "1.234,50", "1 250".
    QString formatNumber(qint64 minor) const;
    // Independent of the language, for logs and command-line output: "-1234.50 EUR".
    QString plain(qint64 minor) const;
    // What a cashier types or the UI showed: digits with the locale's decimal separator or a
    // plain '.', thousands separators (the locale's, or spaces) where that cannot be read
    // another way, optionally the symbol or code, a sign or parentheses. At most
    // kMaxTypedMajor. The error says what is wrong and shows how to type it.
    [[nodiscard]] Result<qint64> parse(const QString &text) const;

    bool operator==(const MoneyFormat &other) const
    {
        return m_locale == other.m_locale && m_currency == other.m_currency;
    }
    bool operator!=(const MoneyFormat &other) const { return !(*this == other); }

private:
    MoneyFormat(const QLocale &locale, const QString &currency, int minorDigits);
    QString numberOf(quint64 magnitude) const;
    QString groupedInteger(quint64 magnitude) const;
    qint64 scale() const;

    QLocale m_locale;
    QString m_currency;
    int m_minorDigits = 2;
    QString m_symbol;
};
