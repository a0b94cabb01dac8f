import QtQuick
import QtQuick.Layouts
import EuphoriaLane

// One labelled value in a Card: "Last sync   12:04".
RowLayout {
    id: fact
    property string name
    property string value
    property color tint: Theme.text
    property int nameWidth: 210
    Layout.fillWidth: true
    Text {
        text: fact.name
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        Layout.preferredWidth: Math.min(fact.nameWidth, fact.width * 0.4)
        Layout.alignment: Qt.AlignTop
        wrapMode: Text.Wrap
    }
    Text {
        text: fact.value
        color: fact.tint
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
        wrapMode: Text.Wrap
    }
}
