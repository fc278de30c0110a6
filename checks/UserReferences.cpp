//===--- UserReferences.cpp - maptidy -------------------------------------===//

#include "UserReferences.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::maptidy {

namespace {
class ReferenceCollector : public RecursiveASTVisitor<ReferenceCollector> {
public:
  ReferenceCollector(
      const SourceManager &SM,
      llvm::function_ref<std::vector<const Expr *> *(const ValueDecl &)> UsesOf)
      : SM(SM), UsesOf(UsesOf) {}

  bool isInSystemHeader(SourceLocation Loc) const {
    const SourceLocation Expansion = SM.getExpansionLoc(Loc);
    return Expansion.isValid() && SM.isInSystemHeader(Expansion);
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    record(Ref->getDecl(), *Ref);
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    record(Member->getMemberDecl(), *Member);
    return true;
  }

private:
  void record(const ValueDecl *Target, const Expr &Ref) {
    std::vector<const Expr *> *Uses =
        UsesOf(*cast<ValueDecl>(Target->getCanonicalDecl()));
    if (Uses && !isInSystemHeader(Ref.getBeginLoc()))
      Uses->push_back(&Ref);
  }

  const SourceManager &SM;
  llvm::function_ref<std::vector<const Expr *> *(const ValueDecl &)> UsesOf;
};
} // namespace

void collectUserReferences(
    ASTContext &Context,
    llvm::function_ref<std::vector<const Expr *> *(const ValueDecl &)> UsesOf) {
  ReferenceCollector Collector(Context.getSourceManager(), UsesOf);
  const auto Walk = [&Collector](Decl *TopLevel) {
    if (!Collector.isInSystemHeader(TopLevel->getLocation()))
      Collector.TraverseDecl(TopLevel);
  };
  // The whole unit, or the declarations a driver narrowed the scope to.
  for (Decl *Scope : Context.getTraversalScope()) {
    if (const auto *Unit = dyn_cast<TranslationUnitDecl>(Scope))
      llvm::for_each(Unit->decls(), Walk);
    else
      Walk(Scope);
  }
}

} // namespace clang::tidy::maptidy
