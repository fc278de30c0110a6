//===--- CodeClimateReport.cpp - maptidy ----------------------------------===//
//
// --format=codeclimate: the Code Climate issues GitLab reads as a code
// quality report (artifacts:reports:codequality).
//
//===----------------------------------------------------------------------===//

#include "CheckTraits.h"
#include "Report.h"
#include "llvm/Support/JSON.h"

namespace maptidy {

void writeCodeClimateReport(const ReportInput &Input, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.array([&] {
    for (const ReportedFinding &R : Input.Findings) {
      const Finding &F = *R.F;
      J.object([&] {
        J.attribute("type", "issue");
        J.attribute("check_name", F.Error.DiagnosticName);
        J.attribute("description", jsonText(F.Error.Message.Message));
        J.attributeArray("categories", [&] {
          J.value(checkTraits(F.Error.DiagnosticName).Category);
        });
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
