//===--- GuardVote.h - maptidy --------------------------------------------===//
//
// Which mutex member guards a map member, voted from records of the accesses
// in the class's member functions, and which accesses miss it. The same vote
// serves one translation unit (the check) and a whole run (the maptidy
// driver, for a class whose member functions are defined in several files):
// the records are plain data that units can send across processes.
// Header-only: the driver's decision uses it without linking the checks.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_GUARDVOTE_H
#define MAPTIDY_CHECKS_GUARDVOTE_H

#include "LockVocabulary.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::maptidy {

/// An access to a map member in a member function.
struct AccessRecord {
  /// The map member's name.
  std::string Map;
  /// Where the access is: the same in every unit that sees it.
  std::string File;
  unsigned Offset = 0;
  bool Write = false;
  /// The mutex members held, by name, and how.
  std::vector<std::pair<std::string, Hold>> Held;

  Hold held(llvm::StringRef Mutex) const {
    for (const auto &[Name, Mode] : Held)
      if (Name == Mutex)
        return Mode;
    return Hold::None;
  }
};

/// What the lock analysis found in one member function's definition.
struct MethodRecord {
  /// The member function's USR: the same in every unit.
  std::string Key;
  /// Its name, quoted, for notes.
  std::string Name;
  std::vector<AccessRecord> Accesses;
  /// The mutex members it locks itself.
  std::vector<std::string> Locks;
  /// The member functions it calls on `this`, by USR.
  std::vector<std::string> Calls;
  /// Those of them it calls while holding a mutex member.
  std::vector<std::string> CallsHoldingLock;
  /// It may wait for other threads to end (mayWaitForThreads): a lock held
  /// across the wait deadlocks when one of them takes it.
  bool MayWaitForThreads = false;
};

/// The accesses to one map, of one member function, that miss the guard.
struct UnguardedGroup {
  const MethodRecord *Method;
  std::vector<const AccessRecord *> Accesses;
  /// A lock inserted in the function could meet a mutex locked again, or
  /// nest with another mutex in an order other code may take the other way
  /// (the function or a member function it calls takes a lock, or a caller
  /// holds one), or be held while the function waits for a thread that
  /// takes it.
  bool MayDeadlock;
};

/// The accesses to \p Map judged against the guard \p Guard.
struct GuardOutcome {
  std::string Map, Guard;
  /// Accesses that hold the guard, of all.
  unsigned Held = 0, Total = 0;
  std::vector<const AccessRecord *> WritesUnderSharedLock;
  std::vector<UnguardedGroup> Unguarded;
};

/// Judges \p Map's accesses in \p Methods against \p Guard. A called member
/// function with no record may lock anything when \p UnknownCalleeMayLock.
inline GuardOutcome judgeGuard(llvm::ArrayRef<MethodRecord> Methods,
                               llvm::StringRef Map, llvm::StringRef Guard,
                               bool UnknownCalleeMayLock) {
  GuardOutcome Outcome{Map.str(), Guard.str(), 0, 0, {}, {}};
  llvm::StringMap<const MethodRecord *> ByKey;
  for (const MethodRecord &Method : Methods)
    ByKey.try_emplace(Method.Key, &Method);
  auto Locks = [](const MethodRecord &Method) { return !Method.Locks.empty(); };
  llvm::StringSet<> CalledHoldingLock;
  for (const MethodRecord &Method : Methods)
    for (const std::string &Callee : Method.CallsHoldingLock)
      CalledHoldingLock.insert(Callee);
  for (const MethodRecord &Method : Methods) {
    UnguardedGroup Group{&Method, {}, false};
    for (const AccessRecord &A : Method.Accesses) {
      if (A.Map != Map)
        continue;
      ++Outcome.Total;
      const Hold Mode = A.held(Guard);
      if (Mode == Hold::None) {
        Group.Accesses.push_back(&A);
        continue;
      }
      ++Outcome.Held;
      if (Mode == Hold::Shared && A.Write)
        Outcome.WritesUnderSharedLock.push_back(&A);
    }
    if (Group.Accesses.empty())
      continue;
    Group.MayDeadlock = Locks(Method) || Method.MayWaitForThreads ||
                        CalledHoldingLock.contains(Method.Key) ||
                        llvm::any_of(Method.Calls, [&](const std::string &C) {
                          const MethodRecord *Callee = ByKey.lookup(C);
                          return Callee ? Locks(*Callee) : UnknownCalleeMayLock;
                        });
    Outcome.Unguarded.push_back(std::move(Group));
  }
  return Outcome;
}

/// For each map accessed in \p Methods, the mutex of \p Mutexes held at
/// most of its accesses, each write counting twice, when that is at least
/// \p GuardedPercent percent of the weight; judged as judgeGuard does.
inline std::vector<GuardOutcome>
voteGuards(llvm::ArrayRef<MethodRecord> Methods,
           llvm::ArrayRef<std::string> Mutexes, unsigned GuardedPercent,
           bool UnknownCalleeMayLock) {
  struct Weights {
    unsigned Total = 0;
    std::vector<unsigned> Held;
  };
  llvm::MapVector<llvm::StringRef, Weights> ByMap;
  for (const MethodRecord &Method : Methods)
    for (const AccessRecord &A : Method.Accesses) {
      Weights &W = ByMap[A.Map];
      W.Held.resize(Mutexes.size());
      const unsigned Weight = A.Write ? 2 : 1;
      W.Total += Weight;
      for (size_t I = 0; I < Mutexes.size(); ++I)
        if (A.held(Mutexes[I]) != Hold::None)
          W.Held[I] += Weight;
    }
  std::vector<GuardOutcome> Outcomes;
  for (const auto &[Map, W] : ByMap) {
    const auto Best = llvm::max_element(W.Held);
    if (Best == W.Held.end() || *Best == 0 ||
        *Best * 100 < GuardedPercent * W.Total)
      continue;
    Outcomes.push_back(judgeGuard(Methods, Map, Mutexes[Best - W.Held.begin()],
                                  UnknownCalleeMayLock));
  }
  return Outcomes;
}

/// The end of the message of an unguarded access.
inline std::string heldCountClause(unsigned Held, unsigned Total) {
  return "; " + std::to_string(Held) + " of " + std::to_string(Total) +
         " accesses hold it";
}

/// The note of an unguarded access whose function cannot take the lock.
inline std::string mayDeadlockNote(llvm::StringRef Method,
                                   llvm::StringRef Guard) {
  return "no fix: " + Method.str() +
         " takes a lock, waits for a thread, calls a member function that "
         "may take a lock, or is called with one held; locking '" +
         Guard.str() + "' there too could deadlock";
}

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_GUARDVOTE_H
