//===--- CodeClimateReport.cpp - maptidy ----------------------------------===//
//
// --format=codeclimate: the Code Climate issues GitLab reads as a code
// quality report (artifacts:reports:codequality).
//
//===----------------------------------------------------------------------===//

#include "Report.h"
#include "llvm/Support/JSON.h"

namespace maptidy {

/// Code Climate's category for a check, from its module.
static llvm::StringRef category(llvm::StringRef Check) {
  if (Check.starts_with("maptidy-") || Check.starts_with("performance-"))
    return "Performance";
  if (Check.starts_with("bugprone-") || Check.starts_with("clang-analyzer-") ||
      Check.starts_with("cert-") || Check.starts_with("concurrency-") ||
      Check.starts_with("clang-diagnostic-"))
    return "Bug Risk";
  return "Style";
}

void writeCodeClimateReport(const ReportInput &Input, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.array([&] {
    for (const ReportedFinding &R : Input.Findings) {
      const Finding &F = *R.F;
      J.object([&] {
        J.attribute("type", "issue");
        J.attribute("check_name", F.Error.DiagnosticName);
        J.attribute("description", jsonText(F.Error.Message.Message));
        J.attributeArray("categories",
                         [&] { J.value(category(F.Error.DiagnosticName)); });
        J.attribute("severity", F.isError() ? "critical" : "major");
        J.attribute("fingerprint", F.Fingerprint);
        J.attributeObject("location", [&] {
          J.attribute("path", jsonText(Input.Root.relative(F.Path)));
          J.attributeObject("lines",
                            [&] { J.attribute("begin", F.Where.Line); });
        });
      });
    }
  });
  OS << "\n";
}

} // namespace maptidy
