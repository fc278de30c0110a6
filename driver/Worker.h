//===--- Worker.h - maptidy -----------------------------------------------===//
//
// One translation unit, analyzed in a worker process: maptidy forks once per
// file, so that a crash in one file costs that file's findings only, and
// merges what the workers write back.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_WORKER_H
#define MAPTIDY_DRIVER_WORKER_H

#include "ClangTidyDiagnosticConsumer.h"
#include "ConfigSetup.h"
#include "FileDigest.h"
#include "ProjectRewrites.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace maptidy {

/// What clang-tidy reported for one translation unit.
struct UnitResult {
  std::vector<clang::tidy::ClangTidyError> Errors;
  clang::tidy::ClangTidyStats Stats;
  /// The files the fix-its of Errors change, by absolute path, as the
  /// analysis read them.
  llvm::StringMap<FileDigest> Analyzed;
  /// Every user file (not system header) the analysis read, by absolute
  /// path: the units a fixed file is verified in.
  std::vector<std::string> Read;
  /// The unit's parts of project-wide rewrites, with absolute paths.
  std::vector<clang::tidy::maptidy::ProjectRewritePart> RewriteParts;
  /// The unit's lock records of classes that other units may define
  /// member functions of, with absolute paths.
  std::vector<clang::tidy::maptidy::ProjectGuardPart> GuardParts;
};

/// How a worker runs clang-tidy, apart from the configuration.
struct AnalysisSettings {
  bool FixNotes = false;
  bool EnableModuleHeadersParsing = false;
  /// --vfsoverlay: the overlay file over the real file system; may be empty.
  std::string VfsOverlay;
  /// --enable-check-profile: each check's time, on stderr or, with
  /// --store-check-profile, as JSON in files under this prefix.
  bool EnableCheckProfile = false;
  std::string StoreCheckProfile;
};

/// Runs the enabled checks on \p File with the options that apply to it,
/// with \p Overlay's contents (by absolute path) in place of files on disk.
UnitResult
analyzeUnit(const ConfigRequest &Request, const AnalysisSettings &Settings,
            const clang::tooling::CompilationDatabase &Database,
            llvm::StringRef File,
            const llvm::StringMap<std::string> *Overlay = nullptr);

/// The result as the worker writes it: a length-prefixed encoding that keeps
/// source text byte for byte, whatever its encoding.
std::string encodeUnitResult(const UnitResult &Result);
llvm::Expected<UnitResult> decodeUnitResult(llvm::StringRef Data);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_WORKER_H
