//===--- Run.cpp - maptidy ------------------------------------------------===//

#include "Run.h"
#include "AtomicFile.h"
#include "Baseline.h"
#include "ClangTidy.h"
#include "ExitCodes.h"
#include "Findings.h"
#include "Fingerprint.h"
#include "FixApplier.h"
#include "ProjectGuardDecision.h"
#include "ProjectRewriteDecision.h"
#include "Report.h"
#include "TextReport.h"
#include "WorkerPool.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Process.h"

namespace maptidy {

static void printSuppressed(const clang::tidy::ClangTidyStats &Stats) {
  if (!Stats.errorsIgnored())
    return;
  llvm::errs() << "Suppressed " << Stats.errorsIgnored() << " warnings ("
               << Stats.ErrorsIgnoredNonUserCode << " in non-user code, "
               << Stats.ErrorsIgnoredNOLINT << " NOLINT, "
               << Stats.ErrorsIgnoredCheckFilter << " with check filters, "
               << Stats.ErrorsIgnoredLineFilter << " due to line filter).\n";
}

static bool fails(const Finding &F, FailLevel Level) {
  switch (Level) {
  case FailLevel::Warning:
    return true;
  case FailLevel::Error:
    return F.isError();
  case FailLevel::None:
    return false;
  }
  return true;
}

/// Writes \p Text to \p Path, or to stdout when \p Path is empty.
static bool emit(llvm::StringRef Path, llvm::StringRef Text) {
  if (Path.empty()) {
    llvm::outs() << Text;
    return true;
  }
  if (llvm::Error Error = writeFileAtomically(Path, Text)) {
    reportError(llvm::toString(std::move(Error)));
    return false;
  }
  return true;
}

namespace {

/// The findings of a run after --diff-base and --baseline.
struct Selection {
  /// Printed and fixed: compile errors, and findings on changed lines that
  /// the baseline does not know.
  std::vector<const Finding *> Shown;
  /// Recorded by --write-baseline: the findings on changed lines.
  std::vector<const Finding *> Current;
  size_t OutsideDiff = 0;
  size_t InBaseline = 0;
};

Selection select(const MergedResults &Merged, const RunRequest &Request) {
  Selection S;
  for (const Finding &F : Merged.Findings) {
    if (F.isCompileError()) {
      S.Shown.push_back(&F);
      continue;
    }
    if (Request.Changed && !Request.Changed->contains(F.Path, F.Where.Line)) {
      ++S.OutsideDiff;
      continue;
    }
    S.Current.push_back(&F);
    if (Request.Baseline && Request.Baseline->contains(F.Fingerprint))
      ++S.InBaseline;
    else
      S.Shown.push_back(&F);
  }
  return S;
}

} // namespace

/// "N findings (K fixable) in M files; F files could not be analyzed": the
/// findings shown and not fixed, those of them --fix could fix.
static void printSummary(const Selection &S,
                         llvm::function_ref<bool(size_t)> Fixed, size_t Files,
                         size_t Problems) {
  auto Count = [](size_t N, llvm::StringRef Noun) {
    return std::to_string(N) + " " + Noun.str() + (N == 1 ? "" : "s");
  };
  size_t Findings = 0, Fixable = 0;
  for (size_t I = 0; I < S.Shown.size(); ++I)
    if (!S.Shown[I]->isCompileError() && !Fixed(I)) {
      ++Findings;
      Fixable += clang::tidy::getFixIt(S.Shown[I]->Error,
                                       /*AnyFix=*/false) != nullptr;
    }
  llvm::errs() << "maptidy: " << Count(Findings, "finding") << " ("
               << Fixable << " fixable) in " << Count(Files, "file");
  if (Problems)
    llvm::errs() << "; " << Count(Problems, "file")
                 << " could not be analyzed";
  llvm::errs() << "\n";
}

/// Gives the findings of declarations several units use their project-wide
/// fix-it or the note that says what blocks it.
static void decideRewrites(MergedResults &Merged, const RunRequest &Request,
                           const ProjectRoot &Root) {
  llvm::StringSet<> Analyzed;
  for (const std::string &File : Request.Files)
    Analyzed.insert(File);
  std::vector<std::string> NotAnalyzed;
  for (const std::string &File : Request.DatabaseFiles)
    if (!Analyzed.contains(File))
      NotAnalyzed.push_back(File);
  // The files the run knows of: the database's and those the analysis read.
  llvm::StringSet<> Known = Analyzed;
  for (const std::string &File : NotAnalyzed)
    Known.insert(File);
  for (const auto *Readers :
       {&Merged.CompiledReaders, &Merged.UncompiledReaders})
    for (const auto &Entry : *Readers)
      Known.insert(Entry.getKey());
  std::vector<std::string> KnownFiles;
  for (const auto &Entry : Known)
    KnownFiles.push_back(Entry.getKey().str());
  IncludeClosure Includes(Root, std::move(KnownFiles));
  IncluderSearch Includers(Includes, std::move(Known));
  ProjectCoverage Coverage;
  Coverage.KnowsEveryUnit = !Request.DatabaseFiles.empty();
  Coverage.Root = &Root;
  Coverage.IsPublic = [&](llvm::StringRef Path) {
    return Request.PublicHeaders &&
           matchesPublicHeaders(Path, Request.PublicHeaders(Path), Root);
  };
  Coverage.UnanalyzedUnit = [&](llvm::StringRef Header) {
    return Includes.firstReaching(NotAnalyzed, Header);
  };
  Coverage.UnanalyzedIncluder = [&](llvm::StringRef Header) {
    return Includers.find(Header);
  };
  decideProjectRewrites(Merged, Request.Files, Coverage);
}

int run(const RunRequest &Request) {
  std::vector<UnitOutcome> Outcomes;
  {
    ProgressLine Progress(!Request.Quiet &&
                              llvm::sys::Process::StandardErrIsDisplayed(),
                          Request.Files.size());
    Outcomes = runWorkers(Request.Analyze, Request.Files, Request.Jobs,
                          Request.TimeoutSeconds, Progress);
  }
  SourceCache Sources;
  MergedResults Merged =
      mergeOutcomes(Request.Files, std::move(Outcomes), Sources);
  llvm::errs() << Merged.Logs;
  const ProjectRoot Root(Request.SourceRoot);
  if (!Merged.GuardParts.empty())
    decideProjectGuards(Merged);
  if (!Merged.RewriteParts.empty())
    decideRewrites(Merged, Request, Root);
  assignFingerprints(Merged.Findings, Sources, Root);
  const Selection S = select(Merged, Request);

  const bool Fixing = Request.Fix || Request.FixNotes || Request.FixErrors;
  FixResult Fixes;
  if (Fixing) {
    FixRequest Fixer;
    Fixer.FixNotes = Request.FixNotes;
    Fixer.FixErrors = Request.FixErrors;
    Fixer.FormatStyle = Request.FormatStyle;
    if (Request.Verify)
      Fixer.Verify = makeFixVerifier(
          {Request.Verify, Request.Files, Merged, Request.Jobs,
           Request.TimeoutSeconds,
           !Request.Quiet && llvm::sys::Process::StandardErrIsDisplayed()});
    Fixes = applyFixes(S.Shown, Fixer, Merged.Analyzed);
  }
  auto Fixed = [&](size_t I) {
    return Fixing && Fixes.Outcomes[I] == FixOutcome::Applied;
  };
  auto Refusal = [&](size_t I) -> llvm::StringRef {
    return Fixing ? llvm::StringRef(Fixes.Refusals[I]) : "";
  };
  // A fix-it asked for and refused: the run did not do what it was asked.
  bool Failed = Fixes.WriteFailed || Fixes.Refused;

  const bool TextToFile =
      Request.Format == OutputFormat::Text && !Request.Output.empty();
  if (Request.Format == OutputFormat::Text || !Request.Output.empty()) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    const bool Colors = Request.Colors && !TextToFile;
    OS.enable_colors(Colors);
    {
      TextReport Printer(OS, Colors, Sources);
      for (size_t I = 0; I < S.Shown.size(); ++I)
        Printer.print(*S.Shown[I], Fixing ? Fixes.Chosen[I] : nullptr,
                      Fixing ? Fixes.Outcomes[I] : FixOutcome::NotAttempted);
    }
    Failed |= !emit(TextToFile ? Request.Output : "", Text);
  }
  if (Request.Format != OutputFormat::Text) {
    ReportInput Input{{},      Merged.Problems, Root,
                      Sources, Request.Part,    Request.Files.size()};
    for (size_t I = 0; I < S.Shown.size(); ++I)
      if (!S.Shown[I]->isCompileError())
        Input.Findings.push_back({S.Shown[I], Fixed(I), Refusal(I)});
    std::string Report;
    llvm::raw_string_ostream OS(Report);
    if (Request.Format == OutputFormat::Json)
      writeJsonReport(Input, OS);
    else if (Request.Format == OutputFormat::Sarif)
      writeSarifReport(Input, OS);
    else if (Request.Format == OutputFormat::CodeClimate)
      writeCodeClimateReport(Input, OS);
    else
      writeGithubReport(Input, OS);
    Failed |= !emit(Request.Output, Report);
  }
  llvm::outs().flush();

  if (!Request.ExportFixes.empty()) {
    std::vector<clang::tidy::ClangTidyError> Errors;
    for (size_t I = 0; I < S.Shown.size(); ++I) {
      Errors.push_back(S.Shown[I]->Error);
      if (!Refusal(I).empty())
        Errors.back().Notes.emplace_back(
            ("fix refused: the fixed code does not compile: " + Refusal(I))
                .str());
    }
    std::string Yaml;
    llvm::raw_string_ostream OS(Yaml);
    clang::tidy::exportReplacements(
        Request.Files.empty() ? "" : Request.Files.front(), Errors, OS);
    Failed |= !emit(Request.ExportFixes, Yaml);
  }
  if (!Request.WriteBaseline.empty()) {
    if (!Merged.Problems.empty()) {
      reportError("the baseline '" + Request.WriteBaseline +
                  "' was not written: some files could not be analyzed");
      Failed = true;
    } else {
      llvm::SmallPtrSet<const Finding *, 16> Gone;
      for (size_t I = 0; I < S.Shown.size(); ++I)
        if (Fixed(I))
          Gone.insert(S.Shown[I]);
      std::vector<const Finding *> Recorded;
      for (const Finding *F : S.Current)
        if (!Gone.contains(F))
          Recorded.push_back(F);
      Failed |= !emit(Request.WriteBaseline, baselineText(Recorded, Root));
    }
  }

  if (Fixes.Suggested)
    llvm::errs() << "maptidy applied " << Fixes.Applied << " of "
                 << Fixes.Suggested << " suggested fixes.\n";
  if (!Request.Quiet) {
    printSuppressed(Merged.Stats);
    if (S.InBaseline)
      llvm::errs() << "maptidy: " << S.InBaseline
                   << " findings known to the baseline not shown\n";
    if (S.OutsideDiff)
      llvm::errs() << "maptidy: " << S.OutsideDiff
                   << " findings outside the lines changed since '"
                   << Request.DiffBase << "' not shown\n";
  }
  const bool FixesDisabled = Fixing && !Request.FixErrors;
  for (const UnitProblem &Problem : Merged.Problems)
    reportError("'" + Problem.File + "' " + Problem.Message +
                (FixesDisabled && Problem.DoesNotCompile
                     ? "; its fixes were not applied (see --fix-errors)"
                     : ""));
  if (!Request.Quiet)
    printSummary(S, Fixed, Request.Files.size(), Merged.Problems.size());

  if (Failed || !Merged.Problems.empty())
    return ExitCouldNotRun;
  if (!Request.WriteBaseline.empty())
    return ExitClean;
  for (size_t I = 0; I < S.Shown.size(); ++I)
    if (!S.Shown[I]->isCompileError() && !Fixed(I) &&
        fails(*S.Shown[I], Request.FailOn))
      return ExitFindings;
  return ExitClean;
}

} // namespace maptidy
