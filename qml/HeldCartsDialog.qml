import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Carts parked on this lane: recall one into the (empty) cart, or discard it.
Popup {
    id: dialog
    modal: true
    focus: true
    x: parent ? Math.round((parent.width - width) / 2) : 0
    y: parent ? Math.round((parent.height - height) / 2) : 0
    width: Math.min(640, parent ? parent.width - 2 * Theme.margin : 640)
    padding: Theme.margin
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    function when(iso) {
        const d = new Date(iso)
        return isNaN(d.getTime()) ? iso : d.toLocaleTimeString(Qt.locale(), Locale.ShortFormat)
    }

    background: Rectangle { radius: Theme.radius; color: Theme.surface; border.color: Theme.border }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Text {
            Layout.fillWidth: true
            text: qsTr("Held carts")
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
        }
        Text {
            Layout.fillWidth: true
            visible: CheckoutController.heldCarts.count === 0
            text: qsTr("No cart is held on this lane.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        Repeater {
            model: CheckoutController.heldCarts
            RowLayout {
                id: heldRow
                required property var model
                required property int index
                Layout.fillWidth: true
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    text: qsTr("%1 (held at %2)").arg(heldRow.model.label).arg(dialog.when(heldRow.model.createdAt))
                    font.pixelSize: Theme.fontBody
                    color: Theme.text
                    elide: Text.ElideRight
                }
                TouchButton {
                    objectName: "recallHeld" + heldRow.index
                    text: qsTr("Recall")
                    tone: "primary"
                    onClicked: if (CheckoutController.recallCart(heldRow.model.id)) dialog.close()
                }
                TouchButton {
                    text: qsTr("Discard")
                    tone: "danger"
                    Accessible.name: qsTr("Discard held cart %1").arg(heldRow.model.label)
                    onClicked: CheckoutController.discardHeldCart(heldRow.model.id)
                }
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
