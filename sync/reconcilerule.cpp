#include "reconcilerule.h"

namespace ReconcileRule {
Decision decide(const InventoryRecord *local, const InventoryRecord *remote, bool sameMessages,
                bool changedHereDuringRun)
{
    Decision d;
    if (local && remote && local->sameStock(*remote))
        return d;
    if (!sameMessages) {
        d.action = Action::NotSameMessages;
        return d;
    }
    if (changedHereDuringRun) {
        d.action = Action::ChangedHere;
        return d;
    }
    d.action = Action::Settle;
    const bool baselinesDiffer = local && remote && local->hasBaseline && remote->hasBaseline &&
                                 local->baselineHlc != remote->baselineHlc;
    if (!local)
        d.remoteWins = true;
    else if (!remote)
        d.remoteWins = false;
    else if (baselinesDiffer)
        d.remoteWins = remote->baselineHlc > local->baselineHlc;
    else
        d.remoteWins = remote->updated > local->updated;
    const InventoryRecord &winner = d.remoteWins ? *remote : *local;
    if (baselinesDiffer || (!local && winner.hasBaseline)) {
        d.quantity = winner.baselineQuantity;
        d.time = winner.baselineHlc;
    } else {
        d.quantity = winner.currentStock;
        d.time = winner.updated;
    }
    return d;
}

bool mayAct(const Decision &d, bool remoteHasRecord, Backing remote)
{
    if (d.action != Action::Settle || !remoteHasRecord)
        return false;
    if (d.remoteWins)
        return remote == Backing::Message;
    return remote == Backing::Message || remote == Backing::Catalog;
}
} // namespace ReconcileRule
