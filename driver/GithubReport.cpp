//===--- GithubReport.cpp - maptidy ---------------------------------------===//
//
// --format=github: GitHub Actions workflow commands, one annotation per
// finding (`::warning file=...,line=...::message`), which the Actions runner
// shows on the pull request's lines without code scanning (private
// repositories without GitHub Advanced Security, forks without the
// security-events permission).
//
//===----------------------------------------------------------------------===//

#include "Report.h"

namespace maptidy {

/// \p Text escaped as a workflow command's message (or, with \p Property, as
/// a property value, which also reserves ':' and ',').
static std::string escaped(llvm::StringRef Text, bool Property) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '%':
      Out += "%25";
      break;
    case '\r':
      Out += "%0D";
      break;
    case '\n':
      Out += "%0A";
      break;
    case ':':
      Out += Property ? "%3A" : ":";
      break;
    case ',':
      Out += Property ? "%2C" : ",";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

void writeGithubReport(const ReportInput &Input, llvm::raw_ostream &OS) {
  for (const ReportedFinding &R : Input.Findings) {
    const Finding &F = *R.F;
    OS << "::" << levelName(F);
    if (!F.Path.empty())
      OS << " file=" << escaped(Input.Root.relative(F.Path), true)
         << ",line=" << F.Where.Line << ",col=" << F.Where.Column << ",";
    else
      OS << " ";
    OS << "title=" << escaped(F.Error.DiagnosticName, true)
       << "::" << escaped(jsonText(F.Error.Message.Message), false) << "\n";
  }
  for (const UnitProblem &Problem : Input.Problems)
    OS << "::error file=" << escaped(Input.Root.relative(Problem.File), true)
       << ",title=maptidy::"
       << escaped(Input.Root.relative(Problem.File) + " " + Problem.Message,
                  false)
       << "\n";
}

} // namespace maptidy
