//===--- ThreadSharing.cpp - maptidy --------------------------------------===//

#include "ThreadSharing.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "TaskQueues.h"
#include "UseAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/OpenMPKinds.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::maptidy {

bool isThreadClass(const CXXRecordDecl *Record) {
  return isStdNamed(Record, {"thread", "jthread"}) ||
         isBoostNamed(Record, {"thread"});
}

/// `threads.emplace_back(...)` on a std::vector of threads, which constructs
/// the thread in place.
static bool emplacesThread(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const auto *Vector =
      Method ? dyn_cast<ClassTemplateSpecializationDecl>(Method->getParent())
             : nullptr;
  return nameOf(Method) == "emplace_back" && isStdNamed(Vector, {"vector"}) &&
         isThreadClass(
             Vector->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl());
}

/// Whether \p Arg is std::launch::deferred alone: the task runs in get().
static bool isDeferredPolicy(const Expr *Arg) {
  const auto *Policy = dyn_cast<DeclRefExpr>(strip(Arg));
  return Policy && isa<EnumConstantDecl>(Policy->getDecl()) &&
         nameOf(Policy->getDecl()) == "deferred";
}

/// Whether \p Arg is a std::launch policy.
static bool isLaunchPolicy(const Expr *Arg) {
  return isStdNamed(strip(Arg)->getType()->getAsTagDecl(), {"launch"});
}

/// The value \p Arg hands over: the expression without the conversions
/// around it (to a std::function too); for a local variable, its
/// initializer, read the same way.
static const Expr *handedValue(const Expr *Arg, bool ThroughLocal = true) {
  const Expr *Value = Arg->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
      Construct && Construct->getNumArgs() == 1)
    Value = Construct->getArg(0)->IgnoreImplicit();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(Value));
      Ref && ThroughLocal)
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDecl() && Var->getInit())
      return handedValue(Var->getInit(), false);
  return strip(Value);
}

/// The lambda \p Arg is: written in place (also converted to a
/// std::function), or a local variable initialized with one.
static const LambdaExpr *lambdaOf(const Expr *Arg) {
  return dyn_cast<LambdaExpr>(handedValue(Arg));
}

/// The call of std::bind or boost::bind that \p Arg is, in place or in a
/// local variable (`std::bind(&C::reclaim, this, _1)`).
static const CallExpr *bindOf(const Expr *Arg) {
  const auto *Call = dyn_cast<CallExpr>(handedValue(Arg));
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Call->getNumArgs() != 0 &&
                 (isStdNamed(Callee, {"bind"}) ||
                  isBoostNamed(Callee, {"bind"}))
             ? Call
             : nullptr;
}

/// Whether \p Arg is code a thread can run where it is handed over: a lambda
/// or a bound function.
static bool isTask(const Expr *Arg) { return lambdaOf(Arg) || bindOf(Arg); }

/// The defined function that \p Callable names: a function, `&C::method`, or
/// an object whose class has a (non-template) operator().
static const FunctionDecl *functionOf(const Expr *Callable) {
  const Expr *E = strip(Callable);
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    E = strip(AddressOf->getSubExpr());
  const FunctionDecl *Function = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    Function = dyn_cast<FunctionDecl>(Ref->getDecl());
  // std::function and its kin forward to code not known here.
  if (!Function)
    if (const CXXRecordDecl *Class =
            E->getType().getNonReferenceType()->getAsCXXRecordDecl();
        Class && Class->hasDefinition() && !Class->isLambda() &&
        !Class->isInStdNamespace())
      for (const CXXMethodDecl *Method : Class->getDefinition()->methods())
        if (Method->getOverloadedOperator() == OO_Call)
          Function = Method;
  const FunctionDecl *Definition = nullptr;
  return Function && Function->hasBody(Definition) ? Definition : nullptr;
}

/// Whether \p Decl is declared in Asio's namespace, Boost's or the
/// standalone one (or one nested in it).
static bool isInAsio(const Decl *Decl) {
  for (const DeclContext *Context = Decl->getDeclContext(); Context;
       Context = Context->getParent())
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Context);
        Namespace && Namespace->getName() == "asio" &&
        (Namespace->getParent()->isTranslationUnit() ||
         nameOf(dyn_cast<NamespaceDecl>(Namespace->getParent())) == "boost"))
      return true;
  return false;
}

/// Whether \p Callee runs its callable argument as a task of a pool: a task
/// function of a class named for running tasks, or Asio's.
static bool isPoolTaskFunction(const FunctionDecl *Callee) {
  const StringRef Name = nameOf(Callee);
  // The names first: they reject almost every call cheaply.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee)) {
    static const llvm::StringSet<> TaskFunctions = {
        "submit",      "post",      "enqueue",      "execute",
        "add",         "schedule",  "run",          "submit_task",
        "detach_task", "push_task", "create_thread"};
    if (!TaskFunctions.contains(Name))
      return false;
    const std::string Class = StringRef(Method->getParent()->getName()).lower();
    return llvm::any_of(
        std::initializer_list<StringRef>{
            "threadpool", "thread_pool", "executor", "taskgroup", "task_group",
            "workqueue", "work_queue", "thread_group"},
        [&](StringRef Kind) { return StringRef(Class).contains(Kind); });
  }
  return (Name == "post" || Name == "dispatch" || Name == "defer") &&
         isInAsio(Callee);
}

/// Whether \p Call runs its lambda on several threads at once: a TBB
/// algorithm, or a standard algorithm given `std::execution::par` or
/// `par_unseq`.
static bool isParallelAlgorithm(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || Call.getNumArgs() < 2)
    return false;
  if (Callee->isInStdNamespace()) {
    const CXXRecordDecl *Policy =
        strip(Call.getArg(0))->getType()->getAsCXXRecordDecl();
    return Policy && (Policy->getName() == "parallel_policy" ||
                      Policy->getName() == "parallel_unsequenced_policy");
  }
  static const llvm::StringSet<> Algorithms = {"parallel_for",
                                               "parallel_for_each",
                                               "parallel_invoke",
                                               "parallel_reduce",
                                               "parallel_deterministic_reduce",
                                               "parallel_scan"};
  if (!Algorithms.contains(nameOf(Callee)))
    return false;
  // oneTBB declares them in tbb::detail::d1 and exports them to tbb.
  const DeclContext *Outermost = Callee->getDeclContext();
  while (!Outermost->getParent()->isTranslationUnit() &&
         !Outermost->getParent()->isExternCXXContext())
    Outermost = Outermost->getParent();
  const auto *Namespace = dyn_cast<NamespaceDecl>(Outermost);
  return Namespace &&
         (Namespace->getName() == "tbb" || Namespace->getName() == "oneapi");
}

/// Whether \p Call starts an asynchronous operation of Asio, whose
/// completion handler runs on a thread that runs the I/O context:
/// `timer.async_wait(h)`, `socket.async_read_some(b, h)`,
/// `boost::asio::async_write(s, b, h)`.
static bool isAsioAsyncOperation(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !nameOf(Callee).starts_with("async_"))
    return false;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  return isInAsio(Method ? static_cast<const Decl *>(Method->getParent())
                         : Callee);
}

const ValueDecl *ioContextRunner(const ThreadEntry &Entry) {
  static const llvm::StringSet<> Runs = {"run",       "run_one", "run_for",
                                         "run_until", "poll",    "poll_one"};
  const ValueDecl *Context = nullptr;
  walkDescendants(Entry.body(), [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    if (!Method || !Runs.contains(nameOf(Method)) || !isInAsio(Method) ||
        !llvm::is_contained({StringRef("io_context"), StringRef("io_service")},
                            nameOf(Method->getParent())))
      return Walk::Continue;
    const Expr *Object = strip(Call->getImplicitObjectArgument());
    if (const auto *Member = dyn_cast<MemberExpr>(Object))
      Context = Member->getMemberDecl();
    else if (const auto *Ref = dyn_cast<DeclRefExpr>(Object))
      Context = Ref->getDecl();
    return Context ? Walk::Stop : Walk::Continue;
  });
  return Context;
}

/// The variable \p Executor names when it is a strand (`boost::asio::strand`,
/// `io_context::strand`, or a project's class named so), which runs the
/// tasks posted to it one at a time.
static const ValueDecl *strandOf(const Expr *Executor) {
  const auto *Ref = dyn_cast<DeclRefExpr>(strip(Executor));
  if (!Ref)
    return nullptr;
  const CXXRecordDecl *Class =
      Ref->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return Class && StringRef(Class->getName()).lower().find("strand") !=
                      std::string::npos
             ? Ref->getDecl()
             : nullptr;
}

ThreadStarts::ThreadStarts(std::vector<std::string> Launchers)
    : Launchers(std::move(Launchers)) {
  for (StringRef Name : this->Launchers) {
    const auto [Scope, Last] = Name.rsplit("::");
    LauncherNames.insert(Last.empty() ? Scope : Last);
  }
}

bool ThreadStarts::isLauncher(const FunctionDecl *Callee) const {
  if (!Callee)
    return false;
  if (isPoolTaskFunction(Callee))
    return true;
  if (!LauncherNames.contains(nameOf(Callee)))
    return false;
  const std::string Qualified = Callee->getQualifiedNameAsString();
  return llvm::any_of(Launchers, [&](StringRef Name) {
    // "::ns::f" names one function; "ns::f" any whose name ends so.
    if (Name.consume_front("::"))
      return Qualified == Name;
    return Qualified == Name ||
           StringRef(Qualified).ends_with(("::" + Name).str());
  });
}

bool ThreadStarts::queuesTask(const CallExpr &Call) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  return isLauncher(Callee) || (llvm::any_of(Call.arguments(), isTask) &&
                                queuesTaskForOwnThreads(*Callee));
}

/// Whether \p Callee is the C library's function named \p Name.
static bool isCFunction(const FunctionDecl *Callee, StringRef Name) {
  return Callee && Callee->isExternC() && nameOf(Callee) == Name;
}

std::optional<ArrayRef<const Expr *>>
ThreadStarts::threadArguments(const Expr &Start) const {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Start)) {
    if (!isThreadClass(Construct->getConstructor()->getParent()) ||
        Construct->getNumArgs() == 0)
      return std::nullopt;
    return ArrayRef<const Expr *>(Construct->getArgs(),
                                  Construct->getNumArgs());
  }
  const auto *Call = dyn_cast<CallExpr>(&Start);
  if (!Call || Call->getNumArgs() == 0)
    return std::nullopt;
  const ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  // pthread_create(&thread, attributes, routine, argument)
  if (isCFunction(Call->getDirectCallee(), "pthread_create") &&
      Args.size() == 4)
    return Args.drop_front(2);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
      Member && emplacesThread(*Member))
    return Args;
  if (isStdNamed(Call->getDirectCallee(), {"async"})) {
    // Without a policy, or with std::launch::async in it, the task may run
    // on another thread.
    if (!isLaunchPolicy(Args[0]))
      return Args;
    if (isDeferredPolicy(Args[0]) || Args.size() < 2)
      return std::nullopt;
    return Args.drop_front();
  }
  return std::nullopt;
}

const LambdaExpr *ThreadStarts::threadBody(const Expr &Start) const {
  const std::optional<ThreadEntry> Entry = entryOf(Start);
  return Entry ? Entry->Lambda : nullptr;
}

/// Makes \p Entry run the callable that comes first in \p Args with the
/// arguments after it: a lambda, or a function, unpacked from std::bind.
static void runCallable(ThreadEntry &Entry, ArrayRef<const Expr *> Args) {
  if ((Entry.Lambda = lambdaOf(Args.front())))
    return;
  if (const CallExpr *Bind = bindOf(Args.front()))
    Args = ArrayRef<const Expr *>(Bind->getArgs(), Bind->getNumArgs());
  Entry.Callable = Args.front();
  Entry.Function = functionOf(Args.front());
  Entry.Args.append(Args.begin() + 1, Args.end());
}

std::optional<ThreadEntry> ThreadStarts::entryOf(const Stmt &Start) const {
  ThreadEntry Entry;
  // A parallel region (`parallel`, `parallel for`, ...) runs its code on a
  // team of threads, a task on one of them while the code that creates it
  // goes on (a taskloop's iterations at once); other directives run inside
  // a region.
  if (const auto *Directive = dyn_cast<OMPExecutableDirective>(&Start)) {
    const OpenMPDirectiveKind Kind = Directive->getDirectiveKind();
    if (!(isOpenMPParallelDirective(Kind) || isOpenMPTaskingDirective(Kind)) ||
        !Directive->hasAssociatedStmt())
      return std::nullopt;
    Entry.Region = Directive->getInnermostCapturedStmt();
    Entry.Parallel =
        isOpenMPParallelDirective(Kind) || isOpenMPTaskLoopDirective(Kind);
    return Entry;
  }
  const auto *Call = dyn_cast<Expr>(&Start);
  if (!Call)
    return std::nullopt;
  if (std::optional<ArrayRef<const Expr *>> Args = threadArguments(*Call)) {
    runCallable(Entry, *Args);
  } else if (const auto *Call = dyn_cast<CallExpr>(&Start);
             Call && isParallelAlgorithm(*Call)) {
    for (const Expr *Arg : Call->arguments())
      if ((Entry.Lambda = lambdaOf(Arg)))
        break;
    Entry.Parallel = true;
  } else if (const auto *Call = dyn_cast<CallExpr>(&Start);
             Call && isAsioAsyncOperation(*Call)) {
    // The handler comes last.
    if (Call->getNumArgs() != 0)
      Entry.Lambda = lambdaOf(Call->getArg(Call->getNumArgs() - 1));
    Entry.CompletionHandler = true;
  } else if (const auto *Call = dyn_cast<CallExpr>(&Start);
             Call && queuesTask(*Call)) {
    for (const Expr *Arg : Call->arguments())
      if (isTask(Arg)) {
        runCallable(Entry, Arg);
        break;
      }
    // post(strand, task): the executor comes first.
    if (Call->getNumArgs() >= 2)
      Entry.Strand = strandOf(Call->getArg(0));
  }
  if (!Entry.Lambda && !Entry.Function)
    return std::nullopt;
  return Entry;
}

const Stmt *ThreadEntry::body() const {
  if (Region)
    return Region->getCapturedStmt();
  return Lambda ? Lambda->getBody() : Function->getBody();
}

const Stmt *ThreadEntry::inPlace() const {
  if (Lambda)
    return Lambda;
  return Region;
}

bool capturesThis(const LambdaExpr &Lambda) {
  return llvm::any_of(Lambda.captures(), [](const LambdaCapture &Capture) {
    return Capture.getCaptureKind() == LCK_This;
  });
}

/// The variable \p E names, through casts: `self` in
/// `static_cast<Server *>(self)`.
static const VarDecl *castVariable(const Expr *E) {
  const auto *Ref = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()) : nullptr;
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

llvm::SmallVector<const CXXMethodDecl *, 2> ThreadEntry::membersOfThis() const {
  llvm::SmallVector<const CXXMethodDecl *, 2> Members;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Function);
  if (Method && !Method->isStatic()) {
    if (!Args.empty() && isa<CXXThisExpr>(strip(Args.front())))
      Members.push_back(Method);
    return Members;
  }
  // The object the code calls member functions on: `this` of a lambda, or
  // the parameter of a function given `this` (a trampoline,
  // `pthread_create(&t, nullptr, &C::entry, this)`) and the locals it
  // initializes (`auto *self = static_cast<C *>(arg);`).
  llvm::SmallPtrSet<const VarDecl *, 2> Self;
  if (Function) {
    if (Args.size() != 1 || Function->getNumParams() != 1 ||
        !isa<CXXThisExpr>(strip(Args.front())))
      return Members;
    Self.insert(Function->getParamDecl(0));
  } else if (!Lambda || !capturesThis(*Lambda)) {
    return Members;
  }
  walkDescendants(body(), [&](const Stmt &S) {
    // Nested lambdas may run elsewhere.
    if (isa<LambdaExpr>(S))
      return Walk::SkipChildren;
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S);
        Declaration && Declaration->isSingleDecl())
      if (const auto *Local = dyn_cast<VarDecl>(Declaration->getSingleDecl());
          Local && Self.contains(castVariable(Local->getInit())))
        Self.insert(Local);
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const Expr *Object = Call ? Call->getImplicitObjectArgument() : nullptr;
    if (Object && (Function ? Self.contains(castVariable(Object))
                            : isa<CXXThisExpr>(strip(Object))))
      if (const FunctionDecl *Definition = nullptr;
          Call->getMethodDecl()->hasBody(Definition) &&
          !llvm::is_contained(Members, Definition))
        Members.push_back(cast<CXXMethodDecl>(Definition));
    return Walk::Continue;
  });
  return Members;
}

std::optional<ThreadLaunch>
ThreadStarts::enclosingThread(const Stmt &S, ASTContext &Context) const {
  DynTypedNodeList Parents = Context.getParents(S);
  while (!Parents.empty()) {
    if (const auto *Lambda = Parents[0].get<LambdaExpr>()) {
      // The start receives the lambda a few implicit nodes up: temporaries,
      // a conversion to std::function.
      const Expr *Holder = Lambda;
      for (int Depth = 0; Holder && Depth < 6; ++Depth) {
        DynTypedNodeList Up = Context.getParents(*Holder);
        Holder = Up.empty() ? nullptr : Up[0].get<Expr>();
        if (Holder && threadBody(*Holder) == Lambda)
          return ThreadLaunch{Holder, Lambda};
      }
    }
    Parents = Context.getParents(Parents[0]);
  }
  return std::nullopt;
}

/// How \p Thread (a lambda or a region's captured code) captures \p Var:
/// by reference (true) or by copy (false); none when it does not.
static std::optional<bool> capturedByReference(const Stmt &Thread,
                                               const VarDecl &Var) {
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&Thread)) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == &Var)
        return Capture.getCaptureKind() == LCK_ByRef;
  } else if (const auto *Region = dyn_cast<CapturedStmt>(&Thread)) {
    // A region shares what it does not make private (clauses, or a
    // declaration inside it).
    for (const CapturedStmt::Capture &Capture : Region->captures())
      if ((Capture.capturesVariable() || Capture.capturesVariableByCopy()) &&
          Capture.getCapturedVar() == &Var)
        return Capture.capturesVariable();
  }
  return std::nullopt;
}

Reach reachOf(const Stmt *Thread, const ValueDecl &Decl) {
  if (isa<FieldDecl>(Decl)) {
    // [*this] gives the thread its own copy of the object.
    const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Thread);
    const bool CopiesThis =
        Lambda && llvm::any_of(Lambda->captures(), [](const LambdaCapture &C) {
          return C.getCaptureKind() == LCK_StarThis;
        });
    return CopiesThis ? Reach::Own : Reach::ThroughThis;
  }
  const auto *Var = dyn_cast<VarDecl>(&Decl);
  if (!Var)
    return Reach::ThroughReference;
  if (Var->getTLSKind() != VarDecl::TLS_None)
    return Reach::Own;
  if (Var->hasGlobalStorage())
    return Reach::Static;
  if (const std::optional<bool> ByReference =
          Thread ? capturedByReference(*Thread, *Var) : std::nullopt)
    return *ByReference ? Reach::ByReference : Reach::Own;
  return Var->getType()->isReferenceType() ? Reach::ThroughReference
                                           : Reach::Own;
}

/// The variable \p E names, looking through `&x`.
static const VarDecl *variableOf(const Expr *E) {
  E = strip(E);
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    E = strip(AddressOf->getSubExpr());
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// The local variable that \p Arg hands to a thread by reference:
/// `std::ref(x)`, `std::cref(x)` or `&x`.
static const VarDecl *passedByReference(const Expr *Arg) {
  const Expr *E = strip(Arg);
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && isStdNamed(Call->getDirectCallee(), {"ref", "cref"}) &&
      Call->getNumArgs() == 1)
    return variableOf(Call->getArg(0));
  const auto *AddressOf = dyn_cast<UnaryOperator>(E);
  return AddressOf && AddressOf->getOpcode() == UO_AddrOf ? variableOf(E)
                                                          : nullptr;
}

/// The variable with static storage that every return of \p Function
/// returns a reference to: an accessor (`static Map m; return m;`).
static const VarDecl *staticReturnedBy(const FunctionDecl &Function) {
  if (!Function.getReturnType()->isLValueReferenceType())
    return nullptr;
  const VarDecl *Returned = nullptr;
  const bool Other = walkDescendants(Function.getBody(), [&](const Stmt &S) {
    if (isa<LambdaExpr>(S))
      return Walk::SkipChildren;
    const auto *Return = dyn_cast<ReturnStmt>(&S);
    if (!Return)
      return Walk::Continue;
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(strip(Return->getRetValue()));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasGlobalStorage() ||
        Var->getTLSKind() != VarDecl::TLS_None || (Returned && Returned != Var))
      return Walk::Stop;
    Returned = Var;
    return Walk::Continue;
  });
  return Other ? nullptr : Returned;
}

/// The locals and globals that the reference and pointer members of the
/// functor \p Functor (constructed in place, or a local initialized so)
/// are bound to by its constructor: `Indexer(index)`, whose constructor
/// initializes `index_(m)` from its parameter `Map &m`, binds `index_` to
/// `index`. A pointer member given `&x` is bound to `x`; one given a
/// pointer `p`, to `p`, whose copies point to the same object.
static llvm::DenseMap<const FieldDecl *, const VarDecl *>
boundMembers(const Expr &Functor) {
  llvm::DenseMap<const FieldDecl *, const VarDecl *> Bound;
  const Expr *E = strip(&Functor);
  if (const VarDecl *Var = variableOf(E);
      Var && Var->isLocalVarDecl() && Var->getInit())
    E = strip(Var->getInit());
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    E = strip(Cast->getSubExpr());
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  const FunctionDecl *Definition = nullptr;
  if (!Construct || !Construct->getConstructor()->hasBody(Definition))
    return Bound;
  for (const CXXCtorInitializer *Init :
       cast<CXXConstructorDecl>(Definition)->inits()) {
    const FieldDecl *Field = Init->getMember();
    if (!Field || !(Field->getType()->isReferenceType() ||
                    isPointerLike(Field->getType())))
      continue;
    // A smart pointer member is copy-constructed from the parameter.
    const Expr *Value = strip(Init->getInit());
    if (const auto *Copy = dyn_cast<CXXConstructExpr>(Value);
        Copy && Copy->getNumArgs() == 1)
      Value = strip(Copy->getArg(0));
    const auto *Ref = dyn_cast<DeclRefExpr>(Value);
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    // A reference member bound to a copy would dangle; leave it alone.
    if (!Param || Param->getFunctionScopeIndex() >= Construct->getNumArgs() ||
        !(Param->getType()->isReferenceType() ||
          isPointerLike(Param->getType())))
      continue;
    const VarDecl *Var =
        variableOf(Construct->getArg(Param->getFunctionScopeIndex()));
    if (Var && (Var->isLocalVarDecl() || Var->hasGlobalStorage()))
      Bound[Field] = Var;
  }
  return Bound;
}

/// What a use of \p Ref, a raw pointer, touches of the object it points to:
/// `*p`, or the pointer of `p->f()`; none when the pointer is only copied.
static const Expr *pointeeUse(const Expr &Ref, ASTContext &Context) {
  const Stmt *Parent = userParent(Ref, Context);
  if (const auto *Deref = dyn_cast_or_null<UnaryOperator>(Parent);
      Deref && Deref->getOpcode() == UO_Deref)
    return Deref;
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Parent);
      Member && Member->isArrow())
    return &Ref;
  return nullptr;
}

namespace {
/// Collects the shared uses of the code of one thread.
class SharedUseCollector {
public:
  SharedUseCollector(llvm::function_ref<bool(QualType)> Select,
                     const LockVocabulary &Vocabulary, ASTContext &Context,
                     llvm::SmallVectorImpl<SharedUse> &Uses)
      : Select(Select), Vocabulary(Vocabulary), Context(Context),
        SM(Context.getSourceManager()), Uses(Uses) {}

  void entry(const ThreadEntry &Entry) {
    if (Entry.Function) {
      Visited.insert(Entry.Function);
      // Parameters bound to the launcher's objects by reference.
      // `&C::f` receives its object first; a functor's operator() does not.
      const auto *Method = dyn_cast<CXXMethodDecl>(Entry.Function);
      const unsigned First = Method && !Method->isStatic() &&
                                     Method->getOverloadedOperator() != OO_Call
                                 ? 1
                                 : 0;
      for (unsigned I = First; I < Entry.Args.size(); ++I)
        if (I - First < Entry.Function->getNumParams())
          if (const VarDecl *Var = passedObject(
                  *Entry.Function->getParamDecl(I - First), Entry.Args[I]))
            Bound[Entry.Function->getParamDecl(I - First)] = Var;
      if (Method && Method->getOverloadedOperator() == OO_Call &&
          Entry.Callable)
        BoundMembers = boundMembers(*Entry.Callable);
    }
    visit(Entry.body(), Entry.inPlace(), 0, /*Locked=*/false);
  }

private:
  /// The local that \p Arg hands to \p Param so that the thread shares
  /// it: by reference, or a copy of a pointer to it.
  static const VarDecl *passedObject(const ParmVarDecl &Param,
                                     const Expr *Arg) {
    const VarDecl *Var = passedByReference(Arg);
    if (!Var && isPointerLike(Param.getType()))
      Var = variableOf(Arg);
    return Var && Var->isLocalVarDecl() ? Var : nullptr;
  }

  /// Records the use of the map that \p Path reaches from \p Root, when
  /// other threads reach that root too.
  void usePath(const VarDecl &Root, const MemberPath &Path, const Stmt *Thread,
               bool Locked) {
    const VarDecl *Object = Bound.lookup(&Root);
    const Reach How = reachOf(Thread, Root);
    // Copies of a pointer point to the one object.
    const bool SharedByCopy =
        Thread && How == Reach::Own && captures(*Thread, Root) &&
        (isPointerLike(Root.getType()) || Path.ThroughPointer);
    if (!Object &&
        (SharedByCopy || How == Reach::ByReference || How == Reach::Static))
      Object = &Root;
    if (Object)
      Uses.push_back({Object, Path.Use, Locked, Path.Fields});
  }

  static bool captures(const Stmt &Thread, const VarDecl &Var) {
    return capturedByReference(Thread, Var).has_value();
  }

  void visit(const Stmt *S, const Stmt *Thread, unsigned Depth, bool Locked) {
    // Code that takes any lock is taken to synchronize its uses, and what
    // it calls.
    if (S)
      collect(S, Thread, Depth, Locked || Vocabulary.takesLock(S));
  }

  void collect(const Stmt *S, const Stmt *Thread, unsigned Depth, bool Locked) {
    // `sizeof(counts)` and the like never run.
    if (!S || isUnevaluatedContext(*S))
      return;
    // A pointer copied from one bound to the launcher's object points to
    // it too: `auto *counts = static_cast<Map *>(arg);`.
    if (const auto *Declaration = dyn_cast<DeclStmt>(S);
        Declaration && Declaration->isSingleDecl())
      if (const auto *Local = dyn_cast<VarDecl>(Declaration->getSingleDecl());
          Local && Local->getType()->isPointerType())
        if (const VarDecl *Object =
                Bound.lookup(castVariable(Local->getInit())))
          Bound[Local] = Object;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
        const bool Pointer = isSharedPointerTo(Var->getType(), Select);
        // A raw pointer bound to the launcher's map: `&counts` passed to a
        // `Map *` parameter.
        const bool BoundPointer = Var->getType()->isPointerType() &&
                                  Bound.count(Var) &&
                                  Select(Var->getType()->getPointeeType());
        if (BoundPointer) {
          if (const Expr *Use = pointeeUse(*Ref, Context))
            Uses.push_back({Bound.lookup(Var), Use, Locked});
        } else if (Pointer || Select(Var->getType())) {
          const Reach How = reachOf(Thread, *Var);
          // Every copy of a shared_ptr points to the one object.
          const bool Captured = Pointer && Thread && captures(*Thread, *Var);
          const VarDecl *Object = Bound.lookup(Var);
          if (!Object &&
              (Captured || How == Reach::ByReference || How == Reach::Static))
            Object = Var;
          // A copy of the pointer touches no map.
          const Expr &Use = objectUse(*Ref, Context);
          if (Object && (!Pointer || &Use != Ref))
            Uses.push_back({Object, &Use, Locked});
        } else if (std::optional<MemberPath> Path =
                       mapPathFrom(*Ref, Select, Context)) {
          usePath(*Var, *Path, Thread, Locked);
        }
      }
    // A functor's member bound to the launcher's object.
    if (const auto *This = dyn_cast<CXXThisExpr>(S);
        This && !BoundMembers.empty())
      if (std::optional<MemberPath> Path = mapPathFrom(*This, Select, Context))
        if (const VarDecl *Root = BoundMembers.lookup(Path->Fields.front()))
          Uses.push_back({Root, Path->Use, Locked,
                          MemberFields(ArrayRef(Path->Fields).drop_front())});
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Definition = nullptr;
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->hasBody(Definition) &&
          !SM.isInSystemHeader(Definition->getLocation())) {
        // `registry()[k] = v`: the call is a use of what it returns.
        if (const VarDecl *Static = staticReturnedBy(*Definition);
            Static && Select(Static->getType()))
          Uses.push_back({Static, Call, Locked});
        if (Depth < 3 && Visited.insert(Definition).second)
          visit(Definition->getBody(), nullptr, Depth + 1, Locked);
      }
    }
    if (const auto *Region = dyn_cast<CapturedStmt>(S))
      return collect(&writtenCode(*Region), Thread, Depth, Locked);
    for (const Stmt *Child : S->children())
      collect(Child, Thread, Depth, Locked);
  }

  llvm::function_ref<bool(QualType)> Select;
  const LockVocabulary &Vocabulary;
  ASTContext &Context;
  const SourceManager &SM;
  llvm::SmallVectorImpl<SharedUse> &Uses;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;
  llvm::DenseMap<const VarDecl *, const VarDecl *> Bound;
  /// The members of the thread's functor bound to the launcher's objects.
  llvm::DenseMap<const FieldDecl *, const VarDecl *> BoundMembers;
};
} // namespace

void collectSharedUses(const ThreadEntry &Entry,
                       llvm::function_ref<bool(QualType)> Select,
                       const LockVocabulary &Vocabulary, ASTContext &Context,
                       llvm::SmallVectorImpl<SharedUse> &Uses) {
  SharedUseCollector(Select, Vocabulary, Context, Uses).entry(Entry);
}

bool isSharedPointerTo(QualType Type,
                       llvm::function_ref<bool(QualType)> Select) {
  const auto *Pointer = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  return isStdNamed(Pointer, {"shared_ptr"}) &&
         Pointer->getTemplateArgs().size() >= 1 &&
         Pointer->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         Select(Pointer->getTemplateArgs()[0].getAsType());
}

const Expr &objectUse(const Expr &Ref, ASTContext &Context) {
  if (const auto *Deref =
          dyn_cast_or_null<CXXOperatorCallExpr>(userParent(Ref, Context));
      Deref && dereferencedOperand(*Deref) == &Ref)
    return *Deref;
  return Ref;
}

bool waitsForThreads(const CallExpr &Call) {
  if (isCFunction(Call.getDirectCallee(), "pthread_join"))
    return true;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (!Member)
    return false;
  const StringRef Method = nameOf(Member->getMethodDecl());
  if (Method == "join" || Method == "join_all")
    return true;
  const CXXRecordDecl *Class = Member->getRecordDecl();
  if ((Method != "get" && Method != "wait") || !Class)
    return false;
  const std::string Name = StringRef(Class->getName()).lower();
  if (StringRef(Name).contains("future"))
    return true;
  return Method == "wait" &&
         llvm::none_of(std::initializer_list<StringRef>{"condition", "latch",
                                                        "barrier", "semaphore"},
                       [&](StringRef Signal) {
                         return StringRef(Name).contains(Signal);
                       });
}

static bool mayWaitForThreads(const Stmt &Body, unsigned Depth) {
  return walkDescendants(&Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee)
      return Walk::Continue;
    if (waitsForThreads(*Call))
      return Walk::Stop;
    const std::string Name = StringRef(nameOf(Callee)).lower();
    if (llvm::any_of(
            std::initializer_list<StringRef>{"stop", "shutdown", "terminate",
                                             "join", "wait"},
            [&](StringRef Word) { return StringRef(Name).contains(Word); }))
      return Walk::Stop;
    const FunctionDecl *Definition = nullptr;
    if (Depth < 3 && !Callee->isInStdNamespace() &&
        Callee->hasBody(Definition) &&
        mayWaitForThreads(*Definition->getBody(), Depth + 1))
      return Walk::Stop;
    return Walk::Continue;
  });
}

bool mayWaitForThreads(const Stmt &Body) { return mayWaitForThreads(Body, 0); }

/// What \p Call acts on: the object of a member call, or the thread
/// pthread_join is given.
static const Expr *waitedObject(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  return Call.getNumArgs() >= 1 ? Call.getArg(0) : nullptr;
}

/// Whether \p Object is a member of `this`, also through a pointer, or one of
/// \p Elements (loop variables over members).
static bool
isObjectOfThis(const Expr &Object,
               const llvm::SmallPtrSetImpl<const VarDecl *> &Elements) {
  const Expr *E = strip(&Object);
  if (const Expr *Pointer = dereferencedOperand(*E))
    E = strip(Pointer);
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return isa<CXXThisExpr>(strip(Member->getBase()));
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Elements.contains(Var);
}

SourceLocation firstMemberJoin(const Stmt &Body, const SourceManager &SM) {
  llvm::SmallPtrSet<const VarDecl *, 2> Elements;
  SourceLocation Join;
  walkDescendants(&Body, [&](const Stmt &S) {
    if (const auto *Loop = dyn_cast<CXXForRangeStmt>(&S);
        Loop && Loop->getRangeInit() &&
        isObjectOfThis(*Loop->getRangeInit(), Elements))
      Elements.insert(Loop->getLoopVariable());
    const auto *Call = dyn_cast<CallExpr>(&S);
    const Expr *Waited = Call ? waitedObject(*Call) : nullptr;
    if (Waited && waitsForThreads(*Call) && isObjectOfThis(*Waited, Elements) &&
        (Join.isInvalid() ||
         SM.isBeforeInTranslationUnit(Call->getBeginLoc(), Join)))
      Join = Call->getBeginLoc();
    return Walk::Continue;
  });
  return Join;
}

SourceLocation firstJoinAfter(SourceLocation After, const Stmt &Body,
                              const SourceManager &SM) {
  SourceLocation Join;
  walkDescendants(&Body, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (waitsForThreads(*Call) &&
          SM.isBeforeInTranslationUnit(After, Call->getBeginLoc()) &&
          (Join.isInvalid() ||
           SM.isBeforeInTranslationUnit(Call->getBeginLoc(), Join)))
        Join = Call->getBeginLoc();
    }
    return Walk::Continue;
  });
  return Join;
}

/// The local variable whose destructor waits for the thread \p Start
/// starts: the std::jthread it constructs, the vector of std::jthread it
/// emplaces into, or the std::future that std::async's result initializes.
static const VarDecl *joiningOwner(const Stmt &Start, ASTContext &Context) {
  if (const auto *Emplace = dyn_cast<CXXMemberCallExpr>(&Start);
      Emplace && emplacesThread(*Emplace)) {
    const auto *Ref =
        dyn_cast<DeclRefExpr>(strip(Emplace->getImplicitObjectArgument()));
    const auto *Vector = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    const auto *Spec = Vector
                           ? dyn_cast_or_null<ClassTemplateSpecializationDecl>(
                                 Vector->getType()->getAsCXXRecordDecl())
                           : nullptr;
    return Spec && Vector->isLocalVarDecl() &&
                   isStdNamed(Spec->getTemplateArgs()[0]
                                  .getAsType()
                                  ->getAsCXXRecordDecl(),
                              {"jthread"})
               ? Vector
               : nullptr;
  }
  const auto *Call = dyn_cast<CallExpr>(&Start);
  const bool Async = Call && isStdNamed(Call->getDirectCallee(), {"async"});
  if (!Async && !isa<CXXConstructExpr>(&Start))
    return nullptr;
  DynTypedNodeList Parents = Context.getParents(Start);
  while (!Parents.empty() && (Parents[0].get<ExprWithCleanups>() ||
                              Parents[0].get<MaterializeTemporaryExpr>() ||
                              Parents[0].get<CXXBindTemporaryExpr>() ||
                              Parents[0].get<ImplicitCastExpr>() ||
                              Parents[0].get<CXXConstructExpr>()))
    Parents = Context.getParents(Parents[0]);
  const auto *Var = Parents.empty() ? nullptr : Parents[0].get<VarDecl>();
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      Var->getType()->isReferenceType())
    return nullptr;
  const CXXRecordDecl *Type = Var->getType()->getAsCXXRecordDecl();
  return isStdNamed(Type, {Async ? "future" : "jthread"}) ? Var : nullptr;
}

SourceLocation threadWaited(const Stmt &Start, const ThreadEntry &Entry,
                            const Stmt &Within, ASTContext &Context) {
  if (Entry.Parallel)
    return Start.getEndLoc();
  // An OpenMP task is done at a taskwait that follows it in its block, or at
  // the barrier that ends the single, taskgroup or parallel region around it.
  if (Entry.Region) {
    const SourceManager &SM = Context.getSourceManager();
    if (const auto *Block =
            dyn_cast_or_null<CompoundStmt>(parentStmt(Start, Context));
        Block && Within.getSourceRange().fullyContains(Block->getSourceRange()))
      for (const Stmt *S : Block->body())
        if (isa<OMPTaskwaitDirective>(S) &&
            SM.isBeforeInTranslationUnit(Start.getBeginLoc(), S->getBeginLoc()))
          return S->getBeginLoc();
    // Through the captured code of the regions around it.
    for (DynTypedNodeList Parents = Context.getParents(Start); !Parents.empty();
         Parents = Context.getParents(Parents[0])) {
      const auto *Directive = Parents[0].get<OMPExecutableDirective>();
      if (!Directive || !Directive->hasAssociatedStmt() ||
          !Within.getSourceRange().fullyContains(Directive->getSourceRange()))
        continue;
      const OpenMPDirectiveKind Kind = Directive->getDirectiveKind();
      if ((Kind == llvm::omp::OMPD_single &&
           !Directive->getSingleClause<OMPNowaitClause>()) ||
          Kind == llvm::omp::OMPD_taskgroup || isOpenMPParallelDirective(Kind))
        return Directive->getAssociatedStmt()->getEndLoc();
    }
    return SourceLocation();
  }
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation Waited = firstJoinAfter(Start.getEndLoc(), Within, SM);
  const VarDecl *Owner = joiningOwner(Start, Context);
  if (!Owner)
    return Waited;
  DynTypedNodeList Parents = Context.getParents(*Owner);
  const auto *Declaration =
      Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
  const auto *Scope =
      Declaration
          ? dyn_cast_or_null<CompoundStmt>(parentStmt(*Declaration, Context))
          : nullptr;
  if (!Scope || !Within.getSourceRange().fullyContains(Scope->getSourceRange()))
    return Waited;
  const SourceLocation End = Scope->getRBracLoc();
  return Waited.isValid() && SM.isBeforeInTranslationUnit(Waited, End) ? Waited
                                                                       : End;
}

bool mayRunTogether(const Stmt &StartA, const ThreadEntry &A,
                    const Stmt &StartB, const ThreadEntry &B, const Stmt &Body,
                    ASTContext &Context) {
  if (A.Strand && A.Strand == B.Strand)
    return false;
  const SourceManager &SM = Context.getSourceManager();
  const bool AFirst =
      SM.isBeforeInTranslationUnit(StartA.getBeginLoc(), StartB.getBeginLoc());
  const Stmt &Earlier = AFirst ? StartA : StartB,
             &Later = AFirst ? StartB : StartA;
  const ThreadEntry &EarlierEntry = AFirst ? A : B,
                    &LaterEntry = AFirst ? B : A;
  const SourceLocation Waited =
      threadWaited(Earlier, EarlierEntry, Body, Context);
  if (Waited.isInvalid() ||
      !SM.isBeforeInTranslationUnit(Waited, Later.getBeginLoc()))
    return true;
  // Round after round, the later thread must be waited for too.
  for (const Stmt *Loop = enclosingLoop(Later, Body, Context); Loop;
       Loop = enclosingLoop(*Loop, Body, Context))
    if (Loop->getSourceRange().fullyContains(Earlier.getSourceRange()))
      return threadWaited(Later, LaterEntry, *Loop, Context).isInvalid();
  return false;
}

const Expr *staticUseInCall(const CallExpr &Call, const VarDecl &Static,
                            bool WritesOnly, const LockVocabulary &Vocabulary,
                            ASTContext &Context) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (!Static.hasGlobalStorage() || !Callee || !Callee->hasBody(Definition) ||
      Context.getSourceManager().isInSystemHeader(Definition->getLocation()))
    return nullptr;
  ThreadEntry Entry;
  Entry.Function = Definition;
  const QualType Type = Static.getType().getCanonicalType();
  llvm::SmallVector<SharedUse, 4> Uses;
  collectSharedUses(
      Entry, [&](QualType T) { return T.getCanonicalType() == Type; },
      Vocabulary, Context, Uses);
  if (staticReturnedBy(*Definition) == &Static)
    Uses.push_back({&Static, &Call, /*Locked=*/false});
  const bool Found = llvm::any_of(Uses, [&](const SharedUse &Use) {
    return Use.Object == &Static && !Use.Locked &&
           (!WritesOnly || isModifyingUse(*Use.Where, Context));
  });
  return Found ? &Call : nullptr;
}

} // namespace clang::tidy::maptidy
