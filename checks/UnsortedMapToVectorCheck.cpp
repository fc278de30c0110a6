//===--- UnsortedMapToVectorCheck.cpp - maptidy ---------------------------===//

#include "UnsortedMapToVectorCheck.h"
#include "ContainerTypes.h"
#include "DeclarationRewrite.h"
#include "ProjectRewrites.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "UserReferences.h"
#include "VectorOrderUses.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::maptidy {

static constexpr StringRef SkiplistHeader = "<maptidy/skiplist_map.hpp>";

static constexpr char DefaultUnorderedClasses[] =
    "::std::unordered_map;::std::unordered_set;::std::unordered_multimap;"
    "::std::unordered_multiset;::absl::flat_hash_map;::absl::flat_hash_set;"
    "::absl::node_hash_map;::absl::node_hash_set;::boost::unordered_map;"
    "::boost::unordered_set;::boost::unordered_flat_map;"
    "::boost::unordered_flat_set;::boost::unordered_node_map;"
    "::boost::unordered_node_set";

namespace {
/// A local variable initialized by a constructor call: `std::vector<T> v(first,
/// last)` is one.
AST_MATCHER(VarDecl, isConstructedLocal) {
  return Node.hasLocalStorage() && Node.getInit() &&
         isa<CXXConstructExpr>(Node.getInit()->IgnoreImplicit());
}

/// A call that may copy a range into a vector: `v.assign(first, last)`,
/// `v.insert(pos, first, last)`, std::copy and std::transform, and their
/// std::ranges forms.
AST_MATCHER(CallExpr, mayCopyRange) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Node)) {
    const StringRef Name = nameOf(Member->getMethodDecl());
    return Name == "assign" || Name == "insert";
  }
  const StringRef Algorithm = standardAlgorithmOf(Node);
  return Algorithm == "copy" || Algorithm == "transform";
}

} // namespace

/// The vector \p Return builds from two arguments, `return {first, last};`
/// or `return std::vector<T>(first, last);`.
static const CXXConstructExpr *builtVector(const ReturnStmt &Return) {
  const auto *Built =
      dyn_cast_or_null<CXXConstructExpr>(strip(Return.getRetValue()));
  // Before C++17, the returned temporary is moved.
  if (Built && Built->isElidable() && Built->getNumArgs() == 1)
    Built = dyn_cast<CXXConstructExpr>(strip(Built->getArg(0)));
  if (!Built || !isVectorType(Built->getType()))
    return nullptr;
  const auto Given = llvm::count_if(Built->arguments(), [](const Expr *Arg) {
    return !isa<CXXDefaultArgExpr>(Arg);
  });
  return Given == 2 ? Built : nullptr;
}

/// Whether std::sort orders values of \p Type the same way on every run:
/// arithmetic types, enums, strings, and pairs and tuples of those.
static bool hasStableOrder(QualType Type) {
  Type = Type.getNonReferenceType().getCanonicalType();
  if (Type->isArithmeticType() || Type->isEnumeralType())
    return true;
  static const std::vector<std::string> Strings = {"::std::basic_string"};
  if (isClassNamed(Type, Strings))
    return true;
  static const std::vector<std::string> Tuples = {"::std::pair",
                                                  "::std::tuple"};
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type->getAsCXXRecordDecl());
  if (!Spec || !isClassNamed(Type, Tuples))
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
    if (Arg.getKind() == TemplateArgument::Pack) {
      for (const TemplateArgument &Packed : Arg.pack_elements())
        if (!hasStableOrder(Packed.getAsType()))
          return false;
    } else if (Arg.getKind() != TemplateArgument::Type ||
               !hasStableOrder(Arg.getAsType())) {
      return false;
    }
  }
  return true;
}

/// Whether maps of type \p Type can become a maptidy::skiplist_map: a
/// std::unordered_map with the default policies whose keys sort the same way
/// on every run.
static bool isSkiplistCandidate(QualType Type) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type->getAsCXXRecordDecl());
  return Spec && qualifiedClassName(Type) == "::std::unordered_map" &&
         usesDefaultPolicies(*Spec, 2) &&
         hasStableOrder(firstTemplateArgument(Type));
}

/// What an append argument takes from the entry named by \p Entry (a loop
/// variable, or an iterator when \p ThroughIterator).
static CopiedElement elementOf(const Expr *Arg, const VarDecl &Entry,
                               bool ThroughIterator) {
  Arg = strip(Arg);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg);
      Construct && Construct->getNumArgs() == 1)
    Arg = strip(Construct->getArg(0));
  auto IsEntry = [&](const Expr *E) {
    E = strip(E);
    if (ThroughIterator && !(E = dereferencedOperand(*E)))
      return false;
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    return Ref && Ref->getDecl() == &Entry;
  };
  if (IsEntry(Arg))
    return CopiedElement::Entries;
  if (const auto *Member = dyn_cast<MemberExpr>(Arg);
      Member && IsEntry(Member->getBase())) {
    const StringRef Field = nameOf(Member->getMemberDecl());
    if (Field == "first")
      return CopiedElement::Keys;
    if (Field == "second")
      return CopiedElement::Values;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg))
    if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl()))
      if (const auto *Decomposition =
              dyn_cast_or_null<DecompositionDecl>(Binding->getDecomposedDecl());
          Decomposition == &Entry) {
        const auto Bindings = Decomposition->bindings();
        if (!Bindings.empty() && Bindings.front() == Binding)
          return CopiedElement::Keys;
        if (Bindings.size() == 2 && Bindings.back() == Binding)
          return CopiedElement::Values;
      }
  return CopiedElement::Derived;
}

/// What `v.push_back(...)`/`v.emplace_back(...)` appends: a pair of the key
/// and the value, given as two arguments, braced or through std::make_pair,
/// is an entry when the vector holds std::pair.
static CopiedElement appendedElement(const CXXMemberCallExpr &Call,
                                     const ValueDecl &Vector,
                                     const VarDecl &Entry,
                                     bool ThroughIterator) {
  llvm::SmallVector<const Expr *, 2> Parts(Call.arguments());
  if (Parts.size() == 1) {
    const Expr *Arg = strip(Parts.front());
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg);
        Construct && Construct->getNumArgs() == 2)
      Parts.assign(Construct->arguments().begin(),
                   Construct->arguments().end());
    else if (const auto *Make = dyn_cast<CallExpr>(Arg);
             Make && Make->getNumArgs() == 2 &&
             isStdNamed(Make->getDirectCallee(), {"make_pair"}))
      Parts.assign(Make->arguments().begin(), Make->arguments().end());
    else
      return elementOf(Arg, Entry, ThroughIterator);
  }
  static const std::vector<std::string> Pairs = {"::std::pair"};
  const bool PairOfEntry =
      Parts.size() == 2 &&
      isClassNamed(firstTemplateArgument(Vector.getType()), Pairs) &&
      elementOf(Parts[0], Entry, ThroughIterator) == CopiedElement::Keys &&
      elementOf(Parts[1], Entry, ThroughIterator) == CopiedElement::Values;
  return PairOfEntry ? CopiedElement::Entries : CopiedElement::Derived;
}

/// The first push_back/emplace_back onto a local vector in \p Body.
static std::optional<ContainerCopy>
appendIn(const Stmt *Body, const VarDecl &Entry, bool ThroughIterator) {
  if (!Body)
    return std::nullopt;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Body)) {
    const StringRef Method = nameOf(Call->getMethodDecl());
    if ((Method == "push_back" || Method == "emplace_back") &&
        Call->getNumArgs() >= 1)
      if (const DeclaratorDecl *Vector =
              namedVector(Call->getImplicitObjectArgument())) {
        ContainerCopy Found;
        Found.Vector = Vector;
        Found.Kind = appendedElement(*Call, *Vector, Entry, ThroughIterator);
        return Found;
      }
  }
  if (isa<LambdaExpr>(Body))
    return std::nullopt;
  for (const Stmt *Child : Body->children())
    if (std::optional<ContainerCopy> Found =
            appendIn(Child, Entry, ThroughIterator))
      return Found;
  return std::nullopt;
}

UnsortedMapToVectorCheck::UnsortedMapToVectorCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : SpelledSourceCheck(Name, Context),
      UnorderedClasses(parseClassList(
          Options.get("UnorderedClasses", DefaultUnorderedClasses))),
      Starts(parseClassList(Options.getLocalOrGlobal("ThreadLaunchers", ""))),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void UnsortedMapToVectorCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "UnorderedClasses", llvm::join(UnorderedClasses, ";"));
  Options.store(Opts, "ThreadLaunchers", llvm::join(Starts.launchers(), ";"));
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void UnsortedMapToVectorCheck::registerPPCallbacks(const SourceManager &,
                                                   Preprocessor *PP,
                                                   Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void UnsortedMapToVectorCheck::registerMatchers(MatchFinder *Finder) {
  const auto InUserCode = isInUserCode();
  Finder->addMatcher(cxxForRangeStmt(InUserCode).bind("rangeLoop"), this);
  Finder->addMatcher(forStmt(InUserCode).bind("iteratorLoop"), this);
  Finder->addMatcher(
      varDecl(isConstructedLocal(), InUserCode).bind("rangeInit"), this);
  Finder->addMatcher(callExpr(mayCopyRange(), InUserCode).bind("call"), this);
  Finder->addMatcher(returnStmt(InUserCode).bind("return"), this);
  // Maps other units may copy: this unit's uses are part of their rewrite.
  const auto UnorderedMap =
      hasType(hasUnqualifiedDesugaredType(recordType(hasDeclaration(
          classTemplateSpecializationDecl(hasName("::std::unordered_map"))))));
  Finder->addMatcher(
      declaratorDecl(anyOf(fieldDecl(), varDecl(hasGlobalStorage(),
                                                unless(isStaticLocal()))),
                     UnorderedMap, unless(isExpansionInMainFile()), InUserCode)
          .bind("projectMap"),
      this);
}

void UnsortedMapToVectorCheck::analyze(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  this->Context = &Context;
  if (const auto *Map = Result.Nodes.getNodeAs<DeclaratorDecl>("projectMap")) {
    if (projectRewriteCollector() && isSkiplistCandidate(Map->getType()))
      ProjectMaps.insert(cast<DeclaratorDecl>(Map->getCanonicalDecl()));
    return;
  }
  auto IsUnordered = [&](const Expr *E) {
    return E && isClassNamed(E->getType(), UnorderedClasses);
  };
  std::optional<ContainerCopy> Found;
  if (const auto *Loop = Result.Nodes.getNodeAs<CXXForRangeStmt>("rangeLoop")) {
    const Expr *Source = strip(Loop->getRangeInit());
    if (!IsUnordered(Source) || !Loop->getLoopVariable())
      return;
    Found = appendIn(Loop->getBody(), *Loop->getLoopVariable(), false);
    if (Found) {
      Found->Source = Source;
      Found->Statement = Loop;
    }
  } else if (const auto *Loop =
                 Result.Nodes.getNodeAs<ForStmt>("iteratorLoop")) {
    const auto *Init = dyn_cast_or_null<DeclStmt>(Loop->getInit());
    const auto *Iterator = Init && Init->isSingleDecl()
                               ? dyn_cast<VarDecl>(Init->getSingleDecl())
                               : nullptr;
    const Expr *Source =
        Iterator ? containerOfIteratorCall(Iterator->getInit(), false)
                 : nullptr;
    if (!IsUnordered(strip(Source)))
      return;
    Found = appendIn(Loop->getBody(), *Iterator, true);
    if (Found) {
      Found->Source = strip(Source);
      Found->Statement = Loop;
    }
  } else if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("rangeInit")) {
    const auto *Construct = dyn_cast<CXXConstructExpr>(strip(Var->getInit()));
    if (!Construct || Construct->getNumArgs() < 2)
      return;
    const Expr *Source = containerOfIteratorCall(Construct->getArg(0), false);
    if (!IsUnordered(strip(Source)) || !isLocalVector(Var))
      return;
    Found = ContainerCopy{statementOf(*Construct, Context), Var, strip(Source),
                          CopiedElement::Entries};
  } else if (const auto *Return =
                 Result.Nodes.getNodeAs<ReturnStmt>("return")) {
    const CXXConstructExpr *Built = builtVector(*Return);
    const Expr *Source =
        Built ? containerOfIteratorCall(Built->getArg(0), false) : nullptr;
    if (!IsUnordered(strip(Source)))
      return;
    Found =
        ContainerCopy{Return, nullptr, strip(Source), CopiedElement::Entries};
  } else if (const auto *Call =
                 Result.Nodes.getNodeAs<CXXMemberCallExpr>("call")) {
    const DeclaratorDecl *Vector =
        namedVector(Call->getImplicitObjectArgument());
    const unsigned First = nameOf(Call->getMethodDecl()) == "insert" ? 1 : 0;
    if (!Vector || Call->getNumArgs() != First + 2)
      return;
    const Expr *Source = containerOfIteratorCall(Call->getArg(First), false);
    if (!IsUnordered(strip(Source)))
      return;
    Found = ContainerCopy{statementOf(*Call, Context), Vector, strip(Source),
                          CopiedElement::Entries};
  } else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    llvm::SmallVector<const Expr *, 5> Args(Call->arguments());
    if (isa<CXXOperatorCallExpr>(Call))
      Args.erase(Args.begin());
    if (Args.size() < 2)
      return;
    const Expr *Source = containerOfIteratorCall(Args[0], false);
    if (!Source)
      Source = Args[0];
    if (!IsUnordered(strip(Source)))
      return;
    const DeclaratorDecl *Vector = nullptr;
    for (const Expr *Arg : Args) {
      const Expr *Candidate = strip(Arg);
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Candidate);
          Construct && Construct->getNumArgs() == 1)
        Candidate = strip(Construct->getArg(0));
      if (const auto *Inserter = dyn_cast<CallExpr>(Candidate);
          Inserter && nameOf(Inserter->getDirectCallee()) == "back_inserter" &&
          Inserter->getNumArgs() == 1)
        Vector = namedVector(Inserter->getArg(0));
    }
    if (!Vector)
      return;
    const bool Copies = standardAlgorithmOf(*Call) == "copy";
    Found =
        ContainerCopy{statementOf(*Call, Context), Vector, strip(Source),
                      Copies ? CopiedElement::Entries : CopiedElement::Derived};
  }
  if (!Found)
    return;
  if (Found->Kind == CopiedElement::Entries &&
      isSetType(Found->Source->getType()))
    Found->Kind = CopiedElement::Keys;
  diagnose(*Found, Context);
}

/// The retyping of the map a copy reads to a maptidy::skiplist_map.
struct SkiplistRetyping {
  const DeclaratorDecl *Map = nullptr;
  std::vector<FixItHint> Edits;
  DeclarationScope Scope = DeclarationScope::TranslationUnit;
};

/// The map \p Source names: a variable, or a member of the object whose
/// method reads it.
static const DeclaratorDecl *namedMap(const Expr &Source) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(&Source)))
    return dyn_cast<VarDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(strip(&Source)))
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return dyn_cast<FieldDecl>(Member->getMemberDecl());
  return nullptr;
}

/// The retyping of \p Map to a maptidy::skiplist_map, when every one of
/// its \p Uses treats it like a std::map; visible beyond \p Reach, it is
/// blocked.
static DeclarationRewritePlan planSkiplist(const DeclaratorDecl &Map,
                                           ArrayRef<const Expr *> Uses,
                                           ASTContext &Context,
                                           DeclarationScope Reach) {
  auto Skiplist = [&](TypeLoc Written,
                      std::string &Text) -> std::optional<RewriteBlocker> {
    const RewriteBlocker Unspelled{
        Map.getLocation(), "the key and value types of " + quotedName(Map) +
                               " are not spelled out here"};
    const auto Loc = Written.getAsAdjusted<TemplateSpecializationTypeLoc>();
    if (!Loc || Loc.getNumArgs() != 2)
      return Unspelled;
    std::string Args;
    for (unsigned I = 0; I < 2; ++I) {
      const std::optional<std::string> Arg =
          spelledText(Loc.getArgLoc(I).getSourceRange(), Context);
      if (!Arg)
        return Unspelled;
      Args += (I ? ", " : "") + *Arg;
    }
    Text = "maptidy::skiplist_map<" + Args + ">";
    return std::nullopt;
  };
  static const llvm::StringSet<> MapLike = {
      "at",          "find",        "count",       "contains",
      "insert",      "emplace",     "try_emplace", "insert_or_assign",
      "erase",       "begin",       "end",         "cbegin",
      "cend",        "size",        "empty",       "clear",
      "lower_bound", "upper_bound", "equal_range"};
  auto Compatible =
      [&](const Expr &Use,
          std::vector<FixItHint> &) -> std::optional<RewriteBlocker> {
    const Stmt *Parent = userParent(Use, Context);
    const auto *Member = dyn_cast_or_null<MemberExpr>(Parent);
    const auto *Subscript = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
    if (isa_and_nonnull<LambdaExpr>(Parent) || // a capture
        (Member && MapLike.contains(nameOf(Member->getMemberDecl()))) ||
        (Subscript && Subscript->getOperator() == OO_Subscript) ||
        isa_and_nonnull<CXXForRangeStmt>(Parent))
      return std::nullopt;
    if (Member && !nameOf(Member->getMemberDecl()).empty())
      return RewriteBlocker{Use.getBeginLoc(),
                            quotedName(Map) + " is used through '" +
                                nameOf(Member->getMemberDecl()).str() +
                                "' here, which maptidy::skiplist_map lacks"};
    return RewriteBlocker{Use.getBeginLoc(),
                          quotedName(Map) +
                              " is used here as a std::unordered_map"};
  };
  return planDeclarationRewrite(Map, Uses, Skiplist, Compatible, Context,
                                /*KeepsInitializer=*/nullptr, Reach);
}

/// The edits that retype the map \p Source names to a maptidy::skiplist_map:
/// a local, or, when \p Reach is the project, a member or global other units
/// may use too.
static std::optional<SkiplistRetyping>
skiplistReplacement(const Expr &Source, ASTContext &Context,
                    DeclarationScope Reach) {
  SkiplistRetyping Result;
  Result.Map = namedMap(Source);
  if (!Result.Map || !isSkiplistCandidate(Result.Map->getType()))
    return std::nullopt;
  std::vector<const Expr *> Uses;
  const auto *Var = dyn_cast<VarDecl>(Result.Map);
  if (Var && Var->isLocalVarDecl()) {
    // Every use is in the function that declares it, lambdas included.
    const auto *Owner =
        dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
    if (!Owner)
      return std::nullopt;
    forEachReference(Owner->getBody(), Var,
                     [&](const Expr &Use) { Uses.push_back(&Use); });
  } else {
    const Decl *Canonical = Result.Map->getCanonicalDecl();
    collectUserReferences(Context, [&](const ValueDecl &Target) {
      return &Target == Canonical ? &Uses : nullptr;
    });
  }
  DeclarationRewritePlan Plan = planSkiplist(*Result.Map, Uses, Context, Reach);
  if (Plan.Blocker)
    return std::nullopt;
  Result.Edits = std::move(Plan.Edits);
  Result.Scope = Plan.Scope;
  return Result;
}

/// Just after the statement \p S, including its semicolon.
static SourceLocation endOfStatement(const Stmt &S, const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation AfterSemicolon = Lexer::findLocationAfterToken(
      S.getEndLoc(), tok::semi, SM, Context.getLangOpts(), false);
  if (AfterSemicolon.isValid())
    return AfterSemicolon;
  return Lexer::getLocForEndOfToken(S.getEndLoc(), 0, SM,
                                    Context.getLangOpts());
}

/// The function that returns the copy, when no other unit can call it:
/// `static`, in an anonymous namespace, or a private member of a class
/// defined in the main file.
static const FunctionDecl *privateFunctionOf(const ContainerCopy &Found,
                                             ASTContext &Context) {
  const auto *Function = dyn_cast_or_null<FunctionDecl>(
      enclosingDeclContext(*Found.Statement, Context));
  if (!Function ||
      !Context.getSourceManager().isInMainFile(Function->getLocation()))
    return nullptr;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
    return Method->getAccess() == AS_private && !Method->getParent()->isLambda()
               ? Function
               : nullptr;
  return Function->isExternallyVisible() ? nullptr : Function;
}

void UnsortedMapToVectorCheck::diagnose(const ContainerCopy &Found,
                                        ASTContext &Context) {
  const Stmt *Body = enclosingFunctionBody(*Found.Statement, Context);
  if (!Body || Found.Statement->getBeginLoc().isMacroID())
    return;
  // A vector built in the return statement leaves at once; a member's or a
  // parameter's fate may be decided by code after the function.
  OrderFate Outcome = Found.Vector
                          ? fateAfter(Found, *Body, Context)
                          : OrderFate{OrderFate::Returned, Found.Statement};
  if (Outcome.Kind == OrderFate::Unused &&
      isa_and_nonnull<FieldDecl, ParmVarDecl>(Found.Vector))
    Outcome = outlivingVectorFate(Found, Context);
  if (Outcome.Kind == OrderFate::Unused || Outcome.Kind == OrderFate::Reordered)
    return;
  // Returned from a function only this unit calls: the callers decide.
  if (Outcome.Kind == OrderFate::Returned)
    if (const FunctionDecl *Function = privateFunctionOf(Found, Context)) {
      Returned[Function->getCanonicalDecl()].Copies.push_back(
          {Found, Outcome.Where});
      return;
    }
  report(Found, Outcome.Kind == OrderFate::SortedByKey, *Outcome.Where,
         Context);
}

void UnsortedMapToVectorCheck::onEndOfTranslationUnit() {
  if (!Returned.empty())
    collectUserReferences(*Context, [this](const ValueDecl &Target) {
      const auto It = Returned.find(dyn_cast<FunctionDecl>(&Target));
      return It == Returned.end() ? nullptr : &It->second.Callers;
    });
  // Callers that put the vector in a set or a map, or only count it, make
  // its order irrelevant; a function never called here is reported.
  for (const auto &[Function, Found] : Returned)
    for (const auto &[Copied, Where] : Found.Copies)
      if (Found.Callers.empty() ||
          llvm::any_of(Found.Callers, [&](const Expr *Use) {
            return callerReliesOnOrder(*Use, Copied, *Context);
          }))
        report(Copied, false, *Where, *Context);
  Returned.clear();
  // Units without a copy of a map other units copy report their uses too.
  if (!ProjectMaps.empty())
    reportProjectRewriteUses(
        getID(), *Context, ProjectMaps.getArrayRef(),
        [this](const DeclaratorDecl &Map, ArrayRef<const Expr *> Uses) {
          DeclarationRewritePlan Plan =
              planSkiplist(Map, Uses, *Context, DeclarationScope::Project);
          if (Plan.Blocker)
            return Plan;
          if (Inserter.canInclude(SkiplistHeader))
            addSkiplistInclude(Map, Plan.Edits);
          else
            Plan.Blocker = {Map.getLocation(),
                            missingBundledHeaderReason(SkiplistHeader)};
          return Plan;
        });
  ProjectMaps.clear();
}

/// \p Return rewritten to name the vector it builds, sort it and return it:
/// the vector's type is the one its construction spells, or for a braced
/// list the return type of the function.
static std::optional<FixItHint>
sortedReturn(const ReturnStmt &Return, StringRef Indent, ASTContext &Context) {
  const CXXConstructExpr &Built = *builtVector(Return);
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(enclosingDeclContext(Return, Context));
  if (!Function)
    return std::nullopt;
  std::optional<std::string> Type;
  if (const auto *Temporary = dyn_cast<CXXTemporaryObjectExpr>(&Built))
    Type = spelledText(
        Temporary->getTypeSourceInfo()->getTypeLoc().getSourceRange(), Context);
  else if (!Function->getDeclaredReturnType()->getContainedAutoType())
    Type = spelledText(Function->getReturnTypeSourceRange(), Context);
  const std::optional<std::string> Init =
      spelledText(Built.getParenOrBraceRange(), Context);
  const std::optional<StringRef> Name =
      unusedName({"sorted", "result", "copy"}, *Function, Context);
  if (!Type || !Init || !Name)
    return std::nullopt;
  const std::string Sorted = Name->str();
  return FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Return.getBeginLoc(),
                                    endOfStatement(Return, Context)),
      *Type + " " + Sorted + *Init + ";\n" + Indent.str() + "std::sort(" +
          Sorted + ".begin(), " + Sorted + ".end());\n" + Indent.str() +
          "return " + Sorted + ";");
}

/// Whether the vector holds only what the copy put there, so that a sort
/// after it reorders nothing else: a local vector, or one the copy assigns
/// or that its function clears before the copy.
static bool holdsOnlyTheCopy(const ContainerCopy &Found, ASTContext &Context) {
  if (isa<VarDecl>(Found.Vector) && !isa<ParmVarDecl>(Found.Vector))
    return true;
  auto Replaces = [&](const Stmt *S, StringRef Method) {
    const auto *E = dyn_cast_or_null<Expr>(S);
    const auto *Call = E ? dyn_cast<CXXMemberCallExpr>(strip(E)) : nullptr;
    return Call && nameOf(Call->getMethodDecl()) == Method &&
           namedVector(Call->getImplicitObjectArgument()) == Found.Vector;
  };
  if (Replaces(Found.Statement, "assign"))
    return true;
  const SourceManager &SM = Context.getSourceManager();
  bool Cleared = false;
  if (const Stmt *Body = enclosingFunctionBody(*Found.Statement, Context))
    walkDescendants(Body, [&](const Stmt &S) {
      Cleared |= Replaces(&S, "clear") &&
                 SM.isBeforeInTranslationUnit(S.getEndLoc(),
                                              Found.Statement->getBeginLoc());
      return Cleared ? Walk::Stop : Walk::Continue;
    });
  return Cleared;
}

void UnsortedMapToVectorCheck::addSkiplistInclude(const DeclaratorDecl &Map,
                                                  std::vector<FixItHint> &Fix) {
  const SourceManager &SM = Map.getASTContext().getSourceManager();
  if (auto Include =
          Inserter.insertion(SM.getFileID(Map.getLocation()), SkiplistHeader))
    Fix.push_back(*Include);
}

void UnsortedMapToVectorCheck::report(const ContainerCopy &Found,
                                      bool SortedByKey, const Stmt &Where,
                                      ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const QualType Key = firstTemplateArgument(Found.Source->getType());
  const bool PointerKeys = !Key.isNull() && Key->isPointerType();
  const std::optional<std::string> SourceText = textOf(*Found.Source, Context);
  const std::string SourceName = SourceText ? *SourceText : "the container";
  // A member or global other units use is retyped in all of them, when the
  // driver collects their parts (ProjectRewrites.h).
  const auto Skiplist = skiplistReplacement(
      *Found.Source, Context,
      projectRewriteCollector() ? DeclarationScope::Project
                                : DeclarationScope::TranslationUnit);
  // Where the header cannot be included, the copy gets the sort instead.
  const bool ProjectWide = Skiplist &&
                           Skiplist->Scope == DeclarationScope::Project &&
                           Inserter.canInclude(SkiplistHeader);
  const FileID File = SM.getFileID(Found.Statement->getBeginLoc());
  const bool InBlock =
      isa_and_nonnull<CompoundStmt>(parentStmt(*Found.Statement, Context));
  // On another thread, no fix changes what other threads reach: the map
  // whose type would change, or the vector the sort would reorder.
  const std::optional<ThreadLaunch> Thread =
      Starts.enclosingThread(*Found.Statement, Context);
  // What a fix changes: the map it retypes, or the vector it sorts.
  const bool RetypesMap =
      Skiplist &&
      (ProjectWide || Skiplist->Scope == DeclarationScope::TranslationUnit);
  const ValueDecl *Edited = RetypesMap ? Skiplist->Map : Found.Vector;
  const bool Shared = Thread && Edited && isShared(*Thread->Lambda, *Edited);
  auto NoteShared = [&] {
    diag(Thread->Launch->getBeginLoc(),
         "no fix: the copy runs on the thread started here, and other "
         "threads can reach %0; changing it there could race with them",
         DiagnosticIDs::Note)
        << Edited;
  };
  // The source retyped as a maptidy::skiplist_map, with its #include.
  auto SkiplistFix = [&] {
    std::vector<FixItHint> Fix = Skiplist->Edits;
    addSkiplistInclude(*Skiplist->Map, Fix);
    return Fix;
  };
  // With the whole project, the retyping is the driver's to decide: the
  // finding carries neither the fix-it nor the notes about it.
  auto DeferRetyping = [&](std::vector<FixItHint> Fix) {
    std::optional<RewriteBlocker> Blocker;
    if (Shared)
      Blocker = RewriteBlocker{Thread->Launch->getBeginLoc(),
                               "the copy runs on the thread started here, "
                               "and other threads can reach " +
                                   quotedName(*Skiplist->Map)};
    deferProjectRewrite(getID(), *Skiplist->Map,
                        Found.Statement->getBeginLoc(), Fix, Blocker);
  };
  // The ordered container is the remedy where the file can include its
  // header; elsewhere it is offered on a note that says how to get it.
  const bool Ordered = Skiplist && Inserter.canInclude(SkiplistHeader);

  if (!SortedByKey) {
    // Where the source can become an ordered container, that is the fix: a
    // sort inserted instead would be reported as a copy sorted every call.
    QualType VectorType =
        Found.Vector
            ? Found.Vector->getType()
            : cast<ReturnStmt>(Found.Statement)->getRetValue()->getType();
    if (VectorType->isPointerType())
      VectorType = VectorType->getPointeeType();
    const QualType ElementType = firstTemplateArgument(VectorType);
    // A sort of a vector that keeps earlier elements would reorder them too.
    const bool Appends = Found.Vector && !holdsOnlyTheCopy(Found, Context);
    const bool Sortable = !Ordered && !Shared && !PointerKeys &&
                          !ElementType.isNull() &&
                          hasStableOrder(ElementType) && InBlock && !Appends;
    const std::optional<std::string> Indent =
        indentationAt(Found.Statement->getBeginLoc(), SM);
    {
      auto Diag =
          diag(Found.Statement->getBeginLoc(),
               "%0 takes the iteration order of '%1', which is "
               "unspecified%select{| and changes from run to run "
               "(pointer keys)}2, and that order is relied on")
          << (Found.Vector ? quotedName(*Found.Vector) : "the returned vector")
          << SourceName << PointerKeys;
      // The sort follows the copy; a vector built in a return statement is
      // named first.
      std::optional<FixItHint> Sort;
      if (Sortable && Indent && Found.Vector) {
        // A pointer parameter: `std::sort(ids->begin(), ids->end());`.
        const std::string Object =
            Found.Vector->getName().str() +
            (Found.Vector->getType()->isPointerType() ? "->" : ".");
        Sort = FixItHint::CreateInsertion(
            endOfStatement(*Found.Statement, Context),
            "\n" + *Indent + "std::sort(" + Object + "begin(), " + Object +
                "end());");
      } else if (Sortable && Indent) {
        Sort =
            sortedReturn(*cast<ReturnStmt>(Found.Statement), *Indent, Context);
      }
      if (ProjectWide)
        DeferRetyping(SkiplistFix());
      else if (Ordered && !Shared)
        Diag << SkiplistFix();
      else if (Sort)
        Diag << *Sort << Inserter.insertion(File, "<algorithm>");
    }
    if (&Where != Found.Statement)
      diag(Where.getBeginLoc(), "the order is relied on here",
           DiagnosticIDs::Note);
    if (ProjectWide)
      return;
    if (Shared)
      NoteShared();
    else if (Ordered)
      diag(Found.Source->getBeginLoc(),
           "'%0' becomes a maptidy::skiplist_map, which iterates in key order",
           DiagnosticIDs::Note)
          << SourceName;
    else if (RetypesMap)
      // At the retyped declaration, the first edit.
      diag(Skiplist->Edits.front().RemoveRange.getBegin(),
           MissingBundledHeaderNote,
           DiagnosticIDs::Note)
          << SkiplistHeader << SkiplistFix();
    else if (Appends && !PointerKeys)
      diag(Found.Statement->getBeginLoc(),
           "no fix: %0 keeps the elements it held before the copy, which a "
           "sort would reorder too",
           DiagnosticIDs::Note)
          << Found.Vector;
    if (!Shared && !Ordered && PointerKeys)
      diag(Found.Source->getBeginLoc(),
           "sort by a field that identifies the objects; their addresses "
           "differ between runs",
           DiagnosticIDs::Note);
    return;
  }

  // Sorted by key after every copy: an ordered container gives that order
  // without the sort. Reported only where that fix applies: elsewhere the
  // copy and the sort are the remedy for an order that is relied on.
  const Stmt *Sort = statementOf(*cast<Expr>(&Where), Context);
  const bool SortRemovable =
      isa<Expr>(Sort) &&
      isa_and_nonnull<CompoundStmt>(parentStmt(*Sort, Context)) &&
      !Sort->getBeginLoc().isMacroID() &&
      indentationAt(Sort->getBeginLoc(), SM).has_value();
  if (!Ordered || !SortRemovable)
    return;
  {
    auto Diag = diag(Found.Statement->getBeginLoc(),
                     "%0 copies '%1' and sorts the copy by key every time "
                     "(O(n log n)); keeping '%1' ordered gives that order "
                     "without sorting")
                << Found.Vector << SourceName;
    // The include is requested only for a fix-it that is given: without
    // self-contained diagnostics, only the first request gets it.
    if (ProjectWide || !Shared) {
      // From the newline that ends the previous line to the semicolon, so
      // that the lines around stay as they are.
      const std::pair<FileID, unsigned> SortStart =
          SM.getDecomposedLoc(Sort->getBeginLoc());
      const StringRef Buffer = SM.getBufferData(SortStart.first);
      const size_t LineStart = Buffer.rfind('\n', SortStart.second);
      std::vector<FixItHint> Fix = SkiplistFix();
      Fix.push_back(FixItHint::CreateRemoval(CharSourceRange::getCharRange(
          Sort->getBeginLoc().getLocWithOffset(
              -static_cast<int>(SortStart.second - LineStart)),
          endOfStatement(*Sort, Context))));
      if (ProjectWide)
        DeferRetyping(std::move(Fix));
      else
        Diag << Fix;
    }
  }
  diag(Where.getBeginLoc(), "sorted here", DiagnosticIDs::Note);
  if (Shared && !ProjectWide)
    NoteShared();
}

} // namespace clang::tidy::maptidy
