import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's reconciliation page: the last run's result and a run on demand.
ColumnLayout {
    spacing: Theme.spacing
    Card {
        Layout.fillWidth: true
        title: qsTr("Inventory reconciliation")
        Fact {
            name: qsTr("State")
            value: AdminController.reconciling ? qsTr("running, started %1").arg(Dates.when(AdminController.reconciliation.currentRunStartedAt))
                                               : qsTr("idle")
        }
        Fact {
            name: qsTr("Last result")
            value: AdminController.describeResult(AdminController.reconciliation.result || "")
            tint: (AdminController.reconciliation.result || "").startsWith("failed") ? Theme.danger : Theme.text
        }
        Fact { name: qsTr("Finished"); value: Dates.when(AdminController.reconciliation.finishedAt) }
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
            value: AdminController.reconciliation.nextRunAt ? Dates.when(AdminController.reconciliation.nextRunAt) : qsTr("on demand only")
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
