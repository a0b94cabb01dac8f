#include "rowlistmodel.h"

#include <QSet>

RowListModel::RowListModel(QByteArrayList roles, QByteArray key, QObject *parent)
    : QAbstractListModel(parent)
    , m_roles(std::move(roles))
    , m_key(QString::fromUtf8(key))
{
    Q_ASSERT(m_roles.contains(key));
}

int RowListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RowListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int at = role - (Qt::UserRole + 1);
    if (at < 0 || at >= m_roles.size())
        return {};
    return m_rows.at(index.row()).value(QString::fromUtf8(m_roles.at(at)));
}

QHash<int, QByteArray> RowListModel::roleNames() const
{
    QHash<int, QByteArray> names;
    for (int i = 0; i < m_roles.size(); ++i)
        names.insert(Qt::UserRole + 1 + i, m_roles.at(i));
    return names;
}

QVariantMap RowListModel::get(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QVariantMap();
}

int RowListModel::indexOfKey(const QVariant &key) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).value(m_key) == key)
            return i;
    return -1;
}

QVariantMap RowListModel::normalized(const QVariantMap &row) const
{
    QVariantMap out;
    for (const QByteArray &role : m_roles) {
        const QString name = QString::fromUtf8(role);
        out.insert(name, row.value(name));
    }
    return out;
}

void RowListModel::setRows(const QVariantList &rows)
{
    QList<QVariantMap> maps;
    maps.reserve(rows.size());
    for (const QVariant &row : rows)
        maps.append(row.toMap());
    setRows(maps);
}

void RowListModel::setRows(const QList<QVariantMap> &incoming)
{
    QList<QVariantMap> rows;
    rows.reserve(incoming.size());
    QSet<QString> newKeys;
    bool uniqueKeys = true;
    for (const QVariantMap &row : incoming) {
        rows.append(normalized(row));
        const QString key = rows.last().value(m_key).toString();
        uniqueKeys = uniqueKeys && !newKeys.contains(key);
        newKeys.insert(key);
    }
    if (rows == m_rows)
        return;
    const int countBefore = count();

    // Keys must tell rows apart; else a reset.
    QSet<QString> oldKeys;
    for (const QVariantMap &row : std::as_const(m_rows))
        oldKeys.insert(row.value(m_key).toString());
    if (!uniqueKeys || oldKeys.size() != m_rows.size()) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        if (count() != countBefore)
            Q_EMIT countChanged();
        return;
    }

    // Removals, last first, in contiguous runs.
    for (int i = int(m_rows.size()) - 1; i >= 0;) {
        if (newKeys.contains(m_rows.at(i).value(m_key).toString())) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !newKeys.contains(m_rows.at(first - 1).value(m_key).toString()))
            --first;
        beginRemoveRows({}, first, i);
        m_rows.remove(first, i - first + 1);
        endRemoveRows();
        i = first - 1;
    }
    // Rows that stay and changed places are moved one by one into the new order (a view keeps
    // its current item across a move).
    QStringList stayingNew;
    for (const QVariantMap &row : std::as_const(rows)) {
        const QString key = row.value(m_key).toString();
        if (oldKeys.contains(key))
            stayingNew.append(key);
    }
    for (int i = 0; i < stayingNew.size(); ++i) {
        int from = i;
        while (m_rows.at(from).value(m_key).toString() != stayingNew.at(i))
            ++from;
        if (from == i)
            continue;
        beginMoveRows({}, from, from, {}, i);
        m_rows.move(from, i);
        endMoveRows();
    }
    // Now m_rows holds the staying rows in the new order: insert the new ones where they go,
    // and report the roles that changed in the others.
    for (int i = 0; i < rows.size();) {
        const QString key = rows.at(i).value(m_key).toString();
        if (!oldKeys.contains(key)) {
            int last = i;
            while (last + 1 < rows.size() &&
                   !oldKeys.contains(rows.at(last + 1).value(m_key).toString()))
                ++last;
            beginInsertRows({}, i, last);
            for (int j = i; j <= last; ++j)
                m_rows.insert(j, rows.at(j));
            endInsertRows();
            i = last + 1;
            continue;
        }
        if (m_rows.at(i) != rows.at(i)) {
            QList<int> changed;
            for (int r = 0; r < m_roles.size(); ++r) {
                const QString name = QString::fromUtf8(m_roles.at(r));
                if (m_rows.at(i).value(name) != rows.at(i).value(name))
                    changed.append(Qt::UserRole + 1 + r);
            }
            m_rows[i] = rows.at(i);
            const QModelIndex at = index(i);
            Q_EMIT dataChanged(at, at, changed);
        }
        ++i;
    }
    if (count() != countBefore)
        Q_EMIT countChanged();
}
