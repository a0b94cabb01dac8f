import QtQuick
import QtQuick.Controls.Basic
import EuphoriaLane

// A whole number typed in a small box (a count of notes): shows value, reports what was typed.
TextField {
    id: field
    property int value: 0
    signal edited(int n)
    implicitHeight: 48
    font.pixelSize: Theme.fontBody
    horizontalAlignment: Text.AlignHCenter
    inputMethodHints: Qt.ImhDigitsOnly
    validator: IntValidator { bottom: 0; top: 9999 }
    text: String(value)
    onValueChanged: if (!activeFocus) text = String(value)
    onTextEdited: edited(text === "" ? 0 : parseInt(text))
    onActiveFocusChanged: {
        if (activeFocus)
            selectAll()
        else
            text = String(value)
    }
}
