import QtQuick
import QtQuick.Controls.Basic
import EuphoriaLane
import EuphoriaLane.Controllers

// The lane's window: the login screen until an employee is logged in, then checkout.
ApplicationWindow {
    id: window
    width: 1280
    height: 800
    minimumWidth: 1024
    minimumHeight: 700
    visible: true
    color: Theme.background
    title: qsTr("Euphoria Lane %1").arg(LoginController.terminalId)

    LoginScreen {
        anchors.fill: parent
        visible: !LoginController.loggedIn
        focus: visible
    }
    CheckoutScreen {
        anchors.fill: parent
        visible: LoginController.loggedIn
        focus: visible
    }
}
