//===--- Worker.cpp - maptidy ---------------------------------------------===//

#include "Worker.h"
#include "SourceCache.h"
#include "UnitAnalysis.h"
#include "VfsOverlay.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang::tidy;
using clang::tidy::maptidy::AccessRecord;
using clang::tidy::maptidy::ConditionalGuardFinding;
using clang::tidy::maptidy::MethodRecord;
using clang::tidy::maptidy::ProjectGuardPart;
using clang::tidy::maptidy::ProjectRewriteCollector;
using clang::tidy::maptidy::ProjectRewritePart;
using clang::tooling::DiagnosticMessage;
using clang::tooling::Replacement;

namespace maptidy {

/// The digests of the files \p Error's fix-its (its own and its notes')
/// change, by absolute path, from \p Read, by the names clang gave them.
static void recordFixedFiles(const ClangTidyError &Error,
                             const llvm::StringMap<FileDigest> &Read,
                             llvm::StringMap<FileDigest> &Analyzed) {
  auto Record = [&](const DiagnosticMessage &Message) {
    for (const auto &Entry : Message.Fix) {
      auto Digest = Read.find(Entry.getKey());
      if (Digest != Read.end())
        Analyzed[resolvePath(Error.BuildDirectory, Entry.getKey())] =
            Digest->getValue();
    }
  };
  Record(Error.Message);
  for (const DiagnosticMessage &Note : Error.Notes)
    Record(Note);
}

/// \p Message with absolute paths, its place's and its fix-it's.
static void makeAbsolute(DiagnosticMessage &Message,
                         llvm::StringRef Directory) {
  if (!Message.FilePath.empty())
    Message.FilePath = resolvePath(Directory, Message.FilePath);
  llvm::StringMap<clang::tooling::Replacements> Fix;
  for (const auto &Entry : Message.Fix) {
    const std::string Path = resolvePath(Directory, Entry.getKey());
    for (const Replacement &R : Entry.getValue())
      llvm::cantFail(Fix[Path].add(Replacement(
          Path, R.getOffset(), R.getLength(), R.getReplacementText())));
  }
  Message.Fix = std::move(Fix);
}

UnitResult analyzeUnit(const ConfigRequest &Request,
                       const AnalysisSettings &Settings,
                       const clang::tooling::CompilationDatabase &Database,
                       llvm::StringRef File,
                       const llvm::StringMap<std::string> *Overlay) {
  // The request and the overlay file were validated before the workers
  // started.
  ClangTidyContext Context(llvm::cantFail(createOptionsProvider(Request)),
                           /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                           Settings.EnableModuleHeadersParsing,
                           Request.ExperimentalCustomChecks);
  // Each finding's fix-it carries every edit it needs (the #include of a
  // header too), so that it can be applied alone; identical edits of several
  // fix-its are applied once.
  Context.setSelfContainedDiags(true);
  Context.setEnableProfiling(Settings.EnableCheckProfile);
  Context.setProfileStoragePrefix(Settings.StoreCheckProfile);
  UnitResult Result;
  llvm::StringMap<FileDigest> Read;
  ProjectRewriteCollector Parts;
  clang::tidy::maptidy::setProjectRewriteCollector(&Parts);
  Result.Errors = runChecksOnUnit(
      Context, Database, File.str(), Settings.FixNotes, Read,
      llvm::cantFail(createAnalysisFileSystem(Settings.VfsOverlay)), Overlay);
  clang::tidy::maptidy::setProjectRewriteCollector(nullptr);
  Result.Stats = Context.getStats();
  for (const ClangTidyError &Error : Result.Errors)
    recordFixedFiles(Error, Read, Result.Analyzed);
  const std::string &Directory = Context.getCurrentBuildDirectory();
  for (const auto &Entry : Read)
    Result.Read.push_back(resolvePath(Directory, Entry.getKey()));
  Result.RewriteParts = Parts.take();
  Result.GuardParts = Parts.takeGuards();
  for (ProjectGuardPart &Part : Result.GuardParts) {
    for (MethodRecord &Method : Part.Methods)
      for (AccessRecord &A : Method.Accesses)
        A.File = resolvePath(Directory, A.File);
    for (ConditionalGuardFinding &F : Part.Findings)
      makeAbsolute(F.Where, Directory);
  }
  for (ProjectRewritePart &Part : Result.RewriteParts) {
    // The files its edits change, as this unit read them.
    for (const auto &Entry : Part.Edits)
      if (auto Digest = Read.find(Entry.getKey()); Digest != Read.end())
        Result.Analyzed[resolvePath(Directory, Entry.getKey())] =
            Digest->getValue();
    DiagnosticMessage Edits;
    Edits.Fix = std::move(Part.Edits);
    makeAbsolute(Edits, Directory);
    Part.Edits = std::move(Edits.Fix);
    makeAbsolute(Part.Declaration, Directory);
    for (DiagnosticMessage &Finding : Part.Findings)
      makeAbsolute(Finding, Directory);
    if (Part.Blocker)
      makeAbsolute(*Part.Blocker, Directory);
  }
  return Result;
}

namespace {

/// Writes integers as "<decimal>;" and strings as "<length>:<bytes>".
class Encoder {
public:
  explicit Encoder(llvm::raw_ostream &OS) : OS(OS) {}
  void number(uint64_t Value) { OS << Value << ';'; }
  void text(llvm::StringRef Text) { OS << Text.size() << ':' << Text; }
  void texts(llvm::ArrayRef<std::string> Texts) {
    number(Texts.size());
    for (const std::string &Text : Texts)
      text(Text);
  }
  void digest(const FileDigest &Digest) {
    number(Digest.Size);
    number(Digest.High);
    number(Digest.Low);
  }

  void message(const DiagnosticMessage &Message) {
    text(Message.Message);
    text(Message.FilePath);
    number(Message.FileOffset);
    size_t Count = 0;
    for (const auto &Entry : Message.Fix)
      Count += Entry.getValue().size();
    number(Count);
    for (const auto &Entry : Message.Fix)
      for (const Replacement &R : Entry.getValue()) {
        text(R.getFilePath());
        number(R.getOffset());
        number(R.getLength());
        text(R.getReplacementText());
      }
    number(Message.Ranges.size());
    for (const auto &Range : Message.Ranges) {
      text(Range.FilePath);
      number(Range.FileOffset);
      number(Range.Length);
    }
  }

private:
  llvm::raw_ostream &OS;
};

class Decoder {
public:
  explicit Decoder(llvm::StringRef Data) : Rest(Data) {}
  bool failed() const { return Failed; }

  uint64_t number() {
    auto [Digits, Tail] = Rest.split(';');
    uint64_t Value = 0;
    if (Tail.data() == nullptr || Digits.getAsInteger(10, Value))
      Failed = true;
    Rest = Tail;
    return Value;
  }

  std::string text() {
    auto [Digits, Tail] = Rest.split(':');
    size_t Length = 0;
    if (Tail.data() == nullptr || Digits.getAsInteger(10, Length) ||
        Length > Tail.size()) {
      Failed = true;
      Rest = {};
      return {};
    }
    Rest = Tail.drop_front(Length);
    return Tail.take_front(Length).str();
  }

  std::vector<std::string> texts() {
    std::vector<std::string> Texts;
    for (uint64_t I = 0, N = number(); I < N && !Failed; ++I)
      Texts.push_back(text());
    return Texts;
  }

  FileDigest digest() {
    FileDigest Digest;
    Digest.Size = number();
    Digest.High = number();
    Digest.Low = number();
    return Digest;
  }

  DiagnosticMessage message() {
    DiagnosticMessage Message(text());
    Message.FilePath = text();
    Message.FileOffset = number();
    for (uint64_t I = 0, N = number(); I < N && !Failed; ++I) {
      std::string File = text();
      const unsigned Offset = number();
      const unsigned Length = number();
      Replacement R(File, Offset, Length, text());
      if (llvm::Error Error = Message.Fix[File].add(R)) {
        llvm::consumeError(std::move(Error));
        Failed = true;
      }
    }
    for (uint64_t I = 0, N = number(); I < N && !Failed; ++I) {
      clang::tooling::FileByteRange Range;
      Range.FilePath = text();
      Range.FileOffset = number();
      Range.Length = number();
      Message.Ranges.push_back(std::move(Range));
    }
    return Message;
  }

private:
  llvm::StringRef Rest;
  bool Failed = false;
};

} // namespace

std::string encodeUnitResult(const UnitResult &Result) {
  std::string Data;
  llvm::raw_string_ostream OS(Data);
  Encoder E(OS);
  const ClangTidyStats &S = Result.Stats;
  for (unsigned Count :
       {S.ErrorsDisplayed, S.ErrorsIgnoredCheckFilter, S.ErrorsIgnoredNOLINT,
        S.ErrorsIgnoredNonUserCode, S.ErrorsIgnoredLineFilter})
    E.number(Count);
  E.number(Result.Errors.size());
  for (const ClangTidyError &Error : Result.Errors) {
    E.text(Error.DiagnosticName);
    E.number(Error.DiagLevel);
    E.text(Error.BuildDirectory);
    E.number(Error.IsWarningAsError);
    E.number(Error.EnabledDiagnosticAliases.size());
    for (const std::string &Alias : Error.EnabledDiagnosticAliases)
      E.text(Alias);
    E.message(Error.Message);
    E.number(Error.Notes.size());
    for (const DiagnosticMessage &Note : Error.Notes)
      E.message(Note);
  }
  E.number(Result.Analyzed.size());
  for (const auto &Entry : Result.Analyzed) {
    E.text(Entry.getKey());
    E.digest(Entry.getValue());
  }
  E.number(Result.Read.size());
  for (const std::string &Path : Result.Read)
    E.text(Path);
  E.number(Result.RewriteParts.size());
  for (const ProjectRewritePart &Part : Result.RewriteParts) {
    E.text(Part.Check);
    E.text(Part.Key);
    E.message(Part.Declaration);
    E.number(Part.Findings.size());
    for (const DiagnosticMessage &Finding : Part.Findings)
      E.message(Finding);
    DiagnosticMessage Edits;
    Edits.Fix = Part.Edits;
    E.message(Edits);
    E.number(Part.Blocker.has_value());
    if (Part.Blocker)
      E.message(*Part.Blocker);
    E.text(Part.Agreement);
  }
  E.number(Result.GuardParts.size());
  for (const ProjectGuardPart &Part : Result.GuardParts) {
    E.text(Part.Check);
    E.text(Part.Key);
    E.texts(Part.Mutexes);
    E.number(Part.GuardedPercent);
    E.number(Part.Methods.size());
    for (const MethodRecord &Method : Part.Methods) {
      E.text(Method.Key);
      E.text(Method.Name);
      E.texts(Method.Locks);
      E.texts(Method.Calls);
      E.texts(Method.CallsHoldingLock);
      E.number(Method.MayWaitForThreads);
      E.number(Method.Accesses.size());
      for (const AccessRecord &A : Method.Accesses) {
        E.text(A.Map);
        E.text(A.File);
        E.number(A.Offset);
        E.number(A.Write);
        E.number(A.Held.size());
        for (const auto &[Mutex, Mode] : A.Held) {
          E.text(Mutex);
          E.number(static_cast<unsigned>(Mode));
        }
      }
    }
    E.number(Part.Findings.size());
    for (const ConditionalGuardFinding &F : Part.Findings) {
      E.text(F.Map);
      E.text(F.Guard);
      E.text(F.Method);
      E.message(F.Where);
      E.number(F.Unguarded);
    }
  }
  return Data;
}

llvm::Expected<UnitResult> decodeUnitResult(llvm::StringRef Data) {
  Decoder D(Data);
  UnitResult Result;
  ClangTidyStats &S = Result.Stats;
  for (unsigned *Count :
       {&S.ErrorsDisplayed, &S.ErrorsIgnoredCheckFilter, &S.ErrorsIgnoredNOLINT,
        &S.ErrorsIgnoredNonUserCode, &S.ErrorsIgnoredLineFilter})
    *Count = D.number();
  for (uint64_t I = 0, N = D.number(); I < N && !D.failed(); ++I) {
    std::string Name = D.text();
    const auto Level =
        static_cast<clang::tooling::Diagnostic::Level>(D.number());
    std::string BuildDirectory = D.text();
    const bool AsError = D.number();
    ClangTidyError Error(Name, Level, BuildDirectory, AsError);
    for (uint64_t A = 0, Aliases = D.number(); A < Aliases && !D.failed(); ++A)
      Error.EnabledDiagnosticAliases.push_back(D.text());
    Error.Message = D.message();
    for (uint64_t K = 0, Notes = D.number(); K < Notes && !D.failed(); ++K)
      Error.Notes.push_back(D.message());
    Result.Errors.push_back(std::move(Error));
  }
  for (uint64_t I = 0, N = D.number(); I < N && !D.failed(); ++I) {
    std::string Path = D.text();
    Result.Analyzed[Path] = D.digest();
  }
  for (uint64_t I = 0, N = D.number(); I < N && !D.failed(); ++I)
    Result.Read.push_back(D.text());
  for (uint64_t I = 0, N = D.number(); I < N && !D.failed(); ++I) {
    ProjectRewritePart Part;
    Part.Check = D.text();
    Part.Key = D.text();
    Part.Declaration = D.message();
    for (uint64_t K = 0, Findings = D.number(); K < Findings && !D.failed();
         ++K)
      Part.Findings.push_back(D.message());
    Part.Edits = D.message().Fix;
    if (D.number())
      Part.Blocker = D.message();
    Part.Agreement = D.text();
    Result.RewriteParts.push_back(std::move(Part));
  }
  for (uint64_t I = 0, N = D.number(); I < N && !D.failed(); ++I) {
    ProjectGuardPart &Part = Result.GuardParts.emplace_back();
    Part.Check = D.text();
    Part.Key = D.text();
    Part.Mutexes = D.texts();
    Part.GuardedPercent = D.number();
    for (uint64_t M = 0, Methods = D.number(); M < Methods && !D.failed();
         ++M) {
      MethodRecord &Method = Part.Methods.emplace_back();
      Method.Key = D.text();
      Method.Name = D.text();
      Method.Locks = D.texts();
      Method.Calls = D.texts();
      Method.CallsHoldingLock = D.texts();
      Method.MayWaitForThreads = D.number();
      for (uint64_t K = 0, Accesses = D.number(); K < Accesses && !D.failed();
           ++K) {
        AccessRecord &A = Method.Accesses.emplace_back();
        A.Map = D.text();
        A.File = D.text();
        A.Offset = D.number();
        A.Write = D.number();
        for (uint64_t H = 0, Held = D.number(); H < Held && !D.failed(); ++H) {
          std::string Mutex = D.text();
          const auto Mode = static_cast<clang::tidy::maptidy::Hold>(D.number());
          A.Held.emplace_back(std::move(Mutex), Mode);
        }
      }
    }
    for (uint64_t K = 0, Findings = D.number(); K < Findings && !D.failed();
         ++K) {
      ConditionalGuardFinding &F = Part.Findings.emplace_back();
      F.Map = D.text();
      F.Guard = D.text();
      F.Method = D.text();
      F.Where = D.message();
      F.Unguarded = D.number();
    }
  }
  if (D.failed())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "truncated or corrupt worker result");
  return Result;
}

} // namespace maptidy
