import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The manager's sync status panel (seed "Monitoring"): peers, the outbox, the cloud, the last
// reconciliation and clock warnings, live from SyncStatusController.
Rectangle {
    id: panel
    signal closed()
    color: Theme.background

    function when(iso) {
        if (!iso)
            return qsTr("never")
        const d = new Date(iso)
        if (isNaN(d.getTime()))
            return iso
        // Today: the time is enough; before: date and time.
        return d.toDateString() === new Date().toDateString()
               ? d.toLocaleTimeString(Qt.locale(), Locale.ShortFormat)
               : d.toLocaleString(Qt.locale(), Locale.ShortFormat)
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
                text: qsTr("Sync status, lane %1").arg(LoginController.terminalId)
                color: Theme.inkOnHeader
                font.pixelSize: Theme.fontLarge
                font.bold: true
                elide: Text.ElideRight
            }
            Text {
                objectName: "printerLine"
                visible: SyncStatusController.printerLine !== ""
                text: SyncStatusController.printerLine
                color: SyncStatusController.printerProblem ? Theme.accent : Theme.inkOnHeader
                font.pixelSize: Theme.fontBody
                font.bold: SyncStatusController.printerProblem
            }
            TouchButton {
                text: qsTr("Close")
                implicitHeight: 48
                onClicked: panel.closed()
            }
        }
    }

    component Count: ColumnLayout {
        property string name
        property var value
        property color tint: Theme.text
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        spacing: 2
        Text { text: parent.value; color: parent.tint; font.pixelSize: Theme.fontTitle; font.bold: true; Layout.alignment: Qt.AlignHCenter }
        Text {
            text: parent.name; color: Theme.textMuted; font.pixelSize: Theme.fontSmall
            Layout.fillWidth: true; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.Wrap
        }
    }

    RowLayout {
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        spacing: Theme.margin

        // Peers.
        Card {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 3
            title: SyncStatusController.configuredPeers > 0 || SyncStatusController.peers.count > 0
                   ? qsTr("Peer lanes: %1 of %2 connected").arg(SyncStatusController.connectedPeers)
                         .arg(Math.max(SyncStatusController.configuredPeers, SyncStatusController.peers.count))
                   : qsTr("Peer lanes")
            Text {
                Layout.fillWidth: true
                visible: !SyncStatusController.peerSyncRunning
                text: SyncStatusController.peerSyncProblem !== ""
                      ? qsTr("Peer sync is off: %1").arg(SyncStatusController.peerSyncProblem)
                      : qsTr("Peer sync is off on this lane.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }
            Text {
                Layout.fillWidth: true
                visible: SyncStatusController.peerSyncRunning && SyncStatusController.peers.count === 0
                text: qsTr("No peer lane has connected yet.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
            }
            Repeater {
                model: SyncStatusController.peers
                delegate: Rectangle {
                    required property string terminalId
                    required property string linkState
                    required property bool connected
                    required property string since
                    required property string lastMessageAt
                    required property int unacked
                    required property int rejects
                    required property string lastError
                    required property string channel
                    required property string storeKey
                    Layout.fillWidth: true
                    implicitHeight: peerRow.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surfaceAlt
                    Accessible.name: qsTr("Lane %1: %2").arg(terminalId).arg(stateText.text)
                    RowLayout {
                        id: peerRow
                        anchors { fill: parent; margins: Theme.spacing }
                        spacing: Theme.spacing
                        Rectangle {
                            width: 16; height: 16; radius: 8
                            color: connected ? Theme.success
                                 : linkState === "backing_off" || linkState === "connecting"
                                   || linkState === "handshaking" ? Theme.accent : Theme.danger
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Text {
                                id: stateText
                                Layout.fillWidth: true
                                text: qsTr("Lane %1").arg(terminalId) + " · "
                                      + (connected ? qsTr("connected")
                                         : linkState === "backing_off" ? qsTr("reconnecting")
                                         : linkState === "connecting" || linkState === "handshaking" ? qsTr("connecting")
                                         : linkState === "refused" ? qsTr("refused (store key or version)")
                                         : qsTr("unreachable"))
                                font.pixelSize: Theme.fontBody
                                font.bold: true
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            Text {
                                Layout.fillWidth: true
                                text: qsTr("Last seen %1").arg(panel.when(lastMessageAt))
                                      + (connected ? "" : " · " + qsTr("down since %1").arg(panel.when(since)))
                                      + (connected && channel === "encrypted" ? " · " + qsTr("encrypted, store key %1").arg(storeKey) : "")
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                                wrapMode: Text.Wrap
                            }
                            Text {
                                Layout.fillWidth: true
                                visible: channel === "plaintext"
                                text: qsTr("Not encrypted: this link is plaintext by the store's choice; anyone on the network can read and alter it")
                                font.pixelSize: Theme.fontSmall
                                font.bold: true
                                color: Theme.danger
                                wrapMode: Text.Wrap
                            }
                            Text {
                                Layout.fillWidth: true
                                visible: lastError !== "" && !connected
                                text: lastError
                                font.pixelSize: Theme.fontSmall
                                color: Theme.danger
                                wrapMode: Text.Wrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                            }
                        }
                        Count { Layout.fillWidth: false; Layout.preferredWidth: 110; name: qsTr("not acked"); value: unacked; tint: unacked > 0 ? Theme.accent : Theme.text }
                        Count { Layout.fillWidth: false; Layout.preferredWidth: 110; name: qsTr("rejected"); value: rejects; tint: rejects > 0 ? Theme.danger : Theme.text }
                    }
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 2
            spacing: Theme.margin

            Card {
                Layout.fillWidth: true
                title: qsTr("Outbox")
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Count { name: qsTr("pending"); value: SyncStatusController.pending }
                    Count { name: qsTr("at a peer"); value: SyncStatusController.peerAcked }
                    Count { name: qsTr("in the cloud"); value: SyncStatusController.cloudAcked; tint: Theme.success }
                    Count { name: qsTr("failed"); value: SyncStatusController.failed; tint: SyncStatusController.failed > 0 ? Theme.danger : Theme.text }
                }
            }
            Card {
                Layout.fillWidth: true
                title: qsTr("Cloud")
                Fact {
                    name: qsTr("State")
                    value: !SyncStatusController.cloudEnabled ? qsTr("off (no Supabase settings)")
                         : SyncStatusController.cloud.ok ? qsTr("reachable")
                         : SyncStatusController.cloud.lastError ? qsTr("not syncing") : qsTr("no upload yet")
                    tint: SyncStatusController.cloudEnabled && !SyncStatusController.cloud.ok && SyncStatusController.cloud.lastError
                          ? Theme.danger : Theme.text
                }
                Fact {
                    visible: SyncStatusController.cloudEnabled
                    name: qsTr("Last successful sync")
                    value: panel.when(SyncStatusController.cloud.lastSuccessAt)
                }
                Fact {
                    visible: SyncStatusController.cloudEnabled && !!SyncStatusController.cloud.lastError
                    name: qsTr("Last error")
                    value: SyncStatusController.cloud.lastError || ""
                    tint: Theme.danger
                }
                TouchButton {
                    visible: SyncStatusController.cloudEnabled && SyncStatusController.failed > 0
                    text: qsTr("Retry failed uploads (%n)", "", SyncStatusController.failed)
                    tone: "accent"
                    onClicked: SyncStatusController.retryFailedUploads()
                }
            }
            Card {
                Layout.fillWidth: true
                title: qsTr("Inventory reconciliation")
                Fact {
                    name: qsTr("Last run")
                    value: SyncStatusController.reconciliation.finishedAt
                           ? qsTr("%1: %2, %3 differences, %4 resolved")
                                 .arg(panel.when(SyncStatusController.reconciliation.finishedAt))
                                 .arg(AdminController.describeResult(SyncStatusController.reconciliation.result))
                                 .arg(SyncStatusController.reconciliation.differences)
                                 .arg(SyncStatusController.reconciliation.resolved)
                           : qsTr("not run yet")
                }
                Fact {
                    name: qsTr("Next run")
                    value: SyncStatusController.reconciliation.running ? qsTr("running now")
                         : SyncStatusController.reconciliation.nextRunAt ? panel.when(SyncStatusController.reconciliation.nextRunAt)
                         : qsTr("on demand only")
                }
                TouchButton {
                    text: qsTr("Reconcile now")
                    enabled: SyncStatusController.peerSyncRunning && !SyncStatusController.reconciliation.running
                    onClicked: SyncStatusController.reconcileNow()
                }
            }
            Card {
                Layout.fillWidth: true
                visible: SyncStatusController.clockWarning !== ""
                title: qsTr("Clock")
                Fact { name: qsTr("Warning"); value: SyncStatusController.clockWarning; tint: Theme.danger }
            }
            Text {
                Layout.fillWidth: true
                visible: SyncStatusController.message !== ""
                text: SyncStatusController.message
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }
            Item { Layout.fillHeight: true }
        }
    }
}
