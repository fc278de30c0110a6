//===--- Baseline.h - maptidy ---------------------------------------------===//
//
// --write-baseline records the findings of today; --baseline then hides
// them, so that a run fails only on new findings. Findings are matched by
// fingerprint, which survives unrelated edits and moved lines.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_BASELINE_H
#define MAPTIDY_DRIVER_BASELINE_H

#include "Findings.h"
#include "ProjectRoot.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <string>

namespace maptidy {

/// The fingerprints a baseline file records; fails with one line on a file
/// that cannot be read or is not a maptidy baseline.
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path);

/// The baseline file recording \p Findings.
std::string baselineText(llvm::ArrayRef<const Finding *> Findings,
                         const ProjectRoot &Root);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_BASELINE_H
