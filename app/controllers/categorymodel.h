#pragma once

#include "catalogstore.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The catalog's categories, for the checkout's category bar.
class CategoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by CheckoutController")
public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole };

    explicit CategoryModel(QObject *parent = nullptr)
        : QAbstractListModel(parent)
    {
    }
    void setCategories(const QList<Category> &categories);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Category> m_categories;
};
