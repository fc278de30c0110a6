//===--- StandardCalls.cpp - maptidy --------------------------------------===//

#include "StandardCalls.h"
#include "RewriteUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::maptidy {

bool isStdNamed(const NamedDecl *Decl, llvm::ArrayRef<StringRef> Names) {
  return Decl && Decl->isInStdNamespace() &&
         llvm::is_contained(Names, nameOf(Decl));
}

bool isBoostNamed(const NamedDecl *Decl, llvm::ArrayRef<StringRef> Names) {
  const auto *Namespace =
      Decl ? dyn_cast<NamespaceDecl>(Decl->getDeclContext()) : nullptr;
  return Namespace && nameOf(Namespace) == "boost" &&
         Namespace->getParent()->isTranslationUnit() &&
         llvm::is_contained(Names, nameOf(Decl));
}

/// Whether \p Context is namespace std::ranges or an inline namespace of it.
static bool isStdRanges(const DeclContext *Context) {
  const auto *Namespace = dyn_cast<NamespaceDecl>(Context);
  while (Namespace && Namespace->isInline())
    Namespace = dyn_cast<NamespaceDecl>(Namespace->getParent());
  return Namespace && nameOf(Namespace) == "ranges" &&
         Namespace->getParent()->isStdNamespace();
}

StringRef standardAlgorithmOf(const CallExpr &Call) {
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Operator->getOperator() != OO_Call)
      return {};
    const auto *Object = dyn_cast<DeclRefExpr>(strip(Operator->getArg(0)));
    const auto *Var = Object ? dyn_cast<VarDecl>(Object->getDecl()) : nullptr;
    return Var && isStdRanges(Var->getDeclContext()) ? nameOf(Var)
                                                     : StringRef();
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  // In a template, a call with dependent arguments names its candidates:
  // `std::sort(files.begin(), files.end(), cmp)`.
  if (const auto *Candidates = dyn_cast<UnresolvedLookupExpr>(
          Call.getCallee()->IgnoreParenImpCasts());
      !Callee && Candidates && Candidates->getNumDecls() != 0) {
    const NamedDecl *First = *Candidates->decls_begin();
    const bool AllStandard =
        llvm::all_of(Candidates->decls(), [&](const NamedDecl *Candidate) {
          const FunctionDecl *Function = Candidate->getAsFunction();
          return Function && !isa<CXXMethodDecl>(Function) &&
                 Function->isInStdNamespace() &&
                 nameOf(Function) == nameOf(First);
        });
    return AllStandard ? nameOf(First) : StringRef();
  }
  return Callee && !isa<CXXMethodDecl>(Callee) && Callee->isInStdNamespace()
             ? nameOf(Callee)
             : StringRef();
}

} // namespace clang::tidy::maptidy
