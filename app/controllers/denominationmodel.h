#pragma once

#include "moneyformat.h"
#include "shiftstore.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The notes and coins of the store's currency with how many of each were counted: the float at
// the open and the drawer at the close. The total follows every count.
class DenominationModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by ShiftController")
    Q_PROPERTY(int count READ count NOTIFY layoutReset)
    Q_PROPERTY(QString total READ total NOTIFY totalChanged)
public:
    enum Role { CentsRole = Qt::UserRole + 1, LabelRole, CountRole, AmountRole };

    explicit DenominationModel(QObject *parent = nullptr)
        : QAbstractListModel(parent)
    {
    }

    // The currency's denominations, every count zero (none: the amount is typed instead).
    void setMoneyFormat(const MoneyFormat &money);
    // Every count back to zero.
    void clear();

    int count() const { return int(m_rows.size()); }
    qint64 totalCents() const;
    QString total() const { return m_money.format(totalCents()); }
    // The counted rows (a count of zero left out), as Shifts takes them.
    QList<DenominationCount> counts() const;

    // Sets one count (0 to 9999); false for a row or count out of range.
    Q_INVOKABLE bool setCount(int row, int count);
    Q_INVOKABLE bool increment(int row) { return setCount(row, countAt(row) + 1); }
    Q_INVOKABLE bool decrement(int row) { return setCount(row, countAt(row) - 1); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void totalChanged();
    void layoutReset();

private:
    int countAt(int row) const;
    struct Row
    {
        qint64 cents = 0;
        int count = 0;
    };
    MoneyFormat m_money;
    QList<Row> m_rows;
};
