#include "denominationmodel.h"

#include "denominations.h"

namespace {
constexpr int kMaxCount = 9999;
}

void DenominationModel::setMoneyFormat(const MoneyFormat &money)
{
    const QList<qint64> values = Denominations::of(money.currency());
    bool same = values.size() == m_rows.size();
    for (qsizetype i = 0; same && i < values.size(); ++i)
        same = values.at(i) == m_rows.at(i).cents;
    m_money = money;
    if (same) {
        // Only the language changed: the counts stay, the labels and amounts read anew.
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {LabelRole, AmountRole});
        Q_EMIT totalChanged();
        return;
    }
    beginResetModel();
    m_rows.clear();
    for (qint64 cents : values)
        m_rows.append({cents, 0});
    endResetModel();
    Q_EMIT layoutReset();
    Q_EMIT totalChanged();
}

void DenominationModel::clear()
{
    for (int row = 0; row < m_rows.size(); ++row)
        setCount(row, 0);
}

qint64 DenominationModel::totalCents() const
{
    qint64 sum = 0;
    for (const Row &r : m_rows)
        sum += r.cents * r.count;
    return sum;
}

QList<DenominationCount> DenominationModel::counts() const
{
    QList<DenominationCount> out;
    for (const Row &r : m_rows)
        if (r.count > 0)
            out.append({r.cents, r.count});
    return out;
}

int DenominationModel::countAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).count : 0;
}

bool DenominationModel::setCount(int row, int count)
{
    if (row < 0 || row >= m_rows.size() || count < 0 || count > kMaxCount)
        return false;
    if (m_rows.at(row).count == count)
        return true;
    m_rows[row].count = count;
    Q_EMIT dataChanged(index(row), index(row), {CountRole, AmountRole});
    Q_EMIT totalChanged();
    return true;
}

int DenominationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DenominationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case CentsRole:
        return r.cents;
    case Qt::DisplayRole:
    case LabelRole:
        return m_money.format(r.cents);
    case CountRole:
        return r.count;
    case AmountRole:
        return m_money.format(r.cents * r.count);
    }
    return {};
}

QHash<int, QByteArray> DenominationModel::roleNames() const
{
    return {
        {CentsRole, "cents"}, {LabelRole, "label"}, {CountRole, "count"}, {AmountRole, "amount"}};
}
