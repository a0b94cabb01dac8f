import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Login: the employee taps their name, then enters their PIN.
FocusScope {
    id: screen
    property string selectedId: ""
    property string selectedName: ""

    onVisibleChanged: if (visible) { selectedId = ""; selectedName = "" }

    Rectangle { anchors.fill: parent; color: Theme.background }

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 72
        color: Theme.header
        Text {
            anchors { left: parent.left; leftMargin: Theme.margin * 2; verticalCenter: parent.verticalCenter }
            text: qsTr("Euphoria Lane")
            color: Theme.inkOnHeader
            font.pixelSize: Theme.fontTitle
            font.bold: true
        }
        Text {
            anchors { right: parent.right; rightMargin: Theme.margin * 2; verticalCenter: parent.verticalCenter }
            text: qsTr("Lane %1").arg(LoginController.terminalId)
            color: Theme.inkOnHeader
            font.pixelSize: Theme.fontLarge
        }
    }

    RowLayout {
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin * 2 }
        spacing: Theme.margin * 2

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing
            Text {
                text: qsTr("Who is selling?")
                font.pixelSize: Theme.fontTitle
                color: Theme.text
            }
            GridView {
                id: employees
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                cellWidth: 220
                cellHeight: 150
                model: LoginController.employees
                delegate: Item {
                    required property string employeeId
                    required property string name
                    required property string role
                    required property string initials
                    width: employees.cellWidth
                    height: employees.cellHeight
                    Rectangle {
                        objectName: "employee_" + employeeId
                        anchors { fill: parent; margins: Theme.spacing / 2 }
                        radius: Theme.radius
                        color: screen.selectedId === employeeId ? Theme.primary : Theme.surface
                        border.color: Theme.border
                        Accessible.role: Accessible.Button
                        Accessible.name: name
                        Column {
                            anchors.centerIn: parent
                            spacing: 6
                            Rectangle {
                                anchors.horizontalCenter: parent.horizontalCenter
                                width: 56; height: 56; radius: 28
                                color: screen.selectedId === employeeId ? Theme.inkOnPrimary : Theme.surfaceAlt
                                Text {
                                    anchors.centerIn: parent
                                    text: initials
                                    font.pixelSize: Theme.fontLarge
                                    font.bold: true
                                    color: Theme.primary
                                }
                            }
                            Text {
                                anchors.horizontalCenter: parent.horizontalCenter
                                text: name
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                color: screen.selectedId === employeeId ? Theme.inkOnPrimary : Theme.text
                            }
                            Text {
                                anchors.horizontalCenter: parent.horizontalCenter
                                text: role === "manager" ? qsTr("Manager") : qsTr("Cashier")
                                font.pixelSize: Theme.fontSmall
                                color: screen.selectedId === employeeId ? Theme.inkOnPrimary : Theme.textMuted
                            }
                        }
                        TapHandler {
                            onTapped: {
                                screen.selectedId = employeeId
                                screen.selectedName = name
                                LoginController.clearMessage()
                                pinPad.forceActiveFocus()
                            }
                        }
                    }
                }
            }
        }

        Rectangle {
            Layout.preferredWidth: 420
            Layout.fillHeight: true
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            ColumnLayout {
                anchors { fill: parent; margins: Theme.margin * 1.5 }
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    text: screen.selectedId === "" ? qsTr("Tap your name") : qsTr("PIN for %1").arg(screen.selectedName)
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                PinPad {
                    id: pinPad
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    enabled: screen.selectedId !== ""
                    opacity: enabled ? 1 : 0.5
                    onSubmitted: (pin) => LoginController.login(screen.selectedId, pin)
                }
                Text {
                    Layout.fillWidth: true
                    Layout.minimumHeight: 48
                    text: LoginController.message
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.fontBody
                    color: Theme.danger
                }
            }
        }
    }
}
