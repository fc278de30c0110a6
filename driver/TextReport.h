//===--- TextReport.h - maptidy -------------------------------------------===//
//
// Findings printed exactly as clang-tidy prints them: "file:line:col:
// warning: message [check]", the source line with a caret and fix-it hints,
// the FIX-IT notes of --fix, then the notes.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_TEXTREPORT_H
#define MAPTIDY_DRIVER_TEXTREPORT_H

#include "Findings.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace maptidy {

/// What --fix did with a finding's fix-it.
enum class FixOutcome { NotAttempted, Applied, NotApplied };

class TextReport {
public:
  /// Sources are shown as \p Cache read them, before --fix changed them.
  TextReport(llvm::raw_ostream &OS, bool Colors, SourceCache &Cache);
  ~TextReport();

  /// \p Fix is the fix-it --fix chose for \p F (null when none); it gets one
  /// FIX-IT note per replacement unless \p Outcome is NotAttempted.
  void print(const Finding &F,
             const llvm::StringMap<clang::tooling::Replacements> *Fix,
             FixOutcome Outcome);

private:
  clang::SourceLocation location(llvm::StringRef File, unsigned Offset);
  clang::CharSourceRange range(const clang::tooling::FileByteRange &Range);
  /// The ranges and fix-its of a diagnostic at \p Caret that its snippet can
  /// show.
  void addSnippet(clang::DiagnosticBuilder &Diag, clang::SourceLocation Caret,
                  llvm::ArrayRef<clang::tooling::FileByteRange> Ranges,
                  const llvm::StringMap<clang::tooling::Replacements> &Fix);

  SourceCache &Cache;
  /// The directory relative paths of the finding printed are relative to.
  std::string BuildDirectory;
  std::string StartDirectory;

  /// Relative paths are relative to each finding's build directory, as in
  /// clang-tidy; this file system has its own working directory for them.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
  clang::FileManager Files;
  clang::LangOptions LangOpts;
  clang::DiagnosticOptions DiagOpts;
  clang::TextDiagnosticPrinter Printer;
  clang::DiagnosticsEngine Diags;
  clang::SourceManager Sources;
};

} // namespace maptidy

#endif // MAPTIDY_DRIVER_TEXTREPORT_H
