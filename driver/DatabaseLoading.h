//===--- DatabaseLoading.h - maptidy --------------------------------------===//
//
// Reads compile commands from where a project keeps them: the flags after
// `--`, compile_commands.json named with -p or found above the first file.
// Input clang's loaders accept badly (parser output on stderr, an entry
// without a command that crashes the analysis, a relative `directory` that
// makes every file "not found") is refused in one line, or read as meant.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_DATABASELOADING_H
#define MAPTIDY_DRIVER_DATABASELOADING_H

#include "RejectedFlags.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>

namespace maptidy {

/// A path without symlinks or dots: the name the database's files are known
/// by, to compare with the names a user types.
std::string canonicalPath(llvm::StringRef Path);

/// The compile flags after `--` in \p Argv, without the output and dependency
/// file options of a build system's whole compile command (CMake's
/// CMAKE_CXX_CLANG_TIDY passes `-- c++ ... -o x.o -MF x.o.d -c x.cpp`), which
/// the analysis drops anyway, and without the flags clang rejects, which \p
/// Rejected records. nullptr when there is no `--`; \p Argc then ends before
/// it.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadFlagsAfterDoubleDash(int &Argc, const char **Argv, RejectedFlags &Rejected);

/// The compilation database named with -p (\p BuildPath: a directory or a
/// .json file), or else the one in the nearest directory above
/// \p FirstFile.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadCompilationDatabase(llvm::StringRef BuildPath, llvm::StringRef FirstFile);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_DATABASELOADING_H
