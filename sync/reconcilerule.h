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
} // namespace ReconcileRule
