import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's stock count page: find a product, enter what is on the shelf.
ColumnLayout {
    id: countPage
    spacing: Theme.spacing
    property string productId: ""
    property string productName: ""
    // A new search keeps the chosen product when it is among the results, else none is chosen.
    function search(text: string) {
        const keep = productId
        AdminController.findStock(text)
        foundList.currentIndex = AdminController.stockResults.indexOfKey(keep)
    }
    Text {
        Layout.fillWidth: true
        text: qsTr("Find the product by barcode, SKU or name, then enter what is on the shelf. Every lane receives the count.")
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
        wrapMode: Text.Wrap
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing
        TextField {
            id: countSearch
            objectName: "countSearch"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget
            font.pixelSize: Theme.fontBody
            placeholderText: qsTr("Barcode, SKU or name")
            Accessible.name: placeholderText
            onAccepted: countPage.search(text)
        }
        TouchButton {
            text: qsTr("Find")
            onClicked: countPage.search(countSearch.text)
        }
    }
    ListView {
        id: foundList
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(contentHeight, 5 * (Theme.touchTarget + 4))
        clip: true
        spacing: 4
        model: AdminController.stockResults
        currentIndex: -1
        onCurrentIndexChanged: {
            const row = AdminController.stockResults.get(currentIndex)
            countPage.productId = row.productId ?? ""
            countPage.productName = row.name ?? ""
            if (currentIndex >= 0)
                countField.forceActiveFocus()
        }
        delegate: TouchButton {
            id: foundRow
            required property string productId
            required property string name
            required property string sku
            required property int stock
            required property int index
            width: ListView.view.width
            text: qsTr("%1 (%2): %3 in stock").arg(foundRow.name).arg(foundRow.sku).arg(foundRow.stock)
            tone: foundRow.ListView.isCurrentItem ? "primary" : "neutral"
            onClicked: foundRow.ListView.view.currentIndex = foundRow.index
        }
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing
        visible: countPage.productId !== ""
        Text {
            Layout.fillWidth: true
            text: qsTr("Count for %1").arg(countPage.productName)
            font.pixelSize: Theme.fontBody
            color: Theme.text
            elide: Text.ElideRight
        }
        TextField {
            id: countField
            objectName: "countField"
            Layout.preferredWidth: 140
            Layout.preferredHeight: Theme.touchTarget
            font.pixelSize: Theme.fontBody
            validator: IntValidator { bottom: 0; top: 1000000000 }
            inputMethodHints: Qt.ImhDigitsOnly
            placeholderText: qsTr("Units")
            Accessible.name: qsTr("Units on the shelf")
        }
        TouchButton {
            text: qsTr("Save count")
            tone: "primary"
            enabled: countField.text !== ""
            onClicked: if (AdminController.recordCount(countPage.productId, countField.text)) {
                countField.text = ""
                countPage.search(countSearch.text)
            }
        }
    }
    Item { Layout.fillHeight: true }
}
