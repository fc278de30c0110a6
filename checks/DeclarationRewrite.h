//===--- DeclarationRewrite.h - maptidy -----------------------------------===//
//
// The one planner for fix-its that change the declared type of a variable or
// member and rewrite its uses to the new type's API. The check supplies the
// new type and the rewrite of each use; the planner answers what is common to
// all such fixes:
//
// - where the declaration is visible (this translation unit, the project, or
//   beyond), and refuses declarations visible beyond the reach it is given;
// - every redeclaration (a static member's out-of-line definition) is
//   retyped, or the plan is blocked;
// - `std::map<K, V> a, b;`: declarators sharing one written type are never
//   retyped separately; the plan is blocked;
// - a type written through a macro, or deduced (`auto`), is blocked;
// - a type alias or typedef is left alone: the declaration's own type is
//   replaced by the new type written in full, so other users of the alias
//   keep their type. A check that needs the written template arguments
//   blocks when its type callback finds the alias instead;
// - the declaration must start empty, unless the check keeps its initializer;
// - template policies (ordering, hash, equality, allocator) are the type
//   callback's to carry over or block: only it knows the new type's
//   parameters (usesDefaultPolicies in ContainerTypes.h).
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_DECLARATIONREWRITE_H
#define MAPTIDY_CHECKS_DECLARATIONREWRITE_H

#include "clang/AST/TypeLoc.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class DeclaratorDecl;
class Expr;
class SourceManager;
} // namespace clang

namespace clang::tidy::maptidy {

/// Who can name a declaration, narrowest first.
enum class DeclarationScope {
  /// Only this translation unit: isPrivateToTranslationUnit.
  TranslationUnit,
  /// Other translation units of the project: a global or member declared in
  /// the project's own code.
  Project,
  /// Code outside the project: system headers, and parameters, whose type
  /// the callers pick.
  Public,
};

/// Why a declaration cannot be retyped, as a note says it: a clause that
/// names the declaration ("'m' is declared together with other variables").
struct RewriteBlocker {
  SourceLocation Where;
  std::string Reason;
};

struct DeclarationRewritePlan {
  /// Every redeclaration's type and every use; empty when blocked.
  std::vector<FixItHint> Edits;
  std::optional<RewriteBlocker> Blocker;
  DeclarationScope Scope = DeclarationScope::TranslationUnit;
};

/// The new type for a declaration whose type is written as \p Written:
/// fills \p NewType, or says why there is none.
using TypeRewriter = llvm::function_ref<std::optional<RewriteBlocker>(
    TypeLoc Written, std::string &NewType)>;

/// The edits of one use, a DeclRefExpr or MemberExpr naming the
/// declaration: appends to \p Edits, or says why the use cannot be
/// rewritten.
using UseRewriter = llvm::function_ref<std::optional<RewriteBlocker>(
    const Expr &Use, std::vector<FixItHint> &Edits)>;

/// Plans the retyping of \p Decl and the rewrite of \p Uses, in that order;
/// the first blocker ends the plan. A declaration visible beyond \p Reach
/// is blocked first ("visible outside this translation unit"), with its
/// Scope set. \p KeepsInitializer, when given, accepts an initializer with
/// contents that the new type takes as it is written.
DeclarationRewritePlan planDeclarationRewrite(
    const DeclaratorDecl &Decl, ArrayRef<const Expr *> Uses,
    TypeRewriter NewType, UseRewriter RewriteUse, ASTContext &Context,
    llvm::function_ref<bool(const Expr &Init)> KeepsInitializer = nullptr,
    DeclarationScope Reach = DeclarationScope::TranslationUnit);

/// Who can name \p Decl.
DeclarationScope scopeOf(const DeclaratorDecl &Decl, const SourceManager &SM);

/// Locals, internal-linkage globals of the main file, members of classes of
/// the main file that no other unit can name (in an anonymous namespace or
/// a function), and private members of classes defined in the main file
/// whose member functions are all defined here and that have no friends.
/// Parameters never: callers pick their type.
bool isPrivateToTranslationUnit(const DeclaratorDecl &Decl,
                                const SourceManager &SM);

/// Default-constructed: no initializer with contents, in the declaration or
/// in a constructor's member initializers.
bool startsEmpty(const DeclaratorDecl &Decl);

/// The declaration's name quoted as diagnostics quote it: 'm'.
std::string quotedName(const DeclaratorDecl &Decl);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_DECLARATIONREWRITE_H
