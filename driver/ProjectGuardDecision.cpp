//===--- ProjectGuardDecision.cpp - maptidy ------------------------------===//

#include "ProjectGuardDecision.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <optional>
#include <tuple>

using clang::tidy::maptidy::AccessRecord;
using clang::tidy::maptidy::ConditionalGuardFinding;
using clang::tidy::maptidy::GuardOutcome;
using clang::tidy::maptidy::MethodRecord;
using clang::tidy::maptidy::ProjectGuardPart;
using clang::tidy::maptidy::UnguardedGroup;

namespace maptidy {

namespace {

/// The member functions of one class, each once, from all units.
struct ClassRecords {
  const ProjectGuardPart *First = nullptr;
  std::vector<MethodRecord> Methods;
  llvm::StringSet<> Seen;
};

/// An access judged against a guard: (file, offset, map, guard, unguarded).
using JudgedAccess =
    std::tuple<std::string, unsigned, std::string, std::string, bool>;

/// What the vote makes of a conditional finding.
struct Verdict {
  std::string HeldCount;
  /// The function cannot take the lock: the note that says why.
  std::optional<std::string> NoFix;
};

/// A finding: (check, file, offset, message).
using FindingKey = std::tuple<std::string, std::string, unsigned, std::string>;

} // namespace

void decideProjectGuards(MergedResults &Merged) {
  std::map<std::pair<std::string, std::string>, ClassRecords> Classes;
  for (const ProjectGuardPart &Part : Merged.GuardParts) {
    ClassRecords &Class = Classes[{Part.Check, Part.Key}];
    if (!Class.First)
      Class.First = &Part;
    for (const MethodRecord &Method : Part.Methods)
      if (Class.Seen.insert(Method.Key).second)
        Class.Methods.push_back(Method);
  }
  std::map<JudgedAccess, Verdict> Confirmed;
  for (const auto &[Id, Class] : Classes)
    for (const GuardOutcome &Outcome : voteGuards(
             Class.Methods, Class.First->Mutexes, Class.First->GuardedPercent,
             /*UnknownCalleeMayLock=*/true)) {
      for (const AccessRecord *A : Outcome.WritesUnderSharedLock)
        Confirmed[{A->File, A->Offset, Outcome.Map, Outcome.Guard, false}] = {};
      const std::string HeldCount =
          clang::tidy::maptidy::heldCountClause(Outcome.Held, Outcome.Total);
      for (const UnguardedGroup &Group : Outcome.Unguarded)
        for (const AccessRecord *A : Group.Accesses) {
          Verdict &V =
              Confirmed[{A->File, A->Offset, Outcome.Map, Outcome.Guard, true}];
          V.HeldCount = HeldCount;
          if (Group.MayDeadlock)
            V.NoFix = clang::tidy::maptidy::mayDeadlockNote(Group.Method->Name,
                                                            Outcome.Guard);
        }
    }

  // Every conditional finding: kept with its verdict, or dropped.
  std::map<FindingKey, std::optional<Verdict>> Verdicts;
  for (const ProjectGuardPart &Part : Merged.GuardParts)
    for (const ConditionalGuardFinding &F : Part.Findings) {
      const auto It = Confirmed.find(
          {F.Where.FilePath, F.Where.FileOffset, F.Map, F.Guard, F.Unguarded});
      std::optional<Verdict> &V = Verdicts[{
          Part.Check, F.Where.FilePath, F.Where.FileOffset, F.Where.Message}];
      if (It != Confirmed.end())
        V = It->second;
    }
  llvm::erase_if(Merged.Findings, [&](Finding &F) {
    auto It =
        Verdicts.find({F.Error.DiagnosticName, F.Path,
                       F.Error.Message.FileOffset, F.Error.Message.Message});
    if (It == Verdicts.end())
      return false;
    if (!It->second)
      return true;
    F.Error.Message.Message += It->second->HeldCount;
    if (It->second->NoFix && !F.Error.Message.Fix.empty()) {
      F.Error.Message.Fix.clear();
      clang::tooling::DiagnosticMessage Note(*It->second->NoFix);
      Note.FilePath = F.Error.Message.FilePath;
      Note.FileOffset = F.Error.Message.FileOffset;
      F.Error.Notes.push_back(std::move(Note));
    }
    return false;
  });
}

} // namespace maptidy
