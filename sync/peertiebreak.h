#pragma once

#include <QString>

// The rule that keeps one connection per pair of lanes when both dial each other at once: the
// connection dialled by the lane with the smaller terminal id wins, so both ends keep the same.
namespace PeerTieBreak {

enum class Keep { Existing, Incoming };

// A connection to peerTerminal just authenticated (incoming) while another one to the same lane
// is ready (existing); dialledHere: this lane (ownTerminal) dialled that connection. The
// existing one stays unless only the incoming one is the preferred path.
[[nodiscard]] Keep decide(const QString &ownTerminal, const QString &peerTerminal,
                          bool incomingDialledHere, bool existingDialledHere);

} // namespace PeerTieBreak
