//===--- ObjectLifecycle.cpp - maptidy ------------------------------------===//

#include "ObjectLifecycle.h"
#include "RewriteUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace clang::tidy::maptidy {

namespace {
using CallersMap = llvm::DenseMap<const CXXMethodDecl *,
                                  llvm::SmallPtrSet<const CXXMethodDecl *, 4>>;
using MethodSet = llvm::SmallPtrSet<const CXXMethodDecl *, 8>;
} // namespace

/// The caller that stands for the code of an open before its first start.
static const CXXMethodDecl *const BeforeStart = nullptr;

/// The member function \p S calls on `this`, if it is such a call (a call
/// through a pointer to member function names none). Canonical.
static const CXXMethodDecl *callOnThis(const Stmt &S) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
  if (!Call || !Call->getMethodDecl() ||
      !isa<CXXThisExpr>(strip(Call->getImplicitObjectArgument())))
    return nullptr;
  return Call->getMethodDecl()->getCanonicalDecl();
}

/// Notes in \p CallersOf the member functions \p Code calls on `this` with
/// \p Caller as theirs; in \p Later those called in a lambda, which may run
/// later on any thread.
static void noteCallsOnThis(const CXXMethodDecl *Caller, const Stmt *Code,
                            CallersMap &CallersOf, MethodSet &Later,
                            bool InLambda) {
  walkDescendants(Code, [&](const Stmt &S) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
      noteCallsOnThis(Caller, Lambda->getBody(), CallersOf, Later, true);
      return Walk::SkipChildren;
    }
    if (const CXXMethodDecl *Callee = callOnThis(S)) {
      CallersOf[Callee].insert(Caller);
      if (InLambda)
        Later.insert(Callee);
    }
    return Walk::Continue;
  });
}

/// Whether \p Code, outside lambdas (which run later), starts one of
/// \p Threads or calls on `this` a member function of \p Starting.
static bool startsThreads(const Stmt *Code,
                          llvm::ArrayRef<ThreadOnThis> Threads,
                          const MethodSet &Starting) {
  return walkDescendants(Code, [&](const Stmt &S) {
    if (llvm::any_of(Threads,
                     [&](const ThreadOnThis &T) { return T.Launch == &S; }))
      return Walk::Stop;
    if (isa<LambdaExpr>(S))
      return Walk::SkipChildren;
    const CXXMethodDecl *Callee = callOnThis(S);
    return Callee && Starting.contains(Callee) ? Walk::Stop : Walk::Continue;
  });
}

/// The code of \p Definition: its body, and a constructor's initializers.
static llvm::SmallVector<const Stmt *, 4>
codeOf(const FunctionDecl &Definition) {
  llvm::SmallVector<const Stmt *, 4> Code{Definition.getBody()};
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Definition))
    for (const CXXCtorInitializer *Init : Constructor->inits())
      Code.push_back(Init->getInit());
  return Code;
}

UnsharedCode unsharedCode(const CXXRecordDecl &Record,
                          llvm::ArrayRef<ThreadOnThis> Threads,
                          const LockVocabulary &Vocabulary) {
  UnsharedCode Unshared;
  llvm::SmallVector<std::pair<const CXXMethodDecl *, const FunctionDecl *>, 16>
      Defined;
  for (const CXXMethodDecl *Method : Record.methods())
    if (const FunctionDecl *Definition = nullptr; Method->hasBody(Definition))
      Defined.push_back({Method->getCanonicalDecl(), Definition});

  // The member functions that start the class's threads, themselves or
  // through one another.
  MethodSet Starting;
  for (bool Grew = !Threads.empty(); Grew;) {
    Grew = false;
    for (const auto &[Method, Definition] : Defined)
      if (!Starting.contains(Method) &&
          llvm::any_of(codeOf(*Definition), [&](const Stmt *Code) {
            return startsThreads(Code, Threads, Starting);
          }))
        Grew |= Starting.insert(Method).second;
  }
  // Threads started where no member function shows it (in a lambda), or by
  // a constructor: the object may be shared from its construction on.
  const bool StartsAtConstruction =
      llvm::any_of(Threads,
                   [&](const ThreadOnThis &Thread) {
                     return llvm::none_of(Defined, [&](const auto &Entry) {
                       return llvm::any_of(
                           codeOf(*Entry.second), [&](const Stmt *Code) {
                             return startsThreads(Code, Thread, {});
                           });
                     });
                   }) ||
      llvm::any_of(Starting, [](const CXXMethodDecl *Method) {
        return isa<CXXConstructorDecl, CXXDestructorDecl>(Method);
      });

  auto CollectCallers = [&](CallersMap &CallersOf, MethodSet &Later) {
    for (const auto &[Method, Definition] : Defined) {
      const Stmt *Until = Unshared.OpenUntil.lookup(Method);
      for (const Stmt *Code : codeOf(*Definition)) {
        const auto *Block = dyn_cast_or_null<CompoundStmt>(Code);
        if (!Until || !Block) {
          noteCallsOnThis(Method, Code, CallersOf, Later, false);
          continue;
        }
        bool Started = false;
        for (const Stmt *Statement : Block->body()) {
          Started |= Statement == Until;
          noteCallsOnThis(Started ? Method : BeforeStart, Statement, CallersOf,
                          Later, false);
        }
      }
    }
  };
  CallersMap CallersOf;
  MethodSet Later;
  CollectCallers(CallersOf, Later);

  if (!Threads.empty() && !StartsAtConstruction) {
    // What the threads run, and what that calls.
    MethodSet OnThreads = Later;
    for (const ThreadOnThis &Thread : Threads)
      for (const CXXMethodDecl *Method : Thread.Runs)
        OnThreads.insert(Method->getCanonicalDecl());
    for (bool Grew = true; Grew;) {
      Grew = false;
      for (const auto &[Callee, Callers] : CallersOf)
        if (!OnThreads.contains(Callee) &&
            llvm::any_of(Callers, [&](const CXXMethodDecl *Caller) {
              return OnThreads.contains(Caller);
            }))
          Grew |= OnThreads.insert(Callee).second;
    }
    for (const auto &[Method, Definition] : Defined) {
      const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
      if (!Body || !Starting.contains(Method) ||
          Method->getAccess() != AS_public || Method->isStatic() ||
          OnThreads.contains(Method))
        continue;
      const auto Start = llvm::find_if(Body->body(), [&](const Stmt *S) {
        return startsThreads(S, Threads, Starting);
      });
      // A lock taken before the start: the object is shared already.
      if (Start != Body->body_end() &&
          std::none_of(Body->body_begin(), Start,
                       [&](const Stmt *S) { return Vocabulary.takesLock(S); }))
        Unshared.OpenUntil[Method] = *Start;
    }
    // Again, with the calls before the first starts made by BeforeStart.
    CallersOf.clear();
    Later.clear();
    CollectCallers(CallersOf, Later);
  }

  for (const CXXMethodDecl *Method : Record.methods())
    if (isa<CXXConstructorDecl, CXXDestructorDecl>(Method))
      Unshared.Functions.insert(Method->getCanonicalDecl());
  for (bool Grew = true; Grew;) {
    Grew = false;
    for (const auto &[Callee, Callers] : CallersOf)
      if (Callee->getParent()->getCanonicalDecl() ==
              Record.getCanonicalDecl() &&
          Callee->getAccess() != AS_public && !Later.contains(Callee) &&
          !Unshared.Functions.contains(Callee) &&
          llvm::all_of(Callers, [&](const CXXMethodDecl *Caller) {
            return Caller == BeforeStart || Unshared.Functions.contains(Caller);
          }))
        Grew |= Unshared.Functions.insert(Callee).second;
  }
  return Unshared;
}

bool UnsharedCode::beforeFirstStart(const CXXMethodDecl &Method,
                                    SourceLocation Where,
                                    const SourceManager &SM) const {
  const Stmt *Until = OpenUntil.lookup(Method.getCanonicalDecl());
  return Until && SM.isBeforeInTranslationUnit(Where, Until->getBeginLoc());
}

} // namespace clang::tidy::maptidy
