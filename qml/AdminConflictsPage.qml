import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's conflicts page: what reconciliation resolved, with a manager's override.
ColumnLayout {
    spacing: Theme.spacing
    Text {
        Layout.fillWidth: true
        text: qsTr("Differences reconciliation resolved by the latest stock figure. Set the right count to override.")
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
        wrapMode: Text.Wrap
    }
    ListView {
        id: conflictList
        objectName: "conflictList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: Theme.spacing / 2
        model: AdminController.conflicts
        ScrollBar.vertical: ScrollBar { }
        delegate: Rectangle {
            id: conflict
            required property var model
            width: ListView.view.width - 12
            height: conflictRow.implicitHeight + 2 * Theme.spacing
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            RowLayout {
                id: conflictRow
                anchors { fill: parent; margins: Theme.spacing }
                spacing: Theme.spacing
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Text {
                        Layout.fillWidth: true
                        text: conflict.model.productName || conflict.model.productId
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Here %1 (%2) · lane %3: %4 (%5)")
                              .arg(conflict.model.localStock).arg(Dates.when(conflict.model.localUpdated))
                              .arg(conflict.model.peer)
                              .arg(conflict.model.remoteStock).arg(Dates.when(conflict.model.remoteUpdated))
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                    }
                    Text {
                        Layout.fillWidth: true
                        text: conflict.model.overridden
                              ? qsTr("Chosen %1, overridden to %2 by %3 at %4")
                                    .arg(conflict.model.chosenStock).arg(conflict.model.overrideStock)
                                    .arg(conflict.model.overrideByName || conflict.model.overrideBy)
                                    .arg(Dates.when(conflict.model.overrideAt))
                              : qsTr("Chosen %1 (lane %2) at %3")
                                    .arg(conflict.model.chosenStock).arg(conflict.model.chosenFrom)
                                    .arg(Dates.when(conflict.model.resolvedAt))
                        font.pixelSize: Theme.fontSmall
                        color: conflict.model.overridden ? Theme.accent : Theme.text
                        wrapMode: Text.Wrap
                    }
                }
                TextField {
                    id: overrideField
                    Layout.preferredWidth: 110
                    Layout.preferredHeight: Theme.touchTarget
                    font.pixelSize: Theme.fontBody
                    inputMethodHints: Qt.ImhDigitsOnly
                    validator: IntValidator { bottom: 0; top: 1000000000 }
                    placeholderText: qsTr("Count")
                    Accessible.name: qsTr("Correct stock for %1").arg(conflict.model.productName)
                }
                TouchButton {
                    text: qsTr("Override")
                    enabled: overrideField.text !== ""
                    onClicked: if (AdminController.overrideConflict(conflict.model.id, overrideField.text)) overrideField.text = ""
                }
            }
        }
        Text {
            anchors.centerIn: parent
            visible: conflictList.count === 0
            text: qsTr("No conflicts: every reconciliation so far agreed.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
    }
}
