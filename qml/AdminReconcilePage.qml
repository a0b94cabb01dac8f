import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's reconciliation page: the last run's result and a run on demand.
ColumnLayout {
    id: reconcilePage
    spacing: Theme.spacing
    // Reconciler::status(): a map whose members depend on the runs so far (see its header).
    readonly property var run: AdminController.reconciliation
    Card {
        Layout.fillWidth: true
        title: qsTr("Inventory reconciliation")
        Fact {
            name: qsTr("State")
            value: AdminController.reconciling ? qsTr("running, started %1").arg(Dates.when(reconcilePage.run.currentRunStartedAt))
                                               : qsTr("idle")
        }
        Fact {
            name: qsTr("Last result")
            value: AdminController.describeResult(reconcilePage.run.result || "")
            tint: (reconcilePage.run.result || "").startsWith("failed") ? Theme.danger : Theme.text
        }
        Fact { name: qsTr("Finished"); value: Dates.when(reconcilePage.run.finishedAt) }
        Fact {
            name: qsTr("Lanes asked")
            value: reconcilePage.run.finishedAt
                   ? qsTr("%1 asked, %2 answered").arg(reconcilePage.run.peersAsked).arg(reconcilePage.run.peersAnswered)
                   : "–"
        }
        Fact { name: qsTr("Products compared"); value: reconcilePage.run.productsCompared ?? "–" }
        Fact { name: qsTr("Differences found"); value: reconcilePage.run.differences ?? "–" }
        Fact { name: qsTr("Resolved"); value: reconcilePage.run.resolved ?? "–" }
        Fact {
            name: qsTr("Checksum after")
            value: (reconcilePage.run.checksumAfter || "–").substring(0, 16)
        }
        Fact {
            name: qsTr("Next scheduled run")
            value: reconcilePage.run.nextRunAt ? Dates.when(reconcilePage.run.nextRunAt) : qsTr("on demand only")
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
