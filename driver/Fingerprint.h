//===--- Fingerprint.h - maptidy ------------------------------------------===//
//
// Fingerprints that identify a finding across commits: built from the check,
// the file (relative to the project root), the message without its numbers
// and the text of the finding's line without whitespace, never from line
// numbers, so that they survive edits elsewhere in the file, moved lines,
// re-indentation and counts that other lines change.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_FINGERPRINT_H
#define MAPTIDY_DRIVER_FINGERPRINT_H

#include "Findings.h"
#include "ProjectRoot.h"
#include "llvm/ADT/ArrayRef.h"

namespace maptidy {

/// Sets the Fingerprint of each of \p Findings (sorted, as merged). Equal
/// findings on equal lines of a file are told apart by their rank in it.
void assignFingerprints(llvm::MutableArrayRef<Finding> Findings,
                        SourceCache &Sources, const ProjectRoot &Root);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_FINGERPRINT_H
