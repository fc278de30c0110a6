//===--- ProjectRewriteDecision.cpp - maptidy ----------------------------===//

#include "ProjectRewriteDecision.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/GlobPattern.h"
#include <map>
#include <set>

using clang::tidy::maptidy::ProjectRewritePart;
using clang::tooling::DiagnosticMessage;
using clang::tooling::Replacement;
using clang::tooling::Replacements;

namespace maptidy {

namespace {

using Place = std::pair<std::string, unsigned>;

const std::string NoFix = "; no fix is offered";

/// All the parts of one declaration's rewrite, in the order of the units.
struct Declaration {
  const ProjectRewritePart *First = nullptr;
  std::vector<std::pair<size_t, const ProjectRewritePart *>> Parts;
  std::set<Place> Findings;
};

/// A note at \p Where (a file and offset), or at no place.
std::string quoted(llvm::StringRef Text) { return "'" + Text.str() + "'"; }

DiagnosticMessage note(std::string Text, const DiagnosticMessage &Where) {
  DiagnosticMessage Note(std::move(Text));
  Note.FilePath = Where.FilePath;
  Note.FileOffset = Where.FileOffset;
  return Note;
}

/// Why the declaration cannot be rewritten, as a note; none when it can.
std::optional<DiagnosticMessage> blocker(const Declaration &D,
                                         const MergedResults &Merged,
                                         llvm::ArrayRef<std::string> Files,
                                         const ProjectCoverage &Coverage) {
  const DiagnosticMessage &Decl = D.First->Declaration;
  const std::string &Name = Decl.Message;
  const std::string &File = Decl.FilePath;
  if (!Coverage.Root->contains(File))
    return note(Name + " is declared outside the project" + NoFix, Decl);
  if (Coverage.IsPublic && Coverage.IsPublic(File))
    return note(
        Name + " is declared in a public header (PublicHeaders)" + NoFix, Decl);
  if (!Coverage.KnowsEveryUnit)
    return note(clang::tidy::maptidy::projectWideFixNote(Name), Decl);
  if (Coverage.UnanalyzedUnit)
    if (std::optional<std::string> Unit = Coverage.UnanalyzedUnit(File))
      return note(clang::tidy::maptidy::projectWideFixNote(Name, *Unit), Decl);
  for (const UnitProblem &Problem : Merged.Problems)
    if (!Problem.DoesNotCompile)
      return note(quoted(Problem.File) + " could not be analyzed and may use " +
                      Name + NoFix,
                  Decl);
  if (auto Uncompiled = Merged.UncompiledReaders.find(File);
      Uncompiled != Merged.UncompiledReaders.end())
    return note(quoted(Files[Uncompiled->getValue().front()]) +
                    " does not compile and may use " + Name + NoFix,
                Decl);
  if (Coverage.UnanalyzedIncluder)
    if (std::optional<std::string> Includer = Coverage.UnanalyzedIncluder(File))
      return note(quoted(*Includer) +
                      " is not in the compilation database and may use " +
                      Name + NoFix,
                  Decl);
  // A use that cannot be rewritten first: a blocker at the declaration (a
  // header the file cannot include) could be lifted, that one not.
  for (bool AtDeclaration : {false, true})
    for (const auto &[Unit, Part] : D.Parts)
      if (Part->Blocker &&
          AtDeclaration == (Part->Blocker->FilePath == File &&
                            Part->Blocker->FileOffset == Decl.FileOffset))
        return *Part->Blocker;
  for (const auto &[Unit, Part] : D.Parts)
    if (!Part->Agreement.empty() && Part->Agreement != D.First->Agreement)
      return note("the translation units that use " + Name +
                      " do not use it the same way (" +
                      quoted(Files[D.Parts.front().first]) + " and " +
                      quoted(Files[Unit]) + ")" + NoFix,
                  Decl);
  return std::nullopt;
}

/// The edits of every part, each once; none when two parts disagree.
std::optional<llvm::StringMap<Replacements>>
mergedEdits(const Declaration &D, DiagnosticMessage &Conflict) {
  std::map<std::string, std::set<Replacement>> ByFile;
  for (const auto &[Unit, Part] : D.Parts)
    for (const auto &Entry : Part->Edits)
      ByFile[Entry.getKey().str()].insert(Entry.getValue().begin(),
                                          Entry.getValue().end());
  llvm::StringMap<Replacements> Edits;
  for (const auto &[File, Set] : ByFile)
    for (const Replacement &R : Set)
      if (llvm::Error Error = Edits[File].add(R)) {
        llvm::consumeError(std::move(Error));
        Conflict = note("the translation units that use " +
                            D.First->Declaration.Message +
                            " need different edits of " + quoted(File) + NoFix,
                        D.First->Declaration);
        return std::nullopt;
      }
  return Edits;
}

} // namespace

void decideProjectRewrites(MergedResults &Merged,
                           llvm::ArrayRef<std::string> Files,
                           const ProjectCoverage &Coverage) {
  std::map<std::pair<std::string, std::string>, Declaration> Declarations;
  std::vector<const Declaration *> Order;
  for (const auto &[Unit, Part] : Merged.RewriteParts) {
    auto [It, Inserted] = Declarations.try_emplace({Part.Check, Part.Key});
    Declaration &D = It->second;
    if (Inserted) {
      D.First = &Part;
      Order.push_back(&D);
    }
    D.Parts.emplace_back(Unit, &Part);
    for (const DiagnosticMessage &Finding : Part.Findings)
      D.Findings.insert({Finding.FilePath, Finding.FileOffset});
  }
  for (const Declaration *D : Order) {
    if (D->Findings.empty())
      continue;
    std::optional<DiagnosticMessage> Blocked =
        blocker(*D, Merged, Files, Coverage);
    std::optional<llvm::StringMap<Replacements>> Edits;
    if (!Blocked) {
      DiagnosticMessage Conflict;
      Edits = mergedEdits(*D, Conflict);
      if (!Edits)
        Blocked = std::move(Conflict);
    }
    for (Finding &F : Merged.Findings)
      if (F.Error.DiagnosticName == D->First->Check &&
          D->Findings.count({F.Path, F.Error.Message.FileOffset})) {
        if (Blocked)
          F.Error.Notes.push_back(*Blocked);
        else
          F.Error.Message.Fix = *Edits;
      }
  }
}

std::optional<std::string> IncluderSearch::find(llvm::StringRef Header) {
  for (const std::string &Path : Includes.listed())
    if (Path != Header && !Known.contains(Path) &&
        Includes.includes(Path, Header))
      return Path;
  return std::nullopt;
}

bool matchesPublicHeaders(llvm::StringRef Path, llvm::StringRef Globs,
                          const ProjectRoot &Root) {
  const std::string Relative = Root.relative(Path);
  llvm::SmallVector<llvm::StringRef> Patterns;
  Globs.split(Patterns, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Pattern : Patterns) {
    llvm::Expected<llvm::GlobPattern> Glob =
        llvm::GlobPattern::create(Pattern.trim());
    if (!Glob) {
      llvm::consumeError(Glob.takeError());
      continue;
    }
    if (Glob->match(Relative))
      return true;
  }
  return false;
}

} // namespace maptidy
