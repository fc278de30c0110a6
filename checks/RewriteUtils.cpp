//===--- RewriteUtils.cpp - maptidy ---------------------------------------===//

#include "RewriteUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "utils/ASTUtils.h"

namespace clang::tidy::maptidy {

const Expr *strip(const Expr *E) {
  return E ? E->IgnoreImplicit()->IgnoreParenImpCasts() : nullptr;
}

StringRef nameOf(const NamedDecl *Decl) {
  return Decl && Decl->getDeclName().isIdentifier() ? Decl->getName()
                                                    : StringRef();
}

const Stmt *parentStmt(const Stmt &S, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(S);
  while (!Parents.empty()) {
    if (const auto *Parent = Parents[0].get<Stmt>())
      return Parent;
    if (!Parents[0].get<VarDecl>())
      return nullptr;
    Parents = Context.getParents(Parents[0]);
  }
  return nullptr;
}

const Stmt *userParent(const Expr &E, ASTContext &Context) {
  const Stmt *Parent = parentStmt(E, Context);
  while (Parent && isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                       CXXBindTemporaryExpr, ExprWithCleanups>(Parent))
    Parent = parentStmt(*Parent, Context);
  return Parent;
}

std::optional<std::string> textOf(const Expr &E, const ASTContext &Context) {
  const SourceRange Range = E.IgnoreImplicit()->getSourceRange();
  if (Range.isInvalid() || Range.getBegin().isMacroID() ||
      Range.getEnd().isMacroID())
    return std::nullopt;
  const StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                           Context.getSourceManager(), Context.getLangOpts());
  if (Text.empty())
    return std::nullopt;
  return Text.str();
}

std::optional<std::string> operandText(const Expr &E,
                                       const ASTContext &Context) {
  std::optional<std::string> Text = textOf(E, Context);
  if (Text && utils::isBinaryOrTernary(E.IgnoreImplicit()))
    return "(" + *Text + ")";
  return Text;
}

std::optional<std::string> indentationAt(SourceLocation Loc,
                                         const SourceManager &SM) {
  const std::pair<FileID, unsigned> Position = SM.getDecomposedLoc(Loc);
  const StringRef BeforeLoc =
      SM.getBufferData(Position.first).take_front(Position.second);
  const StringRef LinePrefix = BeforeLoc.substr(BeforeLoc.rfind('\n') + 1);
  if (LinePrefix.find_first_not_of(" \t") != StringRef::npos)
    return std::nullopt;
  return LinePrefix.str();
}

} // namespace clang::tidy::maptidy
