import QtQuick
import QtTest
import EuphoriaLane
import EuphoriaLane.Controllers

// The tender panel on the real CheckoutController: quick cash, a typed amount to cash or card
// (split tender), removing a payment, card for the rest; refusals leave the payments unchanged.
Item {
    width: 500
    height: 760

    PayPanel {
        id: panel
        anchors.fill: parent
    }

    TestCase {
        name: "Tender"
        when: windowShown

        function child(name) {
            const c = findChild(panel, name)
            verify(c, name)
            return c
        }
        function typeAmount(text) {
            const field = child("amountField")
            field.text = ""
            field.forceActiveFocus()
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i]) // typed, as a cashier would
            compare(field.text, text)
        }

        function init() {
            CheckoutController.newSale()
            CheckoutController.voidCart()
            verify(demoBarcodes.length >= 2)
            CheckoutController.enter(demoBarcodes[0])
            CheckoutController.enter(demoBarcodes[1])
            CheckoutController.startPayment()
            compare(CheckoutController.stage, CheckoutController.Paying)
            compare(CheckoutController.tenders.length, 0)
        }

        function test_splitCardThenCash() {
            typeAmount("5.00")
            mouseClick(child("payTypedCard"))
            compare(CheckoutController.tenders.length, 1)
            compare(CheckoutController.tenders[0].method, "card")
            compare(CheckoutController.tenders[0].amount, "$5.00")
            compare(CheckoutController.paid, "$5.00")
            // Then the exact cash for the rest completes the sale.
            const exact = CheckoutController.quickCash[0]
            CheckoutController.payCashCents(exact.cents)
            // Saving until the sale is on disk, then complete.
            tryCompare(CheckoutController, "stage", CheckoutController.Done)
            verify(CheckoutController.lastReceipt !== "")
        }

        function cleanup() {
            verify(laneSetup.setMoneyFormat("en_US", "USD"))
        }

        // In French with euros the field reads the decimal comma, and shows how to type.
        function test_decimalCommaInFrench() {
            verify(laneSetup.setMoneyFormat("fr_FR", "EUR"))
            verify(child("amountField").placeholderText.indexOf("40,00") >= 0)
            typeAmount("2,50")
            mouseClick(child("payTypedCard"))
            compare(CheckoutController.paid, "2,50\u00a0\u20ac")
            typeAmount("1.5") // the plain point too
            mouseClick(child("payTypedCard"))
            compare(CheckoutController.paid, "4,00\u00a0\u20ac")
            compare(CheckoutController.tenders[1].amount, "1,50\u00a0\u20ac")
        }

        // In English a comma separates thousands: "2,50" is refused, with how to type it.
        function test_commaInEnglish() {
            verify(child("amountField").placeholderText.indexOf("40.00") >= 0)
            typeAmount("2,50")
            mouseClick(child("payTypedCard"))
            compare(CheckoutController.tenders.length, 0)
            verify(CheckoutController.messageIsError)
            verify(CheckoutController.message.indexOf("12.50") >= 0, CheckoutController.message)
        }

        // The amounts on the panel follow a change of language while it is open.
        function test_amountsFollowTheLanguage() {
            const due = CheckoutController.remaining
            verify(due.indexOf("$") === 0, due)
            verify(laneSetup.setMoneyFormat("es_ES", "USD"))
            verify(CheckoutController.remaining !== due)
            verify(CheckoutController.remaining.endsWith("\u00a0$"), CheckoutController.remaining)
            verify(child("quickCash0").text.indexOf(CheckoutController.remaining) >= 0)
        }

        function test_cardCannotExceedWhatRemains() {
            typeAmount("999999")
            mouseClick(child("payTypedCard"))
            compare(CheckoutController.tenders.length, 0)
            verify(CheckoutController.messageIsError)
        }

        function test_notAnAmount() {
            typeAmount("12.345")
            mouseClick(child("payTypedCash"))
            compare(CheckoutController.tenders.length, 0)
            verify(CheckoutController.messageIsError)
        }

        function test_removeAPayment() {
            typeAmount("3")
            mouseClick(child("payTypedCard"))
            compare(CheckoutController.tenders.length, 1)
            CheckoutController.removeTender(0)
            compare(CheckoutController.tenders.length, 0)
            compare(CheckoutController.paid, "$0.00")
        }

        function test_cardForTheRest() {
            mouseClick(child("payCardRest"))
            // Saving until the sale is on disk, then complete.
            tryCompare(CheckoutController, "stage", CheckoutController.Done)
        }

        function test_cashWithChange() {
            typeAmount("500")
            mouseClick(child("payTypedCash"))
            // Saving until the sale is on disk, then complete.
            tryCompare(CheckoutController, "stage", CheckoutController.Done)
            verify(CheckoutController.lastChange !== "$0.00")
        }
    }
}
