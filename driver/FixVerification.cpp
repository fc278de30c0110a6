//===--- FixVerification.cpp - maptidy ------------------------------------===//

#include "FixVerification.h"
#include "Progress.h"
#include "WorkerPool.h"
#include "llvm/ADT/STLExtras.h"

namespace maptidy {

/// "file:line:column: message" for an error at \p Offset of \p Code.
static std::string located(llvm::StringRef File, llvm::StringRef Code,
                           unsigned Offset, llvm::StringRef Message) {
  const llvm::StringRef Before = Code.take_front(Offset);
  const size_t LineStart = Before.rfind('\n') + 1; // npos + 1 is 0.
  return (File + ":" + llvm::Twine(1 + Before.count('\n')) + ":" +
          llvm::Twine(Offset - LineStart + 1) + ": " + Message)
      .str();
}

FixVerifier makeFixVerifier(const VerificationSetup &Setup) {
  return [Setup](const llvm::StringMap<std::string> &Fixed) {
    // The units to parse, in the order of the run, with the fixed files
    // each reads.
    std::vector<std::vector<std::string>> Reads(Setup.Files.size());
    for (const auto &Entry : Fixed) {
      auto Readers = Setup.Merged.CompiledReaders.find(Entry.getKey());
      if (Readers != Setup.Merged.CompiledReaders.end())
        for (size_t Unit : Readers->getValue())
          Reads[Unit].push_back(Entry.getKey().str());
    }
    std::vector<std::string> Units;
    std::vector<size_t> Indices;
    for (size_t I = 0; I < Reads.size(); ++I)
      if (!Reads[I].empty()) {
        Units.push_back(Setup.Files[I]);
        Indices.push_back(I);
      }

    std::vector<UnitOutcome> Outcomes;
    {
      ProgressLine Progress(Setup.ShowProgress, Units.size());
      // The workers are forks: each has the fixed contents already.
      Outcomes = runWorkers(
          [&](const std::string &File) { return Setup.Verify(File, Fixed); },
          Units, Setup.Jobs, Setup.TimeoutSeconds, Progress);
    }

    std::vector<CompileFailure> Failures;
    for (size_t K = 0; K < Units.size(); ++K) {
      CompileFailure Failure;
      if (!Outcomes[K].Result) {
        // Not tied to a place: the fix-its of the unit's files are refused.
        Failure.Errors.push_back(
            {"", 0,
             Units[K] + ": the check of the fixed code " +
                 Outcomes[K].Failure});
      } else {
        for (const clang::tidy::ClangTidyError &Error :
             Outcomes[K].Result->Errors) {
          if (Error.DiagnosticName != "clang-diagnostic-error")
            continue;
          const std::string File =
              resolvePath(Error.BuildDirectory, Error.Message.FilePath);
          auto Code = Fixed.find(File);
          Failure.Errors.push_back(
              {File, Error.Message.FileOffset,
               Code == Fixed.end()
                   ? File + ": " + Error.Message.Message
                   : located(File, Code->getValue(),
                             Error.Message.FileOffset,
                             Error.Message.Message)});
        }
      }
      if (Failure.Errors.empty())
        continue;
      Failure.Files = std::move(Reads[Indices[K]]);
      Failures.push_back(std::move(Failure));
    }
    return Failures;
  };
}

} // namespace maptidy
