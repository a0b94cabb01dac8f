import QtQuick
import QtQuick.Controls.Basic
import EuphoriaLane

// A large, finger-sized button in one of the theme's tones.
Button {
    id: control
    property string tone: "neutral" // neutral | primary | accent | danger
    property int fontSize: Theme.fontBody

    implicitHeight: Theme.touchTarget
    implicitWidth: Math.max(Theme.touchTarget, contentItem.implicitWidth + 2 * Theme.margin)
    Accessible.name: text
    focusPolicy: Qt.NoFocus

    readonly property color fill: tone === "primary" ? Theme.primary
                                : tone === "accent" ? Theme.accent
                                : tone === "danger" ? Theme.danger : Theme.surface
    readonly property color ink: tone === "neutral" ? Theme.text
                               : tone === "accent" ? Theme.text : Theme.inkOnPrimary

    contentItem: Text {
        text: control.text
        font.pixelSize: control.fontSize
        font.bold: control.tone !== "neutral"
        color: control.enabled ? control.ink : Theme.textMuted
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
        wrapMode: Text.WordWrap
        maximumLineCount: 2
    }
    background: Rectangle {
        radius: Theme.radius
        color: !control.enabled ? Theme.surfaceAlt
             : control.down ? Qt.darker(control.fill, 1.15) : control.fill
        border.color: control.tone === "neutral" ? Theme.border : "transparent"
        border.width: 1
    }
}
