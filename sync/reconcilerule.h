#pragma once

#include "hlc.h"
#include "inventorysnapshot.h"

// Reconciliation's rule for one product between this lane and one peer, a pure function (the
// Reconciler keeps the rounds, timers, messages and records): nothing to do when both show the
// same stock; wait while the lanes do not hold the same messages (a difference is then a sale in
// flight or a held message, not a conflict) or while the product changed here during the run;
// else last write wins, on the baseline's HLC time when both have baselines that differ (the
// later count wins), otherwise on lastUpdated (the seed's rule). A product only one lane has is
// settled by the lane that has it.
namespace ReconcileRule {
enum class Action {
    Same,            // the checksum's fields agree: nothing to settle
    NotSameMessages, // a difference, left until the lanes hold the same messages
    ChangedHere,     // a difference, left for the next run: the figures compared are old
    Settle,          // publish `quantity` at `time` as a baseline
};

struct Decision
{
    Action action = Action::Same;
    bool remoteWins = false;
    qint64 quantity = 0;
    HlcTime time;
};

// local or remote may be null (the product is on one lane only), not both.
Decision decide(const InventoryRecord *local, const InventoryRecord *remote, bool sameMessages,
                bool changedHereDuringRun);

// What a peer's record rests on, as far as this lane can check it (the Reconciler looks the
// named message up in its own message log).
enum class Backing {
    Message, // its baseline names a message this lane holds, and that message says that figure
    Catalog, // the catalog's baseline at time zero, which no message sets
    Missing, // its baseline names a message this lane does not hold (yet)
    None,    // nothing backs it: no baseline, no message named, or a message that says otherwise
};

// Whether a Settle decision may be acted on. Reconciliation settles by facts, not figures: a
// peer's figure is adopted only when a message this lane holds backs it; this lane's own figure
// is published against a peer's record only when that record names what it rests on (a
// message this lane holds, or the catalog). A peer without a record for the product, or whose
// record no message backs, changes nothing.
bool mayAct(const Decision &d, bool remoteHasRecord, Backing remote);
} // namespace ReconcileRule
