//===--- UseAnalysis.h - maptidy ------------------------------------------===//
//
// What one use of an object does to it: writes it, reads it by value, or
// discards it. The answers follow clang's ExprMutationAnalyzer, which looks
// at a whole region, where it is right (mutatesAny); the per-use answers
// below read the expressions around the use and differ from it on purpose:
//
// - const-overload twins: `m.find(k)`, `m.at(k)`, `m.begin()` on a
//   non-const map call the non-const overload without modifying anything;
//   the use is a write only when the reference or iterator they return is
//   written through (`*it = v`, `it->second = v`) or escapes.
//   ExprMutationAnalyzer counts any non-const member call; mutatesAny takes
//   its answer except for such twins (with `v[i]`) whose result is only read.
// - scalars: `v.push_back(static_cast<int>(i))` is reported as a mutation
//   of `i` by ExprMutationAnalyzer; a scalar is written only when it is not
//   just converted to an rvalue, bound to a const reference, or taken by a
//   standard function's forwarding reference (mayWriteScalar).
// - isModifyingUse answers "no" for uses it does not recognize (a reference
//   bound to the object, a cast): the checks asking it treat the use as a
//   read, and those that rewrite a declaration refuse such uses anyway.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_USEANALYSIS_H
#define MAPTIDY_CHECKS_USEANALYSIS_H

#include "clang/AST/Type.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
class ASTContext;
class Expr;
class Stmt;
class ValueDecl;
} // namespace clang

namespace clang::tidy::maptidy {

/// Whether \p S is sizeof, alignof, noexcept, or a typeid that does not
/// evaluate its operand: no code in its operand runs.
bool isUnevaluatedContext(const Stmt &S);

/// Whether the use \p Ref of an object may modify it: a non-const member
/// function or operator (a const-overload twin only through what it
/// returns), an assignment, an increment, a non-const reference argument,
/// or taking its address.
bool isModifyingUse(const Expr &Ref, ASTContext &Context);

/// Whether \p Ref, naming a scalar, may be written through: it is not only
/// read (converted to an rvalue) or bound to a const reference.
bool mayWriteScalar(const Expr &Ref, ASTContext &Context);

/// Whether \p Region writes to one of \p Decls: ExprMutationAnalyzer, with
/// mayWriteScalar for scalars; a const-overload twin whose result is only
/// read (`v[i]` copied) does not write.
bool mutatesAny(const Stmt *Region,
                const llvm::SmallPtrSetImpl<const ValueDecl *> &Decls,
                ASTContext &Context);

/// Whether \p Region may change what \p Reader reads indirectly: through a
/// pointer it dereferences (a write through the pointer, a non-const member
/// call on its pointee, the pointer passed on as pointer to non-const), or
/// through `this` (a non-const member function of the object whose members
/// \p Reader reads, called on `this`, that writes them or is virtual).
/// mutatesAny answers for the names themselves.
bool mutatesThroughIndirection(const Stmt *Region, const Expr &Reader,
                               ASTContext &Context);

/// Whether the value of \p E is discarded: an expression statement (also
/// the one an OpenMP directive runs), the increment of a for loop, a cast to
/// void.
bool isDiscarded(const Expr &E, ASTContext &Context);

/// Whether the element of type \p Element (or a call's result) \p E is only
/// read by value: copied, converted to an rvalue, bound to a const reference
/// parameter of a call that does not return a reference to an \p Element,
/// or the object of a const member function returning a value.
bool isReadByValue(const Expr &E, QualType Element, ASTContext &Context);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_USEANALYSIS_H
