//===--- LockVocabulary.cpp - maptidy -------------------------------------===//

#include "LockVocabulary.h"
#include "ContainerTypes.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::maptidy {

LockVocabulary::LockVocabulary(std::vector<std::string> MutexTypes,
                               std::vector<std::string> LockGuardTypes)
    : MutexTypes(std::move(MutexTypes)),
      LockGuardTypes(std::move(LockGuardTypes)) {}

MutexCall LockVocabulary::mutexCall(StringRef Method) {
  return llvm::StringSwitch<MutexCall>(Method)
      .Cases({"lock", "Lock", "WriterLock", "AssertHeld"}, MutexCall::Lock)
      .Cases({"lock_shared", "ReaderLock", "LockShared", "AssertReaderHeld"},
             MutexCall::LockShared)
      .Cases({"try_lock", "try_lock_for", "try_lock_until", "TryLock",
              "WriterTryLock"},
             MutexCall::TryLock)
      .Cases({"try_lock_shared", "try_lock_shared_for", "try_lock_shared_until",
              "ReaderTryLock"},
             MutexCall::TryLockShared)
      // folly::Synchronized. An upgrade lock (ulock) gives read access only.
      .Cases({"wlock", "contextualLock", "withLock", "withWLock",
              "withLockPtr", "withWLockPtr"},
             MutexCall::Lock)
      .Cases({"rlock", "ulock", "contextualRLock", "withRLock", "withRLockPtr",
              "withULockPtr"},
             MutexCall::LockShared)
      .Cases({"unlock", "Unlock", "unlock_shared", "ReaderUnlock",
              "WriterUnlock", "UnlockShared"},
             MutexCall::Unlock)
      .Default(MutexCall::Other);
}

/// What a POSIX lock function does to the mutex whose address it takes.
static MutexCall posixMutexCall(StringRef Function) {
  return llvm::StringSwitch<MutexCall>(Function)
      .Cases(
          {"pthread_mutex_lock", "pthread_rwlock_wrlock", "pthread_spin_lock"},
          MutexCall::Lock)
      .Case("pthread_rwlock_rdlock", MutexCall::LockShared)
      .Cases({"pthread_mutex_unlock", "pthread_rwlock_unlock",
              "pthread_spin_unlock"},
             MutexCall::Unlock)
      .Cases({"pthread_mutex_trylock", "pthread_rwlock_trywrlock",
              "pthread_spin_trylock"},
             MutexCall::TryLock)
      .Case("pthread_rwlock_tryrdlock", MutexCall::TryLockShared)
      .Default(MutexCall::Other);
}

std::optional<MutexOperation>
LockVocabulary::mutexOperation(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const MutexCall Effect = mutexCall(nameOf(Member->getMethodDecl()));
    if (Effect == MutexCall::Other)
      return std::nullopt;
    return MutexOperation{Effect, Member->getImplicitObjectArgument()};
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->isExternC() || Call.getNumArgs() != 1)
    return std::nullopt;
  const MutexCall Effect = posixMutexCall(nameOf(Callee));
  if (Effect == MutexCall::Other)
    return std::nullopt;
  const Expr *Mutex = strip(Call.getArg(0));
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(Mutex);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    Mutex = AddressOf->getSubExpr();
  return MutexOperation{Effect, Mutex};
}

bool LockVocabulary::locksAll(const CallExpr &Call) {
  return Call.getNumArgs() >= 2 && isStdNamed(Call.getDirectCallee(), {"lock"});
}

bool LockVocabulary::runsOnce(const CallExpr &Call) {
  return isStdNamed(Call.getDirectCallee(), {"call_once"});
}

static const CXXRecordDecl *definitionOf(QualType Type) {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record ? Record->getDefinition() : nullptr;
}

/// Whether \p Record, or a base, has member functions named \p Lock and
/// \p Unlock, or with null names, any that lock and unlock.
static bool hasLockAndUnlock(const CXXRecordDecl &Record, StringRef Lock = {},
                             StringRef Unlock = {}) {
  bool Locks = false, Unlocks = false;
  auto Scan = [&](const CXXRecordDecl *Class) {
    for (const CXXMethodDecl *Method : Class->methods()) {
      if (!Method->getIdentifier())
        continue;
      const MutexCall Effect = LockVocabulary::mutexCall(Method->getName());
      Locks |= Effect == MutexCall::Lock &&
               (Lock.empty() || Method->getName() == Lock);
      Unlocks |= Effect == MutexCall::Unlock &&
                 (Unlock.empty() || Method->getName() == Unlock);
    }
    return true;
  };
  Scan(&Record);
  Record.forallBases(Scan);
  return Locks && Unlocks;
}

/// A project's mutex class: named like one (`Mutex`, `SpinLock`, or in
/// C-style naming `mutex_t`, `spinlock_t`), with a lock and an unlock.
static bool isProjectMutex(const CXXRecordDecl *Record) {
  if (!Record)
    return false;
  StringRef Name = Record->getName();
  Name.consume_back("_t");
  return (Name.ends_with_insensitive("spinlock") ||
          Name.ends_with_insensitive("mutex")) &&
         hasLockAndUnlock(*Record);
}

/// Whether \p Type is spelled as one of POSIX's mutex types.
static bool isPosixMutex(QualType Type) {
  for (QualType T = Type.getNonReferenceType();
       const auto *Typedef = T->getAs<TypedefType>(); T = Typedef->desugar())
    if (llvm::is_contained({StringRef("pthread_mutex_t"),
                            StringRef("pthread_rwlock_t"),
                            StringRef("pthread_spinlock_t")},
                           Typedef->getDecl()->getName()))
      return true;
  return false;
}

bool LockVocabulary::isMutex(QualType Type) const {
  return isClassNamed(Type, MutexTypes) || isPosixMutex(Type) ||
         isProjectMutex(definitionOf(Type));
}

bool LockVocabulary::isLockableByStd(QualType Type) {
  // Listed types too: Abseil's Mutex has lock() only in newer releases, and
  // a folly::Synchronized has none.
  const CXXRecordDecl *Record = definitionOf(Type);
  return Record && hasLockAndUnlock(*Record, "lock", "unlock");
}

Hold LockVocabulary::guardMode(QualType Type) const {
  const CXXRecordDecl *Record = definitionOf(Type);
  if (!Record)
    return Hold::None;
  const StringRef Name = Record->getName();
  const Hold ByName = Name.contains("shared") || Name.contains("Shared") ||
                              Name.contains("Reader")
                          ? Hold::Shared
                          : Hold::Exclusive;
  if (isClassNamed(Type, LockGuardTypes))
    return ByName;
  // A project's guard takes a mutex and releases it when destroyed: in its
  // own destructor, or through a lock object it keeps as a member.
  const bool TakesMutex = llvm::any_of(Record->ctors(), [&](const auto *C) {
    if (C->getNumParams() == 0)
      return false;
    const QualType First = C->getParamDecl(0)->getType();
    return isMutex(First->isPointerType() ? First->getPointeeType() : First);
  });
  if (!TakesMutex)
    return Hold::None;
  if (Record->hasUserDeclaredDestructor())
    return ByName;
  for (const FieldDecl *Field : Record->fields())
    if (Field->getType()->getAsCXXRecordDecl() != Record)
      if (const Hold Held = guardMode(Field->getType()); Held != Hold::None)
        return Held;
  return Hold::None;
}

bool LockVocabulary::takesLock(const Stmt *S) const {
  if (!S)
    return false;
  if (const auto *Decl = dyn_cast<DeclStmt>(S))
    for (const auto *D : Decl->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && guardMode(Var->getType()) != Hold::None)
        return true;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (locksAll(*Call) || runsOnce(*Call))
      return true;
    if (const std::optional<MutexOperation> Op = mutexOperation(*Call);
        Op && Op->Effect != MutexCall::Unlock)
      return true;
  }
  for (const Stmt *Child : S->children())
    if (takesLock(Child))
      return true;
  return false;
}

} // namespace clang::tidy::maptidy
