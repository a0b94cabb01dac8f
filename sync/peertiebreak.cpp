#include "peertiebreak.h"

namespace PeerTieBreak {

Keep decide(const QString &ownTerminal, const QString &peerTerminal, bool incomingDialledHere,
            bool existingDialledHere)
{
    const bool smallerDials = ownTerminal < peerTerminal;
    const bool incomingPreferred = incomingDialledHere == smallerDials;
    const bool existingPreferred = existingDialledHere == smallerDials;
    return incomingPreferred && !existingPreferred ? Keep::Incoming : Keep::Existing;
}

} // namespace PeerTieBreak
