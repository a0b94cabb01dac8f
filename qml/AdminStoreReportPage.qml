import QtQuick
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's store report page: one day's sales of every lane (their transactions as
// replicated here), per lane and for the store, with the Z reports taken that day.
ColumnLayout {
    id: storePage
    spacing: Theme.spacing
    onVisibleChanged: if (visible) {
        ShiftController.clearMessage()
        ShiftController.showStoreReport()
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing
        TouchButton {
            objectName: "previousDay"
            text: "\u2039"
            fontSize: Theme.fontLarge
            Accessible.name: qsTr("Previous day")
            onClicked: ShiftController.previousDay()
        }
        Text {
            objectName: "storeDay"
            Layout.fillWidth: true
            text: ShiftController.storeDay
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
        }
        TouchButton {
            objectName: "nextDay"
            text: "\u203a"
            fontSize: Theme.fontLarge
            enabled: !ShiftController.storeDayIsToday
            Accessible.name: qsTr("Next day")
            onClicked: ShiftController.nextDay()
        }
        TouchButton {
            objectName: "storeToday"
            text: qsTr("Today")
            enabled: !ShiftController.storeDayIsToday
            onClicked: ShiftController.today()
        }
        TouchButton {
            text: qsTr("Print")
            visible: ShiftController.storeReport.count > 0
            onClicked: ShiftController.printReport()
        }
    }
    Text {
        Layout.fillWidth: true
        visible: ShiftController.message !== ""
        text: ShiftController.message
        font.pixelSize: Theme.fontBody
        color: ShiftController.messageIsError ? Theme.danger : Theme.success
        wrapMode: Text.Wrap
    }
    FillCard {
        Layout.fillWidth: true
        Layout.fillHeight: true
        title: qsTr("Every lane's sales of the day")
        ReportView {
            objectName: "storeReportView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: ShiftController.storeReport
        }
    }
}
