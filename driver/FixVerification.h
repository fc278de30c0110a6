//===--- FixVerification.h - maptidy --------------------------------------===//
//
// --fix-verify=compile: before --fix writes anything, the translation units
// that read a fixed file are parsed again, in worker processes as the
// analysis was, with the fixed contents in place of the files on disk. Only
// units that compiled when analyzed are verified.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_FIXVERIFICATION_H
#define MAPTIDY_DRIVER_FIXVERIFICATION_H

#include "Findings.h"
#include "FixApplier.h"
#include "Worker.h"
#include <functional>
#include <string>

namespace maptidy {

/// Parses \p File (a file of the run) with \p Fixed's contents (by absolute
/// path) in place of the files on disk; its compile errors are the result.
using UnitVerifier = std::function<UnitResult(
    const std::string &File, const llvm::StringMap<std::string> &Fixed)>;

struct VerificationSetup {
  UnitVerifier Verify;
  /// The files of the run, as analyzed, and what the analysis found.
  llvm::ArrayRef<std::string> Files;
  const MergedResults &Merged;
  unsigned Jobs = 1;
  unsigned TimeoutSeconds = 0;
  bool ShowProgress = false;
};

/// The verifier --fix calls with the fixed files.
FixVerifier makeFixVerifier(const VerificationSetup &Setup);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_FIXVERIFICATION_H
