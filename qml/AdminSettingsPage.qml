import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's settings page: the lane's settings, read only, secrets masked.
ColumnLayout {
    spacing: Theme.spacing
    Text {
        Layout.fillWidth: true
        text: qsTr("Read only: change them in the settings file, the environment or on the command line, then restart the lane.")
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
        wrapMode: Text.Wrap
    }
    ListView {
        id: settingsList
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: AdminController.settings
        ScrollBar.vertical: ScrollBar { }
        delegate: Fact {
            id: settingRow
            required property var model
            width: ListView.view.width - 12
            nameWidth: 260
            name: settingRow.model.key
            value: settingRow.model.value
        }
    }
}
