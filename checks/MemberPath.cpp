//===--- MemberPath.cpp - maptidy -----------------------------------------===//

#include "MemberPath.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "ThreadSharing.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::maptidy {

/// The std::shared_ptr or std::unique_ptr that \p Type is, if so.
static const ClassTemplateSpecializationDecl *smartPointer(QualType Type) {
  const auto *Pointer = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  return isStdNamed(Pointer, {"shared_ptr", "unique_ptr"}) &&
                 Pointer->getTemplateArgs().size() >= 1 &&
                 Pointer->getTemplateArgs()[0].getKind() ==
                     TemplateArgument::Type
             ? Pointer
             : nullptr;
}

bool isPointerLike(QualType Type) {
  return Type.getNonReferenceType()->isPointerType() || smartPointer(Type);
}

const CXXRecordDecl *pointeeRecord(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  else if (const auto *Pointer = smartPointer(Type))
    Type = Pointer->getTemplateArgs()[0].getAsType();
  return Type->getAsCXXRecordDecl();
}

const CXXRecordDecl *mutexHolder(llvm::ArrayRef<QualType> Types,
                                 const LockVocabulary &Vocabulary) {
  for (QualType Type : Types) {
    const CXXRecordDecl *Record = pointeeRecord(Type);
    if (Record && (Record = Record->getDefinition()) &&
        llvm::any_of(Record->fields(), [&](const FieldDecl *Field) {
          return Vocabulary.isMutex(Field->getType());
        }))
      return Record;
  }
  return nullptr;
}

std::optional<MemberPath> mapPathFrom(const Expr &Root,
                                      llvm::function_ref<bool(QualType)> Select,
                                      ASTContext &Context) {
  MemberPath Path{{}, nullptr, nullptr, false};
  const Expr *Current = &Root;
  QualType Hop = Root.getType();
  for (;;) {
    const Stmt *Parent = userParent(*Current, Context);
    // `p->` and `*p` on a smart pointer, `*p` on a raw one.
    if (const auto *Deref = dyn_cast_or_null<Expr>(Parent);
        Deref && dereferencedOperand(*Deref) == Current) {
      Current = Deref;
      continue;
    }
    const auto *Member = dyn_cast_or_null<MemberExpr>(Parent);
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!Field || strip(Member->getBase()) != Current)
      return std::nullopt;
    Path.ThroughPointer |= !Path.Fields.empty() && isPointerLike(Hop);
    Path.Fields.push_back(Field);
    Path.Member = Member;
    Hop = Field->getType().getNonReferenceType();
    if (Select(Hop)) {
      Path.Use = Member;
      return Path;
    }
    if (isSharedPointerTo(Hop, Select)) {
      // A copy of the pointer touches no map.
      const Expr &Use = objectUse(*Member, Context);
      if (&Use == Member)
        return std::nullopt;
      Path.Use = &Use;
      Path.ThroughPointer = true;
      return Path;
    }
    if (!pointeeRecord(Hop))
      return std::nullopt;
    Current = Member;
  }
}

std::string spellPath(QualType RootType,
                      llvm::ArrayRef<const FieldDecl *> Fields,
                      llvm::StringRef RootName) {
  std::string Text = RootName.str();
  QualType Hop = RootType;
  for (const FieldDecl *Field : Fields) {
    if (!Text.empty())
      Text += isPointerLike(Hop) ? "->" : ".";
    Text += Field->getName();
    Hop = Field->getType();
  }
  return Text;
}

} // namespace clang::tidy::maptidy
