//===--- LockVocabulary.cpp - maptidy -------------------------------------===//

#include "LockVocabulary.h"
#include "ContainerTypes.h"
#include "MemberPath.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtOpenMP.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::maptidy {

LockVocabulary::LockVocabulary(std::vector<std::string> MutexTypes,
                               std::vector<std::string> LockGuardTypes)
    : MutexTypes(std::move(MutexTypes)),
      LockGuardTypes(std::move(LockGuardTypes)) {}

/// What a member function does to its object, by its name.
static MutexCall mutexCallByName(StringRef Method) {
  return llvm::StringSwitch<MutexCall>(Method)
      .Cases({"lock", "Lock", "WriterLock", "AssertHeld"}, MutexCall::Lock)
      .Cases({"lock_write", "write_lock", "WriteLock", "LockWrite"},
             MutexCall::Lock)
      .Cases({"lock_shared", "ReaderLock", "LockShared", "AssertReaderHeld",
              "lock_read", "read_lock", "ReadLock", "LockRead"},
             MutexCall::LockShared)
      .Cases({"try_lock", "try_lock_for", "try_lock_until", "TryLock",
              "WriterTryLock"},
             MutexCall::TryLock)
      .Cases({"try_lock_shared", "try_lock_shared_for", "try_lock_shared_until",
              "ReaderTryLock"},
             MutexCall::TryLockShared)
      // folly::Synchronized. An upgrade lock (ulock) gives read access only.
      .Cases({"wlock", "contextualLock", "withLock", "withWLock", "withLockPtr",
              "withWLockPtr"},
             MutexCall::Lock)
      .Cases({"rlock", "ulock", "contextualRLock", "withRLock", "withRLockPtr",
              "withULockPtr"},
             MutexCall::LockShared)
      .Cases({"unlock", "Unlock", "unlock_shared", "ReaderUnlock",
              "WriterUnlock", "UnlockShared", "unlock_read", "unlock_write",
              "read_unlock", "write_unlock", "ReadUnlock", "WriteUnlock",
              "UnlockRead", "UnlockWrite"},
             MutexCall::Unlock)
      .Default(MutexCall::Other);
}

/// What a member function does to its object by its thread-safety
/// attributes: those without arguments act on the object itself.
static MutexCall mutexCallByAttribute(const CXXMethodDecl &Method) {
  if (const auto *Acquire = Method.getAttr<AcquireCapabilityAttr>();
      Acquire && Acquire->args_size() == 0)
    return Acquire->isShared() ? MutexCall::LockShared : MutexCall::Lock;
  if (const auto *Try = Method.getAttr<TryAcquireCapabilityAttr>();
      Try && Try->args_size() == 0)
    return Try->isShared() ? MutexCall::TryLockShared : MutexCall::TryLock;
  if (const auto *Release = Method.getAttr<ReleaseCapabilityAttr>();
      Release && Release->args_size() == 0)
    return MutexCall::Unlock;
  return MutexCall::Other;
}

MutexCall LockVocabulary::mutexCall(const CXXMethodDecl &Method) {
  const MutexCall ByName = mutexCallByName(nameOf(&Method));
  return ByName != MutexCall::Other ? ByName : mutexCallByAttribute(Method);
}

/// What a POSIX or OpenMP lock function does to the mutex whose address it
/// takes.
static MutexCall cMutexCall(StringRef Function) {
  return llvm::StringSwitch<MutexCall>(Function)
      .Cases({"pthread_mutex_lock", "pthread_rwlock_wrlock",
              "pthread_spin_lock", "omp_set_lock", "omp_set_nest_lock"},
             MutexCall::Lock)
      .Case("pthread_rwlock_rdlock", MutexCall::LockShared)
      .Cases({"pthread_mutex_unlock", "pthread_rwlock_unlock",
              "pthread_spin_unlock", "omp_unset_lock", "omp_unset_nest_lock"},
             MutexCall::Unlock)
      .Cases({"pthread_mutex_trylock", "pthread_rwlock_trywrlock",
              "pthread_spin_trylock", "omp_test_lock", "omp_test_nest_lock"},
             MutexCall::TryLock)
      .Case("pthread_rwlock_tryrdlock", MutexCall::TryLockShared)
      .Default(MutexCall::Other);
}

std::optional<MutexOperation>
LockVocabulary::mutexOperation(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const MutexCall Effect = Method ? mutexCall(*Method) : MutexCall::Other;
    if (Effect == MutexCall::Other)
      return std::nullopt;
    return MutexOperation{Effect, Member->getImplicitObjectArgument()};
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->isExternC() || Call.getNumArgs() != 1)
    return std::nullopt;
  const MutexCall Effect = cMutexCall(nameOf(Callee));
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
      const MutexCall Effect = LockVocabulary::mutexCall(*Method);
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

/// Whether \p Name, less a `_t` or `impl` suffix, ends in a word that names
/// a mutex: `Mutex`, `SpinLock`, `RWLock`, `rw_lock`, `CriticalSection`.
/// `Lock` counts only as a word of its own, so `Clock` and `Block` do not.
static bool namedLikeMutex(StringRef Name) {
  Name.consume_back("_t");
  if (!Name.consume_back("_impl"))
    Name.consume_back("Impl");
  const std::string Lower = Name.lower();
  for (StringRef Word :
       {"mutex", "spinlock", "rwlock", "criticalsection", "critical_section"})
    if (StringRef(Lower).ends_with(Word))
      return true;
  return Name == "lock" || Name.ends_with("_lock") || Name.ends_with("Lock");
}

/// A constructor other than a copy or move whose first parameter is, or
/// points to, a type for which \p IsLockable holds: that of a lock object.
template <class Predicate>
static bool constructorTakes(const CXXRecordDecl &Record,
                             Predicate IsLockable) {
  return llvm::any_of(Record.ctors(), [&](const CXXConstructorDecl *C) {
    if (C->getNumParams() == 0 || C->isCopyOrMoveConstructor())
      return false;
    const QualType First = C->getParamDecl(0)->getType();
    return IsLockable(First->isPointerType() ? First->getPointeeType() : First);
  });
}

/// A project's mutex class: named like one, with a lock and an unlock, and
/// not itself a lock object (whose constructor takes what it locks, as
/// std::unique_lock's does).
static bool isProjectMutex(const CXXRecordDecl *Record) {
  return Record && namedLikeMutex(Record->getName()) &&
         hasLockAndUnlock(*Record) &&
         !constructorTakes(*Record, [](QualType Type) {
           const CXXRecordDecl *Taken = definitionOf(Type);
           return Taken && hasLockAndUnlock(*Taken);
         });
}

/// Whether \p Type is spelled as one of POSIX's or OpenMP's mutex types.
static bool isCMutex(QualType Type) {
  for (QualType T = Type.getNonReferenceType();
       const auto *Typedef = T->getAs<TypedefType>(); T = Typedef->desugar())
    if (llvm::is_contained(
            {StringRef("pthread_mutex_t"), StringRef("pthread_rwlock_t"),
             StringRef("pthread_spinlock_t"), StringRef("omp_lock_t"),
             StringRef("omp_nest_lock_t")},
            Typedef->getDecl()->getName()))
      return true;
  return false;
}

/// \p Record itself, or the first of its bases, of which \p Holds holds.
template <class Predicate>
static const CXXRecordDecl *selfOrBase(const CXXRecordDecl &Record,
                                       Predicate Holds) {
  if (Holds(Record))
    return &Record;
  const CXXRecordDecl *Found = nullptr;
  Record.forallBases([&](const CXXRecordDecl *Base) {
    if (Holds(*Base))
      Found = Base;
    return Found == nullptr;
  });
  return Found;
}

/// \p Record, or a base, is one of \p Names.
static const CXXRecordDecl *listedSelfOrBase(const CXXRecordDecl &Record,
                                             ArrayRef<std::string> Names) {
  return selfOrBase(Record, [&](const CXXRecordDecl &Class) {
    return isClassNamed(Class.getASTContext().getCanonicalTagType(&Class),
                        Names);
  });
}

bool LockVocabulary::isMutex(QualType Type) const {
  if (isCMutex(Type))
    return true;
  const CXXRecordDecl *Record = definitionOf(Type);
  // A listed mutex, a class that adds to one, or a class Clang's
  // thread-safety analysis knows as a capability.
  return Record && (listedSelfOrBase(*Record, MutexTypes) ||
                    selfOrBase(*Record,
                               [](const CXXRecordDecl &Class) {
                                 return Class.hasAttr<CapabilityAttr>();
                               }) ||
                    isProjectMutex(Record));
}

bool LockVocabulary::isMutexMember(QualType Type) const {
  if (isMutex(Type))
    return true;
  const CXXRecordDecl *Pointee =
      isPointerLike(Type) ? pointeeRecord(Type) : nullptr;
  return Pointee &&
         isMutex(Pointee->getASTContext().getCanonicalTagType(Pointee));
}

bool LockVocabulary::isLockableByStd(QualType Type) {
  // Listed types too: Abseil's Mutex has lock() only in newer releases, and
  // a folly::Synchronized has none.
  const CXXRecordDecl *Record = definitionOf(Type);
  return Record && hasLockAndUnlock(*Record, "lock", "unlock");
}

/// How the first lock call in \p S holds its mutex; None without one.
static Hold firstLockCall(const Stmt *S) {
  if (!S)
    return Hold::None;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const std::optional<MutexOperation> Op =
            LockVocabulary::mutexOperation(*Call)) {
      if (Op->Effect == MutexCall::Lock || Op->Effect == MutexCall::TryLock)
        return Hold::Exclusive;
      if (Op->Effect == MutexCall::LockShared ||
          Op->Effect == MutexCall::TryLockShared)
        return Hold::Shared;
    }
  for (const Stmt *Child : S->children())
    if (const Hold Found = firstLockCall(Child); Found != Hold::None)
      return Found;
  return Hold::None;
}

/// How a lock object's class name says it holds its mutex.
static Hold holdByName(const CXXRecordDecl &Record) {
  const StringRef Name = Record.getName();
  return Name.contains("shared") || Name.contains("Shared") ||
                 Name.contains("Reader")
             ? Hold::Shared
             : Hold::Exclusive;
}

/// How a project's lock object of class \p Record holds its mutex: as its
/// constructor's thread-safety attribute or first lock call says, or else
/// as its name does.
static Hold projectGuardHold(const CXXRecordDecl &Record) {
  for (const CXXConstructorDecl *C : Record.ctors()) {
    if (const auto *Acquire = C->getAttr<AcquireCapabilityAttr>())
      return Acquire->isShared() ? Hold::Shared : Hold::Exclusive;
    if (const Hold Held = firstLockCall(C->getBody()); Held != Hold::None)
      return Held;
  }
  return holdByName(Record);
}

Hold LockVocabulary::guardMode(QualType Type) const {
  const CXXRecordDecl *Record = definitionOf(Type);
  if (!Record)
    return Hold::None;
  // A listed lock object, or a class that adds to one.
  if (const CXXRecordDecl *Listed = listedSelfOrBase(*Record, LockGuardTypes))
    return holdByName(*Listed);
  // A project's guard takes a mutex and releases it when destroyed: in its
  // own destructor, or through a lock object it keeps as a member. Clang's
  // thread-safety analysis knows it as scoped_lockable.
  if (!constructorTakes(*Record, [&](QualType T) { return isMutex(T); }))
    return Hold::None;
  if (Record->hasUserDeclaredDestructor() ||
      Record->hasAttr<ScopedLockableAttr>())
    return projectGuardHold(*Record);
  for (const FieldDecl *Field : Record->fields())
    if (Field->getType()->getAsCXXRecordDecl() != Record)
      if (const Hold Held = guardMode(Field->getType()); Held != Hold::None)
        return Held;
  return Hold::None;
}

bool LockVocabulary::takesLock(const Stmt *S) const {
  if (!S)
    return false;
  // OpenMP's regions that one thread at a time runs.
  if (isa<OMPCriticalDirective, OMPAtomicDirective, OMPSingleDirective,
          OMPMasterDirective, OMPMaskedDirective, OMPOrderedDirective>(S))
    return true;
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
