//===--- ShardedMapRewrite.cpp - maptidy ----------------------------------===//

#include "ShardedMapRewrite.h"
#include "ContainerTypes.h"
#include "RewriteUtils.h"
#include "TypeSpelling.h"
#include "UseAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::maptidy {

/// The text of \p Outer with \p Inner, spelled inside it, replaced.
static std::optional<std::string> splice(const Expr &Outer, const Expr &Inner,
                                         StringRef Replacement,
                                         const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const std::optional<std::string> Text =
      spelledText(Outer.getSourceRange(), Context);
  const SourceRange InnerRange = Inner.getSourceRange();
  if (!Text || InnerRange.getBegin().isMacroID() ||
      InnerRange.getEnd().isMacroID())
    return std::nullopt;
  const auto [File, Begin] = SM.getDecomposedLoc(Outer.getBeginLoc());
  const auto [InnerFile, InnerBegin] =
      SM.getDecomposedLoc(InnerRange.getBegin());
  const unsigned InnerEnd = SM.getFileOffset(Lexer::getLocForEndOfToken(
      InnerRange.getEnd(), 0, SM, Context.getLangOpts()));
  if (File != InnerFile || InnerBegin < Begin ||
      InnerEnd - Begin > Text->size())
    return std::nullopt;
  return Text->substr(0, InnerBegin - Begin) + Replacement.str() +
         Text->substr(InnerEnd - Begin);
}

/// \p Text on one line, shortened for a diagnostic.
static std::string shorten(std::string Text) {
  std::string Result;
  for (char C : Text) {
    const bool Space = C == ' ' || C == '\t' || C == '\n' || C == '\r';
    if (!Space || (!Result.empty() && Result.back() != ' '))
      Result += Space ? ' ' : C;
  }
  if (Result.size() > 48)
    Result = Result.substr(0, 45) + "...";
  return Result;
}

/// Whether maptidy::hash hashes \p Type without a std::hash specialization:
/// arithmetic, enumeration and pointer types, strings, pairs and tuples of
/// them.
static bool isNativelyHashable(QualType Type) {
  Type = Type.getCanonicalType().getUnqualifiedType();
  if (Type->isArithmeticType() || Type->isEnumeralType() ||
      Type->isPointerType() || Type->isNullPtrType())
    return true;
  if (isClassNamed(Type, {"::std::basic_string", "::std::basic_string_view"}))
    return true;
  if (!isClassNamed(Type, {"::std::pair", "::std::tuple"}))
    return false;
  const auto *Spec =
      dyn_cast<ClassTemplateSpecializationDecl>(Type->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
    if (Arg.getKind() == TemplateArgument::Pack) {
      for (const TemplateArgument &Element : Arg.pack_elements())
        if (!isNativelyHashable(Element.getAsType()))
          return false;
    } else if (Arg.getKind() != TemplateArgument::Type ||
               !isNativelyHashable(Arg.getAsType())) {
      return false;
    }
  }
  return true;
}

/// Whether \p Type can be copied, as snapshot() copies the elements.
static bool isCopyable(QualType Type) {
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return true;
  Record = Record->getDefinition();
  if (Record->needsImplicitCopyConstructor())
    return !Record->defaultedCopyConstructorIsDeleted();
  return llvm::any_of(Record->ctors(), [](const CXXConstructorDecl *Ctor) {
    return Ctor->isCopyConstructor() && !Ctor->isDeleted();
  });
}

/// Whether \p Init fills the map from a braced list, which sharded_map's
/// initializer-list constructor takes as well.
static bool isInitializerList(const Expr &Init) {
  const auto *Construct = dyn_cast<CXXConstructExpr>(strip(&Init));
  if (!Construct || Construct->getNumArgs() == 0 ||
      !isa<CXXStdInitializerListExpr>(strip(Construct->getArg(0))))
    return false;
  return llvm::all_of(
      llvm::drop_begin(Construct->arguments()),
      [](const Expr *Arg) { return isa<CXXDefaultArgExpr>(Arg); });
}

/// The function around \p S, looking through lambdas.
static const FunctionDecl *outermostFunction(const Stmt &S,
                                             ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(S);
  const FunctionDecl *Found = nullptr;
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return Found;
    Node = Parents[0];
    if (const auto *Function = Node.get<FunctionDecl>())
      Found = Function;
  }
}

namespace {
/// Walks the uses of one map and collects their rewrites; stops at the first
/// that cannot be rewritten.
class Planner {
public:
  Planner(const DeclaratorDecl &Map, ASTContext &Context,
          DeclarationScope Reach)
      : Map(Map), Context(Context), SM(Context.getSourceManager()),
        Reach(Reach) {}

  /// The plan for the uses \p Refs, in any order.
  DeclarationRewritePlan plan(std::vector<const Expr *> Refs);

private:
  /// Records the blocker \p Reason, a clause whose %0 is the map and %1 is
  /// \p Detail.
  bool block(SourceLocation Loc, StringRef Reason, std::string Detail = {}) {
    std::string Text;
    for (size_t I = 0; I < Reason.size(); ++I) {
      if (Reason[I] == '%' && I + 1 < Reason.size() &&
          (Reason[I + 1] == '0' || Reason[I + 1] == '1')) {
        Text += Reason[++I] == '0' ? quotedName(Map) : shorten(Detail);
        continue;
      }
      Text += Reason[I];
    }
    Blocker = {Loc, std::move(Text)};
    return false;
  }
  bool replace(SourceRange Range, std::string Text);
  bool planType(TypeLoc Written, std::string &NewType);
  bool planUse(const Expr &Ref);
  bool planMemberCall(const Expr &Ref, const CXXMemberCallExpr &Call);
  bool planSubscript(const Expr &Ref, const CXXOperatorCallExpr &Index);
  bool planUpsert(const CXXOperatorCallExpr &Index, StringRef Key);
  bool planLoop(const Expr &Ref, const CXXForRangeStmt &Loop);
  bool namesMap(const Expr *E) const;
  const Expr *findComparedWithEnd(const CXXMemberCallExpr &Find,
                                  bool &Negated) const;
  bool mayUseMap(const FunctionDecl &Function, unsigned Depth);
  const CallExpr *callUsingMap(const Stmt *S, const Stmt *Skip);

  const DeclaratorDecl &Map;
  ASTContext &Context;
  const SourceManager &SM;
  const DeclarationScope Reach;
  std::optional<RewriteBlocker> Blocker;
  /// The edits of the plan under way.
  std::vector<FixItHint> *Edits = nullptr;
  /// The new type, from the first declaration that spells it.
  std::string Type;
  /// The map as the current use spells it.
  std::string MapText;
  QualType KeyType, MappedType;
  bool Ordered = false;
  /// The template arguments sharded_map takes over: key, value, and the
  /// unordered map's own hash and equality.
  unsigned Needed = 2;
  /// Some use looks at which keys the map holds (size, count, iteration).
  bool ObservesKeys = false;
  const Expr *FirstSubscriptRead = nullptr;
  const CXXForRangeStmt *FirstLoop = nullptr;
  /// File offsets and ranges of the edits so far, to refuse overlapping
  /// ones.
  std::vector<std::tuple<unsigned, unsigned, SourceRange>> Taken;
  llvm::DenseMap<const FunctionDecl *, bool> UsesMap;
};
} // namespace

bool Planner::replace(SourceRange Range, std::string Text) {
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return block(Range.getBegin(), "%0 is used inside a macro");
  const CharSourceRange Chars = CharSourceRange::getTokenRange(Range);
  const unsigned Begin = SM.getFileOffset(Range.getBegin());
  const unsigned End = SM.getFileOffset(
      Lexer::getLocForEndOfToken(Range.getEnd(), 0, SM, Context.getLangOpts()));
  for (const auto &[OtherBegin, OtherEnd, Other] : Taken)
    if (Begin < OtherEnd && OtherBegin < End)
      return block(
          Range.getBegin(),
          "%0 is used twice in '%1', which cannot be "
          "rewritten in one piece",
          spelledText(End - Begin > OtherEnd - OtherBegin ? Range : Other,
                      Context)
              .value_or(""));
  Taken.emplace_back(Begin, End, Range);
  Edits->push_back(FixItHint::CreateReplacement(Chars, Text));
  return true;
}

DeclarationRewritePlan Planner::plan(std::vector<const Expr *> Refs) {
  DeclarationRewritePlan Plan;
  if (!Context.getLangOpts().CPlusPlus17) {
    Plan.Blocker = {Map.getLocation(), "maptidy::sharded_map needs C++17"};
    return Plan;
  }
  // A member's class whose objects are assigned: sharded_map cannot be.
  if (const auto *Record = dyn_cast<CXXRecordDecl>(Map.getDeclContext()))
    for (const CXXMethodDecl *Method : Record->methods())
      if ((Method->isCopyAssignmentOperator() ||
           Method->isMoveAssignmentOperator()) &&
          Method->isImplicit() && Method->isUsed()) {
        block(Map.getLocation(),
              "objects of '%1' are assigned, which maptidy::sharded_map "
              "cannot be",
              Record->getNameAsString());
        Plan.Blocker = std::move(Blocker);
        return Plan;
      }
  llvm::sort(Refs, [&](const Expr *A, const Expr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });
  auto Blocked = [&](bool Planned) {
    return Planned ? std::nullopt : std::move(Blocker);
  };
  Plan = planDeclarationRewrite(
      Map, Refs,
      [&](TypeLoc Written, std::string &NewType) {
        return Blocked(planType(Written, NewType));
      },
      [&](const Expr &Ref, std::vector<FixItHint> &Planned) {
        Edits = &Planned;
        return Blocked(planUse(Ref));
      },
      Context, isInitializerList, Reach);
  if (Plan.Blocker)
    return Plan;

  if (FirstSubscriptRead && ObservesKeys) {
    block(FirstSubscriptRead->getBeginLoc(),
          "'%1' inserts the key when it is missing, which get_or "
          "would not, and other uses of %0 look at its keys",
          textOf(*FirstSubscriptRead, Context).value_or(""));
  } else if (FirstLoop && Ordered) {
    block(FirstLoop->getBeginLoc(), "%0 is iterated in key order, "
                                    "which maptidy::sharded_map does not keep");
  }
  if (Blocker) {
    Plan.Edits.clear();
    Plan.Blocker = std::move(Blocker);
  }
  return Plan;
}

bool Planner::planType(TypeLoc Written, std::string &NewType) {
  const SourceLocation Loc = Map.getLocation();
  if (Type.empty()) {
    const std::string Class = qualifiedClassName(Map.getType());
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Map.getType()->getAsCXXRecordDecl());
    Ordered = Class == "::std::map";
    if (!Spec || (!Ordered && Class != "::std::unordered_map"))
      return block(Loc,
                   "%0 is a '%1', which has no maptidy::sharded_map "
                   "counterpart",
                   Class.empty() ? Class : Class.substr(2));
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    KeyType = Args[0].getAsType();
    MappedType = Args[1].getAsType();
    // sharded_map<Key, T, Hash, KeyEqual>: an ordered map's comparator has
    // no counterpart; an unordered map's own hash and equality carry over.
    bool OwnHash = false, OwnEqual = false;
    if (Ordered) {
      if (!usesDefaultPolicies(*Spec, 2))
        return block(Loc, "%0 has its own ordering or allocator");
      if (!isNativelyHashable(KeyType))
        return block(Loc, "maptidy::hash cannot hash '%1', the key type of %0",
                     describeType(KeyType, *Map.getDeclContext(), Context));
    } else {
      if (!usesDefaultPolicies(*Spec, 4))
        return block(Loc, "%0 has its own ordering or allocator");
      OwnHash = !usesDefaultPolicies(*Spec, 2);
      OwnEqual = !usesDefaultPolicies(*Spec, 3);
    }
    Needed = OwnEqual ? 4 : OwnHash ? 3 : 2;
  }
  // The arguments as written: every declaration spells them.
  const auto Spelled = Written.getAsAdjusted<TemplateSpecializationTypeLoc>();
  if (!Spelled || Spelled.getNumArgs() < Needed)
    return block(Loc, "the type of %0 is not spelled out here (an alias)");
  if (Type.empty()) {
    Type = "maptidy::sharded_map<";
    for (unsigned I = 0; I < Needed; ++I) {
      const std::optional<std::string> Arg =
          spelledText(Spelled.getArgLoc(I).getSourceRange(), Context);
      if (!Arg)
        return block(Loc, "the type of %0 is written through a macro");
      Type += (I ? ", " : "") + *Arg;
    }
    Type += ">";
  }
  NewType = Type;
  return true;
}

bool Planner::planUse(const Expr &Ref) {
  if (Ref.getBeginLoc().isMacroID())
    return block(Ref.getBeginLoc(), "%0 is used inside a macro");
  if (const FunctionDecl *Function = outermostFunction(Ref, Context);
      Function &&
      (Function->isDependentContext() || Function->isTemplateInstantiation() ||
       Function->getTemplateInstantiationPattern()))
    return block(Ref.getBeginLoc(), "%0 is used in a template");
  MapText = textOf(Ref, Context).value_or(Map.getName().str());

  const Stmt *Parent = parentStmt(Ref, Context);
  const Stmt *User = userParent(Ref, Context);
  // Captured by a lambda: the uses in its body are visited on their own.
  if (isa_and_nonnull<LambdaExpr>(User) ||
      (isa_and_nonnull<CXXConstructExpr>(User) &&
       isa_and_nonnull<LambdaExpr>(parentStmt(*User, Context))))
    return true;
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(User))
    if (const auto *Call =
            dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(*Member, Context));
        Call && Call->getCallee() == Member)
      return planMemberCall(Ref, *Call);
  if (const auto *Index = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
      Index && Index->getOperator() == OO_Subscript &&
      strip(Index->getArg(0)) == &Ref)
    return planSubscript(Ref, *Index);
  if (const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(User))
    return planLoop(Ref, *Loop);
  if (const auto *Call = dyn_cast_or_null<CallExpr>(User);
      Call && Call->getDirectCallee())
    return block(Ref.getBeginLoc(),
                 "%0 is passed to '%1', which takes its current type",
                 Call->getDirectCallee()->getNameAsString());
  std::optional<std::string> Use;
  if (const auto *E = dyn_cast_or_null<Expr>(User))
    Use = textOf(*E, Context);
  else if (const auto *Decl = dyn_cast_or_null<DeclStmt>(Parent))
    Use = spelledText(Decl->getSourceRange(), Context);
  return block(Ref.getBeginLoc(),
               "%0 is used as '%1', which maptidy::sharded_map "
               "does not offer",
               Use.value_or(MapText));
}

/// Whether argument \p I of \p Call is a key rather than an iterator.
static bool takesKey(const CXXMemberCallExpr &Call, unsigned I,
                     QualType KeyType) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method || I >= Method->getNumParams())
    return false;
  return Method->getParamDecl(I)
             ->getType()
             .getNonReferenceType()
             .getCanonicalType()
             .getUnqualifiedType() ==
         KeyType.getCanonicalType().getUnqualifiedType();
}

const Expr *Planner::findComparedWithEnd(const CXXMemberCallExpr &Find,
                                         bool &Negated) const {
  auto IsMapCall = [&](const Expr *E, StringRef Name, bool End) {
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(strip(E));
    if (!Call)
      return false;
    const Expr *Object = End ? containerOfIteratorCall(Call, true)
                             : Call->getImplicitObjectArgument();
    return namesMap(Object) && (End || nameOf(Call->getMethodDecl()) == Name);
  };
  const Stmt *Parent = userParent(Find, Context);
  const auto *Compare = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
  if (!Compare || Compare->getNumArgs() != 2 ||
      (Compare->getOperator() != OO_EqualEqual &&
       Compare->getOperator() != OO_ExclaimEqual))
    return nullptr;
  const Expr *Whole = Compare;
  Negated = Compare->getOperator() == OO_EqualEqual;
  // C++20 spells `a != b` as a rewritten `!(a == b)`.
  const Stmt *Above = userParent(*Compare, Context);
  if (const auto *Not = dyn_cast_or_null<UnaryOperator>(Above);
      Not && Not->getOpcode() == UO_LNot)
    Above = userParent(*Not, Context);
  if (const auto *Rewritten =
          dyn_cast_or_null<CXXRewrittenBinaryOperator>(Above)) {
    Whole = Rewritten;
    Negated = Rewritten->getOpcode() == BO_EQ;
  }
  const bool FindFirst = strip(Compare->getArg(0)) == &Find;
  const Expr *Other = Compare->getArg(FindFirst ? 1 : 0);
  if ((FindFirst || strip(Compare->getArg(1)) == &Find) &&
      IsMapCall(Other, "", true))
    return Whole;
  // Seen from the end() side.
  if (IsMapCall(&Find, "end", true) &&
      (IsMapCall(Compare->getArg(0), "find", false) ||
       IsMapCall(Compare->getArg(1), "find", false)))
    return Whole;
  return nullptr;
}

bool Planner::planMemberCall(const Expr &Ref, const CXXMemberCallExpr &Call) {
  const StringRef Name = nameOf(Call.getMethodDecl());
  const std::string Key = Call.getNumArgs()
                              ? textOf(*Call.getArg(0), Context).value_or("")
                              : std::string();
  // Members sharded_map has with the same meaning.
  if (Name == "size" || Name == "empty" || Name == "contains") {
    ObservesKeys = true;
    return true;
  }
  if (Name == "clear" || (Name == "reserve" && !Ordered))
    return true;
  if (Name == "erase" && Call.getNumArgs() == 1 && takesKey(Call, 0, KeyType)) {
    ObservesKeys |= !isDiscarded(Call, Context);
    return true;
  }
  // Insertions return bool instead of an iterator and a bool.
  const bool InsertsPair =
      Name == "insert" && Call.getNumArgs() == 1 &&
      isClassNamed(Call.getMethodDecl()->getParamDecl(0)->getType(),
                   {"::std::pair"});
  const bool InsertsKey =
      (Name == "try_emplace" || Name == "insert_or_assign") &&
      takesKey(Call, 0, KeyType);
  if ((InsertsPair || InsertsKey || Name == "emplace") &&
      isDiscarded(Call, Context))
    return true;

  if (Name == "count" && Call.getNumArgs() == 1) {
    // In a condition, whether the key is there.
    ObservesKeys = true;
    const auto [Parent, Child] = parentAndChild(Call, Context);
    const auto *Member = dyn_cast<MemberExpr>(Call.getCallee());
    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent);
        Member && Cast && Cast->getCastKind() == CK_IntegralToBoolean)
      return replace(Member->getMemberLoc(), "contains");
    if (const auto *Compare = dyn_cast_or_null<BinaryOperator>(Parent);
        Compare && Compare->getLHS()->IgnoreParenImpCasts() == &Call) {
      const auto *Zero =
          dyn_cast<IntegerLiteral>(Compare->getRHS()->IgnoreParenImpCasts());
      const BinaryOperatorKind Op = Compare->getOpcode();
      if (Zero && Zero->getValue() == 0 &&
          (Op == BO_NE || Op == BO_GT || Op == BO_EQ))
        return replace(Compare->getSourceRange(), (Op == BO_EQ ? "!" : "") +
                                                      MapText + ".contains(" +
                                                      Key + ")");
    }
    return true; // sharded_map::count gives 0 or 1 too.
  }
  if (Name == "at" && Call.getNumArgs() == 1 &&
      isReadByValue(Call, MappedType, Context)) {
    ObservesKeys = true;
    return replace(Call.getSourceRange(),
                   MapText + ".get(" + Key + ").value()");
  }
  if (Name == "find" || Name == "end" || Name == "cend") {
    bool Negated = false;
    if (const Expr *Whole = findComparedWithEnd(Call, Negated)) {
      ObservesKeys = true;
      if (Name != "find")
        return true; // Rewritten from the find() side.
      return replace(Whole->getSourceRange(),
                     (Negated ? "!" : "") + MapText + ".contains(" + Key + ")");
    }
  }
  return block(Ref.getBeginLoc(),
               "%0 is used as '%1', which maptidy::sharded_map "
               "does not offer",
               MapText + "." + Name.str() + "()");
}

bool Planner::planSubscript(const Expr &Ref, const CXXOperatorCallExpr &Index) {
  const std::optional<std::string> Key = textOf(*Index.getArg(1), Context);
  if (!Key)
    return block(Ref.getBeginLoc(), "%0 is used inside a macro");
  // m[k] = v: insert_or_assign, when the value constructs the element as
  // directly as it assigns it.
  const auto [Parent, Child] = parentAndChild(Index, Context);
  const Expr *Assigned = nullptr;
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(Parent);
      Binary && Binary->getOpcode() == BO_Assign && Binary->getLHS() == Child)
    Assigned = Binary->getRHS();
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
      Operator && Operator->getOperator() == OO_Equal &&
      Operator->getArg(0) == Child)
    Assigned = Operator->getArg(1);
  if (Assigned && isDiscarded(*cast<Expr>(Parent), Context)) {
    const Expr *Value = strip(Assigned);
    const QualType From = Value->getType().getCanonicalType();
    const QualType To = MappedType.getCanonicalType();
    const bool Constructs =
        !isa<InitListExpr>(Value) &&
        (!To->isRecordType() ||
         From.getUnqualifiedType() == To.getUnqualifiedType() ||
         (isa<StringLiteral>(Value) &&
          isClassNamed(To, {"::std::basic_string"})));
    if (const std::optional<std::string> ValueText = textOf(*Assigned, Context);
        Constructs && ValueText)
      return replace(Parent->getSourceRange(), MapText + ".insert_or_assign(" +
                                                   *Key + ", " + *ValueText +
                                                   ")");
  }
  // A read of the element: a copy from get_or; operator[] would have
  // inserted the default, which is checked against the other uses.
  if (isReadByValue(Index, MappedType, Context)) {
    if (!FirstSubscriptRead)
      FirstSubscriptRead = &Index;
    return replace(Index.getSourceRange(),
                   MapText + ".get_or(" + *Key + ", {})");
  }
  return planUpsert(Index, *Key);
}

bool Planner::mayUseMap(const FunctionDecl &Function, unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  if (!Function.hasBody(Definition) || Depth > 4 ||
      SM.isInSystemHeader(Definition->getLocation()))
    return false;
  if (auto It = UsesMap.find(Definition); It != UsesMap.end())
    return It->second;
  UsesMap[Definition] = false; // Recursion ends here.
  bool Uses = false;
  forEachReference(Definition->getBody(), &Map,
                   [&](const Expr &) { Uses = true; });
  if (!Uses)
    Uses = walkDescendants(Definition->getBody(), [&](const Stmt &S) {
      const auto *Call = dyn_cast<CallExpr>(&S);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      return Callee && mayUseMap(*Callee, Depth + 1) ? Walk::Stop
                                                     : Walk::Continue;
    });
  UsesMap[Definition] = Uses;
  return Uses;
}

const CallExpr *Planner::callUsingMap(const Stmt *S, const Stmt *Skip) {
  const CallExpr *Found = nullptr;
  walkDescendants(S, [&](const Stmt &Node) {
    if (&Node == Skip)
      return Walk::SkipChildren;
    const auto *Call = dyn_cast<CallExpr>(&Node);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || !mayUseMap(*Callee, 0))
      return Walk::Continue;
    Found = Call;
    return Walk::Stop;
  });
  return Found;
}

/// The first of \p Names that is not an identifier in \p Text.
static StringRef freshName(StringRef Text) {
  static constexpr StringRef Names[] = {"value", "element", "mapped", "entry"};
  for (StringRef Name : Names) {
    bool Used = false;
    for (size_t At = Text.find(Name); At != StringRef::npos && !Used;
         At = Text.find(Name, At + 1)) {
      auto IsIdentifier = [](char C) { return isAlphanumeric(C) || C == '_'; };
      const size_t End = At + Name.size();
      Used = (At == 0 || !IsIdentifier(Text[At - 1])) &&
             (End == Text.size() || !IsIdentifier(Text[End]));
    }
    if (!Used)
      return Name;
  }
  return "value_";
}

bool Planner::planUpsert(const CXXOperatorCallExpr &Index, StringRef Key) {
  // The whole expression statement around m[k] runs as the callback, with
  // the element in place of m[k]: m[k] += x, ++m[k], m[k].push_back(x).
  const Expr *Top = &Index;
  for (const Stmt *Parent = parentStmt(*Top, Context);
       isa_and_nonnull<Expr>(Parent); Parent = parentStmt(*Parent, Context)) {
    const auto *Binary = dyn_cast<BinaryOperator>(Parent);
    if ((Binary && Binary->isLogicalOp()) ||
        isa<AbstractConditionalOperator>(Parent))
      return block(Index.getBeginLoc(),
                   "%0 is used as '%1', which maptidy::sharded_map "
                   "does not offer",
                   "a conditionally evaluated element");
    Top = cast<Expr>(Parent);
  }
  const std::string Element = textOf(Index, Context).value_or(MapText + "[]");
  if (!isDiscarded(*Top, Context))
    return block(Index.getBeginLoc(),
                 "%0 is used as '%1', which maptidy::sharded_map "
                 "does not offer",
                 "a reference to " + Element);
  unsigned Refs = 0;
  forEachReference(Top, &Map, [&](const Expr &) { ++Refs; });
  if (Refs > 1)
    return block(Index.getBeginLoc(),
                 "%0 is used twice in '%1', which cannot be "
                 "rewritten in one piece",
                 textOf(*Top, Context).value_or(""));
  if (const CallExpr *Call = callUsingMap(Top, &Index))
    return block(Call->getBeginLoc(),
                 "'%1' may use %0 while upsert holds the lock of "
                 "its element",
                 textOf(*Call, Context).value_or(""));
  const std::optional<std::string> Whole = textOf(*Top, Context);
  if (!Whole)
    return block(Index.getBeginLoc(), "%0 is used inside a macro");
  const StringRef Name = freshName(*Whole);
  const std::optional<std::string> Body = splice(*Top, Index, Name, Context);
  if (!Body)
    return block(Index.getBeginLoc(), "%0 is used inside a macro");
  // Capture by reference only what needs it.
  bool NeedsCapture = false;
  walkDescendants(Top, [&](const Stmt &S) {
    if (&S == &Index)
      return Walk::SkipChildren;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      NeedsCapture |=
          isa<BindingDecl>(Ref->getDecl()) || (Var && Var->hasLocalStorage());
    }
    NeedsCapture |= isa<CXXThisExpr>(S);
    return Walk::Continue;
  });
  return replace(Top->getSourceRange(),
                 MapText + ".upsert(" + Key.str() + ", " +
                     (NeedsCapture ? "[&]" : "[]") + "(auto& " + Name.str() +
                     ") { " + *Body + "; })");
}

bool Planner::planLoop(const Expr &Ref, const CXXForRangeStmt &Loop) {
  ObservesKeys = true;
  if (!FirstLoop)
    FirstLoop = &Loop;
  if (!isCopyable(KeyType) || !isCopyable(MappedType))
    return block(Ref.getBeginLoc(),
                 "%0 is iterated, and its elements cannot be copied "
                 "into a snapshot()");
  // The loop runs over copies: it must not modify the elements, and a
  // spelled `std::pair<const K, V> &` would not bind to them.
  const VarDecl *Var = Loop.getLoopVariable();
  const QualType Type = Var->getType();
  if (Type->isReferenceType() &&
      !Type.getNonReferenceType().isConstQualified()) {
    if (!Type->getContainedAutoType())
      return block(Var->getLocation(),
                   "the loop over %0 binds its elements by "
                   "non-const reference, and snapshot() returns copies");
    bool Modifies = false;
    auto Check = [&](const ValueDecl *Bound) {
      forEachReference(Loop.getBody(), Bound, [&](const Expr &Use) {
        Modifies |= isModifyingUse(Use, Context);
      });
    };
    if (const auto *Bindings = dyn_cast<DecompositionDecl>(Var))
      for (const BindingDecl *Binding : Bindings->bindings())
        Check(Binding);
    else
      Check(Var);
    if (Modifies)
      return block(Var->getLocation(),
                   "the loop modifies the elements of %0 in place, "
                   "and snapshot() returns copies");
  }
  return replace(Ref.getSourceRange(), MapText + ".snapshot()");
}

/// Whether \p E is the map: a variable, or a member of any object.
bool Planner::namesMap(const Expr *E) const {
  E = strip(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return Ref->getDecl() == &Map;
  const auto *Member = dyn_cast_or_null<MemberExpr>(E);
  return Member && Member->getMemberDecl() == &Map;
}

DeclarationRewritePlan planShardedMapRewrite(const DeclaratorDecl &Map,
                                             ArrayRef<const Expr *> Refs,
                                             ASTContext &Context,
                                             DeclarationScope Reach) {
  return Planner(Map, Context, Reach).plan(Refs.vec());
}

DeclarationRewritePlan planShardedMapRewrite(const DeclaratorDecl &Map,
                                             ASTContext &Context,
                                             DeclarationScope Reach) {
  // Every reference in the translation unit, once.
  std::vector<const Expr *> Refs;
  llvm::SmallPtrSet<const Expr *, 16> Seen;
  for (const BoundNodes &Match :
       match(translationUnitDecl(forEachDescendant(
                 expr(anyOf(declRefExpr(to(equalsNode(&Map))),
                            memberExpr(member(equalsNode(&Map)))))
                     .bind("ref"))),
             *Context.getTranslationUnitDecl(), Context))
    if (const auto *Ref = Match.getNodeAs<Expr>("ref");
        !isCaptureInit(*Ref, Context) && Seen.insert(Ref).second)
      Refs.push_back(Ref);
  return planShardedMapRewrite(Map, Refs, Context, Reach);
}

} // namespace clang::tidy::maptidy
