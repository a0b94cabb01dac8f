import QtQuick
import QtTest
import EuphoriaLane

// The PIN pad: taps and a keyboard both type; dots only, never digits; OK from 4 digits; at most
// maxLength; Clear and Backspace; the PIN is handed over once and then forgotten.
Item {
    width: 400
    height: 500

    PinPad {
        id: pad
        anchors.fill: parent
        focus: true
    }
    SignalSpy { id: submitted; target: pad; signalName: "submitted" }

    TestCase {
        name: "PinPad"
        when: windowShown

        function key(name) {
            const k = findChild(pad, "pinKey_" + name)
            verify(k, "key " + name)
            return k
        }
        function tap(name) { mouseClick(key(name)) }

        function init() {
            pad.pin = ""
            submitted.clear()
            pad.forceActiveFocus()
        }

        function test_tapsType() {
            tap("1"); tap("9"); tap("0")
            compare(pad.pin, "190")
        }

        function test_okNeedsFourDigits() {
            tap("1"); tap("2"); tap("3")
            verify(!key("ok").enabled)
            tap("ok")
            compare(submitted.count, 0)
            tap("4")
            verify(key("ok").enabled)
            tap("ok")
            compare(submitted.count, 1)
            compare(submitted.signalArguments[0][0], "1234")
            compare(pad.pin, "", "the PIN is not kept after it was handed over")
        }

        function test_atMostMaxLength() {
            for (let i = 0; i < 12; ++i)
                tap("7")
            compare(pad.pin, "77777777")
        }

        function test_clear() {
            tap("5"); tap("5")
            tap("clear")
            compare(pad.pin, "")
        }

        // Enter follows the same rule as the OK key: a short PIN is not submitted (and so never
        // counts as a wrong PIN).
        function test_enterNeedsACompletePin() {
            keyClick(Qt.Key_1); keyClick(Qt.Key_2); keyClick(Qt.Key_3)
            keyClick(Qt.Key_Return)
            compare(submitted.count, 0)
            compare(pad.pin, "123", "an incomplete PIN stays to be finished")
            keyClick(Qt.Key_4)
            keyClick(Qt.Key_Enter)
            compare(submitted.count, 1)
            compare(submitted.signalArguments[0][0], "1234")
        }

        function test_keyboard() {
            keyClick(Qt.Key_2); keyClick(Qt.Key_4); keyClick(Qt.Key_6); keyClick(Qt.Key_8)
            compare(pad.pin, "2468")
            keyClick(Qt.Key_Backspace)
            compare(pad.pin, "246")
            keyClick(Qt.Key_A) // not a digit: ignored
            compare(pad.pin, "246")
            keyClick(Qt.Key_8)
            keyClick(Qt.Key_Return)
            compare(submitted.count, 1)
            compare(submitted.signalArguments[0][0], "2468")
            keyClick(Qt.Key_1)
            keyClick(Qt.Key_Escape)
            compare(pad.pin, "")
        }

        function test_showsDotsNotDigits() {
            tap("3"); tap("1"); tap("4"); tap("1")
            // No Text anywhere in the pad shows the digits typed.
            const stack = [pad]
            while (stack.length > 0) {
                const item = stack.pop()
                if (item.text !== undefined && typeof item.text === "string" && item.objectName === "")
                    verify(item.text.indexOf("3141") < 0, "digits visible in " + item)
                for (let i = 0; i < item.children.length; ++i)
                    stack.push(item.children[i])
            }
        }
    }
}
