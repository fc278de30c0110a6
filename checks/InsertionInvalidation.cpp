//===--- InsertionInvalidation.cpp - maptidy ------------------------------===//

#include "InsertionInvalidation.h"
#include "ContainerTypes.h"
#include "RewriteUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::maptidy {

std::string keptAcrossInsertionReason(StringRef Container) {
  return "a reference or iterator from this access is used after an "
         "insertion, which may move the elements of " +
         Container.str();
}

bool mayInsert(StringRef Method) {
  return Method == "insert" || Method == "emplace" ||
         Method == "try_emplace" || Method == "insert_or_assign";
}

namespace {
/// Where the value of an access goes after its statement.
struct Holder {
  /// Variables that refer into the map: a reference, pointer or iterator,
  /// or the bindings of a structured binding.
  llvm::SmallVector<const ValueDecl *, 2> Variables;
  /// A range-for over the element: it is referred to throughout the body.
  const CXXForRangeStmt *Loop = nullptr;
  /// A reference, pointer or iterator kept where this analysis does not
  /// follow it: returned, stored outside a local variable, passed to a call.
  bool Escapes = false;
};
} // namespace

/// An iterator, or the pair of an iterator and a bool that insert returns.
static bool isIteratorLike(QualType Type) {
  const std::string Name = qualifiedClassName(Type.getNonReferenceType());
  if (Name == "::std::pair") {
    const QualType First = firstTemplateArgument(Type.getNonReferenceType());
    return !First.isNull() && isIteratorLike(First);
  }
  return StringRef(Name).ends_with("iterator");
}

/// The variable \p Declaration declares; none for several declarators.
static const VarDecl *declaredFrom(const DeclStmt &Declaration) {
  return Declaration.isSingleDecl()
             ? dyn_cast<VarDecl>(Declaration.getSingleDecl())
             : nullptr;
}

static Holder holderOf(const Expr &Result, ASTContext &Context) {
  Holder Found;
  const Expr *Cursor = &Result;
  // An iterator, the pair an insert returns, or an address refers into the
  // map even when copied; an element does only through a reference.
  bool Indirect = isIteratorLike(Result.getType());
  const Stmt *Parent = userParent(*Cursor, Context);
  while (true) {
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(Parent);
        Member && Indirect && nameOf(Member->getMemberDecl()) == "first") {
      Cursor = Member;
    } else if (const auto *Address = dyn_cast_or_null<UnaryOperator>(Parent);
               Address && Address->getOpcode() == UO_AddrOf) {
      Cursor = Address;
      Indirect = true;
    } else {
      break;
    }
    Parent = userParent(*Cursor, Context);
  }
  if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(Parent)) {
    const VarDecl *Var = declaredFrom(*Declaration);
    if (!Var || (!Indirect && !Var->getType()->isReferenceType()))
      return Found;
    Found.Escapes = !Var->isLocalVarDecl() || Var->isStaticLocal();
    if (const auto *Bindings = dyn_cast<DecompositionDecl>(Var))
      for (const BindingDecl *Binding : Bindings->bindings())
        Found.Variables.push_back(Binding);
    else
      Found.Variables.push_back(Var);
  } else if (const auto *Assign = dyn_cast_or_null<Expr>(Parent);
             Assign && Indirect) {
    // `p = &m[k];`, `it = m.find(k);`
    const Expr *Target = nullptr;
    if (const auto *Built = dyn_cast<BinaryOperator>(Assign);
        Built && Built->getOpcode() == BO_Assign)
      Target = Built->getLHS();
    else if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(Assign);
             Call && Call->getOperator() == OO_Equal)
      Target = Call->getArg(0);
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
        Target ? Target->IgnoreParenImpCasts() : nullptr);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Var && Var->isLocalVarDecl() && !Var->isStaticLocal())
      Found.Variables.push_back(Var);
    else if (Target) // A member, a global, or through a pointer.
      Found.Escapes = true;
    else // Passed to a function or stored in an object.
      Found.Escapes = isa<CallExpr, CXXConstructExpr, InitListExpr>(Assign) &&
                      !isa<CXXOperatorCallExpr>(Assign);
  } else if (const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(Parent)) {
    Found.Loop = Loop;
  } else if (isa_and_nonnull<ReturnStmt>(Parent)) {
    Found.Escapes = isReturnedAsReference(*Cursor, Context);
  }
  return Found;
}

bool isReturnedAsReference(const Expr &E, ASTContext &Context) {
  const auto *Return = dyn_cast_or_null<ReturnStmt>(
      parentStmt(*statementOf(E, Context), Context));
  const auto *Function = Return ? dyn_cast_or_null<FunctionDecl>(
                                      enclosingDeclContext(*Return, Context))
                                : nullptr;
  const QualType Type = Function ? Function->getReturnType() : QualType();
  return !Type.isNull() && (Type->isReferenceType() || Type->isPointerType() ||
                            isIteratorLike(Type));
}

static bool contains(const Stmt &Outer, const Stmt &Inner,
                     const SourceManager &SM) {
  const SourceRange Range = Outer.getSourceRange();
  return !SM.isBeforeInTranslationUnit(Inner.getBeginLoc(), Range.getBegin()) &&
         !SM.isBeforeInTranslationUnit(Range.getEnd(), Inner.getBeginLoc());
}

/// Whether \p Variable, set from \p Access in \p Body, is referred to after
/// \p Insertion runs: when the insertion follows the access in the text, in
/// a later reference; or in a loop around the insertion that the variable's
/// declaration is outside of.
static bool usedAfter(const ValueDecl &Variable, const Expr &Access,
                      const Stmt &Body, const Expr &Insertion,
                      ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  llvm::SmallVector<const Stmt *, 2> Loops;
  for (const Stmt *Loop = enclosingLoop(Insertion, Body, Context); Loop;
       Loop = enclosingLoop(*Loop, Body, Context))
    if (SM.isBeforeInTranslationUnit(Variable.getLocation(),
                                     Loop->getBeginLoc()))
      Loops.push_back(Loop);
  const bool Follows =
      SM.isBeforeInTranslationUnit(Access.getEndLoc(), Insertion.getBeginLoc());
  bool Used = false;
  forEachReference(&Body, &Variable, [&](const Expr &Ref) {
    Used = Used ||
           (Follows && SM.isBeforeInTranslationUnit(Insertion.getEndLoc(),
                                                    Ref.getBeginLoc())) ||
           llvm::any_of(Loops, [&](const Stmt *Loop) {
             return contains(*Loop, Ref, SM);
           });
  });
  return Used;
}

const Expr *keptAcrossInsertion(llvm::ArrayRef<ElementAccess> Accesses,
                                ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  for (const ElementAccess &Kept : Accesses) {
    const Holder Held = holderOf(*Kept.Result, Context);
    const Stmt *Statement = statementOf(*Kept.Result, Context);
    // A class-type element or an iterator passed on in the statement of an
    // insertion may be used after the insertion runs: `m[a] = m[b]`.
    const bool PassedOn =
        Kept.Result->isGLValue() &&
        (Kept.Result->getType()->isRecordType() ||
         isIteratorLike(Kept.Result->getType()));
    for (const ElementAccess &Insertion : Accesses) {
      if (!Insertion.MayInsert)
        continue;
      if (Held.Escapes)
        return Kept.Result;
      if (&Insertion != &Kept && PassedOn &&
          statementOf(*Insertion.Result, Context) == Statement)
        return Kept.Result;
      if (Held.Loop && contains(*Held.Loop->getBody(), *Insertion.Result, SM))
        return Kept.Result;
      for (const ValueDecl *Variable : Held.Variables)
        if (const Stmt *Body = enclosingFunctionBody(*Kept.Result, Context);
            Body && contains(*Body, *Insertion.Result, SM) &&
            usedAfter(*Variable, *Kept.Result, *Body, *Insertion.Result,
                      Context))
          return Kept.Result;
    }
  }
  return nullptr;
}

} // namespace clang::tidy::maptidy
