import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Price override and discount for one cart line (row >= 0) or a discount on the whole sale
// (row < 0). The controller decides whether a manager must approve.
Popup {
    id: dialog
    property int row: -1
    property string lineName: ""
    property string unitPrice: ""
    modal: true
    focus: true
    x: parent ? Math.round((parent.width - width) / 2) : 0
    y: parent ? Math.round((parent.height - height) / 2) : 0
    width: Math.min(520, parent ? parent.width - 2 * Theme.margin : 520)
    padding: Theme.margin
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    function openFor(r, name, price) {
        row = r
        lineName = name
        unitPrice = price
        priceField.text = ""
        percentField.text = ""
        open()
        percentField.forceActiveFocus()
    }
    function apply(ok) { if (ok || CheckoutController.approvalNeeded) close() }

    background: Rectangle { radius: Theme.radius; color: Theme.surface; border.color: Theme.border }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Text {
            Layout.fillWidth: true
            text: dialog.row < 0 ? qsTr("Discount on the whole sale") : dialog.lineName
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
            wrapMode: Text.Wrap
        }
        RowLayout {
            Layout.fillWidth: true
            visible: dialog.row >= 0
            spacing: Theme.spacing
            TextField {
                id: priceField
                objectName: "priceField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                placeholderText: qsTr("New price (now %1)").arg(dialog.unitPrice)
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                Accessible.name: qsTr("New unit price")
                onAccepted: dialog.apply(CheckoutController.setLinePrice(dialog.row, text))
            }
            TouchButton {
                objectName: "applyPrice"
                implicitWidth: 150
                text: qsTr("Set price")
                enabled: priceField.text !== ""
                onClicked: dialog.apply(CheckoutController.setLinePrice(dialog.row, priceField.text))
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            TextField {
                id: percentField
                objectName: "percentField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                placeholderText: qsTr("Discount %, e.g. 10")
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                Accessible.name: qsTr("Discount in percent")
                onAccepted: dialog.apply(dialog.row < 0 ? CheckoutController.setCartDiscount(text)
                                                        : CheckoutController.setLineDiscount(dialog.row, text))
            }
            TouchButton {
                objectName: "applyDiscount"
                implicitWidth: 150
                text: qsTr("Discount")
                enabled: percentField.text !== ""
                onClicked: dialog.apply(dialog.row < 0 ? CheckoutController.setCartDiscount(percentField.text)
                                                       : CheckoutController.setLineDiscount(dialog.row, percentField.text))
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
        TouchButton {
            Layout.alignment: Qt.AlignRight
            text: qsTr("Close")
            onClicked: dialog.close()
        }
    }
}
