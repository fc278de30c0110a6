//===--- Findings.h - maptidy ---------------------------------------------===//
//
// The results of all translation units merged into one list: each finding
// once (a header's findings are seen by every file that includes it), in a
// fixed order (file, position, check), whatever order the workers ran in.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_FINDINGS_H
#define MAPTIDY_DRIVER_FINDINGS_H

#include "ClangTidyDiagnosticConsumer.h"
#include "FileDigest.h"
#include "SourceCache.h"
#include "WorkerPool.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace maptidy {

struct Finding {
  explicit Finding(clang::tidy::ClangTidyError Error)
      : Error(std::move(Error)) {}

  /// As clang-tidy reported it (paths may be relative to its build directory).
  clang::tidy::ClangTidyError Error;
  /// The absolute path of the file it is in; empty when it has no location.
  std::string Path;
  Position Where;
  std::string Fingerprint;
  /// Seen first in a translation unit that does not compile.
  bool FromUncompiledUnit = false;

  bool isCompileError() const {
    return Error.DiagnosticName == "clang-diagnostic-error";
  }
  /// An error (a finding of a check that finds defects, see CheckTraits,
  /// among them), or a warning that --warnings-as-errors made one.
  bool isError() const;
};

/// A translation unit whose findings are missing or incomplete.
struct UnitProblem {
  std::string File;
  /// For example "does not compile (3 errors); its findings are incomplete".
  std::string Message;
  bool DoesNotCompile = false;
};

struct MergedResults {
  /// Including the compile errors, which are printed as clang-tidy does.
  std::vector<Finding> Findings;
  std::vector<UnitProblem> Problems;
  clang::tidy::ClangTidyStats Stats;
  /// The workers' own output, in the order of the files.
  std::string Logs;
  /// The files the fix-its change, by absolute path, as the analysis read
  /// them; std::nullopt when two translation units read different versions.
  llvm::StringMap<std::optional<FileDigest>> Analyzed;
  /// For each user file, the translation units (indices in the files
  /// analyzed) that read it and compiled: those that verify its fixes.
  llvm::StringMap<std::vector<size_t>> CompiledReaders;
  /// For each user file, the translation units that read it and did not
  /// compile: what they use of it is not known.
  llvm::StringMap<std::vector<size_t>> UncompiledReaders;
  /// Each unit's parts of project-wide rewrites, with the unit's index.
  std::vector<std::pair<size_t, clang::tidy::maptidy::ProjectRewritePart>>
      RewriteParts;
  /// Each unit's lock records of classes other units define functions of.
  std::vector<clang::tidy::maptidy::ProjectGuardPart> GuardParts;
};

/// Merges the outcomes of \p Files, in their order; fix-its get the line
/// ends of the files they change.
MergedResults mergeOutcomes(llvm::ArrayRef<std::string> Files,
                            std::vector<UnitOutcome> Outcomes,
                            SourceCache &Sources);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_FINDINGS_H
