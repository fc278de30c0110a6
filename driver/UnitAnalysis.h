//===--- UnitAnalysis.h - maptidy -----------------------------------------===//
//
// Runs the enabled checks on one translation unit, as clang-tidy does, except
// that a run of maptidy's checks alone creates them directly and skips the
// declarations of system headers: those checks report on user code only, and
// walking the standard library's declarations (to match, and to build the
// parent map some checks need) is most of the cost of a run.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_UNITANALYSIS_H
#define MAPTIDY_DRIVER_UNITANALYSIS_H

#include "ClangTidyDiagnosticConsumer.h"
#include "FileDigest.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <string>
#include <vector>

namespace maptidy {

/// The findings of the checks \p Context enables on \p File. \p Read gets
/// the digest of each user file the analysis read, by the name clang gave it
/// (the name the fix-its use). The files are read from \p FS; \p Overlay,
/// when given, holds contents that replace them (by absolute path): --fix's
/// fixed files.
std::vector<clang::tidy::ClangTidyError>
runChecksOnUnit(clang::tidy::ClangTidyContext &Context,
                const clang::tooling::CompilationDatabase &Database,
                const std::string &File, bool FixNotes,
                llvm::StringMap<FileDigest> &Read,
                llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                const llvm::StringMap<std::string> *Overlay = nullptr);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_UNITANALYSIS_H
