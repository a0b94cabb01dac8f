import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Checkout: find products (scan, type, search or tap), the cart with totals, then pay.
FocusScope {
    id: screen

    onVisibleChanged: if (visible) codeField.forceActiveFocus()

    // A barcode scanner is a keyboard: digits typed anywhere on the screen go to the code field.
    Keys.onPressed: (event) => {
        if (event.text.length === 1 && event.text >= "0" && event.text <= "9" && !codeField.activeFocus) {
            codeField.forceActiveFocus()
            codeField.insert(codeField.length, event.text)
            event.accepted = true
        }
    }

    Rectangle { anchors.fill: parent; color: Theme.background }

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 64
        color: Theme.header
        RowLayout {
            anchors { fill: parent; leftMargin: Theme.margin; rightMargin: Theme.margin }
            spacing: Theme.spacing
            Text {
                text: qsTr("Lane %1").arg(LoginController.terminalId)
                color: Theme.inkOnHeader
                font.pixelSize: Theme.fontLarge
                font.bold: true
            }
            Text {
                Layout.fillWidth: true
                text: LoginController.employeeName
                color: Theme.inkOnHeader
                font.pixelSize: Theme.fontBody
                elide: Text.ElideRight
            }
            SyncIndicator {
                objectName: "syncIndicator"
                onOpened: statusPanel.shown = true
            }
            TouchButton {
                objectName: "shiftButton"
                text: qsTr("Shift")
                implicitHeight: 48
                onClicked: ShiftController.show()
            }
            TouchButton {
                objectName: "returnButton"
                text: qsTr("Return")
                implicitHeight: 48
                onClicked: returnDialog.open()
            }
            TouchButton {
                objectName: "adminButton"
                visible: LoginController.manager
                text: qsTr("Admin")
                implicitHeight: 48
                onClicked: adminScreen.shown = true
            }
            TouchButton {
                objectName: "logoutButton"
                text: qsTr("Log out")
                implicitHeight: 48
                onClicked: LoginController.logout()
            }
        }
    }

    // This lane's clock is off: sales still carry the store's time, but someone should set it.
    Rectangle {
        id: clockBanner
        objectName: "clockBanner"
        anchors { left: parent.left; right: parent.right; top: header.bottom }
        visible: SyncStatusController.ownClockWarning !== ""
        height: visible ? clockText.implicitHeight + Theme.spacing : 0
        color: Theme.accent
        Text {
            id: clockText
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                      leftMargin: Theme.margin; rightMargin: Theme.margin }
            text: SyncStatusController.ownClockWarning
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }

    RowLayout {
        anchors { top: clockBanner.bottom; left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        spacing: Theme.margin

        // Left: finding products.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                TextField {
                    id: codeField
                    objectName: "codeField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touchTarget
                    font.pixelSize: screen.width < 1200 ? Theme.fontBody : Theme.fontLarge
                    placeholderText: qsTr("Scan or type a barcode, SKU or name")
                    Accessible.name: qsTr("Barcode, SKU or product name")
                    onAccepted: { CheckoutController.enter(text); text = "" }
                }
                TouchButton {
                    text: qsTr("Enter")
                    tone: "primary"
                    onClicked: { CheckoutController.enter(codeField.text); codeField.text = ""; codeField.forceActiveFocus() }
                }
            }

            ListView {
                id: categories
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                orientation: ListView.Horizontal
                spacing: Theme.spacing / 2
                clip: true
                model: CheckoutController.categories
                delegate: TouchButton {
                    required property string categoryId
                    required property string name
                    text: name
                    tone: CheckoutController.currentCategory === categoryId ? "primary" : "neutral"
                    onClicked: CheckoutController.showCategory(categoryId)
                }
            }

            GridView {
                id: grid
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                cellWidth: Math.floor(width / Math.max(1, Math.floor(width / 170)))
                cellHeight: 112
                model: CheckoutController.products
                ScrollBar.vertical: ScrollBar { }
                delegate: Item {
                    objectName: "product_" + productId
                    required property string productId
                    required property string name
                    required property string price
                    width: grid.cellWidth
                    height: grid.cellHeight
                    Rectangle {
                        anchors { fill: parent; margins: 4 }
                        radius: Theme.radius
                        color: tap.pressed ? Theme.surfaceAlt : Theme.surface
                        border.color: Theme.border
                        Accessible.role: Accessible.Button
                        Accessible.name: qsTr("%1, %2").arg(name).arg(price)
                        Text {
                            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 10 }
                            text: name
                            wrapMode: Text.WordWrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                            font.pixelSize: Theme.fontSmall + 1
                            color: Theme.text
                        }
                        Text {
                            anchors { left: parent.left; bottom: parent.bottom; margins: 10 }
                            text: price
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.primary
                        }
                        TapHandler { id: tap; onTapped: CheckoutController.addProduct(productId) }
                    }
                }
            }

            // Feedback for the last action: what was added, or what went wrong.
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(48, messageText.implicitHeight + Theme.spacing)
                radius: Theme.radius
                color: CheckoutController.message === "" ? "transparent"
                     : CheckoutController.messageIsError ? Theme.danger : Theme.header
                Text {
                    id: messageText
                    anchors { fill: parent; leftMargin: Theme.margin; rightMargin: Theme.margin }
                    verticalAlignment: Text.AlignVCenter
                    text: CheckoutController.message
                    color: Theme.inkOnPrimary
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
            }
        }

        // Right: the cart, totals and payment.
        Rectangle {
            Layout.preferredWidth: Math.max(480, screen.width * 0.42)
            Layout.fillHeight: true
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border

            ColumnLayout {
                anchors { fill: parent; margins: Theme.margin }
                spacing: Theme.spacing
                visible: CheckoutController.stage === CheckoutController.Ringing

                Text {
                    Layout.fillWidth: true
                    text: CheckoutController.itemCount === 1 ? qsTr("Cart: 1 item")
                                                             : qsTr("Cart: %1 items").arg(CheckoutController.itemCount)
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    TouchButton {
                        objectName: "customerButton"
                        implicitHeight: 48
                        Layout.fillWidth: true
                        text: CheckoutController.customerName === "" ? qsTr("Customer")
                                                                     : CheckoutController.customerName
                        tone: CheckoutController.customerName === "" ? "neutral" : "primary"
                        Accessible.name: CheckoutController.customerName === "" ? qsTr("Attach a customer")
                                                                                : qsTr("Customer %1").arg(CheckoutController.customerName)
                        onClicked: customerDialog.open()
                    }
                    TouchButton {
                        objectName: "heldCartsButton"
                        visible: CheckoutController.heldCarts.count > 0
                        implicitHeight: 48
                        text: qsTr("Held (%1)").arg(CheckoutController.heldCarts.count)
                        tone: "accent"
                        onClicked: heldDialog.open()
                    }
                }
                ListView {
                    id: cartList
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: CheckoutController.cart
                    onCountChanged: positionViewAtEnd()
                    delegate: CartLineDelegate {
                        width: cartList.width
                        objectName: "cartLine" + index
                        onIncrement: CheckoutController.increment(index)
                        onDecrement: CheckoutController.decrement(index)
                        onRemove: CheckoutController.removeLine(index)
                        onAdjust: adjustDialog.openFor(index, name, unitPrice)
                    }
                    Text {
                        anchors.centerIn: parent
                        visible: cartList.count === 0
                        text: qsTr("Scan an item to start a sale")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    rowSpacing: 4
                    Text { Layout.fillWidth: true; text: qsTr("Subtotal"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                    Text { Layout.alignment: Qt.AlignRight; text: CheckoutController.subtotal; font.pixelSize: Theme.fontBody; color: Theme.text }
                    Text { visible: CheckoutController.hasDiscount; text: qsTr("Discounts"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                    Text { visible: CheckoutController.hasDiscount; Layout.alignment: Qt.AlignRight; text: CheckoutController.discountOff; font.pixelSize: Theme.fontBody; color: Theme.accent }
                    Text { text: qsTr("Tax"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                    Text { Layout.alignment: Qt.AlignRight; text: CheckoutController.tax; font.pixelSize: Theme.fontBody; color: Theme.text }
                    Text { text: qsTr("Total"); font.pixelSize: Theme.fontTitle; font.bold: true; color: Theme.text }
                    Text { Layout.alignment: Qt.AlignRight; text: CheckoutController.total; font.pixelSize: Theme.fontTitle; font.bold: true; color: Theme.text }
                }
                // The cart's actions, each a third of the row, then Pay across the whole width.
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    TouchButton {
                        objectName: "holdButton"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Hold")
                        enabled: cartList.count > 0
                        onClicked: CheckoutController.holdCart("")
                    }
                    TouchButton {
                        objectName: "cartDiscountButton"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Discount")
                        enabled: cartList.count > 0
                        onClicked: adjustDialog.openFor(-1, "", "")
                    }
                    TouchButton {
                        objectName: "voidButton"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Void")
                        tone: "danger"
                        enabled: cartList.count > 0
                        onClicked: CheckoutController.voidCart()
                    }
                }
                TouchButton {
                    objectName: "payButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touchTargetLarge
                    text: qsTr("Pay %1").arg(CheckoutController.total)
                    tone: "primary"
                    fontSize: Theme.fontLarge
                    enabled: cartList.count > 0
                    onClicked: CheckoutController.startPayment()
                }
            }

            PayPanel {
                anchors { fill: parent; margins: Theme.margin }
                visible: CheckoutController.stage === CheckoutController.Paying
            }
            ReceiptPanel {
                anchors { fill: parent; margins: Theme.margin }
                visible: CheckoutController.stage === CheckoutController.Done
            }
            // The sale is committed and being written to disk; "Sale complete" once it is.
            ColumnLayout {
                objectName: "savingPanel"
                anchors { fill: parent; margins: Theme.margin }
                visible: CheckoutController.stage === CheckoutController.Saving
                spacing: Theme.spacing
                Item { Layout.fillHeight: true }
                BusyIndicator {
                    Layout.alignment: Qt.AlignHCenter
                    running: parent.visible
                }
                Text {
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("Saving the sale…")
                    font.pixelSize: Theme.fontLarge
                    color: Theme.text
                }
                Item { Layout.fillHeight: true }
            }
        }
    }

    AdjustDialog { id: adjustDialog; objectName: "adjustDialog" }
    ApprovalDialog { objectName: "approvalDialog" }
    HeldCartsDialog { id: heldDialog; objectName: "heldDialog" }
    ReturnDialog { id: returnDialog; objectName: "returnDialog" }
    CustomerDialog { id: customerDialog; objectName: "customerDialog" }

    // The next person to log in starts at checkout, not on the last manager's panels.
    Connections {
        target: LoginController
        function onSessionChanged() {
            if (!LoginController.loggedIn) {
                statusPanel.shown = false
                adminScreen.shown = false
            }
        }
    }

    // No shift open, a count or its result under way, or asked for: the shift screen covers
    // checkout (a cashier who logs in with no shift open lands on "Open shift").
    ShiftScreen {
        id: shiftScreen
        objectName: "shiftScreen"
        anchors.fill: parent
        z: 9
        visible: LoginController.loggedIn && ShiftController.screenShown
        onAdminRequested: adminScreen.shown = true
    }

    SyncStatusScreen {
        id: statusPanel
        objectName: "syncStatusPanel"
        property bool shown: false
        anchors.fill: parent
        z: 10
        visible: shown && LoginController.manager
        onClosed: shown = false
    }

    AdminScreen {
        id: adminScreen
        objectName: "adminScreen"
        property bool shown: false
        anchors.fill: parent
        z: 11
        visible: shown && LoginController.manager
        onClosed: shown = false
    }
}
