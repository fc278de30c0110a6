//===--- DeclarationRewrite.cpp - maptidy ---------------------------------===//

#include "DeclarationRewrite.h"
#include "RewriteUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::maptidy {

bool isPrivateToTranslationUnit(const DeclaratorDecl &Decl,
                                const SourceManager &SM) {
  if (const auto *Var = dyn_cast<VarDecl>(&Decl)) {
    if (isa<ParmVarDecl>(Var))
      return false;
    if (Var->isLocalVarDecl())
      return true;
    return !Var->isExternallyVisible() && SM.isInMainFile(Var->getLocation());
  }
  const auto *Field = cast<FieldDecl>(&Decl);
  const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Record || Field->getAccess() != AS_private ||
      !SM.isInMainFile(Record->getLocation()) ||
      Record->friend_begin() != Record->friend_end())
    return false;
  for (const CXXMethodDecl *Method : Record->methods())
    if (!Method->isImplicit() && !Method->isDefaulted() &&
        !Method->isDeleted() && !Method->isDefined())
      return false;
  return true;
}

bool startsEmpty(const DeclaratorDecl &Decl) {
  auto IsEmptyInit = [](const Expr *Init) {
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(strip(Init));
    return !Init || (Construct && Construct->getNumArgs() == 0);
  };
  if (const auto *Var = dyn_cast<VarDecl>(&Decl))
    return IsEmptyInit(Var->getInit());
  const auto *Field = cast<FieldDecl>(&Decl);
  if (!IsEmptyInit(Field->getInClassInitializer()))
    return false;
  for (const CXXConstructorDecl *Constructor :
       cast<CXXRecordDecl>(Field->getParent())->ctors())
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->getMember() == Field && Init->isWritten() &&
          !IsEmptyInit(Init->getInit()))
        return false;
  return true;
}

} // namespace clang::tidy::maptidy
