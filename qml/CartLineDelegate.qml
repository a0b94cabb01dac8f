import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane

// One cart line: name, unit price, quantity with - and +, line total, remove.
Rectangle {
    id: line
    required property int index
    required property string name
    required property int quantity
    required property string unitPrice
    required property string lineTotal
    required property string note
    property bool editable: true
    signal increment()
    signal decrement()
    signal remove()
    // Tapping the name: change the price or give a discount.
    signal adjust()

    implicitHeight: 76
    color: index % 2 ? Theme.surfaceAlt : Theme.surface

    RowLayout {
        anchors { fill: parent; leftMargin: Theme.spacing; rightMargin: Theme.spacing }
        spacing: Theme.spacing / 2
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            objectName: "lineInfo"
            Text {
                Layout.fillWidth: true
                text: line.name
                font.pixelSize: Theme.fontBody - 1
                color: Theme.text
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
            }
            Text {
                Layout.fillWidth: true
                text: line.note === "" ? qsTr("%1 each").arg(line.unitPrice)
                                       : qsTr("%1 each").arg(line.unitPrice) + " \u00b7 " + line.note
                font.pixelSize: Theme.fontSmall
                color: line.note === "" ? Theme.textMuted : Theme.accent
                elide: Text.ElideRight
            }
            TapHandler {
                enabled: line.editable
                onTapped: line.adjust()
            }
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Change price or discount of %1").arg(line.name)
        }
        TouchButton {
            objectName: "decrement"
            text: "\u2212"
            implicitWidth: 48
            implicitHeight: 48
            fontSize: Theme.fontLarge
            enabled: line.editable
            Accessible.name: qsTr("Fewer %1").arg(line.name)
            onClicked: line.decrement()
        }
        Text {
            objectName: "quantity"
            Layout.preferredWidth: 36
            horizontalAlignment: Text.AlignHCenter
            text: line.quantity
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
        }
        TouchButton {
            objectName: "increment"
            text: "+"
            implicitWidth: 48
            implicitHeight: 48
            fontSize: Theme.fontLarge
            enabled: line.editable
            Accessible.name: qsTr("More %1").arg(line.name)
            onClicked: line.increment()
        }
        Text {
            objectName: "lineTotal"
            Layout.preferredWidth: 92
            horizontalAlignment: Text.AlignRight
            text: line.lineTotal
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.text
        }
        TouchButton {
            objectName: "remove"
            text: "\u2715"
            implicitWidth: 48
            implicitHeight: 48
            tone: "neutral"
            enabled: line.editable
            Accessible.name: qsTr("Remove %1").arg(line.name)
            onClicked: line.remove()
        }
    }
}
