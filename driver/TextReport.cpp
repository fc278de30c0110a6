//===--- TextReport.cpp - maptidy -----------------------------------------===//

#include "TextReport.h"
#include "clang/Basic/DiagnosticFrontend.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using clang::DiagnosticsEngine;
using clang::tooling::Replacement;
using clang::tooling::Replacements;

namespace maptidy {

namespace {
/// The lines around a caret that a snippet shows. LLVM 22's printer numbers a
/// snippet from the first line of every range and fix-it it is given, also of
/// one in another file or too far from the caret to be shown, and then prints
/// the caret's line under that number; only what fits is given to it.
class SnippetWindow {
public:
  SnippetWindow(clang::SourceLocation Caret, unsigned MaxLines,
                const clang::SourceManager &SM)
      : SM(SM), MaxLines(MaxLines) {
    if (Caret.isValid() && Caret.isFileID()) {
      File = SM.getFileID(Caret);
      First = Last = SM.getSpellingLineNumber(Caret);
    }
  }

  /// Whether \p Range lies in the caret's file and, with what was admitted
  /// before, within MaxLines lines; if so, the window grows to hold it.
  bool admits(clang::CharSourceRange Range) {
    const clang::SourceLocation Begin = Range.getBegin(), End = Range.getEnd();
    if (File.isInvalid() || !Begin.isFileID() || !End.isFileID() ||
        SM.getFileID(Begin) != File || SM.getFileID(End) != File)
      return false;
    const unsigned NewFirst = std::min(First, SM.getSpellingLineNumber(Begin));
    const unsigned NewLast = std::max(Last, SM.getSpellingLineNumber(End));
    if (NewLast - NewFirst >= MaxLines)
      return false;
    First = NewFirst;
    Last = NewLast;
    return true;
  }

private:
  const clang::SourceManager &SM;
  const unsigned MaxLines;
  clang::FileID File;
  unsigned First = 0, Last = 0;
};
} // namespace

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
  // The resolved path, as the other reports name files: a unit's spelling
  // (`build/../inc/a.h`) would name the same file differently per unit.
  const std::string Resolved = resolvePath(BuildDirectory, File);
  auto Entry = Files.getOptionalFileRef(Resolved);
  if (!Entry)
    return {};
  if (!Sources.isFileOverridden(*Entry))
    if (std::optional<llvm::StringRef> Contents = Cache.contents(Resolved))
      Sources.overrideFileContents(
          *Entry, llvm::MemoryBuffer::getMemBuffer(*Contents, Resolved));
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

void TextReport::addSnippet(
    clang::DiagnosticBuilder &Diag, clang::SourceLocation Caret,
    llvm::ArrayRef<clang::tooling::FileByteRange> Ranges,
    const llvm::StringMap<Replacements> &Fix) {
  SnippetWindow Window(Caret, DiagOpts.SnippetLineLimit, Sources);
  for (const clang::tooling::FileByteRange &Range : Ranges)
    if (const clang::CharSourceRange Shown = range(Range); Window.admits(Shown))
      Diag << Shown;
  for (const auto &Entry : Fix)
    for (const Replacement &R : Entry.getValue())
      if (R.isApplicable()) {
        clang::tooling::FileByteRange Replaced;
        Replaced.FilePath = R.getFilePath().str();
        Replaced.FileOffset = R.getOffset();
        Replaced.Length = R.getLength();
        if (const clang::CharSourceRange Shown = range(Replaced);
            Window.admits(Shown))
          Diag << clang::FixItHint::CreateReplacement(Shown,
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
    const clang::SourceLocation Caret =
        location(Error.Message.FilePath, Error.Message.FileOffset);
    clang::DiagnosticBuilder Diag =
        Diags.Report(Caret, Diags.getCustomDiagID(level(F), "%0 [%1]"))
        << Error.Message.Message << shownName(Error);
    addSnippet(Diag, Caret, Error.Message.Ranges, Error.Message.Fix);
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
    const clang::SourceLocation Caret =
        location(Note.FilePath, Note.FileOffset);
    clang::DiagnosticBuilder Diag =
        Diags.Report(Caret,
                     Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0"))
        << Note.Message;
    addSnippet(Diag, Caret, Note.Ranges, Note.Fix);
  }
}

} // namespace maptidy
