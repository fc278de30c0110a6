//===--- UserCodeMatchers.h - maptidy -------------------------------------===//
//
// Matchers restricting the checks to the code a user wrote. Template
// instantiations are left out by the checks' traversal kind
// (TK_IgnoreUnlessSpelledInSource), not by a test of each node's ancestors.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_USERCODEMATCHERS_H
#define MAPTIDY_CHECKS_USERCODEMATCHERS_H

#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::maptidy {

/// A statement or declaration outside system headers.
inline auto isInUserCode() {
  using namespace ast_matchers;
  return unless(isExpansionInSystemHeader());
}

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_USERCODEMATCHERS_H
