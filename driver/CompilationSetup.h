//===--- CompilationSetup.h - maptidy -------------------------------------===//
//
// Finds the compile commands and the files to analyze: the compilation
// database named with -p, flags given after `--`, or a database found above
// the first input file; the files named (paths, directories or patterns), the
// files changed (--diff-base) or all, then this job's shard of them. A file
// the database does not list (a header, a source file added since the
// database was written) gets the command of a similar file, as in clang-tidy
// and clangd. A file with several commands that differ only in their outputs
// is analyzed once. Flags that clang rejects (a GCC build's) are dropped.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_COMPILATIONSETUP_H
#define MAPTIDY_DRIVER_COMPILATIONSETUP_H

#include "RejectedFlags.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace maptidy {

struct CompilationSetup {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// Absolute paths of the files to analyze, sorted.
  std::vector<std::string> Files;
  /// Every file the database lists, sorted; none with flags after `--`,
  /// which make no database.
  std::vector<std::string> DatabaseFiles;
  /// The flags of the commands of Files that clang rejects, dropped from
  /// them (after `--` as well).
  std::vector<std::string> IgnoredFlags;
};

/// Job \p Index (1-based) of \p Count (--shard).
struct Shard {
  unsigned Index = 1;
  unsigned Count = 1;
};

struct CompilationRequest {
  /// -p: a build directory or a compile_commands.json path; may be empty.
  std::string BuildPath;
  /// Flags given after `--`, if any.
  std::unique_ptr<clang::tooling::CompilationDatabase> FixedFlags;
  /// Files, directories or regular expressions named on the command line;
  /// none means every file of the database.
  std::vector<std::string> Files;
  /// With none named, only these files are analyzed (--diff-base).
  std::optional<std::vector<std::string>> ChangedFiles;
  Shard Part;
  std::vector<std::string> ExtraArgsBefore;
  std::vector<std::string> ExtraArgs;
  /// argv[0], to find the builtin headers next to an installed binary.
  const char *Argv0;
  /// Drops the flags clang rejects; also used for the flags after `--`.
  std::shared_ptr<RejectedFlags> Rejected;
};

/// The database (with the extra arguments and the resource directory applied)
/// and the files to analyze, or an error that names the problem.
llvm::Expected<CompilationSetup> setUpCompilation(CompilationRequest Request);

/// Whether \p Path is named like a header, which databases do not list.
bool isHeader(llvm::StringRef Path);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_COMPILATIONSETUP_H
