import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's store time page: clocks that disagree, and messages held for a time too
// far ahead, with a manager's accept.
ColumnLayout {
    spacing: Theme.spacing
    Text {
        Layout.fillWidth: true
        text: SyncStatusController.clockWarning !== "" ? SyncStatusController.clockWarning
              : qsTr("Every lane's clock agrees with the store's time.")
        font.pixelSize: Theme.fontBody
        color: SyncStatusController.clockWarning !== "" ? Theme.danger : Theme.text
        wrapMode: Text.Wrap
    }
    Text {
        Layout.fillWidth: true
        text: qsTr("A message stamped too far ahead of the store's time is kept here instead of changing stock with a time that has not come. It is applied by itself when its time comes; accept it to apply it now, on every lane.")
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
        wrapMode: Text.Wrap
    }
    ListView {
        id: heldList
        objectName: "heldList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: Theme.spacing / 2
        model: AdminController.heldMessages
        ScrollBar.vertical: ScrollBar { }
        delegate: Rectangle {
            id: heldRow
            required property var model
            required property int index
            width: ListView.view.width - 12
            height: heldLayout.implicitHeight + 2 * Theme.spacing
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            RowLayout {
                id: heldLayout
                anchors { fill: parent; margins: Theme.spacing }
                spacing: Theme.spacing
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Text {
                        Layout.fillWidth: true
                        text: heldRow.model.what
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("From lane %1 · stamped %2, %3 ahead · held since %4")
                              .arg(heldRow.model.origin).arg(Dates.when(heldRow.model.stampedAt))
                              .arg(heldRow.model.ahead).arg(Dates.when(heldRow.model.heldAt))
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                    }
                }
                TouchButton {
                    objectName: "acceptHeld" + heldRow.index
                    text: qsTr("Accept now")
                    tone: "accent"
                    Accessible.name: qsTr("Accept %1 now").arg(heldRow.model.what)
                    onClicked: AdminController.acceptHeld(heldRow.model.id)
                }
            }
        }
        Text {
            anchors.centerIn: parent
            visible: heldList.count === 0
            text: qsTr("No message is held.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
    }
}
