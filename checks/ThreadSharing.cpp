//===--- ThreadSharing.cpp - maptidy --------------------------------------===//

#include "ThreadSharing.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::maptidy {

/// Whether \p Record is std::thread or std::jthread.
static bool isThreadClass(const CXXRecordDecl *Record) {
  return isStdNamed(Record, {"thread", "jthread"});
}

/// `threads.emplace_back(...)` on a std::vector of threads, which constructs
/// the thread in place, and `std::async(std::launch::async, ...)`.
static bool startsThread(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const auto *Vector =
        Method ? dyn_cast<ClassTemplateSpecializationDecl>(Method->getParent())
               : nullptr;
    return nameOf(Method) == "emplace_back" && isStdNamed(Vector, {"vector"}) &&
           isThreadClass(
               Vector->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl());
  }
  if (!isStdNamed(Call.getDirectCallee(), {"async"}) || Call.getNumArgs() == 0)
    return false;
  const auto *Policy = dyn_cast<DeclRefExpr>(strip(Call.getArg(0)));
  return Policy && isa<EnumConstantDecl>(Policy->getDecl()) &&
         nameOf(Policy->getDecl()) == "async";
}

/// The lambda among \p Args; with \p ThroughFunction also one converted to
/// a std::function parameter.
static const LambdaExpr *lambdaArgument(ArrayRef<const Expr *> Args,
                                        bool ThroughFunction) {
  for (const Expr *Arg : Args) {
    const Expr *Value = Arg->IgnoreImplicit();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
        ThroughFunction && Construct && Construct->getNumArgs() == 1)
      Value = Construct->getArg(0)->IgnoreImplicit();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Value))
      return Lambda;
  }
  return nullptr;
}

ThreadStarts::ThreadStarts(std::vector<std::string> Launchers)
    : Launchers(std::move(Launchers)) {
  for (StringRef Name : this->Launchers) {
    const auto [Scope, Last] = Name.rsplit("::");
    LauncherNames.insert(Last.empty() ? Scope : Last);
  }
}

bool ThreadStarts::isLauncher(const FunctionDecl *Callee) const {
  if (!Callee || !LauncherNames.contains(nameOf(Callee)))
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

const LambdaExpr *ThreadStarts::threadBody(const Expr &Start) const {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Start))
    return isThreadClass(Construct->getConstructor()->getParent())
               ? lambdaArgument({Construct->getArgs(), Construct->getNumArgs()},
                                false)
               : nullptr;
  const auto *Call = dyn_cast<CallExpr>(&Start);
  if (!Call)
    return nullptr;
  const ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  if (startsThread(*Call))
    return lambdaArgument(Args, false);
  if (!LauncherNames.empty() && isLauncher(Call->getDirectCallee()))
    return lambdaArgument(Args, true);
  return nullptr;
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

Reach reachOf(const LambdaExpr *Thread, const ValueDecl &Decl) {
  if (isa<FieldDecl>(Decl)) {
    // [*this] gives the thread its own copy of the object.
    const bool CopiesThis =
        Thread && llvm::any_of(Thread->captures(), [](const LambdaCapture &C) {
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
  if (Thread)
    for (const LambdaCapture &Capture : Thread->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == Var)
        return Capture.getCaptureKind() == LCK_ByRef ? Reach::ByReference
                                                     : Reach::Own;
  return Var->getType()->isReferenceType() ? Reach::ThroughReference
                                           : Reach::Own;
}

} // namespace clang::tidy::maptidy
