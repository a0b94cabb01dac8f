import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import EuphoriaLane
import EuphoriaLane.Controllers

// The admin screen's product editor: find products by barcode, SKU or name (a scan opens the
// product), then change one or add a new one. Validation and saving are in AdminController.
RowLayout {
    id: productsPage
    spacing: Theme.margin
    property string productId: ""
    property bool placeholder: false
    // While the list is refilled by a search or a save: rows come and go, the form stays.
    property bool refilling: false

    function edit(p: var) {
        productId = p.productId
        placeholder = p.placeholder
        nameField.text = p.name
        skuField.text = p.sku
        priceField.text = p.priceText
        taxField.text = p.taxRate
        categoryBox.currentIndex = categoryBox.find(p.category)
        categoryBox.editText = p.category
        barcodesField.text = p.barcodes
        activeBox.checked = p.active
    }
    // Searches (and saves) keep the open product chosen in the list when it is there.
    function find(text: string) {
        refilling = true
        AdminController.findProducts(text)
        refilling = false
        productList.currentIndex = AdminController.products.indexOfKey(productId)
    }
    function save() {
        refilling = true
        AdminController.saveProduct({
            id: productId,
            name: nameField.text,
            sku: skuField.text,
            price: priceField.text,
            taxRate: taxField.text,
            category: categoryBox.editText,
            barcodes: barcodesField.text,
            active: activeBox.checked
        })
        refilling = false
        productList.currentIndex = AdminController.products.indexOfKey(productId)
    }
    function startNew() {
        productList.currentIndex = -1
        edit({ productId: "", placeholder: false, name: "", sku: "", priceText: "", taxRate: "",
               category: "", barcodes: "", active: true })
        nameField.forceActiveFocus()
    }

    onVisibleChanged: if (visible) find(searchField.text)

    // A scanned barcode, or the product just saved.
    Connections {
        target: AdminController
        function onProductChosen(row: int) {
            productsPage.edit(AdminController.products.get(row))
            productList.currentIndex = row
        }
    }

    ColumnLayout {
        Layout.preferredWidth: 400
        Layout.maximumWidth: 400
        Layout.fillWidth: false
        Layout.fillHeight: true
        spacing: Theme.spacing
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            TextField {
                id: searchField
                objectName: "productSearch"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                placeholderText: qsTr("Barcode, SKU or name")
                Accessible.name: placeholderText
                onAccepted: productsPage.find(text)
            }
            TouchButton {
                text: qsTr("Find")
                onClicked: productsPage.find(searchField.text)
            }
        }
        TouchButton {
            objectName: "newProduct"
            Layout.fillWidth: true
            text: qsTr("+ New product")
            tone: "accent"
            onClicked: productsPage.startNew()
        }
        ListView {
            id: productList
            objectName: "productList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: AdminController.products
            currentIndex: -1
            onCurrentIndexChanged: {
                const p = AdminController.products.get(currentIndex)
                if (!productsPage.refilling && currentIndex >= 0 && p.productId !== productsPage.productId)
                    productsPage.edit(p)
            }
            ScrollBar.vertical: ScrollBar { }
            delegate: Rectangle {
                id: productRow
                required property var model
                required property int index
                objectName: "productRow" + index
                width: ListView.view.width - 12
                height: Math.max(Theme.touchTarget, productColumn.implicitHeight + Theme.spacing)
                radius: Theme.radius
                color: productRow.ListView.isCurrentItem ? Theme.primary : Theme.surface
                border.color: Theme.border
                readonly property color ink: productRow.ListView.isCurrentItem ? Theme.inkOnPrimary : Theme.text
                Accessible.role: Accessible.Button
                Accessible.name: productRow.model.name
                TapHandler {
                    onTapped: productRow.ListView.view.currentIndex = productRow.index
                }
                ColumnLayout {
                    id: productColumn
                    anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                              leftMargin: Theme.spacing; rightMargin: Theme.spacing }
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing / 2
                        Text {
                            Layout.fillWidth: true
                            text: productRow.model.name
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: productRow.ink
                            elide: Text.ElideRight
                        }
                        Badge {
                            visible: productRow.model.placeholder
                            text: qsTr("placeholder")
                            fill: Theme.accent
                            ink: Theme.text
                        }
                        Badge {
                            visible: !productRow.model.active
                            text: qsTr("inactive")
                            fill: Theme.textMuted
                            ink: Theme.inkOnPrimary
                        }
                    }
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("%1 · %2").arg(productRow.model.sku).arg(productRow.model.price)
                        font.pixelSize: Theme.fontSmall
                        color: productRow.ink
                        opacity: 0.85
                        elide: Text.ElideRight
                    }
                }
            }
            Text {
                anchors.centerIn: parent
                visible: productList.count === 0
                text: qsTr("No product found.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
        }
    }

    Card {
        Layout.fillWidth: true
        Layout.alignment: Qt.AlignTop
        title: productsPage.productId === "" ? qsTr("New product") : qsTr("Edit %1").arg(nameField.text)
        Text {
            Layout.fillWidth: true
            visible: productsPage.placeholder
            text: qsTr("Recorded from another lane's sale before this lane knew the product: check it, complete it and save.")
            font.pixelSize: Theme.fontSmall
            color: Theme.danger
            wrapMode: Text.Wrap
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing
            Text { text: qsTr("Name"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: nameField
                objectName: "productName"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                Accessible.name: qsTr("Name")
            }
            Text { text: qsTr("SKU"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: skuField
                objectName: "productSku"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                Accessible.name: qsTr("SKU")
            }
            Text { text: qsTr("Price"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: priceField
                objectName: "productPrice"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                placeholderText: qsTr("for example %1").arg(Qt.locale().decimalPoint === "," ? "12,34" : "12.34")
                Accessible.name: qsTr("Price")
            }
            Text { text: qsTr("Tax rate %"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            TextField {
                id: taxField
                objectName: "productTax"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                placeholderText: qsTr("for example %1").arg(Qt.locale().decimalPoint === "," ? "8,25" : "8.25")
                Accessible.name: qsTr("Tax rate in percent")
            }
            Text { text: qsTr("Category"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            ComboBox {
                id: categoryBox
                objectName: "productCategory"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                font.pixelSize: Theme.fontBody
                editable: true
                model: AdminController.productCategories
                Accessible.name: qsTr("Category")
            }
            Text {
                Layout.alignment: Qt.AlignTop
                text: qsTr("Barcodes")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            TextArea {
                id: barcodesField
                objectName: "productBarcodes"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.touchTarget, implicitHeight)
                font.pixelSize: Theme.fontBody
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("one per line, or separated by commas")
                background: Rectangle { color: Theme.surface; border.color: Theme.border; radius: 4 }
                Accessible.name: qsTr("Barcodes")
            }
            Item { width: 1; height: 1 }
            CheckBox {
                id: activeBox
                objectName: "productActive"
                checked: true
                text: qsTr("Active (sold at the lanes)")
                font.pixelSize: Theme.fontBody
                Accessible.name: text
            }
        }
        TouchButton {
            objectName: "saveProduct"
            text: qsTr("Save")
            tone: "primary"
            onClicked: productsPage.save()
        }
    }
}
