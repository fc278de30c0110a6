//===--- CompilationSetup.h - maptidy -------------------------------------===//
//
// Finds the compile commands for the input files: the compilation database
// named with -p, flags given after `--`, or a database found above the first
// input file; refuses files the database does not know.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_COMPILATIONSETUP_H
#define MAPTIDY_DRIVER_COMPILATIONSETUP_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace maptidy {

struct CompilationSetup {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// Absolute paths of the files to analyze.
  std::vector<std::string> Files;
};

struct CompilationRequest {
  /// -p: a build directory or a compile_commands.json path; may be empty.
  std::string BuildPath;
  /// Flags given after `--`, if any.
  std::unique_ptr<clang::tooling::CompilationDatabase> FixedFlags;
  /// Files named on the command line; empty means every file of the database.
  std::vector<std::string> Files;
  std::vector<std::string> ExtraArgsBefore;
  std::vector<std::string> ExtraArgs;
  /// argv[0], to find the builtin headers next to an installed binary.
  const char *Argv0;
};

/// The database (with the extra arguments and the resource directory applied)
/// and the files to analyze, or an error that names the problem.
llvm::Expected<CompilationSetup> setUpCompilation(CompilationRequest Request);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_COMPILATIONSETUP_H
