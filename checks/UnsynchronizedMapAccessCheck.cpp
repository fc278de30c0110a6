//===--- UnsynchronizedMapAccessCheck.cpp - maptidy -----------------------===//

#include "UnsynchronizedMapAccessCheck.h"
#include "ContainerTypes.h"
#include "InsertionInvalidation.h"
#include "MemberPath.h"
#include "RewriteUtils.h"
#include "ShardedMapRewrite.h"
#include "ThreadHandshake.h"
#include "TypeSpelling.h"
#include "UseAnalysis.h"
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

static constexpr char DefaultMapClasses[] =
    "::std::map;::std::multimap;::std::set;::std::multiset;"
    "::std::unordered_map;::std::unordered_multimap;::std::unordered_set;"
    "::std::unordered_multiset;::absl::flat_hash_map;::absl::flat_hash_set;"
    "::absl::node_hash_map;::absl::node_hash_set;::absl::btree_map;"
    "::boost::unordered_map;::boost::unordered_flat_map;"
    "::boost::unordered_node_map";

UnsynchronizedMapAccessCheck::UnsynchronizedMapAccessCheck(
    StringRef Name, ClangTidyContext *Context)
    : SpelledSourceCheck(Name, Context),
      Vocabulary(
          parseClassList(Options.get("MutexTypes", DefaultMutexTypes)),
          parseClassList(Options.get("LockGuardTypes", DefaultLockGuardTypes))),
      MapClasses(parseClassList(Options.get("MapClasses", DefaultMapClasses))),
      Starts(parseClassList(Options.getLocalOrGlobal("ThreadLaunchers", ""))),
      GuardedPercent(Options.get("GuardedPercent", 50U)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void UnsynchronizedMapAccessCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MutexTypes", llvm::join(Vocabulary.mutexTypes(), ";"));
  Options.store(Opts, "LockGuardTypes",
                llvm::join(Vocabulary.lockGuardTypes(), ";"));
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

namespace {
/// A construction, call or OpenMP directive that starts threads on code of
/// this translation unit.
AST_POLYMORPHIC_MATCHER_P(
    startsThreadOn,
    AST_POLYMORPHIC_SUPPORTED_TYPES(CXXConstructExpr, CallExpr,
                                    OMPExecutableDirective),
    const UnsynchronizedMapAccessCheck *, Check) {
  return Check->threadEntry(Node).has_value();
}
} // namespace

void UnsynchronizedMapAccessCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      cxxRecordDecl(isDefinition(), isInUserCode()).bind("class"), this);
  // Threads started (ThreadSharing.h says which starts count).
  const auto Starting = startsThreadOn(this);
  const auto InUserCode = isInUserCode();
  Finder->addMatcher(cxxConstructExpr(Starting, InUserCode).bind("launch"),
                     this);
  Finder->addMatcher(callExpr(Starting, InUserCode).bind("launch"), this);
  Finder->addMatcher(
      ompExecutableDirective(Starting, InUserCode).bind("launch"), this);
}

void UnsynchronizedMapAccessCheck::analyze(
    const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Record = Result.Nodes.getNodeAs<CXXRecordDecl>("class")) {
    Classes.insert(Record);
    return;
  }
  const auto *Launch = Result.Nodes.getNodeAs<Stmt>("launch");
  const ThreadEntry Entry = *threadEntry(*Launch);
  (Entry.CompletionHandler ? Handlers
                           : Launches[enclosingFunctionBody(*Launch, *Context)])
      .push_back({Launch, Entry});
}

const ClassLocks &
UnsynchronizedMapAccessCheck::locksOf(const CXXRecordDecl &Record) {
  std::unique_ptr<ClassLocks> &Found = Locks[&Record];
  if (Found)
    return *Found;
  // The threads started on `this` of the class.
  std::vector<MemberThread> Members;
  for (const auto &[Body, Threads] : Launches)
    for (const Started &Thread : Threads)
      if (auto Member = memberThread(Thread);
          Member &&
          Member->first->getCanonicalDecl() == Record.getCanonicalDecl())
        Members.push_back(std::move(Member->second));
  std::vector<ThreadOnThis> OnThis;
  for (const MemberThread &Member : Members)
    OnThis.push_back({Member.Start->Launch, Member.Entries, Member.Lambda});
  Found = std::make_unique<ClassLocks>(Record, OnThis, Vocabulary, MapClasses,
                                       *Context);
  return *Found;
}

/// The words of a race finding: the map (%0) and who else touches it (%1, a
/// Concurrency).
static constexpr char RaceMessage[] =
    "%0 is %select{modified|modified|modified|read|read}1 by a thread without "
    "synchronization while %select{other threads running the same code modify "
    "it|another thread accesses it|the function that started it accesses "
    "it|another thread modifies it|the function that started it modifies "
    "it}1; guard it with a mutex or make it a maptidy::sharded_map";

/// Whether the instances of the thread \p Launch starts on \p Entry overlap:
/// started in a loop of \p Body that does not wait for each before it goes
/// round, or run by a parallel algorithm; tasks of one strand never do.
static bool instancesOverlap(const Stmt &Launch, const ThreadEntry &Entry,
                             const Stmt &Body, ASTContext &Context) {
  if (Entry.Strand)
    return false;
  if (Entry.Parallel)
    return true;
  const Stmt *Loop = enclosingLoop(Launch, Body, Context);
  return Loop && threadWaited(Launch, Entry, *Loop, Context).isInvalid();
}

/// How the finding names the start of overlapping instances.
static StringRef instancesNote(const ThreadEntry &Entry) {
  if (Entry.Region)
    return Entry.Parallel
               ? "the parallel region runs it on several threads at once"
               : "the task is created in a loop";
  return Entry.Parallel ? "the algorithm runs it on several threads at once"
                        : "the thread is started in a loop";
}

void UnsynchronizedMapAccessCheck::addCompletionHandlers() {
  // The classes that run an I/O context of their own on a thread.
  llvm::DenseMap<const DeclContext *, const FieldDecl *> Running;
  for (const auto &[Body, Threads] : Launches)
    for (const Started &Thread : Threads)
      if (const auto *Member =
              dyn_cast_or_null<FieldDecl>(ioContextRunner(Thread.Entry)))
        Running[Member->getParent()] = Member;
  // A handler written in a member function of such a class, on `this`, runs
  // on that thread; the handlers of one context never race with each other
  // here, only with the public member functions. (A local's handler is done
  // before the threads running the context are joined, which the code does
  // not show: not followed.)
  for (Started &Handler : Handlers) {
    const auto *Written = dyn_cast<CXXMethodDecl>(
        Handler.Entry.Lambda->getLambdaClass()->getDeclContext());
    const FieldDecl *Io =
        Written ? Running.lookup(Written->getParent()) : nullptr;
    if (!Io || !capturesThis(*Handler.Entry.Lambda))
      continue;
    Handler.Entry.Strand = Io;
    Launches[enclosingFunctionBody(*Handler.Launch, *Context)].push_back(
        Handler);
  }
}

void UnsynchronizedMapAccessCheck::onEndOfTranslationUnit() {
  // Classes are analyzed at the end: member functions defined out of line
  // come after the class.
  if (!Context)
    return;
  addCompletionHandlers();
  for (const CXXRecordDecl *Record : Classes)
    if (llvm::any_of(Record->fields(), [&](const FieldDecl *Field) {
          return Vocabulary.isMutexMember(Field->getType());
        }))
      reportGuards(*Record, locksOf(*Record));
  for (const auto &[Body, Threads] : Launches) {
    if (Body)
      analyzeThreads(*Body, Threads);
    // The threads started on `this`, by class.
    llvm::SmallVector<std::pair<const CXXRecordDecl *, MemberThread>, 4>
        Members;
    for (const Started &Thread : Threads)
      if (std::optional<std::pair<const CXXRecordDecl *, MemberThread>> Member =
              memberThread(Thread))
        Members.push_back(std::move(*Member));
    for (const auto &[Record, Thread] : Members) {
      const Started &Start = *Thread.Start;
      const bool Overlap =
          Body && instancesOverlap(*Start.Launch, Start.Entry, *Body, *Context);
      // Other threads of the class started here that may run with it.
      llvm::SmallVector<const MemberThread *, 2> Siblings;
      for (const auto &[OtherRecord, Other] : Members)
        if (&Other != &Thread && OtherRecord == Record && Body &&
            mayRunTogether(*Start.Launch, Start.Entry, *Other.Start->Launch,
                           Other.Start->Entry, *Body, *Context))
          Siblings.push_back(&Other);
      analyzeMemberThread(locksOf(*Record), Thread, Body,
                          Overlap ? Start.Launch : nullptr,
                          instancesNote(Start.Entry), Siblings);
    }
  }
  if (projectRewriteCollector())
    reportMemberUses();
  Classes.clear();
  ConstructorLambdaFacts.clear();
  Launches.clear();
  Locks.clear();
  Analyzed.clear();
  ReportedMembers.clear();
  Planned.clear();
}

/// The innermost block around the first of \p Exprs that contains them all
/// and can start with a declaration: not a switch's body, whose case labels
/// a jump would take past it.
static const CompoundStmt *coveringBlock(llvm::ArrayRef<const Expr *> Exprs,
                                         ASTContext &Context) {
  for (const Stmt *S = Exprs.front(); S; S = parentStmt(*S, Context)) {
    const auto *Block = dyn_cast<CompoundStmt>(S);
    if (!Block || isa_and_nonnull<SwitchStmt>(parentStmt(*Block, Context)))
      continue;
    const bool CoversAll = llvm::all_of(Exprs, [&](const Expr *E) {
      return Block->getSourceRange().fullyContains(E->getSourceRange());
    });
    if (CoversAll)
      return Block;
  }
  return nullptr;
}

void UnsynchronizedMapAccessCheck::reportGuards(const CXXRecordDecl &Record,
                                                const ClassLocks &Locks) {
  UsesScopedLock |= Locks.usesScopedLock();
  ProjectRewriteCollector *Collector = projectRewriteCollector();
  if (!Collector ||
      Context->getSourceManager().isInMainFile(Record.getLocation())) {
    for (const MapGuardReport &Report : Locks.guardReports(GuardedPercent))
      reportGuard(Report, heldCountClause(Report.Held, Report.Total), nullptr);
    return;
  }
  // Other units may define member functions of the class: the driver votes
  // the guards over the records of all of them, and keeps the findings of
  // the guard it picks for each map.
  if (Locks.records().empty())
    return;
  ProjectGuardPart Part;
  Part.Check = getID().str();
  Part.Key = projectKey(Record);
  Part.GuardedPercent = GuardedPercent;
  Part.Methods = Locks.records();
  for (const FieldDecl *Mutex : Locks.mutexes())
    Part.Mutexes.push_back(Mutex->getNameAsString());
  llvm::SetVector<StringRef> Maps;
  for (const MethodRecord &Method : Part.Methods)
    for (const AccessRecord &A : Method.Accesses)
      Maps.insert(A.Map);
  for (StringRef Map : Maps)
    for (const FieldDecl *Mutex : Locks.mutexes())
      reportGuard(Locks.judge(Map, *Mutex), "", &Part);
  Collector->add(std::move(Part));
}

void UnsynchronizedMapAccessCheck::reportGuard(const MapGuardReport &Report,
                                               StringRef HeldCount,
                                               ProjectGuardPart *Part) {
  const SourceManager &SM = Context->getSourceManager();
  const FieldDecl *Guarding = Report.Guard;
  const std::string MapName = "'" + Report.Path + "'",
                    GuardName = quotedName(*Guarding);
  // A finding; under a guard the driver's vote decides on, conditional.
  auto Finding = [&](const MapAccess &A, const CXXMethodDecl *Method,
                     std::string Message, bool Unguarded) {
    if (Part)
      Part->Findings.push_back(
          {Report.Path, Guarding->getNameAsString(),
           Method ? projectKey(*Method->getCanonicalDecl()) : "",
           tooling::DiagnosticMessage(Message, SM,
                                      SM.getFileLoc(A.Where->getBeginLoc())),
           Unguarded});
    return diag(A.Where->getBeginLoc(), "%0")
           << (Unguarded ? Message + HeldCount.str() : Message);
  };
  for (const MapAccess *A : Report.WritesUnderSharedLock)
    Finding(*A, nullptr,
            MapName + " is modified while " + GuardName +
                " is held only for reading (shared lock)",
            /*Unguarded=*/false);
  for (const UnguardedAccesses &Found : Report.Unguarded) {
    const CXXMethodDecl *Method = Found.Method;
    llvm::SmallVector<const Expr *, 4> Exprs;
    for (const MapAccess *A : Found.Accesses)
      Exprs.push_back(A->Where);
    const CompoundStmt *Block = coveringBlock(Exprs, *Context);
    const bool ReadOnly = llvm::none_of(
        Found.Accesses, [](const MapAccess *A) { return A->Write; });
    std::optional<std::string> NoFix =
        whyNoLock(Found, *Guarding, MapName, GuardName);
    const std::vector<FixItHint> Lock =
        NoFix ? std::vector<FixItHint>()
              : lockAtStart(Block, Guarding->getType(), Guarding->getName(),
                            ReadOnly, *Method);
    if (Lock.empty() && !NoFix)
      NoFix = "no fix: no block of '" + Method->getNameAsString() +
              "' can take the lock";
    for (const MapAccess *A : Found.Accesses) {
      const bool First = A == Found.Accesses.front();
      {
        auto Diag =
            Finding(*A, Method,
                    MapName + " is " + (A->Write ? "modified" : "read") +
                        " without holding " + GuardName,
                    /*Unguarded=*/true);
        if (First)
          Diag << Lock;
      }
      if (NoFix && First)
        diag(A->Where->getBeginLoc(), "%0", DiagnosticIDs::Note) << *NoFix;
    }
  }
}

std::optional<std::string> UnsynchronizedMapAccessCheck::whyNoLock(
    const UnguardedAccesses &Found, const FieldDecl &Guard, StringRef MapName,
    StringRef GuardName) {
  const std::string Method = "'" + Found.Method->getNameAsString() + "'";
  if (isPointerLike(Guard.getType()))
    return "no fix: " + GuardName.str() +
           " is reached through a pointer, which may be null where the lock "
           "would go";
  // A project's mutex may lock through Lock() only, which std::lock_guard
  // cannot call.
  if (!Vocabulary.isLockableByStd(Guard.getType()))
    return "no fix: " + GuardName.str() +
           " has no lock() and unlock() for std::lock_guard";
  if (Found.MayDeadlock)
    return mayDeadlockNote(Method, Guard.getName());
  if (Found.Method->isConst() && !Guard.isMutable() &&
      !Guard.getType()->isReferenceType())
    return "no fix: " + Method + " is const and " + GuardName.str() +
           " is not mutable, so it cannot be locked there";
  const bool Escapes = llvm::any_of(Found.Accesses, [&](const MapAccess *A) {
    return isReturnedAsReference(*A->Where, *Context);
  });
  if (Escapes)
    return "no fix: " + Method + " returns a reference, pointer or iterator " +
           "into " + MapName.str() +
           ", which its callers use after a lock taken there is released";
  return std::nullopt;
}

std::vector<FixItHint> UnsynchronizedMapAccessCheck::lockAtStart(
    const CompoundStmt *Block, QualType Mutex, StringRef Spelled, bool ReadOnly,
    const DeclContext &At) {
  // The lock names the mutex type as the code there sees it; a mutex held
  // by reference is locked as the mutex itself.
  Mutex = Mutex.getNonReferenceType();
  const TypeSpelling MutexType =
      spellType(Mutex.getUnqualifiedType(), At, *Context);
  const auto *Function = dyn_cast<FunctionDecl>(&At);
  // A name the code uses would clash with the lock or be hidden by it.
  const std::optional<StringRef> Name =
      Function ? unusedName({"lock", "guard", "map_lock"}, *Function, *Context)
               : std::nullopt;
  if (!Block || Block->body_empty() ||
      Block->body_front()->getBeginLoc().isMacroID() || !MutexType.Text ||
      !Name)
    return {};
  const bool Shared =
      ReadOnly &&
      isClassNamed(Mutex, {"::std::shared_mutex", "::std::shared_timed_mutex"});
  std::string Lock = Shared ? "std::shared_lock<" + *MutexType.Text + ">"
                     : UsesScopedLock
                         ? "std::scoped_lock"
                         : "std::lock_guard<" + *MutexType.Text + ">";
  Lock += " " + Name->str() + "(" + Spelled.str() + ");";
  const SourceManager &SM = Context->getSourceManager();
  const SourceLocation Start = Block->body_front()->getBeginLoc();
  const std::optional<std::string> Indent = indentationAt(Start, SM);
  std::vector<FixItHint> Edits = {FixItHint::CreateInsertion(
      Start, Lock + (Indent ? "\n" + *Indent : std::string(" ")))};
  if (std::optional<FixItHint> Include =
          Inserter.insertion(SM.getFileID(Block->getBeginLoc()),
                             Shared ? "<shared_mutex>" : "<mutex>"))
    Edits.push_back(std::move(*Include));
  return Edits;
}

/// The first use of the map \p Thread uses (\p Map, what it points to
/// with \p Pointer, or the map at the end of its path) in \p Body after
/// \p Start while the thread may run at the same time as that use (after
/// the start, before the thread is waited for, narrowed by handshakes),
/// outside \p ThreadLambdas (the code of this and the other threads, judged
/// as threads); with \p WritesOnly, the first such use that modifies it.
static const Expr *
launcherUse(const SharedUse &Thread, bool Pointer,
            llvm::function_ref<bool(QualType)> IsMap, const Stmt &Body,
            const Stmt &Start, const ThreadEntry &Entry,
            const llvm::SmallPtrSetImpl<const Stmt *> &ThreadLambdas,
            bool WritesOnly, const LockVocabulary &Vocabulary,
            ASTContext &Context) {
  const VarDecl &Map = *Thread.Object;
  const SourceManager &SM = Context.getSourceManager();
  const CodeStretch Running = narrowByHandshakes(
      {Start.getEndLoc(), threadWaited(Start, Entry, Body, Context)},
      *Thread.Where, *Entry.body(), Start, Context);
  auto WhileRunning = [&](const Stmt &S) {
    return SM.isBeforeInTranslationUnit(Running.From, S.getBeginLoc()) &&
           (Running.Until.isInvalid() ||
            SM.isBeforeInTranslationUnit(S.getBeginLoc(), Running.Until));
  };
  const Expr *Found = nullptr;
  walkDescendants(&Body, [&](const Stmt &S) {
    if (ThreadLambdas.contains(&S) || isUnevaluatedContext(S))
      return Walk::SkipChildren;
    // A function it calls that uses a global map, as a thread's would.
    if (const auto *Call = dyn_cast<CallExpr>(&S);
        Call && WhileRunning(S) && Thread.Path.empty())
      if ((Found =
               staticUseInCall(*Call, Map, WritesOnly, Vocabulary, Context)))
        return Walk::Stop;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S);
        Ref && Ref->getDecl() == &Map && WhileRunning(S)) {
      const Expr *Use = nullptr;
      if (Thread.Path.empty()) {
        Use = &objectUse(*Ref, Context);
        if (Pointer && Use == Ref)
          Use = nullptr;
      } else if (const std::optional<MemberPath> Path =
                     mapPathFrom(*Ref, IsMap, Context);
                 Path && Path->Fields == Thread.Path) {
        Use = Path->Use;
      }
      if (Use && (!WritesOnly || isModifyingUse(*Use, Context))) {
        Found = Use;
        return Walk::Stop;
      }
    }
    return Walk::Continue;
  });
  return Found;
}

void UnsynchronizedMapAccessCheck::analyzeThreads(
    const Stmt &Body, llvm::ArrayRef<Started> Threads) {
  const SourceManager &SM = Context->getSourceManager();
  // The unsynchronized map uses of each thread.
  std::vector<llvm::SmallVector<SharedUse, 4>> ThreadUses;
  for (const Started &Thread : Threads) {
    ThreadUses.emplace_back();
    collectSharedUses(
        Thread.Entry, [&](QualType Type) { return isMap(Type); }, Vocabulary,
        *Context, ThreadUses.back());
  }
  const bool LauncherLocks = Vocabulary.takesLock(&Body);
  llvm::SmallPtrSet<const Stmt *, 4> ThreadLambdas;
  for (const Started &Thread : Threads)
    if (const Stmt *InPlace = Thread.Entry.inPlace())
      ThreadLambdas.insert(InPlace);
  llvm::SmallVector<const SharedUse *, 4> Reported;
  for (size_t I = 0; I < Threads.size(); ++I) {
    const Started &Thread = Threads[I];
    for (const SharedUse &Use : ThreadUses[I]) {
      const VarDecl *Map = Use.Object;
      // A use under a lock is reported from the side that takes none.
      if (Use.Locked || llvm::any_of(Reported, [&](const SharedUse *Done) {
            return Done->sameMap(Use);
          }))
        continue;
      const bool Writes = isModifyingUse(*Use.Where, *Context);
      // Who else touches the map while this thread may run.
      const Stmt *Other = nullptr;
      Concurrency Who = Concurrency::SameCodeWrites;
      // The instances of a thread started in a loop overlap, unless each
      // is joined before the loop goes round, they share a strand, or each
      // round declares its own object (`for (auto &shard : shards)`); a
      // parallel algorithm runs its instances together.
      const Stmt *Loop = enclosingLoop(*Thread.Launch, Body, *Context);
      const bool EachRoundOwn =
          Loop && !Map->hasGlobalStorage() &&
          Loop->getSourceRange().fullyContains(Map->getSourceRange());
      if (Writes && !EachRoundOwn &&
          instancesOverlap(*Thread.Launch, Thread.Entry, Body, *Context)) {
        Other = Thread.Launch;
      } else {
        // Another thread, locked or not: any use races with a write, a
        // write with a read.
        for (size_t J = 0; J < Threads.size() && !Other; ++J)
          if (J != I &&
              mayRunTogether(*Thread.Launch, Thread.Entry, *Threads[J].Launch,
                             Threads[J].Entry, Body, *Context))
            for (const SharedUse &Their : ThreadUses[J])
              if (Their.sameMap(Use) &&
                  (Writes || isModifyingUse(*Their.Where, *Context))) {
                // Two threads running the same code: point at the other.
                Other =
                    Their.Where == Use.Where ? Threads[J].Launch : Their.Where;
                Who = Their.Where == Use.Where ? Concurrency::SameCodeWrites
                      : Writes ? Concurrency::OtherThreadAccesses
                               : Concurrency::OtherThreadWrites;
                break;
              }
      }
      if (!Other && !LauncherLocks) {
        Other = launcherUse(
            Use, !isMap(Map->getType()),
            [&](QualType Type) { return isMap(Type); }, Body, *Thread.Launch,
            Thread.Entry, ThreadLambdas, !Writes, Vocabulary, *Context);
        Who = Writes ? Concurrency::LauncherAccesses
                     : Concurrency::LauncherWrites;
      }
      if (!Other)
        continue;
      Reported.push_back(&Use);
      const bool LockedElsewhere =
          llvm::any_of(ThreadUses, [&](const auto &Uses) {
            return llvm::any_of(Uses, [&](const SharedUse &Their) {
              return Their.Locked && Their.sameMap(Use);
            });
          });
      reportSharedLocal(Use, LockedElsewhere, Who, *Other,
                        Other == Thread.Launch ? instancesNote(Thread.Entry)
                        : Who == Concurrency::SameCodeWrites
                            ? "another thread running it is started here"
                            : "concurrent access here");
    }
  }
}

/// The sharded_map rewrite does not follow a map through a shared_ptr: the
/// make_shared call, the pointer's declared type and the uses through `->`
/// and `*` would all have to change together.
static RewriteBlocker pointerBlocksRewrite(const DeclaratorDecl &Pointer) {
  return {Pointer.getLocation(),
          quotedName(Pointer) +
              " reaches the map through a std::shared_ptr; the rewrite to "
              "maptidy::sharded_map changes maps declared as such only"};
}

/// The object of class \p Holder on the way from the root of \p Use to its
/// map, as the use writes it: `st` in `st->headers`.
static const Expr *holderObject(const SharedUse &Use,
                                const CXXRecordDecl &Holder) {
  auto PointerOf = [](const Expr *E) {
    while (const Expr *Pointer = dereferencedOperand(*E))
      E = Pointer;
    return E;
  };
  const Expr *E = PointerOf(Use.Where);
  while (const auto *Member = dyn_cast<MemberExpr>(E)) {
    E = PointerOf(strip(Member->getBase()));
    const CXXRecordDecl *Record = pointeeRecord(E->getType());
    if (Record && Record->getCanonicalDecl() == Holder.getCanonicalDecl())
      return E;
  }
  return nullptr;
}

/// Whether code in \p Block, or a function it calls (three levels deep),
/// may take a lock: one that locks, or one not defined here.
static bool mayLockIn(const Stmt &Block, const LockVocabulary &Vocabulary,
                      const SourceManager &SM, unsigned Depth = 0) {
  if (Vocabulary.takesLock(&Block))
    return true;
  return walkDescendants(&Block, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return Walk::Continue;
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = nullptr;
    if (Callee && SM.isInSystemHeader(Callee->getLocation()))
      return Walk::Continue;
    if (!Callee || !Callee->hasBody(Definition) || Depth == 3 ||
        mayLockIn(*Definition->getBody(), Vocabulary, SM, Depth + 1))
      return Walk::Stop;
    return Walk::Continue;
  });
}

std::vector<FixItHint>
UnsynchronizedMapAccessCheck::lockHolder(const SharedUse &Use,
                                         const CXXRecordDecl &Holder) {
  const FieldDecl *Mutex = nullptr;
  for (const FieldDecl *Field : Holder.fields())
    if (Vocabulary.isMutex(Field->getType())) {
      if (Mutex)
        return {};
      Mutex = Field;
    }
  const Expr *Object = holderObject(Use, Holder);
  const std::optional<std::string> Text =
      Object ? textOf(*Object, *Context) : std::nullopt;
  const CompoundStmt *Block = coveringBlock({Use.Where}, *Context);
  if (!Vocabulary.isLockableByStd(Mutex->getType()) || !Text || !Block ||
      mayLockIn(*Block, Vocabulary, Context->getSourceManager()))
    return {};
  const std::string Spelled = *Text +
                              (isPointerLike(Object->getType()) ? "->" : ".") +
                              Mutex->getNameAsString();
  return lockAtStart(Block, Mutex->getType(), Spelled,
                     !isModifyingUse(*Use.Where, *Context),
                     *enclosingDeclContext(*Use.Where, *Context));
}

void UnsynchronizedMapAccessCheck::reportSharedLocal(const SharedUse &Use,
                                                     bool LockedElsewhere,
                                                     Concurrency Who,
                                                     const Stmt &Other,
                                                     StringRef OtherNote) {
  const VarDecl &Root = *Use.Object;
  const Expr &Where = *Use.Where;
  // A map inside a struct: the rewrite changes the member's declaration.
  const DeclaratorDecl &Map = Use.Path.empty()
                                  ? static_cast<const DeclaratorDecl &>(Root)
                                  : *Use.Path.back();
  llvm::SmallVector<QualType, 2> Holders;
  if (!Use.Path.empty()) {
    Holders.push_back(Root.getType());
    for (const FieldDecl *Hop : ArrayRef(Use.Path).drop_back())
      Holders.push_back(Hop->getType());
  }
  // In a struct that holds a mutex, each access takes it as the others do;
  // else the map becomes a sharded_map.
  ShardedFix Fix;
  if (const CXXRecordDecl *Holder = mutexHolder(Holders, Vocabulary)) {
    if (LockedElsewhere)
      Fix.Edits = lockHolder(Use, *Holder);
    if (Fix.Edits.empty())
      Fix.Blocker = {Where.getBeginLoc(),
                     "'" + Holder->getNameAsString() +
                         "' holds a mutex; hold it around this access"};
  } else {
    Fix = planShardedFix(Map);
  }
  const std::string Name =
      Use.Path.empty()
          ? quotedName(Root)
          : "'" + spellPath(Root.getType(), Use.Path, Root.getName()) + "'";
  {
    auto Diag = diag(Where.getBeginLoc(), RaceMessage)
                << Name << static_cast<unsigned>(Who);
    if (!Fix.HeaderMissing && !Fix.ProjectWide)
      Diag << Fix.Edits;
  }
  noteShardedFix(Map, Fix, Where.getBeginLoc(), Other, OtherNote);
}

static constexpr StringRef ShardedHeader = "<maptidy/sharded_map.hpp>";

UnsynchronizedMapAccessCheck::ShardedFix
UnsynchronizedMapAccessCheck::planShardedFix(const DeclaratorDecl &Map) {
  ShardedFix Fix;
  // One fix per map, on its first report.
  if (!Planned.insert(&Map).second)
    return Fix;
  Fix.ProjectWide =
      projectRewriteCollector() &&
      scopeOf(Map, Context->getSourceManager()) == DeclarationScope::Project;
  if (!isMap(Map.getType())) {
    Fix.Blocker = pointerBlocksRewrite(Map);
    return Fix;
  }
  const DeclarationScope Reach = Fix.ProjectWide
                                     ? DeclarationScope::Project
                                     : DeclarationScope::TranslationUnit;
  DeclarationRewritePlan Plan = planShardedMapRewrite(Map, *Context, Reach);
  Fix.BeyondReach = Plan.Scope > Reach;
  if (Fix.ProjectWide)
    requireShardedHeader(Map, Plan);
  else
    Fix.HeaderMissing = !includeShardedHeader(Map, Plan);
  Fix.Blocker = std::move(Plan.Blocker);
  if (!Fix.Blocker)
    Fix.Edits = std::move(Plan.Edits);
  return Fix;
}

bool UnsynchronizedMapAccessCheck::includeShardedHeader(
    const DeclaratorDecl &Map, DeclarationRewritePlan &Plan) {
  if (Plan.Blocker)
    return true;
  if (auto Include = Inserter.insertion(
          Context->getSourceManager().getFileID(Map.getLocation()),
          ShardedHeader))
    Plan.Edits.push_back(*Include);
  return Inserter.canInclude(ShardedHeader);
}

void UnsynchronizedMapAccessCheck::requireShardedHeader(
    const DeclaratorDecl &Map, DeclarationRewritePlan &Plan) {
  if (!includeShardedHeader(Map, Plan))
    Plan.Blocker = {Map.getLocation(),
                    missingBundledHeaderReason(ShardedHeader)};
}

void UnsynchronizedMapAccessCheck::noteShardedFix(const DeclaratorDecl &Map,
                                                  const ShardedFix &Fix,
                                                  SourceLocation Finding,
                                                  const Stmt &Other,
                                                  StringRef OtherNote) {
  if (Fix.ProjectWide) {
    // The driver gives the finding the fix or says what blocks it.
    deferProjectRewrite(getID(), Map, Finding, Fix.Edits, Fix.Blocker);
    diag(Other.getBeginLoc(), OtherNote, DiagnosticIDs::Note);
    return;
  }
  if (Fix.HeaderMissing)
    diag(Map.getLocation(), MissingBundledHeaderNote, DiagnosticIDs::Note)
        << ShardedHeader << Fix.Edits;
  diag(Other.getBeginLoc(), OtherNote, DiagnosticIDs::Note);
  // Beyond reach, the blocker says how to get the fix.
  if (Fix.Blocker)
    diag(Fix.Blocker->Where, Fix.BeyondReach ? "%0" : "no fix: %0",
         DiagnosticIDs::Note)
        << Fix.Blocker->Reason;
}

void UnsynchronizedMapAccessCheck::reportMemberUses() {
  std::vector<const DeclaratorDecl *> Members;
  for (const CXXRecordDecl *Record : Classes) {
    // Assigning objects of the class blocks the rewrite, whether or not
    // this unit names the member.
    const bool Assigned = llvm::any_of(Record->methods(), [](const auto *M) {
      return M->isImplicit() && M->isUsed() &&
             (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator());
    });
    for (const FieldDecl *Field : Record->fields()) {
      if (!isMap(Field->getType()))
        continue;
      Members.push_back(Field);
      if (Assigned && !Planned.contains(Field))
        if (DeclarationRewritePlan Plan = planShardedMapRewrite(
                *Field, {}, *Context, DeclarationScope::Project);
            Plan.Blocker)
          deferProjectRewrite(getID(), *Field, {}, {}, Plan.Blocker);
    }
  }
  reportProjectRewriteUses(
      getID(), *Context, Members,
      [&](const DeclaratorDecl &Map, ArrayRef<const Expr *> Uses) {
        DeclarationRewritePlan Plan = planShardedMapRewrite(
            Map, Uses, *Context, DeclarationScope::Project);
        requireShardedHeader(Map, Plan);
        return Plan;
      });
}

/// Whether \p Method joins a thread (or waits for a task) somewhere: its
/// accesses may all come after the other thread ended.
static bool joinsThread(const CXXMethodDecl &Method, const SourceManager &SM) {
  return firstJoinAfter(Method.getBeginLoc(), *Method.getBody(), SM).isValid();
}

std::optional<std::pair<const CXXRecordDecl *,
                        UnsynchronizedMapAccessCheck::MemberThread>>
UnsynchronizedMapAccessCheck::memberThread(const Started &Thread) {
  MemberThread Member{&Thread, Thread.Entry.membersOfThis(),
                      Thread.Entry.Lambda};
  const auto *Launcher =
      Member.Lambda && capturesThis(*Member.Lambda)
          ? dyn_cast<CXXMethodDecl>(
                Member.Lambda->getLambdaClass()->getDeclContext())
          : nullptr;
  // Written in a member function of the class, not in another lambda.
  if (Launcher && Launcher->getParent()->isLambda())
    Launcher = nullptr;
  if (!Launcher)
    Member.Lambda = nullptr;
  const CXXRecordDecl *Record = Launcher ? Launcher->getParent()
                                : Member.Entries.empty()
                                    ? nullptr
                                    : Member.Entries.front()->getParent();
  if (!Record)
    return std::nullopt;
  return std::make_pair(Record, std::move(Member));
}

UnsynchronizedMapAccessCheck::MemberThreadCode
UnsynchronizedMapAccessCheck::memberThreadCode(const ClassLocks &Locks,
                                               const MemberThread &Thread,
                                               const Stmt *Launching,
                                               AccessesByPath *Callers,
                                               llvm::StringSet<> &Locked) {
  MemberThreadCode Code;
  // The member functions the thread runs: the entries and what they call on
  // `this`, three levels deep; and the lambda's own accesses.
  llvm::SmallPtrSet<const CXXMethodDecl *, 8> OnThread;
  llvm::SmallVector<std::pair<const CXXMethodDecl *, unsigned>, 8> Work;
  for (const CXXMethodDecl *Entry : Thread.Entries)
    Work.push_back({Entry->getCanonicalDecl(), 0});
  const LambdaExpr *Lambda = Thread.Lambda;
  const bool LambdaLocks = Lambda && Vocabulary.takesLock(Lambda->getBody());
  if (Lambda)
    Code.Channels.add(*Lambda->getBody());
  while (!Work.empty()) {
    const auto [Method, Depth] = Work.pop_back_val();
    if (!OnThread.insert(Method).second || Depth > 3)
      continue;
    for (const CXXMethodDecl *Defined : Locks.methods())
      if (Defined->getCanonicalDecl() == Method)
        for (const MemberCall &Call : Locks.facts(Defined).Calls)
          Work.push_back({Call.Callee->getCanonicalDecl(), Depth + 1});
  }
  // Code that takes any lock, joins, or starts the thread is left alone; so
  // are maps whose accesses hold a mutex somewhere (the guard inference
  // judges those).
  auto Sort = [&](const MapAccess &A, bool TakesLock, AccessesByPath &Side) {
    if (!A.Held.empty() || TakesLock)
      Locked.insert(A.Path);
    else if (!A.Map->hasAttr<GuardedByAttr>() &&
             !A.Map->hasAttr<PtGuardedByAttr>())
      Side[A.Path].push_back(&A);
  };
  const SourceManager &SM = Context->getSourceManager();
  for (const CXXMethodDecl *Method : Locks.methods()) {
    const MethodFacts &Facts = Locks.facts(Method);
    const bool OnIt = OnThread.contains(Method->getCanonicalDecl());
    if (OnIt)
      Code.Channels.add(*Method->getBody());
    // The function that starts the thread prepares the map for it.
    const bool Caller = Callers && !OnIt && Method->getAccess() == AS_public &&
                        !Method->isStatic() && Method->getBody() != Launching &&
                        !joinsThread(*Method, SM);
    for (const MapAccess &A : Facts.Accesses) {
      const bool InLambda =
          Lambda && Lambda->getBody()->getSourceRange().fullyContains(
                        A.Where->getSourceRange());
      if (OnIt || InLambda)
        Sort(A, InLambda ? LambdaLocks : Facts.TakesLock, Code.Unlocked);
      else if (Caller)
        Sort(A, Facts.TakesLock, *Callers);
      else if (!A.Held.empty() || Facts.TakesLock)
        Locked.insert(A.Path);
    }
  }
  // A lambda written in a constructor is not in the member functions.
  const bool InConstructor =
      Lambda && isa<CXXConstructorDecl, CXXDestructorDecl>(
                    Lambda->getLambdaClass()->getDeclContext());
  if (!InConstructor)
    return Code;
  auto &Facts = ConstructorLambdaFacts[Lambda];
  if (!Facts)
    Facts = std::make_unique<MethodFacts>(
        codeFacts(*Lambda->getBody(), Locks, Vocabulary, MapClasses, *Context));
  for (const MapAccess &A : Facts->Accesses)
    Sort(A, LambdaLocks, Code.Unlocked);
  return Code;
}

void UnsynchronizedMapAccessCheck::analyzeMemberThread(
    const ClassLocks &Locks, const MemberThread &Thread, const Stmt *Launching,
    const Stmt *Instances, StringRef InstancesNote,
    llvm::ArrayRef<const MemberThread *> Siblings) {
  const void *Key = Thread.Lambda
                        ? static_cast<const void *>(Thread.Lambda)
                        : static_cast<const void *>(Thread.Entries.front());
  if (Siblings.empty() && !Analyzed.insert({Key, Instances != nullptr}).second)
    return;
  // Unlocked accesses, on the thread, on the other threads started with it,
  // and from the public member functions that other threads call.
  AccessesByPath Callers;
  llvm::StringSet<> Locked;
  const MemberThreadCode Code =
      memberThreadCode(Locks, Thread, Launching, &Callers, Locked);
  std::vector<AccessesByPath> SiblingAccesses;
  for (const MemberThread *Sibling : Siblings) {
    MemberThreadCode Theirs =
        memberThreadCode(Locks, *Sibling, Launching, nullptr, Locked);
    // What the two do may be ordered by a signal one waits for.
    SiblingAccesses.push_back(Code.Channels.handshakesWith(Theirs.Channels)
                                  ? AccessesByPath()
                                  : std::move(Theirs.Unlocked));
  }
  const CXXRecordDecl *Record = &Locks.record();
  for (const auto &[Path, Mine] : Code.Unlocked) {
    if (Locked.contains(Path) || ReportedMembers.count({Record, Path.str()}))
      continue;
    // A write on the thread races with the other instances of the thread,
    // and with any access of another thread started with it or of a caller;
    // a read with their writes.
    const MapAccess *Here = nullptr;
    const Stmt *There = Instances;
    Concurrency Who = Concurrency::SameCodeWrites;
    StringRef ThereNote = InstancesNote;
    if (Instances)
      if (const auto Write =
              llvm::find_if(Mine, [](const MapAccess *A) { return A->Write; });
          Write != Mine.end())
        Here = *Write;
    // Picks Here (a write if it can) and returns the access of \p Theirs it
    // races with.
    auto RacingWith = [&](llvm::ArrayRef<const MapAccess *> Theirs) {
      const MapAccess *Them = nullptr;
      for (const MapAccess *A : Mine)
        for (const MapAccess *B : Theirs)
          if ((A->Write || B->Write) && (!Them || (A->Write && !Here->Write))) {
            Here = A;
            Them = B;
          }
      return Them;
    };
    for (size_t I = 0; I < Siblings.size() && !Here; ++I)
      if (const MapAccess *Them = RacingWith(SiblingAccesses[I].lookup(Path))) {
        // A member function both threads run: point at the other start.
        const bool SameCode = Them == Here;
        There = SameCode ? Siblings[I]->Start->Launch : Them->Where;
        Who = SameCode      ? Concurrency::SameCodeWrites
              : Here->Write ? Concurrency::OtherThreadAccesses
                            : Concurrency::OtherThreadWrites;
        ThereNote = SameCode ? "another thread running it is started here"
                             : "concurrent access here";
      }
    if (!Here)
      if (const MapAccess *Caller = RacingWith(Callers.lookup(Path))) {
        There = Caller->Where;
        Who = Here->Write ? Concurrency::OtherThreadAccesses
                          : Concurrency::OtherThreadWrites;
        ThereNote = "concurrent access here";
      }
    if (!Here)
      continue;
    ReportedMembers.insert({Record, Path.str()});
    const FieldDecl *Map = Here->Map;
    const ShardedFix Fix = planShardedFix(*Map);
    {
      auto Diag = diag(Here->Where->getBeginLoc(), RaceMessage)
                  << ("'" + Path + "'").str() << static_cast<unsigned>(Who);
      if (!Fix.HeaderMissing && !Fix.ProjectWide)
        Diag << Fix.Edits;
    }
    noteShardedFix(*Map, Fix, Here->Where->getBeginLoc(), *There, ThereNote);
  }
}

} // namespace clang::tidy::maptidy
