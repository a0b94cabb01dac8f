import QtQuick
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The manager's admin screen: a header, the section buttons, one page per section (Admin*Page.qml:
// reconciliation, its conflicts, failed cloud uploads, stock counts, employees, the UI language,
// the lane's settings, store time, products, the Z report, the store's day) and the message bar. Rules and permissions are in
// AdminController; the screen shows and asks.
Rectangle {
    id: admin
    signal closed()
    property int section: 0
    onSectionChanged: sections.currentIndex = section
    color: Theme.background

    onVisibleChanged: {
        AdminController.setShown(visible)
        if (visible)
            AdminController.clearMessage()
    }

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 64
        color: Theme.header
        RowLayout {
            anchors { fill: parent; leftMargin: Theme.margin; rightMargin: Theme.margin }
            Text {
                Layout.fillWidth: true
                text: qsTr("Admin, lane %1").arg(LoginController.terminalId)
                color: Theme.inkOnHeader
                font.pixelSize: Theme.fontLarge
                font.bold: true
                elide: Text.ElideRight
            }
            TouchButton {
                objectName: "adminClose"
                text: qsTr("Close")
                implicitHeight: 48
                onClicked: admin.closed()
            }
        }
    }

    RowLayout {
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: messageBar.top; margins: Theme.margin }
        spacing: Theme.margin

        // Sections: the current one is admin.section (the screenshot tour sets it too).
        ListView {
            id: sections
            Layout.preferredWidth: 240
            Layout.fillHeight: true
            spacing: Theme.spacing / 2
            interactive: false
            currentIndex: admin.section
            onCurrentIndexChanged: admin.section = currentIndex
            // A fixed count, never a new model: a new model would make the first section current.
            model: 11
            delegate: TouchButton {
                id: sectionButton
                required property int index
                objectName: "adminSection" + index
                width: ListView.view.width
                text: [qsTr("Reconciliation"), qsTr("Conflicts"), qsTr("Cloud uploads"),
                       qsTr("Stock count"), qsTr("Employees"), qsTr("Language"), qsTr("Settings"),
                       AdminController.heldMessages.count > 0
                           ? qsTr("Store time (%1)").arg(AdminController.heldMessages.count)
                           : qsTr("Store time"),
                       qsTr("Products"), qsTr("Z report"), qsTr("Store report")][sectionButton.index]
                tone: sectionButton.ListView.isCurrentItem ? "primary" : "neutral"
                onClicked: {
                    sectionButton.ListView.view.currentIndex = sectionButton.index
                    AdminController.clearMessage()
                }
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: admin.section

            // The pages, in the order of the section buttons.
            AdminReconcilePage { }
            AdminConflictsPage { }
            AdminFailedPage { }
            AdminCountPage { }
            AdminEmployeesPage { }
            AdminLanguagePage { }
            AdminSettingsPage { }
            AdminHeldPage { }
            AdminProductsPage { }
            AdminZReportPage { }
            AdminStoreReportPage { }
        }
    }

    Rectangle {
        id: messageBar
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        height: AdminController.message === "" ? 0 : Math.max(48, adminMessage.implicitHeight + Theme.spacing)
        radius: Theme.radius
        color: AdminController.messageIsError ? Theme.danger : Theme.header
        Text {
            id: adminMessage
            objectName: "adminMessage"
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; leftMargin: Theme.margin; rightMargin: Theme.margin }
            text: AdminController.message
            color: Theme.inkOnPrimary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }
}
