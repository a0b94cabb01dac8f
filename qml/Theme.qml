pragma Singleton
import QtQuick

// Sizes, colours and fonts of the lane's UI: one place to keep it consistent and touchable.
QtObject {
    readonly property color background: "#eef1f4"
    readonly property color surface: "#ffffff"
    readonly property color surfaceAlt: "#f7f8fa"
    readonly property color border: "#d9dee5"
    readonly property color text: "#17202a"
    readonly property color textMuted: "#5d6b7a"
    readonly property color primary: "#0e6e6b"
    readonly property color primaryPressed: "#0a5350"
    readonly property color inkOnPrimary: "#ffffff"
    readonly property color accent: "#f0a020"
    readonly property color danger: "#b42318"
    readonly property color success: "#1f7a3a"
    readonly property color header: "#15303f"
    readonly property color inkOnHeader: "#ffffff"

    readonly property int touchTarget: 56
    readonly property int touchTargetLarge: 72
    readonly property int radius: 10
    readonly property int spacing: 12
    readonly property int margin: 16

    readonly property int fontSmall: 15
    readonly property int fontBody: 18
    readonly property int fontLarge: 24
    readonly property int fontTitle: 30
    readonly property int fontHuge: 44
}
