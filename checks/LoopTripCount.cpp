//===--- LoopTripCount.cpp - maptidy --------------------------------------===//

#include "LoopTripCount.h"
#include "ContainerTypes.h"
#include "RewriteUtils.h"
#include "UseAnalysis.h"
#include "utils/ASTUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::maptidy {

static bool refersTo(const Expr *E, const ValueDecl *Decl) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strip(E));
  return Ref && Ref->getDecl() == Decl;
}

/// Whether \p E is the integer literal \p Value.
static bool isLiteral(const Expr *E, uint64_t Value) {
  const auto *Literal = dyn_cast_or_null<IntegerLiteral>(strip(E));
  return Literal && Literal->getValue() == Value;
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
    // size(), length(), and const accessors of a count
    // (`descriptor->field_count()`, `model.rowCount()`) or of a member
    // (`catalog.items()` returning a reference).
    const CXXMethodDecl *Method = Call->getMethodDecl();
    return Method && Method->isConst() && !Method->isStatic() &&
           Call->getNumArgs() == 0 && Method->getDeclName().isIdentifier() &&
           (Method->getName() == "size" || Method->getName() == "length" ||
            Call->getType()->isIntegerType() || Call->isLValue()) &&
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
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->getNumArgs() == 0) {
    // c.size() on a container of dependent type, in a template.
    const auto *Member =
        dyn_cast<CXXDependentScopeMemberExpr>(Call->getCallee());
    return Member && !Member->isArrow() && !Member->isImplicitAccess() &&
           Member->getMember().isIdentifier() &&
           (Member->getMember().getAsIdentifierInfo()->getName() == "size" ||
            Member->getMember().getAsIdentifierInfo()->getName() ==
                "length") &&
           isStdSizedContainer(Member->getBaseType()) &&
           isCheapPureExpr(Member->getBase());
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

static bool stays(const Expr *E, std::initializer_list<const Stmt *> Regions,
                  ASTContext &Context) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Decls;
  collectReadDecls(E, Decls);
  for (const Stmt *Region : Regions)
    if (mutatesAny(Region, Decls, Context) ||
        mutatesThroughIndirection(Region, *E, Context))
      return false;
  return true;
}

/// The type of `A - B` (or of `A` alone) after the usual conversions.
static QualType arithmeticType(const Expr *A, const Expr *B,
                               ASTContext &Context) {
  // In a template, `c.size()` of a standard container is its size_type.
  auto TypeOf = [&](const Expr *E) {
    E = strip(E);
    if (E->isTypeDependent() && isa<CallExpr>(E) && isCheapPureExpr(E))
      return Context.getSizeType();
    return E->getType().getCanonicalType().getUnqualifiedType();
  };
  QualType TypeA = TypeOf(A);
  if (!B)
    return TypeA;
  QualType TypeB = TypeOf(B);
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

/// The text of a constant bound that names what it counts: a constant
/// written in the file (`kRows`, `2 * kRows`), or one macro invocation that is
/// the whole bound (`arraysize(kinds)`, `MAX_SLOTS`) and expands to a term, so
/// that it stays one inside a product or a sum. None for a literal.
static std::optional<std::string> namedConstantText(const Expr &High,
                                                    ASTContext &Context) {
  const Expr *Bound = High.IgnoreImplicit();
  if (!Bound->getBeginLoc().isMacroID() && !Bound->getEndLoc().isMacroID())
    return isa<IntegerLiteral>(strip(&High)) ? std::nullopt
                                             : textOf(High, Context);
  if (isa<BinaryOperator, AbstractConditionalOperator>(Bound))
    return std::nullopt;
  const SourceManager &SM = Context.getSourceManager();
  const CharSourceRange Invocation = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Bound->getSourceRange()), SM,
      Context.getLangOpts());
  if (Invocation.isInvalid())
    return std::nullopt;
  const StringRef Text =
      Lexer::getSourceText(Invocation, SM, Context.getLangOpts());
  return Text.empty() ? std::nullopt : std::optional<std::string>(Text.str());
}

/// A count fixed once \p Reads are evaluated, with no text that could be
/// evaluated again before the loop; staysDuring() still sees what it reads.
static TripCount unspelledCount(std::initializer_list<const Expr *> Reads) {
  TripCount Result;
  for (const Expr *Read : Reads)
    if (Read)
      Result.Operands.push_back(Read);
  return Result;
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
    TripCount Result = constantCount(static_cast<uint64_t>(Count));
    // `i < kRows` from zero: keep the names, they say what the count is.
    if (LowValue->isZero() && !Inclusive && isCheapPureExpr(High))
      if (std::optional<std::string> Spelled =
              namedConstantText(*High, Context)) {
        Result.Text = *Spelled;
        Result.Operands.push_back(High);
      }
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
      isLiteral(Minus->getRHS(), 1)) {
    High = Minus->getLHS();
    Inclusive = false;
  }
  if (!isCheapPureExpr(High) || (Low && !isCheapPureExpr(Low)))
    return unspelledCount({High, Low});
  const std::optional<std::string> HighText = operandText(*High, Context);
  const std::optional<std::string> LowText =
      Low ? operandText(*Low, Context) : std::optional<std::string>("");
  QualType Type = arithmeticType(High, Low, Context);
  if (!HighText || !LowText || Type.isNull() || !Type->isIntegerType())
    return unspelledCount({High, Low});
  std::string Difference = Low ? *HighText + " - " + *LowText : *HighText;
  if (Inclusive) {
    Difference += " + 1";
    if (Context.isPromotableIntegerType(Type))
      Type = Context.getPromotedIntegerType(Type);
  }
  TripCount Result;
  if (!Low && !Inclusive)
    Result.Bound = High;
  Result.Type = Type;
  Result.Operands.push_back(High);
  if (Low)
    Result.Operands.push_back(Low);
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
    return unspelledCount({High, Low});
  Result.Text = "std::max(" + Difference + ", " + Zero->str() + ")";
  Result.UsesStdMax = true;
  return Result;
}

/// Wraps \p Text in parentheses unless it is a single term.
static std::string asTerm(StringRef Text) {
  int Depth = 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    const char C = Text[I];
    if (C == '(' || C == '[' || C == '<')
      ++Depth;
    else if (C == '>' && I > 0 && Text[I - 1] == '-')
      continue; // `p->n`
    else if (C == ')' || C == ']' || C == '>')
      --Depth;
    else if (C == ' ' && Depth == 0)
      return ("(" + Text + ")").str();
  }
  return Text.str();
}

TripCount constantCount(uint64_t Value) {
  TripCount Result;
  Result.Constant = Value;
  Result.Text = std::to_string(Value);
  return Result;
}

/// Whether arithmetic on \p Count cannot overflow before the elements it
/// counts exceed the memory: a constant, or an unsigned type as wide as
/// std::size_t.
static bool isWide(const TripCount &Count, ASTContext &Context) {
  return Count.Constant ||
         (!Count.Type.isNull() && Count.Type->isUnsignedIntegerType() &&
          Context.getTypeSize(Count.Type) >=
              Context.getTypeSize(Context.getSizeType()));
}

/// `A Operator B`, in std::size_t when neither operand's type is wide.
static TripCount combined(const TripCount &A, const TripCount &B,
                          StringRef Operator, ASTContext &Context) {
  TripCount Result;
  Result.UsesStdMax = A.UsesStdMax || B.UsesStdMax;
  Result.Operands.append(A.Operands.begin(), A.Operands.end());
  Result.Operands.append(B.Operands.begin(), B.Operands.end());
  if (A.Constant && B.Constant) {
    const uint64_t Value = Operator == "*" ? *A.Constant * *B.Constant
                                           : *A.Constant + *B.Constant;
    Result.Constant = Value;
    Result.Text = std::to_string(Value);
    // Named constants (`2 * kRows`) say where the count comes from.
    if (Value <= INT32_MAX && (A.Text != std::to_string(*A.Constant) ||
                               B.Text != std::to_string(*B.Constant)))
      Result.Text =
          asTerm(A.Text) + " " + Operator.str() + " " + asTerm(B.Text);
    return Result;
  }
  Result.Type = Context.getSizeType();
  if (A.Text.empty() || B.Text.empty())
    return Result;
  auto Spell = [&](const TripCount &Count, bool Widen) {
    if (!Widen)
      return asTerm(Count.Text);
    // Every standard container header declares std::size_t, its size_type.
    return "static_cast<std::size_t>(" + Count.Text + ")";
  };
  // One operand in std::size_t makes the other convert to it.
  const bool AnyWide = (!A.Constant && isWide(A, Context)) ||
                       (!B.Constant && isWide(B, Context));
  Result.Text = Spell(A, !AnyWide && !A.Constant) + " " + Operator.str() +
                " " + Spell(B, !AnyWide && A.Constant);
  return Result;
}

TripCount productOf(const TripCount &A, const TripCount &B,
                    ASTContext &Context) {
  if (A.Constant == 1u && A.Text == "1")
    return B;
  if (B.Constant == 1u && B.Text == "1")
    return A;
  // `2 * n`, `2 * kRows`: the number first.
  auto IsNumber = [](const TripCount &Count) {
    return Count.Constant && Count.Text == std::to_string(*Count.Constant);
  };
  if ((B.Constant && !A.Constant) || (IsNumber(B) && !IsNumber(A)))
    return combined(B, A, "*", Context);
  return combined(A, B, "*", Context);
}

TripCount sumOf(const TripCount &A, const TripCount &B, ASTContext &Context) {
  return combined(A, B, "+", Context);
}

/// k for `++i`, `i++`, `i += k` (a positive literal); -1 for the unit
/// decrements; 0 otherwise.
static int64_t stepOf(const Expr *Increment, const VarDecl *Counter) {
  Increment = strip(Increment);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Increment)) {
    if (!refersTo(Unary->getSubExpr(), Counter))
      return 0;
    return Unary->isIncrementOp() ? 1 : Unary->isDecrementOp() ? -1 : 0;
  }
  const auto *Compound = dyn_cast_or_null<CompoundAssignOperator>(Increment);
  if (!Compound || !refersTo(Compound->getLHS(), Counter))
    return 0;
  const auto *Step = dyn_cast<IntegerLiteral>(strip(Compound->getRHS()));
  if (!Step || Step->getValue().isZero() ||
      Step->getValue().getActiveBits() > 16)
    return 0;
  const int64_t Size = static_cast<int64_t>(Step->getValue().getZExtValue());
  if (Compound->getOpcode() == BO_AddAssign)
    return Size;
  return Compound->getOpcode() == BO_SubAssign && Size == 1 ? -1 : 0;
}

/// c when \p E is `Counter + c` (c a literal), 0 when it is `Counter`.
static std::optional<uint64_t> offsetFrom(const Expr *E,
                                          const VarDecl *Counter) {
  if (refersTo(E, Counter))
    return 0;
  const auto *Sum = dyn_cast_or_null<BinaryOperator>(strip(E));
  if (!Sum || Sum->getOpcode() != BO_Add || !refersTo(Sum->getLHS(), Counter))
    return std::nullopt;
  const auto *Offset = dyn_cast<IntegerLiteral>(strip(Sum->getRHS()));
  if (!Offset || Offset->getValue().getActiveBits() > 16)
    return std::nullopt;
  return Offset->getValue().getZExtValue();
}

/// \p Count divided by \p Step, rounded up unless \p Exact (the count is a
/// multiple of the step, or the last partial step does not run).
static std::optional<TripCount> dividedCount(TripCount Count, uint64_t Step,
                                             bool RoundUp) {
  if (Count.Constant) {
    const uint64_t Value = (*Count.Constant + (RoundUp ? Step - 1 : 0)) / Step;
    if (Value == 0)
      return std::nullopt;
    return constantCount(Value);
  }
  if (!Count.Text.empty())
    Count.Text = (RoundUp ? "(" + Count.Text + " + " +
                                std::to_string(Step - 1) + ")"
                          : asTerm(Count.Text)) +
                 " / " + std::to_string(Step);
  Count.Bound = nullptr;
  return Count;
}

/// Whether a counter stepping by \p Step while `counter Op bound` holds stops
/// after the bound itself (`<=`, `>=`); none for comparisons that never stop.
static std::optional<bool> isInclusive(BinaryOperatorKind Op, int64_t Step) {
  if (Step > 0 && (Op == BO_LT || Op == BO_NE))
    return false;
  if (Step > 0 && Op == BO_LE)
    return true;
  if (Step < 0 && (Op == BO_GT || Op == BO_NE))
    return false;
  if (Step < 0 && Op == BO_GE)
    return true;
  return std::nullopt;
}

/// Whether \p E calls a non-const member function, which may change the
/// object it asks (`reader.remaining()`, `it.next()`).
static bool callsNonConstMember(const Expr &E) {
  return walkDescendants(&E, [](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    return Method && !Method->isConst() && !Method->isStatic() ? Walk::Stop
                                                               : Walk::Continue;
  });
}

/// Whether \p Bound of a loop on \p Counter keeps its value in \p Regions.
/// A bound with possible but no certain side effects (a call of a function
/// or of a const member function) still fixes the trip count; only a cheap
/// pure one can be repeated before the loop.
static bool isFixedBound(const Expr &Bound, const VarDecl &Counter,
                         std::initializer_list<const Stmt *> Regions,
                         ASTContext &Context) {
  llvm::SmallPtrSet<const ValueDecl *, 4> BoundDecls;
  collectReadDecls(&Bound, BoundDecls);
  return !BoundDecls.contains(&Counter) &&
         !Bound.HasSideEffects(Context, /*IncludePossibleEffects=*/false) &&
         !callsNonConstMember(Bound) && stays(&Bound, Regions, Context);
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
  const int64_t Step = stepOf(Loop.getInc(), Counter);
  const auto *Condition =
      dyn_cast_or_null<BinaryOperator>(strip(Loop.getCond()));
  if (!Step || !Condition || !Condition->isComparisonOp())
    return std::nullopt;
  BinaryOperatorKind Op = Condition->getOpcode();
  const Expr *Bound = nullptr;
  std::optional<uint64_t> Offset;
  if ((Offset = offsetFrom(Condition->getLHS(), Counter))) {
    Bound = Condition->getRHS();
  } else if ((Offset = offsetFrom(Condition->getRHS(), Counter))) {
    Bound = Condition->getLHS();
    Op = BinaryOperator::reverseComparisonOp(Op);
  } else {
    return std::nullopt;
  }
  // `i + (k - 1) < n` with step k from zero runs n / k times (token pairs);
  // `i < n` with step k runs the count divided by k, rounded up.
  const bool PairsFromZero =
      Step > 1 && *Offset == static_cast<uint64_t>(Step - 1) && Op == BO_LT &&
      isa<IntegerLiteral>(strip(Start)) &&
      cast<IntegerLiteral>(strip(Start))->getValue().isZero();
  if (*Offset && !PairsFromZero)
    return std::nullopt;
  if (Step > 1 && Op == BO_NE)
    return std::nullopt;
  const std::optional<bool> Inclusive = isInclusive(Op, Step);
  if (!Inclusive)
    return std::nullopt;

  llvm::SmallPtrSet<const ValueDecl *, 4> CounterDecl = {Counter};
  if (mutatesAny(Loop.getBody(), CounterDecl, C.Context) ||
      !isFixedBound(*Bound, *Counter, {Loop.getBody(), Loop.getInc()},
                    C.Context))
    return std::nullopt;
  std::optional<TripCount> Count =
      Step > 0
          ? makeCount(Bound, PairsFromZero ? nullptr : Start, *Inclusive, C)
          : makeCount(Start, Bound, *Inclusive, C);
  if (Count && Step > 1)
    return dividedCount(*Count, Step, /*RoundUp=*/!PairsFromZero);
  return Count;
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
      return constantCount(Init->getNumInits());
    }
  }
  if (const auto *Array = C.Context.getAsConstantArrayType(Range->getType()))
    return constantCount(Array->getZExtSize());
  const QualType Type = Range->getType();
  if (!isStdSizedContainer(Type) && !isClassNamed(Type, C.SizedClasses))
    return std::nullopt;
  if (!isCheapPureExpr(Range))
    return unspelledCount({Range});
  const Expr *Pointer = dereferencedOperand(*Range);
  const std::optional<std::string> Text =
      operandText(Pointer ? *Pointer : *Range, C.Context);
  if (!Text)
    return unspelledCount({Range});
  TripCount Result;
  Result.Text = *Text + (Pointer ? "->size()" : ".size()");
  Result.Type = C.Context.getSizeType();
  Result.Operands.push_back(Range);
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

  const auto Compared = comparisonOperands(Loop.getCond(), BO_NE);
  if (!Compared)
    return std::nullopt;
  auto [Left, Right] = *Compared;
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

bool staysDuring(const TripCount &Count, const Stmt &Loop,
                 ASTContext &Context) {
  // A call evaluated on every iteration of Loop may count differently each
  // time (`for (x : produce())`).
  if (!llvm::all_of(Count.Operands, isCheapPureExpr))
    return false;
  llvm::SmallPtrSet<const ValueDecl *, 4> Decls;
  for (const Expr *Operand : Count.Operands)
    collectReadDecls(Operand, Decls);
  const SourceRange Range = Loop.getSourceRange();
  return llvm::none_of(Decls,
                       [&](const ValueDecl *Decl) {
                         return Range.fullyContains(Decl->getSourceRange());
                       }) &&
         !mutatesAny(&Loop, Decls, Context) &&
         llvm::none_of(Count.Operands, [&](const Expr *Operand) {
           return mutatesThroughIndirection(&Loop, *Operand, Context);
         });
}

/// Whether \p Body has a `continue` of its own loop.
static bool continuesLoop(const Stmt *S) {
  if (!S || isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, LambdaExpr>(S))
    return false;
  if (isa<ContinueStmt>(S))
    return true;
  return llvm::any_of(S->children(), continuesLoop);
}

/// The statement of \p Loop's parent block just before it.
static const Stmt *previousStatement(const Stmt &Loop, ASTContext &Context) {
  const DynTypedNodeList Parents = Context.getParents(Loop);
  const auto *Block = Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
  if (!Block)
    return nullptr;
  const Stmt *Previous = nullptr;
  for (const Stmt *S : Block->body()) {
    if (S == &Loop)
      return Previous;
    Previous = S;
  }
  return nullptr;
}

/// The local integer variable \p Ref names, when it is declared before
/// \p Loop, as a counter must be to be read before it.
static const VarDecl *counterOutside(const Expr *Ref, const Stmt &Loop) {
  const auto *Named = dyn_cast_or_null<DeclRefExpr>(strip(Ref));
  const auto *Counter = Named ? dyn_cast<VarDecl>(Named->getDecl()) : nullptr;
  if (!Counter || !Counter->hasLocalStorage() ||
      !Counter->getType()->isIntegerType() ||
      Counter->getType()->isBooleanType() ||
      Counter->getType().isVolatileQualified() ||
      Loop.getSourceRange().fullyContains(Counter->getSourceRange()))
    return nullptr;
  return Counter;
}

/// `while (i < n) { ...; ++i; }`: a local counter stepped by one statement of
/// the body, written nowhere else in it, and no `continue` to skip the step.
static std::optional<TripCount> counterLoopTripCount(const Stmt &Loop,
                                                     const Expr *Cond,
                                                     const Stmt *Body,
                                                     const TripCountContext &C) {
  const auto *Condition = dyn_cast_or_null<BinaryOperator>(strip(Cond));
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Body);
  if (!Condition || !Condition->isComparisonOp() || !Block ||
      continuesLoop(Block))
    return std::nullopt;
  BinaryOperatorKind Op = Condition->getOpcode();
  const Expr *CounterRef = strip(Condition->getLHS());
  const Expr *Bound = Condition->getRHS();
  if (!isa<DeclRefExpr>(CounterRef)) {
    std::swap(CounterRef, Bound);
    CounterRef = strip(CounterRef);
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  const VarDecl *Counter = counterOutside(CounterRef, Loop);
  if (!Counter)
    return std::nullopt;

  const Stmt *Stepping = nullptr;
  int64_t Step = 0;
  for (const Stmt *S : Block->body()) {
    const int64_t StepHere = stepOf(dyn_cast<Expr>(S), Counter);
    if (!StepHere)
      continue;
    if (Stepping)
      return std::nullopt;
    Stepping = S;
    Step = StepHere;
  }
  const std::optional<bool> Inclusive = isInclusive(Op, Step);
  if (!Stepping || (Step != 1 && Step != -1) || !Inclusive)
    return std::nullopt;
  llvm::SmallPtrSet<const ValueDecl *, 4> CounterDecl = {Counter};
  for (const Stmt *S : Block->body())
    if (S != Stepping && mutatesAny(S, CounterDecl, C.Context))
      return std::nullopt;
  if (!isFixedBound(*Bound, *Counter, {Body}, C.Context))
    return std::nullopt;

  // `int i = 0;` just before the loop: count from its value.
  const Expr *Start = CounterRef;
  if (const auto *Declaration =
          dyn_cast_or_null<DeclStmt>(previousStatement(Loop, C.Context));
      Declaration && Declaration->isSingleDecl() &&
      Declaration->getSingleDecl() == Counter && Counter->getInit())
    Start = Counter->getInit();
  return Step > 0 ? makeCount(Bound, Start, *Inclusive, C)
                  : makeCount(Start, Bound, *Inclusive, C);
}

/// `while (!q.empty()) { ...; q.pop(); }`: one statement of the body removes
/// one element, the others only read the container.
static std::optional<TripCount> drainTripCount(const Expr *Cond,
                                               const Stmt *Body,
                                               const TripCountContext &C) {
  static const llvm::StringSet<> Reading = {
      "front", "back",   "top", "size",   "empty",  "begin",
      "end",   "cbegin", "cend", "rbegin", "rend"};
  static const llvm::StringSet<> Popping = {"pop", "pop_front", "pop_back"};
  static const std::vector<std::string> Queues = {
      "::std::queue", "::std::stack", "::std::priority_queue"};
  const auto *Not = dyn_cast_or_null<UnaryOperator>(strip(Cond));
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Body);
  if (!Not || Not->getOpcode() != UO_LNot || !Block || continuesLoop(Block))
    return std::nullopt;
  const std::optional<MemberCallParts> Empty =
      memberCallParts(Not->getSubExpr());
  if (!Empty || Empty->Name != "empty" || Empty->Args != 0 || Empty->Arrow)
    return std::nullopt;
  const Expr *Queue = strip(Empty->Object);
  const ValueDecl *Decl = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Queue))
    Decl = dyn_cast<VarDecl>(Ref->getDecl());
  else if (const auto *Member = dyn_cast<MemberExpr>(Queue);
           Member && isa<CXXThisExpr>(strip(Member->getBase())))
    Decl = dyn_cast<FieldDecl>(Member->getMemberDecl());
  const QualType Type = Queue->getType();
  if (!Decl ||
      (!isStdSizedContainer(Type) && !isClassNamed(Type, Queues) &&
       !isClassNamed(Type, C.SizedClasses)))
    return std::nullopt;

  unsigned Pops = 0;
  for (const Stmt *S : Block->body()) {
    if (std::optional<MemberCallParts> Pop = memberCallParts(dyn_cast<Expr>(S));
        Pop && Popping.contains(Pop->Name) && Pop->Args == 0 && !Pop->Arrow &&
        utils::areStatementsIdentical(strip(Pop->Object), Queue, C.Context)) {
      ++Pops;
      continue;
    }
    bool OnlyReads = true;
    forEachReference(S, Decl, [&](const Expr &Use) {
      const auto *Member =
          dyn_cast_or_null<MemberExpr>(userParent(Use, C.Context));
      const auto *Dependent = dyn_cast_or_null<CXXDependentScopeMemberExpr>(
          userParent(Use, C.Context));
      const StringRef Name =
          Member ? nameOf(Member->getMemberDecl())
          : Dependent && Dependent->getMember().isIdentifier()
              ? Dependent->getMember().getAsIdentifierInfo()->getName()
              : StringRef();
      OnlyReads = OnlyReads && Reading.contains(Name);
    });
    if (!OnlyReads)
      return std::nullopt;
  }
  const std::optional<std::string> Text = textOf(*Queue, C.Context);
  if (Pops != 1 || !Text || !isCheapPureExpr(Queue))
    return std::nullopt;
  TripCount Result;
  Result.Text = *Text + ".size()";
  Result.Type = C.Context.getSizeType();
  Result.Operands.push_back(Queue);
  return Result;
}

/// `while (n--)`, `while (n-- > 0)`, `while (n-- != 0)`: a local counter that
/// the condition counts down and the body does not write; the body runs n
/// times, none when n is not positive (where the bare forms would not end).
static std::optional<TripCount> countdownTripCount(const WhileStmt &Loop,
                                                   const TripCountContext &C) {
  const Expr *Tested = strip(Loop.getCond());
  if (const auto *Compare = dyn_cast_or_null<BinaryOperator>(Tested)) {
    if ((Compare->getOpcode() != BO_GT && Compare->getOpcode() != BO_NE) ||
        !isLiteral(Compare->getRHS(), 0))
      return std::nullopt;
    Tested = strip(Compare->getLHS());
  }
  const auto *Decrement = dyn_cast_or_null<UnaryOperator>(Tested);
  if (!Decrement || Decrement->getOpcode() != UO_PostDec)
    return std::nullopt;
  const Expr *CounterRef = strip(Decrement->getSubExpr());
  const VarDecl *Counter = counterOutside(CounterRef, Loop);
  if (!Counter ||
      mutatesAny(Loop.getBody(),
                 llvm::SmallPtrSet<const ValueDecl *, 1>{Counter}, C.Context))
    return std::nullopt;
  return makeCount(CounterRef, nullptr, /*Inclusive=*/false, C);
}

std::optional<TripCount> tripCountOf(const WhileStmt &Loop,
                                     const TripCountContext &C) {
  if (std::optional<TripCount> Count =
          counterLoopTripCount(Loop, Loop.getCond(), Loop.getBody(), C))
    return Count;
  if (std::optional<TripCount> Count = countdownTripCount(Loop, C))
    return Count;
  return drainTripCount(Loop.getCond(), Loop.getBody(), C);
}

std::optional<TripCount> tripCountOf(const DoStmt &Loop,
                                     const TripCountContext &C) {
  if (std::optional<TripCount> Count =
          counterLoopTripCount(Loop, Loop.getCond(), Loop.getBody(), C))
    return Count;
  return drainTripCount(Loop.getCond(), Loop.getBody(), C);
}

const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return For->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop))
    return Range->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return Do->getBody();
  return nullptr;
}

std::optional<TripCount> tripCountOfLoop(const Stmt &Loop,
                                         const TripCountContext &C) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return tripCountOf(*For, C);
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop))
    return tripCountOf(*Range, C);
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return tripCountOf(*While, C);
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return tripCountOf(*Do, C);
  return std::nullopt;
}

} // namespace clang::tidy::maptidy
