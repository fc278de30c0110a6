//===--- Findings.cpp - maptidy -------------------------------------------===//

#include "Findings.h"
#include "CheckTraits.h"
#include "LineEndings.h"
#include "llvm/ADT/STLExtras.h"
#include <tuple>

namespace maptidy {

bool Finding::isError() const {
  return Error.IsWarningAsError ||
         Error.DiagLevel == clang::tooling::Diagnostic::Error;
}

/// Identifies a finding across translation units.
static auto key(const Finding &F) {
  return std::tie(F.Path, F.Error.Message.FileOffset, F.Error.DiagnosticName,
                  F.Error.Message.Message);
}

MergedResults mergeOutcomes(llvm::ArrayRef<std::string> Files,
                            std::vector<UnitOutcome> Outcomes,
                            SourceCache &Sources) {
  MergedResults Merged;
  for (size_t I = 0; I < Files.size(); ++I) {
    UnitOutcome &Outcome = Outcomes[I];
    Merged.Logs += Outcome.Log;
    if (!Outcome.Result) {
      Merged.Problems.push_back(
          {Files[I],
           "analysis " + Outcome.Failure + "; its findings are missing",
           /*DoesNotCompile=*/false});
      continue;
    }
    const clang::tidy::ClangTidyStats &S = Outcome.Result->Stats;
    Merged.Stats.ErrorsDisplayed += S.ErrorsDisplayed;
    Merged.Stats.ErrorsIgnoredCheckFilter += S.ErrorsIgnoredCheckFilter;
    Merged.Stats.ErrorsIgnoredNOLINT += S.ErrorsIgnoredNOLINT;
    Merged.Stats.ErrorsIgnoredNonUserCode += S.ErrorsIgnoredNonUserCode;
    Merged.Stats.ErrorsIgnoredLineFilter += S.ErrorsIgnoredLineFilter;
    for (const auto &Entry : Outcome.Result->Analyzed) {
      auto [It, Inserted] =
          Merged.Analyzed.try_emplace(Entry.getKey(), Entry.getValue());
      if (!Inserted && It->getValue() != Entry.getValue())
        It->getValue() = std::nullopt;
    }

    const size_t First = Merged.Findings.size();
    for (clang::tidy::ClangTidyError &Error : Outcome.Result->Errors) {
      // A defect is reported as an error, whatever the check's level.
      if (checkTraits(Error.DiagnosticName).Defect)
        Error.DiagLevel = clang::tooling::Diagnostic::Error;
      Merged.Findings.emplace_back(std::move(Error));
    }
    const auto Unit = llvm::make_range(Merged.Findings.begin() + First,
                                       Merged.Findings.end());
    const size_t CompileErrors = llvm::count_if(
        Unit, [](const Finding &F) { return F.isCompileError(); });
    for (Finding &F : Unit)
      F.FromUncompiledUnit = CompileErrors > 0;
    if (CompileErrors)
      Merged.Problems.push_back(
          {Files[I],
           "does not compile (" + std::to_string(CompileErrors) +
               (CompileErrors == 1 ? " error" : " errors") +
               "); its findings are incomplete",
           /*DoesNotCompile=*/true});
    for (const std::string &Path : Outcome.Result->Read)
      (CompileErrors ? Merged.UncompiledReaders : Merged.CompiledReaders)[Path]
          .push_back(I);
    for (auto &Part : Outcome.Result->RewriteParts)
      Merged.RewriteParts.emplace_back(I, std::move(Part));
    for (auto &Part : Outcome.Result->GuardParts)
      Merged.GuardParts.push_back(std::move(Part));
  }

  for (Finding &F : Merged.Findings) {
    const clang::tooling::DiagnosticMessage &Message = F.Error.Message;
    if (!Message.FilePath.empty())
      F.Path = resolvePath(F.Error.BuildDirectory, Message.FilePath);
    F.Where = Sources.position(F.Path, Message.FileOffset);
  }
  // Stable: of a finding seen by several files, the first file's copy stays.
  llvm::stable_sort(Merged.Findings, [](const Finding &A, const Finding &B) {
    return key(A) < key(B);
  });
  Merged.Findings.erase(std::unique(Merged.Findings.begin(),
                                    Merged.Findings.end(),
                                    [](const Finding &A, const Finding &B) {
                                      return key(A) == key(B);
                                    }),
                        Merged.Findings.end());
  for (Finding &F : Merged.Findings)
    matchLineEndings(F.Error, Sources);
  return Merged;
}

} // namespace maptidy
