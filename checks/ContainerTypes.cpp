//===--- ContainerTypes.cpp - maptidy -------------------------------------===//

#include "ContainerTypes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::maptidy {

static const CXXRecordDecl *recordOf(QualType Type) {
  Type = Type.getNonReferenceType();
  if (const auto *Record = Type->getAsCXXRecordDecl())
    return Record;
  // A dependent specialization such as std::vector<T> inside a template.
  if (const auto *Spec = Type->getAs<TemplateSpecializationType>())
    if (const auto *Template = Spec->getTemplateName().getAsTemplateDecl())
      return dyn_cast_or_null<CXXRecordDecl>(Template->getTemplatedDecl());
  return nullptr;
}

std::string qualifiedClassName(QualType Type) {
  const CXXRecordDecl *Record = recordOf(Type);
  if (!Record)
    return {};
  llvm::SmallVector<StringRef, 4> Parts;
  for (const DeclContext *Context = Record; Context;
       Context = Context->getParent()) {
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Context)) {
      if (!Namespace->isInline())
        Parts.push_back(Namespace->getName());
    } else if (const auto *Named = dyn_cast<NamedDecl>(Context)) {
      Parts.push_back(Named->getName());
    }
  }
  // Boost.Unordered declares its containers in boost::unordered and exports
  // them to boost with using-declarations: boost::unordered_map is the name
  // code and options use.
  if (Parts.size() == 3 && Parts[2] == "boost" && Parts[1] == "unordered")
    Parts.erase(Parts.begin() + 1);
  std::string Name;
  for (StringRef Part : llvm::reverse(Parts)) {
    Name += "::";
    Name += Part;
  }
  return Name;
}

bool isClassNamed(QualType Type, llvm::ArrayRef<std::string> Names) {
  const std::string Name = qualifiedClassName(Type);
  if (Name.empty())
    return false;
  return llvm::any_of(Names, [&](StringRef Candidate) {
    Candidate.consume_front("::");
    return StringRef(Name).drop_front(2) == Candidate;
  });
}

bool isStdSizedContainer(QualType Type) {
  static const std::vector<std::string> Names = {
      "std::vector",        "std::deque",
      "std::list",          "std::array",
      "std::basic_string",  "std::basic_string_view",
      "std::span",          "std::initializer_list",
      "std::map",           "std::multimap",
      "std::set",           "std::multiset",
      "std::unordered_map", "std::unordered_multimap",
      "std::unordered_set", "std::unordered_multiset"};
  return isClassNamed(Type, Names);
}

QualType firstTemplateArgument(QualType Type) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Spec->getTemplateArgs()[0].getAsType();
}

const CXXMethodDecl *findReserveMethod(QualType Type) {
  const CXXRecordDecl *Record = recordOf(Type);
  if (!Record || !Record->hasDefinition())
    return nullptr;
  Record = Record->getDefinition();
  const CXXMethodDecl *Found = nullptr;
  auto Consider = [&](const CXXRecordDecl *Class) {
    for (const auto *Method : Class->methods())
      if (Method->getDeclName().isIdentifier() &&
          Method->getName() == "reserve" && Method->getNumParams() == 1 &&
          Method->getAccess() != AS_private &&
          Method->getAccess() != AS_protected)
        Found = Method;
    return Found == nullptr;
  };
  if (Consider(Record))
    Record->forallBases(Consider);
  return Found;
}

bool usesDefaultPolicies(const ClassTemplateSpecializationDecl &Spec,
                         unsigned FirstPolicy) {
  static const std::vector<std::string> Defaults = {
      "::std::less", "::std::hash", "::std::equal_to", "::std::allocator"};
  const TemplateArgumentList &Args = Spec.getTemplateArgs();
  for (unsigned I = FirstPolicy; I < Args.size(); ++I)
    if (Args[I].getKind() != TemplateArgument::Type ||
        !isClassNamed(Args[I].getAsType(), Defaults))
      return false;
  return true;
}

std::vector<std::string> parseClassList(StringRef Value) {
  llvm::SmallVector<StringRef, 8> Items;
  Value.split(Items, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::vector<std::string> Names;
  for (StringRef Item : Items)
    if (!Item.trim().empty())
      Names.push_back(Item.trim().str());
  return Names;
}

} // namespace clang::tidy::maptidy
