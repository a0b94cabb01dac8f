import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The completed sale: receipt number, total and the change to hand back.
ColumnLayout {
    spacing: Theme.spacing

    Text {
        text: qsTr("Sale complete")
        font.pixelSize: Theme.fontTitle
        font.bold: true
        color: Theme.success
    }
    Text {
        text: qsTr("Receipt %1").arg(CheckoutController.lastReceipt)
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
    }
    Text {
        text: qsTr("Total %1").arg(CheckoutController.lastTotal)
        font.pixelSize: Theme.fontLarge
        color: Theme.text
    }
    Rectangle {
        Layout.fillWidth: true
        implicitHeight: changeColumn.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surfaceAlt
        border.color: Theme.border
        Column {
            id: changeColumn
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.margin }
            Text {
                text: qsTr("Change due")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            Text {
                text: CheckoutController.lastChange
                font.pixelSize: Theme.fontHuge
                font.bold: true
                color: Theme.text
            }
        }
    }
    TouchButton {
        objectName: "printReceiptButton"
        Layout.fillWidth: true
        text: CheckoutController.hasPrinter ? qsTr("Print receipt")
              : CheckoutController.lastReceiptPdf === "" ? qsTr("Print receipt (PDF)") : qsTr("Print again")
        onClicked: CheckoutController.printReceipt()
    }
    TouchButton {
        objectName: "saveReceiptPdfButton"
        Layout.fillWidth: true
        visible: CheckoutController.hasPrinter
        text: qsTr("Save PDF")
        onClicked: CheckoutController.savePdf()
    }
    Item { Layout.fillHeight: true }
    TouchButton {
        objectName: "newSaleButton"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTargetLarge
        text: qsTr("New sale")
        tone: "primary"
        fontSize: Theme.fontLarge
        onClicked: CheckoutController.newSale()
    }
}
