#pragma once

#include "rowlistmodel.h"

#include <QPair>

// The lane's settings as LaneConfig::describe() shows them (secrets masked), read only.
class SettingsModel : public RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by AdminController")
public:
    explicit SettingsModel(QObject *parent = nullptr);

    void setSettings(const QList<QPair<QString, QString>> &settings);
};
