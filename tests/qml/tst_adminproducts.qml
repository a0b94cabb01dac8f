import QtQuick
import QtTest
import EuphoriaLane
import EuphoriaLane.Controllers

// The product editor page on the real AdminController, as a manager: a scanned barcode opens
// the product in the form; a new product with a bad price is refused with the reason, then
// saved and shown; a change is saved.
Item {
    width: 1000
    height: 760

    AdminProductsPage {
        id: page
        anchors.fill: parent
    }

    TestCase {
        name: "AdminProducts"
        when: windowShown

        function child(name) {
            const c = findChild(page, name)
            verify(c, name)
            return c
        }
        function type(name, text) {
            const field = child(name)
            field.text = text
        }

        function init() {
            LoginController.logout()
            verify(LoginController.login(demoManager.id, demoManager.pin))
            AdminController.clearMessage()
        }
        function cleanup() {
            LoginController.logout()
            verify(LoginController.login(demoCashier.id, demoCashier.pin))
        }

        function test_scanOpensTheProduct() {
            verify(demoBarcodes.length > 0)
            const search = child("productSearch")
            search.text = demoBarcodes[0]
            search.forceActiveFocus()
            keyClick(Qt.Key_Return)
            verify(AdminController.products.count >= 1)
            const row = AdminController.products.get(0)
            compare(child("productName").text, row.name)
            compare(child("productSku").text, row.sku)
            compare(child("productPrice").text, row.priceText)
            verify(child("productBarcodes").text.split("\n").indexOf(demoBarcodes[0]) >= 0)
            compare(child("productList").currentIndex, 0)
        }

        function test_newProductIsValidatedThenSaved() {
            mouseClick(child("newProduct"))
            compare(child("productName").text, "")
            type("productName", "Ginger beer 330 ml")
            type("productSku", "BEV-9001")
            type("productPrice", "two dollars")
            type("productTax", "8.25")
            type("productBarcodes", "0850004209004")
            mouseClick(child("saveProduct"))
            verify(AdminController.messageIsError)
            verify(AdminController.message.startsWith("Price: "), AdminController.message)

            type("productPrice", "2.49")
            mouseClick(child("saveProduct"))
            verify(!AdminController.messageIsError, AdminController.message)
            compare(AdminController.message, "Ginger beer 330 ml added.")
            // The form stays on the saved product, chosen in the list.
            const list = child("productList")
            verify(list.currentIndex >= 0)
            compare(AdminController.products.get(list.currentIndex).sku, "BEV-9001")
            compare(child("productPrice").text, "2.49")

            // Changed: no longer sold.
            child("productActive").checked = false
            mouseClick(child("saveProduct"))
            compare(AdminController.message, "Ginger beer 330 ml saved.")
            compare(AdminController.products.get(list.currentIndex).active, false)
        }
    }
}
