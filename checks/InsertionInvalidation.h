//===--- InsertionInvalidation.h - maptidy --------------------------------===//
//
// Whether code keeps a reference, pointer or iterator into a map across an
// insertion into the same map. Node-based maps keep them valid; an
// open-addressing map moves its elements when an insertion grows it, so a
// rewrite to one must not be offered for such code.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_INSERTIONINVALIDATION_H
#define MAPTIDY_CHECKS_INSERTIONINVALIDATION_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"

namespace clang {
class ASTContext;
} // namespace clang

namespace clang::tidy::maptidy {

/// One access to a map, as the check that rewrites it sees it.
struct ElementAccess {
  /// The expression whose value is the element, an iterator to it, or the
  /// pair an insert returns.
  const Expr *Result = nullptr;
  /// operator[], insert, emplace, try_emplace, insert_or_assign.
  bool MayInsert = false;
};

/// The first access of \p Accesses (all to one map) whose element is still
/// referred to after another access inserts: through a reference, pointer
/// or iterator variable, the range of a range-for, a reference returned, or
/// a class-type element passed on in the statement of the insertion. Null
/// when there is none.
const Expr *keptAcrossInsertion(llvm::ArrayRef<ElementAccess> Accesses,
                                ASTContext &Context);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_INSERTIONINVALIDATION_H
