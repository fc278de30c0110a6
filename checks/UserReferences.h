//===--- UserReferences.h - maptidy ---------------------------------------===//
//
// Collects the references to a few declarations in one walk of the user's
// code, once a check knows which declarations it cares about. Matching every
// declaration reference and member access of a unit instead would cost each
// check that needs the uses of its candidates as much as a walk, whether or
// not the unit declares any candidate.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_USERREFERENCES_H
#define MAPTIDY_CHECKS_USERREFERENCES_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace clang::tidy::maptidy {

/// Walks the code of \p Context's traversal scope outside system headers, as
/// written (template instantiations and implicit code left out), and appends
/// each declaration reference and member access of a declaration to the list
/// \p UsesOf returns for its canonical declaration, unless that is null.
void collectUserReferences(
    ASTContext &Context,
    llvm::function_ref<std::vector<const Expr *> *(const ValueDecl &)> UsesOf);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_USERREFERENCES_H
