import QtQuick
import EuphoriaLane

// A small rounded label beside a name: "placeholder", "inactive".
Rectangle {
    id: badge
    property alias text: label.text
    property color fill: Theme.accent
    property color ink: Theme.text
    implicitWidth: label.implicitWidth + Theme.spacing
    implicitHeight: label.implicitHeight + 4
    radius: height / 2
    color: badge.fill
    Text {
        id: label
        anchors.centerIn: parent
        font.pixelSize: Theme.fontSmall - 2
        font.bold: true
        color: badge.ink
    }
}
