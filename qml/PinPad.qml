import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// A PIN pad with large keys; shows dots, never the digits. Also takes a keyboard's digits. OK
// (tapped, or Enter) submits only a complete PIN, by the lane's one PIN rule in C++.
FocusScope {
    id: pad
    property string pin: ""
    readonly property int maxLength: LoginController.pinMaxLength
    readonly property bool complete: LoginController.pinComplete(pin)
    signal submitted(string pin)

    implicitWidth: 3 * 96 + 2 * Theme.spacing
    implicitHeight: dots.implicitHeight + 4 * 80 + 4 * Theme.spacing

    function press(key) {
        if (key === "clear") pin = ""
        else if (key === "back") pin = pin.slice(0, -1)
        else if (key === "ok") { if (complete) { submitted(pin); pin = "" } }
        else if (pin.length < maxLength) pin += key
    }

    Keys.onPressed: (event) => {
        if (event.key >= Qt.Key_0 && event.key <= Qt.Key_9) { press(event.text); event.accepted = true }
        else if (event.key === Qt.Key_Backspace) { press("back"); event.accepted = true }
        else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) { press("ok"); event.accepted = true }
        else if (event.key === Qt.Key_Escape) { press("clear"); event.accepted = true }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Rectangle {
            id: dots
            Layout.fillWidth: true
            implicitHeight: Theme.touchTarget
            radius: Theme.radius
            color: Theme.surfaceAlt
            border.color: Theme.border
            Accessible.name: qsTr("PIN, %1 digits entered").arg(pad.pin.length)
            Row {
                anchors.centerIn: parent
                spacing: 14
                Repeater {
                    model: pad.pin.length
                    Rectangle { width: 16; height: 16; radius: 8; color: Theme.text }
                }
            }
            Text {
                anchors.centerIn: parent
                visible: pad.pin.length === 0
                text: qsTr("Enter PIN")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
            }
        }

        GridLayout {
            columns: 3
            rowSpacing: Theme.spacing
            columnSpacing: Theme.spacing
            Layout.fillWidth: true
            Layout.fillHeight: true
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
                TouchButton {
                    required property string modelData
                    objectName: "pinKey_" + modelData
                    // Equal columns whatever the labels' lengths in any language.
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 96
                    Layout.minimumWidth: Theme.touchTarget
                    Layout.preferredHeight: 80
                    fontSize: modelData.length > 1 ? Theme.fontBody : Theme.fontTitle
                    text: modelData === "clear" ? qsTr("Clear") : modelData === "ok" ? qsTr("OK") : modelData
                    tone: modelData === "ok" ? "primary" : "neutral"
                    enabled: modelData !== "ok" || pad.complete
                    onClicked: pad.press(modelData)
                }
            }
        }
    }
}
