#pragma once

#include <QString>
#include <QStringView>

// How a lane proves itself to the sync-pos-message function: its own credential (what
// tools/cloud-dev enroll prints), or, only where cloudUseServiceKey allows it, the service-role
// key. Both are secrets: never logged, never shown.
namespace CloudAuth {
enum class Mode {
    LaneCredential, // Authorization: Bearer elc1.<lane id>.<secret>
    ServiceKey,     // Authorization: Bearer and apikey: the service-role key (the seed's way)
};

// elc1.<lane id: a lower-case UUID>.<secret: 43 base64url characters, 32 random bytes>: the form
// the function takes. Anything else would be refused by it on every request, so a lane refuses
// it at start as a bad setting.
bool isCredential(QStringView text);

// "lane credential" or "service key", as --health and the logs name the mode.
QString modeName(Mode mode);
} // namespace CloudAuth
