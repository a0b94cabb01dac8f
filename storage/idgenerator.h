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

// Random (version 4) UUIDs from the system's secure source.
class RandomIdGenerator final : public IdGenerator
{
public:
    QUuid next() override { return QUuid::createUuid(); }
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
