#pragma once

#include <QAbstractListModel>
#include <QByteArrayList>
#include <QList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

// The base of the admin screen's list models: rows of named values (the role names are the keys
// the QML delegates read), each row known by its key role, replaced as a whole and applied in
// place: rows that left are removed, new ones inserted, changed ones reported with the roles
// that changed, rows that changed places moved, so views keep their scroll position, current
// item, delegates and typed text. A reset happens only when keys are not unique.
class RowListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    // roles: the role names, in order; key: the one that tells rows apart (unique per row).
    RowListModel(QByteArrayList roles, QByteArray key, QObject *parent = nullptr);

    int count() const { return int(m_rows.size()); }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Every role of one row (an empty map past the end), for QML and tests.
    Q_INVOKABLE QVariantMap get(int row) const;
    // The row whose key is key, or -1.
    Q_INVOKABLE int indexOfKey(const QVariant &key) const;
    const QList<QVariantMap> &rows() const { return m_rows; }

    // Replaces the rows (keys as in roles; others are ignored, missing ones read as empty).
    void setRows(const QList<QVariantMap> &rows);
    void setRows(const QVariantList &rows);

Q_SIGNALS:
    void countChanged();

private:
    QVariantMap normalized(const QVariantMap &row) const;
    QByteArrayList m_roles;
    QString m_key;
    QList<QVariantMap> m_rows;
};
