//===--- VectorOrderUses.h - maptidy --------------------------------------===//
//
// Follows a vector copied from an unordered container to where its order is
// used: sorted, relied on (returned, printed, passed on, joined), or never
// observed (membership tests, sums, work done on each element alone).
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_VECTORORDERUSES_H
#define MAPTIDY_CHECKS_VECTORORDERUSES_H

#include "clang/AST/Expr.h"

namespace clang {
class ASTContext;
} // namespace clang

namespace clang::tidy::maptidy {

/// What the vector receives from each entry of the source.
enum class CopiedElement { Entries, Keys, Values, Derived };

/// One copy of an unordered container into a local vector, a vector member
/// of `this`, or a vector the return statement builds
/// (`return {m.begin(), m.end()};`).
struct ContainerCopy {
  const Stmt *Statement = nullptr;
  /// The local vector or the member; null for a vector built in the return
  /// Statement.
  const DeclaratorDecl *Vector = nullptr;
  /// The container copied; null when not known.
  const Expr *Source = nullptr;
  CopiedElement Kind = CopiedElement::Derived;
};

/// What the code does with the vector after the copy, first event first.
/// Reordered: it gets an order of its own, not the map's (a sort other than
/// by key, a shuffle). Returned: it leaves its function through a return, and
/// the callers decide.
struct OrderFate {
  enum { Unused, SortedByKey, Reordered, Escapes, Returned } Kind = Unused;
  const Stmt *Where = nullptr;
};

/// Whether \p Type is a std::vector.
bool isVectorType(QualType Type);

/// A local std::vector.
bool isLocalVector(const VarDecl *Var);

/// The vector \p E names: a local std::vector, a std::vector member of
/// `this`, or a parameter through which the function fills its caller's
/// vector (a reference or a pointer to a non-const std::vector; `*p` too).
const DeclaratorDecl *namedVector(const Expr *E);

/// Whether \p Type is a set of any kind.
bool isSetType(QualType Type);

/// The first use of the vector after the copy, in \p Body, that sorts it or
/// relies on its order. A sort by key counts only when a later use relies on
/// the order: a sort for binary searches serves membership tests.
OrderFate fateAfter(const ContainerCopy &Found, const Stmt &Body,
                    ASTContext &Context);

/// For a vector that outlives the function of the copy, a member or a
/// parameter's: Unused when code that can reach it sorts it (the member
/// functions of the class defined in this unit; the function), or else the
/// first use there that relies on its order (Escapes, also for a return: a
/// getter's callers are not followed); with none, a parameter's vector is
/// Returned at the copy, to the callers.
OrderFate outlivingVectorFate(const ContainerCopy &Found, ASTContext &Context);

/// Whether the caller \p Use of the function that makes \p Copy relies on
/// the order of the vector it gets: the one returned, or the one it passes
/// for the parameter that Copy fills.
bool callerReliesOnOrder(const Expr &Use, const ContainerCopy &Copy,
                         ASTContext &Context);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_VECTORORDERUSES_H
