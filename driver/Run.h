//===--- Run.h - maptidy --------------------------------------------------===//
//
// A whole run once its input is checked: the files analyzed by workers, the
// results merged, filtered (--diff-base, --baseline), fixed (--fix),
// reported (text, --format, --export-fixes, --write-baseline), and the exit
// status.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_RUN_H
#define MAPTIDY_DRIVER_RUN_H

#include "CompilationSetup.h"
#include "FixVerification.h"
#include "GitDiff.h"
#include "WorkerPool.h"
#include "llvm/ADT/StringSet.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace maptidy {

enum class OutputFormat { Text, Json, Sarif, CodeClimate, Github };

/// The least severe finding that fails the run (--fail-on).
enum class FailLevel { Warning, Error, None };

struct RunRequest {
  /// What a worker does with each file.
  UnitAnalyzer Analyze;
  std::vector<std::string> Files;
  unsigned Jobs = 1;
  /// Seconds a file's analysis may take; 0 for no limit.
  unsigned TimeoutSeconds = 0;
  bool Quiet = false;
  bool Colors = false;

  bool Fix = false;
  bool FixNotes = false;
  bool FixErrors = false;
  /// The clang-format style for fixes in a file.
  std::function<std::string(llvm::StringRef File)> FormatStyle;
  /// Parses a unit with the fixed files before they are written
  /// (--fix-verify=compile); none writes them unverified.
  UnitVerifier Verify;
  std::string ExportFixes;

  OutputFormat Format = OutputFormat::Text;
  /// Where the --format report goes; stdout when empty.
  std::string Output;
  std::string SourceRoot;
  /// Every file of the compilation database, sorted; none without one.
  /// What a rewrite of a declaration several units use must cover (see
  /// ProjectRewriteDecision.h).
  std::vector<std::string> DatabaseFiles;
  /// The PublicHeaders option that applies to a file.
  std::function<std::string(llvm::StringRef File)> PublicHeaders;
  Shard Part;

  std::optional<ChangedLines> Changed;
  std::string DiffBase;
  std::optional<llvm::StringSet<>> Baseline;
  std::string WriteBaseline;
  FailLevel FailOn = FailLevel::Warning;
};

/// Runs and reports; returns the exit status.
int run(const RunRequest &Request);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_RUN_H
