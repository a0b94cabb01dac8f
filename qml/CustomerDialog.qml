import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Attach a customer to the sale: search by phone or name, or create one.
Popup {
    id: dialog
    property var results: []
    property bool creating: false
    modal: true
    focus: true
    x: parent ? Math.round((parent.width - width) / 2) : 0
    y: parent ? Math.round((parent.height - height) / 2) : 0
    width: Math.min(640, parent ? parent.width - 2 * Theme.margin : 640)
    padding: Theme.margin
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    onOpened: {
        results = []
        creating = false
        searchField.text = ""
        searchField.forceActiveFocus()
    }
    function search() { results = CheckoutController.findCustomers(searchField.text) }

    background: Rectangle { radius: Theme.radius; color: Theme.surface; border.color: Theme.border }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Text {
            text: dialog.creating ? qsTr("New customer") : qsTr("Customer")
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
        }
        RowLayout {
            Layout.fillWidth: true
            visible: !dialog.creating
            spacing: Theme.spacing
            TextField {
                id: searchField
                objectName: "customerSearch"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                placeholderText: qsTr("Phone or name")
                Accessible.name: qsTr("Customer phone or name")
                onAccepted: dialog.search()
            }
            TouchButton {
                text: qsTr("Find")
                enabled: searchField.text.length >= 2
                onClicked: dialog.search()
            }
        }
        Repeater {
            model: dialog.creating ? [] : dialog.results
            TouchButton {
                required property var modelData
                required property int index
                objectName: "customerResult" + index
                Layout.fillWidth: true
                text: modelData.name + (modelData.phone ? " \u00b7 " + modelData.phone : "")
                      + (modelData.email ? " \u00b7 " + modelData.email : "")
                onClicked: { CheckoutController.attachCustomer(modelData.id, modelData.name); dialog.close() }
            }
        }
        GridLayout {
            Layout.fillWidth: true
            visible: dialog.creating
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing
            Text { text: qsTr("Name"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: nameField
                objectName: "customerName"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                Accessible.name: qsTr("Name")
            }
            Text { text: qsTr("Phone"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: phoneField
                objectName: "customerPhone"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                inputMethodHints: Qt.ImhDialableCharactersOnly
                Accessible.name: qsTr("Phone")
            }
            Text { text: qsTr("E-mail"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: emailField
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                inputMethodHints: Qt.ImhEmailCharactersOnly
                Accessible.name: qsTr("E-mail")
            }
        }
        Text {
            Layout.fillWidth: true
            visible: CheckoutController.messageIsError && dialog.opened
            text: CheckoutController.message
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            TouchButton {
                objectName: "newCustomer"
                visible: !dialog.creating
                text: qsTr("+ New customer")
                tone: "accent"
                onClicked: {
                    dialog.creating = true
                    nameField.text = /^[+0-9 ().\-\/]+$/.test(searchField.text) ? "" : searchField.text
                    phoneField.text = /^[+0-9 ().\-\/]+$/.test(searchField.text) ? searchField.text : ""
                    emailField.text = ""
                    nameField.forceActiveFocus()
                }
            }
            TouchButton {
                objectName: "saveCustomer"
                visible: dialog.creating
                text: qsTr("Save and attach")
                tone: "primary"
                onClicked: if (CheckoutController.createCustomer(nameField.text, phoneField.text, emailField.text)) dialog.close()
            }
            TouchButton {
                visible: !dialog.creating && CheckoutController.customerName !== ""
                text: qsTr("Remove customer")
                onClicked: { CheckoutController.detachCustomer(); dialog.close() }
            }
            Item { Layout.fillWidth: true }
            TouchButton {
                text: qsTr("Close")
                onClicked: dialog.close()
            }
        }
    }
}
