//===--- MemberPath.h - maptidy -------------------------------------------===//
//
// Maps reached from an object through members: `obj.a.b`, `p->m`, `(*p).m`,
// `sp->m` through smart pointers, `this->stats_.byRoute`. The object at the
// root and the members on the way name one map wherever the root is the
// same object, which is how the race check follows maps held in structs.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_MEMBERPATH_H
#define MAPTIDY_CHECKS_MEMBERPATH_H

#include "LockVocabulary.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::maptidy {

/// The members from a root object to a map, outermost first.
using MemberFields = llvm::SmallVector<const FieldDecl *, 2>;

/// A map reached through members.
struct MemberPath {
  MemberFields Fields;
  /// The member naming the map (the last of Fields).
  const MemberExpr *Member;
  /// The use of the map: \p Member, or `*p` or `p->` when the last member
  /// is a std::shared_ptr to the map.
  const Expr *Use;
  /// A member on the way is a pointer: copies of the root share the map.
  bool ThroughPointer;
};

/// Whether \p Type is a raw pointer, std::shared_ptr or std::unique_ptr.
bool isPointerLike(QualType Type);

/// The map that \p Root (a variable reference or `this`) reaches through
/// members and dereferences, whose type \p Select accepts; none when
/// \p Root is not the start of such a path, or the path only copies a
/// pointer to the map.
std::optional<MemberPath> mapPathFrom(const Expr &Root,
                                      llvm::function_ref<bool(QualType)> Select,
                                      ASTContext &Context);

/// \p Fields as written after a root of type \p RootType, separated by `.`
/// or `->` as each member is reached: `stats_.byRoute`, `impl_->cache_`;
/// after a root named \p RootName, `state->depthOf`.
std::string spellPath(QualType RootType,
                      llvm::ArrayRef<const FieldDecl *> Fields,
                      llvm::StringRef RootName = "");

/// The class \p Type is, or points to (raw or smart pointer).
const CXXRecordDecl *pointeeRecord(QualType Type);

/// The definition of the first class, of those \p Types are or point to,
/// that holds a mutex member: on the way to a map, its mutex is the one
/// that guards the map.
const CXXRecordDecl *mutexHolder(llvm::ArrayRef<QualType> Types,
                                 const LockVocabulary &Vocabulary);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_MEMBERPATH_H
