//===--- UnsynchronizedMapAccessCheck.cpp - maptidy -----------------------===//

#include "UnsynchronizedMapAccessCheck.h"
#include "ContainerTypes.h"
#include "RewriteUtils.h"
#include "ShardedMapRewrite.h"
#include "TypeSpelling.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::maptidy {

static constexpr char DefaultMutexClasses[] =
    "::std::mutex;::std::shared_mutex;::std::recursive_mutex;"
    "::std::timed_mutex;::std::recursive_timed_mutex;::std::shared_timed_mutex;"
    "::absl::Mutex;::boost::mutex;::boost::shared_mutex;"
    "::boost::recursive_mutex";
static constexpr char DefaultMapClasses[] =
    "::std::map;::std::multimap;::std::set;::std::multiset;"
    "::std::unordered_map;::std::unordered_multimap;::std::unordered_set;"
    "::std::unordered_multiset;::absl::flat_hash_map;::absl::flat_hash_set;"
    "::absl::node_hash_map;::absl::node_hash_set;::absl::btree_map;"
    "::boost::unordered_map;::boost::unordered_flat_map;"
    "::boost::unordered_node_map";

namespace {
/// How a mutex is held at a point of a member function.
enum class Hold { None, Shared, Exclusive };

using HeldMutexes = llvm::SmallDenseMap<const FieldDecl *, Hold, 2>;

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

struct Access {
  const MemberExpr *Where;
  const FieldDecl *Map;
  bool Write;
  HeldMutexes Held;
};

struct CallSite {
  const CXXMethodDecl *Callee;
  HeldMutexes Held;
};

/// What walking one member function found.
struct MethodFacts {
  std::vector<Access> Accesses;
  std::vector<CallSite> Calls;
  /// Mutexes the function locks itself.
  llvm::SmallPtrSet<const FieldDecl *, 2> Locks;
  /// A variable named `lock` is declared: an inserted lock would clash.
  bool DeclaresLock = false;
};
} // namespace

static const FieldDecl *memberOfThis(const Expr *E,
                                     const CXXRecordDecl &Record) {
  E = strip(E);
  if (const auto *AddressOf = dyn_cast_or_null<UnaryOperator>(E);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    E = strip(AddressOf->getSubExpr());
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
  LockWalker(const UnsynchronizedMapAccessCheck &Check,
             const CXXRecordDecl &Record, ASTContext &Context,
             MethodFacts &Facts, bool &UsesScopedLock)
      : Check(Check), Record(Record), Context(Context), Facts(Facts),
        UsesScopedLock(UsesScopedLock) {}

  void walk(const Stmt *S, LockState &State) {
    if (!S)
      return;
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      LockState Inner = State;
      for (const Stmt *Child : Block->body())
        if (!Inner.Ended)
          walk(Child, Inner);
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
  HeldMutexes snapshot(const LockState &State) const {
    HeldMutexes Held;
    for (const FieldDecl *Field : Record.fields())
      if (Check.isMutex(Field->getType()))
        if (Hold Mode = State.held(Field); Mode != Hold::None)
          Held[Field] = Mode;
    return Held;
  }

  void declare(const VarDecl &Var, LockState &State) {
    Facts.DeclaresLock |= Var.getName() == "lock";
    expr(Var.getInit(), State);
    static const std::vector<std::string> Exclusive = {
        "::std::lock_guard",   "::std::unique_lock",      "::std::scoped_lock",
        "::absl::MutexLock",   "::absl::WriterMutexLock", "::boost::lock_guard",
        "::boost::unique_lock"};
    static const std::vector<std::string> Shared = {"::std::shared_lock",
                                                    "::absl::ReaderMutexLock",
                                                    "::boost::shared_lock"};
    const bool IsShared = isClassNamed(Var.getType(), Shared);
    if (!IsShared && !isClassNamed(Var.getType(), Exclusive))
      return;
    UsesScopedLock |= isClassNamed(Var.getType(), {"::std::scoped_lock"});
    const auto *Construct =
        dyn_cast_or_null<CXXConstructExpr>(strip(Var.getInit()));
    if (!Construct)
      return;
    Guard G;
    G.Mode = IsShared ? Hold::Shared : Hold::Exclusive;
    for (const Expr *Arg : Construct->arguments()) {
      if (const FieldDecl *Mutex = memberOfThis(Arg, Record);
          Mutex && Check.isMutex(Mutex->getType())) {
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
    if (!S)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      // The body is taken to run under the locks held where it is written.
      LockState Inside = State;
      walk(Lambda->getBody(), Inside);
      return;
    }
    for (const Stmt *Child : S->children())
      expr(Child, State);
    if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      if (const FieldDecl *Field = memberOfThis(Member, Record);
          Field && Check.isMap(Field->getType()))
        Facts.Accesses.push_back(
            {Member, Field, isModifyingUse(*Member, Context), snapshot(State)});
      return;
    }
    const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
    if (!Call)
      return;
    const StringRef Method = nameOf(Call->getMethodDecl());
    const Expr *Object = strip(Call->getImplicitObjectArgument());
    if (const FieldDecl *Mutex = memberOfThis(Object, Record);
        Mutex && Check.isMutex(Mutex->getType())) {
      static const llvm::StringSet<> Locks = {"lock", "Lock", "WriterLock"};
      static const llvm::StringSet<> SharedLocks = {"lock_shared",
                                                    "ReaderLock"};
      static const llvm::StringSet<> Unlocks = {
          "unlock", "Unlock", "unlock_shared", "ReaderUnlock", "WriterUnlock"};
      if (Locks.contains(Method) || SharedLocks.contains(Method)) {
        State.Manual[Mutex] =
            Locks.contains(Method) ? Hold::Exclusive : Hold::Shared;
        Facts.Locks.insert(Mutex);
      } else if (Unlocks.contains(Method)) {
        State.Manual.erase(Mutex);
      }
      return;
    }
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
    if (isa_and_nonnull<CXXThisExpr>(Object))
      Facts.Calls.push_back({Call->getMethodDecl(), snapshot(State)});
  }

  const UnsynchronizedMapAccessCheck &Check;
  const CXXRecordDecl &Record;
  ASTContext &Context;
  MethodFacts &Facts;
  bool &UsesScopedLock;
};
} // namespace

UnsynchronizedMapAccessCheck::UnsynchronizedMapAccessCheck(
    StringRef Name, ClangTidyContext *Context)
    : SpelledSourceCheck(Name, Context),
      MutexClasses(
          parseClassList(Options.get("MutexClasses", DefaultMutexClasses))),
      MapClasses(parseClassList(Options.get("MapClasses", DefaultMapClasses))),
      Starts(parseClassList(Options.getLocalOrGlobal("ThreadLaunchers", ""))),
      GuardedPercent(Options.get("GuardedPercent", 50U)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void UnsynchronizedMapAccessCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MutexClasses", llvm::join(MutexClasses, ";"));
  Options.store(Opts, "MapClasses", llvm::join(MapClasses, ";"));
  Options.store(Opts, "ThreadLaunchers", llvm::join(Starts.launchers(), ";"));
  Options.store(Opts, "GuardedPercent", GuardedPercent);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void UnsynchronizedMapAccessCheck::registerPPCallbacks(const SourceManager &,
                                                       Preprocessor *PP,
                                                       Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

bool UnsynchronizedMapAccessCheck::isMutex(QualType Type) const {
  return isClassNamed(Type, MutexClasses);
}

bool UnsynchronizedMapAccessCheck::isMap(QualType Type) const {
  return !Type.isConstQualified() && isClassNamed(Type, MapClasses);
}

namespace {
/// A construction or call that starts a thread on a lambda.
AST_MATCHER_P(Expr, startsThreadOn, const UnsynchronizedMapAccessCheck *,
              Check) {
  return Check->threadBody(Node) != nullptr;
}
} // namespace

void UnsynchronizedMapAccessCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      cxxRecordDecl(isDefinition(), isInUserCode()).bind("class"), this);
  // Threads started on a lambda (ThreadSharing.h says which starts count).
  const auto Starting = startsThreadOn(this);
  const auto InUserCode = isInUserCode();
  Finder->addMatcher(cxxConstructExpr(Starting, InUserCode).bind("launch"),
                     this);
  Finder->addMatcher(callExpr(Starting, InUserCode).bind("launch"), this);
}

void UnsynchronizedMapAccessCheck::analyze(
    const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Record = Result.Nodes.getNodeAs<CXXRecordDecl>("class")) {
    Classes.insert(Record);
    return;
  }
  const auto *Launch = Result.Nodes.getNodeAs<Expr>("launch");
  Launches[enclosingFunctionBody(*Launch, *Context)].push_back(
      {Launch, threadBody(*Launch)});
}

void UnsynchronizedMapAccessCheck::onEndOfTranslationUnit() {
  // Classes are analyzed at the end: member functions defined out of line
  // come after the class.
  for (const CXXRecordDecl *Record : Classes)
    analyzeClass(*Record);
  for (const auto &[Body, Started] : Launches)
    if (Body)
      analyzeThreads(*Body, Started);
  Classes.clear();
  Launches.clear();
  Planned.clear();
}

/// The innermost block around the first of \p Exprs that contains them all.
static const CompoundStmt *coveringBlock(llvm::ArrayRef<const Expr *> Exprs,
                                         ASTContext &Context) {
  for (const Stmt *S = Exprs.front(); S; S = parentStmt(*S, Context)) {
    const auto *Block = dyn_cast<CompoundStmt>(S);
    if (!Block)
      continue;
    const bool CoversAll = llvm::all_of(Exprs, [&](const Expr *E) {
      return Block->getSourceRange().fullyContains(E->getSourceRange());
    });
    if (CoversAll)
      return Block;
  }
  return nullptr;
}

void UnsynchronizedMapAccessCheck::analyzeClass(const CXXRecordDecl &Record) {
  if (!Context)
    return;
  const bool HasMutex = llvm::any_of(Record.fields(), [&](const FieldDecl *F) {
    return isMutex(F->getType());
  });
  if (!HasMutex)
    return;
  // Member functions defined in this translation unit, but constructors and
  // destructors, which run before and after any sharing.
  std::vector<const CXXMethodDecl *> Methods;
  for (const CXXMethodDecl *Method : Record.methods()) {
    const FunctionDecl *Definition = nullptr;
    if (!isa<CXXConstructorDecl, CXXDestructorDecl>(Method) &&
        Method->hasBody(Definition) && !Method->isImplicit())
      Methods.push_back(cast<CXXMethodDecl>(Definition));
  }

  // Helpers called only with a lock held start out holding it; one more
  // level of helpers each round.
  llvm::DenseMap<const CXXMethodDecl *, HeldMutexes> CalledHolding;
  llvm::DenseMap<const CXXMethodDecl *, MethodFacts> Facts;
  for (int Round = 0; Round < 4; ++Round) {
    Facts.clear();
    for (const CXXMethodDecl *Method : Methods) {
      LockState State;
      State.Manual = CalledHolding.lookup(Method->getCanonicalDecl());
      LockWalker Walker(*this, Record, *Context, Facts[Method], UsesScopedLock);
      Walker.walk(Method->getBody(), State);
    }
    llvm::DenseMap<const CXXMethodDecl *, HeldMutexes> Next;
    llvm::DenseMap<const CXXMethodDecl *, bool> Seen;
    for (const auto &[Caller, Found] : Facts)
      for (const CallSite &Call : Found.Calls) {
        const CXXMethodDecl *Callee = Call.Callee->getCanonicalDecl();
        if (Callee->getAccess() != AS_private)
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

  // Per map: the mutex held at most (weighted) accesses.
  llvm::MapVector<const FieldDecl *,
                  std::vector<std::pair<const CXXMethodDecl *, const Access *>>>
      ByMap;
  for (const CXXMethodDecl *Method : Methods)
    for (const Access &A : Facts[Method].Accesses)
      if (!A.Map->hasAttr<GuardedByAttr>() &&
          !A.Map->hasAttr<PtGuardedByAttr>())
        ByMap[A.Map].emplace_back(Method, &A);
  const SourceManager &SM = Context->getSourceManager();
  for (const auto &[Map, Accesses] : ByMap) {
    const FieldDecl *Guarding = nullptr;
    unsigned BestWeight = 0, TotalWeight = 0;
    for (const auto &Entry : Accesses)
      TotalWeight += Entry.second->Write ? 2 : 1;
    for (const FieldDecl *Mutex : Record.fields()) {
      if (!isMutex(Mutex->getType()))
        continue;
      unsigned Weight = 0;
      for (const auto &Entry : Accesses)
        if (Entry.second->Held.lookup(Mutex) != Hold::None)
          Weight += Entry.second->Write ? 2 : 1;
      if (Weight > BestWeight) {
        BestWeight = Weight;
        Guarding = Mutex;
      }
    }
    if (!Guarding || BestWeight * 100 < GuardedPercent * TotalWeight)
      continue;
    const unsigned Held = llvm::count_if(Accesses, [&](const auto &Entry) {
      return Entry.second->Held.lookup(Guarding) != Hold::None;
    });

    // Unguarded accesses, grouped by function for one lock per function.
    llvm::MapVector<const CXXMethodDecl *, std::vector<const Access *>>
        Unguarded;
    for (const auto &[Method, A] : Accesses) {
      const Hold Mode = A->Held.lookup(Guarding);
      if (Mode == Hold::None)
        Unguarded[Method].push_back(A);
      else if (Mode == Hold::Shared && A->Write)
        diag(A->Where->getBeginLoc(),
             "%0 is modified while %1 is held only for reading (shared lock)")
            << Map << Guarding;
    }
    for (const auto &[Method, Found] : Unguarded) {
      const MethodFacts &Own = Facts[Method];
      // A lock inserted here must not meet the same mutex locked again in
      // this function or in a member function it calls.
      bool MayDeadlock = Own.Locks.contains(Guarding) || Own.DeclaresLock;
      for (const CallSite &Call : Own.Calls)
        for (const auto &[Other, OtherFacts] : Facts)
          if (Other->getCanonicalDecl() == Call.Callee->getCanonicalDecl())
            MayDeadlock |= OtherFacts.Locks.contains(Guarding);
      llvm::SmallVector<const Expr *, 4> Exprs;
      for (const Access *A : Found)
        Exprs.push_back(A->Where);
      const CompoundStmt *Block = coveringBlock(Exprs, *Context);
      const bool ReadOnly =
          llvm::none_of(Found, [](const Access *A) { return A->Write; });
      const bool SharedMutex =
          isClassNamed(Guarding->getType(),
                       {"::std::shared_mutex", "::std::shared_timed_mutex"});
      // The lock names the mutex type as the member function sees it.
      const TypeSpelling MutexType = spellType(
          Guarding->getType().getUnqualifiedType(), *Method, *Context);
      std::optional<std::string> Insertion;
      if (!MayDeadlock && Block && !Block->body_empty() &&
          !Block->body_front()->getBeginLoc().isMacroID() && MutexType.Text) {
        const std::string Name = Guarding->getName().str();
        std::string Lock;
        if (ReadOnly && SharedMutex)
          Lock =
              "std::shared_lock<" + *MutexType.Text + "> lock(" + Name + ");";
        else if (UsesScopedLock)
          Lock = "std::scoped_lock lock(" + Name + ");";
        else
          Lock = "std::lock_guard<" + *MutexType.Text + "> lock(" + Name + ");";
        const std::optional<std::string> Indent =
            indentationAt(Block->body_front()->getBeginLoc(), SM);
        Insertion = Lock + (Indent ? "\n" + *Indent : std::string(" "));
      }
      for (const Access *A : Found) {
        {
          auto Diag = diag(A->Where->getBeginLoc(),
                           "%0 is %select{read|modified}1 without holding %2; "
                           "%3 of %4 accesses hold it")
                      << Map << A->Write << Guarding << Held
                      << static_cast<unsigned>(Accesses.size());
          if (Insertion && A == Found.front()) {
            Diag << FixItHint::CreateInsertion(
                Block->body_front()->getBeginLoc(), *Insertion);
            Diag << Inserter.insertion(
                SM.getFileID(Block->getBeginLoc()),
                ReadOnly && SharedMutex ? "<shared_mutex>" : "<mutex>");
          }
        }
        if (!Insertion && A == Found.front())
          diag(A->Where->getBeginLoc(),
               MayDeadlock
                   ? "no fix: %0 already locks %1 or calls a member function "
                     "that does, and a second lock could deadlock"
                   : "no fix: no block of %0 can take the lock",
               DiagnosticIDs::Note)
              << Method << Guarding;
      }
    }
  }
}

/// Whether \p S takes any lock: a lock object or a lock() call. Such code
/// synchronizes somehow; the member analysis covers mutex members.
static bool takesLock(const Stmt *S) {
  if (!S)
    return false;
  static const std::vector<std::string> LockTypes = {
      "::std::lock_guard",  "::std::unique_lock", "::std::scoped_lock",
      "::std::shared_lock", "::absl::MutexLock",  "::absl::ReaderMutexLock"};
  if (const auto *Decl = dyn_cast<DeclStmt>(S))
    for (const auto *D : Decl->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && isClassNamed(Var->getType(), LockTypes))
        return true;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
    const StringRef Method = nameOf(Call->getMethodDecl());
    if (Method == "lock" || Method == "lock_shared" || Method == "Lock")
      return true;
  }
  for (const Stmt *Child : S->children())
    if (takesLock(Child))
      return true;
  return false;
}

/// The maps \p S reads or writes that threads can share: locals that
/// \p Thread captures by reference and variables with static storage, also
/// in the functions defined in this translation unit that \p S calls (a few
/// levels deep, skipping those that take a lock; there \p Thread is null).
static void collectSharedMapUses(
    const Stmt *S, const LambdaExpr *Thread,
    const UnsynchronizedMapAccessCheck &Check, const SourceManager &SM,
    llvm::SmallPtrSetImpl<const FunctionDecl *> &Visited,
    llvm::SmallVectorImpl<const DeclRefExpr *> &Uses, unsigned Depth = 0) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Check.isMap(Var->getType()))
      if (const Reach How = reachOf(Thread, *Var);
          How == Reach::ByReference || How == Reach::Static)
        Uses.push_back(Ref);
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Definition = nullptr;
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Depth < 3 && Callee->hasBody(Definition) &&
        !SM.isInSystemHeader(Definition->getLocation()) &&
        Visited.insert(Definition).second && !takesLock(Definition->getBody()))
      collectSharedMapUses(Definition->getBody(), nullptr, Check, SM, Visited,
                           Uses, Depth + 1);
  }
  for (const Stmt *Child : S->children())
    collectSharedMapUses(Child, Thread, Check, SM, Visited, Uses, Depth);
}

/// The first join()/get()/wait() after \p After in \p Body: the point where
/// the launching function has waited for its threads.
static SourceLocation firstJoinAfter(SourceLocation After, const Stmt &Body,
                                     const SourceManager &SM) {
  SourceLocation Join;
  auto Visit = [&](const Stmt *S, auto &Self) -> void {
    if (!S)
      return;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
      const StringRef Method = nameOf(Call->getMethodDecl());
      if ((Method == "join" || Method == "get" || Method == "wait") &&
          SM.isBeforeInTranslationUnit(After, Call->getBeginLoc()) &&
          (Join.isInvalid() ||
           SM.isBeforeInTranslationUnit(Call->getBeginLoc(), Join)))
        Join = Call->getBeginLoc();
    }
    for (const Stmt *Child : S->children())
      Self(Child, Self);
  };
  Visit(&Body, Visit);
  return Join;
}

void UnsynchronizedMapAccessCheck::analyzeThreads(
    const Stmt &Body, llvm::ArrayRef<ThreadLaunch> Started) {
  const SourceManager &SM = Context->getSourceManager();
  // The unsynchronized map uses of each thread body.
  std::vector<llvm::SmallVector<const DeclRefExpr *, 4>> ThreadUses;
  for (const ThreadLaunch &Launch : Started) {
    ThreadUses.emplace_back();
    llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;
    if (!takesLock(Launch.Lambda->getBody()))
      collectSharedMapUses(Launch.Lambda->getBody(), Launch.Lambda, *this, SM,
                           Visited, ThreadUses.back());
  }
  llvm::SmallPtrSet<const VarDecl *, 4> Reported;
  for (size_t I = 0; I < Started.size(); ++I) {
    for (const DeclRefExpr *Write : ThreadUses[I]) {
      const auto *Map = cast<VarDecl>(Write->getDecl());
      if (!isModifyingUse(*Write, *Context) || Reported.contains(Map))
        continue;
      // Who else touches the map while this thread may run.
      const Stmt *Other = nullptr;
      unsigned Who = 0;
      // The instances of a thread started in a loop overlap, unless each
      // is joined before the loop goes round.
      if (const Stmt *Loop = enclosingLoop(*Started[I].Launch, Body, *Context);
          Loop && firstJoinAfter(Started[I].Launch->getEndLoc(), *Loop, SM)
                      .isInvalid()) {
        Other = Write;
      } else {
        for (size_t J = 0; J < Started.size() && !Other; ++J)
          if (J != I)
            for (const DeclRefExpr *Use : ThreadUses[J])
              if (Use->getDecl() == Map) {
                Other = Use;
                Who = 1;
                break;
              }
      }
      if (!Other && !takesLock(&Body)) {
        const SourceLocation Start = Started[I].Launch->getEndLoc();
        const SourceLocation Join = firstJoinAfter(Start, Body, SM);
        auto Visit = [&](const Stmt *S, auto &Self) -> void {
          if (!S || Other || S == Started[I].Lambda)
            return;
          if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
              Ref && Ref->getDecl() == Map &&
              SM.isBeforeInTranslationUnit(Start, Ref->getBeginLoc()) &&
              (Join.isInvalid() ||
               SM.isBeforeInTranslationUnit(Ref->getBeginLoc(), Join))) {
            Other = Ref;
            Who = 2;
            return;
          }
          for (const Stmt *Child : S->children())
            Self(Child, Self);
        };
        Visit(&Body, Visit);
      }
      if (!Other)
        continue;
      Reported.insert(Map);
      // One fix per map, on its first report.
      std::optional<ShardedMapRewrite> Fix;
      if (Planned.insert(Map).second)
        Fix = planShardedMapRewrite(*Map, *Context);
      static constexpr StringRef ShardedHeader = "<maptidy/sharded_map.hpp>";
      std::vector<FixItHint> Edits;
      if (Fix && !Fix->Reason) {
        Edits = Fix->Edits;
        if (auto Include = Inserter.insertion(SM.getFileID(Map->getLocation()),
                                              ShardedHeader))
          Edits.push_back(*Include);
      }
      const bool HeaderMissing =
          !Edits.empty() && !Inserter.canInclude(ShardedHeader);
      {
        auto Diag =
            diag(Write->getBeginLoc(),
                 "%0 is modified by a thread without synchronization while "
                 "%select{other threads running the same code|another "
                 "thread|the function that started it}1 %select{modify "
                 "it|accesses it|accesses it}1; guard it with a mutex or make "
                 "it a maptidy::sharded_map")
            << Map << Who;
        if (!HeaderMissing)
          Diag << Edits;
      }
      if (HeaderMissing)
        diag(Map->getLocation(), MissingBundledHeaderNote, DiagnosticIDs::Note)
            << ShardedHeader << Edits;
      if (Who != 0)
        diag(Other->getBeginLoc(), "concurrent access here",
             DiagnosticIDs::Note);
      else
        diag(Started[I].Launch->getBeginLoc(),
             "the thread is started in a loop", DiagnosticIDs::Note);
      if (Fix && Fix->Reason)
        diag(Fix->BlockedAt, Fix->Reason, DiagnosticIDs::Note)
            << Map << Fix->Detail;
    }
  }
}

} // namespace clang::tidy::maptidy
