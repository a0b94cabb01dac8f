import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The shift: open it with a float counted note by note (or typed), cash paid in and out, the
// drawer opened without a sale, the X report, and the close with a blind count whose result
// (counted, expected, over or short) shows only once it is committed. Shown instead of checkout
// while no shift is open. ShiftController holds the state and the rules.
Rectangle {
    id: shiftScreen
    signal adminRequested()
    color: Theme.background
    readonly property int stage: ShiftController.stage
    readonly property bool counting: stage === ShiftController.Opening || stage === ShiftController.Counting

    onVisibleChanged: if (visible) { cashAmount.text = ""; cashReason.text = ""; typedAmount.text = "" }

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 64
        color: Theme.header
        RowLayout {
            anchors { fill: parent; leftMargin: Theme.margin; rightMargin: Theme.margin }
            spacing: Theme.spacing
            Text {
                text: qsTr("Shift, lane %1").arg(LoginController.terminalId)
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
            TouchButton {
                objectName: "shiftAdminButton"
                visible: LoginController.manager
                text: qsTr("Admin")
                implicitHeight: 48
                onClicked: shiftScreen.adminRequested()
            }
            TouchButton {
                objectName: "backToCheckout"
                visible: shiftScreen.stage === ShiftController.Overview
                text: qsTr("Back to checkout")
                implicitHeight: 48
                onClicked: ShiftController.hide()
            }
            TouchButton {
                objectName: "shiftLogout"
                text: qsTr("Log out")
                implicitHeight: 48
                onClicked: LoginController.logout()
            }
        }
    }

    // Opening and the blind count: the drawer counted by denomination, or the amount typed.
    RowLayout {
        visible: shiftScreen.counting
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: messageBar.top; margins: Theme.margin }
        spacing: Theme.margin
        FillCard {
            Layout.fillWidth: true
            Layout.fillHeight: true
            title: shiftScreen.stage === ShiftController.Opening
                   ? qsTr("Open shift: count the float")
                   : qsTr("Close shift: count the drawer")
            Text {
                Layout.fillWidth: true
                text: shiftScreen.stage === ShiftController.Opening
                      ? qsTr("Count the notes and coins you start with.")
                      : qsTr("Count every note and coin in the drawer. What the drawer should hold is shown after you close.")
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
            DenominationCounter {
                objectName: "denominationCounter"
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: ShiftController.countByDenomination
            }
        }
        FillCard {
            Layout.preferredWidth: 360
            Layout.fillHeight: true
            title: qsTr("Counted")
            Text {
                objectName: "countTotal"
                Layout.fillWidth: true
                text: ShiftController.denominations.total
                font.pixelSize: Theme.fontHuge
                font.bold: true
                color: Theme.text
                horizontalAlignment: Text.AlignRight
                elide: Text.ElideLeft
            }
            Text {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                text: qsTr("Or type the amount")
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
            TextField {
                id: typedAmount
                objectName: "typedAmount"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                horizontalAlignment: Text.AlignRight
                placeholderText: ShiftController.amountExample
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                Accessible.name: qsTr("Amount counted")
            }
            Item { Layout.fillHeight: true; Layout.minimumHeight: Theme.spacing }
            TouchButton {
                objectName: "commitCount"
                Layout.fillWidth: true
                implicitHeight: Theme.touchTargetLarge
                tone: "primary"
                fontSize: Theme.fontLarge
                text: shiftScreen.stage === ShiftController.Opening ? qsTr("Open shift") : qsTr("Close shift")
                onClicked: {
                    const ok = shiftScreen.stage === ShiftController.Opening
                             ? ShiftController.openShift(typedAmount.text)
                             : ShiftController.closeShift(typedAmount.text)
                    if (ok)
                        typedAmount.text = ""
                }
            }
            TouchButton {
                objectName: "cancelCount"
                Layout.fillWidth: true
                visible: shiftScreen.stage === ShiftController.Counting
                text: qsTr("Cancel")
                onClicked: { typedAmount.text = ""; ShiftController.cancelCount() }
            }
        }
    }

    // The open shift: cash in and out, no sale, the X report, the close.
    RowLayout {
        visible: shiftScreen.stage === ShiftController.Overview
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: messageBar.top; margins: Theme.margin }
        spacing: Theme.margin
        ColumnLayout {
            Layout.fillWidth: false
            Layout.preferredWidth: 520
            Layout.fillHeight: true
            spacing: Theme.margin
            Card {
                Layout.fillWidth: true
                title: qsTr("Current shift")
                Repeater {
                    model: [
                        { name: qsTr("Opened by"), value: ShiftController.openedBy },
                        { name: qsTr("Since"), value: ShiftController.openedAt },
                        { name: qsTr("Float"), value: ShiftController.floatAmount }
                    ]
                    RowLayout {
                        id: factRow
                        required property var modelData
                        Layout.fillWidth: true
                        Text {
                            Layout.preferredWidth: 180
                            text: factRow.modelData.name
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            elide: Text.ElideRight
                        }
                        Text {
                            Layout.fillWidth: true
                            text: factRow.modelData.value
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            horizontalAlignment: Text.AlignRight
                            elide: Text.ElideRight
                        }
                    }
                }
            }
            Card {
                Layout.fillWidth: true
                title: qsTr("Cash in or out")
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Above %1 a manager approves with their PIN.").arg(ShiftController.approvalLimit)
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    TextField {
                        id: cashAmount
                        objectName: "cashAmount"
                        Layout.preferredWidth: 150
                        Layout.preferredHeight: Theme.touchTarget
                        font.pixelSize: Theme.fontBody
                        horizontalAlignment: Text.AlignRight
                        placeholderText: ShiftController.amountExample
                        inputMethodHints: Qt.ImhFormattedNumbersOnly
                        Accessible.name: qsTr("Amount")
                    }
                    TextField {
                        id: cashReason
                        objectName: "cashReason"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touchTarget
                        font.pixelSize: Theme.fontBody
                        maximumLength: 200
                        placeholderText: qsTr("Reason")
                        Accessible.name: placeholderText
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    TouchButton {
                        objectName: "payInButton"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Paid in")
                        onClicked: if (ShiftController.payIn(cashAmount.text, cashReason.text)) { cashAmount.text = ""; cashReason.text = "" }
                    }
                    TouchButton {
                        objectName: "payOutButton"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Paid out")
                        onClicked: if (ShiftController.payOut(cashAmount.text, cashReason.text)) { cashAmount.text = ""; cashReason.text = "" }
                    }
                }
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                TouchButton {
                    objectName: "noSaleButton"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("No sale")
                    onClicked: ShiftController.noSale()
                }
                TouchButton {
                    objectName: "xReportButton"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: qsTr("X report")
                    onClicked: ShiftController.showXReport()
                }
                TouchButton {
                    objectName: "closeShiftButton"
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    implicitHeight: Theme.touchTargetLarge
                    tone: "danger"
                    text: qsTr("Close shift and count the drawer")
                    onClicked: { typedAmount.text = ""; ShiftController.startCount() }
                }
            }
            Item { Layout.fillHeight: true }
        }
        FillCard {
            Layout.fillWidth: true
            Layout.fillHeight: true
            title: qsTr("X report")
            Text {
                Layout.fillWidth: true
                visible: ShiftController.report.count === 0
                text: qsTr("The running totals of this shift: tap X report.")
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
            ReportView {
                objectName: "xReportView"
                Layout.fillWidth: true
                Layout.fillHeight: true
                model: ShiftController.report
            }
            TouchButton {
                Layout.alignment: Qt.AlignRight
                visible: ShiftController.report.count > 0
                text: qsTr("Print")
                onClicked: ShiftController.printReport()
            }
        }
    }

    // The result of the blind count, once committed.
    RowLayout {
        visible: shiftScreen.stage === ShiftController.Result
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: messageBar.top; margins: Theme.margin }
        spacing: Theme.margin
        ColumnLayout {
            Layout.fillWidth: false
            Layout.preferredWidth: 520
            Layout.fillHeight: true
            spacing: Theme.margin
            Card {
                Layout.fillWidth: true
                title: qsTr("Shift closed")
                Repeater {
                    model: [
                        { name: qsTr("Counted"), value: ShiftController.resultCounted, strong: false },
                        { name: qsTr("Expected"), value: ShiftController.resultExpected, strong: false },
                        { name: ShiftController.resultOverShortLabel, value: ShiftController.resultOverShort, strong: true }
                    ]
                    RowLayout {
                        id: resultRow
                        required property var modelData
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        Text {
                            Layout.fillWidth: true
                            text: resultRow.modelData.name
                            font.pixelSize: Theme.fontLarge
                            font.bold: resultRow.modelData.strong
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Text {
                            objectName: resultRow.modelData.strong ? "overShort" : ""
                            text: resultRow.modelData.value
                            font.pixelSize: resultRow.modelData.strong ? Theme.fontTitle : Theme.fontLarge
                            font.bold: resultRow.modelData.strong
                            color: !resultRow.modelData.strong ? Theme.text
                                 : ShiftController.resultSign < 0 ? Theme.danger
                                 : ShiftController.resultSign > 0 ? Theme.accent : Theme.success
                            horizontalAlignment: Text.AlignRight
                        }
                    }
                }
            }
            Text {
                Layout.fillWidth: true
                text: ShiftController.resultSign < 0
                      ? qsTr("The drawer holds less than it should. A manager sees the difference in the shift report.")
                      : ShiftController.resultSign > 0
                        ? qsTr("The drawer holds more than it should. A manager sees the difference in the shift report.")
                        : qsTr("The drawer holds exactly what it should.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
            Item { Layout.fillHeight: true }
            TouchButton {
                objectName: "finishShift"
                Layout.fillWidth: true
                implicitHeight: Theme.touchTargetLarge
                tone: "primary"
                fontSize: Theme.fontLarge
                text: qsTr("Done")
                onClicked: ShiftController.finish()
            }
        }
        FillCard {
            Layout.fillWidth: true
            Layout.fillHeight: true
            title: qsTr("Shift report")
            ReportView {
                objectName: "closedReportView"
                Layout.fillWidth: true
                Layout.fillHeight: true
                model: ShiftController.report
            }
            TouchButton {
                Layout.alignment: Qt.AlignRight
                text: qsTr("Print")
                onClicked: ShiftController.printReport()
            }
        }
    }

    Rectangle {
        id: messageBar
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        height: ShiftController.message === "" ? 0 : Math.max(48, shiftMessage.implicitHeight + Theme.spacing)
        radius: Theme.radius
        color: ShiftController.messageIsError ? Theme.danger : Theme.header
        Text {
            id: shiftMessage
            objectName: "shiftMessage"
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; leftMargin: Theme.margin; rightMargin: Theme.margin }
            text: ShiftController.message
            color: Theme.inkOnPrimary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }

    CashApprovalDialog { objectName: "cashApprovalDialog" }
}
