//===--- Report.h - maptidy -----------------------------------------------===//
//
// The machine-readable reports of a run: maptidy's JSON (schema in
// docs/cli.md), SARIF 2.1.0 for code scanning, Code Climate JSON for
// GitLab's code quality widget, and GitHub Actions annotations.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_REPORT_H
#define MAPTIDY_DRIVER_REPORT_H

#include "CompilationSetup.h"
#include "Findings.h"
#include "ProjectRoot.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace maptidy {

struct ReportedFinding {
  const Finding *F;
  /// --fix applied its fix-it.
  bool Fixed;
  /// Why --fix refused its fix-it (the first compile error of the fixed
  /// code); empty when it did not.
  llvm::StringRef FixRefused = "";
};

struct ReportInput {
  /// In report order, without compile errors (those are Problems).
  std::vector<ReportedFinding> Findings;
  llvm::ArrayRef<UnitProblem> Problems;
  const ProjectRoot &Root;
  SourceCache &Sources;
  Shard Part;
  /// The number of files analyzed.
  size_t Files;
};

void writeJsonReport(const ReportInput &Input, llvm::raw_ostream &OS);
void writeSarifReport(const ReportInput &Input, llvm::raw_ostream &OS);
void writeCodeClimateReport(const ReportInput &Input, llvm::raw_ostream &OS);
void writeGithubReport(const ReportInput &Input, llvm::raw_ostream &OS);

/// \p Text as a valid UTF-8 JSON string (source text may be in another
/// encoding).
std::string jsonText(llvm::StringRef Text);

/// "warning" or "error".
llvm::StringRef levelName(const Finding &F);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_REPORT_H
