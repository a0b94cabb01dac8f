pragma Singleton
import QtQuick

// Times as the screens show them: an ISO 8601 UTC time in the UI language's short form.
QtObject {
    function when(iso: string): string {
        if (!iso)
            return qsTr("never")
        const d = new Date(iso)
        if (isNaN(d.getTime()))
            return iso
        return d.toLocaleString(Qt.locale(), Locale.ShortFormat)
    }
}
