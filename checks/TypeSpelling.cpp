//===--- TypeSpelling.cpp - maptidy ---------------------------------------===//

#include "TypeSpelling.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/PrettyPrinter.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::maptidy {

namespace {
/// Leaves unwritten the scopes that enclose the insertion point.
class VisibleScopes : public PrintingCallbacks {
public:
  explicit VisibleScopes(const DeclContext &At) : At(At) {}
  bool isScopeVisible(const DeclContext *Scope) const override {
    return Scope->Encloses(&At);
  }

private:
  const DeclContext &At;
};

class Speller {
public:
  Speller(const DeclContext &At, const ASTContext &Context)
      : At(At), Scopes(At), Policy(Context.getPrintingPolicy()) {
    Policy.SuppressUnwrittenScope = true;
    Policy.SuppressTagKeyword = true;
    Policy.Callbacks = &Scopes;
  }

  /// \p Type with the qualifiers \p Outer of the sugar above it.
  std::optional<std::string> spell(QualType Type, Qualifiers Outer = {});

  std::string WhyNot;

private:
  std::optional<std::string> spellCanonical(QualType Type, Qualifiers Outer);
  std::optional<std::string> spellTemplate(const TemplateDecl &Template,
                                           ArrayRef<TemplateArgument> Args,
                                           Qualifiers Quals);
  std::optional<std::string> spellArgument(const TemplateArgument &Arg);
  bool isNameable(QualType Canonical);
  /// Whether a name declared in \p Home can be written at the insertion
  /// point: namespaces always (qualified), classes and functions only from
  /// inside.
  bool canName(const DeclContext *Home) const {
    return Home->isFileContext() || Home->Encloses(&At);
  }
  std::string qualified(const NamedDecl &Decl) const;

  const DeclContext &At;
  VisibleScopes Scopes;
  PrintingPolicy Policy;
};
} // namespace

static std::string withQualifiers(Qualifiers Quals, StringRef Name) {
  const std::string Prefix = Quals.getAsString();
  return Prefix.empty() ? Name.str() : Prefix + " " + Name.str();
}

std::string Speller::qualified(const NamedDecl &Decl) const {
  llvm::SmallVector<StringRef, 4> Namespaces;
  for (const DeclContext *Scope = Decl.getDeclContext();
       Scope && !Scope->Encloses(&At); Scope = Scope->getParent())
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Scope);
        Namespace && !Namespace->isInline() &&
        !Namespace->isAnonymousNamespace())
      Namespaces.push_back(Namespace->getName());
  std::string Name;
  for (StringRef Scope : llvm::reverse(Namespaces))
    Name += Scope.str() + "::";
  return Name + Decl.getNameAsString();
}

std::optional<std::string> Speller::spell(QualType Type, Qualifiers Outer) {
  if (Type.isNull()) {
    WhyNot = "its type is unknown";
    return std::nullopt;
  }
  const Qualifiers Quals = Outer + Type.getLocalQualifiers();
  const clang::Type *Node = Type.getTypePtr();
  if (const auto *Pointer = dyn_cast<PointerType>(Node);
      Pointer && !Pointer->getPointeeType()->isFunctionType() &&
      !Pointer->getPointeeType()->isArrayType()) {
    std::optional<std::string> Pointee = spell(Pointer->getPointeeType());
    if (!Pointee)
      return std::nullopt;
    const std::string Suffix = Quals.getAsString();
    return *Pointee + " *" + (Suffix.empty() ? "" : " " + Suffix);
  }
  if (const auto *Reference = dyn_cast<ReferenceType>(Node)) {
    std::optional<std::string> Referee = spell(Reference->getPointeeType());
    if (!Referee)
      return std::nullopt;
    return *Referee + (isa<LValueReferenceType>(Reference) ? " &" : " &&");
  }
  if (const auto *Alias = dyn_cast<TypedefType>(Node)) {
    const TypedefNameDecl *Decl = Alias->getDecl();
    if (canName(Decl->getDeclContext()))
      return withQualifiers(Quals, qualified(*Decl));
    return spell(Alias->desugar(), Quals);
  }
  if (const auto *Spec = dyn_cast<TemplateSpecializationType>(Node)) {
    const TemplateDecl *Template = Spec->getTemplateName().getAsTemplateDecl();
    if (Template && canName(Template->getDeclContext()) &&
        (Spec->isTypeAlias() || isa<ClassTemplateDecl>(Template)))
      if (std::optional<std::string> Text =
              spellTemplate(*Template, Spec->template_arguments(), Quals))
        return Text;
    if (!WhyNot.empty())
      return std::nullopt;
    if (Spec->isTypeAlias())
      return spell(Spec->getAliasedType(), Quals);
    return spellCanonical(Type, Outer);
  }
  if (const auto *Substituted = dyn_cast<SubstTemplateTypeParmType>(Node))
    return spell(Substituted->getReplacementType(), Quals);
  // Other sugar (parentheses, attributes, decltype, deduced types, using
  // declarations): what it stands for.
  if (isa<ParenType, AttributedType, MacroQualifiedType, DecltypeType,
          TypeOfType, TypeOfExprType, DeducedType, UsingType, AdjustedType>(
          Node))
    if (const QualType Underlying =
            Node->getLocallyUnqualifiedSingleStepDesugaredType();
        Underlying.getTypePtr() != Node)
      return spell(Underlying, Quals);
  return spellCanonical(Type, Outer);
}

std::optional<std::string>
Speller::spellTemplate(const TemplateDecl &Template,
                       ArrayRef<TemplateArgument> Args, Qualifiers Quals) {
  std::string Text = qualified(Template) + "<";
  bool First = true;
  for (const TemplateArgument &Arg : Args) {
    llvm::SmallVector<TemplateArgument, 1> Expanded;
    if (Arg.getKind() == TemplateArgument::Pack)
      Expanded.append(Arg.pack_begin(), Arg.pack_end());
    else
      Expanded.push_back(Arg);
    for (const TemplateArgument &Each : Expanded) {
      std::optional<std::string> Spelled = spellArgument(Each);
      if (!Spelled)
        return std::nullopt;
      Text += (First ? "" : ", ") + *Spelled;
      First = false;
    }
  }
  return withQualifiers(Quals, Text + ">");
}

std::optional<std::string> Speller::spellArgument(const TemplateArgument &Arg) {
  if (Arg.getKind() == TemplateArgument::Type)
    return spell(Arg.getAsType());
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Arg.print(Policy, OS, /*IncludeType=*/true);
  return Text;
}

std::optional<std::string> Speller::spellCanonical(QualType Type,
                                                   Qualifiers Outer) {
  QualType Canonical = Type.getCanonicalType();
  if (!isNameable(Canonical))
    return std::nullopt;
  Canonical.addFastQualifiers(Outer.getFastQualifiers());
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Canonical.print(OS, Policy);
  return Text;
}

bool Speller::isNameable(QualType Canonical) {
  const clang::Type *Node = Canonical.getTypePtr();
  if (const QualType Pointee = Node->getPointeeType(); !Pointee.isNull())
    return isNameable(Pointee);
  if (const auto *Array = dyn_cast<ArrayType>(Node))
    return isNameable(Array->getElementType());
  if (const auto *Function = dyn_cast<FunctionProtoType>(Node))
    return isNameable(Function->getReturnType()) &&
           llvm::all_of(Function->param_types(),
                        [&](QualType Param) { return isNameable(Param); });
  const TagDecl *Tag = Node->getAsTagDecl();
  if (!Tag)
    return true;
  if (const auto *Record = dyn_cast<CXXRecordDecl>(Tag);
      Record && Record->isLambda())
    WhyNot = "it involves a lambda's closure type, which has no name";
  else if (!Tag->getIdentifier() && !Tag->getTypedefNameForAnonDecl())
    WhyNot = "it involves an unnamed type";
  else if (const DeclContext *Function = Tag->getParentFunctionOrMethod();
           Function && !Function->Encloses(&At))
    WhyNot = "it involves '" + Tag->getNameAsString() +
             "', a class local to another function";
  if (!WhyNot.empty())
    return false;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Tag))
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
      if (Arg.getKind() == TemplateArgument::Type &&
          !isNameable(Arg.getAsType().getCanonicalType()))
        return false;
      if (Arg.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &Packed : Arg.pack_elements())
          if (Packed.getKind() == TemplateArgument::Type &&
              !isNameable(Packed.getAsType().getCanonicalType()))
            return false;
    }
  return true;
}

TypeSpelling spellType(QualType Type, const DeclContext &At,
                       const ASTContext &Context) {
  Speller Writer(At, Context);
  TypeSpelling Result;
  Result.Text = Writer.spell(Type);
  if (!Result.Text)
    Result.WhyNot = Writer.WhyNot;
  return Result;
}

std::string describeType(QualType Type, const DeclContext &At,
                         const ASTContext &Context) {
  return spellType(Type, At, Context)
      .Text.value_or(Type.getAsString(Context.getPrintingPolicy()));
}

} // namespace clang::tidy::maptidy
