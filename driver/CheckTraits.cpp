//===--- CheckTraits.cpp - maptidy ----------------------------------------===//

#include "CheckTraits.h"

namespace maptidy {

static constexpr llvm::StringLiteral PerformanceTags[] = {"performance",
                                                          "maptidy"};
// CWE-362: concurrent execution using a shared resource without proper
// synchronization; GitHub reads security tags and the CWE from the tags.
static constexpr llvm::StringLiteral RaceTags[] = {
    "correctness", "concurrency", "security", "external/cwe/cwe-362",
    "maptidy"};
static constexpr llvm::StringLiteral BugTags[] = {"correctness"};
static constexpr llvm::StringLiteral StyleTags[] = {"maintainability"};

CheckTraits checkTraits(llvm::StringRef Check) {
  if (Check == "maptidy-unsynchronized-map-access")
    return {/*Defect=*/true, "Bug Risk", "high", "7.0", RaceTags};
  if (Check.starts_with("maptidy-"))
    return {/*Defect=*/false, "Performance", "high", "", PerformanceTags};
  if (Check.starts_with("performance-"))
    return {/*Defect=*/false, "Performance", "medium", "", {}};
  if (Check.starts_with("bugprone-") || Check.starts_with("clang-analyzer-") ||
      Check.starts_with("cert-") || Check.starts_with("concurrency-") ||
      Check.starts_with("clang-diagnostic-"))
    return {/*Defect=*/false, "Bug Risk", "medium", "", BugTags};
  return {/*Defect=*/false, "Style", "medium", "", StyleTags};
}

} // namespace maptidy
