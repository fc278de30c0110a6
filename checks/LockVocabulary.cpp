//===--- LockVocabulary.cpp - maptidy -------------------------------------===//

#include "LockVocabulary.h"
#include "ContainerTypes.h"
#include "RewriteUtils.h"
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
      .Cases({"lock", "Lock", "WriterLock"}, MutexCall::Lock)
      .Cases({"lock_shared", "ReaderLock", "LockShared"}, MutexCall::LockShared)
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

/// A project's mutex class: named like one, with a lock and an unlock.
static bool isProjectMutex(const CXXRecordDecl *Record) {
  if (!Record)
    return false;
  const StringRef Name = Record->getName();
  return (Name == "SpinLock" || Name == "Spinlock" || Name.ends_with("Mutex") ||
          Name.ends_with("mutex")) &&
         hasLockAndUnlock(*Record);
}

bool LockVocabulary::isMutex(QualType Type) const {
  return isClassNamed(Type, MutexTypes) || isProjectMutex(definitionOf(Type));
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
  bool IsGuard = isClassNamed(Type, LockGuardTypes);
  if (!IsGuard && Record->hasUserDeclaredDestructor())
    for (const CXXConstructorDecl *Constructor : Record->ctors())
      if (Constructor->getNumParams() >= 1 &&
          isMutex(
              Constructor->getParamDecl(0)->getType()->isPointerType()
                  ? Constructor->getParamDecl(0)->getType()->getPointeeType()
                  : Constructor->getParamDecl(0)->getType()))
        IsGuard = true;
  if (!IsGuard)
    return Hold::None;
  const StringRef Name = Record->getName();
  return Name.contains("shared") || Name.contains("Shared") ||
                 Name.contains("Reader")
             ? Hold::Shared
             : Hold::Exclusive;
}

bool LockVocabulary::takesLock(const Stmt *S) const {
  if (!S)
    return false;
  if (const auto *Decl = dyn_cast<DeclStmt>(S))
    for (const auto *D : Decl->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && guardMode(Var->getType()) != Hold::None)
        return true;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
    const MutexCall Effect = mutexCall(nameOf(Call->getMethodDecl()));
    if (Effect == MutexCall::Lock || Effect == MutexCall::LockShared)
      return true;
  }
  for (const Stmt *Child : S->children())
    if (takesLock(Child))
      return true;
  return false;
}

} // namespace clang::tidy::maptidy
