//===--- VectorOrderUses.cpp - maptidy ------------------------------------===//

#include "VectorOrderUses.h"
#include "ContainerTypes.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "utils/ASTUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::maptidy {

bool isVectorType(QualType Type) {
  static const std::vector<std::string> Vectors = {"::std::vector"};
  return isClassNamed(Type, Vectors);
}

bool isLocalVector(const VarDecl *Var) {
  return Var && Var->isLocalVarDecl() && isVectorType(Var->getType());
}

/// The declaration \p E names: a variable or a member of `this`.
static const ValueDecl *namedDecl(const Expr *E) {
  E = strip(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E);
      Member && isa<CXXThisExpr>(strip(Member->getBase())))
    return Member->getMemberDecl();
  return nullptr;
}

const DeclaratorDecl *namedVector(const Expr *E) {
  if (const Expr *Pointer = E ? dereferencedOperand(*strip(E)) : nullptr)
    E = Pointer;
  const ValueDecl *Named = namedDecl(E);
  if (const auto *Parameter = dyn_cast_or_null<ParmVarDecl>(Named)) {
    const QualType Type = Parameter->getType();
    const QualType Filled =
        Type->isPointerType() || Type->isLValueReferenceType()
            ? Type->getPointeeType()
            : QualType();
    return !Filled.isNull() && !Filled.isConstQualified() &&
                   isVectorType(Filled)
               ? Parameter
               : nullptr;
  }
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Named))
    return isLocalVector(Var) ? Var : nullptr;
  const auto *Member = dyn_cast_or_null<FieldDecl>(Named);
  return Member && isVectorType(Member->getType()) ? Member : nullptr;
}

bool isSetType(QualType Type) {
  return StringRef(qualifiedClassName(Type)).ends_with("set");
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
static OrderFate algorithmFate(const CallExpr &Call, CopiedElement Kind,
                               bool Sorted) {
  static const llvm::StringSet<> Insensitive = {
      "min_element", "max_element", "minmax_element", "count",    "count_if",
      "find",        "find_if",     "any_of",         "all_of",   "none_of",
      "move",        "size",        "empty",          "distance", "is_sorted"};
  // Membership tests that need the order a sort gave.
  static const llvm::StringSet<> SortedLookups = {
      "binary_search", "lower_bound", "upper_bound", "equal_range"};
  const StringRef Name = standardAlgorithmOf(Call);
  OrderFate Result;
  Result.Where = &Call;
  // A random order replaces the map's, whatever it was.
  if (Name == "shuffle" || Name == "random_shuffle") {
    Result.Kind = OrderFate::Reordered;
    return Result;
  }
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
        Comparator
            ? Kind == CopiedElement::Entries && comparesKeys(Comparator)
            : Kind == CopiedElement::Entries || Kind == CopiedElement::Keys;
    Result.Kind = ByKey ? OrderFate::SortedByKey : OrderFate::Reordered;
    return Result;
  }
  // A sum of numbers is the same in any order; a fold into a string, or
  // through a given operation, is not.
  const bool Sum = (Name == "accumulate" && Call.getNumArgs() == 3) ||
                   (Name == "reduce" && Call.getNumArgs() <= 3);
  const bool Unordered = Insensitive.contains(Name) ||
                         (Sum && Call.getType()->isArithmeticType()) ||
                         (Sorted && SortedLookups.contains(Name));
  Result.Kind = Unordered ? OrderFate::Unused : OrderFate::Escapes;
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
  const ValueDecl *Vector = nullptr;
  const ValueDecl *Index = nullptr;
  /// The container as the copy spells it (`cache`, `state->cache`).
  const Expr *Source = nullptr;
  const ASTContext *Context = nullptr;

  /// \p E is the element or a part of it (`e.first`, `*e`).
  bool isElement(const Expr *E) const {
    E = strip(E);
    while (true) {
      if (const auto *Member = dyn_cast<MemberExpr>(E))
        E = strip(Member->getBase());
      else if (const Expr *Pointer = dereferencedOperand(*E))
        E = Pointer;
      else
        break;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Variable && Ref->getDecl() == Variable;
    const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(E);
    if (!Subscript || Subscript->getOperator() != OO_Subscript || !Index)
      return false;
    const auto *At = dyn_cast<DeclRefExpr>(strip(Subscript->getArg(1)));
    return At && At->getDecl() == Index &&
           namedDecl(Subscript->getArg(0)) == Vector;
  }

  /// \p E spells the source container as the copy does.
  bool isSource(const Expr *E) const {
    return Source &&
           utils::areStatementsIdentical(strip(E), strip(Source), *Context);
  }

  /// \p E spells the object that holds the source container as a member
  /// (`registry` of `registry->entries`, the implicit `this` of `entries_`).
  bool isSourceOwner(const Expr *E) const {
    const auto *Member = Source ? dyn_cast<MemberExpr>(strip(Source)) : nullptr;
    return Member && utils::areStatementsIdentical(
                         strip(E), strip(Member->getBase()), *Context);
  }

  /// \p Call handles the element on its own: a member of the source, or a
  /// non-const member of the object holding it, given only the element
  /// (`m.erase(key)`, `remove(key)`); a function given only the element and
  /// the source (`evict(m, key)`); a member of the element itself
  /// (`session->close()`). Constants may be passed as well. Its effect does
  /// not depend on the order the elements come in.
  bool handledAlone(const CallExpr &Call) const {
    if (isa<CXXOperatorCallExpr>(Call))
      return false;
    bool TakesElement = false, TakesSource = false;
    for (const Expr *Arg : Call.arguments()) {
      const bool Element = isElement(Arg), Whole = isSource(Arg);
      if (!Element && !Whole && !isConstant(*Arg))
        return false;
      TakesElement |= Element;
      TakesSource |= Whole;
    }
    const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
    if (!Member)
      return TakesElement && TakesSource;
    const Expr *Object = Member->getImplicitObjectArgument();
    if (TakesSource || !Object)
      return false;
    if (isElement(Object))
      return true;
    const CXXMethodDecl *Method = Member->getMethodDecl();
    return TakesElement && (isSource(Object) || (isSourceOwner(Object) &&
                                                 Method && !Method->isConst()));
  }

  bool isConstant(const Expr &E) const {
    return !E.isValueDependent() && E.isEvaluatable(*Context);
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

/// The functions that give an iterator to the vector's ends, as members
/// (`v.begin()`) or free functions (`std::begin(v)`).
static const llvm::StringSet<> Iterators = {"begin", "end", "cbegin", "cend"};

/// What the code does with the order through the iterator \p IteratorCall
/// (a call of \p Name, one of Iterators) returns.
static OrderFate iteratorFate(const Expr &IteratorCall, StringRef Name,
                              const ContainerCopy &Found, bool Sorted,
                              ASTContext &Context) {
  OrderFate Result;
  Result.Where = &IteratorCall;
  const Stmt *User = userParent(IteratorCall, Context);
  while (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(User))
    User = userParent(*Construct, Context);
  // `find(...) != v.end()`: the end is the same in any order.
  if (Name.ends_with("end") && isEqualityTest(User))
    return Result;
  if (isOrderInsensitiveCall(User))
    return Result;
  if (const auto *Algorithm = dyn_cast_or_null<CallExpr>(User))
    return algorithmFate(*Algorithm, Found.Kind, Sorted);
  if (const auto *Construct =
          dyn_cast_or_null<CXXConstructExpr>(parentStmt(IteratorCall, Context));
      Construct && isSetType(Construct->getType()))
    return Result;
  Result.Kind = OrderFate::Escapes;
  return Result;
}

/// What the use \p Ref of the vector \p Found copied does with its order;
/// \p Sorted when a sort by key came before.
static OrderFate useFate(const Expr &Ref, const ContainerCopy &Found,
                         bool Sorted, ASTContext &Context) {
  OrderFate Result;
  Result.Where = &Ref;
  const Stmt *Parent = userParent(Ref, Context);
  LoopElement Element;
  Element.Vector = Found.Vector;
  Element.Source = Found.Source;
  Element.Context = &Context;
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Parent)) {
    const auto *Call =
        dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(*Member, Context));
    const StringRef Method = Call ? nameOf(Call->getMethodDecl()) : "";
    static const llvm::StringSet<> Revealing = {
        "front", "back", "at", "data", "swap", "rbegin", "rend"};
    if (Call && Iterators.contains(Method))
      return iteratorFate(*Call, Method, Found, Sorted, Context);
    if (Revealing.contains(Method)) {
      Result.Kind = OrderFate::Escapes;
    }
    return Result;
  }
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Parent)) {
    switch (Operator->getOperator()) {
    case OO_Subscript: {
      // `v[i]` in `for (i = ...)`: like a range-for over the elements.
      const ForStmt *Loop = loopCounting(Operator->getArg(1), Context);
      Element.Index = namedDecl(Operator->getArg(1));
      if (Loop && !revealsOrder(Loop->getBody(), Element))
        break;
      Result.Kind = OrderFate::Escapes;
      break;
    }
    case OO_EqualEqual:
    case OO_ExclaimEqual:
    case OO_Less:
    case OO_Spaceship: // C++20 rewrites `a < b` to `(a <=> b) < 0`
    case OO_LessLess:
      Result.Kind = OrderFate::Escapes;
      break;
    case OO_Equal:
      if (strip(Operator->getArg(0)) != strip(&Ref))
        Result.Kind = OrderFate::Escapes;
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
    Result.Kind = OrderFate::Returned;
    return Result;
  }
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Parent)) {
    const StringRef Standard = standardAlgorithmOf(*Call);
    if (Standard == "move")
      return useFate(*Call, Found, Sorted, Context);
    // `std::begin(v)`, as `v.begin()`.
    if (Iterators.contains(Standard))
      return iteratorFate(*Call, Standard, Found, Sorted, Context);
    if (!Standard.empty())
      return algorithmFate(*Call, Found.Kind, Sorted);
    Result.Kind =
        OrderFate::Escapes; // handed to code that may rely on the order
    return Result;
  }
  if (const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(Parent)) {
    Element.Variable = Loop->getLoopVariable();
    if (revealsOrder(Loop->getBody(), Element))
      Result.Kind = OrderFate::Escapes;
    return Result;
  }
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Parent)) {
    if (!isSetType(Construct->getType()))
      Result.Kind = OrderFate::Escapes;
    return Result;
  }
  return Result;
}

OrderFate fateAfter(const ContainerCopy &Found, const Stmt &Body,
                    ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const SourceLocation CopyEnd = Found.Statement->getEndLoc();
  OrderFate Result;
  bool Decided = false;
  forEachReference(&Body, Found.Vector, [&](const Expr &Ref) {
    if (Decided || !SM.isBeforeInTranslationUnit(CopyEnd, Ref.getBeginLoc()))
      return;
    const bool Sorted = Result.Kind == OrderFate::SortedByKey;
    const OrderFate Use = useFate(Ref, Found, Sorted, Context);
    if (Use.Kind == OrderFate::Unused)
      return;
    if (!Sorted || Use.Kind == OrderFate::Reordered)
      Result = Use;
    Decided = Use.Kind != OrderFate::SortedByKey;
  });
  if (!Decided && Result.Kind == OrderFate::SortedByKey)
    Result.Kind = OrderFate::Unused;
  return Result;
}

OrderFate outlivingVectorFate(const ContainerCopy &Found, ASTContext &Context) {
  llvm::SmallVector<const Stmt *, 8> Bodies;
  const DeclContext *Owner = Found.Vector->getDeclContext();
  if (const auto *Record = dyn_cast<CXXRecordDecl>(Owner)) {
    for (const CXXMethodDecl *Method : Record->methods())
      if (const FunctionDecl *Definition = nullptr; Method->hasBody(Definition))
        Bodies.push_back(Definition->getBody());
  } else if (const auto *Function = dyn_cast<FunctionDecl>(Owner)) {
    if (Function->hasBody())
      Bodies.push_back(Function->getBody());
  }
  OrderFate Relied;
  for (const Stmt *Body : Bodies) {
    bool Sorted = false;
    forEachReference(Body, Found.Vector, [&](const Expr &Ref) {
      const OrderFate Use = useFate(Ref, Found, false, Context);
      Sorted |= Use.Kind == OrderFate::SortedByKey ||
                Use.Kind == OrderFate::Reordered;
      if (Relied.Kind == OrderFate::Unused &&
          (Use.Kind == OrderFate::Escapes || Use.Kind == OrderFate::Returned))
        Relied = {OrderFate::Escapes, Use.Where};
    });
    if (Sorted)
      return OrderFate();
  }
  if (Relied.Kind == OrderFate::Unused && isa<ParmVarDecl>(Found.Vector))
    Relied = {OrderFate::Returned, Found.Statement};
  return Relied;
}

bool callerReliesOnOrder(const Expr &Use, const ContainerCopy &Copy,
                         ASTContext &Context) {
  const auto *Call = dyn_cast_or_null<CallExpr>(userParent(Use, Context));
  if (!Call || strip(Call->getCallee()) != &Use)
    return true; // the function itself is passed on
  const Stmt *Statement = statementOf(*Call, Context);
  const Stmt *Body = enclosingFunctionBody(*Statement, Context);
  // Filled through a parameter: the caller's vector from the call on.
  if (const auto *Parameter = dyn_cast_or_null<ParmVarDecl>(Copy.Vector)) {
    const unsigned Index = Parameter->getFunctionScopeIndex();
    if (isa<CXXOperatorCallExpr>(Call) || Index >= Call->getNumArgs() || !Body)
      return true;
    const Expr *Argument = strip(Call->getArg(Index));
    if (const auto *Address = dyn_cast<UnaryOperator>(Argument);
        Address && Address->getOpcode() == UO_AddrOf)
      Argument = strip(Address->getSubExpr());
    const auto *Ref = dyn_cast<DeclRefExpr>(Argument);
    const auto *Vector = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!isLocalVector(Vector))
      return true;
    const OrderFate Outcome = fateAfter(
        ContainerCopy{Statement, Vector, nullptr, Copy.Kind}, *Body, Context);
    return Outcome.Kind == OrderFate::Escapes ||
           Outcome.Kind == OrderFate::Returned;
  }
  if (const auto *Loop =
          dyn_cast_or_null<CXXForRangeStmt>(userParent(*Call, Context))) {
    LoopElement Element;
    Element.Variable = Loop->getLoopVariable();
    Element.Context = &Context;
    return revealsOrder(Loop->getBody(), Element);
  }
  // `auto names = f();`: the local vector's own uses decide.
  const auto *Declaration = dyn_cast<DeclStmt>(Statement);
  const auto *Var = Declaration && Declaration->isSingleDecl()
                        ? dyn_cast<VarDecl>(Declaration->getSingleDecl())
                        : nullptr;
  if (!isLocalVector(Var) || !Body)
    return true;
  const Expr *Init = strip(Var->getInit());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() == 1)
    Init = strip(Construct->getArg(0));
  if (Init != Call)
    return true;
  const OrderFate Outcome = fateAfter(
      ContainerCopy{Statement, Var, nullptr, Copy.Kind}, *Body, Context);
  return Outcome.Kind == OrderFate::Escapes ||
         Outcome.Kind == OrderFate::Returned;
}

} // namespace clang::tidy::maptidy
