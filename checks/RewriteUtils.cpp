//===--- RewriteUtils.cpp - maptidy ---------------------------------------===//

#include "RewriteUtils.h"
#include "utils/ASTUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::maptidy {

const Expr *strip(const Expr *E) {
  return E ? E->IgnoreImplicit()->IgnoreParenImpCasts() : nullptr;
}

const Expr *dereferencedOperand(const Expr &E) {
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&E);
      Operator && Operator->getNumArgs() == 1 &&
      (Operator->getOperator() == OO_Star ||
       Operator->getOperator() == OO_Arrow))
    return strip(Operator->getArg(0));
  if (const auto *Deref = dyn_cast<UnaryOperator>(&E);
      Deref && Deref->getOpcode() == UO_Deref)
    return strip(Deref->getSubExpr());
  return nullptr;
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
  // The range of a range-for initializes the loop's hidden range variable.
  if (const auto *Range = dyn_cast_or_null<DeclStmt>(Parent))
    if (const auto *Loop =
            dyn_cast_or_null<CXXForRangeStmt>(parentStmt(*Range, Context));
        Loop && Loop->getRangeStmt() == Range)
      return Loop;
  return Parent;
}

bool isEqualityTest(const Stmt *S) {
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(S))
    return Operator->getOperator() == OO_EqualEqual ||
           Operator->getOperator() == OO_ExclaimEqual;
  const auto *Binary = dyn_cast_or_null<BinaryOperator>(S);
  return Binary && Binary->isEqualityOp();
}

std::optional<std::pair<const Expr *, const Expr *>>
comparisonOperands(const Expr *E, BinaryOperatorKind Op) {
  E = strip(E);
  if (const auto *Rewritten = dyn_cast_or_null<CXXRewrittenBinaryOperator>(E)) {
    const CXXRewrittenBinaryOperator::DecomposedForm Form =
        Rewritten->getDecomposedForm();
    if (Form.Opcode == Op)
      return std::make_pair(Form.LHS, Form.RHS);
  } else if (const auto *Call = dyn_cast_or_null<CXXOperatorCallExpr>(E)) {
    if (Call->getNumArgs() == 2 &&
        Call->getOperator() == BinaryOperator::getOverloadedOperator(Op))
      return std::make_pair(Call->getArg(0), Call->getArg(1));
  } else if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(E)) {
    if (Binary->getOpcode() == Op)
      return std::make_pair(Binary->getLHS(), Binary->getRHS());
  }
  return std::nullopt;
}

std::pair<const Stmt *, const Stmt *> parentAndChild(const Stmt &E,
                                                     ASTContext &Context) {
  const Stmt *Child = &E;
  const Stmt *Parent = parentStmt(E, Context);
  while (isa_and_nonnull<ParenExpr, ExprWithCleanups>(Parent)) {
    Child = Parent;
    Parent = parentStmt(*Parent, Context);
  }
  return {Parent, Child};
}

const Stmt *statementOf(const Expr &E, ASTContext &Context) {
  const Stmt *Current = &E;
  for (const Stmt *Parent = parentStmt(E, Context); Parent && isa<Expr>(Parent);
       Parent = parentStmt(*Parent, Context))
    Current = Parent;
  if (const Stmt *Parent = parentStmt(*Current, Context);
      Parent && isa<DeclStmt>(Parent))
    return Parent;
  return Current;
}

std::optional<MemberCallParts> memberCallParts(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(strip(E));
  if (!Call || isa<CXXOperatorCallExpr>(Call))
    return std::nullopt;
  const Expr *Callee = Call->getCallee()->IgnoreParens();
  if (const auto *Member = dyn_cast<MemberExpr>(Callee)) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Method)
      return std::nullopt;
    return MemberCallParts{Call,          Member->getBase(), nameOf(Method),
                           Call->getNumArgs(), Member->isArrow(), Method,
                           Member->getMemberLoc()};
  }
  const Expr *Base = nullptr;
  DeclarationName Name;
  bool Arrow = false;
  SourceLocation Loc;
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Callee);
      Member && !Member->isImplicitAccess()) {
    Base = Member->getBase();
    Name = Member->getMember();
    Arrow = Member->isArrow();
    Loc = Member->getMemberLoc();
  } else if (const auto *Member = dyn_cast<UnresolvedMemberExpr>(Callee);
             Member && !Member->isImplicitAccess()) {
    Base = Member->getBase();
    Name = Member->getMemberName();
    Arrow = Member->isArrow();
    Loc = Member->getMemberLoc();
  }
  if (!Base || !Name.isIdentifier())
    return std::nullopt;
  return MemberCallParts{Call,  Base, Name.getAsIdentifierInfo()->getName(),
                         Call->getNumArgs(), Arrow, nullptr, Loc};
}

const Expr *containerOfIteratorCall(const Expr *E, bool End) {
  E = strip(E);
  const StringRef Name = End ? "end" : "begin";
  const StringRef ConstName = End ? "cend" : "cbegin";
  auto IsBoundary = [&](const NamedDecl *Decl) {
    return nameOf(Decl) == Name || nameOf(Decl) == ConstName;
  };
  if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(E))
    if (Member->getNumArgs() == 0 && IsBoundary(Member->getMethodDecl()))
      return Member->getImplicitObjectArgument();
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    if (const auto *Callee = Call->getDirectCallee();
        Callee && Callee->isInStdNamespace() && Call->getNumArgs() == 1 &&
        IsBoundary(Callee))
      return Call->getArg(0);
  return nullptr;
}

const Stmt *enclosingFunctionBody(const Stmt &S, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(S);
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *Function = Node.get<FunctionDecl>())
      return Function->getBody();
    if (const auto *Lambda = Node.get<LambdaExpr>())
      return Lambda->getBody();
  }
}

const DeclContext *enclosingDeclContext(const Stmt &S, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(S);
  while (!Parents.empty()) {
    if (const auto *Lambda = Parents[0].get<LambdaExpr>())
      return Lambda->getCallOperator();
    if (const auto *Scope =
            dyn_cast_or_null<DeclContext>(Parents[0].get<Decl>()))
      return Scope;
    Parents = Context.getParents(Parents[0]);
  }
  return nullptr;
}

const Stmt *enclosingLoop(const Stmt &S, const Stmt &Body,
                          ASTContext &Context) {
  for (const Stmt *Parent = parentStmt(S, Context); Parent && Parent != &Body;
       Parent = parentStmt(*Parent, Context))
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Parent))
      return Parent;
  return nullptr;
}

const Stmt &writtenCode(const CapturedStmt &Region) {
  return *Region.getCapturedStmt();
}

bool isCaptureInit(const Expr &Ref, ASTContext &Context) {
  const DynTypedNodeList Parents = Context.getParents(Ref);
  return !Parents.empty() && Parents[0].get<CapturedStmt>();
}

bool walkDescendants(const Stmt *S,
                     llvm::function_ref<Walk(const Stmt &)> Visit) {
  if (!S)
    return false;
  switch (Visit(*S)) {
  case Walk::Stop:
    return true;
  case Walk::SkipChildren:
    return false;
  case Walk::Continue:
    break;
  }
  if (const auto *Captured = dyn_cast<CapturedStmt>(S))
    return walkDescendants(&writtenCode(*Captured), Visit);
  for (const Stmt *Child : S->children())
    if (walkDescendants(Child, Visit))
      return true;
  return false;
}

void forEachReference(const Stmt *S, const ValueDecl *Decl,
                      llvm::function_ref<void(const Expr &)> Visit) {
  walkDescendants(S, [&](const Stmt &Node) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node);
        Ref && Ref->getDecl() == Decl)
      Visit(*Ref);
    if (const auto *Member = dyn_cast<MemberExpr>(&Node);
        Member && Member->getMemberDecl() == Decl &&
        isa<CXXThisExpr>(strip(Member->getBase())))
      Visit(*Member);
    return Walk::Continue;
  });
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

/// Whether \p Loc is one of the `>` a `>>` closing two template argument
/// lists is split into.
static bool isSplitAngle(SourceLocation Loc, const SourceManager &SM) {
  if (!Loc.isMacroID())
    return false;
  const SrcMgr::ExpansionInfo &Expansion =
      SM.getSLocEntry(SM.getFileID(Loc)).getExpansion();
  return !Expansion.isExpansionTokenRange() &&
         !Expansion.isMacroArgExpansion() &&
         *SM.getCharacterData(SM.getSpellingLoc(Loc)) == '>';
}

std::optional<std::string> spelledText(SourceRange Range,
                                       const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation Begin = Range.getBegin(), End = Range.getEnd();
  if (isSplitAngle(Begin, SM))
    Begin = SM.getExpansionLoc(Begin);
  CharSourceRange Chars = CharSourceRange::getTokenRange(Begin, End);
  if (isSplitAngle(End, SM))
    Chars = CharSourceRange::getCharRange(
        Begin, SM.getExpansionLoc(End).getLocWithOffset(1));
  if (Begin.isInvalid() || Begin.isMacroID() || Chars.getEnd().isMacroID())
    return std::nullopt;
  const StringRef Text = Lexer::getSourceText(Chars, SM, Context.getLangOpts());
  if (Text.empty())
    return std::nullopt;
  return Text.str();
}

std::optional<StringRef> unusedName(llvm::ArrayRef<StringRef> Candidates,
                                    const FunctionDecl &Function,
                                    const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const LangOptions &LangOpts = Context.getLangOpts();
  const CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Function.getSourceRange()), SM, LangOpts);
  if (Range.isInvalid())
    return std::nullopt;
  llvm::StringSet<> Used;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function))
    for (const Decl *Member : Method->getParent()->decls())
      if (const auto *Named = dyn_cast<NamedDecl>(Member))
        Used.insert(nameOf(Named));
  const StringRef Text = Lexer::getSourceText(Range, SM, LangOpts);
  Lexer Raw(Range.getBegin(), LangOpts, Text.begin(), Text.begin(), Text.end());
  Token Tok;
  bool Qualified = false;
  for (bool AtEnd = false; !AtEnd;) {
    AtEnd = Raw.LexFromRawLexer(Tok);
    if (Tok.is(tok::raw_identifier) && !Qualified)
      Used.insert(Tok.getRawIdentifier());
    Qualified = Tok.isOneOf(tok::period, tok::arrow, tok::coloncolon);
  }
  for (StringRef Candidate : Candidates)
    if (!Used.contains(Candidate))
      return Candidate;
  return std::nullopt;
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
