//===--- FixApplier.cpp - maptidy -----------------------------------------===//

#include "FixApplier.h"
#include "AtomicFile.h"
#include "ExitCodes.h"
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

class Planner {
public:
  explicit Planner(SourceCache &Sources) : Sources(Sources) {}

  /// Takes \p Edits unless one conflicts with an edit taken before; edits
  /// equal to one taken before are shared, not repeated.
  bool take(const FileEdits &Edits, const Finding &F) {
    for (const auto &[File, E] : Edits) {
      if (!writable(File)) {
        dropped(F, "changes '" + File + "', which cannot be written");
        return false;
      }
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

  /// Applies the edits taken, with clang-format's clean-up and formatting
  /// around them, and writes each changed file. Returns the files that could
  /// not be written.
  llvm::StringSet<>
  write(llvm::function_ref<std::string(llvm::StringRef)> FormatStyle) {
    llvm::StringSet<> Failed;
    for (const auto &Entry : Accepted) {
      llvm::StringRef File = Entry.getKey();
      llvm::StringRef Code = *Sources.contents(File);
      Replacements Set;
      for (const Edit &E : merged(Entry.getValue()))
        llvm::cantFail(Set.add(Replacement(File, E.Offset, E.Length, E.Text)));
      llvm::Expected<std::string> Fixed =
          fixedCode(File, Code, Set, FormatStyle(File));
      if (!Fixed) {
        reportError("cannot apply the fix-its to '" + File +
                    "': " + llvm::toString(Fixed.takeError()));
        Failed.insert(File);
        continue;
      }
      if (*Fixed == Code)
        continue;
      if (llvm::Error Error = writeFileAtomically(File, *Fixed)) {
        reportError(llvm::toString(std::move(Error)));
        Failed.insert(File);
      }
    }
    return Failed;
  }

  /// Whether a file the fix-its touch cannot be written.
  bool sawUnwritable() const {
    return llvm::any_of(Writable, [](const auto &E) { return !E.getValue(); });
  }

private:
  bool writable(llvm::StringRef File) {
    auto [It, Inserted] = Writable.try_emplace(File, true);
    if (Inserted) {
      if (!Sources.contents(File)) {
        reportError("cannot read '" + File + "' to apply fix-its to it");
        It->getValue() = false;
      } else if (llvm::Error Error = checkWritable(File)) {
        reportError(llvm::toString(std::move(Error)));
        It->getValue() = false;
      }
    }
    return It->getValue();
  }

  /// \p Edits with the insertions at one offset joined in the order taken.
  static std::vector<Edit> merged(const std::vector<Edit> &Edits) {
    std::vector<Edit> Result;
    for (const Edit &E : Edits) {
      auto Same = llvm::find_if(Result, [&](const Edit &Other) {
        return E.Length == 0 && Other.Length == 0 && E.Offset == Other.Offset;
      });
      if (Same == Result.end())
        Result.push_back(E);
      else
        Same->Text += E.Text;
    }
    return Result;
  }

  static void dropped(const Finding &F, const llvm::Twine &Why) {
    llvm::WithColor::warning(llvm::errs(), "maptidy")
        << "the fix-it of '" << F.Error.DiagnosticName << "' at " << F.Path
        << ":" << F.Where.Line << ":" << F.Where.Column << " " << Why
        << "; it was not applied\n";
  }

  static llvm::Expected<std::string> fixedCode(llvm::StringRef File,
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
    llvm::Expected<Replacements> Formatted =
        clang::format::formatReplacements(Code, *Cleaned, *Style);
    if (!Formatted)
      return Formatted.takeError();
    return clang::tooling::applyAllReplacements(Code, *Formatted);
  }

  SourceCache &Sources;
  llvm::StringMap<std::vector<Edit>> Accepted;
  llvm::StringMap<bool> Writable;
};

} // namespace

FixResult applyFixes(llvm::ArrayRef<const Finding *> Findings,
                     const FixRequest &Request, SourceCache &Sources) {
  FixResult Result;
  Planner Plan(Sources);
  std::vector<FileEdits> Edits(Findings.size());
  for (size_t I = 0; I < Findings.size(); ++I) {
    const Finding &F = *Findings[I];
    const llvm::StringMap<Replacements> *Fix =
        clang::tidy::getFixIt(F.Error, Request.FixNotes);
    FixOutcome Outcome = FixOutcome::NotAttempted;
    if (Fix && (!F.FromUncompiledUnit || Request.FixErrors)) {
      ++Result.Suggested;
      Edits[I] = editsOf(*Fix, F.Error.BuildDirectory);
      Outcome =
          Plan.take(Edits[I], F) ? FixOutcome::Applied : FixOutcome::NotApplied;
    }
    Result.Chosen.push_back(Fix);
    Result.Outcomes.push_back(Outcome);
  }
  const llvm::StringSet<> Failed = Plan.write(Request.FormatStyle);
  for (size_t I = 0; I < Findings.size(); ++I) {
    if (llvm::any_of(Edits[I],
                     [&](const auto &E) { return Failed.contains(E.first); }))
      Result.Outcomes[I] = FixOutcome::NotApplied;
    Result.Applied += Result.Outcomes[I] == FixOutcome::Applied;
  }
  Result.WriteFailed = !Failed.empty() || Plan.sawUnwritable();
  return Result;
}

} // namespace maptidy
