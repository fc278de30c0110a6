//===--- FixApplier.cpp - maptidy -----------------------------------------===//

#include "FixApplier.h"
#include "AtomicFile.h"
#include "ExitCodes.h"
#include "FileLocks.h"
#include "Termination.h"
#include "clang/Format/Format.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/WithColor.h"

using clang::tooling::Replacement;
using clang::tooling::Replacements;

namespace maptidy {

namespace {

struct Edit {
  unsigned Offset;
  unsigned Length;
  std::string Text;

  bool operator==(const Edit &Other) const {
    return Offset == Other.Offset && Length == Other.Length &&
           Text == Other.Text;
  }
  /// Whether applying both is ambiguous. Touching counts: an insertion at
  /// either end of a replaced range could go before or after it. Insertions
  /// at one offset do not conflict: they go in report order.
  bool overlaps(const Edit &Other) const {
    if (Length == 0 && Other.Length == 0)
      return false;
    if (Length == 0)
      return Other.Offset <= Offset && Offset <= Other.Offset + Other.Length;
    if (Other.Length == 0)
      return Other.overlaps(*this);
    return Offset < Other.Offset + Other.Length &&
           Other.Offset < Offset + Length;
  }
};

/// A fix-it's edits by absolute file path.
using FileEdits = std::vector<std::pair<std::string, Edit>>;

FileEdits editsOf(const llvm::StringMap<Replacements> &Fix,
                  llvm::StringRef BuildDirectory) {
  FileEdits Edits;
  for (const auto &Entry : Fix)
    for (const Replacement &R : Entry.getValue())
      if (R.isApplicable())
        Edits.push_back(
            {resolvePath(BuildDirectory, R.getFilePath()),
             {R.getOffset(), R.getLength(), R.getReplacementText().str()}});
  return Edits;
}

/// A file with the fix-its applied: its new contents, and the replacements
/// that made them from the analyzed version.
struct FixedFile {
  std::string Code;
  Replacements Applied;
};

/// The 1-based line of \p Offset in \p Code.
unsigned lineAt(llvm::StringRef Code, unsigned Offset) {
  return 1 + Code.take_front(Offset).count('\n');
}

/// Says on stderr why a finding's fix-it was not written.
void refused(const Finding &F, llvm::StringRef Why) {
  llvm::errs() << "maptidy: fix refused: " << F.Error.DiagnosticName << " at "
               << F.Path << ":" << F.Where.Line
               << ": the fixed code does not compile: " << Why << "\n";
}

/// A file the fix-its change, locked and checked before any is written.
struct Target {
  enum { Ready, Unusable, Changed } State;
  /// As read under the lock: the version the analysis saw, when Ready.
  std::string Code;
};

/// Locks the files \p Edits change, in the order of their paths, and checks
/// that each is still the version analyzed (\p Analyzed) and can be
/// written; prints one error line for each that is not.
llvm::StringMap<Target>
lockTargets(llvm::ArrayRef<FileEdits> Edits,
            const llvm::StringMap<std::optional<FileDigest>> &Analyzed,
            FileLocks &Locks) {
  std::vector<llvm::StringRef> Paths;
  for (const FileEdits &Fix : Edits)
    for (const auto &Entry : Fix)
      Paths.push_back(Entry.first);
  llvm::sort(Paths);
  Paths.erase(std::unique(Paths.begin(), Paths.end()), Paths.end());

  llvm::StringMap<Target> Targets;
  for (llvm::StringRef Path : Paths) {
    Target &T = Targets[Path];
    llvm::Expected<std::string> Code = Locks.lockAndRead(Path);
    if (!Code) {
      reportError(llvm::toString(Code.takeError()) +
                  "; its fixes were not applied");
      T.State = Target::Unusable;
      continue;
    }
    auto Digest = Analyzed.find(Path);
    if (Digest == Analyzed.end() || Digest->getValue() != digestOf(*Code)) {
      reportError(
          "'" + Path +
          "' changed since it was analyzed; its fixes were not applied");
      T.State = Target::Changed;
      continue;
    }
    if (llvm::Error Error = checkWritable(Path)) {
      reportError(llvm::toString(std::move(Error)));
      T.State = Target::Unusable;
      continue;
    }
    T.State = Target::Ready;
    T.Code = std::move(*Code);
  }
  return Targets;
}

class Planner {
public:
  explicit Planner(const llvm::StringMap<Target> &Targets) : Targets(Targets) {}

  /// Takes \p Edits unless one conflicts with an edit taken before or
  /// changes a file that is not ready; edits equal to one taken before are
  /// shared, not repeated.
  bool take(const FileEdits &Edits, const Finding &F) {
    for (const auto &[File, E] : Edits) {
      const Target &T = Targets.find(File)->getValue();
      if (T.State == Target::Unusable)
        dropped(F, "changes '" + File + "', which cannot be written");
      if (T.State != Target::Ready)
        return false;
      for (const Edit &Taken : Accepted[File])
        if (!(Taken == E) && Taken.overlaps(E)) {
          dropped(F, "overlaps another fix-it");
          return false;
        }
    }
    for (const auto &[File, E] : Edits) {
      std::vector<Edit> &Taken = Accepted[File];
      if (llvm::find(Taken, E) == Taken.end())
        Taken.push_back(E);
    }
    return true;
  }

  /// The files with the edits taken applied, and clang-format's clean-up
  /// and formatting around them. \p Failed gets the files where that fails.
  llvm::StringMap<FixedFile>
  fix(llvm::function_ref<std::string(llvm::StringRef)> FormatStyle,
      llvm::StringSet<> &Failed) const {
    llvm::StringMap<FixedFile> Files;
    for (const auto &Entry : Accepted) {
      llvm::StringRef File = Entry.getKey();
      llvm::StringRef Code = Targets.find(File)->getValue().Code;
      Replacements Set;
      for (const Edit &E : merged(Entry.getValue()))
        llvm::cantFail(Set.add(Replacement(File, E.Offset, E.Length, E.Text)));
      llvm::Expected<Replacements> Applied =
          formatted(File, Code, Set, FormatStyle(File));
      llvm::Expected<std::string> Fixed =
          Applied ? clang::tooling::applyAllReplacements(Code, *Applied)
                  : Applied.takeError();
      if (!Fixed) {
        reportError("cannot apply the fix-its to '" + File +
                    "': " + llvm::toString(Fixed.takeError()));
        Failed.insert(File);
        continue;
      }
      if (*Fixed != Code)
        Files[File] = {std::move(*Fixed), std::move(*Applied)};
    }
    return Files;
  }

  /// The lines of \p Fixed (1-based, inclusive) that edit \p E of its file
  /// became, with the insertions made at the same place.
  std::pair<unsigned, unsigned> linesOf(llvm::StringRef File,
                                        const FixedFile &Fixed,
                                        const Edit &E) const {
    size_t Inserted = E.Text.size();
    if (E.Length == 0)
      for (const Edit &Joined : merged(Accepted.find(File)->getValue()))
        if (Joined.Length == 0 && Joined.Offset == E.Offset)
          Inserted = Joined.Text.size();
    const unsigned End =
        Fixed.Applied.getShiftedCodePosition(E.Offset + E.Length);
    const unsigned Start = End - std::min<size_t>(End, Inserted);
    return {lineAt(Fixed.Code, Start), lineAt(Fixed.Code, End)};
  }

private:
  /// \p Edits with the insertions at one offset joined in the order taken.
  /// Each finding's fix-it carries the #include lines it needs, so an
  /// #include line inserted there already is not repeated.
  static std::vector<Edit> merged(const std::vector<Edit> &Edits) {
    std::vector<Edit> Result;
    for (const Edit &E : Edits) {
      auto Same = llvm::find_if(Result, [&](const Edit &Other) {
        return E.Length == 0 && Other.Length == 0 && E.Offset == Other.Offset;
      });
      if (Same == Result.end()) {
        Result.push_back(E);
        continue;
      }
      for (llvm::StringRef Rest = E.Text; !Rest.empty();) {
        const size_t End = Rest.find('\n');
        const llvm::StringRef Line =
            Rest.take_front(End == llvm::StringRef::npos ? End : End + 1);
        Rest = Rest.drop_front(Line.size());
        if (!isIncludeLine(Line) || !hasLine(Same->Text, Line))
          Same->Text += Line;
      }
    }
    return Result;
  }

  static bool isIncludeLine(llvm::StringRef Line) {
    return Line.starts_with("#include") && Line.ends_with("\n");
  }

  static bool hasLine(llvm::StringRef Text, llvm::StringRef Line) {
    return Text.starts_with(Line) || Text.contains(("\n" + Line).str());
  }

  static void dropped(const Finding &F, const llvm::Twine &Why) {
    llvm::WithColor::warning(llvm::errs(), "maptidy")
        << "the fix-it of '" << F.Error.DiagnosticName << "' at " << F.Path
        << ":" << F.Where.Line << ":" << F.Where.Column << " " << Why
        << "; it was not applied\n";
  }

  static llvm::Expected<Replacements> formatted(llvm::StringRef File,
                                                llvm::StringRef Code,
                                                const Replacements &Set,
                                                llvm::StringRef StyleName) {
    llvm::Expected<clang::format::FormatStyle> Style =
        clang::format::getStyle(StyleName, File, "none");
    if (!Style)
      return Style.takeError();
    llvm::Expected<Replacements> Cleaned =
        clang::format::cleanupAroundReplacements(Code, Set, *Style);
    if (!Cleaned)
      return Cleaned.takeError();
    return clang::format::formatReplacements(Code, *Cleaned, *Style);
  }

  const llvm::StringMap<Target> &Targets;
  llvm::StringMap<std::vector<Edit>> Accepted;
};

} // namespace

FixResult
applyFixes(llvm::ArrayRef<const Finding *> Findings, const FixRequest &Request,
           const llvm::StringMap<std::optional<FileDigest>> &Analyzed) {
  FixResult Result;
  std::vector<FileEdits> Edits(Findings.size());
  for (const Finding *F : Findings) {
    const llvm::StringMap<Replacements> *Fix =
        clang::tidy::getFixIt(F->Error, Request.FixNotes);
    const bool Attempted = Fix && (!F->FromUncompiledUnit || Request.FixErrors);
    if (Attempted) {
      ++Result.Suggested;
      Edits[Result.Chosen.size()] = editsOf(*Fix, F->Error.BuildDirectory);
    }
    Result.Chosen.push_back(Fix);
    Result.Outcomes.push_back(Attempted ? FixOutcome::NotApplied
                                        : FixOutcome::NotAttempted);
  }

  // Held until every file is written: another run that waits for them then
  // sees the files written, not the ones this run analyzed.
  FileLocks Locks;
  const llvm::StringMap<Target> Targets = lockTargets(Edits, Analyzed, Locks);
  std::optional<Planner> Plan(Targets);
  for (size_t I = 0; I < Findings.size(); ++I)
    if (Result.Outcomes[I] == FixOutcome::NotApplied &&
        Plan->take(Edits[I], *Findings[I]))
      Result.Outcomes[I] = FixOutcome::Applied;
  llvm::StringSet<> Failed;
  llvm::StringMap<FixedFile> Fixed = Plan->fix(Request.FormatStyle, Failed);

  // Verified rounds: the fix-its that the errors of a round point into are
  // refused and the rest verified again; after the last round, the fix-its
  // of every file a failing unit reads are refused (the unit is then as it
  // was analyzed, and it compiled).
  constexpr unsigned Rounds = 3;
  Result.Refusals.resize(Findings.size());
  for (unsigned Round = 1; Request.Verify && !Fixed.empty(); ++Round) {
    llvm::StringMap<std::string> Contents;
    for (const auto &Entry : Fixed)
      Contents[Entry.getKey()] = Entry.getValue().Code;
    const std::vector<CompileFailure> Failures = Request.Verify(Contents);
    if (Failures.empty())
      break;
    bool Attributed = false;
    auto Refuse = [&](size_t I, const CompileFailure::Error &Error) {
      if (Result.Outcomes[I] != FixOutcome::Applied)
        return false;
      Result.Outcomes[I] = FixOutcome::NotApplied;
      Result.Refusals[I] = Error.Message;
      return true;
    };
    for (const CompileFailure &Failure : Failures)
      for (const CompileFailure::Error &Error : Failure.Errors) {
        auto File = Fixed.find(Error.File);
        if (Round == Rounds || File == Fixed.end())
          continue;
        const unsigned Line = lineAt(File->getValue().Code, Error.Offset);
        for (size_t I = 0; I < Findings.size(); ++I)
          for (const auto &[Path, E] : Edits[I]) {
            if (Path != Error.File)
              continue;
            auto [First, Last] = Plan->linesOf(Path, File->getValue(), E);
            if (First <= Line && Line <= Last)
              Attributed |= Refuse(I, Error);
          }
      }
    if (!Attributed)
      for (const CompileFailure &Failure : Failures)
        for (size_t I = 0; I < Findings.size(); ++I)
          if (llvm::any_of(Edits[I], [&](const auto &E) {
                return llvm::is_contained(Failure.Files, E.first);
              }))
            Refuse(I, Failure.Errors.front());
    Plan.emplace(Targets);
    for (size_t I = 0; I < Findings.size(); ++I)
      if (Result.Outcomes[I] == FixOutcome::Applied)
        Plan->take(Edits[I], *Findings[I]);
    Failed.clear();
    Fixed = Plan->fix(Request.FormatStyle, Failed);
    if (!Attributed)
      break;
  }
  for (size_t I = 0; I < Findings.size(); ++I)
    if (!Result.Refusals[I].empty())
      refused(*Findings[I], Result.Refusals[I]);

  {
    // A signal cannot leave some files fixed and others not, nor a
    // temporary file: it takes effect after the last file is written.
    TerminationDeferred Deferred;
    for (const auto &Entry : Fixed)
      if (llvm::Error Error = writeFileAtomically(Entry.getKey(),
                                                  Entry.getValue().Code)) {
        reportError(llvm::toString(std::move(Error)));
        Failed.insert(Entry.getKey());
      }
  }
  for (size_t I = 0; I < Findings.size(); ++I) {
    if (llvm::any_of(Edits[I],
                     [&](const auto &E) { return Failed.contains(E.first); }))
      Result.Outcomes[I] = FixOutcome::NotApplied;
    Result.Applied += Result.Outcomes[I] == FixOutcome::Applied;
  }
  Result.WriteFailed =
      !Failed.empty() || llvm::any_of(Targets, [](const auto &Entry) {
        return Entry.getValue().State != Target::Ready;
      });
  Result.Refused = llvm::count_if(
      Result.Refusals, [](const std::string &Why) { return !Why.empty(); });
  return Result;
}

} // namespace maptidy
