//===--- LockInference.h - maptidy ----------------------------------------===//
//
// Which mutex member guards each map member of a class, read off the member
// functions defined in the translation unit: the locks held at each access
// (lock objects, lock()/unlock(), both branches of an if, helpers called
// only with the lock held) and a vote weighted by writes.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_LOCKINFERENCE_H
#define MAPTIDY_CHECKS_LOCKINFERENCE_H

#include "GuardVote.h"
#include "LockVocabulary.h"
#include "ObjectLifecycle.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

using HeldMutexes = llvm::SmallDenseMap<const FieldDecl *, Hold, 2>;

/// An access to a map member of `this`, to the map a `std::shared_ptr`
/// member points to, or to a map inside a member (`stats_.byRoute`,
/// `impl_->cache_`).
struct MapAccess {
  /// The member naming the map.
  const MemberExpr *Where;
  /// The map's declaration: the last member of Path.
  const FieldDecl *Map;
  /// The map's path from `this` (spellPath), which names it in the vote.
  std::string Path;
  bool Write;
  HeldMutexes Held;
};

/// A call of a member function on `this`.
struct MemberCall {
  const CXXMethodDecl *Callee;
  HeldMutexes Held;
};

/// What walking one member function found.
struct MethodFacts {
  std::vector<MapAccess> Accesses;
  std::vector<MemberCall> Calls;
  /// Mutexes the function locks itself.
  llvm::SmallPtrSet<const FieldDecl *, 2> Locks;
  /// The function takes some lock, on a member mutex or any other.
  bool TakesLock = false;
};

/// The accesses of one member function that do not hold the guard.
struct UnguardedAccesses {
  const CXXMethodDecl *Method;
  std::vector<const MapAccess *> Accesses;
  /// See UnguardedGroup::MayDeadlock.
  bool MayDeadlock;
};

/// A map member's accesses judged against a guard (GuardOutcome, in terms
/// of the AST).
struct MapGuardReport {
  /// The map's declaration and its path from `this`.
  const FieldDecl *Map;
  std::string Path;
  const FieldDecl *Guard;
  /// Accesses that hold the guard, of all.
  unsigned Held, Total;
  std::vector<const MapAccess *> WritesUnderSharedLock;
  std::vector<UnguardedAccesses> Unguarded;
};

/// The locks of the member functions of a class defined in the translation
/// unit (but the code that runs before or after any sharing: constructors,
/// the destructor, an open before it starts \p Threads; ObjectLifecycle.h).
class ClassLocks {
public:
  ClassLocks(const CXXRecordDecl &Record, llvm::ArrayRef<ThreadOnThis> Threads,
             const LockVocabulary &Vocabulary,
             llvm::ArrayRef<std::string> MapClasses, ASTContext &Context);

  /// For each map member (without thread-safety annotations) whose accesses
  /// hold one mutex for at least \p GuardedPercent percent of their weight
  /// (voteGuards); member functions not defined here may lock anything.
  std::vector<MapGuardReport> guardReports(unsigned GuardedPercent) const;

  /// The accesses to the map at \p Path judged against \p Guard
  /// (judgeGuard); member functions not defined here are taken not to lock
  /// it.
  MapGuardReport judge(StringRef Path, const FieldDecl &Guard) const;

  /// The records of the member functions' accesses to map members (without
  /// thread-safety annotations), in the order of methods().
  llvm::ArrayRef<MethodRecord> records() const { return Records; }
  /// The mutex members, in declaration order.
  llvm::ArrayRef<const FieldDecl *> mutexes() const { return Mutexes; }

  const CXXRecordDecl &record() const { return Record; }
  /// The member functions walked, in declaration order.
  llvm::ArrayRef<const CXXMethodDecl *> methods() const { return Methods; }
  const MethodFacts &facts(const CXXMethodDecl *Method) const;
  /// std::scoped_lock is spelled in one of the functions.
  bool usesScopedLock() const { return ScopedLock; }

private:
  /// Fills Records from Facts.
  void record(const SourceManager &SM);
  MapGuardReport inTermsOfAST(const GuardOutcome &Outcome) const;

  const CXXRecordDecl &Record;
  std::vector<const FieldDecl *> Mutexes;
  std::vector<const CXXMethodDecl *> Methods;
  llvm::DenseMap<const CXXMethodDecl *, MethodFacts> Facts;
  std::vector<MethodRecord> Records;
  /// What each record stands for.
  llvm::DenseMap<const AccessRecord *, const MapAccess *> AccessOf;
  llvm::DenseMap<const MethodRecord *, const CXXMethodDecl *> MethodOf;
  llvm::StringMap<const FieldDecl *> MapAt;
  bool ScopedLock = false;
};

/// The facts of \p Code, run holding no lock, in the class of \p Locks: for
/// code that is not in a member function walked there (a lambda a
/// constructor gives a thread).
MethodFacts codeFacts(const Stmt &Code, const ClassLocks &Locks,
                      const LockVocabulary &Vocabulary,
                      llvm::ArrayRef<std::string> MapClasses,
                      ASTContext &Context);

/// Whether \p Type is one of \p MapClasses and not const.
bool isMapType(QualType Type, llvm::ArrayRef<std::string> MapClasses);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_LOCKINFERENCE_H
