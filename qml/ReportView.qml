import QtQuick
import QtQuick.Layouts
import EuphoriaLane

// The rows of a report (ReportLayout through a controller's model): headings, label and amount
// lines with the amount right-aligned, totals in bold, separators. Scrolls when long.
ListView {
    id: view
    clip: true
    spacing: 0
    boundsBehavior: Flickable.StopAtBounds
    delegate: Item {
        id: line
        required property string label
        required property string amount
        required property string style
        width: ListView.view.width
        height: line.style === "separator" ? 17
              : line.style === "heading" ? 44 : 30
        Rectangle {
            visible: line.style === "separator"
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter }
            height: 1
            color: Theme.border
        }
        Rectangle {
            visible: line.style === "total"
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: 1
            color: Theme.border
        }
        RowLayout {
            visible: line.style !== "separator"
            anchors { fill: parent; leftMargin: line.style === "heading" ? 0 : Theme.spacing; rightMargin: Theme.spacing / 2 }
            spacing: Theme.spacing
            Text {
                Layout.fillWidth: true
                Layout.alignment: line.style === "heading" ? Qt.AlignBottom : Qt.AlignVCenter
                text: line.label
                font.pixelSize: line.style === "heading" ? Theme.fontBody : Theme.fontSmall + 1
                font.bold: line.style !== "normal"
                color: line.style === "heading" ? Theme.primary : Theme.text
                elide: Text.ElideRight
            }
            Text {
                Layout.alignment: Qt.AlignVCenter
                text: line.amount
                font.pixelSize: Theme.fontSmall + 1
                font.bold: line.style === "total"
                color: Theme.text
                horizontalAlignment: Text.AlignRight
            }
        }
    }
}
