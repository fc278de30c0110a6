//===--- LoopTripCount.cpp - maptidy --------------------------------------===//

#include "LoopTripCount.h"
#include "ContainerTypes.h"
#include "RewriteUtils.h"
#include "utils/ASTUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::maptidy {

static bool refersTo(const Expr *E, const ValueDecl *Decl) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strip(E));
  return Ref && Ref->getDecl() == Decl;
}

static bool isLiteralOne(const Expr *E) {
  const auto *Literal = dyn_cast_or_null<IntegerLiteral>(strip(E));
  return Literal && Literal->getValue() == 1;
}

bool isCheapPureExpr(const Expr *E) {
  E = strip(E);
  if (!E || E->getType().isVolatileQualified())
    return false;
  if (isa<IntegerLiteral, CharacterLiteral, CXXBoolLiteralExpr, CXXThisExpr,
          UnaryExprOrTypeTraitExpr>(E))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return isa<VarDecl, EnumConstantDecl, NonTypeTemplateParmDecl>(
        Ref->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return isa<FieldDecl>(Member->getMemberDecl()) &&
           isCheapPureExpr(Member->getBase());
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return isa<CXXStaticCastExpr, CStyleCastExpr, CXXFunctionalCastExpr>(
               Cast) &&
           Cast->getType()->isScalarType() &&
           isCheapPureExpr(Cast->getSubExpr());
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    switch (Unary->getOpcode()) {
    case UO_Deref:
    case UO_AddrOf:
    case UO_Plus:
    case UO_Minus:
    case UO_Not:
    case UO_LNot:
      return isCheapPureExpr(Unary->getSubExpr());
    default:
      return false;
    }
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(E))
    return !Binary->isAssignmentOp() && Binary->getOpcode() != BO_Comma &&
           isCheapPureExpr(Binary->getLHS()) &&
           isCheapPureExpr(Binary->getRHS());
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return isCheapPureExpr(Subscript->getBase()) &&
           isCheapPureExpr(Subscript->getIdx());
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    return Method && Method->isConst() && Call->getNumArgs() == 0 &&
           Method->getDeclName().isIdentifier() &&
           (Method->getName() == "size" || Method->getName() == "length") &&
           isCheapPureExpr(Call->getImplicitObjectArgument());
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E)) {
    // Smart-pointer dereference.
    const auto *Method =
        dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
    return (Operator->getOperator() == OO_Star ||
            Operator->getOperator() == OO_Arrow) &&
           Operator->getNumArgs() == 1 && Method && Method->isConst() &&
           isCheapPureExpr(Operator->getArg(0));
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // std::size(c)
    const auto *Callee = Call->getDirectCallee();
    return Callee && Callee->isInStdNamespace() &&
           Callee->getDeclName().isIdentifier() &&
           Callee->getName() == "size" && Call->getNumArgs() == 1 &&
           isCheapPureExpr(Call->getArg(0));
  }
  return false;
}

/// Variables and fields read by \p S.
static void collectReadDecls(const Stmt *S,
                             llvm::SmallPtrSetImpl<const ValueDecl *> &Decls) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
      Ref && isa<VarDecl>(Ref->getDecl()))
    Decls.insert(Ref->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(S);
      Member && isa<FieldDecl>(Member->getMemberDecl()))
    Decls.insert(Member->getMemberDecl());
  for (const Stmt *Child : S->children())
    collectReadDecls(Child, Decls);
}

/// Whether \p Param of \p Callee is a forwarding reference (`Args&&...`) of a
/// standard library function: those construct from their argument.
static bool isStdForwardingParam(const FunctionDecl &Callee, unsigned Param) {
  const DeclContext *Context = Callee.getDeclContext();
  while (Context && (!Context->isNamespace() || Context->isInlineNamespace()))
    Context = Context->getParent();
  const FunctionDecl *Pattern = Callee.getTemplateInstantiationPattern();
  if (!Context || !Context->isStdNamespace() || !Pattern)
    return false;
  const ParmVarDecl *Declared =
      Param < Pattern->getNumParams()
          ? Pattern->getParamDecl(Param)
          : (Pattern->getNumParams() ? Pattern->parameters().back() : nullptr);
  if (!Declared)
    return false;
  QualType Type = Declared->getType();
  if (const auto *Pack = Type->getAs<PackExpansionType>())
    Type = Pack->getPattern();
  const auto *Reference = Type->getAs<RValueReferenceType>();
  return Reference &&
         Reference->getPointeeType()->getAs<TemplateTypeParmType>();
}

/// Whether \p Ref, naming a scalar, may be written through: it is not only
/// read (converted to an rvalue) or bound to a const reference.
/// ExprMutationAnalyzer reports `v.push_back(static_cast<int>(i))` as a
/// mutation of `i`; for scalars the parent expression tells precisely.
static bool mayWriteScalar(const Expr &Ref, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(Ref);
  const Expr *Child = &Ref;
  while (!Parents.empty()) {
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent)
      break;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent)) {
      if (Cast->getCastKind() == CK_LValueToRValue)
        return false;
      if (Cast->getCastKind() != CK_NoOp)
        return true;
    } else if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      // A member operator's first argument is the object.
      const unsigned Skipped = isa<CXXOperatorCallExpr>(Call) &&
                               isa_and_nonnull<CXXMethodDecl>(Callee);
      for (unsigned I = Skipped; Callee && I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child && I - Skipped < Callee->getNumParams()) {
          const QualType Param = Callee->getParamDecl(I - Skipped)->getType();
          return Param->isReferenceType() &&
                 !Param.getNonReferenceType().isConstQualified() &&
                 !isStdForwardingParam(*Callee, I - Skipped);
        }
      return true;
    } else if (!isa<ParenExpr>(Parent)) {
      return !isa<UnaryExprOrTypeTraitExpr>(Parent);
    }
    Child = Parent;
    Parents = Context.getParents(*Parent);
  }
  // Bound to a variable: only a non-const reference can write.
  if (!Parents.empty())
    if (const auto *Var = Parents[0].get<VarDecl>())
      return Var->getType()->isReferenceType() &&
             !Var->getType().getNonReferenceType().isConstQualified();
  return true;
}

/// Whether \p Region writes to one of \p Decls.
static bool mutatesAny(const Stmt *Region,
                       const llvm::SmallPtrSetImpl<const ValueDecl *> &Decls,
                       ASTContext &Context) {
  if (!Region || Decls.empty())
    return false;
  ExprMutationAnalyzer Analyzer(*Region, Context);
  bool Mutated = false;
  auto Visit = [&](const Stmt *S, auto &Self) -> void {
    if (!S || Mutated)
      return;
    const ValueDecl *Decl = nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      Decl = Ref->getDecl();
    else if (const auto *Member = dyn_cast<MemberExpr>(S))
      Decl = Member->getMemberDecl();
    const bool Scalar = Decl && Decl->getType()->isScalarType();
    if (Decl && Decls.contains(Decl) &&
        (Scalar ? mayWriteScalar(*cast<Expr>(S), Context)
                : Analyzer.isMutated(cast<Expr>(S)))) {
      Mutated = true;
      return;
    }
    for (const Stmt *Child : S->children())
      Self(Child, Self);
  };
  Visit(Region, Visit);
  return Mutated;
}

static bool stays(const Expr *E, std::initializer_list<const Stmt *> Regions,
                  ASTContext &Context) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Decls;
  collectReadDecls(E, Decls);
  for (const Stmt *Region : Regions)
    if (mutatesAny(Region, Decls, Context))
      return false;
  return true;
}

/// The type of `A - B` (or of `A` alone) after the usual conversions.
static QualType arithmeticType(const Expr *A, const Expr *B,
                               ASTContext &Context) {
  QualType TypeA = strip(A)->getType().getCanonicalType().getUnqualifiedType();
  if (!B)
    return TypeA;
  QualType TypeB = strip(B)->getType().getCanonicalType().getUnqualifiedType();
  if (!TypeA->isIntegerType() || !TypeB->isIntegerType())
    return {};
  if (Context.isPromotableIntegerType(TypeA))
    TypeA = Context.getPromotedIntegerType(TypeA);
  if (Context.isPromotableIntegerType(TypeB))
    TypeB = Context.getPromotedIntegerType(TypeB);
  if (Context.hasSameType(TypeA, TypeB))
    return TypeA;
  const bool SignedA = TypeA->isSignedIntegerType();
  if (SignedA == TypeB->isSignedIntegerType())
    return Context.getIntegerTypeOrder(TypeA, TypeB) >= 0 ? TypeA : TypeB;
  const QualType Signed = SignedA ? TypeA : TypeB;
  const QualType Unsigned = SignedA ? TypeB : TypeA;
  if (Context.getIntegerTypeOrder(Unsigned, Signed) >= 0)
    return Unsigned;
  if (Context.getTypeSize(Signed) > Context.getTypeSize(Unsigned))
    return Signed;
  return Context.getCorrespondingUnsignedType(Signed);
}

/// A zero literal of exactly \p Type, so that std::max deduces one type.
static std::optional<StringRef> zeroOfType(QualType Type) {
  const auto *Builtin = Type->getAs<BuiltinType>();
  if (!Builtin)
    return std::nullopt;
  switch (Builtin->getKind()) {
  case BuiltinType::Int:
    return StringRef("0");
  case BuiltinType::Long:
    return StringRef("0L");
  case BuiltinType::LongLong:
    return StringRef("0LL");
  default:
    return std::nullopt;
  }
}

/// The count `High - Low (+ 1)`, clamped at zero, as a safe expression.
/// \p Low may be null for zero.
static std::optional<TripCount> makeCount(const Expr *High, const Expr *Low,
                                          bool Inclusive,
                                          const TripCountContext &C) {
  ASTContext &Context = C.Context;
  std::optional<llvm::APSInt> HighValue =
      strip(High)->getIntegerConstantExpr(Context);
  std::optional<llvm::APSInt> LowValue =
      Low ? strip(Low)->getIntegerConstantExpr(Context)
          : std::optional<llvm::APSInt>(llvm::APSInt::get(0));
  if (HighValue && LowValue) {
    if (HighValue->getSignificantBits() > 63 ||
        LowValue->getSignificantBits() > 63)
      return std::nullopt;
    const int64_t Count = HighValue->getExtValue() - LowValue->getExtValue() +
                          (Inclusive ? 1 : 0);
    if (Count <= 0)
      return std::nullopt;
    TripCount Result;
    Result.Constant = static_cast<uint64_t>(Count);
    Result.Text = std::to_string(Count);
    // `i < kRows` from zero: keep the names, they say what the count is.
    if (LowValue->isZero() && !Inclusive &&
        !isa<IntegerLiteral>(strip(High)) && isCheapPureExpr(High))
      if (std::optional<std::string> Spelled = textOf(*High, Context))
        Result.Text = *Spelled;
    return Result;
  }
  if (LowValue && LowValue->isZero())
    Low = nullptr;
  // `for (i = 1; i <= n; ++i)` runs n times.
  if (LowValue && *LowValue == 1 && Inclusive) {
    Low = nullptr;
    Inclusive = false;
  }
  // `i <= n - 1` runs n times.
  if (const auto *Minus = dyn_cast<BinaryOperator>(strip(High));
      Inclusive && Minus && Minus->getOpcode() == BO_Sub &&
      isLiteralOne(Minus->getRHS())) {
    High = Minus->getLHS();
    Inclusive = false;
  }
  if (!isCheapPureExpr(High) || (Low && !isCheapPureExpr(Low)))
    return TripCount{};
  const std::optional<std::string> HighText = operandText(*High, Context);
  const std::optional<std::string> LowText =
      Low ? operandText(*Low, Context) : std::optional<std::string>("");
  QualType Type = arithmeticType(High, Low, Context);
  if (!HighText || !LowText || Type.isNull() || !Type->isIntegerType())
    return TripCount{};
  std::string Difference = Low ? *HighText + " - " + *LowText : *HighText;
  if (Inclusive) {
    Difference += " + 1";
    if (Context.isPromotableIntegerType(Type))
      Type = Context.getPromotedIntegerType(Type);
  }
  TripCount Result;
  if (!Low && !Inclusive)
    Result.Bound = High;
  if (Type->isUnsignedIntegerType()) {
    Result.Text = Low ? *HighText + (Inclusive ? " >= " : " > ") + *LowText +
                            " ? " + Difference + " : 0"
                      : Difference;
    return Result;
  }
  // A signed count may be negative, where the loop does not run but a reserve
  // of the converted value would throw std::length_error.
  const std::optional<StringRef> Zero = zeroOfType(Type);
  if (!Zero)
    return TripCount{};
  Result.Text = "std::max(" + Difference + ", " + Zero->str() + ")";
  Result.UsesStdMax = true;
  return Result;
}

/// +1 for `++i`, `i++`, `i += 1`; -1 for the decrements; 0 otherwise.
static int unitStep(const Expr *Increment, const VarDecl *Counter) {
  Increment = strip(Increment);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Increment)) {
    if (!refersTo(Unary->getSubExpr(), Counter))
      return 0;
    return Unary->isIncrementOp() ? 1 : Unary->isDecrementOp() ? -1 : 0;
  }
  if (const auto *Compound =
          dyn_cast_or_null<CompoundAssignOperator>(Increment)) {
    if (!refersTo(Compound->getLHS(), Counter) ||
        !isLiteralOne(Compound->getRHS()))
      return 0;
    return Compound->getOpcode() == BO_AddAssign   ? 1
           : Compound->getOpcode() == BO_SubAssign ? -1
                                                   : 0;
  }
  return 0;
}

static std::optional<TripCount>
countingLoopTripCount(const ForStmt &Loop, const TripCountContext &C) {
  const VarDecl *Counter = nullptr;
  const Expr *Start = nullptr;
  if (const auto *Decl = dyn_cast_or_null<DeclStmt>(Loop.getInit())) {
    const auto *Var = Decl->isSingleDecl()
                          ? dyn_cast<VarDecl>(Decl->getSingleDecl())
                          : nullptr;
    if (Var && Var->getInit()) {
      Counter = Var;
      Start = Var->getInit();
    }
  } else if (const auto *Assign =
                 dyn_cast_or_null<BinaryOperator>(Loop.getInit());
             Assign && Assign->getOpcode() == BO_Assign) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(Assign->getLHS()))) {
      Counter = dyn_cast<VarDecl>(Ref->getDecl());
      Start = Assign->getRHS();
    }
  }
  if (!Counter || !Counter->getType()->isIntegerType() ||
      Counter->getType()->isBooleanType() || !Loop.getBody())
    return std::nullopt;
  const int Step = unitStep(Loop.getInc(), Counter);
  const auto *Condition =
      dyn_cast_or_null<BinaryOperator>(strip(Loop.getCond()));
  if (!Step || !Condition || !Condition->isComparisonOp())
    return std::nullopt;
  BinaryOperatorKind Op = Condition->getOpcode();
  const Expr *Bound = nullptr;
  if (refersTo(Condition->getLHS(), Counter)) {
    Bound = Condition->getRHS();
  } else if (refersTo(Condition->getRHS(), Counter)) {
    Bound = Condition->getLHS();
    Op = BinaryOperator::reverseComparisonOp(Op);
  } else {
    return std::nullopt;
  }
  bool Inclusive = false;
  if (Step > 0 && (Op == BO_LT || Op == BO_NE))
    Inclusive = false;
  else if (Step > 0 && Op == BO_LE)
    Inclusive = true;
  else if (Step < 0 && (Op == BO_GT || Op == BO_NE))
    Inclusive = false;
  else if (Step < 0 && Op == BO_GE)
    Inclusive = true;
  else
    return std::nullopt;

  llvm::SmallPtrSet<const ValueDecl *, 4> CounterDecl = {Counter};
  llvm::SmallPtrSet<const ValueDecl *, 4> BoundDecls;
  collectReadDecls(Bound, BoundDecls);
  // A bound with possible but no certain side effects (a call) still fixes
  // the trip count; only a cheap pure one can be repeated before the loop.
  if (mutatesAny(Loop.getBody(), CounterDecl, C.Context) ||
      BoundDecls.contains(Counter) ||
      Bound->HasSideEffects(C.Context, /*IncludePossibleEffects=*/false) ||
      !stays(Bound, {Loop.getBody(), Loop.getInc()}, C.Context))
    return std::nullopt;
  return Step > 0 ? makeCount(Bound, Start, Inclusive, C)
                  : makeCount(Start, Bound, Inclusive, C);
}

/// Elements of a container expression: constant for arrays and braced lists,
/// `c.size()` (or `p->size()` for `*p`) for sized containers.
static std::optional<TripCount> sizeOfContainer(const Expr *Range,
                                                const TripCountContext &C) {
  Range = strip(Range);
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Range)) {
    if (const auto *Init = dyn_cast<InitListExpr>(strip(List->getSubExpr()))) {
      if (Init->getNumInits() == 0)
        return std::nullopt;
      TripCount Result;
      Result.Constant = Init->getNumInits();
      Result.Text = std::to_string(Init->getNumInits());
      return Result;
    }
  }
  if (const auto *Array = C.Context.getAsConstantArrayType(Range->getType())) {
    TripCount Result;
    Result.Constant = Array->getZExtSize();
    Result.Text = std::to_string(Array->getZExtSize());
    return Result;
  }
  const QualType Type = Range->getType();
  if (!isStdSizedContainer(Type) && !isClassNamed(Type, C.SizedClasses))
    return std::nullopt;
  if (!isCheapPureExpr(Range))
    return TripCount{};
  const Expr *Pointer = nullptr;
  if (const auto *Deref = dyn_cast<UnaryOperator>(Range);
      Deref && Deref->getOpcode() == UO_Deref)
    Pointer = Deref->getSubExpr();
  else if (const auto *Star = dyn_cast<CXXOperatorCallExpr>(Range);
           Star && Star->getOperator() == OO_Star)
    Pointer = Star->getArg(0);
  const std::optional<std::string> Text =
      operandText(Pointer ? *Pointer : *Range, C.Context);
  if (!Text)
    return TripCount{};
  TripCount Result;
  Result.Text = *Text + (Pointer ? "->size()" : ".size()");
  return Result;
}

static std::optional<TripCount>
iteratorLoopTripCount(const ForStmt &Loop, const TripCountContext &C) {
  const auto *Decl = dyn_cast_or_null<DeclStmt>(Loop.getInit());
  const auto *Iterator = Decl && Decl->isSingleDecl()
                             ? dyn_cast<VarDecl>(Decl->getSingleDecl())
                             : nullptr;
  if (!Iterator || !Iterator->getInit() || !Loop.getBody() || !Loop.getCond() ||
      !Loop.getInc())
    return std::nullopt;
  const Expr *Container = containerOfIteratorCall(Iterator->getInit(), false);
  if (!Container)
    return std::nullopt;

  const Expr *Left = nullptr, *Right = nullptr;
  const Expr *Condition = strip(Loop.getCond());
  if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(Condition);
      Call && Call->getOperator() == OO_ExclaimEqual &&
      Call->getNumArgs() == 2) {
    Left = Call->getArg(0);
    Right = Call->getArg(1);
  } else if (const auto *Binary = dyn_cast<BinaryOperator>(Condition);
             Binary && Binary->getOpcode() == BO_NE) {
    Left = Binary->getLHS();
    Right = Binary->getRHS();
  } else {
    return std::nullopt;
  }
  if (refersTo(Right, Iterator))
    std::swap(Left, Right);
  const Expr *EndContainer = containerOfIteratorCall(Right, true);
  if (!refersTo(Left, Iterator) || !EndContainer ||
      !utils::areStatementsIdentical(strip(Container), strip(EndContainer),
                                     C.Context))
    return std::nullopt;

  const Expr *Increment = strip(Loop.getInc());
  const Expr *Incremented = nullptr;
  if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(Increment);
      Call && Call->getOperator() == OO_PlusPlus)
    Incremented = Call->getArg(0);
  else if (const auto *Unary = dyn_cast<UnaryOperator>(Increment);
           Unary && Unary->isIncrementOp())
    Incremented = Unary->getSubExpr();
  if (!Incremented || !refersTo(Incremented, Iterator))
    return std::nullopt;

  ExprMutationAnalyzer Body(*Loop.getBody(), C.Context);
  if (Body.isMutated(Iterator) ||
      !stays(Container, {Loop.getBody()}, C.Context))
    return std::nullopt;
  return sizeOfContainer(Container, C);
}

std::optional<TripCount> tripCountOf(const ForStmt &Loop,
                                     const TripCountContext &C) {
  if (std::optional<TripCount> Count = countingLoopTripCount(Loop, C))
    return Count;
  return iteratorLoopTripCount(Loop, C);
}

std::optional<TripCount> tripCountOf(const CXXForRangeStmt &Loop,
                                     const TripCountContext &C) {
  const Expr *Range = Loop.getRangeInit();
  if (!Range || !Loop.getBody())
    return std::nullopt;
  std::optional<TripCount> Count = sizeOfContainer(Range, C);
  if (Count && !Count->Constant && !stays(Range, {Loop.getBody()}, C.Context))
    return std::nullopt;
  return Count;
}

std::optional<TripCount> tripCountOfRange(const Expr *Range,
                                          const TripCountContext &C) {
  return sizeOfContainer(Range, C);
}

std::optional<TripCount> tripCountOfIterators(const Expr *First,
                                              const Expr *Last,
                                              const TripCountContext &C) {
  const Expr *Container = containerOfIteratorCall(First, false);
  const Expr *EndContainer = containerOfIteratorCall(Last, true);
  if (Container && EndContainer &&
      utils::areStatementsIdentical(strip(Container), strip(EndContainer),
                                    C.Context))
    return sizeOfContainer(Container, C);
  // Pointer ranges: `p, p + n`.
  const auto *Sum = dyn_cast<BinaryOperator>(strip(Last));
  if (Sum && Sum->getOpcode() == BO_Add && First->getType()->isPointerType() &&
      utils::areStatementsIdentical(strip(First), strip(Sum->getLHS()),
                                    C.Context))
    return makeCount(Sum->getRHS(), nullptr, false, C);
  return std::nullopt;
}

std::optional<TripCount> tripCountOfCount(const Expr *Count,
                                          const TripCountContext &C) {
  return makeCount(Count, nullptr, false, C);
}

} // namespace clang::tidy::maptidy
