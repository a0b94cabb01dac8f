import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Returns: find a past sale by its receipt number, choose the units coming back, refund in cash
// or to the card; a manager approves with their PIN. Limits and amounts are the controller's.
Popup {
    id: dialog
    property var sale: ({})
    property var quantities: ({})
    property string method: "cash"
    property string managerId: ""
    readonly property bool found: sale.saleId !== undefined
    modal: true
    focus: true
    x: parent ? Math.round((parent.width - width) / 2) : 0
    y: parent ? Math.round((parent.height - height) / 2) : 0
    width: Math.min(1000, parent ? parent.width - 2 * Theme.margin : 1000)
    height: Math.min(720, parent ? parent.height - 2 * Theme.margin : 720)
    padding: Theme.margin
    closePolicy: Popup.CloseOnEscape

    function reset() {
        sale = ({})
        quantities = ({})
        method = "cash"
        managerId = ""
        receiptField.text = ""
        pad.pin = ""
    }
    function find() {
        sale = CheckoutController.findSaleForReturn(receiptField.text)
        quantities = ({})
    }
    // Opens with a sale already found (the screen tour, a receipt scanned at the counter).
    function showSale(receipt) {
        open()
        receiptField.text = receipt
        find()
    }
    function setQuantity(lineNo, q) {
        const next = Object.assign({}, quantities)
        next[lineNo] = q
        quantities = next
    }
    function units() {
        let n = 0
        for (const k in quantities)
            n += quantities[k]
        return n
    }
    function refund(pin) {
        const lines = []
        for (const k in quantities)
            if (quantities[k] > 0)
                lines.push({ lineNo: Number(k), quantity: quantities[k] })
        if (CheckoutController.completeReturn(sale.saleId, lines, method, managerId, pin)) {
            reset()
            close()
        }
    }
    onOpened: { reset(); receiptField.forceActiveFocus() }

    background: Rectangle { radius: Theme.radius; color: Theme.surface; border.color: Theme.border }

    contentItem: RowLayout {
        spacing: Theme.margin
        // Left: the sale and what comes back.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing
            Text {
                text: qsTr("Return items")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                TextField {
                    id: receiptField
                    objectName: "returnReceipt"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touchTarget
                    font.pixelSize: Theme.fontBody
                    placeholderText: qsTr("Receipt number, e.g. L1-000042")
                    Accessible.name: qsTr("Receipt number")
                    onAccepted: dialog.find()
                }
                TouchButton {
                    objectName: "returnFind"
                    text: qsTr("Find")
                    enabled: receiptField.text !== ""
                    onClicked: dialog.find()
                }
            }
            Text {
                Layout.fillWidth: true
                visible: dialog.found
                text: dialog.found ? qsTr("Receipt %1 · total %2").arg(dialog.sale.receipt).arg(dialog.sale.total) : ""
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            ListView {
                id: lineList
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 4
                model: dialog.found ? dialog.sale.lines : []
                delegate: RowLayout {
                    required property var modelData
                    required property int index
                    width: lineList.width
                    spacing: Theme.spacing / 2
                    readonly property int quantity: dialog.quantities[modelData.lineNo] || 0
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Text {
                            Layout.fillWidth: true
                            text: modelData.name
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("%1 each · sold %2 · can return %3").arg(modelData.unitPrice).arg(modelData.sold).arg(modelData.returnable)
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textMuted
                            wrapMode: Text.Wrap
                        }
                    }
                    TouchButton {
                        text: "\u2212"
                        implicitWidth: 48
                        implicitHeight: 48
                        enabled: parent.quantity > 0
                        Accessible.name: qsTr("Fewer %1").arg(modelData.name)
                        onClicked: dialog.setQuantity(modelData.lineNo, parent.quantity - 1)
                    }
                    Text {
                        Layout.preferredWidth: 32
                        horizontalAlignment: Text.AlignHCenter
                        text: parent.quantity
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.text
                    }
                    TouchButton {
                        objectName: "returnMore" + index
                        text: "+"
                        implicitWidth: 48
                        implicitHeight: 48
                        enabled: parent.quantity < modelData.returnable
                        Accessible.name: qsTr("More %1").arg(modelData.name)
                        onClicked: dialog.setQuantity(modelData.lineNo, parent.quantity + 1)
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                visible: dialog.found
                Text { text: qsTr("Refund"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                TouchButton {
                    text: qsTr("Cash")
                    tone: dialog.method === "cash" ? "primary" : "neutral"
                    onClicked: dialog.method = "cash"
                }
                TouchButton {
                    text: qsTr("Card")
                    tone: dialog.method === "card" ? "primary" : "neutral"
                    onClicked: dialog.method = "card"
                }
            }
            Text {
                Layout.fillWidth: true
                visible: CheckoutController.message !== ""
                text: CheckoutController.message
                color: CheckoutController.messageIsError ? Theme.danger : Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
            }
        }
        // Right: the manager approves.
        ColumnLayout {
            Layout.preferredWidth: 360
            Layout.fillHeight: true
            spacing: Theme.spacing
            Text {
                Layout.fillWidth: true
                text: dialog.units() > 0 ? qsTr("Units to return: %1. A manager approves.").arg(dialog.units())
                                         : qsTr("Choose the units coming back.")
                font.pixelSize: Theme.fontBody
                color: Theme.text
                wrapMode: Text.Wrap
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                Repeater {
                    model: dialog.opened ? CheckoutController.approvers() : []
                    TouchButton {
                        required property var modelData
                        objectName: "returnApprover_" + modelData.id
                        text: modelData.name
                        tone: dialog.managerId === modelData.id ? "primary" : "neutral"
                        onClicked: { dialog.managerId = modelData.id; pad.forceActiveFocus() }
                    }
                }
            }
            PinPad {
                id: pad
                objectName: "returnPinPad"
                Layout.fillWidth: true
                Layout.fillHeight: true
                enabled: dialog.managerId !== "" && dialog.units() > 0
                onSubmitted: (pin) => dialog.refund(pin)
            }
            TouchButton {
                objectName: "returnClose"
                Layout.alignment: Qt.AlignRight
                text: qsTr("Close")
                onClicked: dialog.close()
            }
        }
    }
}
