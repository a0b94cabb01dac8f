#include "customers.h"

#include "clock.h"
#include "corelog.h"
#include "database.h"
#include "idgenerator.h"
#include "outbox.h"
#include "topics.h"
#include "writetransaction.h"

#include <QJsonObject>
#include <QRegularExpression>

Customers::Customers(Database &db, Outbox &outbox, Clock &clock, IdGenerator &ids)
    : m_db(db)
    , m_store(db)
    , m_outbox(outbox)
    , m_clock(clock)
    , m_ids(ids)
{
}

QString Customers::normalizePhone(const QString &phone)
{
    static const QRegularExpression allowed(QStringLiteral("^\\+?[0-9 ().\\-/]+$"));
    const QString trimmed = phone.trimmed();
    if (!allowed.match(trimmed).hasMatch())
        return {};
    QString out;
    for (const QChar c : trimmed)
        if (c.isDigit() || (c == QLatin1Char('+') && out.isEmpty()))
            out.append(c);
    const qsizetype digits = out.size() - (out.startsWith(QLatin1Char('+')) ? 1 : 0);
    return digits >= 7 && digits <= 15 ? out : QString();
}

Result<QList<Customer>> Customers::find(const QString &text, int limit)
{
    const QString query = text.simplified().left(100);
    QString digits;
    for (const QChar c : query)
        if (c.isDigit())
            digits.append(c);
    static const QRegularExpression phoneLike(QStringLiteral("^[+0-9 ().\\-/]+$"));
    const bool byPhone = digits.size() >= 3 && phoneLike.match(query).hasMatch();
    if (!byPhone && query.size() < 2)
        return QList<Customer>();
    const int count = qBound(1, limit, 100);
    return byPhone ? m_store.byPhone(digits, count) : m_store.byName(query, count);
}

Result<Customer> Customers::create(const QString &name, const QString &phone, const QString &email)
{
    using R = Result<Customer>;
    Customer c;
    c.name = name.simplified();
    if (c.name.isEmpty() || c.name.size() > 200)
        return R::failure(tr("Enter the customer's name (up to 200 characters)."));
    if (!phone.trimmed().isEmpty()) {
        c.phone = normalizePhone(phone);
        if (c.phone.isEmpty())
            return R::failure(tr("A phone number has 7 to 15 digits."));
    }
    c.email = email.trimmed();
    static const QRegularExpression mail(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!c.email.isEmpty() && (c.email.size() > 200 || !mail.match(c.email).hasMatch()))
        return R::failure(tr("That e-mail address does not look right."));
    if (c.phone.isEmpty() && c.email.isEmpty())
        return R::failure(tr("Enter a phone number or an e-mail address to find the customer "
                             "again."));

    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    if (!c.phone.isEmpty()) {
        auto other = m_store.nameWithPhone(c.phone);
        if (!other)
            return R::failure(other.error());
        if (*other)
            return R::failure(tr("%1 already has this phone number.").arg(**other));
    }
    c.id = m_ids.nextString();
    const QString now = m_clock.nowIso();
    if (Status s = m_store.insert(c, now, now); !s)
        return R::failure(s.error());
    QJsonObject payload{{QStringLiteral("id"), c.id},
                        {QStringLiteral("name"), c.name},
                        {QStringLiteral("createdAt"), now},
                        {QStringLiteral("updatedAt"), now}};
    if (!c.phone.isEmpty())
        payload.insert(QStringLiteral("phone"), c.phone);
    if (!c.email.isEmpty())
        payload.insert(QStringLiteral("email"), c.email);
    if (auto m = m_outbox.publish(QString(Topics::Customer), payload); !m)
        return R::failure(m.error());
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    qCInfo(lcApp) << "customer" << c.id << "created";
    return c;
}
