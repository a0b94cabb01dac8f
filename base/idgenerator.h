#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QUuid>

// Source of UUIDs for every id the lane creates; seedable so tests and simulations can replay.
class IdGenerator
{
public:
    virtual ~IdGenerator() = default;
    virtual QUuid next() = 0;
    QString nextString() { return next().toString(QUuid::WithoutBraces); }

    static IdGenerator &system();
    static bool isUuid(const QString &s);
};

// Time-ordered (version 7, RFC 9562) UUIDs: 48 bits of Unix milliseconds, then 74 random bits
// from the system's secure source. Ids made later sort later, so every index keyed by an id
// (sales, messages, the inbox, the stock ledger; the cloud's tables too) grows at its end
// instead of dirtying a random page per row: a lane's database and its WAL stay small and
// warm as they grow. Any UUID stays valid on the wire; older (version 4) ids mix freely.
class RandomIdGenerator final : public IdGenerator
{
public:
    QUuid next() override;
};

// Version 4 UUIDs from a seeded generator: the same seed gives the same ids.
class SeededIdGenerator final : public IdGenerator
{
public:
    explicit SeededIdGenerator(quint32 seed)
        : m_rng(seed)
    {
    }
    QUuid next() override;

private:
    QRandomGenerator m_rng;
};
