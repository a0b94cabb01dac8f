import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Tendering: amount due, quick cash amounts, a typed cash amount, card for the rest.
ColumnLayout {
    id: panel
    spacing: Theme.spacing

    Text {
        text: qsTr("Amount due")
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
    }
    Text {
        text: CheckoutController.remaining
        font.pixelSize: Theme.fontHuge
        font.bold: true
        color: Theme.text
    }
    Text {
        visible: CheckoutController.paid !== "$0.00"
        text: qsTr("Paid so far %1 of %2").arg(CheckoutController.paid).arg(CheckoutController.total)
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
    }
    Text {
        text: qsTr("Cash received")
        font.pixelSize: Theme.fontBody
        color: Theme.text
    }
    GridLayout {
        Layout.fillWidth: true
        columns: 3
        rowSpacing: Theme.spacing
        columnSpacing: Theme.spacing
        Repeater {
            model: CheckoutController.quickCash
            TouchButton {
                required property var modelData
                required property int index
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTargetLarge
                fontSize: Theme.fontLarge
                tone: index === 0 ? "accent" : "neutral"
                text: index === 0 ? qsTr("Exact %1").arg(modelData.label) : modelData.label
                onClicked: CheckoutController.payCashCents(modelData.cents)
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing
        TextField {
            id: cashField
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget
            font.pixelSize: Theme.fontLarge
            placeholderText: qsTr("Other amount, e.g. 40.00")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            Accessible.name: qsTr("Cash amount received")
            onAccepted: { CheckoutController.payCash(text); text = "" }
        }
        TouchButton {
            text: qsTr("Cash")
            tone: "primary"
            implicitWidth: 120
            onClicked: { CheckoutController.payCash(cashField.text); cashField.text = "" }
        }
    }
    TouchButton {
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTargetLarge
        text: qsTr("Card %1").arg(CheckoutController.remaining)
        tone: "primary"
        fontSize: Theme.fontLarge
        onClicked: CheckoutController.payCard()
    }
    Item { Layout.fillHeight: true }
    TouchButton {
        Layout.fillWidth: true
        text: qsTr("Back to cart")
        onClicked: CheckoutController.backToCart()
    }
}
