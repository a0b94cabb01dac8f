import QtQuick
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The always-visible sync state on the header: all synced, N waiting, or offline. Calm on
// purpose: the lane sells the same either way. A manager can tap it for the status panel.
Rectangle {
    id: indicator
    signal opened()

    readonly property string state_: SyncStatusController.indicator
    implicitHeight: 48
    implicitWidth: row.implicitWidth + 2 * Theme.margin
    radius: height / 2
    color: Qt.rgba(1, 1, 1, 0.12)
    Accessible.role: Accessible.Button
    Accessible.name: label.text

    RowLayout {
        id: row
        anchors.centerIn: parent
        spacing: 8
        Rectangle {
            width: 14; height: 14; radius: 7
            color: indicator.state_ === "synced" ? "#4cc47a"
                 : indicator.state_ === "waiting" ? Theme.accent : "#9aa7b4"
        }
        Text {
            id: label
            color: Theme.inkOnHeader
            font.pixelSize: Theme.fontSmall
            text: indicator.state_ === "synced" ? qsTr("All synced")
                : indicator.state_ === "waiting" ? qsTr("%n waiting", "", SyncStatusController.waiting)
                : indicator.state_ === "local" ? qsTr("This lane only")
                : qsTr("Offline: selling normally")
        }
    }
    MouseArea {
        anchors.fill: parent
        enabled: LoginController.manager
        onClicked: indicator.opened()
    }
}
