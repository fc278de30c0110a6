//===--- NestedMapKeyCheck.cpp - maptidy ----------------------------------===//

#include "NestedMapKeyCheck.h"
#include "ContainerTypes.h"
#include "DeclarationRewrite.h"
#include "InsertionInvalidation.h"
#include "ProjectRewrites.h"
#include "RewriteUtils.h"
#include "TypeSpelling.h"
#include "UserReferences.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::maptidy {

namespace {
AST_MATCHER_P(ValueDecl, hasNestedMapType, const NestedMapKeyCheck *, Check) {
  return Check->isNested(Node.getType());
}

/// How one use of the nested map relates to the flat map it could become.
struct Use {
  enum { PointAccess, Neutral, RowAccess } Kind = RowAccess;
  /// The replacement text for Range, when the use can be rewritten.
  std::optional<std::string> Rewrite;
  SourceRange Range;
  const Expr *Where = nullptr;
  /// The element, iterator or insert result the access yields, and whether
  /// its rewritten form may insert.
  ElementAccess Access;
};
} // namespace

/// The template arguments of the class template specialization \p Type as
/// written, through aliases: the keys and values with the user's names.
static ArrayRef<TemplateArgument> writtenArguments(QualType Type) {
  const auto *Spec = Type->getAs<TemplateSpecializationType>();
  while (Spec && Spec->isTypeAlias())
    Spec = Spec->getAliasedType()->getAs<TemplateSpecializationType>();
  return Spec ? Spec->template_arguments() : ArrayRef<TemplateArgument>();
}

std::optional<NestedMapKeyCheck::Shape>
NestedMapKeyCheck::shapeOf(QualType Type) const {
  Shape Result;
  bool AllOrdered = true, AllUnordered = true, AllDefault = true;
  QualType Level = Type.getNonReferenceType();
  while (true) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Level->getAsCXXRecordDecl());
    const bool IsMap = Spec && isClassNamed(Level, MapClasses);
    const bool IsSet = Spec && !IsMap && isClassNamed(Level, SetClasses);
    if (!IsMap && !IsSet)
      break;
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    const ArrayRef<TemplateArgument> Written = writtenArguments(Level);
    auto ArgumentType = [&](unsigned I) {
      return I < Written.size() &&
                     Written[I].getKind() == TemplateArgument::Type
                 ? Written[I].getAsType()
                 : Args[I].getAsType();
    };
    const unsigned Leading = IsMap ? 2 : 1;
    if (Args.size() < Leading || Args[0].getKind() != TemplateArgument::Type ||
        (Result.Keys.empty() && IsSet))
      break;
    const std::string Name = qualifiedClassName(Level);
    AllOrdered &= Name == "::std::map" || Name == "::std::set";
    AllUnordered &=
        Name == "::std::unordered_map" || Name == "::std::unordered_set";
    AllDefault &= usesDefaultPolicies(*Spec, Leading);
    Result.Keys.push_back(ArgumentType(0));
    if (IsSet) {
      Result.Value = QualType();
      break;
    }
    if (Args[1].getKind() != TemplateArgument::Type)
      return std::nullopt;
    Level = ArgumentType(1);
    Result.Value = Level;
  }
  if (Result.Keys.size() < 2)
    return std::nullopt;
  Result.Ordered = AllOrdered;
  Result.Rewritable = (AllOrdered || AllUnordered) && AllDefault;
  return Result;
}

bool NestedMapKeyCheck::isNested(QualType Type) const {
  const clang::Type *Key = Type.getCanonicalType().getTypePtrOrNull();
  if (!Key)
    return false;
  auto [It, Inserted] = IsNested.try_emplace(Key, false);
  if (Inserted)
    It->second = shapeOf(Type).has_value();
  return It->second;
}

NestedMapKeyCheck::NestedMapKeyCheck(StringRef Name, ClangTidyContext *Context)
    : SpelledSourceCheck(Name, Context),
      MapClasses(
          parseClassList(Options.get("MapClasses", DefaultAssociativeMaps))),
      SetClasses(
          parseClassList(Options.get("SetClasses", DefaultAssociativeSets))),
      Target(CompositeKeyTarget::fromOption(
          Options.get("UnorderedMapTarget"),
          [this](StringRef Value) {
            configurationDiag("invalid UnorderedMapTarget '%0'; using %1")
                << Value << CompositeKeyTarget::Default;
          })),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void NestedMapKeyCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MapClasses", llvm::join(MapClasses, ";"));
  Options.store(Opts, "SetClasses", llvm::join(SetClasses, ";"));
  Options.store(Opts, "UnorderedMapTarget", Target.name());
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void NestedMapKeyCheck::registerPPCallbacks(const SourceManager &,
                                            Preprocessor *PP, Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void NestedMapKeyCheck::registerMatchers(MatchFinder *Finder) {
  const auto Nested = hasNestedMapType(this);
  // The declarations only: their uses are collected at the end of the unit.
  Finder->addMatcher(varDecl(Nested, isNotAlias(), isInUserCode()).bind("decl"),
                     this);
  Finder->addMatcher(
      fieldDecl(Nested, isNotAlias(), isInUserCode()).bind("decl"), this);
}

void NestedMapKeyCheck::analyze(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  const auto *Decl = Result.Nodes.getNodeAs<DeclaratorDecl>("decl");
  Candidate &Found = Candidates[cast<DeclaratorDecl>(Decl->getCanonicalDecl())];
  if (!Found.Decl)
    Found.Decl = Decl;
}

/// Joins the source texts of \p Exprs with ", "; none if one is unavailable.
static std::optional<std::string> joinTexts(llvm::ArrayRef<const Expr *> Exprs,
                                            const ASTContext &Context) {
  std::string Joined;
  for (const Expr *E : Exprs) {
    std::optional<std::string> Text = textOf(*E, Context);
    if (!Text)
      return std::nullopt;
    Joined += (Joined.empty() ? "" : ", ") + *Text;
  }
  return Joined;
}

/// Whether the value of \p Call initializes a variable of explicitly spelled
/// type, which the result type of the flat map's member would not fit.
static bool initializesTypedVariable(const Expr &Call, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(Call);
  while (!Parents.empty() && Parents[0].get<Expr>() &&
         isa<ImplicitCastExpr, ExprWithCleanups, MaterializeTemporaryExpr,
             CXXConstructExpr, CXXBindTemporaryExpr>(Parents[0].get<Expr>()))
    Parents = Context.getParents(Parents[0]);
  const auto *Var = Parents.empty() ? nullptr : Parents[0].get<VarDecl>();
  return Var && !Var->getType()->getContainedDeducedType();
}

/// The member function called on \p Object, with the call.
static const CXXMemberCallExpr *callOn(const Expr &Object,
                                       ASTContext &Context) {
  const auto *Member =
      dyn_cast_or_null<MemberExpr>(userParent(Object, Context));
  return Member
             ? dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(*Member, Context))
             : nullptr;
}

static bool servesLookupOnly(const Expr &Iterator, bool ToRow,
                             ASTContext &Context);

/// Whether the row \p Row, reached through an iterator, is used for point
/// access only: `row.find(b)`, `row.count(b)`, `row[b]` and the like.
static bool rowServesLookupOnly(const Expr &Row, ASTContext &Context) {
  if (const auto *Subscript =
          dyn_cast_or_null<CXXOperatorCallExpr>(userParent(Row, Context));
      Subscript && Subscript->getOperator() == OO_Subscript &&
      strip(Subscript->getArg(0)) == strip(&Row))
    return true;
  const CXXMemberCallExpr *Call = callOn(Row, Context);
  const StringRef Method = Call ? nameOf(Call->getMethodDecl()) : "";
  static const llvm::StringSet<> Point = {
      "count",  "contains", "at",          "erase",
      "insert", "emplace",  "try_emplace", "insert_or_assign"};
  if (Method == "find" || Method == "end")
    return servesLookupOnly(*Call, false, Context);
  return Point.contains(Method);
}

/// Whether the iterator \p Iterator (from find or end on the map or on a
/// row) serves a lookup only: compared, or dereferenced to the entry found,
/// directly or through a local variable; with \p ToRow, the entry's value is
/// a row, used for point access only. An iterator kept elsewhere, passed on
/// or stepped walks the rows or cells as a group.
static bool servesLookupOnly(const Expr &Iterator, bool ToRow,
                             ASTContext &Context) {
  const Stmt *Parent = userParent(Iterator, Context);
  // Through copies of the iterator.
  for (const auto *Copy = dyn_cast_or_null<CXXConstructExpr>(Parent);
       Copy && Copy->getNumArgs() == 1;
       Copy = dyn_cast_or_null<CXXConstructExpr>(Parent))
    Parent = userParent(*Copy, Context);
  if (isEqualityTest(Parent))
    return true;
  if (const auto *Arrow = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
      Arrow && Arrow->getOperator() == OO_Arrow) {
    const auto *Member =
        dyn_cast_or_null<MemberExpr>(userParent(*Arrow, Context));
    if (!Member)
      return false;
    return !ToRow || nameOf(Member->getMemberDecl()) != "second" ||
           rowServesLookupOnly(*Member, Context);
  }
  // `auto row = m.find(a);`: every use of the variable.
  const auto *Declaration = dyn_cast_or_null<DeclStmt>(Parent);
  const auto *Var = Declaration && Declaration->isSingleDecl()
                        ? dyn_cast<VarDecl>(Declaration->getSingleDecl())
                        : nullptr;
  const Stmt *Body =
      Declaration ? enclosingFunctionBody(*Declaration, Context) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || Var->getType()->isReferenceType() ||
      !Body)
    return false;
  bool Lookup = true;
  forEachReference(Body, Var, [&](const Expr &Use) {
    Lookup = Lookup && servesLookupOnly(Use, ToRow, Context);
  });
  return Lookup;
}

/// Classifies a use of the nested map and spells its flat-map form.
static Use analyzeUse(const Expr &Ref, const NestedMapKeyCheck::Shape &Layout,
                      ASTContext &Context) {
  Use Result;
  Result.Where = &Ref;
  const size_t Depth = Layout.Keys.size();
  llvm::SmallVector<const Expr *, 4> Keys;
  const Expr *Cursor = &Ref;
  bool ThroughAt = false, ThroughSubscript = false;
  while (Keys.size() < Depth) {
    const Stmt *Parent = userParent(*Cursor, Context);
    if (const auto *Subscript = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
        Subscript && Subscript->getOperator() == OO_Subscript &&
        strip(Subscript->getArg(0)) == strip(Cursor)) {
      Keys.push_back(Subscript->getArg(1));
      Cursor = Subscript;
      ThroughSubscript = true;
      continue;
    }
    const CXXMemberCallExpr *Call = callOn(*Cursor, Context);
    if (Call && nameOf(Call->getMethodDecl()) == "at" &&
        Call->getNumArgs() == 1) {
      Keys.push_back(Call->getArg(0));
      Cursor = Call;
      ThroughAt = true;
      continue;
    }
    break;
  }
  const std::optional<std::string> MapText = textOf(Ref, Context);
  const std::optional<std::string> KeyTexts = joinTexts(Keys, Context);
  const bool Spellable =
      MapText && KeyTexts && !(ThroughAt && ThroughSubscript);

  if (Keys.size() == Depth) {
    // A cell: m[a][b], m.at(a).at(b).
    Result.Kind = Use::PointAccess;
    Result.Range = Cursor->getSourceRange();
    Result.Access = {Cursor, !ThroughAt};
    if (Spellable)
      Result.Rewrite = *MapText + (ThroughAt ? ".at({" : "[{") + *KeyTexts +
                       (ThroughAt ? "})" : "}]");
    return Result;
  }

  const CXXMemberCallExpr *Call = callOn(*Cursor, Context);
  const StringRef Method = Call ? nameOf(Call->getMethodDecl()) : "";
  if (Keys.empty()) {
    // The outer map itself: clear() means the same on the flat map; find()
    // and end() start the find-then-find form, a point access this check
    // does not rewrite; anything else uses the rows as groups.
    if (Method == "clear") {
      Result.Kind = Use::Neutral;
      Result.Rewrite = "";
    } else if ((Method == "find" || Method == "end") &&
               servesLookupOnly(*Call, true, Context)) {
      Result.Kind = Use::PointAccess;
    }
    return Result;
  }
  if (Keys.size() + 1 != Depth || !Call)
    return Result;

  // A member function of an innermost row, m[a].find(b) and the like.
  const bool SetRow = Layout.Value.isNull();
  llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
  std::optional<std::string> ArgTexts = joinTexts(Args, Context);
  auto Composite = [&](const Expr &Last) -> std::optional<std::string> {
    std::optional<std::string> Text = textOf(Last, Context);
    if (!Text)
      return std::nullopt;
    return "{" + *KeyTexts + ", " + *Text + "}";
  };
  std::optional<std::string> Rewrite;
  const bool OneArg = Args.size() == 1;
  // erase(iterator) removes a known element, not a key.
  const bool KeyArg =
      OneArg && !StringRef(qualifiedClassName(strip(Args[0])->getType()))
                     .ends_with("iterator");
  if ((Method == "find" || Method == "count" || Method == "contains" ||
       Method == "erase") &&
      KeyArg) {
    if (Spellable)
      if (std::optional<std::string> Key = Composite(*Args[0]))
        Rewrite = *MapText + "." + Method.str() + "(" + *Key + ")";
  } else if (Method == "end" && Args.empty()) {
    if (MapText)
      Rewrite = *MapText + ".end()";
  } else if (Method == "insert" && OneArg && SetRow) {
    if (Spellable)
      if (std::optional<std::string> Key = Composite(*Args[0]))
        Rewrite = *MapText + ".insert(" + *Key + ")";
  } else if (Method == "insert" && OneArg) {
    // A {key, value} pair, braced or from std::make_pair.
    const Expr *Pair = strip(Args[0]);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Pair);
        Construct && Construct->getNumArgs() == 1)
      Pair = strip(Construct->getArg(0));
    llvm::SmallVector<const Expr *, 2> Parts;
    if (const auto *List = dyn_cast<InitListExpr>(Pair))
      Parts.assign(List->inits().begin(), List->inits().end());
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Pair))
      Parts.assign(Construct->arguments().begin(),
                   Construct->arguments().end());
    else if (const auto *Make = dyn_cast<CallExpr>(Pair);
             Make && nameOf(Make->getDirectCallee()) == "make_pair")
      Parts.assign(Make->arguments().begin(), Make->arguments().end());
    if (Spellable && Parts.size() == 2)
      if (std::optional<std::string> Key = Composite(*Parts[0]))
        if (std::optional<std::string> Value = textOf(*Parts[1], Context))
          Rewrite = *MapText + ".insert({" + *Key + ", " + *Value + "})";
  } else if (Method == "emplace" && SetRow && OneArg) {
    if (Spellable && ArgTexts)
      Rewrite = *MapText + ".emplace(" + *KeyTexts + ", " + *ArgTexts + ")";
  } else if ((Method == "emplace" || Method == "try_emplace" ||
              Method == "insert_or_assign") &&
             !SetRow && Args.size() >= 2) {
    const std::optional<std::string> Rest =
        joinTexts(llvm::ArrayRef(Args).drop_front(), Context);
    if (Spellable && Rest)
      if (std::optional<std::string> Key = Composite(*Args[0]))
        Rewrite =
            *MapText + "." +
            (Method == "emplace" ? std::string("try_emplace") : Method.str()) +
            "(" + *Key + ", " + *Rest + ")";
  } else {
    return Result;
  }
  if ((Method == "find" || Method == "end") &&
      !servesLookupOnly(*Call, false, Context))
    return Result;
  Result.Kind = Use::PointAccess;
  Result.Range = Call->getSourceRange();
  Result.Access = {Call, mayInsert(Method)};
  if (!initializesTypedVariable(*Call, Context))
    Result.Rewrite = Rewrite;
  return Result;
}

/// The key and value types as spelled in the type \p Loc, outermost first;
/// none when it does not spell the nested template (an alias, auto).
static std::optional<std::vector<std::string>>
spelledTypes(TypeLoc Loc, const NestedMapKeyCheck::Shape &Layout,
             const ASTContext &Context) {
  std::vector<std::string> Parts;
  auto Text = [&](SourceRange Range) -> std::optional<std::string> {
    if (Range.isInvalid() || Range.getBegin().isMacroID() ||
        Range.getEnd().isMacroID())
      return std::nullopt;
    return Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                                Context.getSourceManager(),
                                Context.getLangOpts())
        .str();
  };
  for (size_t Level = 0; Level < Layout.Keys.size(); ++Level) {
    const auto Spec = Loc.getAsAdjusted<TemplateSpecializationTypeLoc>();
    const bool Leaf = Level + 1 == Layout.Keys.size();
    const unsigned Written = Leaf && Layout.Value.isNull() ? 1 : 2;
    if (!Spec || Spec.getNumArgs() != Written)
      return std::nullopt;
    std::optional<std::string> Key = Text(Spec.getArgLoc(0).getSourceRange());
    if (!Key)
      return std::nullopt;
    Parts.push_back(*Key);
    if (Written == 1)
      break;
    const TypeSourceInfo *Mapped = Spec.getArgLoc(1).getTypeSourceInfo();
    if (!Mapped)
      return std::nullopt;
    Loc = Mapped->getTypeLoc();
    if (Leaf) {
      std::optional<std::string> Value = Text(Loc.getSourceRange());
      if (!Value)
        return std::nullopt;
      Parts.push_back(*Value);
    }
  }
  return Parts;
}

/// The key and value types written for the scope of \p Decl, as they are
/// when its type names the nested template through an alias; none, with
/// \p WhyNot set, when a type cannot be named there.
static std::optional<std::vector<std::string>>
typesBehindAlias(const DeclaratorDecl &Decl,
                 const NestedMapKeyCheck::Shape &Layout,
                 const ASTContext &Context, std::string &WhyNot) {
  std::vector<QualType> Types = Layout.Keys;
  if (!Layout.Value.isNull())
    Types.push_back(Layout.Value);
  std::vector<std::string> Parts;
  for (QualType Type : Types) {
    TypeSpelling Spelled = spellType(Type, *Decl.getDeclContext(), Context);
    if (!Spelled.Text) {
      WhyNot = Spelled.WhyNot;
      return std::nullopt;
    }
    Parts.push_back(*Spelled.Text);
  }
  return Parts;
}

void NestedMapKeyCheck::onEndOfTranslationUnit() {
  if (!Candidates.empty())
    collectUserReferences(*Context, [this](const ValueDecl &Target) {
      const auto It = Candidates.find(dyn_cast<DeclaratorDecl>(&Target));
      return It == Candidates.end() ? nullptr : &It->second.Uses;
    });
  for (const auto &Entry : Candidates)
    if (Entry.second.Decl)
      diagnose(Entry.second);
  Candidates.clear();
}

static constexpr char FindingMessage[] =
    "%0 nests maps only for point access; one map keyed by %1 hashes and "
    "probes once per access and keeps no table per row";

void NestedMapKeyCheck::diagnose(const Candidate &Found) {
  const DeclaratorDecl &Decl = *Found.Decl;
  const std::optional<Shape> Layout = shapeOf(Decl.getType());
  if (!Layout || !Context)
    return;
  const SourceManager &SM = Context->getSourceManager();
  // Other translation units may use a declaration they can name: their
  // uses decide too (ProjectRewrites.h).
  const bool ProjectWide =
      projectRewriteCollector() &&
      scopeOf(Decl, SM) == DeclarationScope::Project;
  std::vector<Use> Uses;
  Uses.reserve(Found.Uses.size());
  for (const Expr *Ref : Found.Uses) {
    Uses.push_back(analyzeUse(*Ref, *Layout, *Context));
    if (Uses.back().Kind == Use::RowAccess) {
      // The rows are used as groups: the nesting is wanted.
      if (ProjectWide)
        deferProjectRewrite(getID(), Decl, {}, {},
                            RewriteBlocker{Ref->getBeginLoc(),
                                           "the rows of " + quotedName(Decl) +
                                               " are used as groups here"});
      return;
    }
  }
  const bool PointAccessed = llvm::any_of(
      Uses, [](const Use &U) { return U.Kind == Use::PointAccess; });
  if (!PointAccessed && !ProjectWide)
    return;

  const size_t Depth = Layout->Keys.size();
  // The key and value types as the declaration \p Written spells them, or
  // named where it is when it spells an alias.
  auto TypesAt = [&](TypeLoc Written, std::string &Unnameable) {
    std::optional<std::vector<std::string>> Types =
        spelledTypes(Written, *Layout, *Context);
    if (!Types && !Decl.getType()->getContainedDeducedType())
      Types = typesBehindAlias(Decl, *Layout, *Context, Unnameable);
    return Types;
  };
  auto KeyTypeOf = [&](const std::optional<std::vector<std::string>> &Types) {
    std::string KeyType = Depth == 2 ? "std::pair<" : "std::tuple<";
    for (size_t I = 0; I < Depth; ++I)
      KeyType += (I ? ", " : "") +
                 (Types ? (*Types)[I]
                        : describeType(Layout->Keys[I], *Decl.getDeclContext(),
                                       *Context));
    return KeyType + ">";
  };
  std::string WhyNot;
  const std::string KeyType =
      KeyTypeOf(Decl.getTypeSourceInfo()
                    ? TypesAt(Decl.getTypeSourceInfo()->getTypeLoc(), WhyNot)
                    : std::nullopt);
  const bool SetLeaf = Layout->Value.isNull();

  // The flat map's type for each declaration, the point accesses' keys.
  auto FlatType = [&](TypeLoc Written,
                      std::string &Text) -> std::optional<RewriteBlocker> {
    const std::string Name = quotedName(Decl);
    if (!Layout->Rewritable)
      return RewriteBlocker{Decl.getLocation(),
                            Name + " mixes container kinds or has its own "
                                   "hashing, ordering or allocator"};
    std::string Unnameable;
    const std::optional<std::vector<std::string>> Types =
        TypesAt(Written, Unnameable);
    if (!Types)
      return RewriteBlocker{Decl.getLocation(),
                            Unnameable.empty()
                                ? "the type of " + Name +
                                      " is not spelled out here"
                                : "the key or value type of " + Name +
                                      " cannot be named here: " + Unnameable};
    const std::string Key = KeyTypeOf(Types);
    if (Layout->Ordered)
      Text = SetLeaf ? "std::set<" + Key + ">"
                     : "std::map<" + Key + ", " + Types->back() + ">";
    else
      Text = Target.type(Key, SetLeaf ? "" : Types->back());
    return std::nullopt;
  };
  llvm::DenseMap<const Expr *, const Use *> UseOf;
  for (const Use &U : Uses)
    UseOf[U.Where] = &U;
  auto PointAccess =
      [&](const Expr &Ref,
          std::vector<FixItHint> &Edits) -> std::optional<RewriteBlocker> {
    const Use &U = *UseOf.lookup(&Ref);
    if (!U.Rewrite)
      return RewriteBlocker{U.Where->getBeginLoc(),
                            "this access cannot be rewritten for a single "
                            "key"};
    if (U.Kind == Use::PointAccess)
      Edits.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(U.Range), *U.Rewrite));
    return std::nullopt;
  };
  DeclarationRewritePlan Plan = planDeclarationRewrite(
      Decl, Found.Uses, FlatType, PointAccess, *Context,
      /*KeepsInitializer=*/nullptr,
      ProjectWide ? DeclarationScope::Project
                  : DeclarationScope::TranslationUnit);

  // An element kept across an insertion into a flat map that moves them.
  if (!Plan.Blocker && !Layout->Ordered &&
      Target.insertionMovesElements(SetLeaf)) {
    std::vector<ElementAccess> Accesses;
    for (const Use &U : Uses)
      if (U.Access.Result)
        Accesses.push_back(U.Access);
    if (const Expr *Kept = keptAcrossInsertion(Accesses, *Context))
      Plan.Blocker = {Kept->getBeginLoc(),
                      keptAcrossInsertionReason(Target.templateName(SetLeaf))};
  }

  std::vector<FixItHint> Fix;
  std::optional<StringRef> MissingHeader;
  if (!Plan.Blocker) {
    Fix = std::move(Plan.Edits);
    const FileID File = SM.getFileID(Decl.getLocation());
    llvm::SmallVector<StringRef, 3> Headers = {Depth == 2 ? "<utility>"
                                                          : "<tuple>"};
    if (Layout->Ordered && SetLeaf)
      Headers.push_back("<set>");
    if (!Layout->Ordered) {
      Headers.append(Target.headers(SetLeaf));
      if (std::optional<StringRef> Bundled = Target.bundledHeader(SetLeaf);
          Bundled && !Inserter.canInclude(*Bundled))
        MissingHeader = Bundled;
    }
    for (StringRef Header : Headers)
      if (auto Include = Inserter.insertion(File, Header))
        Fix.push_back(*Include);
  }
  if (ProjectWide) {
    if (MissingHeader)
      Plan.Blocker = {Decl.getLocation(),
                      missingBundledHeaderReason(*MissingHeader)};
    deferProjectRewrite(getID(), Decl,
                        PointAccessed ? ArrayRef(Decl.getLocation())
                                      : ArrayRef<SourceLocation>(),
                        Fix, Plan.Blocker);
    if (PointAccessed)
      diag(Decl.getLocation(), FindingMessage) << &Decl << KeyType;
    return;
  }
  {
    auto Diag = diag(Decl.getLocation(), FindingMessage) << &Decl << KeyType;
    if (!MissingHeader)
      Diag << Fix;
  }
  if (MissingHeader)
    diag(Decl.getLocation(), MissingBundledHeaderNote, DiagnosticIDs::Note)
        << *MissingHeader << Fix;
  if (Plan.Blocker)
    diag(Plan.Blocker->Where, "%0; no fix is offered", DiagnosticIDs::Note)
        << Plan.Blocker->Reason;
}

} // namespace clang::tidy::maptidy
