import QtQuick
import QtQuick.Layouts
import EuphoriaLane

// A titled white panel that fills the space it is given (Card sizes to its content): its
// children are laid out in a column that can hold a view with Layout.fillHeight.
Rectangle {
    id: card
    default property alias content: body.data
    property string title
    color: Theme.surface
    radius: Theme.radius
    border.color: Theme.border
    Text {
        id: titleText
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.margin }
        text: card.title
        font.pixelSize: Theme.fontBody
        font.bold: true
        color: Theme.text
        elide: Text.ElideRight
    }
    ColumnLayout {
        id: body
        anchors { left: parent.left; right: parent.right; top: titleText.bottom; bottom: parent.bottom; margins: Theme.margin }
        spacing: 6
    }
}
