//===--- UnreservedAppendCheck.cpp - maptidy ------------------------------===//

#include "UnreservedAppendCheck.h"
#include "ContainerTypes.h"
#include "LoopTripCount.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "utils/ASTUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::maptidy {

using ContainerKind = UnreservedAppendCheck::ContainerKind;
using KindOf = llvm::function_ref<ContainerKind(QualType)>;

static constexpr char DefaultVectorLikeClasses[] =
    "::std::vector;::llvm::SmallVector;::absl::InlinedVector;"
    "::boost::container::vector;::boost::container::small_vector;"
    "::folly::fbvector;::folly::small_vector";
static constexpr char DefaultHashLikeClasses[] =
    "::std::unordered_map;::std::unordered_set;::std::unordered_multimap;"
    "::std::unordered_multiset;::absl::flat_hash_map;::absl::flat_hash_set;"
    "::absl::node_hash_map;::absl::node_hash_set;::boost::unordered_map;"
    "::boost::unordered_set;::boost::unordered_flat_map;"
    "::boost::unordered_flat_set;::boost::unordered_node_map;"
    "::boost::unordered_node_set;::llvm::DenseMap;::llvm::DenseSet";

/// Wraps \p Text in parentheses unless it is a single term.
static std::string asTerm(StringRef Text) {
  int Depth = 0;
  for (char C : Text) {
    if (C == '(' || C == '[' || C == '<')
      ++Depth;
    else if (C == ')' || C == ']' || C == '>')
      --Depth;
    else if (C == ' ' && Depth == 0)
      return ("(" + Text + ")").str();
  }
  return Text.str();
}

/// The variable or `this` member that an append is called on; null for
/// anything else (pointers, temporaries, elements of other objects).
static const ValueDecl *targetDecl(const Expr *Object) {
  Object = strip(Object);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object))
    return dyn_cast<VarDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Object);
      Member && isa<CXXThisExpr>(strip(Member->getBase())))
    return dyn_cast<FieldDecl>(Member->getMemberDecl());
  return nullptr;
}

/// Whether calling \p Method adds exactly one element to a \p Kind container.
static bool isSingleElementAppend(const CXXMethodDecl &Method,
                                  ContainerKind Kind) {
  const StringRef Name = nameOf(&Method);
  const unsigned Params = Method.getNumParams();
  const bool LastParamIsReference =
      Params > 0 &&
      Method.getParamDecl(Params - 1)->getType()->isReferenceType();
  switch (Kind) {
  case ContainerKind::Vector:
    return Name == "push_back" || Name == "emplace_back" ||
           (Name == "emplace" && Params >= 1) ||
           (Name == "insert" && Params == 2 && LastParamIsReference);
  case ContainerKind::String:
    return Name == "push_back";
  case ContainerKind::Hash:
    return Name == "emplace" || Name == "emplace_hint" ||
           Name == "try_emplace" || Name == "insert_or_assign" ||
           (Name == "insert" && (Params == 1 || Params == 2) &&
            LastParamIsReference);
  case ContainerKind::None:
    return false;
  }
  return false;
}

/// An append in statement position, and the container it grows.
struct AppendCall {
  const Expr *Object;
  SourceLocation Loc;
};

static std::optional<AppendCall> asAppend(const Stmt *S, KindOf Kind) {
  const Expr *E = dyn_cast<Expr>(S);
  if (const auto *Decl = dyn_cast<DeclStmt>(S); Decl && Decl->isSingleDecl())
    if (const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl()))
      E = Var->getInit();
  E = strip(E);
  if (const auto *ToVoid = dyn_cast_or_null<ExplicitCastExpr>(E);
      ToVoid && ToVoid->getType()->isVoidType())
    E = strip(ToVoid->getSubExpr());
  if (!E)
    return std::nullopt;

  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const Expr *Object = Call->getImplicitObjectArgument();
    if (Call->getMethodDecl() && Object &&
        isSingleElementAppend(*Call->getMethodDecl(), Kind(Object->getType())))
      return AppendCall{Object, Call->getExprLoc()};
    return std::nullopt;
  }
  const Expr *Assigned = nullptr;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E)) {
    // s += 'c'
    if (Operator->getOperator() == OO_PlusEqual &&
        Operator->getNumArgs() == 2 &&
        Kind(Operator->getArg(0)->getType()) == ContainerKind::String &&
        Operator->getArg(1)
            ->IgnoreParenImpCasts()
            ->getType()
            ->isAnyCharacterType())
      return AppendCall{Operator->getArg(0), Operator->getOperatorLoc()};
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
      Kind(Subscript->getArg(0)->getType()) == ContainerKind::Hash)
    return AppendCall{Subscript->getArg(0), Subscript->getBeginLoc()};
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

/// Appends that run exactly once per iteration: statements of the body (and
/// of plain nested blocks) up to the first one that may end the iteration.
static void collectUnconditionalAppends(const Stmt *S, KindOf Kind,
                                        llvm::SmallVectorImpl<AppendCall> &Out,
                                        bool &Stopped) {
  if (Stopped)
    return;
  if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : Block->body())
      collectUnconditionalAppends(Child, Kind, Out, Stopped);
    return;
  }
  if (std::optional<AppendCall> Append = asAppend(S, Kind))
    Out.push_back(*Append);
  Stopped = mayLeaveIteration(S, false, false);
}

/// The member function called on \p Ref, if \p Ref is the object of a call.
static const CXXMethodDecl *calledMethod(const Expr &Ref, ASTContext &Context) {
  const auto *Member = dyn_cast_or_null<MemberExpr>(userParent(Ref, Context));
  return Member ? dyn_cast<CXXMethodDecl>(Member->getMemberDecl()) : nullptr;
}

/// Whether the use \p Ref may shrink, replace or hand out the container, which
/// makes its size at the end of the loop unknowable.
static bool mayResetContainer(const Expr &Ref, ASTContext &Context) {
  static const llvm::StringSet<> Resetting = {
      "clear",  "erase",  "pop_back", "resize",        "reserve", "swap",
      "assign", "rehash", "extract",  "shrink_to_fit", "merge"};
  if (const CXXMethodDecl *Method = calledMethod(Ref, Context))
    return !Method->isConst() && Resetting.contains(nameOf(Method));
  const Stmt *Parent = userParent(Ref, Context);
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Parent))
    return Operator->getOperator() == OO_Equal;
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Parent))
    return Unary->getOpcode() == UO_AddrOf;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Parent)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      if (strip(Call->getArg(I)) != &Ref)
        continue;
      if (!Callee || I >= Callee->getNumParams())
        return true;
      const QualType Param = Callee->getParamDecl(I)->getType();
      return Param->isReferenceType() &&
             !Param.getNonReferenceType().isConstQualified();
    }
  }
  return false;
}

/// Whether \p Call runs on every path from the function entry to \p Anchor.
static bool dominates(const Stmt &Call, const Stmt &Anchor,
                      ASTContext &Context) {
  llvm::SmallPtrSet<const Stmt *, 16> AnchorAncestors;
  for (const Stmt *S = &Anchor; S; S = parentStmt(*S, Context))
    AnchorAncestors.insert(S);
  for (const Stmt *S = parentStmt(Call, Context); S;
       S = parentStmt(*S, Context)) {
    if (AnchorAncestors.contains(S))
      return true;
    if (isa<IfStmt, SwitchStmt, SwitchCase, WhileStmt, DoStmt, ForStmt,
            CXXForRangeStmt, AbstractConditionalOperator, LambdaExpr,
            CXXCatchStmt, CXXTryStmt, StmtExpr>(S))
      return false;
    if (const auto *Binary = dyn_cast<BinaryOperator>(S);
        Binary && Binary->isLogicalOp())
      return false;
  }
  return false;
}

namespace {
/// What happened to a container before the loop that fills it.
struct PriorState {
  enum { Empty, MayHoldElements, Reserved, ConstructedWithSize } State = Empty;
  /// The size argument of `std::vector<T> v(n);`.
  const Expr *SizeArgument = nullptr;
};
} // namespace

static PriorState priorState(const UnreservedAppendCheck::Target &Filled,
                             const Stmt &Anchor, const Stmt &Body,
                             ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  PriorState Prior;
  bool Used = false;
  bool Reserved = false;
  forEachReference(&Body, Filled.Decl, [&](const Expr &Ref) {
    if (!SM.isBeforeInTranslationUnit(Ref.getBeginLoc(), Anchor.getBeginLoc()))
      return;
    const CXXMethodDecl *Method = calledMethod(Ref, Context);
    const StringRef Name = nameOf(Method);
    if (Name == "reserve" || Name == "resize" || Name == "rehash") {
      if (dominates(Ref, Anchor, Context))
        Reserved = true;
      else if (Name == "resize")
        Used = true;
      return;
    }
    if (!Method || !Method->isConst())
      Used = true;
  });
  if (Reserved) {
    Prior.State = PriorState::Reserved;
    return Prior;
  }

  const auto *Var = dyn_cast<VarDecl>(Filled.Decl);
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Var->getType()->isReferenceType()) {
    Prior.State = PriorState::MayHoldElements;
    return Prior;
  }
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(strip(Var->getInit()));
  llvm::SmallVector<const Expr *, 2> Args;
  if (Construct)
    for (const Expr *Arg : Construct->arguments())
      if (!isa<CXXDefaultArgExpr>(Arg))
        Args.push_back(Arg);
  const bool SizeFirst = !Args.empty() && !Construct->isListInitialization() &&
                         strip(Args[0])->getType()->isIntegerType();
  if (SizeFirst && Filled.Kind == ContainerKind::Hash) {
    Prior.State = PriorState::Reserved; // bucket count
  } else if (SizeFirst && Args.size() == 1 &&
             Filled.Kind == ContainerKind::Vector) {
    Prior.State = Used ? PriorState::Reserved : PriorState::ConstructedWithSize;
    Prior.SizeArgument = Args[0];
  } else if (!Construct || !Args.empty() || Used) {
    Prior.State = PriorState::MayHoldElements;
  }
  return Prior;
}

static bool sameCount(const Expr *SizeArgument, const TripCount &Count,
                      const ASTContext &Context) {
  if (std::optional<llvm::APSInt> Value =
          strip(SizeArgument)->getIntegerConstantExpr(Context))
    return Count.Constant && Value->isNonNegative() &&
           Value->getZExtValue() == *Count.Constant;
  if (Count.Bound && utils::areStatementsIdentical(strip(SizeArgument),
                                                   strip(Count.Bound), Context))
    return true;
  std::optional<std::string> Text = textOf(*SizeArgument, Context);
  return Text && *Text == Count.Text;
}

/// Where to insert a statement before \p Anchor, with the text that follows
/// the statement (a newline and the anchor's indentation); none when a new
/// statement cannot go there.
static std::optional<std::pair<SourceLocation, std::string>>
insertionBefore(const Stmt &Anchor, ASTContext &Context) {
  const SourceLocation Loc = Anchor.getBeginLoc();
  if (Loc.isInvalid() || Loc.isMacroID() ||
      !isa_and_nonnull<CompoundStmt>(parentStmt(Anchor, Context)))
    return std::nullopt;
  if (std::optional<std::string> Indent =
          indentationAt(Loc, Context.getSourceManager()))
    return std::make_pair(Loc, "\n" + *Indent);
  return std::make_pair(Loc, std::string(" "));
}

UnreservedAppendCheck::UnreservedAppendCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : SpelledSourceCheck(Name, Context),
      VectorLikeClasses(parseClassList(
          Options.get("VectorLikeClasses", DefaultVectorLikeClasses))),
      HashLikeClasses(parseClassList(
          Options.get("HashLikeClasses", DefaultHashLikeClasses))),
      Starts(parseClassList(Options.getLocalOrGlobal("ThreadLaunchers", ""))),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {
  SizedClasses = VectorLikeClasses;
  SizedClasses.insert(SizedClasses.end(), HashLikeClasses.begin(),
                      HashLikeClasses.end());
}

void UnreservedAppendCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  auto Join = [](const std::vector<std::string> &Names) {
    return llvm::join(Names, ";");
  };
  Options.store(Opts, "VectorLikeClasses", Join(VectorLikeClasses));
  Options.store(Opts, "HashLikeClasses", Join(HashLikeClasses));
  Options.store(Opts, "ThreadLaunchers", Join(Starts.launchers()));
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void UnreservedAppendCheck::registerPPCallbacks(const SourceManager &SM,
                                                Preprocessor *PP,
                                                Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

/// The container behind `std::back_inserter(c)` or `std::inserter(c, pos)`.
static const Expr *insertedContainer(const Expr *Arg) {
  Arg = strip(Arg);
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Arg);
      Construct && Construct->getNumArgs() == 1)
    Arg = strip(Construct->getArg(0));
  const auto *Call = dyn_cast_or_null<CallExpr>(Arg);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->isInStdNamespace())
    return nullptr;
  const StringRef Name = nameOf(Callee);
  if ((Name == "back_inserter" && Call->getNumArgs() == 1) ||
      (Name == "inserter" && Call->getNumArgs() == 2))
    return Call->getArg(0);
  return nullptr;
}

namespace {
/// A call of std::copy, std::copy_n or std::transform, or of their std::ranges
/// forms, that writes through a std::back_inserter or std::inserter.
AST_MATCHER(CallExpr, copiesThroughInserter) {
  const StringRef Algorithm = standardAlgorithmOf(Node);
  return (Algorithm == "copy" || Algorithm == "copy_n" ||
          Algorithm == "transform") &&
         llvm::any_of(Node.arguments(), [](const Expr *Arg) {
           return insertedContainer(Arg) != nullptr;
         });
}
} // namespace

void UnreservedAppendCheck::registerMatchers(MatchFinder *Finder) {
  const auto InUserCode = isInUserCode();
  // One matcher per loop kind: a stmt() matcher would run on every statement.
  Finder->addMatcher(forStmt(InUserCode).bind("loop"), this);
  Finder->addMatcher(cxxForRangeStmt(InUserCode).bind("loop"), this);
  Finder->addMatcher(
      callExpr(copiesThroughInserter(), InUserCode).bind("algorithm"), this);
}

UnreservedAppendCheck::ContainerKind
UnreservedAppendCheck::kindOf(QualType Type) const {
  if (Type->isPointerType() || !findReserveMethod(Type))
    return ContainerKind::None;
  static const std::vector<std::string> Strings = {"::std::basic_string"};
  if (isClassNamed(Type, Strings))
    return ContainerKind::String;
  if (isClassNamed(Type, VectorLikeClasses))
    return ContainerKind::Vector;
  if (isClassNamed(Type, HashLikeClasses))
    return ContainerKind::Hash;
  return ContainerKind::None;
}

void UnreservedAppendCheck::analyze(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (Context.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const TripCountContext Counting{Context, SizedClasses};
  auto Kind = [this](QualType Type) { return kindOf(Type); };

  if (const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop")) {
    const auto *For = dyn_cast<ForStmt>(Loop);
    const auto *Range = dyn_cast<CXXForRangeStmt>(Loop);
    const Stmt *Body = For ? For->getBody() : Range->getBody();
    if (!Body)
      return;
    // Appends first: a downward walk, where the trip count's mutation
    // analysis needs the parents of the whole translation unit.
    llvm::SmallVector<AppendCall, 4> Appends;
    bool Stopped = false;
    collectUnconditionalAppends(Body, Kind, Appends, Stopped);
    if (Appends.empty())
      return;
    const std::optional<TripCount> Count =
        For ? tripCountOf(*For, Counting) : tripCountOf(*Range, Counting);
    if (!Count)
      return;
    llvm::MapVector<const ValueDecl *, Target> Targets;
    for (const AppendCall &Append : Appends) {
      const ValueDecl *Decl = targetDecl(Append.Object);
      // A container declared in the body is a new one on every iteration.
      if (!Decl || Body->getSourceRange().fullyContains(Decl->getSourceRange()))
        continue;
      Target &Filled = Targets[Decl];
      if (!Filled.Decl) {
        Filled.Decl = Decl;
        Filled.Object = Append.Object;
        Filled.AppendLoc = Append.Loc;
        Filled.Kind = kindOf(Append.Object->getType());
      }
      ++Filled.PerIteration;
    }
    for (const auto &Entry : Targets) {
      bool Reset = false;
      forEachReference(Body, Entry.first, [&](const Expr &Ref) {
        Reset = Reset || mayResetContainer(Ref, Context);
      });
      if (!Reset)
        diagnose(*Loop, Entry.second, *Count, Context);
    }
    return;
  }

  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("algorithm");
  // The algorithm's own arguments: skip the function object of a ranges call.
  llvm::SmallVector<const Expr *, 5> Args(Call->arguments());
  const StringRef Algorithm = standardAlgorithmOf(*Call);
  if (isa<CXXOperatorCallExpr>(Call))
    Args.erase(Args.begin());
  const auto Output = llvm::find_if(
      Args, [](const Expr *Arg) { return insertedContainer(Arg) != nullptr; });
  const size_t Inputs = Output - Args.begin();
  std::optional<TripCount> Count;
  if (Algorithm == "copy_n" && Inputs == 2)
    Count = tripCountOfCount(Args[1], Counting);
  else if (Inputs == 1)
    Count = tripCountOfRange(Args[0], Counting);
  else if (Inputs >= 2 && Algorithm != "copy_n")
    Count = tripCountOfIterators(Args[0], Args[1], Counting);
  if (!Count)
    return;
  Target Filled;
  Filled.Object = insertedContainer(*Output);
  Filled.Decl = targetDecl(Filled.Object);
  Filled.Kind = kindOf(Filled.Object->getType());
  Filled.AppendLoc = Call->getBeginLoc();
  Filled.PerIteration = 1;
  if (!Filled.Decl || Filled.Kind == ContainerKind::None)
    return;
  // The statement that holds the call is where the reserve goes.
  const Stmt *Anchor = Call;
  for (const Stmt *Parent = parentStmt(*Anchor, Context);
       Parent && isa<Expr>(Parent); Parent = parentStmt(*Parent, Context))
    Anchor = Parent;
  if (const Stmt *Parent = parentStmt(*Anchor, Context);
      Parent && isa<DeclStmt>(Parent))
    Anchor = Parent;
  diagnose(*Anchor, Filled, *Count, Context);
}

void UnreservedAppendCheck::diagnose(const Stmt &Anchor, const Target &Filled,
                                     const TripCount &Count,
                                     ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const Stmt *Body = enclosingFunctionBody(Anchor, Context);
  if (!Body)
    return;
  // A container that outlives an enclosing loop is not empty on the next
  // outer iteration; reserving size() + n there would make the loops
  // quadratic, so only a container created inside that loop is reported.
  if (const Stmt *OuterLoop = enclosingLoop(Anchor, *Body, Context);
      OuterLoop && (!isa<VarDecl>(Filled.Decl) ||
                    !cast<VarDecl>(Filled.Decl)->hasLocalStorage() ||
                    !OuterLoop->getSourceRange().fullyContains(
                        Filled.Decl->getSourceRange())))
    return;

  const PriorState Prior = priorState(Filled, Anchor, *Body, Context);
  if (Prior.State == PriorState::Reserved)
    return;
  if (Prior.State == PriorState::ConstructedWithSize) {
    if (Filled.PerIteration == 1 &&
        sameCount(Prior.SizeArgument, Count, Context))
      diagnoseConstructedWithSize(Filled, *Prior.SizeArgument, Context);
    return;
  }

  std::optional<std::string> Statement;
  const std::optional<std::string> Object = textOf(*Filled.Object, Context);
  if (Object && !Count.Text.empty()) {
    std::string Amount = Count.Text;
    if (Filled.PerIteration > 1)
      Amount =
          Count.Constant && Amount == std::to_string(*Count.Constant)
              ? std::to_string(*Count.Constant * Filled.PerIteration)
              : std::to_string(Filled.PerIteration) + " * " + asTerm(Amount);
    if (Prior.State == PriorState::MayHoldElements)
      Amount = *Object + ".size() + " + asTerm(Amount);
    Statement = *Object + ".reserve(" + Amount + ");";
  }
  const auto Insertion = insertionBefore(Anchor, Context);
  // On a thread, a container other threads reach: a reserve() would race
  // with their uses and would not count their elements.
  const std::optional<ThreadLaunch> Thread =
      Starts.enclosingThread(Anchor, Context);
  const bool Shared = Thread && isShared(*Thread->Lambda, *Filled.Decl);
  {
    auto Diag = diag(Filled.AppendLoc,
                     "%0 grows inside a loop whose trip count is known; "
                     "reserve() its capacity before the loop to avoid "
                     "repeated %select{reallocation|rehashing}1")
                << Filled.Decl << (Filled.Kind == ContainerKind::Hash);
    if (Statement && Insertion && !Shared) {
      Diag << FixItHint::CreateInsertion(Insertion->first,
                                         *Statement + Insertion->second);
      if (Count.UsesStdMax)
        Diag << Inserter.insertion(SM.getFileID(Insertion->first),
                                   "<algorithm>");
    }
  }
  if (Shared)
    diag(Thread->Launch->getBeginLoc(),
         "no fix: the loop runs on the thread started here, and other threads "
         "can reach %0; a reserve() there would race with them and not count "
         "their elements",
         DiagnosticIDs::Note)
        << Filled.Decl;
  else if (!Statement)
    diag(Anchor.getBeginLoc(),
         "the iteration count cannot be computed safely before the loop; no "
         "fix is offered",
         DiagnosticIDs::Note);
  else if (!Insertion)
    diag(Anchor.getBeginLoc(),
         "a statement cannot be inserted before this loop; add '%0' yourself",
         DiagnosticIDs::Note)
        << *Statement;
}

void UnreservedAppendCheck::diagnoseConstructedWithSize(
    const Target &Filled, const Expr &SizeArgument, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const auto *Var = cast<VarDecl>(Filled.Decl);
  const auto *Construct = cast<CXXConstructExpr>(strip(Var->getInit()));
  const std::optional<std::string> Size = textOf(SizeArgument, Context);
  const DynTypedNodeList Parents = Context.getParents(*Var);
  const auto *Declaration =
      Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
  const SourceRange Parens = Construct->getParenOrBraceRange();
  {
    auto Diag = diag(Var->getLocation(),
                     "%0 is constructed with %1 value-initialized elements "
                     "and then grows by as many in a loop, ending with twice "
                     "the intended size; construct it empty and reserve() "
                     "instead")
                << Var << (Size ? *Size : std::string("n"));
    std::optional<std::string> Indent;
    if (Declaration && Declaration->isSingleDecl() &&
        !Declaration->getBeginLoc().isMacroID() &&
        !Declaration->getEndLoc().isMacroID())
      Indent = indentationAt(Declaration->getBeginLoc(), SM);
    if (Size && Indent && Parens.isValid() && !Parens.getBegin().isMacroID() &&
        !Parens.getEnd().isMacroID()) {
      Diag << FixItHint::CreateRemoval(CharSourceRange::getTokenRange(Parens))
           << FixItHint::CreateInsertion(
                  Lexer::getLocForEndOfToken(Declaration->getEndLoc(), 0, SM,
                                             Context.getLangOpts()),
                  "\n" + *Indent + Var->getName().str() + ".reserve(" + *Size +
                      ");");
    }
  }
  diag(Filled.AppendLoc, "elements are appended here", DiagnosticIDs::Note);
}

} // namespace clang::tidy::maptidy
