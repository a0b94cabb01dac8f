import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The manager's admin screen: reconciliation, its conflicts, failed cloud uploads, stock
// counts, employees, the UI language and the lane's settings. Rules and permissions are in
// AdminController; this screen shows and asks.
Rectangle {
    id: admin
    signal closed()
    property int section: 0
    color: Theme.background

    function when(iso) {
        if (!iso)
            return qsTr("never")
        const d = new Date(iso)
        if (isNaN(d.getTime()))
            return iso
        return d.toLocaleString(Qt.locale(), Locale.ShortFormat)
    }

    onVisibleChanged: {
        AdminController.setShown(visible)
        if (visible)
            AdminController.clearMessage()
    }

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 64
        color: Theme.header
        RowLayout {
            anchors { fill: parent; leftMargin: Theme.margin; rightMargin: Theme.margin }
            Text {
                Layout.fillWidth: true
                text: qsTr("Admin, lane %1").arg(LoginController.terminalId)
                color: Theme.inkOnHeader
                font.pixelSize: Theme.fontLarge
                font.bold: true
                elide: Text.ElideRight
            }
            TouchButton {
                objectName: "adminClose"
                text: qsTr("Close")
                implicitHeight: 48
                onClicked: admin.closed()
            }
        }
    }

    RowLayout {
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: messageBar.top; margins: Theme.margin }
        spacing: Theme.margin

        // Sections.
        ColumnLayout {
            Layout.preferredWidth: 240
            Layout.fillHeight: true
            spacing: Theme.spacing / 2
            Repeater {
                model: [qsTr("Reconciliation"), qsTr("Conflicts"), qsTr("Cloud uploads"),
                        qsTr("Stock count"), qsTr("Employees"), qsTr("Language"), qsTr("Settings"),
                        AdminController.heldMessages.length > 0
                            ? qsTr("Store time (%1)").arg(AdminController.heldMessages.length)
                            : qsTr("Store time")]
                TouchButton {
                    required property string modelData
                    required property int index
                    objectName: "adminSection" + index
                    Layout.fillWidth: true
                    text: modelData
                    tone: admin.section === index ? "primary" : "neutral"
                    onClicked: { admin.section = index; AdminController.clearMessage() }
                }
            }
            Item { Layout.fillHeight: true }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: admin.section

            // 0: Reconciliation
            ColumnLayout {
                spacing: Theme.spacing
                Card {
                    Layout.fillWidth: true
                    title: qsTr("Inventory reconciliation")
                    Fact {
                        name: qsTr("State")
                        value: AdminController.reconciling ? qsTr("running, started %1").arg(admin.when(AdminController.reconciliation.currentRunStartedAt))
                                                           : qsTr("idle")
                    }
                    Fact {
                        name: qsTr("Last result")
                        value: AdminController.describeResult(AdminController.reconciliation.result || "")
                        tint: (AdminController.reconciliation.result || "").startsWith("failed") ? Theme.danger : Theme.text
                    }
                    Fact { name: qsTr("Finished"); value: admin.when(AdminController.reconciliation.finishedAt) }
                    Fact {
                        name: qsTr("Lanes asked")
                        value: AdminController.reconciliation.finishedAt
                               ? qsTr("%1 asked, %2 answered").arg(AdminController.reconciliation.peersAsked).arg(AdminController.reconciliation.peersAnswered)
                               : "–"
                    }
                    Fact { name: qsTr("Products compared"); value: AdminController.reconciliation.productsCompared ?? "–" }
                    Fact { name: qsTr("Differences found"); value: AdminController.reconciliation.differences ?? "–" }
                    Fact { name: qsTr("Resolved"); value: AdminController.reconciliation.resolved ?? "–" }
                    Fact {
                        name: qsTr("Checksum after")
                        value: (AdminController.reconciliation.checksumAfter || "–").substring(0, 16)
                    }
                    Fact {
                        name: qsTr("Next scheduled run")
                        value: AdminController.reconciliation.nextRunAt ? admin.when(AdminController.reconciliation.nextRunAt) : qsTr("on demand only")
                    }
                    RowLayout {
                        spacing: Theme.spacing
                        TouchButton {
                            objectName: "reconcileNow"
                            text: qsTr("Reconcile now")
                            tone: "primary"
                            enabled: !AdminController.reconciling
                            onClicked: AdminController.reconcileNow()
                        }
                        BusyIndicator {
                            running: AdminController.reconciling
                            visible: running
                            implicitHeight: Theme.touchTarget
                            implicitWidth: Theme.touchTarget
                        }
                    }
                }
                Item { Layout.fillHeight: true }
            }

            // 1: Conflicts
            ColumnLayout {
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Differences reconciliation resolved by the latest stock figure. Set the right count to override.")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                ListView {
                    id: conflictList
                    objectName: "conflictList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: Theme.spacing / 2
                    model: AdminController.conflicts
                    ScrollBar.vertical: ScrollBar { }
                    delegate: Rectangle {
                        id: conflict
                        required property var modelData
                        width: conflictList.width - 12
                        height: conflictRow.implicitHeight + 2 * Theme.spacing
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.border
                        RowLayout {
                            id: conflictRow
                            anchors { fill: parent; margins: Theme.spacing }
                            spacing: Theme.spacing
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 2
                                Text {
                                    Layout.fillWidth: true
                                    text: conflict.modelData.productName || conflict.modelData.productId
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    color: Theme.text
                                    elide: Text.ElideRight
                                }
                                Text {
                                    Layout.fillWidth: true
                                    text: qsTr("Here %1 (%2) · lane %3: %4 (%5)")
                                          .arg(conflict.modelData.localStock).arg(admin.when(conflict.modelData.localUpdated))
                                          .arg(conflict.modelData.peer)
                                          .arg(conflict.modelData.remoteStock).arg(admin.when(conflict.modelData.remoteUpdated))
                                    font.pixelSize: Theme.fontSmall
                                    color: Theme.textMuted
                                    wrapMode: Text.Wrap
                                }
                                Text {
                                    Layout.fillWidth: true
                                    text: conflict.modelData.overridden
                                          ? qsTr("Chosen %1, overridden to %2 by %3 at %4")
                                                .arg(conflict.modelData.chosenStock).arg(conflict.modelData.overrideStock)
                                                .arg(conflict.modelData.overrideByName || conflict.modelData.overrideBy)
                                                .arg(admin.when(conflict.modelData.overrideAt))
                                          : qsTr("Chosen %1 (lane %2) at %3")
                                                .arg(conflict.modelData.chosenStock).arg(conflict.modelData.chosenFrom)
                                                .arg(admin.when(conflict.modelData.resolvedAt))
                                    font.pixelSize: Theme.fontSmall
                                    color: conflict.modelData.overridden ? Theme.accent : Theme.text
                                    wrapMode: Text.Wrap
                                }
                            }
                            TextField {
                                id: overrideField
                                Layout.preferredWidth: 110
                                Layout.preferredHeight: Theme.touchTarget
                                font.pixelSize: Theme.fontBody
                                inputMethodHints: Qt.ImhDigitsOnly
                                validator: IntValidator { bottom: 0; top: 1000000000 }
                                placeholderText: qsTr("Count")
                                Accessible.name: qsTr("Correct stock for %1").arg(conflict.modelData.productName)
                            }
                            TouchButton {
                                text: qsTr("Override")
                                enabled: overrideField.text !== ""
                                onClicked: if (AdminController.overrideConflict(conflict.modelData.id, overrideField.text)) overrideField.text = ""
                            }
                        }
                    }
                    Text {
                        anchors.centerIn: parent
                        visible: conflictList.count === 0
                        text: qsTr("No conflicts: every reconciliation so far agreed.")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                }
            }

            // 2: Cloud uploads
            ColumnLayout {
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    text: !AdminController.cloudEnabled ? qsTr("Cloud sync is off on this lane (no supabaseUrl and key).")
                          : failedList.count === 0 && AdminController.relayedFailed === 0
                            ? qsTr("No failed uploads.")
                            : qsTr("Messages the cloud refused after every retry. Fix the cause, then retry them.")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                TouchButton {
                    objectName: "retryFailed"
                    visible: AdminController.cloudEnabled && (failedList.count > 0 || AdminController.relayedFailed > 0)
                    text: qsTr("Retry failed uploads (%n)", "", failedList.count + AdminController.relayedFailed)
                    tone: "accent"
                    onClicked: AdminController.retryFailed()
                }
                ListView {
                    id: failedList
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 4
                    model: AdminController.failedMessages
                    ScrollBar.vertical: ScrollBar { }
                    delegate: Rectangle {
                        id: failedRow
                        required property var modelData
                        width: failedList.width - 12
                        height: failedText.implicitHeight + 2 * Theme.spacing
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.border
                        Text {
                            id: failedText
                            anchors { fill: parent; margins: Theme.spacing }
                            text: qsTr("%1 · %2 · tries: %n\n%3", "", failedRow.modelData.retries)
                                  .arg(failedRow.modelData.topic).arg(admin.when(failedRow.modelData.createdAt))
                                  .arg(failedRow.modelData.lastError || qsTr("no reason given"))
                            font.pixelSize: Theme.fontSmall
                            color: Theme.text
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }

            // 3: Stock count
            ColumnLayout {
                id: countPage
                spacing: Theme.spacing
                property var found: []
                property string productId: ""
                property string productName: ""
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Find the product by barcode, SKU or name, then enter what is on the shelf. Every lane receives the count.")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    TextField {
                        id: countSearch
                        objectName: "countSearch"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touchTarget
                        font.pixelSize: Theme.fontBody
                        placeholderText: qsTr("Barcode, SKU or name")
                        Accessible.name: placeholderText
                        onAccepted: countPage.found = AdminController.findProducts(text)
                    }
                    TouchButton {
                        text: qsTr("Find")
                        onClicked: countPage.found = AdminController.findProducts(countSearch.text)
                    }
                }
                ListView {
                    id: foundList
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.min(contentHeight, 5 * (Theme.touchTarget + 4))
                    clip: true
                    spacing: 4
                    model: countPage.found
                    delegate: TouchButton {
                        required property var modelData
                        width: foundList.width
                        text: qsTr("%1 (%2): %3 in stock").arg(modelData.name).arg(modelData.sku).arg(modelData.stock)
                        tone: countPage.productId === modelData.productId ? "primary" : "neutral"
                        onClicked: { countPage.productId = modelData.productId; countPage.productName = modelData.name; countField.forceActiveFocus() }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    visible: countPage.productId !== ""
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Count for %1").arg(countPage.productName)
                        font.pixelSize: Theme.fontBody
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    TextField {
                        id: countField
                        objectName: "countField"
                        Layout.preferredWidth: 140
                        Layout.preferredHeight: Theme.touchTarget
                        font.pixelSize: Theme.fontBody
                        validator: IntValidator { bottom: 0; top: 1000000000 }
                        inputMethodHints: Qt.ImhDigitsOnly
                        placeholderText: qsTr("Units")
                        Accessible.name: qsTr("Units on the shelf")
                    }
                    TouchButton {
                        text: qsTr("Save count")
                        tone: "primary"
                        enabled: countField.text !== ""
                        onClicked: if (AdminController.recordCount(countPage.productId, countField.text)) {
                            countField.text = ""
                            countPage.found = AdminController.findProducts(countSearch.text)
                        }
                    }
                }
                Item { Layout.fillHeight: true }
            }

            // 4: Employees
            RowLayout {
                id: employeesPage
                spacing: Theme.margin
                property var editing: ({ id: "", name: "", role: "cashier", active: true, discountLimit: "0" })
                function edit(e) {
                    editing = e
                    nameField.text = e.name
                    roleBox.currentIndex = e.role === "manager" ? 1 : 0
                    activeBox.checked = e.active
                    limitField.text = e.discountLimit
                    pinField.text = ""
                }
                ListView {
                    id: employeeList
                    Layout.preferredWidth: 320
                    Layout.fillHeight: true
                    clip: true
                    spacing: 4
                    model: AdminController.employees
                    ScrollBar.vertical: ScrollBar { }
                    header: Item {
                        width: employeeList.width
                        height: newEmployee.height + Theme.spacing
                        TouchButton {
                            id: newEmployee
                            width: parent.width
                            text: qsTr("+ New employee")
                            tone: "accent"
                            onClicked: employeesPage.edit({ id: "", name: "", role: "cashier", active: true, discountLimit: "0" })
                        }
                    }
                    delegate: TouchButton {
                        required property var modelData
                        width: employeeList.width
                        text: modelData.name + " · " + (modelData.role === "manager" ? qsTr("Manager") : qsTr("Cashier"))
                              + (modelData.active ? "" : " · " + qsTr("inactive"))
                              + (modelData.locked ? " · " + qsTr("locked") : "")
                        tone: employeesPage.editing.id === modelData.id ? "primary" : "neutral"
                        onClicked: employeesPage.edit(modelData)
                    }
                }
                Card {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    title: employeesPage.editing.id === "" ? qsTr("New employee") : qsTr("Edit %1").arg(employeesPage.editing.name)
                    GridLayout {
                        Layout.fillWidth: true
                        columns: 2
                        columnSpacing: Theme.spacing
                        rowSpacing: Theme.spacing
                        Text { text: qsTr("Name"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                        TextField {
                            id: nameField
                            objectName: "employeeName"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touchTarget
                            font.pixelSize: Theme.fontBody
                            Accessible.name: qsTr("Name")
                        }
                        Text { text: qsTr("Role"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                        ComboBox {
                            id: roleBox
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touchTarget
                            font.pixelSize: Theme.fontBody
                            model: [qsTr("Cashier"), qsTr("Manager")]
                            Accessible.name: qsTr("Role")
                        }
                        Text { text: qsTr("New PIN"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                        TextField {
                            id: pinField
                            objectName: "employeePin"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touchTarget
                            font.pixelSize: Theme.fontBody
                            echoMode: TextInput.Password
                            inputMethodHints: Qt.ImhDigitsOnly
                            validator: RegularExpressionValidator { regularExpression: /[0-9]{0,8}/ }
                            placeholderText: employeesPage.editing.id === "" ? qsTr("4 to 8 digits") : qsTr("leave empty to keep")
                            Accessible.name: qsTr("New PIN")
                        }
                        Text { text: qsTr("Discount limit %"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                        TextField {
                            id: limitField
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touchTarget
                            font.pixelSize: Theme.fontBody
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            text: "0"
                            Accessible.name: qsTr("Discount limit in percent")
                        }
                        Item { width: 1; height: 1 }
                        CheckBox {
                            id: activeBox
                            checked: true
                            text: qsTr("Active (can log in)")
                            font.pixelSize: Theme.fontBody
                            Accessible.name: text
                        }
                    }
                    TouchButton {
                        objectName: "saveEmployee"
                        text: qsTr("Save")
                        tone: "primary"
                        onClicked: {
                            const ok = AdminController.saveEmployee({
                                id: employeesPage.editing.id,
                                name: nameField.text,
                                role: roleBox.currentIndex === 1 ? "manager" : "cashier",
                                pin: pinField.text,
                                active: activeBox.checked,
                                discountLimit: limitField.text
                            })
                            if (ok)
                                pinField.text = ""
                        }
                    }
                }
            }

            // 5: Language
            ColumnLayout {
                spacing: Theme.spacing
                Text {
                    text: qsTr("Language of this lane's screens")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
                Repeater {
                    model: LanguageController.languages
                    TouchButton {
                        required property var modelData
                        objectName: "language_" + modelData.code
                        Layout.preferredWidth: 320
                        text: modelData.name
                        tone: LanguageController.language === modelData.code ? "primary" : "neutral"
                        onClicked: LanguageController.setLanguage(modelData.code)
                    }
                }
                Item { Layout.fillHeight: true }
            }

            // 6: Settings
            ColumnLayout {
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Read only: change them in the settings file, the environment or on the command line, then restart the lane.")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                ListView {
                    id: settingsList
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: AdminController.settings
                    ScrollBar.vertical: ScrollBar { }
                    delegate: Fact {
                        required property var modelData
                        width: settingsList.width - 12
                        nameWidth: 260
                        name: modelData.key
                        value: modelData.value
                    }
                }
            }

            // 7: Store time: clocks that disagree, and messages held for a time too far ahead.
            ColumnLayout {
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    text: SyncStatusController.clockWarning !== "" ? SyncStatusController.clockWarning
                          : qsTr("Every lane's clock agrees with the store's time.")
                    font.pixelSize: Theme.fontBody
                    color: SyncStatusController.clockWarning !== "" ? Theme.danger : Theme.text
                    wrapMode: Text.Wrap
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("A message stamped too far ahead of the store's time is kept here instead of changing stock with a time that has not come. It is applied by itself when its time comes; accept it to apply it now, on every lane.")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                ListView {
                    id: heldList
                    objectName: "heldList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: Theme.spacing / 2
                    model: AdminController.heldMessages
                    ScrollBar.vertical: ScrollBar { }
                    delegate: Rectangle {
                        id: heldRow
                        required property var modelData
                        required property int index
                        width: heldList.width - 12
                        height: heldLayout.implicitHeight + 2 * Theme.spacing
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.border
                        RowLayout {
                            id: heldLayout
                            anchors { fill: parent; margins: Theme.spacing }
                            spacing: Theme.spacing
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 2
                                Text {
                                    Layout.fillWidth: true
                                    text: heldRow.modelData.what
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    color: Theme.text
                                    elide: Text.ElideRight
                                }
                                Text {
                                    Layout.fillWidth: true
                                    text: qsTr("From lane %1 · stamped %2, %3 ahead · held since %4")
                                          .arg(heldRow.modelData.origin).arg(admin.when(heldRow.modelData.stampedAt))
                                          .arg(heldRow.modelData.ahead).arg(admin.when(heldRow.modelData.heldAt))
                                    font.pixelSize: Theme.fontSmall
                                    color: Theme.textMuted
                                    wrapMode: Text.Wrap
                                }
                            }
                            TouchButton {
                                objectName: "acceptHeld" + heldRow.index
                                text: qsTr("Accept now")
                                tone: "accent"
                                Accessible.name: qsTr("Accept %1 now").arg(heldRow.modelData.what)
                                onClicked: AdminController.acceptHeld(heldRow.modelData.id)
                            }
                        }
                    }
                    Text {
                        anchors.centerIn: parent
                        visible: heldList.count === 0
                        text: qsTr("No message is held.")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                }
            }
        }
    }

    Rectangle {
        id: messageBar
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        height: AdminController.message === "" ? 0 : Math.max(48, adminMessage.implicitHeight + Theme.spacing)
        radius: Theme.radius
        color: AdminController.messageIsError ? Theme.danger : Theme.header
        Text {
            id: adminMessage
            objectName: "adminMessage"
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; leftMargin: Theme.margin; rightMargin: Theme.margin }
            text: AdminController.message
            color: Theme.inkOnPrimary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }
}
