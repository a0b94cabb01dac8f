import QtQuick
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's Z report page: take the Z report over the shifts closed since the last one
// (refused while a shift is open), the last Z reports, the one chosen shown row by row.
RowLayout {
    id: zPage
    spacing: Theme.margin
    onVisibleChanged: if (visible) {
        ShiftController.clearMessage()
        ShiftController.reloadZReports()
        if (ShiftController.zReport.count === 0)
            ShiftController.showLatestZ()
    }
    ColumnLayout {
        Layout.fillWidth: false
        Layout.preferredWidth: 340
        Layout.fillHeight: true
        spacing: Theme.spacing
        Text {
            Layout.fillWidth: true
            text: qsTr("The Z report closes the day: it takes every shift closed since the last one. Close the open shift first.")
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            wrapMode: Text.Wrap
        }
        TouchButton {
            objectName: "takeZButton"
            Layout.fillWidth: true
            tone: "primary"
            text: qsTr("Take Z report")
            onClicked: ShiftController.takeZ()
        }
        Text {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacing
            text: qsTr("Last Z reports")
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.text
        }
        ListView {
            id: zList
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: ShiftController.zReports
            delegate: TouchButton {
                id: zRow
                required property string id
                required property string title
                required property string span
                required property string total
                width: ListView.view.width
                implicitHeight: 64
                text: zRow.title + "  " + zRow.total + "\n" + zRow.span
                fontSize: Theme.fontSmall
                onClicked: ShiftController.showZ(zRow.id)
            }
        }
        Text {
            Layout.fillWidth: true
            visible: ShiftController.zReports.count === 0
            text: qsTr("No Z report yet.")
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }
    }
    FillCard {
        Layout.fillWidth: true
        Layout.fillHeight: true
        title: qsTr("Z report")
        Text {
            Layout.fillWidth: true
            visible: ShiftController.message !== ""
            text: ShiftController.message
            font.pixelSize: Theme.fontBody
            color: ShiftController.messageIsError ? Theme.danger : Theme.success
            wrapMode: Text.Wrap
        }
        ReportView {
            objectName: "zReportView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: ShiftController.zReport
        }
        TouchButton {
            Layout.alignment: Qt.AlignRight
            visible: ShiftController.zReport.count > 0
            text: qsTr("Print")
            onClicked: ShiftController.printReport()
        }
    }
}
