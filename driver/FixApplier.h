//===--- FixApplier.h - maptidy -------------------------------------------===//
//
// --fix over a whole run: the fix-its of every translation unit are applied
// once. A fix-it is applied whole or not at all: one that overlaps a fix-it
// taken before it (in report order), or touches a file that cannot be
// written or changed since it was analyzed, is dropped. The files are locked
// against other maptidy runs and checked against the versions analyzed; the
// fixed files are proved to compile in the units that read them (a fix-it
// whose code does not is refused), then each written once, through a
// temporary file and a rename.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_FIXAPPLIER_H
#define MAPTIDY_DRIVER_FIXAPPLIER_H

#include "Findings.h"
#include "TextReport.h"
#include <functional>
#include <string>
#include <vector>

namespace maptidy {

/// A translation unit that does not compile with the fixed files.
struct CompileFailure {
  struct Error {
    /// Absolute path (empty when the error has no place), and byte offset
    /// in the fixed contents.
    std::string File;
    unsigned Offset = 0;
    /// "file:line:column: message", for the user.
    std::string Message;
  };
  /// At least one.
  std::vector<Error> Errors;
  /// The fixed files the unit reads.
  std::vector<std::string> Files;
};

/// Parses the units that read the fixed files, with \p Fixed's contents (by
/// absolute path) in place of the files on disk, and returns those that do
/// not compile.
using FixVerifier = std::function<std::vector<CompileFailure>(
    const llvm::StringMap<std::string> &Fixed)>;

struct FixRequest {
  /// Take a fix-it offered in a note when the finding has none (--fix-notes).
  bool FixNotes = false;
  /// Also fix findings of translation units that do not compile.
  bool FixErrors = false;
  /// The clang-format style (FormatStyle option) for a file.
  std::function<std::string(llvm::StringRef File)> FormatStyle;
  /// Proves the fixed files compile before they are written
  /// (--fix-verify=compile); none writes them unverified.
  FixVerifier Verify;
};

struct FixResult {
  /// Per finding: the fix-it chosen (null when none) and what became of it.
  std::vector<const llvm::StringMap<clang::tooling::Replacements> *> Chosen;
  std::vector<FixOutcome> Outcomes;
  unsigned Applied = 0;
  unsigned Suggested = 0;
  /// Set when a file could not be read or written, or changed since it was
  /// analyzed.
  bool WriteFailed = false;
  /// Per finding: the first compile error that made --fix refuse its fix-it,
  /// empty when it was not refused.
  std::vector<std::string> Refusals;
  unsigned Refused = 0;
};

/// Applies the fix-its of \p Findings and writes the files they change,
/// printing a line on stderr for each fix-it dropped and each file refused.
/// A file is changed only if it is still as the analysis read it
/// (\p Analyzed, see MergedResults).
FixResult
applyFixes(llvm::ArrayRef<const Finding *> Findings, const FixRequest &Request,
           const llvm::StringMap<std::optional<FileDigest>> &Analyzed);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_FIXAPPLIER_H
