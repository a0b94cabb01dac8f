import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's cloud uploads page: messages refused for good, and a retry.
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
            required property var model
            width: ListView.view.width - 12
            height: failedText.implicitHeight + 2 * Theme.spacing
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            Text {
                id: failedText
                anchors { fill: parent; margins: Theme.spacing }
                text: qsTr("%1 · %2 · tries: %n\n%3", "", failedRow.model.retries)
                      .arg(failedRow.model.topic).arg(Dates.when(failedRow.model.createdAt))
                      .arg(failedRow.model.lastError || qsTr("no reason given"))
                font.pixelSize: Theme.fontSmall
                color: Theme.text
                wrapMode: Text.Wrap
            }
        }
    }
}
