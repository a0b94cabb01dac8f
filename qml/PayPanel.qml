import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Tendering: amount due, quick cash amounts, a typed amount in cash or by card (split tender),
// card for the rest, and the payments taken so far.
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
        visible: CheckoutController.tenders.length > 0
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
                objectName: "quickCash" + index
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTargetLarge
                fontSize: Theme.fontLarge
                tone: index === 0 ? "accent" : "neutral"
                text: index === 0 ? qsTr("Exact %1").arg(modelData.label) : modelData.label
                onClicked: CheckoutController.payCashCents(modelData.cents)
            }
        }
    }
    // Split tender: a typed amount goes to cash or to card; the big button pays the rest by card.
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing
        TextField {
            id: amountField
            objectName: "amountField"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget
            font.pixelSize: Theme.fontLarge
            placeholderText: qsTr("Amount, e.g. %1").arg(CheckoutController.amountExample)
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            Accessible.name: qsTr("Amount received or to charge")
            onAccepted: { CheckoutController.payCash(text); text = "" }
        }
        TouchButton {
            objectName: "payTypedCash"
            text: qsTr("Cash")
            tone: "primary"
            implicitWidth: 96
            enabled: amountField.text !== ""
            onClicked: { CheckoutController.payCash(amountField.text); amountField.text = "" }
        }
        TouchButton {
            objectName: "payTypedCard"
            text: qsTr("Card")
            implicitWidth: 96
            enabled: amountField.text !== ""
            onClicked: { CheckoutController.payCardAmount(amountField.text); amountField.text = "" }
        }
    }
    TouchButton {
        objectName: "payCardRest"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTargetLarge
        text: qsTr("Card %1").arg(CheckoutController.remaining)
        tone: "primary"
        fontSize: Theme.fontLarge
        onClicked: CheckoutController.payCard()
    }
    // Payments taken so far (split tender), each removable until the sale completes.
    Repeater {
        model: CheckoutController.tenders
        RowLayout {
            required property var modelData
            required property int index
            Layout.fillWidth: true
            spacing: Theme.spacing
            Text {
                Layout.fillWidth: true
                text: (modelData.method === "cash" ? qsTr("Cash %1").arg(modelData.tendered)
                                                   : qsTr("Card %1").arg(modelData.amount))
                font.pixelSize: Theme.fontBody
                color: Theme.text
                elide: Text.ElideRight
            }
            TouchButton {
                text: qsTr("Remove")
                implicitHeight: 48
                Accessible.name: qsTr("Remove payment %1").arg(index + 1)
                onClicked: CheckoutController.removeTender(index)
            }
        }
    }
    Item { Layout.fillHeight: true }
    TouchButton {
        Layout.fillWidth: true
        text: qsTr("Back to cart")
        onClicked: CheckoutController.backToCart()
    }
}
