//===--- TextReport.cpp - maptidy -----------------------------------------===//

#include "TextReport.h"
#include "clang/Basic/DiagnosticFrontend.h"
#include "llvm/ADT/StringExtras.h"

using clang::DiagnosticsEngine;
using clang::tooling::Replacement;
using clang::tooling::Replacements;

namespace maptidy {

static DiagnosticsEngine::Level level(const Finding &F) {
  return F.Error.IsWarningAsError
             ? DiagnosticsEngine::Error
             : static_cast<DiagnosticsEngine::Level>(F.Error.DiagLevel);
}

/// The check name as clang-tidy shows it: with its enabled aliases and the
/// marker of --warnings-as-errors.
static std::string shownName(const clang::tidy::ClangTidyError &Error) {
  std::string Name = Error.DiagnosticName;
  for (const std::string &Alias : Error.EnabledDiagnosticAliases)
    Name += "," + Alias;
  if (Error.IsWarningAsError)
    Name += ",-warnings-as-errors";
  return Name;
}

TextReport::TextReport(llvm::raw_ostream &OS, bool Colors, SourceCache &Cache)
    : Cache(Cache), FS(llvm::vfs::createPhysicalFileSystem().release()),
      Files(clang::FileSystemOptions(), FS), Printer(OS, DiagOpts),
      Diags(llvm::makeIntrusiveRefCnt<clang::DiagnosticIDs>(), DiagOpts,
            &Printer, /*ShouldOwnClient=*/false),
      Sources(Diags, Files) {
  DiagOpts.ShowColors = Colors;
  if (auto Directory = FS->getCurrentWorkingDirectory())
    StartDirectory = *Directory;
  Printer.BeginSourceFile(LangOpts, /*PP=*/nullptr);
}

TextReport::~TextReport() { Printer.EndSourceFile(); }

clang::SourceLocation TextReport::location(llvm::StringRef File,
                                           unsigned Offset) {
  if (File.empty())
    return {};
  auto Entry = Files.getOptionalFileRef(File);
  if (!Entry)
    return {};
  if (!Sources.isFileOverridden(*Entry))
    if (std::optional<llvm::StringRef> Contents =
            Cache.contents(resolvePath(BuildDirectory, File)))
      Sources.overrideFileContents(
          *Entry, llvm::MemoryBuffer::getMemBuffer(*Contents, File));
  clang::FileID ID = Sources.getOrCreateFileID(*Entry, clang::SrcMgr::C_User);
  return Sources.getLocForStartOfFile(ID).getLocWithOffset(Offset);
}

clang::CharSourceRange
TextReport::range(const clang::tooling::FileByteRange &Range) {
  const clang::SourceLocation Begin =
      location(Range.FilePath, Range.FileOffset);
  return clang::CharSourceRange::getCharRange(
      Begin, Begin.getLocWithOffset(Range.Length));
}

void TextReport::addFixHints(clang::DiagnosticBuilder &Diag,
                             const llvm::StringMap<Replacements> &Fix) {
  for (const auto &Entry : Fix)
    for (const Replacement &R : Entry.getValue())
      if (R.isApplicable()) {
        clang::tooling::FileByteRange Replaced;
        Replaced.FilePath = R.getFilePath().str();
        Replaced.FileOffset = R.getOffset();
        Replaced.Length = R.getLength();
        Diag << clang::FixItHint::CreateReplacement(range(Replaced),
                                                    R.getReplacementText());
      }
}

void TextReport::print(const Finding &F,
                       const llvm::StringMap<Replacements> *Fix,
                       FixOutcome Outcome) {
  const clang::tidy::ClangTidyError &Error = F.Error;
  BuildDirectory =
      Error.BuildDirectory.empty() ? StartDirectory : Error.BuildDirectory;
  FS->setCurrentWorkingDirectory(BuildDirectory);
  {
    clang::DiagnosticBuilder Diag =
        Diags.Report(location(Error.Message.FilePath, Error.Message.FileOffset),
                     Diags.getCustomDiagID(level(F), "%0 [%1]"))
        << Error.Message.Message << shownName(Error);
    for (const clang::tooling::FileByteRange &Range : Error.Message.Ranges)
      Diag << range(Range);
    addFixHints(Diag, Error.Message.Fix);
  }
  if (Fix && Outcome != FixOutcome::NotAttempted)
    for (const auto &Entry : *Fix)
      for (const Replacement &R : Entry.getValue())
        if (R.isApplicable())
          Diags.Report(location(R.getFilePath(), R.getOffset()),
                       Outcome == FixOutcome::Applied
                           ? clang::diag::note_fixit_applied
                           : clang::diag::note_fixit_failed);
  for (const clang::tooling::DiagnosticMessage &Note : Error.Notes) {
    clang::DiagnosticBuilder Diag =
        Diags.Report(location(Note.FilePath, Note.FileOffset),
                     Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0"))
        << Note.Message;
    for (const clang::tooling::FileByteRange &Range : Note.Ranges)
      Diag << range(Range);
    addFixHints(Diag, Note.Fix);
  }
}

} // namespace maptidy
