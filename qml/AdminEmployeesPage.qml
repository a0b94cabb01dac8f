import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's employees page: the list, and a form to add or change one.
RowLayout {
    id: employeesPage
    spacing: Theme.margin
    property var editing: ({ id: "", name: "", role: "cashier", active: true, discountLimit: "0" })
    function edit(e) {
        editing = e
        nameField.text = e.name
        roleBox.currentIndex = e.role === "manager" ? 1 : 0
        activeBox.checked = e.active
        limitField.text = e.discountLimit
        pinField.text = ""
    }
    ColumnLayout {
        Layout.preferredWidth: 320
        Layout.maximumWidth: 320
        Layout.fillWidth: false
        Layout.fillHeight: true
        spacing: Theme.spacing
        TouchButton {
            Layout.fillWidth: true
            text: qsTr("+ New employee")
            tone: "accent"
            onClicked: {
                employeeList.currentIndex = -1
                employeesPage.edit({ id: "", name: "", role: "cashier", active: true, discountLimit: "0" })
            }
        }
        ListView {
            id: employeeList
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: AdminController.employees
            currentIndex: -1
            // The chosen row follows its employee when the list changes around it (moves, not
            // resets); a tap on another one opens it.
            onCurrentIndexChanged: {
                const e = AdminController.employees.get(currentIndex)
                if (currentIndex >= 0 && e.id !== employeesPage.editing.id)
                    employeesPage.edit(e)
            }
            ScrollBar.vertical: ScrollBar { }
            delegate: TouchButton {
                id: employeeRow
                required property var model
                required property int index
                width: ListView.view.width
                text: employeeRow.model.name + " · " + (employeeRow.model.role === "manager" ? qsTr("Manager") : qsTr("Cashier"))
                      + (employeeRow.model.active ? "" : " · " + qsTr("inactive"))
                      + (employeeRow.model.locked ? " · " + qsTr("locked") : "")
                tone: employeeRow.ListView.isCurrentItem ? "primary" : "neutral"
                onClicked: employeeRow.ListView.view.currentIndex = employeeRow.index
            }
        }
    }
    Card {
        Layout.fillWidth: true
        Layout.alignment: Qt.AlignTop
        title: employeesPage.editing.id === "" ? qsTr("New employee") : qsTr("Edit %1").arg(employeesPage.editing.name)
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing
            Text { text: qsTr("Name"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: nameField
                objectName: "employeeName"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                Accessible.name: qsTr("Name")
            }
            Text { text: qsTr("Role"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            ComboBox {
                id: roleBox
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                model: [qsTr("Cashier"), qsTr("Manager")]
                Accessible.name: qsTr("Role")
            }
            Text { text: qsTr("New PIN"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: pinField
                objectName: "employeePin"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhDigitsOnly
                validator: RegularExpressionValidator { regularExpression: /[0-9]{0,8}/ }
                placeholderText: employeesPage.editing.id === "" ? qsTr("4 to 8 digits") : qsTr("leave empty to keep")
                Accessible.name: qsTr("New PIN")
            }
            Text { text: qsTr("Discount limit %"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: limitField
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                text: "0"
                Accessible.name: qsTr("Discount limit in percent")
            }
            Item { width: 1; height: 1 }
            CheckBox {
                id: activeBox
                checked: true
                text: qsTr("Active (can log in)")
                font.pixelSize: Theme.fontBody
                Accessible.name: text
            }
        }
        TouchButton {
            objectName: "saveEmployee"
            text: qsTr("Save")
            tone: "primary"
            onClicked: {
                const ok = AdminController.saveEmployee({
                    id: employeesPage.editing.id,
                    name: nameField.text,
                    role: roleBox.currentIndex === 1 ? "manager" : "cashier",
                    pin: pinField.text,
                    active: activeBox.checked,
                    discountLimit: limitField.text
                })
                if (ok)
                    pinField.text = ""
            }
        }
    }
}
