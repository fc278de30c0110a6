//===--- ConcatenatedMapKeyCheck.cpp - maptidy ----------------------------===//

#include "ConcatenatedMapKeyCheck.h"
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

using namespace clang::ast_matchers;

namespace clang::tidy::maptidy {

namespace {
AST_MATCHER_P(ValueDecl, hasStringKeyedType, const ConcatenatedMapKeyCheck *,
              Check) {
  return Check->isStringKeyed(Node.getType());
}

/// A key built at the call from parts and constant separators.
struct BuiltKey {
  enum { Concatenated, Formatted, Streamed } Form = Concatenated;
  /// The non-constant parts and the type each has in a pair or tuple key;
  /// a null type for strings, which become std::string.
  std::vector<std::pair<const Expr *, QualType>> Parts;
  /// Part types and separators in order: equal for keys of the same shape.
  std::string Signature;
  /// Part types in order: equal for keys built from the same parts.
  std::string PartTypes;
  /// Every part has an exact representation in a pair or tuple key.
  bool Rewritable = true;
};

/// A use of a string-keyed map. Handed: the map is passed, returned, copied
/// or bound to a reference or pointer, where it may be accessed by whole
/// strings.
struct MapUse {
  enum { Lookup, Neutral, Handed, Other } Kind = Other;
  const Expr *KeyArgument = nullptr;
  std::optional<BuiltKey> Key;
  /// The member function called, for a call on the map.
  StringRef Method;
  const Expr *Where = nullptr;
  /// For a lookup: the element, iterator or insert result it yields.
  ElementAccess Access;
};
} // namespace

static const Expr *unwrapCopy(const Expr *E) {
  E = strip(E);
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1)
    return strip(Construct->getArg(0));
  return E;
}

static bool isStringLike(QualType Type) {
  static const std::vector<std::string> Strings = {"::std::basic_string",
                                                   "::std::basic_string_view"};
  Type = Type.getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    return Pointer->getPointeeType()->isCharType();
  if (Type->isArrayType())
    return Type->getArrayElementTypeNoTypeQual()->isCharType();
  return isClassNamed(Type, Strings);
}

static bool isInNamespace(const FunctionDecl &Function, StringRef Name) {
  const DeclContext *Context = Function.getDeclContext();
  while (Context && (!Context->isNamespace() || Context->isInlineNamespace()))
    Context = Context->getParent();
  const auto *Namespace = dyn_cast_or_null<NamespaceDecl>(Context);
  return Namespace && Namespace->getName() == Name &&
         Namespace->getParent()->getRedeclContext()->isTranslationUnit();
}

/// Adds a non-constant part of the key: strings, characters, integers
/// (also through std::to_string).
static void addPart(BuiltKey &Key, const Expr *Part, ASTContext &Context) {
  Part = unwrapCopy(Part);
  if (const auto *Call = dyn_cast<CallExpr>(Part);
      Call && Call->getDirectCallee() && Call->getNumArgs() == 1 &&
      nameOf(Call->getDirectCallee()) == "to_string" &&
      Call->getDirectCallee()->isInStdNamespace())
    Part = strip(Call->getArg(0));
  const QualType Type = Part->getType().getNonReferenceType();
  QualType KeyPart;
  if (isStringLike(Type)) {
    KeyPart = QualType();
  } else if (Type->isAnyCharacterType()) {
    KeyPart = Context.CharTy;
  } else if (Type->isIntegerType() && !Type->isBooleanType() &&
             !Type->isEnumeralType()) {
    KeyPart = Type.getUnqualifiedType();
  } else {
    // Floating-point text rounds: a pair key would tell apart values the
    // string key merges.
    Key.Rewritable = false;
    KeyPart = Type.getUnqualifiedType();
  }
  const std::string PartType =
      "#" + (KeyPart.isNull() ? std::string("std::string")
                              : KeyPart.getCanonicalType().getAsString());
  Key.Signature += PartType;
  Key.PartTypes += PartType;
  Key.Parts.emplace_back(Part, KeyPart);
}

static void addSeparator(BuiltKey &Key, StringRef Text) {
  Key.Signature += "'" + Text.str() + "'";
}

static void flattenSum(const Expr *E,
                       llvm::SmallVectorImpl<const Expr *> &Leaves) {
  E = unwrapCopy(E);
  if (const auto *Plus = dyn_cast<CXXOperatorCallExpr>(E);
      Plus && Plus->getOperator() == OO_Plus && Plus->getNumArgs() == 2) {
    flattenSum(Plus->getArg(0), Leaves);
    flattenSum(Plus->getArg(1), Leaves);
    return;
  }
  Leaves.push_back(E);
}

/// A string or character literal separates parts; anything else is a part.
static void addLeaf(BuiltKey &Key, const Expr *Leaf, ASTContext &Context) {
  if (const auto *Literal = dyn_cast<StringLiteral>(Leaf))
    addSeparator(Key, Literal->getString());
  else if (const auto *Character = dyn_cast<CharacterLiteral>(Leaf))
    addSeparator(Key, std::string(1, static_cast<char>(Character->getValue())));
  else
    addPart(Key, Leaf, Context);
}

/// The parts streamed into the local std::ostringstream \p Stream before
/// its str() is taken. None when the stream is rewound with str(s): it then
/// builds several keys in turn, and which parts make which key is not
/// followed.
static void addStreamedParts(BuiltKey &Key, const VarDecl &Stream,
                             ASTContext &Context) {
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(Stream.getParentFunctionOrMethod());
  if (!Function)
    return;
  bool Rewound = false;
  forEachReference(Function->getBody(), &Stream, [&](const Expr &Ref) {
    if (const auto *Member =
            dyn_cast_or_null<MemberExpr>(userParent(Ref, Context)))
      if (const auto *Call =
              dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(*Member, Context));
          Call && nameOf(Call->getMethodDecl()) == "str" &&
          Call->getNumArgs() == 1)
        Rewound = true;
    const Expr *Cursor = &Ref;
    while (const auto *Shift = dyn_cast_or_null<CXXOperatorCallExpr>(
               userParent(*Cursor, Context))) {
      if (Shift->getOperator() != OO_LessLess ||
          strip(Shift->getArg(0)) != strip(Cursor))
        break;
      addLeaf(Key, strip(Shift->getArg(1)), Context);
      Cursor = Shift;
    }
  });
  if (Rewound)
    Key.Parts.clear();
}

/// The key \p E builds from two or more non-constant parts, if it does.
static std::optional<BuiltKey> builtKey(const Expr *E, ASTContext &Context) {
  E = unwrapCopy(E);
  BuiltKey Key;
  if (const auto *Plus = dyn_cast<CXXOperatorCallExpr>(E);
      Plus && Plus->getOperator() == OO_Plus) {
    llvm::SmallVector<const Expr *, 6> Leaves;
    flattenSum(E, Leaves);
    for (const Expr *Leaf : Leaves)
      addLeaf(Key, Leaf, Context);
  } else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && Call->getDirectCallee() && Call->getNumArgs() >= 3 &&
             nameOf(Call->getDirectCallee()) == "format" &&
             (isInNamespace(*Call->getDirectCallee(), "std") ||
              isInNamespace(*Call->getDirectCallee(), "fmt"))) {
    Key.Form = BuiltKey::Formatted;
    const Expr *Format = unwrapCopy(Call->getArg(0));
    const auto *Literal = dyn_cast<StringLiteral>(Format);
    StringRef Pattern = Literal ? Literal->getString() : StringRef();
    Key.Rewritable &= Literal != nullptr;
    for (unsigned I = 1; I < Call->getNumArgs(); ++I) {
      const auto [Before, After] = Pattern.split("{}");
      Key.Rewritable &= Before.find_first_of("{}") == StringRef::npos;
      addSeparator(Key, Before);
      addPart(Key, Call->getArg(I), Context);
      Pattern = After;
    }
    Key.Rewritable &= Pattern.find_first_of("{}") == StringRef::npos;
    addSeparator(Key, Pattern);
  } else if (const auto *Str = dyn_cast<CXXMemberCallExpr>(E);
             Str && nameOf(Str->getMethodDecl()) == "str" &&
             isClassNamed(
                 Str->getImplicitObjectArgument()->getType(),
                 {"::std::basic_ostringstream", "::std::basic_stringstream"})) {
    Key.Form = BuiltKey::Streamed;
    const auto *Ref =
        dyn_cast<DeclRefExpr>(strip(Str->getImplicitObjectArgument()));
    const auto *Stream = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Stream && Stream->isLocalVarDecl())
      addStreamedParts(Key, *Stream, Context);
  }
  if (Key.Parts.size() < 2)
    return std::nullopt;
  return Key;
}

static MapUse analyzeUse(const Expr &Ref, ASTContext &Context) {
  MapUse Use;
  Use.Where = &Ref;
  const Stmt *Parent = userParent(Ref, Context);
  if (const auto *Subscript = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
      Subscript && Subscript->getOperator() == OO_Subscript &&
      strip(Subscript->getArg(0)) == strip(&Ref)) {
    Use.Kind = MapUse::Lookup;
    Use.KeyArgument = Subscript->getArg(1);
    Use.Access = {Subscript, true};
  } else if (const auto *Member = dyn_cast_or_null<MemberExpr>(Parent)) {
    const auto *Call =
        dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(*Member, Context));
    const StringRef Method = Call ? nameOf(Call->getMethodDecl()) : "";
    Use.Method = Method;
    static const llvm::StringSet<> Keyed = {
        "find",    "count",       "contains",         "at",    "erase",
        "emplace", "try_emplace", "insert_or_assign", "insert"};
    static const llvm::StringSet<> Neutral = {"size", "empty", "clear", "end",
                                              "reserve"};
    if (Call && Keyed.contains(Method) && Call->getNumArgs() >= 1 &&
        !StringRef(qualifiedClassName(strip(Call->getArg(0))->getType()))
             .ends_with("iterator")) {
      Use.Kind = MapUse::Lookup;
      Use.KeyArgument = Call->getArg(0);
      Use.Access = {Call, mayInsert(Method)};
    } else if (Call && Neutral.contains(Method)) {
      Use.Kind = MapUse::Neutral;
    }
  } else if (isa_and_nonnull<CallExpr, ReturnStmt>(Parent) ||
             (isa_and_nonnull<UnaryOperator>(Parent) &&
              cast<UnaryOperator>(Parent)->getOpcode() == UO_AddrOf) ||
             isa_and_nonnull<CXXConstructExpr, DeclStmt>(Parent)) {
    Use.Kind = MapUse::Handed;
  }
  if (Use.KeyArgument)
    Use.Key = builtKey(Use.KeyArgument, Context);
  return Use;
}

bool ConcatenatedMapKeyCheck::isStringKeyed(QualType Type) const {
  const QualType Key = firstTemplateArgument(Type);
  return !Key.isNull() &&
         (isClassNamed(Type, MapClasses) || isClassNamed(Type, SetClasses)) &&
         isClassNamed(Key, {"::std::basic_string"});
}

ConcatenatedMapKeyCheck::ConcatenatedMapKeyCheck(StringRef Name,
                                                 ClangTidyContext *Context)
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

void ConcatenatedMapKeyCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MapClasses", llvm::join(MapClasses, ";"));
  Options.store(Opts, "SetClasses", llvm::join(SetClasses, ";"));
  Options.store(Opts, "UnorderedMapTarget", Target.name());
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void ConcatenatedMapKeyCheck::registerPPCallbacks(const SourceManager &,
                                                  Preprocessor *PP,
                                                  Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void ConcatenatedMapKeyCheck::registerMatchers(MatchFinder *Finder) {
  const auto Keyed = hasStringKeyedType(this);
  // The declarations only: their uses are collected at the end of the unit.
  Finder->addMatcher(varDecl(Keyed, isNotAlias(), isInUserCode()).bind("decl"),
                     this);
  Finder->addMatcher(
      fieldDecl(Keyed, isNotAlias(), isInUserCode()).bind("decl"), this);
}

void ConcatenatedMapKeyCheck::analyze(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  const auto *Decl = Result.Nodes.getNodeAs<DeclaratorDecl>("decl");
  const auto *Canonical = cast<DeclaratorDecl>(Decl->getCanonicalDecl());
  Candidates[Canonical].Decl = Canonical;
}

void ConcatenatedMapKeyCheck::onEndOfTranslationUnit() {
  if (!Candidates.empty())
    collectUserReferences(*Context, [this](const ValueDecl &Target) {
      const auto It = Candidates.find(&Target);
      return It == Candidates.end() ? nullptr : &It->second.Uses;
    });
  for (const auto &Entry : Candidates)
    diagnose(*Entry.first, Entry.second);
  Candidates.clear();
}

namespace {
/// The re-keyed declaration's type.
struct RekeyedType {
  std::string Text;
  /// An unordered container, which becomes the UnorderedMapTarget's.
  bool Unordered;
  bool Set;
};
} // namespace

/// `std::map<Key, V>` or the unordered target for a declaration of \p Type
/// written as \p Written, when that spells a standard container with
/// default policies.
static std::optional<RekeyedType> rekeyedType(QualType Type, TypeLoc Written,
                                              StringRef KeyType,
                                              const CompositeKeyTarget &Target,
                                              const ASTContext &Context) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type->getAsCXXRecordDecl());
  if (!Spec)
    return std::nullopt;
  const std::string Family = qualifiedClassName(Type);
  const bool Ordered = Family == "::std::map" || Family == "::std::set";
  const bool IsMap = Family == "::std::map" || Family == "::std::unordered_map";
  if ((!Ordered && Family != "::std::unordered_map" &&
       Family != "::std::unordered_set") ||
      !usesDefaultPolicies(*Spec, IsMap ? 2 : 1))
    return std::nullopt;
  const auto Loc = Written.getAsAdjusted<TemplateSpecializationTypeLoc>();
  if (!Loc || Loc.getNumArgs() != (IsMap ? 2u : 1u))
    return std::nullopt;
  std::string Value;
  if (IsMap) {
    const SourceRange Range = Loc.getArgLoc(1).getSourceRange();
    if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
      return std::nullopt;
    Value = Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                                 Context.getSourceManager(),
                                 Context.getLangOpts())
                .str();
  }
  std::string Text = Ordered
                         ? StringRef(Family).drop_front(2).str() + "<" +
                               KeyType.str() + (IsMap ? ", " + Value : "") + ">"
                         : Target.type(KeyType, Value);
  return RekeyedType{Text, !Ordered, !IsMap};
}

/// The pair or tuple of the parts of \p Shape as a type written in \p At.
static TypeSpelling keyTypeAt(const BuiltKey &Shape, const DeclContext &At,
                              const ASTContext &Context) {
  std::string Key = Shape.Parts.size() == 2 ? "std::pair<" : "std::tuple<";
  for (const auto &Part : Shape.Parts) {
    const QualType Type = Part.second;
    TypeSpelling Spelled = Type.isNull() ? TypeSpelling{"std::string", ""}
                                         : spellType(Type, At, Context);
    if (!Spelled.Text)
      return Spelled;
    Key += (Key.back() == '<' ? "" : ", ") + *Spelled.Text;
  }
  return TypeSpelling{Key + ">", ""};
}

void ConcatenatedMapKeyCheck::diagnose(const ValueDecl &Map,
                                       const Candidate &Found) {
  if (!Context)
    return;
  std::vector<MapUse> Uses;
  for (const Expr *Ref : Found.Uses)
    Uses.push_back(analyzeUse(*Ref, *Context));
  // Other translation units may use a map they can name: their uses decide
  // too (ProjectRewrites.h).
  const bool ProjectWide =
      projectRewriteCollector() &&
      scopeOf(*Found.Decl, Context->getSourceManager()) ==
          DeclarationScope::Project;
  auto DeferBlocked = [&](const MapUse &Use) {
    if (ProjectWide)
      deferProjectRewrite(getID(), *Found.Decl, {}, {},
                          RewriteBlocker{Use.Where->getBeginLoc(),
                                         quotedName(*Found.Decl) +
                                             " is used with a whole key here"});
  };
  const auto First = llvm::find_if(
      Uses, [](const MapUse &Use) { return Use.Key.has_value(); });
  if (First == Uses.end()) {
    const auto Keyed = llvm::find_if(
        Uses, [](const MapUse &Use) { return Use.Kind != MapUse::Neutral; });
    if (Keyed != Uses.end())
      DeferBlocked(*Keyed);
    else if (ProjectWide)
      deferProjectRewrite(getID(), *Found.Decl, {}, {}, std::nullopt);
    return;
  }

  const BuiltKey &Shape = *First->Key;
  // The message says "on every access": a key used whole anywhere (looked up
  // by a string, or where the map is handed on), or built from other parts,
  // would have to be split or joined there.
  if (const auto Whole = llvm::find_if(Uses,
                                       [&](const MapUse &Use) {
                                         return Use.Kind == MapUse::Handed ||
                                                (Use.Kind == MapUse::Lookup &&
                                                 (!Use.Key ||
                                                  Use.Key->PartTypes !=
                                                      Shape.PartTypes));
                                       });
      Whole != Uses.end()) {
    DeferBlocked(*Whole);
    return;
  }
  const TypeSpelling DeclaredKey =
      keyTypeAt(Shape, *Map.getDeclContext(), *Context);
  const std::string KeyType =
      DeclaredKey.Text.value_or("a pair or tuple of the parts");

  // The fix re-keys the declaration and every access at once; it goes on the
  // first finding so that applying one quick fix leaves code that compiles.
  const SourceManager &SM = Context->getSourceManager();
  std::optional<RekeyedType> Declaration;
  auto Rekeyed = [&](TypeLoc Written,
                     std::string &Text) -> std::optional<RewriteBlocker> {
    if (Shape.Form == BuiltKey::Streamed)
      return RewriteBlocker{First->KeyArgument->getBeginLoc(),
                            "the key is streamed in other statements"};
    if (!Shape.Rewritable)
      return RewriteBlocker{First->KeyArgument->getBeginLoc(),
                            "a key of these parts would tell apart values "
                            "that the string merges"};
    if (!DeclaredKey.Text)
      return RewriteBlocker{Map.getLocation(),
                            "the key type cannot be written there: " +
                                DeclaredKey.WhyNot};
    if (!(Declaration =
              rekeyedType(Map.getType(), Written, KeyType, Target, *Context)))
      return RewriteBlocker{Map.getLocation(),
                            "the type of " + quotedName(*Found.Decl) +
                                " is not a standard container spelled out "
                                "here"};
    Text = Declaration->Text;
    return std::nullopt;
  };
  llvm::DenseMap<const Expr *, const MapUse *> UseOf;
  for (const MapUse &Use : Uses)
    UseOf[Use.Where] = &Use;
  auto Rekey =
      [&](const Expr &Ref,
          std::vector<FixItHint> &Edits) -> std::optional<RewriteBlocker> {
    const MapUse &Use = *UseOf.lookup(&Ref);
    if (Use.Kind == MapUse::Neutral)
      return std::nullopt;
    // Members that take no key or hand out nodes or buckets (merge,
    // extract, bucket) have no rewrite.
    if (Use.Kind == MapUse::Other && !Use.Method.empty())
      return RewriteBlocker{Use.Where->getBeginLoc(),
                            "'" + Use.Method.str() +
                                "' is not rewritten for a key of parts"};
    std::optional<std::string> Parts;
    if (Use.Key && Use.Key->Rewritable &&
        Use.Key->Signature == Shape.Signature) {
      Parts = "";
      for (const auto &[Part, Type] : Use.Key->Parts) {
        std::optional<std::string> Text = textOf(*Part, *Context);
        if (!Text) {
          Parts.reset();
          break;
        }
        *Parts += (Parts->empty() ? "" : ", ") + *Text;
      }
    }
    if (!Parts)
      return RewriteBlocker{Use.Where->getBeginLoc(),
                            "this use does not build its key the same way"};
    // emplace deduces its arguments and cannot take a braced key: it gets
    // the key type as named where it is called.
    std::string Key = "{" + *Parts + "}";
    if (Use.Method == "emplace") {
      const DeclContext *At = enclosingDeclContext(*Use.Where, *Context);
      const TypeSpelling Here =
          At ? keyTypeAt(Shape, *At, *Context) : TypeSpelling{};
      if (!Here.Text)
        return RewriteBlocker{Use.Where->getBeginLoc(),
                              "the key type cannot be written here: " +
                                  Here.WhyNot};
      Key = *Here.Text + "(" + *Parts + ")";
    }
    Edits.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Use.KeyArgument->getSourceRange()),
        Key));
    return std::nullopt;
  };
  DeclarationRewritePlan Plan = planDeclarationRewrite(
      *Found.Decl, Found.Uses, Rekeyed, Rekey, *Context,
      /*KeepsInitializer=*/nullptr,
      ProjectWide ? DeclarationScope::Project
                  : DeclarationScope::TranslationUnit);
  std::optional<RewriteBlocker> &Blocker = Plan.Blocker;
  if (!Blocker && Declaration->Unordered &&
      Target.insertionMovesElements(Declaration->Set)) {
    std::vector<ElementAccess> Accesses;
    for (const MapUse &Use : Uses)
      if (Use.Access.Result)
        Accesses.push_back(Use.Access);
    if (const Expr *Kept = keptAcrossInsertion(Accesses, *Context))
      Blocker = {
          Kept->getBeginLoc(),
          keptAcrossInsertionReason(Target.templateName(Declaration->Set))};
  }
  std::vector<FixItHint> Fixes = std::move(Plan.Edits);

  // The fix-it, on the first finding, or on a note when it needs maptidy's
  // header and the file cannot include it.
  std::optional<StringRef> MissingHeader;
  if (!Blocker) {
    const FileID File = SM.getFileID(Found.Decl->getLocation());
    llvm::SmallVector<StringRef, 3> Headers = {
        Shape.Parts.size() == 2 ? "<utility>" : "<tuple>"};
    if (Declaration->Unordered) {
      Headers.append(Target.headers(Declaration->Set));
      if (std::optional<StringRef> Bundled =
              Target.bundledHeader(Declaration->Set);
          Bundled && !Inserter.canInclude(*Bundled))
        MissingHeader = Bundled;
    }
    for (StringRef Header : Headers)
      if (auto Include = Inserter.insertion(File, Header))
        Fixes.push_back(*Include);
  }
  if (ProjectWide) {
    std::vector<SourceLocation> Findings;
    for (const MapUse &Use : Uses)
      if (Use.Key)
        Findings.push_back(Use.KeyArgument->getBeginLoc());
    if (MissingHeader)
      Blocker = {Found.Decl->getLocation(),
                 missingBundledHeaderReason(*MissingHeader)};
    // Units that build the key differently would merge keys the strings
    // tell apart: they must agree on its shape.
    deferProjectRewrite(getID(), *Found.Decl, Findings, Fixes, Blocker,
                        Shape.Signature);
    Blocker.reset();
    MissingHeader.reset();
  }
  for (const MapUse &Use : Uses) {
    if (!Use.Key)
      continue;
    static const char *const Forms[] = {"concatenated", "formatted",
                                        "streamed"};
    {
      auto Diag = diag(Use.KeyArgument->getBeginLoc(),
                       "the key of %0 is %1 from %2 parts on every access; "
                       "key it by %3 to avoid building a string each time")
                  << &Map << Forms[Use.Key->Form]
                  << static_cast<unsigned>(Use.Key->Parts.size()) << KeyType;
      if (&Use == &*First && !Blocker && !MissingHeader && !ProjectWide)
        Diag << Fixes;
    }
    if (&Use == &*First && Blocker)
      diag(Blocker->Where, "%0; no fix is offered", DiagnosticIDs::Note)
          << Blocker->Reason;
    if (&Use == &*First && MissingHeader)
      diag(Found.Decl->getLocation(), MissingBundledHeaderNote,
           DiagnosticIDs::Note)
          << *MissingHeader << Fixes;
  }
}

} // namespace clang::tidy::maptidy
