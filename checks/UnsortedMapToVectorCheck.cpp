//===--- UnsortedMapToVectorCheck.cpp - maptidy ---------------------------===//

#include "UnsortedMapToVectorCheck.h"
#include "ContainerTypes.h"
#include "DeclarationRewrite.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "UserReferences.h"
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

using Element = UnsortedMapToVectorCheck::Element;
using Copy = UnsortedMapToVectorCheck::Copy;

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

/// What the code does with the vector after the copy, first event first.
struct Fate {
  enum {
    Unused,
    SortedByKey,
    SortedOtherwise,
    Escapes,
    Returned
  } Kind = Unused;
  const Stmt *Where = nullptr;
};
} // namespace

static bool isLocalVector(const VarDecl *Var) {
  static const std::vector<std::string> Vectors = {"::std::vector"};
  return Var && Var->isLocalVarDecl() && isClassNamed(Var->getType(), Vectors);
}

static const VarDecl *localVector(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strip(E));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return isLocalVector(Var) ? Var : nullptr;
}

static bool isSetType(QualType Type) {
  return StringRef(qualifiedClassName(Type)).ends_with("set");
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

/// What an append argument takes from the entry named by \p Entry (a loop
/// variable, or an iterator when \p ThroughIterator).
static Element elementOf(const Expr *Arg, const VarDecl &Entry,
                         bool ThroughIterator) {
  Arg = strip(Arg);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg);
      Construct && Construct->getNumArgs() == 1)
    Arg = strip(Construct->getArg(0));
  auto IsEntry = [&](const Expr *E) {
    E = strip(E);
    if (ThroughIterator) {
      const auto *Star = dyn_cast<CXXOperatorCallExpr>(E);
      if (Star &&
          (Star->getOperator() == OO_Star || Star->getOperator() == OO_Arrow))
        E = strip(Star->getArg(0));
      else
        return false;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    return Ref && Ref->getDecl() == &Entry;
  };
  if (IsEntry(Arg))
    return Element::Entries;
  if (const auto *Member = dyn_cast<MemberExpr>(Arg);
      Member && IsEntry(Member->getBase())) {
    const StringRef Field = nameOf(Member->getMemberDecl());
    if (Field == "first")
      return Element::Keys;
    if (Field == "second")
      return Element::Values;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg))
    if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl()))
      if (const auto *Decomposition =
              dyn_cast_or_null<DecompositionDecl>(Binding->getDecomposedDecl());
          Decomposition == &Entry) {
        const auto Bindings = Decomposition->bindings();
        if (!Bindings.empty() && Bindings.front() == Binding)
          return Element::Keys;
        if (Bindings.size() == 2 && Bindings.back() == Binding)
          return Element::Values;
      }
  return Element::Derived;
}

/// What `v.push_back(...)`/`v.emplace_back(...)` appends: a pair of the key
/// and the value, given as two arguments, braced or through std::make_pair,
/// is an entry when the vector holds std::pair.
static Element appendedElement(const CXXMemberCallExpr &Call,
                               const VarDecl &Vector, const VarDecl &Entry,
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
      elementOf(Parts[0], Entry, ThroughIterator) == Element::Keys &&
      elementOf(Parts[1], Entry, ThroughIterator) == Element::Values;
  return PairOfEntry ? Element::Entries : Element::Derived;
}

/// The first push_back/emplace_back onto a local vector in \p Body.
static std::optional<Copy> appendIn(const Stmt *Body, const VarDecl &Entry,
                                    bool ThroughIterator) {
  if (!Body)
    return std::nullopt;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Body)) {
    const StringRef Method = nameOf(Call->getMethodDecl());
    if ((Method == "push_back" || Method == "emplace_back") &&
        Call->getNumArgs() >= 1)
      if (const VarDecl *Vector =
              localVector(Call->getImplicitObjectArgument())) {
        Copy Found;
        Found.Vector = Vector;
        Found.Kind = appendedElement(*Call, *Vector, Entry, ThroughIterator);
        return Found;
      }
  }
  if (isa<LambdaExpr>(Body))
    return std::nullopt;
  for (const Stmt *Child : Body->children())
    if (std::optional<Copy> Found = appendIn(Child, Entry, ThroughIterator))
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
}

/// The statement holding \p E: the expression statement or declaration.
static const Stmt *statementOf(const Expr &E, ASTContext &Context) {
  const Stmt *Current = &E;
  for (const Stmt *Parent = parentStmt(E, Context); Parent && isa<Expr>(Parent);
       Parent = parentStmt(*Parent, Context))
    Current = Parent;
  if (const Stmt *Parent = parentStmt(*Current, Context);
      Parent && isa<DeclStmt>(Parent))
    return Parent;
  return Current;
}

void UnsortedMapToVectorCheck::analyze(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  auto IsUnordered = [&](const Expr *E) {
    return E && isClassNamed(E->getType(), UnorderedClasses);
  };
  std::optional<Copy> Found;
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
    Found = Copy{statementOf(*Construct, Context), Var, strip(Source),
                 Element::Entries};
  } else if (const auto *Call =
                 Result.Nodes.getNodeAs<CXXMemberCallExpr>("call")) {
    const VarDecl *Vector = localVector(Call->getImplicitObjectArgument());
    const unsigned First = nameOf(Call->getMethodDecl()) == "insert" ? 1 : 0;
    if (!Vector || Call->getNumArgs() != First + 2)
      return;
    const Expr *Source = containerOfIteratorCall(Call->getArg(First), false);
    if (!IsUnordered(strip(Source)))
      return;
    Found = Copy{statementOf(*Call, Context), Vector, strip(Source),
                 Element::Entries};
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
    const VarDecl *Vector = nullptr;
    for (const Expr *Arg : Args) {
      const Expr *Candidate = strip(Arg);
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Candidate);
          Construct && Construct->getNumArgs() == 1)
        Candidate = strip(Construct->getArg(0));
      if (const auto *Inserter = dyn_cast<CallExpr>(Candidate);
          Inserter && nameOf(Inserter->getDirectCallee()) == "back_inserter" &&
          Inserter->getNumArgs() == 1)
        Vector = localVector(Inserter->getArg(0));
    }
    if (!Vector)
      return;
    const bool Copies = standardAlgorithmOf(*Call) == "copy";
    Found = Copy{statementOf(*Call, Context), Vector, strip(Source),
                 Copies ? Element::Entries : Element::Derived};
  }
  if (!Found)
    return;
  if (Found->Kind == Element::Entries && isSetType(Found->Source->getType()))
    Found->Kind = Element::Keys;
  diagnose(*Found, Context);
}

/// Whether \p Comparator orders entries by key, ascending: a lambda
/// `return a.first < b.first;`, or std::less.
static bool comparesKeys(const Expr *Comparator) {
  Comparator = strip(Comparator);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Comparator);
      Construct && Construct->getNumArgs() == 1)
    Comparator = strip(Construct->getArg(0));
  static const std::vector<std::string> Less = {"::std::less"};
  if (isClassNamed(Comparator->getType(), Less))
    return true;
  const auto *Lambda = dyn_cast<LambdaExpr>(Comparator);
  const CXXMethodDecl *Call = Lambda ? Lambda->getCallOperator() : nullptr;
  const auto *Body =
      Call ? dyn_cast_or_null<CompoundStmt>(Call->getBody()) : nullptr;
  if (!Body || Body->size() != 1 || Call->getNumParams() != 2)
    return false;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  const auto *Less2 =
      Return ? dyn_cast_or_null<BinaryOperator>(strip(Return->getRetValue()))
             : nullptr;
  // `a.first`, also in a generic lambda where the member is dependent.
  auto IsFirstOf = [](const Expr *E, const ParmVarDecl *Param) {
    E = strip(E);
    const Expr *Base = nullptr;
    if (const auto *Member = dyn_cast<MemberExpr>(E);
        Member && nameOf(Member->getMemberDecl()) == "first")
      Base = Member->getBase();
    else if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(E);
             Dependent && Dependent->getMember().getAsString() == "first")
      Base = Dependent->getBase();
    const auto *Ref = Base ? dyn_cast<DeclRefExpr>(strip(Base)) : nullptr;
    return Ref && Ref->getDecl() == Param;
  };
  return Less2 && Less2->getOpcode() == BO_LT &&
         IsFirstOf(Less2->getLHS(), Call->getParamDecl(0)) &&
         IsFirstOf(Less2->getRHS(), Call->getParamDecl(1));
}

/// How a standard algorithm given the vector (or its iterators) treats the
/// order of its elements; \p Sorted when the vector was sorted by key before.
static Fate algorithmFate(const CallExpr &Call, Element Kind, bool Sorted) {
  static const llvm::StringSet<> Insensitive = {
      "min_element", "max_element", "minmax_element", "count",    "count_if",
      "find",        "find_if",     "any_of",         "all_of",   "none_of",
      "move",        "size",        "empty",          "distance", "is_sorted"};
  // Membership tests that need the order a sort gave.
  static const llvm::StringSet<> SortedLookups = {
      "binary_search", "lower_bound", "upper_bound", "equal_range"};
  const StringRef Name = standardAlgorithmOf(Call);
  Fate Result;
  Result.Where = &Call;
  if (Name == "sort" || Name == "stable_sort") {
    // A comparator, if given, is the last argument: a lambda or a function
    // object, never an iterator or a range.
    const Expr *Last = strip(Call.getArg(Call.getNumArgs() - 1));
    const auto *LastRecord = Last->getType()->getAsCXXRecordDecl();
    const Expr *Comparator =
        isa<LambdaExpr>(Last) ||
                (LastRecord && isClassNamed(Last->getType(),
                                            {"::std::less", "::std::greater"}))
            ? Last
            : nullptr;
    const bool ByKey =
        Comparator ? Kind == Element::Entries && comparesKeys(Comparator)
                   : Kind == Element::Entries || Kind == Element::Keys;
    Result.Kind = ByKey ? Fate::SortedByKey : Fate::SortedOtherwise;
    return Result;
  }
  // A sum of numbers is the same in any order; a fold into a string, or
  // through a given operation, is not.
  const bool Sum = (Name == "accumulate" && Call.getNumArgs() == 3) ||
                   (Name == "reduce" && Call.getNumArgs() <= 3);
  const bool Unordered = Insensitive.contains(Name) ||
                         (Sum && Call.getType()->isArithmeticType()) ||
                         (Sorted && SortedLookups.contains(Name));
  Result.Kind = Unordered ? Fate::Unused : Fate::Escapes;
  return Result;
}

/// A call that gives the same result whatever order the elements are passed
/// in: inserting them into, erasing them from or looking them up in an
/// associative container.
static bool isOrderInsensitiveCall(const Stmt *S) {
  static const llvm::StringSet<> Methods = {
      "insert", "emplace", "erase", "count", "find", "contains", "end"};
  static const std::vector<std::string> Associative = [] {
    std::vector<std::string> Names = parseClassList(DefaultAssociativeMaps);
    for (std::string &Name : parseClassList(DefaultAssociativeSets))
      Names.push_back(std::move(Name));
    return Names;
  }();
  const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
  return Call && Methods.contains(nameOf(Call->getMethodDecl())) &&
         isClassNamed(Call->getObjectType(), Associative);
}

namespace {
/// The element a loop over the vector handles: its loop variable, or
/// `v[i]`; and the container the vector was copied from, if known.
struct LoopElement {
  const ValueDecl *Variable = nullptr;
  const VarDecl *Vector = nullptr;
  const ValueDecl *Index = nullptr;
  const ValueDecl *Source = nullptr;

  /// \p E is the element or a part of it (`e.first`, `*e`).
  bool isElement(const Expr *E) const {
    E = strip(E);
    while (true) {
      if (const auto *Member = dyn_cast<MemberExpr>(E))
        E = strip(Member->getBase());
      else if (const auto *Star = dyn_cast<UnaryOperator>(E);
               Star && Star->getOpcode() == UO_Deref)
        E = strip(Star->getSubExpr());
      else
        break;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Variable && Ref->getDecl() == Variable;
    const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(E);
    if (!Subscript || Subscript->getOperator() != OO_Subscript || !Index)
      return false;
    const auto *Base = dyn_cast<DeclRefExpr>(strip(Subscript->getArg(0)));
    const auto *At = dyn_cast<DeclRefExpr>(strip(Subscript->getArg(1)));
    return Base && At && Base->getDecl() == Vector && At->getDecl() == Index;
  }

  /// \p E names the source container.
  bool isSource(const Expr *E) const {
    E = strip(E);
    const ValueDecl *Named = nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      Named = Ref->getDecl();
    else if (const auto *Member = dyn_cast<MemberExpr>(E);
             Member && isa<CXXThisExpr>(strip(Member->getBase())))
      Named = Member->getMemberDecl();
    return Source && Named == Source;
  }

  /// \p Call handles the element on its own, on the source container: a
  /// member of the source given only the element, or a function given only
  /// the element and the source. Its effect on the source does not depend on
  /// the order the elements come in.
  bool handledAlone(const CallExpr &Call) const {
    if (isa<CXXOperatorCallExpr>(Call) || Call.getNumArgs() == 0)
      return false;
    bool TakesElement = false, TakesSource = false;
    for (const Expr *Arg : Call.arguments()) {
      const bool Element = isElement(Arg), Whole = isSource(Arg);
      if (!Element && !Whole)
        return false;
      TakesElement |= Element;
      TakesSource |= Whole;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
      return isSource(Member->getImplicitObjectArgument()) && TakesElement &&
             !TakesSource;
    return TakesElement && TakesSource;
  }
};
} // namespace

static bool isString(QualType Type) {
  static const std::vector<std::string> Strings = {"::std::basic_string"};
  return isClassNamed(Type.getNonReferenceType(), Strings);
}

/// Whether a loop body over the vector does more than arithmetic with the
/// elements: calls, stream output and strings joined from them reveal their
/// order; a call that handles the element alone does not.
static bool revealsOrder(const Stmt *S, const LoopElement &Element) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S);
      Call && !isa<CXXOperatorCallExpr>(Call) && !isOrderInsensitiveCall(S) &&
      !Element.handledAlone(*Call))
    return true;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S);
      Operator && (Operator->getOperator() == OO_LessLess ||
                   (Operator->getOperator() == OO_PlusEqual &&
                    isString(Operator->getArg(0)->getType()))))
    return true;
  for (const Stmt *Child : S->children())
    if (revealsOrder(Child, Element))
      return true;
  return false;
}

/// The for-loop whose init declares the variable \p Index names.
static const ForStmt *loopCounting(const Expr *Index, ASTContext &Context) {
  const auto *Ref = dyn_cast<DeclRefExpr>(strip(Index));
  const auto *Counter = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Counter)
    return nullptr;
  for (const DynTypedNode &Declaration : Context.getParents(*Counter))
    if (const auto *Statement = Declaration.get<DeclStmt>())
      if (const auto *Loop =
              dyn_cast_or_null<ForStmt>(parentStmt(*Statement, Context));
          Loop && Loop->getInit() == Statement)
        return Loop;
  return nullptr;
}

/// The declaration \p Source names: a variable or a member of `this`.
static const ValueDecl *sourceDecl(const Expr *Source) {
  Source = strip(Source);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Source))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Source);
      Member && isa<CXXThisExpr>(strip(Member->getBase())))
    return Member->getMemberDecl();
  return nullptr;
}

/// What the use \p Ref of the vector \p Found copied does with its order;
/// \p Sorted when a sort by key came before.
static Fate useFate(const Expr &Ref, const Copy &Found, bool Sorted,
                    ASTContext &Context) {
  Fate Result;
  Result.Where = &Ref;
  const Stmt *Parent = userParent(Ref, Context);
  LoopElement Element;
  Element.Vector = Found.Vector;
  Element.Source = sourceDecl(Found.Source);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Parent)) {
    const auto *Call =
        dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(*Member, Context));
    const StringRef Method = Call ? nameOf(Call->getMethodDecl()) : "";
    static const llvm::StringSet<> Iterators = {"begin", "end", "cbegin",
                                                "cend"};
    static const llvm::StringSet<> Revealing = {
        "front", "back", "at", "data", "swap", "rbegin", "rend"};
    if (Call && Iterators.contains(Method)) {
      const Stmt *User = userParent(*Call, Context);
      while (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(User))
        User = userParent(*Construct, Context);
      // `find(...) != v.end()`: the end is the same in any order.
      if (Method.ends_with("end") && isEqualityTest(User))
        return Result;
      if (isOrderInsensitiveCall(User))
        return Result;
      if (const auto *Algorithm = dyn_cast_or_null<CallExpr>(User))
        return algorithmFate(*Algorithm, Found.Kind, Sorted);
      if (const auto *Construct =
              dyn_cast_or_null<CXXConstructExpr>(parentStmt(*Call, Context));
          Construct && isSetType(Construct->getType()))
        return Result;
      Result.Kind = Fate::Escapes;
    } else if (Revealing.contains(Method)) {
      Result.Kind = Fate::Escapes;
    }
    return Result;
  }
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Parent)) {
    switch (Operator->getOperator()) {
    case OO_Subscript: {
      // `v[i]` in `for (i = ...)`: like a range-for over the elements.
      const ForStmt *Loop = loopCounting(Operator->getArg(1), Context);
      Element.Index = sourceDecl(Operator->getArg(1));
      if (Loop && !revealsOrder(Loop->getBody(), Element))
        break;
      Result.Kind = Fate::Escapes;
      break;
    }
    case OO_EqualEqual:
    case OO_ExclaimEqual:
    case OO_Less:
    case OO_LessLess:
      Result.Kind = Fate::Escapes;
      break;
    case OO_Equal:
      if (strip(Operator->getArg(0)) != strip(&Ref))
        Result.Kind = Fate::Escapes;
      break;
    case OO_Call:
      return algorithmFate(*Operator, Found.Kind, Sorted);
    default:
      break;
    }
    return Result;
  }
  // `return v;`, through the copy or move that initializes the result.
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Parent);
      Construct && Construct->getNumArgs() == 1)
    if (const Stmt *User = userParent(*Construct, Context);
        isa_and_nonnull<ReturnStmt>(User))
      Parent = User;
  if (isa_and_nonnull<ReturnStmt>(Parent)) {
    Result.Kind = Fate::Returned;
    return Result;
  }
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Parent)) {
    if (standardAlgorithmOf(*Call) == "move")
      return useFate(*Call, Found, Sorted, Context);
    if (!standardAlgorithmOf(*Call).empty())
      return algorithmFate(*Call, Found.Kind, Sorted);
    Result.Kind = Fate::Escapes; // handed to code that may rely on the order
    return Result;
  }
  if (const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(Parent)) {
    Element.Variable = Loop->getLoopVariable();
    if (revealsOrder(Loop->getBody(), Element))
      Result.Kind = Fate::Escapes;
    return Result;
  }
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Parent)) {
    if (!isSetType(Construct->getType()))
      Result.Kind = Fate::Escapes;
    return Result;
  }
  return Result;
}

/// The first use of the vector after the copy that sorts it or relies on
/// its order. A sort by key counts only when a later use relies on the
/// order: a sort for binary searches serves membership tests.
static Fate fateAfter(const Copy &Found, const Stmt &Body,
                      ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation CopyEnd = Found.Statement->getEndLoc();
  Fate Result;
  bool Decided = false;
  forEachReference(&Body, Found.Vector, [&](const Expr &Ref) {
    if (Decided || !SM.isBeforeInTranslationUnit(CopyEnd, Ref.getBeginLoc()))
      return;
    const bool Sorted = Result.Kind == Fate::SortedByKey;
    const Fate Use = useFate(Ref, Found, Sorted, Context);
    if (Use.Kind == Fate::Unused)
      return;
    if (!Sorted || Use.Kind == Fate::SortedOtherwise)
      Result = Use;
    Decided = Use.Kind != Fate::SortedByKey;
  });
  if (!Decided && Result.Kind == Fate::SortedByKey)
    Result.Kind = Fate::Unused;
  return Result;
}

/// The spelled declaration of a local std::unordered_map that every use
/// treats like a std::map, so that maptidy::skiplist_map can replace it.
static std::optional<std::pair<std::string, SourceRange>>
skiplistReplacement(const Expr &Source, ASTContext &Context) {
  const auto *Ref = dyn_cast<DeclRefExpr>(strip(&Source));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  const auto *Spec = Var ? dyn_cast_or_null<ClassTemplateSpecializationDecl>(
                               Var->getType()->getAsCXXRecordDecl())
                         : nullptr;
  const TypeSourceInfo *Info = Var ? Var->getTypeSourceInfo() : nullptr;
  if (!Spec || !Info || !Var->isLocalVarDecl() || !startsEmpty(*Var) ||
      qualifiedClassName(Var->getType()) != "::std::unordered_map" ||
      !usesDefaultPolicies(*Spec, 2) ||
      !hasStableOrder(firstTemplateArgument(Source.getType())))
    return std::nullopt;
  const auto Loc =
      Info->getTypeLoc().getAsAdjusted<TemplateSpecializationTypeLoc>();
  if (!Loc || Loc.getNumArgs() != 2)
    return std::nullopt;
  std::string Args;
  for (unsigned I = 0; I < 2; ++I) {
    const SourceRange Range = Loc.getArgLoc(I).getSourceRange();
    if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
      return std::nullopt;
    Args +=
        (I ? ", " : "") +
        Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                             Context.getSourceManager(), Context.getLangOpts())
            .str();
  }
  static const llvm::StringSet<> MapLike = {
      "at",          "find",        "count",       "contains",
      "insert",      "emplace",     "try_emplace", "insert_or_assign",
      "erase",       "begin",       "end",         "cbegin",
      "cend",        "size",        "empty",       "clear",
      "lower_bound", "upper_bound", "equal_range"};
  // Every use in the function that declares the map, lambdas included.
  const auto *Owner =
      dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  if (!Owner)
    return std::nullopt;
  bool Compatible = true;
  forEachReference(Owner->getBody(), Var, [&](const Expr &Use) {
    const Stmt *Parent = userParent(Use, Context);
    const auto *Member = dyn_cast_or_null<MemberExpr>(Parent);
    const auto *Subscript = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
    Compatible &=
        isa_and_nonnull<LambdaExpr>(Parent) || // a capture
        (Member && MapLike.contains(nameOf(Member->getMemberDecl()))) ||
        (Subscript && Subscript->getOperator() == OO_Subscript) ||
        isa_and_nonnull<CXXForRangeStmt>(Parent);
  });
  if (!Compatible)
    return std::nullopt;
  return std::make_pair("maptidy::skiplist_map<" + Args + ">",
                        Info->getTypeLoc().getSourceRange());
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
static const FunctionDecl *privateFunctionOf(const Copy &Found,
                                             const SourceManager &SM) {
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(Found.Vector->getParentFunctionOrMethod());
  if (!Function || !SM.isInMainFile(Function->getLocation()))
    return nullptr;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
    return Method->getAccess() == AS_private && !Method->getParent()->isLambda()
               ? Function
               : nullptr;
  return Function->isExternallyVisible() ? nullptr : Function;
}

void UnsortedMapToVectorCheck::diagnose(const Copy &Found,
                                        ASTContext &Context) {
  const Stmt *Body = enclosingFunctionBody(*Found.Statement, Context);
  if (!Body || Found.Statement->getBeginLoc().isMacroID())
    return;
  const Fate Outcome = fateAfter(Found, *Body, Context);
  if (Outcome.Kind == Fate::Unused || Outcome.Kind == Fate::SortedOtherwise)
    return;
  // Returned from a function only this unit calls: the callers decide.
  if (Outcome.Kind == Fate::Returned)
    if (const FunctionDecl *Function =
            privateFunctionOf(Found, Context.getSourceManager())) {
      this->Context = &Context;
      Returned[Function->getCanonicalDecl()].Copies.push_back(
          {Found, Outcome.Where});
      return;
    }
  report(Found, Outcome.Kind == Fate::SortedByKey, *Outcome.Where, Context);
}

/// Whether the caller \p Use of a function returning a copy of kind \p Kind
/// relies on the order of the vector it gets.
static bool callerReliesOnOrder(const Expr &Use, Element Kind,
                                ASTContext &Context) {
  const auto *Call = dyn_cast_or_null<CallExpr>(userParent(Use, Context));
  if (!Call || strip(Call->getCallee()) != &Use)
    return true; // the function itself is passed on
  if (const auto *Loop =
          dyn_cast_or_null<CXXForRangeStmt>(userParent(*Call, Context))) {
    LoopElement Element;
    Element.Variable = Loop->getLoopVariable();
    return revealsOrder(Loop->getBody(), Element);
  }
  // `auto names = f();`: the local vector's own uses decide.
  const Stmt *Statement = statementOf(*Call, Context);
  const auto *Declaration = dyn_cast<DeclStmt>(Statement);
  const auto *Var = Declaration && Declaration->isSingleDecl()
                        ? dyn_cast<VarDecl>(Declaration->getSingleDecl())
                        : nullptr;
  const Stmt *Body = enclosingFunctionBody(*Statement, Context);
  if (!isLocalVector(Var) || !Body)
    return true;
  const Expr *Init = strip(Var->getInit());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() == 1)
    Init = strip(Construct->getArg(0));
  if (Init != Call)
    return true;
  const Fate Outcome =
      fateAfter(Copy{Statement, Var, nullptr, Kind}, *Body, Context);
  return Outcome.Kind == Fate::Escapes || Outcome.Kind == Fate::Returned;
}

void UnsortedMapToVectorCheck::onEndOfTranslationUnit() {
  if (!Returned.empty())
    collectUserReferences(*Context, [this](const ValueDecl &Target) {
      const auto It = Returned.find(dyn_cast<FunctionDecl>(&Target));
      return It == Returned.end() ? nullptr : &It->second.Callers;
    });
  for (const auto &[Function, Found] : Returned) {
    // Callers that put the vector in a set or a map, or only count it, make
    // its order irrelevant; a function never called here is reported.
    const bool Relied = Found.Callers.empty() ||
                        llvm::any_of(Found.Callers, [&](const Expr *Use) {
                          return callerReliesOnOrder(
                              *Use, Found.Copies.front().first.Kind, *Context);
                        });
    if (Relied)
      for (const auto &[Copied, Where] : Found.Copies)
        report(Copied, false, *Where, *Context);
  }
  Returned.clear();
}

void UnsortedMapToVectorCheck::report(const Copy &Found, bool SortedByKey,
                                      const Stmt &Where, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const QualType Key = firstTemplateArgument(Found.Source->getType());
  const bool PointerKeys = !Key.isNull() && Key->isPointerType();
  const std::optional<std::string> SourceText = textOf(*Found.Source, Context);
  const std::string SourceName = SourceText ? *SourceText : "the container";
  const auto Skiplist = skiplistReplacement(*Found.Source, Context);
  const FileID File = SM.getFileID(Found.Statement->getBeginLoc());
  const bool InBlock =
      isa_and_nonnull<CompoundStmt>(parentStmt(*Found.Statement, Context));
  // On another thread, no fix changes what other threads reach: the map
  // whose type would change, or the vector the sort would reorder.
  const std::optional<ThreadLaunch> Thread =
      Starts.enclosingThread(*Found.Statement, Context);
  const auto *SourceRef = dyn_cast<DeclRefExpr>(Found.Source);
  const ValueDecl *Edited =
      Skiplist ? (SourceRef ? SourceRef->getDecl() : nullptr) : Found.Vector;
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
    std::vector<FixItHint> Fix = {FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Skiplist->second), Skiplist->first)};
    if (auto Include = Inserter.insertion(File, SkiplistHeader))
      Fix.push_back(*Include);
    return Fix;
  };
  // The ordered container is the remedy where the file can include its
  // header; elsewhere it is offered on a note that says how to get it.
  const bool Ordered = Skiplist && Inserter.canInclude(SkiplistHeader);

  if (!SortedByKey) {
    // Where the source can become an ordered container, that is the fix: a
    // sort inserted instead would be reported as a copy sorted every call.
    const QualType ElementType = firstTemplateArgument(Found.Vector->getType());
    const bool Sortable = !Ordered && !Shared && !PointerKeys &&
                          !ElementType.isNull() &&
                          hasStableOrder(ElementType) && InBlock;
    const std::optional<std::string> Indent =
        indentationAt(Found.Statement->getBeginLoc(), SM);
    {
      auto Diag = diag(Found.Statement->getBeginLoc(),
                       "%0 takes the iteration order of '%1', which is "
                       "unspecified%select{| and changes from run to run "
                       "(pointer keys)}2, and that order is relied on")
                  << Found.Vector << SourceName << PointerKeys;
      if (Ordered && !Shared) {
        Diag << SkiplistFix();
      } else if (Sortable && Indent) {
        const std::string Name = Found.Vector->getName().str();
        Diag << FixItHint::CreateInsertion(
                    endOfStatement(*Found.Statement, Context),
                    "\n" + *Indent + "std::sort(" + Name + ".begin(), " + Name +
                        ".end());")
             << Inserter.insertion(File, "<algorithm>");
      }
    }
    diag(Where.getBeginLoc(), "the order is relied on here",
         DiagnosticIDs::Note);
    if (Shared)
      NoteShared();
    else if (Ordered)
      diag(Found.Source->getBeginLoc(),
           "'%0' becomes a maptidy::skiplist_map, which iterates in key order",
           DiagnosticIDs::Note)
          << SourceName;
    else if (Skiplist)
      diag(Skiplist->second.getBegin(), MissingBundledHeaderNote,
           DiagnosticIDs::Note)
          << SkiplistHeader << SkiplistFix();
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
    if (!Shared) {
      // From the newline that ends the previous line to the semicolon, so
      // that the lines around stay as they are.
      const std::pair<FileID, unsigned> SortStart =
          SM.getDecomposedLoc(Sort->getBeginLoc());
      const StringRef Buffer = SM.getBufferData(SortStart.first);
      const size_t LineStart = Buffer.rfind('\n', SortStart.second);
      Diag << SkiplistFix()
           << FixItHint::CreateRemoval(CharSourceRange::getCharRange(
                  Sort->getBeginLoc().getLocWithOffset(
                      -static_cast<int>(SortStart.second - LineStart)),
                  endOfStatement(*Sort, Context)));
    }
  }
  diag(Where.getBeginLoc(), "sorted here", DiagnosticIDs::Note);
  if (Shared)
    NoteShared();
}

} // namespace clang::tidy::maptidy
