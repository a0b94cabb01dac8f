import QtQuick
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's language page: the UI language of this lane, switched at once.
ColumnLayout {
    spacing: Theme.spacing
    Text {
        text: qsTr("Language of this lane's screens")
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
    }
    Repeater {
        model: LanguageController.languages
        TouchButton {
            required property var modelData
            objectName: "language_" + modelData.code
            Layout.preferredWidth: 320
            text: modelData.name
            tone: LanguageController.language === modelData.code ? "primary" : "neutral"
            onClicked: LanguageController.setLanguage(modelData.code)
        }
    }
    Item { Layout.fillHeight: true }
}
