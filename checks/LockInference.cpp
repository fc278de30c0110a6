//===--- LockInference.cpp - maptidy --------------------------------------===//

#include "LockInference.h"
#include "ContainerTypes.h"
#include "MemberPath.h"
#include "ProjectRewrites.h"
#include "RewriteUtils.h"
#include "ThreadSharing.h"
#include "UseAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::maptidy {

bool isMapType(QualType Type, llvm::ArrayRef<std::string> MapClasses) {
  return !Type.isConstQualified() && isClassNamed(Type, MapClasses);
}

namespace {
/// A lock object (lock_guard, unique_lock, ...) in scope.
struct Guard {
  llvm::SmallVector<const FieldDecl *, 2> Mutexes;
  Hold Mode = Hold::Exclusive;
  bool Active = true;
};

/// The locks held at a point: taken with lock()/unlock() on the member, or by
/// lock objects in scope.
struct LockState {
  HeldMutexes Manual;
  llvm::SmallDenseMap<const VarDecl *, Guard, 2> Guards;
  /// The path returned, threw or jumped away: it does not reach what follows.
  bool Ended = false;

  Hold held(const FieldDecl *Mutex) const {
    Hold Result = Manual.lookup(Mutex);
    for (const auto &[Var, G] : Guards)
      if (G.Active && llvm::is_contained(G.Mutexes, Mutex) && G.Mode > Result)
        Result = G.Mode;
    return Result;
  }

  /// What both paths into a join point hold.
  static LockState meet(const LockState &A, const LockState &B) {
    if (A.Ended || B.Ended)
      return A.Ended ? B : A;
    LockState Result;
    for (const auto &[Mutex, Mode] : A.Manual)
      Result.Manual[Mutex] = std::min(Mode, B.Manual.lookup(Mutex));
    for (const auto &[Var, G] : A.Guards)
      if (auto It = B.Guards.find(Var); It != B.Guards.end()) {
        Guard Merged = G;
        Merged.Active = G.Active && It->second.Active;
        Result.Guards[Var] = Merged;
      }
    return Result;
  }
};
} // namespace

/// The member of this class that \p E names, takes the address of, or
/// dereferences (`mu_`, `&mu_`, `*mu_`, `mu_->`, `mu_.get()`).
static const FieldDecl *memberOfThis(const Expr *E,
                                     const CXXRecordDecl &Record) {
  E = strip(E);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(E);
      Unary &&
      (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Deref))
    E = strip(Unary->getSubExpr());
  else if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(E);
           Operator && (Operator->getOperator() == OO_Star ||
                        Operator->getOperator() == OO_Arrow))
    E = strip(Operator->getArg(0));
  else if (const auto *Get = dyn_cast_or_null<CXXMemberCallExpr>(E);
           Get && Get->getNumArgs() == 0 &&
           nameOf(Get->getMethodDecl()) == "get" &&
           isPointerLike(Get->getImplicitObjectArgument()->getType()))
    E = strip(Get->getImplicitObjectArgument());
  const auto *Member = dyn_cast_or_null<MemberExpr>(E);
  if (!Member || !isa<CXXThisExpr>(strip(Member->getBase())))
    return nullptr;
  const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
  return Field && Field->getParent() == &Record ? Field : nullptr;
}

namespace {
/// Walks a member function in evaluation order, tracking the locks held.
class LockWalker {
public:
  LockWalker(const CXXRecordDecl &Record,
             llvm::ArrayRef<const FieldDecl *> Mutexes,
             const LockVocabulary &Vocabulary,
             llvm::ArrayRef<std::string> MapClasses,
             llvm::ArrayRef<ThreadOnThis> Threads, ASTContext &Context,
             MethodFacts &Facts, bool &ScopedLock)
      : Record(Record), Mutexes(Mutexes), Vocabulary(Vocabulary),
        MapClasses(MapClasses), Threads(Threads), Context(Context),
        Facts(Facts), ScopedLock(ScopedLock) {}

  void walk(const Stmt *S, LockState &State) {
    if (!S)
      return;
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      LockState Inner = State;
      for (const Stmt *Child : Block->body()) {
        // A case label is also reached from the switch, with the locks held
        // where its body starts.
        if (isa<SwitchCase>(Child))
          Inner = LockState::meet(Inner, State);
        if (!Inner.Ended)
          walk(Child, Inner);
      }
      // Lock objects of the block end with it; manual locks persist.
      State.Manual = Inner.Manual;
      State.Ended = Inner.Ended;
      for (auto &[Var, G] : State.Guards)
        G.Active = Inner.Guards.lookup(Var).Active;
      return;
    }
    if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
      for (const auto *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          declare(*Var, State);
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      walk(If->getInit(), State);
      if (If->getConditionVariableDeclStmt())
        walk(If->getConditionVariableDeclStmt(), State);
      expr(If->getCond(), State);
      LockState Then = State, Else = State;
      if (const std::optional<TriedLock> Tried = tryLockIn(If->getCond()))
        (Tried->HeldIfTrue ? Then : Else).Manual[Tried->Mutex.first] =
            Tried->Mutex.second;
      walk(If->getThen(), Then);
      walk(If->getElse(), Else);
      State = LockState::meet(Then, Else);
      return;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt>(S)) {
      LockState Body = State;
      for (const Stmt *Child : S->children())
        walk(Child, Body);
      // The loop goes on after a break or continue in its body.
      Body.Ended = false;
      State = LockState::meet(State, Body);
      return;
    }
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      const LockState Before = State;
      walk(Try->getTryBlock(), State);
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
        LockState Handler = Before;
        walk(Try->getHandler(I)->getHandlerBlock(), Handler);
      }
      return;
    }
    if (isa<Expr>(S)) {
      expr(S, State);
      State.Ended |= isa<CXXThrowExpr>(S);
      return;
    }
    for (const Stmt *Child : S->children())
      walk(Child, State);
    State.Ended |= isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S);
  }

private:
  using HeldMutex = std::pair<const FieldDecl *, Hold>;

  /// The mutex member that \p Call locks, and how.
  std::optional<HeldMutex> lockOfMember(const CallExpr &Call) const {
    const std::optional<MutexOperation> Op =
        LockVocabulary::mutexOperation(Call);
    if (!Op ||
        (Op->Effect != MutexCall::Lock && Op->Effect != MutexCall::LockShared))
      return std::nullopt;
    const FieldDecl *Mutex = memberOfThis(Op->Mutex, Record);
    if (!isMutexMember(Mutex))
      return std::nullopt;
    return HeldMutex{Mutex, Op->Effect == MutexCall::Lock ? Hold::Exclusive
                                                          : Hold::Shared};
  }

  /// A try-lock of a mutex member tested by \p Cond (`mu_.try_lock()`,
  /// `!mu_.try_lock()`, `pthread_mutex_trylock(&mu_) == 0`): the mutex, how
  /// it is held, and whether it is held where \p Cond is true.
  struct TriedLock {
    HeldMutex Mutex;
    bool HeldIfTrue;
  };
  std::optional<TriedLock> tryLockIn(const Expr *Cond) const {
    bool Negated = false;
    const Expr *E = strip(Cond);
    for (;;) {
      if (const auto *Not = dyn_cast<UnaryOperator>(E);
          Not && Not->getOpcode() == UO_LNot) {
        Negated = !Negated;
        E = strip(Not->getSubExpr());
        continue;
      }
      const auto *Compare = dyn_cast<BinaryOperator>(E);
      if (!Compare || !Compare->isEqualityOp())
        break;
      const auto *Zero = dyn_cast<IntegerLiteral>(strip(Compare->getRHS()));
      if (!Zero || Zero->getValue() != 0)
        break;
      Negated ^= Compare->getOpcode() == BO_EQ;
      E = strip(Compare->getLHS());
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    const std::optional<MutexOperation> Op =
        Call ? LockVocabulary::mutexOperation(*Call) : std::nullopt;
    if (!Op || (Op->Effect != MutexCall::TryLock &&
                Op->Effect != MutexCall::TryLockShared))
      return std::nullopt;
    const FieldDecl *Mutex = memberOfThis(Op->Mutex, Record);
    if (!isMutexMember(Mutex))
      return std::nullopt;
    // A member try_lock() returns true on success; POSIX's return 0.
    const bool Posix = !isa<CXXMemberCallExpr>(Call);
    return TriedLock{{Mutex, Op->Effect == MutexCall::TryLock ? Hold::Exclusive
                                                              : Hold::Shared},
                     Negated == Posix};
  }

  /// Records the use of the map \p This reaches through members, unless a
  /// struct on the way holds a mutex: that one guards the map, not this
  /// class's.
  void access(const CXXThisExpr &This, const LockState &State) {
    const std::optional<MemberPath> Path = mapPathFrom(
        This, [&](QualType T) { return isMapType(T, MapClasses); }, Context);
    if (!Path || Path->Fields.front()->getParent() != &Record)
      return;
    llvm::SmallVector<QualType, 2> Hops;
    for (const FieldDecl *Hop : ArrayRef(Path->Fields).drop_back())
      Hops.push_back(Hop->getType());
    if (!mutexHolder(Hops, Vocabulary))
      Facts.Accesses.push_back({Path->Member, Path->Fields.back(),
                                spellPath(This.getType(), Path->Fields),
                                isModifyingUse(*Path->Use, Context),
                                snapshot(State)});
  }

  HeldMutexes snapshot(const LockState &State) const {
    HeldMutexes Held;
    for (const FieldDecl *Mutex : Mutexes)
      if (Hold Mode = State.held(Mutex); Mode != Hold::None)
        Held[Mutex] = Mode;
    return Held;
  }

  bool isMutexMember(const FieldDecl *Field) const {
    return Field && llvm::is_contained(Mutexes, Field);
  }

  void declare(const VarDecl &Var, LockState &State) {
    expr(Var.getInit(), State);
    const Hold Mode = Vocabulary.guardMode(Var.getType());
    if (Mode == Hold::None) {
      // `auto locked = data_.wlock();`: the lock object is the result.
      const auto *Call =
          dyn_cast_or_null<CXXMemberCallExpr>(strip(Var.getInit()));
      if (const std::optional<HeldMutex> Lock =
              Call ? lockOfMember(*Call) : std::nullopt) {
        Guard G;
        G.Mutexes.push_back(Lock->first);
        G.Mode = Lock->second;
        State.Guards[&Var] = G;
      }
      return;
    }
    Facts.TakesLock = true;
    ScopedLock |= isClassNamed(Var.getType(), {"::std::scoped_lock"});
    const auto *Construct =
        dyn_cast_or_null<CXXConstructExpr>(strip(Var.getInit()));
    if (!Construct)
      return;
    Guard G;
    G.Mode = Mode;
    for (const Expr *Arg : Construct->arguments()) {
      if (const FieldDecl *Mutex = memberOfThis(Arg, Record);
          isMutexMember(Mutex)) {
        G.Mutexes.push_back(Mutex);
        Facts.Locks.insert(Mutex);
      }
      if (isClassNamed(strip(Arg)->getType(), {"::std::defer_lock_t"}))
        G.Active = false;
      // Ownership moved from another lock object.
      if (const auto *Call = dyn_cast<CallExpr>(strip(Arg));
          Call && nameOf(Call->getDirectCallee()) == "move" &&
          Call->getNumArgs() == 1)
        if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(Call->getArg(0))))
          if (auto It = State.Guards.find(dyn_cast<VarDecl>(Ref->getDecl()));
              It != State.Guards.end()) {
            G = It->second;
            It->second.Active = false;
          }
    }
    State.Guards[&Var] = G;
  }

  void expr(const Stmt *S, LockState &State) {
    if (!S || isUnevaluatedContext(*S))
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      // A thread's lambda starts holding nothing; any other is taken to run
      // under the locks held where it is written.
      const bool OnThread = llvm::any_of(
          Threads, [&](const ThreadOnThis &T) { return T.Lambda == Lambda; });
      LockState Inside = OnThread ? LockState() : State;
      walk(Lambda->getBody(), Inside);
      return;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
        Call && Call->getNumArgs() > 0)
      if (const std::optional<HeldMutex> Lock = lockOfMember(*Call)) {
        // `data_.withWLock(f)`: f runs holding the mutex.
        Facts.TakesLock = true;
        Facts.Locks.insert(Lock->first);
        LockState Inside = State;
        Inside.Manual[Lock->first] = Lock->second;
        for (const Expr *Arg : Call->arguments())
          expr(Arg, Inside);
        return;
      }
    for (const Stmt *Child : S->children())
      expr(Child, State);
    if (const auto *This = dyn_cast<CXXThisExpr>(S)) {
      access(*This, State);
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      return;
    if (LockVocabulary::locksAll(*Call)) {
      // std::lock(a, b): mutex members, or lock objects made with defer_lock.
      Facts.TakesLock = true;
      for (const Expr *Arg : Call->arguments()) {
        if (const FieldDecl *Mutex = memberOfThis(Arg, Record);
            isMutexMember(Mutex)) {
          State.Manual[Mutex] = Hold::Exclusive;
          Facts.Locks.insert(Mutex);
        } else if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(Arg))) {
          if (auto It = State.Guards.find(dyn_cast<VarDecl>(Ref->getDecl()));
              It != State.Guards.end())
            It->second.Active = true;
        }
      }
      return;
    }
    if (const std::optional<MutexOperation> Op =
            LockVocabulary::mutexOperation(*Call)) {
      const MutexCall Effect = Op->Effect;
      Facts.TakesLock |= Effect != MutexCall::Unlock;
      if (const FieldDecl *Mutex = memberOfThis(Op->Mutex, Record);
          isMutexMember(Mutex)) {
        if (Effect == MutexCall::Unlock) {
          State.Manual.erase(Mutex);
          return;
        }
        // A lock call that returns its lock object holds the mutex only
        // while that object lives (declare() follows it); a try-lock, where
        // its condition says it succeeded (walk()).
        if ((Effect == MutexCall::Lock || Effect == MutexCall::LockShared) &&
            !Call->getType()->isRecordType())
          State.Manual[Mutex] =
              Effect == MutexCall::Lock ? Hold::Exclusive : Hold::Shared;
        Facts.Locks.insert(Mutex);
        return;
      }
    }
    const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call);
    if (!MemberCall)
      return;
    const StringRef Method = nameOf(MemberCall->getMethodDecl());
    const Expr *Object = strip(MemberCall->getImplicitObjectArgument());
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object)) {
      if (auto It = State.Guards.find(dyn_cast<VarDecl>(Ref->getDecl()));
          It != State.Guards.end()) {
        if (Method == "lock")
          It->second.Active = true;
        else if (Method == "unlock" || Method == "release")
          It->second.Active = false;
      }
      return;
    }
    // A call through a pointer to member function names no method.
    if (const CXXMethodDecl *Callee = MemberCall->getMethodDecl();
        Callee && isa_and_nonnull<CXXThisExpr>(Object))
      Facts.Calls.push_back({Callee, snapshot(State)});
  }

  const CXXRecordDecl &Record;
  llvm::ArrayRef<const FieldDecl *> Mutexes;
  const LockVocabulary &Vocabulary;
  llvm::ArrayRef<std::string> MapClasses;
  /// The class's threads: the lambdas they run hold no lock at first.
  llvm::ArrayRef<ThreadOnThis> Threads;
  ASTContext &Context;
  MethodFacts &Facts;
  bool &ScopedLock;
};
} // namespace

/// The comment lines right above \p Decl (`// REQUIRES: mu_ is held.`).
static StringRef commentAbove(const Decl &Decl, const SourceManager &SM) {
  const auto [File, Offset] =
      SM.getDecomposedLoc(SM.getFileLoc(Decl.getBeginLoc()));
  const StringRef Buffer = SM.getBufferData(File);
  // The newline that ends the line above the declaration (rfind looks
  // before the position it is given).
  size_t LineEnd = Buffer.rfind('\n', Offset);
  if (LineEnd == StringRef::npos)
    return {};
  const size_t End = LineEnd;
  size_t Start = End;
  for (;;) {
    const size_t Above = Buffer.rfind('\n', LineEnd);
    const size_t LineStart = Above == StringRef::npos ? 0 : Above + 1;
    const StringRef Line = Buffer.slice(LineStart, LineEnd).trim();
    if (!Line.starts_with("//") && !Line.starts_with("*") &&
        !Line.starts_with("/*"))
      break;
    Start = LineStart;
    if (Above == StringRef::npos)
      break;
    LineEnd = Above;
  }
  return Buffer.slice(Start, End);
}

/// Whether \p Text names \p Name as a word.
static bool namesWord(StringRef Text, StringRef Name) {
  for (size_t At = Text.find(Name); At != StringRef::npos;
       At = Text.find(Name, At + 1)) {
    auto IsWordChar = [](char C) { return isAlphanumeric(C) || C == '_'; };
    const size_t After = At + Name.size();
    if ((At == 0 || !IsWordChar(Text[At - 1])) &&
        (After == Text.size() || !IsWordChar(Text[After])))
      return true;
  }
  return false;
}

/// Whether \p Held holds every mutex of \p Wanted, as strongly.
static bool holdsAll(const HeldMutexes &Held, const HeldMutexes &Wanted) {
  return llvm::all_of(Wanted, [&](const auto &Entry) {
    return Held.lookup(Entry.first) >= Entry.second;
  });
}

/// The mutex members that \p Method requires its callers to hold: named by
/// a thread-safety annotation (`EXCLUSIVE_LOCKS_REQUIRED(mu_)`,
/// `REQUIRES_SHARED(mu_)`) or by the comment above a declaration that says
/// so (`// REQUIRES: mu_ is held.`, `// Caller must hold mu_.`).
static HeldMutexes requiredHeld(const CXXMethodDecl &Method,
                                const CXXRecordDecl &Record,
                                llvm::ArrayRef<const FieldDecl *> Mutexes,
                                const SourceManager &SM) {
  HeldMutexes Held;
  for (const FunctionDecl *Declaration : Method.redecls()) {
    for (const auto *Required :
         Declaration->specific_attrs<RequiresCapabilityAttr>())
      for (const Expr *Arg : Required->args())
        if (const FieldDecl *Mutex = memberOfThis(Arg, Record);
            Mutex && llvm::is_contained(Mutexes, Mutex))
          Held[Mutex] = Required->isShared() ? Hold::Shared : Hold::Exclusive;
    const std::string Lowered = commentAbove(*Declaration, SM).lower();
    const StringRef Comment = Lowered;
    // "Must not be called with mu_ held" says the opposite.
    const bool SaysHeld =
        (Comment.contains("requires") || Comment.contains("held") ||
         Comment.contains("must hold")) &&
        !Comment.contains("not ") && !Comment.contains("n't") &&
        !Comment.contains("without");
    if (SaysHeld)
      for (const FieldDecl *Mutex : Mutexes)
        if (namesWord(Comment, Mutex->getName().lower()))
          Held.try_emplace(Mutex, Hold::Exclusive);
  }
  return Held;
}

ClassLocks::ClassLocks(const CXXRecordDecl &Record,
                       llvm::ArrayRef<ThreadOnThis> Threads,
                       const LockVocabulary &Vocabulary,
                       llvm::ArrayRef<std::string> MapClasses,
                       ASTContext &Context)
    : Record(Record) {
  for (const FieldDecl *Field : Record.fields())
    if (Vocabulary.isMutexMember(Field->getType()))
      Mutexes.push_back(Field);
  // Member functions defined in this translation unit, but those that run
  // before or after any sharing (ObjectLifecycle.h); of a member
  // template, the specializations its callers use, which the calls name
  // (they pass the locks they hold on to the helpers they call; their own
  // accesses, code of an instantiation, are not judged).
  const UnsharedCode Unshared = unsharedCode(Record, Threads, Vocabulary);
  auto Consider = [&](const CXXMethodDecl *Method) {
    const FunctionDecl *Definition = nullptr;
    if (!Unshared.Functions.contains(Method->getCanonicalDecl()) &&
        Method->hasBody(Definition) && !Method->isImplicit())
      Methods.push_back(cast<CXXMethodDecl>(Definition));
  };
  for (const CXXMethodDecl *Method : Record.methods())
    Consider(Method);
  for (const Decl *Member : Record.decls())
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
      for (const FunctionDecl *Specialization : Template->specializations())
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Specialization))
          Consider(Method);

  // Functions documented to require a lock start out holding it.
  llvm::DenseMap<const CXXMethodDecl *, HeldMutexes> Required;
  for (const CXXMethodDecl *Method : Methods)
    if (HeldMutexes Held =
            requiredHeld(*Method, Record, Mutexes, Context.getSourceManager());
        !Held.empty())
      Required[Method] = std::move(Held);
  // Helpers called only with a lock held start out holding it; one more
  // level of helpers each round.
  llvm::DenseMap<const CXXMethodDecl *, HeldMutexes> CalledHolding;
  for (int Round = 0; Round < 4; ++Round) {
    Facts.clear();
    for (const CXXMethodDecl *Method : Methods) {
      LockState State;
      State.Manual = CalledHolding.lookup(Method->getCanonicalDecl());
      for (const auto &[Mutex, Mode] : Required.lookup(Method))
        State.Manual[Mutex] = std::max(Mode, State.Manual.lookup(Mutex));
      LockWalker Walker(Record, Mutexes, Vocabulary, MapClasses, Threads,
                        Context, Facts[Method], ScopedLock);
      Walker.walk(Method->getBody(), State);
    }
    if (Mutexes.empty())
      break;
    llvm::DenseMap<const CXXMethodDecl *, HeldMutexes> Next;
    llvm::DenseMap<const CXXMethodDecl *, bool> Seen;
    for (const auto &[Caller, Found] : Facts)
      for (const MemberCall &Call : Found.Calls) {
        const CXXMethodDecl *Callee = Call.Callee->getCanonicalDecl();
        // A protected helper as well: a derived class may call it, but
        // those calls are out of sight as calls from other files are.
        if (Callee->getAccess() == AS_public)
          continue;
        // A recursive call that still holds what the function was entered
        // with adds nothing (RenameInternal calling itself on children).
        if (Caller->getCanonicalDecl() == Callee &&
            holdsAll(Call.Held, CalledHolding.lookup(Callee)))
          continue;
        if (!Seen[Callee]) {
          Seen[Callee] = true;
          Next[Callee] = Call.Held;
          continue;
        }
        HeldMutexes Common;
        for (const auto &[Mutex, Mode] : Next[Callee])
          if (Hold Other = Call.Held.lookup(Mutex); Other != Hold::None)
            Common[Mutex] = std::min(Mode, Other);
        Next[Callee] = Common;
      }
    bool Changed = Next.size() != CalledHolding.size();
    for (const auto &[Method, Held] : Next)
      Changed |= CalledHolding.lookup(Method).size() != Held.size();
    CalledHolding = std::move(Next);
    if (!Changed)
      break;
  }
  const SourceManager &SM = Context.getSourceManager();
  for (const CXXMethodDecl *Method : Methods) {
    if (Method->getPrimaryTemplate())
      Facts[Method].Accesses.clear();
    llvm::erase_if(Facts[Method].Accesses, [&](const MapAccess &A) {
      return Unshared.beforeFirstStart(*Method, A.Where->getBeginLoc(), SM);
    });
  }
  record(SM);
}

const MethodFacts &ClassLocks::facts(const CXXMethodDecl *Method) const {
  return Facts.find(Method)->second;
}

MethodFacts codeFacts(const Stmt &Code, const ClassLocks &Locks,
                      const LockVocabulary &Vocabulary,
                      llvm::ArrayRef<std::string> MapClasses,
                      ASTContext &Context) {
  MethodFacts Facts;
  bool ScopedLock = false;
  LockWalker Walker(Locks.record(), Locks.mutexes(), Vocabulary, MapClasses, {},
                    Context, Facts, ScopedLock);
  LockState State;
  Walker.walk(&Code, State);
  return Facts;
}

/// Whether \p S tests a member of \p Mutexes that points to a mutex for
/// null: `mu_ == nullptr`, `mu_ != nullptr`, `!mu_`, `if (mu_)`.
static bool testsMutexPointer(const Stmt *S, const CXXRecordDecl &Record,
                              llvm::ArrayRef<const FieldDecl *> Mutexes,
                              ASTContext &Context) {
  if (!S)
    return false;
  auto IsMutexPointer = [&](const Expr *E) {
    const FieldDecl *Field = memberOfThis(E, Record);
    return Field && llvm::is_contained(Mutexes, Field) &&
           isPointerLike(Field->getType());
  };
  auto IsNull = [&](const Expr *E) {
    return E->IgnoreParenImpCasts()->isNullPointerConstant(
        Context, Expr::NPC_ValueDependentIsNotNull);
  };
  const Expr *Tested = nullptr;
  if (const auto *Compare = dyn_cast<BinaryOperator>(S);
      Compare && Compare->isEqualityOp()) {
    if (IsNull(Compare->getRHS()))
      Tested = Compare->getLHS();
    else if (IsNull(Compare->getLHS()))
      Tested = Compare->getRHS();
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S);
             Operator && Operator->getNumArgs() == 2 &&
             (Operator->getOperator() == OO_EqualEqual ||
              Operator->getOperator() == OO_ExclaimEqual)) {
    if (IsNull(Operator->getArg(1)))
      Tested = Operator->getArg(0);
    else if (IsNull(Operator->getArg(0)))
      Tested = Operator->getArg(1);
  } else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S);
             Cast && Cast->getCastKind() == CK_PointerToBoolean) {
    Tested = Cast->getSubExpr();
  } else if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(S);
             Conversion &&
             isa_and_nonnull<CXXConversionDecl>(Conversion->getMethodDecl())) {
    Tested = Conversion->getImplicitObjectArgument();
  }
  if (Tested && IsMutexPointer(Tested))
    return true;
  for (const Stmt *Child : S->children())
    if (testsMutexPointer(Child, Record, Mutexes, Context))
      return true;
  return false;
}

void ClassLocks::record(const SourceManager &SM) {
  // Reserved: the maps below point into the records.
  Records.reserve(Methods.size());
  for (const CXXMethodDecl *Method : Methods) {
    const MethodFacts &Found = facts(Method);
    MethodRecord &R = Records.emplace_back();
    MethodOf[&R] = Method;
    R.Key = projectKey(*Method->getCanonicalDecl());
    R.Name = "'" + Method->getNameAsString() + "'";
    // Accesses after the function waited for the class's own threads to end
    // (a stop() that joins the worker, then clears the maps) run without
    // them, as a destructor's do.
    const SourceLocation Waited = firstMemberJoin(*Method->getBody(), SM);
    // A function that tests whether its mutex pointer is null handles an
    // object built without one (for one thread): its accesses are not
    // judged.
    const bool MutexMayBeAbsent = testsMutexPointer(
        Method->getBody(), Record, Mutexes, Method->getASTContext());
    R.MayWaitForThreads = mayWaitForThreads(*Method->getBody());
    for (const FieldDecl *Mutex : Mutexes)
      if (Found.Locks.contains(Mutex))
        R.Locks.push_back(Mutex->getNameAsString());
    // Only this class's member functions can lock its mutexes.
    for (const MemberCall &Call : Found.Calls)
      if (Call.Callee->getParent() == &Record) {
        R.Calls.push_back(projectKey(*Call.Callee->getCanonicalDecl()));
        if (!Call.Held.empty())
          R.CallsHoldingLock.push_back(R.Calls.back());
      }
    std::vector<const MapAccess *> Recorded;
    for (const MapAccess &A : Found.Accesses) {
      if (MutexMayBeAbsent || A.Map->hasAttr<GuardedByAttr>() ||
          A.Map->hasAttr<PtGuardedByAttr>() ||
          (Waited.isValid() &&
           SM.isBeforeInTranslationUnit(Waited, A.Where->getBeginLoc())))
        continue;
      AccessRecord &Rec = R.Accesses.emplace_back();
      Rec.Map = A.Path;
      MapAt[A.Path] = A.Map;
      const SourceLocation Where = SM.getFileLoc(A.Where->getBeginLoc());
      Rec.File = SM.getFilename(Where).str();
      Rec.Offset = SM.getFileOffset(Where);
      Rec.Write = A.Write;
      for (const auto &[Mutex, Mode] : A.Held)
        Rec.Held.emplace_back(Mutex->getNameAsString(), Mode);
      Recorded.push_back(&A);
    }
    for (size_t I = 0; I < Recorded.size(); ++I)
      AccessOf[&R.Accesses[I]] = Recorded[I];
  }
}

static const FieldDecl *fieldNamed(const CXXRecordDecl &Record,
                                   StringRef Name) {
  for (const FieldDecl *Field : Record.fields())
    if (Field->getName() == Name)
      return Field;
  return nullptr;
}

MapGuardReport ClassLocks::inTermsOfAST(const GuardOutcome &Outcome) const {
  MapGuardReport Report{MapAt.lookup(Outcome.Map),
                        Outcome.Map,
                        fieldNamed(Record, Outcome.Guard),
                        Outcome.Held,
                        Outcome.Total,
                        {},
                        {}};
  for (const AccessRecord *A : Outcome.WritesUnderSharedLock)
    Report.WritesUnderSharedLock.push_back(AccessOf.lookup(A));
  for (const UnguardedGroup &Group : Outcome.Unguarded) {
    UnguardedAccesses &Found = Report.Unguarded.emplace_back();
    Found.Method = MethodOf.lookup(Group.Method);
    Found.MayDeadlock = Group.MayDeadlock;
    for (const AccessRecord *A : Group.Accesses)
      Found.Accesses.push_back(AccessOf.lookup(A));
  }
  return Report;
}

static std::vector<std::string>
namesOf(llvm::ArrayRef<const FieldDecl *> Fields) {
  std::vector<std::string> Names;
  for (const FieldDecl *Field : Fields)
    Names.push_back(Field->getNameAsString());
  return Names;
}

std::vector<MapGuardReport>
ClassLocks::guardReports(unsigned GuardedPercent) const {
  std::vector<MapGuardReport> Reports;
  for (const GuardOutcome &Outcome :
       voteGuards(Records, namesOf(Mutexes), GuardedPercent,
                  /*UnknownCalleeMayLock=*/true))
    Reports.push_back(inTermsOfAST(Outcome));
  return Reports;
}

MapGuardReport ClassLocks::judge(StringRef Path, const FieldDecl &Guard) const {
  return inTermsOfAST(judgeGuard(Records, Path, Guard.getName(),
                                 /*UnknownCalleeMayLock=*/false));
}

} // namespace clang::tidy::maptidy
