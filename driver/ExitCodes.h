//===--- ExitCodes.h - maptidy --------------------------------------------===//
//
// Exit statuses of the maptidy driver (documented in README.md).
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_EXITCODES_H
#define MAPTIDY_DRIVER_EXITCODES_H

#include "llvm/ADT/Twine.h"

namespace maptidy {

enum ExitCode : int {
  /// Every file was analyzed and nothing was found.
  ExitClean = 0,
  /// Every file was analyzed and there are findings.
  ExitFindings = 1,
  /// Bad arguments, configuration, compilation database or input file, or a
  /// translation unit that does not compile: the results are incomplete.
  ExitCouldNotRun = 2,
};

/// Prints "maptidy: error: <Message>" on one line of stderr.
void reportError(const llvm::Twine &Message);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_EXITCODES_H
