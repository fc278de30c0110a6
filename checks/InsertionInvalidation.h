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
#include <string>

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

/// Whether the member function \p Method of a map or set may add an element:
/// insert, emplace, try_emplace, insert_or_assign.
bool mayInsert(llvm::StringRef Method);

/// Why a rewrite to the open-addressing container \p Container is not
/// offered where keptAcrossInsertion found an access.
std::string keptAcrossInsertionReason(llvm::StringRef Container);

/// Whether \p E is part of the value a function returns as a reference,
/// pointer or iterator, which its callers may use after it returns.
bool isReturnedAsReference(const Expr &E, ASTContext &Context);

/// The first access of \p Accesses (all to one map) whose element is still
/// referred to after another access inserts: through a reference, pointer
/// or iterator variable, the range of a range-for, or a class-type element
/// passed on in the statement of the insertion. A reference, pointer or
/// iterator kept where this analysis does not follow it (returned, stored
/// in a member or a global, passed to a call) counts as referred to after
/// any insertion. Null when there is none.
const Expr *keptAcrossInsertion(llvm::ArrayRef<ElementAccess> Accesses,
                                ASTContext &Context);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_INSERTIONINVALIDATION_H
