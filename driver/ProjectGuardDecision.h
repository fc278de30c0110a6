//===--- ProjectGuardDecision.h - maptidy --------------------------------===//
//
// The guard of a map member of a class whose member functions several
// translation units define, voted over the lock records of all of them
// (checks/GuardVote.h): each unit reports its findings under every possible
// guard, and only those of the guard the vote picks are kept.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_PROJECTGUARDDECISION_H
#define MAPTIDY_DRIVER_PROJECTGUARDDECISION_H

#include "Findings.h"

namespace maptidy {

/// Keeps the findings of \p Merged's guard parts that the run's vote
/// confirms, with the held-count clause the whole run gives, and drops the
/// others. A lock fix-it whose function calls a member function that no
/// unit defines, or that locks the guard in another unit, becomes a note.
void decideProjectGuards(MergedResults &Merged);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_PROJECTGUARDDECISION_H
