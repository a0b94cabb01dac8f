#include "settingsmodel.h"

SettingsModel::SettingsModel(QObject *parent)
    : RowListModel({"key", "value"}, "key", parent)
{
}

void SettingsModel::setSettings(const QList<QPair<QString, QString>> &settings)
{
    QList<QVariantMap> rows;
    rows.reserve(settings.size());
    for (const auto &[key, value] : settings)
        rows.append({{QStringLiteral("key"), key}, {QStringLiteral("value"), value}});
    setRows(rows);
}
