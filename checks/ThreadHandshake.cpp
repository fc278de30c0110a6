//===--- ThreadHandshake.cpp - maptidy ------------------------------------===//

#include "ThreadHandshake.h"
#include "ContainerTypes.h"
#include "RewriteUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

namespace {
/// The types that carry a signal between threads, with the member functions
/// that signal, that wait, and that read a state a loop can wait on.
struct ChannelKind {
  std::vector<std::string> Classes;
  std::vector<StringRef> Signals;
  std::vector<StringRef> Waits;
  std::vector<StringRef> Reads;
};

/// A call on a channel: the object, the member function's name (an atomic's
/// conversion reads it, its assignment and increments signal), its kind.
struct ChannelCall {
  const ValueDecl *Channel = nullptr;
  StringRef Method;
  const ChannelKind *Kind = nullptr;
};

/// A statement of a function body that signals a channel or waits on it.
struct ChannelStep {
  /// The object signalled through; a future stands for its promise.
  const ValueDecl *Channel;
  bool Waits;
  const Stmt *Statement;
};
} // namespace

static const std::vector<ChannelKind> &channelKinds() {
  static const std::vector<ChannelKind> Kinds = {
      {{"::std::atomic"},
       {"store", "exchange", "fetch_add", "fetch_sub", "fetch_and", "fetch_or",
        "fetch_xor", "compare_exchange_strong", "compare_exchange_weak"},
       {"wait"},
       {"load"}},
      {{"::std::atomic_flag"}, {"test_and_set", "clear"}, {"wait"}, {"test"}},
      {{"::std::condition_variable", "::std::condition_variable_any"},
       {"notify_one", "notify_all"},
       {"wait"},
       {}},
      {{"::std::promise"}, {"set_value"}, {}, {}},
      {{"::std::future", "::std::shared_future"}, {}, {"wait", "get"}, {}},
      {{"::std::latch"}, {"count_down"}, {"wait"}, {}},
      {{"::std::counting_semaphore"}, {"release"}, {"acquire"}, {}},
  };
  return Kinds;
}

static const ChannelKind *kindOf(QualType Type) {
  for (const ChannelKind &Kind : channelKinds())
    if (isClassNamed(Type.getNonReferenceType(), Kind.Classes))
      return &Kind;
  return nullptr;
}

/// The object \p E names: a variable or a member; a future from a
/// promise's get_future(), or a local initialized from one, names the
/// promise.
static const ValueDecl *channelOf(const Expr *E) {
  E = strip(E);
  if (const auto *Get = dyn_cast<CXXMemberCallExpr>(E))
    return nameOf(Get->getMethodDecl()) == "get_future"
               ? channelOf(Get->getImplicitObjectArgument())
               : nullptr;
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  if (!Ref)
    return nullptr;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (Var && Var->hasLocalStorage() && Var->getInit())
    if (const auto *Get = dyn_cast<CXXMemberCallExpr>(strip(Var->getInit())))
      if (const ValueDecl *Promise = channelOf(Get))
        return Promise;
  return Ref->getDecl();
}

/// Whether \p Call passes std::memory_order_relaxed, which orders nothing.
static bool isRelaxed(const CallExpr &Call) {
  return llvm::any_of(Call.arguments(), [](const Expr *Arg) {
    const auto *Ref = dyn_cast<DeclRefExpr>(strip(Arg));
    const StringRef Name = Ref ? nameOf(Ref->getDecl()) : StringRef();
    return Name == "memory_order_relaxed" || Name == "relaxed";
  });
}


static std::optional<ChannelCall> channelCall(const Expr &E) {
  const auto *Call = dyn_cast<CallExpr>(strip(&E));
  const auto *Method =
      Call ? dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee()) : nullptr;
  if (!Method || isRelaxed(*Call))
    return std::nullopt;
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Object = Member->getImplicitObjectArgument();
  else if (isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() >= 1)
    Object = Call->getArg(0);
  // The object as written: a future's wait() is a member of its base.
  const ChannelKind *Kind = Object ? kindOf(strip(Object)->getType()) : nullptr;
  const ValueDecl *Channel = Kind ? channelOf(Object) : nullptr;
  if (!Channel)
    return std::nullopt;
  StringRef Name = nameOf(Method);
  if (isa<CXXConversionDecl>(Method))
    Name = "load";
  else if (Method->isOverloadedOperator())
    Name = "store";
  return ChannelCall{Channel, Name, Kind};
}

/// The wait of a loop that spins on reads of a channel in its condition
/// (`while (!ready.load(std::memory_order_acquire))`), or that waits on one
/// in its body (`while (!done) cv.wait(lock);`).
static const ValueDecl *loopWaitsOn(const Stmt &Loop) {
  const Expr *Condition = nullptr;
  const Stmt *Body = nullptr;
  if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
    Condition = While->getCond();
    Body = While->getBody();
  } else if (const auto *Do = dyn_cast<DoStmt>(&Loop)) {
    Condition = Do->getCond();
    Body = Do->getBody();
  } else if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    Condition = For->getCond();
    Body = For->getBody();
  } else {
    return nullptr;
  }
  const ValueDecl *Read = nullptr;
  walkDescendants(Condition, [&](const Stmt &S) {
    const auto *E = dyn_cast<Expr>(&S);
    const std::optional<ChannelCall> Call = E ? channelCall(*E) : std::nullopt;
    if (Call && llvm::is_contained(Call->Kind->Reads, Call->Method)) {
      Read = Call->Channel;
      return Walk::Stop;
    }
    return Walk::Continue;
  });
  if (Read)
    return Read;
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body);
      Block && Block->size() == 1)
    Body = Block->body_front();
  const auto *Wait = dyn_cast_or_null<Expr>(Body);
  const std::optional<ChannelCall> Call =
      Wait ? channelCall(*Wait) : std::nullopt;
  return Call && llvm::is_contained(Call->Kind->Waits, Call->Method)
             ? Call->Channel
             : nullptr;
}

static std::optional<ChannelStep> stepOf(const Stmt &S) {
  if (const ValueDecl *Channel = loopWaitsOn(S))
    return ChannelStep{Channel, true, &S};
  const Expr *E = dyn_cast<Expr>(&S);
  if (const auto *Decl = dyn_cast<DeclStmt>(&S); Decl && Decl->isSingleDecl())
    if (const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl()))
      E = Var->getInit();
  const std::optional<ChannelCall> Call = E ? channelCall(*E) : std::nullopt;
  if (!Call)
    return std::nullopt;
  if (llvm::is_contained(Call->Kind->Signals, Call->Method))
    return ChannelStep{Call->Channel, false, &S};
  if (llvm::is_contained(Call->Kind->Waits, Call->Method))
    return ChannelStep{Call->Channel, true, &S};
  return std::nullopt;
}

/// The signals and waits among the statements of \p Block and of the blocks
/// written as its statements (`{ std::unique_lock lock(mu); cv.wait(lock); }`),
/// in order.
static llvm::SmallVector<ChannelStep, 4> stepsOf(const CompoundStmt &Block,
                                                 bool Nested = false) {
  llvm::SmallVector<ChannelStep, 4> Steps;
  for (const Stmt *Child : Block.body()) {
    if (const auto *Inner = dyn_cast<CompoundStmt>(Child)) {
      if (!Nested)
        Steps.append(stepsOf(*Inner, true));
    } else if (std::optional<ChannelStep> Step = stepOf(*Child)) {
      Steps.push_back(*Step);
    }
  }
  return Steps;
}

CodeStretch narrowByHandshakes(CodeStretch Running, const Stmt &Use,
                               const Stmt &ThreadBody, const Stmt &Start,
                               ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  auto Before = [&](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(A, B);
  };
  const auto *ThreadBlock = dyn_cast<CompoundStmt>(&ThreadBody);
  const Stmt *Around = &Start;
  while (Around && !isa<CompoundStmt>(Around))
    Around = parentStmt(*Around, Context);
  if (!ThreadBlock || !Around ||
      !ThreadBlock->getSourceRange().fullyContains(Use.getSourceRange()))
    return Running;
  const llvm::SmallVector<ChannelStep, 4> Launcher =
      stepsOf(*cast<CompoundStmt>(Around));
  // The launcher's first step of the kind on the channel while the thread
  // runs; no signal when it signalled the channel before, which a wait of
  // the thread may have seen.
  auto LauncherStep = [&](const ValueDecl *Channel,
                          bool Waits) -> const Stmt * {
    for (const ChannelStep &Step : Launcher) {
      if (Step.Channel != Channel)
        continue;
      const SourceLocation At = Step.Statement->getBeginLoc();
      if (!Before(Running.From, At)) {
        if (!Step.Waits && !Waits)
          return nullptr;
        continue;
      }
      if (Running.Until.isValid() && !Before(At, Running.Until))
        return nullptr;
      if (Step.Waits == Waits)
        return Step.Statement;
    }
    return nullptr;
  };
  llvm::SmallPtrSet<const ValueDecl *, 4> SignalledBeforeUse;
  for (const ChannelStep &Step : stepsOf(*ThreadBlock)) {
    const bool AfterUse =
        Before(Use.getEndLoc(), Step.Statement->getBeginLoc());
    if (!Step.Waits && !AfterUse) {
      SignalledBeforeUse.insert(Step.Channel);
    } else if (!Step.Waits && !SignalledBeforeUse.contains(Step.Channel)) {
      // The thread publishes the use: the launcher's wait ends the stretch.
      if (const Stmt *Wait = LauncherStep(Step.Channel, true))
        Running.Until = Wait->getBeginLoc();
    } else if (Step.Waits &&
               Before(Step.Statement->getEndLoc(), Use.getBeginLoc())) {
      // The use waits for the launcher: its signal starts the stretch.
      if (const Stmt *Signal = LauncherStep(Step.Channel, false))
        Running.From = Signal->getEndLoc();
    }
  }
  return Running;
}

void ChannelUses::add(const Stmt &Code) {
  walkDescendants(&Code, [&](const Stmt &S) {
    if (std::optional<ChannelStep> Step = stepOf(S))
      (Step->Waits ? Waited : Signalled).insert(Step->Channel);
    return Walk::Continue;
  });
}

bool ChannelUses::handshakesWith(const ChannelUses &Other) const {
  auto Meet = [](const llvm::SmallPtrSet<const ValueDecl *, 4> &Signals,
                 const llvm::SmallPtrSet<const ValueDecl *, 4> &Waits) {
    return llvm::any_of(Signals, [&](const ValueDecl *Channel) {
      return Waits.contains(Channel);
    });
  };
  return Meet(Signalled, Other.Waited) || Meet(Other.Signalled, Waited);
}

} // namespace clang::tidy::maptidy
