//===--- UnreservedAppendCheck.cpp - maptidy ------------------------------===//

#include "UnreservedAppendCheck.h"
#include "ContainerTypes.h"
#include "LoopAppends.h"
#include "LoopTripCount.h"
#include "MemberPath.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "utils/ASTUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::maptidy {


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

/// Whether \p Call runs on every path from the function entry to \p Anchor.
/// With \p ThroughTryBlocks, a call in a try block counts as running: a
/// handler that goes on after an exception skips it, but a reserve() there
/// is the code asking for the capacity and handling its failure.
static bool dominates(const Stmt &Call, const Stmt &Anchor, ASTContext &Context,
                      bool ThroughTryBlocks = false) {
  llvm::SmallPtrSet<const Stmt *, 16> AnchorAncestors;
  for (const Stmt *S = &Anchor; S; S = parentStmt(*S, Context))
    AnchorAncestors.insert(S);
  for (const Stmt *S = parentStmt(Call, Context); S;
       S = parentStmt(*S, Context)) {
    if (AnchorAncestors.contains(S))
      return true;
    // A handler's body reaches its CXXCatchStmt first, and stops there.
    if (isa<CXXTryStmt>(S) && ThroughTryBlocks)
      continue;
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
  /// For a pointer to the container: it is dereferenced on every path to the
  /// loop, so a reserve() through it cannot be the first null dereference.
  bool Dereferenced = false;
};
} // namespace

/// Whether the member \p Fields of the local \p Var start empty: \p Var is
/// default-initialized or value-initialized by a constructor the compiler
/// wrote, and no member on the way has a default member initializer.
static bool isFreshMember(const VarDecl &Var,
                          llvm::ArrayRef<const FieldDecl *> Fields) {
  const Expr *Init = strip(Var.getInit());
  if (const auto *List = dyn_cast_or_null<InitListExpr>(Init)) {
    // `Report report{};`: its semantic form lists every member.
    if (const InitListExpr *Written = List->getSyntacticForm())
      List = Written;
    if (List->getNumInits() != 0)
      return false;
  } else if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init)) {
    if (Construct->getNumArgs() != 0 ||
        Construct->getConstructor()->isUserProvided())
      return false;
  } else if (Init) {
    return false;
  }
  return llvm::none_of(Fields, [](const FieldDecl *Field) {
    return Field->hasInClassInitializer();
  });
}

/// \p Cleared: a `clear()` of the container in the loop around \p Anchor,
/// after which the container is empty.
static PriorState priorState(const BodyGrowth &Filled, const Stmt &Anchor,
                             const Stmt &Body, const Expr *Cleared,
                             ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  PriorState Prior;
  bool Used = false;
  bool Reserved = false;
  const ContainerPath &Container = Filled.Container;
  forEachContainerUse(
      &Body, Container, Context, [&](const Expr &Ref, bool Whole) {
        if (!SM.isBeforeInTranslationUnit(Ref.getBeginLoc(),
                                          Anchor.getBeginLoc()) ||
            (Cleared && !SM.isBeforeInTranslationUnit(Cleared->getEndLoc(),
                                                      Ref.getBeginLoc())))
          return;
        if (!Whole) {
          Used = Used || mayChangeThroughPrefix(Ref, Context);
          // Past the pointer: `*impl_`, `out->stats`.
          if (Container.ThroughPointer && !isPointerLike(Ref.getType()) &&
              dominates(Ref, Anchor, Context))
            Prior.Dereferenced = true;
          return;
        }
        const auto [Name, Method] = calledMember(Ref, Context);
        if (Container.ThroughPointer && dominates(Ref, Anchor, Context) &&
            (!Name.empty() || !Container.Fields.empty()))
          Prior.Dereferenced = true;
        if (Name == "reserve" || Name == "resize" || Name == "rehash") {
          if (dominates(Ref, Anchor, Context, /*ThroughTryBlocks=*/true))
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

  const auto *Var = dyn_cast<VarDecl>(Container.Root);
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Var->getType()->isReferenceType() || Var->getType()->isPointerType() ||
      Container.ThroughPointer) {
    Prior.State = PriorState::MayHoldElements;
    return Prior;
  }
  if (!Container.Fields.empty()) {
    Prior.State = !Used && !Cleared && isFreshMember(*Var, Container.Fields)
                      ? PriorState::Empty
                      : PriorState::MayHoldElements;
    return Prior;
  }
  if (Cleared) {
    Prior.State = Used ? PriorState::MayHoldElements : PriorState::Empty;
    return Prior;
  }
  // In a template, a variable of dependent class type without initializer
  // is default-constructed.
  if (!Var->getInit() && Var->getType()->isDependentType()) {
    Prior.State = Used ? PriorState::MayHoldElements : PriorState::Empty;
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

/// std::for_each or std::ranges::for_each with a lambda written in the call.
AST_MATCHER(CallExpr, runsLambdaPerElement) {
  unsigned Written = Node.getNumArgs();
  while (Written > 0 && isa<CXXDefaultArgExpr>(Node.getArg(Written - 1)))
    --Written;
  return Written > 0 && isa<LambdaExpr>(strip(Node.getArg(Written - 1))) &&
         standardAlgorithmOf(Node) == "for_each";
}
} // namespace

void UnreservedAppendCheck::registerMatchers(MatchFinder *Finder) {
  const auto InUserCode = isInUserCode();
  // One matcher per loop kind: a stmt() matcher would run on every statement.
  Finder->addMatcher(forStmt(InUserCode).bind("loop"), this);
  Finder->addMatcher(cxxForRangeStmt(InUserCode).bind("loop"), this);
  Finder->addMatcher(whileStmt(InUserCode).bind("loop"), this);
  Finder->addMatcher(doStmt(InUserCode).bind("loop"), this);
  Finder->addMatcher(
      callExpr(copiesThroughInserter(), InUserCode).bind("algorithm"), this);
  Finder->addMatcher(
      callExpr(runsLambdaPerElement(), InUserCode).bind("for_each"), this);
}

ContainerKind UnreservedAppendCheck::kindOf(QualType Type) const {
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

/// The arguments of an algorithm call as written: without the function
/// object of a ranges call and without default arguments (projections).
static llvm::SmallVector<const Expr *, 5>
algorithmArguments(const CallExpr &Call) {
  llvm::SmallVector<const Expr *, 5> Args;
  for (const Expr *Arg : Call.arguments())
    if (!isa<CXXDefaultArgExpr>(Arg))
      Args.push_back(Arg);
  if (isa<CXXOperatorCallExpr>(Call))
    Args.erase(Args.begin());
  return Args;
}

/// The statement that holds \p Call: where a reserve goes before it.
static const Stmt &statementOf(const CallExpr &Call, ASTContext &Context) {
  const Stmt *Anchor = &Call;
  for (const Stmt *Parent = parentStmt(*Anchor, Context);
       Parent && isa<Expr>(Parent); Parent = parentStmt(*Parent, Context))
    Anchor = Parent;
  if (const Stmt *Parent = parentStmt(*Anchor, Context);
      Parent && isa<DeclStmt>(Parent))
    Anchor = Parent;
  return *Anchor;
}

void UnreservedAppendCheck::analyze(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (Context.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const TripCountContext Counting{Context, SizedClasses};
  auto Kind = [this](QualType Type) { return kindOf(Type); };

  // Appends first, trip count second: the count's mutation analysis needs the
  // parents of the whole translation unit.
  if (const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop")) {
    const Stmt *Body = loopBody(*Loop);
    if (!Body)
      return;
    const llvm::SmallVector<BodyGrowth, 2> Growths =
        growthPerRun(*Body, *Loop, Kind, Counting);
    if (Growths.empty())
      return;
    if (const std::optional<TripCount> Count = tripCountOfLoop(*Loop, Counting))
      diagnoseGrowths(*Loop, *Body, Growths, *Count, Context);
    return;
  }

  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("for_each")) {
    const llvm::SmallVector<const Expr *, 5> Args = algorithmArguments(*Call);
    const auto *Lambda = cast<LambdaExpr>(strip(Args.back()));
    const llvm::SmallVector<BodyGrowth, 2> Growths =
        growthPerRun(*Lambda->getBody(), *Lambda, Kind, Counting);
    if (Growths.empty())
      return;
    std::optional<TripCount> Count;
    if (Args.size() == 3)
      Count = tripCountOfIterators(Args[0], Args[1], Counting);
    else if (Args.size() == 2)
      Count = tripCountOfRange(Args[0], Counting);
    if (Count)
      diagnoseGrowths(statementOf(*Call, Context), *Lambda->getBody(),
                      Growths, *Count, Context);
    return;
  }

  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("algorithm");
  const llvm::SmallVector<const Expr *, 5> Args = algorithmArguments(*Call);
  const StringRef Algorithm = standardAlgorithmOf(*Call);
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
  BodyGrowth Filled;
  Filled.Object = insertedContainer(*Output);
  std::optional<ContainerPath> Container =
      containerPathOf(Filled.Object, /*Arrow=*/false);
  Filled.Kind = kindOf(Filled.Object->getType());
  Filled.AppendLoc = Call->getBeginLoc();
  Filled.PerRun = constantCount(1);
  if (!Container || Filled.Kind == ContainerKind::None)
    return;
  Filled.Container = std::move(*Container);
  diagnose(statementOf(*Call, Context), Filled, *Count, Context);
}

void UnreservedAppendCheck::diagnoseGrowths(
    const Stmt &Anchor, const Stmt &Body, llvm::ArrayRef<BodyGrowth> Growths,
    const TripCount &Count, ASTContext &Context) {
  for (const BodyGrowth &Filled : Growths) {
    if (Filled.Unbounded)
      continue;
    bool Reset = false;
    forEachContainerUse(
        &Body, Filled.Container, Context, [&](const Expr &Ref, bool Whole) {
          Reset = Reset || (Whole ? mayResetContainer(Ref, Context)
                                  : mayChangeThroughPrefix(Ref, Context));
        });
    if (!Reset)
      diagnose(Anchor, Filled, Count, Context);
  }
}

/// A `clear()` of \p Filled on every iteration of \p Loop before \p Anchor:
/// the container is empty there, and a reserve() after it does not make the
/// loops quadratic.
static const Expr *clearedBefore(const Stmt &Anchor, const Stmt &Loop,
                                 const BodyGrowth &Filled,
                                 ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const Expr *Cleared = nullptr;
  forEachContainerUse(
      &Loop, Filled.Container, Context, [&](const Expr &Ref, bool Whole) {
        if (Whole && calledMember(Ref, Context).first == "clear" &&
            SM.isBeforeInTranslationUnit(Ref.getBeginLoc(),
                                         Anchor.getBeginLoc()) &&
            dominates(Ref, Anchor, Context))
          Cleared = &Ref;
      });
  return Cleared;
}

void UnreservedAppendCheck::diagnose(const Stmt &Anchor,
                                     const BodyGrowth &Filled,
                                     const TripCount &Count,
                                     ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const Stmt *Body = enclosingFunctionBody(Anchor, Context);
  if (!Body)
    return;
  // A container that outlives an enclosing loop is not empty on the next
  // outer iteration; reserving size() + n there would make the loops
  // quadratic, so only a container created inside that loop, or cleared on
  // each of its iterations, is reported.
  const Expr *Cleared = nullptr;
  if (const Stmt *OuterLoop = enclosingLoop(Anchor, *Body, Context);
      OuterLoop && (!isa<VarDecl>(Filled.Container.Root) ||
                    !cast<VarDecl>(Filled.Container.Root)->hasLocalStorage() ||
                    Filled.Container.ThroughPointer ||
                    !OuterLoop->getSourceRange().fullyContains(
                        Filled.Container.Root->getSourceRange()))) {
    Cleared = clearedBefore(Anchor, *OuterLoop, Filled, Context);
    if (!Cleared)
      return;
  }

  const PriorState Prior = priorState(Filled, Anchor, *Body, Cleared, Context);
  if (Prior.State == PriorState::Reserved)
    return;
  if (Prior.State == PriorState::ConstructedWithSize) {
    if (Filled.PerRun.Constant == 1u &&
        sameCount(Prior.SizeArgument, Count, Context))
      diagnoseConstructedWithSize(Filled, *Prior.SizeArgument, Context);
    return;
  }

  TripCount Amount = productOf(Count, Filled.PerRun, Context);
  // Every standard library keeps up to 15 characters in the string object:
  // an empty string that grows by that many at most never allocates.
  if (Filled.Kind == ContainerKind::String &&
      Prior.State == PriorState::Empty && Amount.Constant &&
      *Amount.Constant <= 15)
    return;
  std::optional<std::string> Statement;
  const std::optional<std::string> Object = textOf(*Filled.Object, Context);
  if (Object && !Amount.Text.empty()) {
    const std::string Access = *Object + (Filled.ThroughPointer ? "->" : ".");
    if (Prior.State == PriorState::MayHoldElements) {
      TripCount Size;
      Size.Text = Access + "size()";
      Size.Type = Context.getSizeType();
      Amount = sumOf(Size, Amount, Context);
    }
    Statement = Access + "reserve(" + Amount.Text + ");";
  }
  const auto Insertion = insertionBefore(Anchor, Context);
  // On a thread, a container other threads reach: a reserve() would race
  // with their uses and would not count their elements.
  const std::optional<ThreadLaunch> Thread =
      Starts.enclosingThread(Anchor, Context);
  const bool Shared =
      Thread && isShared(*Thread->Lambda, *Filled.Container.Root);
  // Through a pointer that nothing dereferences before the loop, the
  // reserve() would be the first dereference, also when the loop runs zero
  // times.
  const bool MayBeNull = Filled.Container.ThroughPointer && !Prior.Dereferenced;
  const std::string Name = Filled.Container.spelling();
  {
    auto Diag = diag(Filled.AppendLoc,
                     "'%0' grows inside a loop whose trip count is known; "
                     "reserve() its capacity before the loop to avoid "
                     "repeated %select{reallocation|rehashing}1")
                << Name << (Filled.Kind == ContainerKind::Hash);
    if (Statement && Insertion && !Shared && !MayBeNull) {
      Diag << FixItHint::CreateInsertion(Insertion->first,
                                         *Statement + Insertion->second);
      if (Amount.UsesStdMax)
        Diag << Inserter.insertion(SM.getFileID(Insertion->first),
                                   "<algorithm>");
    }
  }
  if (Shared)
    diag(Thread->Launch->getBeginLoc(),
         "no fix: the loop runs on the thread started here, and other threads "
         "can reach '%0'; a reserve() there would race with them and not "
         "count their elements",
         DiagnosticIDs::Note)
        << Name;
  else if (!Statement)
    diag(Anchor.getBeginLoc(),
         "the iteration count cannot be computed safely before the loop; no "
         "fix is offered",
         DiagnosticIDs::Note);
  else if (MayBeNull)
    diag(Anchor.getBeginLoc(),
         "'%0' is not dereferenced before the loop and may be null where the "
         "loop does not run; add '%1' yourself if it cannot be",
         DiagnosticIDs::Note)
        << Filled.Container.Root->getName() << *Statement;
  else if (!Insertion)
    diag(Anchor.getBeginLoc(),
         "a statement cannot be inserted before this loop; add '%0' yourself",
         DiagnosticIDs::Note)
        << *Statement;
}

void UnreservedAppendCheck::diagnoseConstructedWithSize(
    const BodyGrowth &Filled, const Expr &SizeArgument, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const auto *Var = cast<VarDecl>(Filled.Container.Root);
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
