//===--- DeclarationRewrite.cpp - maptidy ---------------------------------===//

#include "DeclarationRewrite.h"
#include "ProjectRewrites.h"
#include "RewriteUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

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
  if (!Record || !SM.isInMainFile(Record->getLocation()))
    return false;
  // No other unit can name a class of an anonymous namespace or a function.
  if (!Record->isExternallyVisible())
    return true;
  if (Field->getAccess() != AS_private ||
      Record->friend_begin() != Record->friend_end())
    return false;
  for (const CXXMethodDecl *Method : Record->methods())
    if (!Method->isImplicit() && !Method->isDefaulted() &&
        !Method->isDeleted() && !Method->isDefined())
      return false;
  return true;
}

DeclarationScope scopeOf(const DeclaratorDecl &Decl, const SourceManager &SM) {
  if (isa<ParmVarDecl>(Decl) || Decl.getLocation().isInvalid() ||
      SM.isInSystemHeader(Decl.getLocation()))
    return DeclarationScope::Public;
  return isPrivateToTranslationUnit(Decl, SM)
             ? DeclarationScope::TranslationUnit
             : DeclarationScope::Project;
}

/// Calls \p Visit on each initializer of \p Decl that is not a default
/// construction: its own, or a constructor's member initializer.
static void
forEachFillingInitializer(const DeclaratorDecl &Decl,
                          llvm::function_ref<void(const Expr &)> Visit) {
  auto Fills = [](const Expr *Init) {
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(strip(Init));
    return Init && !(Construct && Construct->getNumArgs() == 0);
  };
  if (const auto *Var = dyn_cast<VarDecl>(&Decl)) {
    if (Fills(Var->getInit()))
      Visit(*Var->getInit());
    return;
  }
  const auto *Field = cast<FieldDecl>(&Decl);
  if (Fills(Field->getInClassInitializer()))
    Visit(*Field->getInClassInitializer());
  for (const CXXConstructorDecl *Constructor :
       cast<CXXRecordDecl>(Field->getParent())->ctors())
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->getMember() == Field && Init->isWritten() &&
          Fills(Init->getInit()))
        Visit(*Init->getInit());
}

bool startsEmpty(const DeclaratorDecl &Decl) {
  bool Empty = true;
  forEachFillingInitializer(Decl, [&](const Expr &) { Empty = false; });
  return Empty;
}

std::string quotedName(const DeclaratorDecl &Decl) {
  return "'" + Decl.getNameAsString() + "'";
}

/// The declarations that spell the type of \p Decl: a variable's
/// redeclarations (a static member and its out-of-line definition), or the
/// member itself.
static std::vector<const DeclaratorDecl *>
redeclarations(const DeclaratorDecl &Decl) {
  std::vector<const DeclaratorDecl *> Result;
  if (const auto *Var = dyn_cast<VarDecl>(&Decl))
    for (const VarDecl *Redecl : Var->redecls())
      Result.push_back(Redecl);
  else
    Result.push_back(&Decl);
  return Result;
}

/// Appends the edit of the type \p Redecl spells, or says why there is none.
static std::optional<RewriteBlocker> planType(const DeclaratorDecl &Redecl,
                                              TypeRewriter NewType,
                                              std::vector<FixItHint> &Edits,
                                              const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const std::string Name = quotedName(Redecl);
  const SourceLocation At = Redecl.getLocation();
  const TypeSourceInfo *Info = Redecl.getTypeSourceInfo();
  if (!Info)
    return RewriteBlocker{At,
                          "the type of " + Name + " is not spelled out here"};
  if (Redecl.getType()->getContainedDeducedType())
    return RewriteBlocker{At, "the type of " + Name +
                                  " is deduced from its initializer (auto)"};
  const TypeLoc Written = Info->getTypeLoc();
  const SourceRange Range = Written.getSourceRange();
  if (!spelledText(Range, Context))
    return RewriteBlocker{At, "the type of " + Name +
                                  " is written through a macro"};
  // `std::map<K, V> a, b;` shares the written type between declarators.
  const std::optional<std::string> Between =
      spelledText(SourceRange(Range.getEnd(), At), Context);
  const std::optional<Token> Next =
      Lexer::findNextToken(Redecl.getEndLoc(), SM, Context.getLangOpts());
  if (!Between || StringRef(*Between).contains(',') ||
      (Next && Next->is(tok::comma)))
    return RewriteBlocker{
        At, Name + " is declared together with other " +
                (isa<FieldDecl>(Redecl) ? "members" : "variables")};
  std::string Text;
  if (std::optional<RewriteBlocker> Blocker = NewType(Written, Text))
    return Blocker;
  Edits.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Range), Text));
  return std::nullopt;
}

/// Why the initializers of \p Redecl cannot stay, if they cannot.
static std::optional<RewriteBlocker>
planInitializers(const DeclaratorDecl &Redecl,
                 llvm::function_ref<bool(const Expr &)> KeepsInitializer) {
  std::optional<RewriteBlocker> Blocker;
  forEachFillingInitializer(Redecl, [&](const Expr &Init) {
    if (!Blocker && !(KeepsInitializer && KeepsInitializer(Init)))
      Blocker = {Redecl.getLocation(),
                 quotedName(Redecl) + " is initialized with contents"};
  });
  return Blocker;
}

DeclarationRewritePlan planDeclarationRewrite(
    const DeclaratorDecl &Decl, ArrayRef<const Expr *> Uses,
    TypeRewriter NewType, UseRewriter RewriteUse, ASTContext &Context,
    llvm::function_ref<bool(const Expr &Init)> KeepsInitializer,
    DeclarationScope Reach) {
  DeclarationRewritePlan Plan;
  Plan.Scope = scopeOf(Decl, Context.getSourceManager());
  auto Blocked = [&](RewriteBlocker Blocker) {
    Plan.Edits.clear();
    Plan.Blocker = std::move(Blocker);
    return Plan;
  };
  if (Plan.Scope > Reach)
    return Blocked(
        {Decl.getLocation(),
         Plan.Scope == DeclarationScope::Project
             ? projectWideFixNote(quotedName(Decl))
             : quotedName(Decl) + " is visible outside this translation unit"});
  for (const DeclaratorDecl *Redecl : redeclarations(Decl)) {
    if (std::optional<RewriteBlocker> Blocker =
            planType(*Redecl, NewType, Plan.Edits, Context))
      return Blocked(std::move(*Blocker));
    if (std::optional<RewriteBlocker> Blocker =
            planInitializers(*Redecl, KeepsInitializer))
      return Blocked(std::move(*Blocker));
  }
  for (const Expr *Use : Uses)
    if (std::optional<RewriteBlocker> Blocker = RewriteUse(*Use, Plan.Edits))
      return Blocked(std::move(*Blocker));
  return Plan;
}

} // namespace clang::tidy::maptidy
