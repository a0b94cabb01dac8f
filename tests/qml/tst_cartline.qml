import QtQuick
import QtTest
import EuphoriaLane

// One cart line: shows what the model gives it and asks for changes only through its signals.
Item {
    width: 480
    height: 100

    CartLineDelegate {
        id: line
        width: parent.width
        index: 0
        name: "Absinthe 750ml"
        quantity: 2
        unitPrice: "$64.99"
        lineTotal: "$129.98"
        note: ""
    }
    SignalSpy { id: adj; target: line; signalName: "adjust" }
    SignalSpy { id: inc; target: line; signalName: "increment" }
    SignalSpy { id: dec; target: line; signalName: "decrement" }
    SignalSpy { id: rem; target: line; signalName: "remove" }

    TestCase {
        name: "CartLine"
        when: windowShown

        function init() {
            inc.clear(); dec.clear(); rem.clear(); adj.clear()
            line.editable = true
            line.note = ""
        }

        function test_showsTheLine() {
            compare(findChild(line, "quantity").text, "2")
            compare(findChild(line, "lineTotal").text, "$129.98")
        }

        function test_buttonsSignal() {
            mouseClick(findChild(line, "increment"))
            mouseClick(findChild(line, "decrement"))
            mouseClick(findChild(line, "decrement"))
            mouseClick(findChild(line, "remove"))
            compare(inc.count, 1)
            compare(dec.count, 2)
            compare(rem.count, 1)
            // The delegate does not change the quantity itself: the controller does.
            compare(line.quantity, 2)
        }

        function test_lockedWhilePaying() {
            line.editable = false
            mouseClick(findChild(line, "increment"))
            mouseClick(findChild(line, "remove"))
            compare(inc.count, 0)
            compare(rem.count, 0)
        }

        function test_tapNameToAdjust() {
            mouseClick(findChild(line, "lineInfo"))
            compare(adj.count, 1)
            line.editable = false
            mouseClick(findChild(line, "lineInfo"))
            compare(adj.count, 1)
        }

        function test_showsADiscount() {
            line.note = "10% off"
            verify(findChild(line, "lineInfo").children[1].text.indexOf("10% off") >= 0)
        }

        function test_touchTargets() {
            for (const name of ["increment", "decrement", "remove"])
                verify(findChild(line, name).height >= 48, name + " is finger-sized")
        }

        function test_accessibleNames() {
            compare(findChild(line, "remove").Accessible.name, "Remove Absinthe 750ml")
        }
    }
}
