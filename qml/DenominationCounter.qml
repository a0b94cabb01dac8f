import QtQuick
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// Counting a drawer note by note: for each denomination of the store's currency, minus, the
// count (typed or stepped), plus, and what that line adds up to. Two columns.
GridView {
    id: grid
    clip: true
    interactive: contentHeight > height
    boundsBehavior: Flickable.StopAtBounds
    model: ShiftController.denominations
    cellWidth: Math.max(240, Math.floor(width / 2))
    cellHeight: Theme.touchTarget + 8
    delegate: Item {
        id: cell
        required property int index
        required property string label
        required property int count
        required property string amount
        width: GridView.view.cellWidth
        height: GridView.view.cellHeight
        Rectangle {
            anchors { fill: parent; margins: 3 }
            radius: Theme.radius
            color: cell.count > 0 ? Theme.surfaceAlt : Theme.surface
            border.color: Theme.border
            RowLayout {
                anchors { fill: parent; leftMargin: Theme.spacing; rightMargin: Theme.spacing }
                spacing: 6
                Text {
                    Layout.preferredWidth: 96
                    text: cell.label
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: Theme.text
                    horizontalAlignment: Text.AlignRight
                    elide: Text.ElideLeft
                }
                TouchButton {
                    objectName: "denomMinus" + cell.index
                    implicitWidth: 48
                    implicitHeight: 48
                    text: "\u2212"
                    Accessible.name: qsTr("One less %1").arg(cell.label)
                    enabled: cell.count > 0
                    onClicked: ShiftController.denominations.decrement(cell.index)
                }
                CountField {
                    objectName: "denomCount" + cell.index
                    Layout.preferredWidth: 64
                    value: cell.count
                    Accessible.name: qsTr("Number of %1").arg(cell.label)
                    onEdited: (n) => ShiftController.denominations.setCount(cell.index, n)
                }
                TouchButton {
                    objectName: "denomPlus" + cell.index
                    implicitWidth: 48
                    implicitHeight: 48
                    text: "+"
                    Accessible.name: qsTr("One more %1").arg(cell.label)
                    onClicked: ShiftController.denominations.increment(cell.index)
                }
                Text {
                    Layout.fillWidth: true
                    text: cell.amount
                    font.pixelSize: Theme.fontBody
                    color: cell.count > 0 ? Theme.text : Theme.textMuted
                    horizontalAlignment: Text.AlignRight
                    elide: Text.ElideLeft
                }
            }
        }
    }
}
