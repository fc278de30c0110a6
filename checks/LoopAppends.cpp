//===--- LoopAppends.cpp - maptidy ----------------------------------------===//

#include "LoopAppends.h"
#include "MemberPath.h"
#include "RewriteUtils.h"
#include "UseAnalysis.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::maptidy {

/// The variable or `this` member \p E names.
static const ValueDecl *rootDeclOf(const Expr *E) {
  E = strip(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E);
      Member && isa<CXXThisExpr>(strip(Member->getBase())))
    return dyn_cast<FieldDecl>(Member->getMemberDecl());
  return nullptr;
}

std::optional<ContainerPath> containerPathOf(const Expr *Object, bool Arrow) {
  ContainerPath Path;
  Path.ThroughPointer = Arrow;
  const Expr *Current = strip(Object);
  while (!rootDeclOf(Current)) {
    const auto *Member = dyn_cast_or_null<MemberExpr>(Current);
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    // One dereference, of the root: `out->push_back(x)`, `impl_->rows`.
    if (!Field || Path.ThroughPointer)
      return std::nullopt;
    Path.Fields.insert(Path.Fields.begin(), Field);
    Current = strip(Member->getBase());
    const Expr *Pointer = dereferencedOperand(*Current);
    Path.ThroughPointer = Member->isArrow() || Pointer;
    if (Pointer)
      Current = Pointer;
  }
  Path.Root = rootDeclOf(Current);
  // Only raw pointers are followed to the container itself.
  const QualType RootType = Path.Root->getType().getNonReferenceType();
  if (Path.ThroughPointer && !(Path.Fields.empty() ? RootType->isPointerType()
                                                   : isPointerLike(RootType)))
    return std::nullopt;
  return Path;
}

std::string ContainerPath::spelling() const {
  std::string Text = Root->getName().str();
  for (const FieldDecl *Field : Fields) {
    Text += ThroughPointer && Field == Fields.front() ? "->" : ".";
    Text += Field->getName();
  }
  return Text;
}

void forEachContainerUse(
    const Stmt *S, const ContainerPath &Path, ASTContext &Context,
    llvm::function_ref<void(const Expr &Use, bool Whole)> Visit) {
  forEachReference(S, Path.Root, [&](const Expr &Ref) {
    const Expr *Current = &Ref;
    for (const FieldDecl *Field : Path.Fields) {
      const Stmt *Parent = userParent(*Current, Context);
      if (const auto *Deref = dyn_cast_or_null<Expr>(Parent);
          Deref && Path.ThroughPointer && Current == &Ref &&
          dereferencedOperand(*Deref) == Current) {
        Current = Deref;
        Parent = userParent(*Current, Context);
      }
      const auto *Member = dyn_cast_or_null<MemberExpr>(Parent);
      if (!Member || strip(Member->getBase()) != Current) {
        Visit(*Current, false);
        return;
      }
      if (Member->getMemberDecl() != Field) {
        // Another member: a member function may change the container.
        if (!isa<FieldDecl>(Member->getMemberDecl()))
          Visit(*Current, false);
        return;
      }
      Current = Member;
    }
    Visit(*Current, true);
  });
}

bool mayChangeThroughPrefix(const Expr &Use, ASTContext &Context) {
  if (isPointerLike(Use.getType()))
    return true;
  return isModifyingUse(Use, Context);
}

std::pair<StringRef, const CXXMethodDecl *> calledMember(const Expr &Ref,
                                                         ASTContext &Context) {
  const Stmt *Parent = userParent(Ref, Context);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Parent)) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    return {nameOf(Method), Method};
  }
  DeclarationName Name;
  if (const auto *Member = dyn_cast_or_null<CXXDependentScopeMemberExpr>(Parent))
    Name = Member->getMember();
  else if (const auto *Member = dyn_cast_or_null<UnresolvedMemberExpr>(Parent))
    Name = Member->getMemberName();
  if (const IdentifierInfo *Identifier = Name.getAsIdentifierInfo())
    return {Identifier->getName(), nullptr};
  return {StringRef(), nullptr};
}

/// The elements an append of \p Call adds to a \p Kind container: 1 for the
/// single-element members, the length of a string literal appended to a
/// string; none for any other call.
static std::optional<uint64_t> appendedElements(const MemberCallParts &Call,
                                                ContainerKind Kind) {
  const unsigned Params =
      Call.Method ? Call.Method->getNumParams() : Call.Args;
  // Resolved: a single element is passed by reference. Dependent: the
  // overload is unknown, so only calls whose every overload adds one.
  const bool LastParamIsReference =
      Call.Method && Params > 0 &&
      Call.Method->getParamDecl(Params - 1)->getType()->isReferenceType();
  const StringRef Name = Call.Name;
  switch (Kind) {
  case ContainerKind::Vector:
    if (Name == "push_back" || Name == "emplace_back" ||
        (Name == "emplace" && Params >= 1) ||
        (Name == "insert" && Params == 2 && LastParamIsReference))
      return 1;
    return std::nullopt;
  case ContainerKind::String: {
    if (Name == "push_back")
      return 1;
    const auto *Literal =
        Call.Args == 1 ? dyn_cast<StringLiteral>(strip(Call.Call->getArg(0)))
                       : nullptr;
    if (Name == "append" && Literal)
      return Literal->getLength();
    return std::nullopt;
  }
  case ContainerKind::Hash:
    if (Name == "emplace" || Name == "emplace_hint" || Name == "try_emplace" ||
        Name == "insert_or_assign")
      return 1;
    if (Name == "insert" && (Params == 1 || Params == 2) &&
        (Call.Method ? LastParamIsReference
                     : !isa<InitListExpr>(
                           strip(Call.Call->getArg(Call.Args - 1)))))
      return 1;
    return std::nullopt;
  case ContainerKind::None:
    return std::nullopt;
  }
  return std::nullopt;
}

namespace {
/// An append in statement position.
struct AppendCall {
  /// The container, or the pointer to it.
  const Expr *Object;
  bool ThroughPointer;
  SourceLocation Loc;
  /// The expression applied to the container: the call, the `+=`, or the
  /// `m[k]` of `m[k] = v`.
  const Expr *Growing;
  uint64_t Elements;
};
} // namespace

static std::optional<AppendCall> asAppend(const Stmt *S,
                                          ContainerKindOf KindOf) {
  const Expr *E = dyn_cast_or_null<Expr>(S);
  if (const auto *Decl = dyn_cast_or_null<DeclStmt>(S);
      Decl && Decl->isSingleDecl())
    if (const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl()))
      E = Var->getInit();
  E = strip(E);
  if (const auto *ToVoid = dyn_cast_or_null<ExplicitCastExpr>(E);
      ToVoid && ToVoid->getType()->isVoidType())
    E = strip(ToVoid->getSubExpr());
  if (!E)
    return std::nullopt;

  if (std::optional<MemberCallParts> Call = memberCallParts(E)) {
    const QualType Type = Call->Arrow
                              ? Call->Object->getType()->getPointeeType()
                              : Call->Object->getType();
    if (Type.isNull())
      return std::nullopt;
    if (std::optional<uint64_t> Elements =
            appendedElements(*Call, KindOf(Type));
        Elements && *Elements > 0)
      return AppendCall{Call->Object, Call->Arrow, Call->Loc, E, *Elements};
    return std::nullopt;
  }
  const Expr *Assigned = nullptr;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E)) {
    // s += 'c', s += "ab"
    if (Operator->getOperator() == OO_PlusEqual &&
        Operator->getNumArgs() == 2 &&
        KindOf(Operator->getArg(0)->getType()) == ContainerKind::String) {
      const Expr *Added = strip(Operator->getArg(1));
      uint64_t Elements = 0;
      if (Added->getType()->isAnyCharacterType())
        Elements = 1;
      else if (const auto *Literal = dyn_cast<StringLiteral>(Added))
        Elements = Literal->getLength();
      if (Elements)
        return AppendCall{Operator->getArg(0), false,
                          Operator->getOperatorLoc(), E, Elements};
    }
    if (Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2)
      Assigned = Operator->getArg(0);
  } else if (const auto *Binary = dyn_cast<BinaryOperator>(E);
             Binary && Binary->getOpcode() == BO_Assign) {
    Assigned = Binary->getLHS();
  }
  // m[k] = v
  const auto *Subscript =
      dyn_cast_or_null<CXXOperatorCallExpr>(strip(Assigned));
  if (Subscript && Subscript->getOperator() == OO_Subscript &&
      KindOf(Subscript->getArg(0)->getType()) == ContainerKind::Hash)
    return AppendCall{Subscript->getArg(0), false, Subscript->getBeginLoc(),
                      Subscript, 1};
  return std::nullopt;
}

/// Whether \p S may end the current iteration of the enclosing loop early.
static bool mayLeaveIteration(const Stmt *S, bool InNestedLoop,
                              bool InNestedSwitch) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt, CoreturnStmt, CXXThrowExpr>(
          S))
    return true;
  if (isa<BreakStmt>(S))
    return !InNestedLoop && !InNestedSwitch;
  if (isa<ContinueStmt>(S))
    return !InNestedLoop;
  InNestedLoop |= isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
  InNestedSwitch |= isa<SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    if (mayLeaveIteration(Child, InNestedLoop, InNestedSwitch))
      return true;
  return false;
}

bool mayResetContainer(const Expr &Ref, ASTContext &Context) {
  static const llvm::StringSet<> Resetting = {
      "clear",  "erase",  "pop_back", "resize",        "reserve", "swap",
      "assign", "rehash", "extract",  "shrink_to_fit", "merge"};
  const auto [Name, Method] = calledMember(Ref, Context);
  if (!Name.empty())
    return (!Method || !Method->isConst()) && Resetting.contains(Name);
  // A pointer to the container: only `p->f()` is followed.
  if (Ref.getType()->isPointerType())
    return true;
  // Of the operators, only assignment replaces the contents (`c[i]` and
  // `c += x` keep or add to them); otherwise any write may.
  if (const auto *Operator =
          dyn_cast_or_null<CXXOperatorCallExpr>(userParent(Ref, Context)))
    return Operator->getOperator() == OO_Equal;
  return isModifyingUse(Ref, Context);
}

/// Whether the use \p Ref of a \p Kind container may add elements to it.
static bool mayGrow(const Expr &Ref, ContainerKind Kind, ASTContext &Context) {
  static const llvm::StringSet<> Growing = {
      "push_back", "emplace_back", "emplace",       "emplace_hint",
      "insert",    "try_emplace",  "insert_or_assign", "append",
      "push_front", "emplace_front", "insert_range", "append_range"};
  const auto [Name, Method] = calledMember(Ref, Context);
  if (!Name.empty())
    return Growing.contains(Name);
  const Stmt *Parent = userParent(Ref, Context);
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Parent))
    return Operator->getOperator() == OO_PlusEqual ||
           (Operator->getOperator() == OO_Subscript &&
            Kind == ContainerKind::Hash);
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(Parent))
    return Binary->isCompoundAssignmentOp();
  return false;
}

/// The expression a growing use \p Ref is the object of, as asAppend names it.
static const Stmt *growingExpr(const Expr &Ref, ASTContext &Context) {
  const Stmt *Parent = userParent(Ref, Context);
  if (isa_and_nonnull<MemberExpr, CXXDependentScopeMemberExpr,
                      UnresolvedMemberExpr>(Parent))
    return parentStmt(*Parent, Context);
  return Parent;
}

namespace {
class GrowthCollector {
public:
  GrowthCollector(const Stmt &Loop, ContainerKindOf KindOf,
                  const TripCountContext &Ctx)
      : Loop(Loop), KindOf(KindOf), Ctx(Ctx) {}

  /// Counts the appends of one run of \p Body, \p Runs times.
  void collect(const Stmt &Body, const TripCount &Runs) {
    if (const auto *Block = dyn_cast<CompoundStmt>(&Body)) {
      for (const Stmt *S : Block->body())
        if (!collectStatement(*S, Runs))
          return;
      return;
    }
    collectStatement(Body, Runs);
  }

  /// Marks the containers that other appends of \p Body grow by an unknown
  /// amount.
  void findUnboundedGrowth(const Stmt &Body) {
    ASTContext &Context = Ctx.Context;
    for (BodyGrowth &Growth : Growths)
      forEachContainerUse(
          &Body, Growth.Container, Context, [&](const Expr &Ref, bool Whole) {
            if (Growth.Unbounded || !Whole ||
                !mayGrow(Ref, Growth.Kind, Context))
              return;
            const Stmt *Growing = growingExpr(Ref, Context);
            if (Counted.contains(Growing))
              return;
            // A conditional append of known size adds at most what is counted
            // for it: reserving the unconditional ones is a fair lower bound.
            const auto *Operator =
                dyn_cast_or_null<CXXOperatorCallExpr>(Growing);
            const bool Conditional =
                (asAppend(Growing, KindOf) ||
                 (Operator && Operator->getOperator() == OO_Subscript &&
                  Growth.Kind == ContainerKind::Hash)) &&
                !enclosingLoop(*Growing, Body, Context) &&
                !isInLambda(*Growing, Body);
            Growth.Unbounded = !Conditional;
          });
  }

  llvm::SmallVector<BodyGrowth, 2> take() { return std::move(Growths); }

private:
  /// Whether the run goes on after \p S.
  bool collectStatement(const Stmt &S, const TripCount &Runs) {
    if (const auto *Block = dyn_cast<CompoundStmt>(&S)) {
      for (const Stmt *Child : Block->body())
        if (!collectStatement(*Child, Runs))
          return false;
      return true;
    }
    if (std::optional<AppendCall> Append = asAppend(&S, KindOf))
      add(*Append, productOf(Runs, constantCount(Append->Elements),
                             Ctx.Context));
    else if (std::optional<std::pair<const Stmt *, TripCount>> Inner =
                 innerLoop(S))
      collect(*Inner->first, productOf(Runs, Inner->second, Ctx.Context));
    return !mayLeaveIteration(&S, false, false);
  }

  /// Whether \p S holds an append: a downward walk, cheaper than the trip
  /// count of an inner loop, whose mutation analysis needs parents.
  bool containsAppend(const Stmt *S) const {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (asAppend(S, KindOf))
      return true;
    return llvm::any_of(S->children(),
                        [&](const Stmt *Child) { return containsAppend(Child); });
  }

  /// The body and trip count of an inner loop whose count is fixed before
  /// the outer loop.
  std::optional<std::pair<const Stmt *, TripCount>>
  innerLoop(const Stmt &S) const {
    const Stmt *Body = loopBody(S);
    if (!Body || !containsAppend(Body))
      return std::nullopt;
    const std::optional<TripCount> Count = tripCountOfLoop(S, Ctx);
    if (!Count || !staysDuring(*Count, Loop, Ctx.Context))
      return std::nullopt;
    return std::make_pair(Body, *Count);
  }

  void add(const AppendCall &Append, const TripCount &Elements) {
    std::optional<ContainerPath> Path =
        containerPathOf(Append.Object, Append.ThroughPointer);
    // A container declared in the loop is a new one on every iteration.
    if (!Path ||
        Loop.getSourceRange().fullyContains(Path->Root->getSourceRange()) ||
        isCapturedByCopy(*Path->Root))
      return;
    Counted.insert(Append.Growing);
    auto Known = llvm::find_if(Growths, [&](const BodyGrowth &Growth) {
      return Growth.Container == *Path;
    });
    if (Known != Growths.end()) {
      Known->PerRun = sumOf(Known->PerRun, Elements, Ctx.Context);
      return;
    }
    BodyGrowth &Growth = Growths.emplace_back();
    Growth.Container = std::move(*Path);
    Growth.Object = Append.Object;
    Growth.ThroughPointer = Append.ThroughPointer;
    Growth.AppendLoc = Append.Loc;
    const QualType Type = Append.Object->getType();
    Growth.Kind = KindOf(Append.ThroughPointer ? Type->getPointeeType() : Type);
    Growth.PerRun = Elements;
  }

  /// Whether the lambda that \p Loop is appends to its own copy of \p Decl.
  bool isCapturedByCopy(const ValueDecl &Decl) const {
    const auto *Lambda = dyn_cast<LambdaExpr>(&Loop);
    if (!Lambda)
      return false;
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == &Decl)
        return Capture.getCaptureKind() != LCK_ByRef;
    return false;
  }

  bool isInLambda(const Stmt &S, const Stmt &Body) const {
    for (const Stmt *Parent = parentStmt(S, Ctx.Context);
         Parent && Parent != &Body; Parent = parentStmt(*Parent, Ctx.Context))
      if (isa<LambdaExpr>(Parent))
        return true;
    return false;
  }

  const Stmt &Loop;
  ContainerKindOf KindOf;
  const TripCountContext &Ctx;
  llvm::SmallVector<BodyGrowth, 2> Growths;
  llvm::SmallPtrSet<const Stmt *, 8> Counted;
};
} // namespace

llvm::SmallVector<BodyGrowth, 2> growthPerRun(const Stmt &Body,
                                              const Stmt &Loop,
                                              ContainerKindOf KindOf,
                                              const TripCountContext &Ctx) {
  GrowthCollector Collector(Loop, KindOf, Ctx);
  Collector.collect(Body, constantCount(1));
  Collector.findUnboundedGrowth(Body);
  return Collector.take();
}

} // namespace clang::tidy::maptidy
