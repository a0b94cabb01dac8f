import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Cash paid in or out above the lane's limit: another manager taps their name and enters their
// PIN (the same steps as ApprovalDialog at checkout).
Popup {
    id: dialog
    property string managerId: ""
    modal: true
    focus: true
    visible: ShiftController.approvalNeeded
    x: parent ? Math.round((parent.width - width) / 2) : 0
    y: parent ? Math.round((parent.height - height) / 2) : 0
    width: Math.min(560, parent ? parent.width - 2 * Theme.margin : 560)
    padding: Theme.margin
    closePolicy: Popup.NoAutoClose

    onVisibleChanged: if (visible) { managerId = ""; pad.pin = "" }

    background: Rectangle { radius: Theme.radius; color: Theme.surface; border.color: Theme.border }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Text {
            Layout.fillWidth: true
            text: qsTr("Manager approval")
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
        }
        Text {
            Layout.fillWidth: true
            text: ShiftController.approvalReason
            font.pixelSize: Theme.fontBody
            color: Theme.text
            wrapMode: Text.Wrap
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacing / 2
            Repeater {
                model: ShiftController.managers
                TouchButton {
                    required property var modelData
                    objectName: "cashApprover_" + modelData.id
                    text: modelData.name
                    tone: dialog.managerId === modelData.id ? "primary" : "neutral"
                    onClicked: { dialog.managerId = modelData.id; pad.forceActiveFocus() }
                }
            }
        }
        PinPad {
            id: pad
            objectName: "cashApprovalPinPad"
            Layout.fillWidth: true
            Layout.preferredHeight: 380
            enabled: dialog.managerId !== ""
            onSubmitted: (pin) => ShiftController.approve(dialog.managerId, pin)
        }
        Text {
            Layout.fillWidth: true
            visible: ShiftController.messageIsError
            text: ShiftController.message
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
        TouchButton {
            objectName: "cancelCashApproval"
            Layout.alignment: Qt.AlignRight
            text: qsTr("Cancel")
            onClicked: ShiftController.cancelApproval()
        }
    }
}
