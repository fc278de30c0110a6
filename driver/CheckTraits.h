//===--- CheckTraits.h - maptidy ------------------------------------------===//
//
// How the reports classify each check: one table for the finding's level
// (--fail-on, JSON, SARIF), SARIF's rule properties and Code Climate's
// category and severity. A data race is a defect, not a cost: the checks
// that find defects report at the error level.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_CHECKTRAITS_H
#define MAPTIDY_DRIVER_CHECKTRAITS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace maptidy {

struct CheckTraits {
  /// A defect (wrong or undefined behaviour), rather than a cost or a style
  /// issue: its findings are errors.
  bool Defect = false;
  /// Code Climate's category: "Performance", "Bug Risk" or "Style".
  llvm::StringRef Category;
  /// SARIF's rule precision: how often a finding is a true one.
  llvm::StringRef Precision;
  /// GitHub's security-severity (0.0 to 10.0); empty when the check finds
  /// no security problems.
  llvm::StringRef SecuritySeverity;
  /// SARIF's rule tags (GitHub shows them and filters by them).
  llvm::ArrayRef<llvm::StringLiteral> Tags;
};

CheckTraits checkTraits(llvm::StringRef Check);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_CHECKTRAITS_H
