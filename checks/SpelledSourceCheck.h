//===--- SpelledSourceCheck.h - maptidy -----------------------------------===//
//
// The base of maptidy's checks: they report code as the user wrote it.
// Matching skips template instantiations through the traversal kind, since
// testing each candidate's ancestors would build the parent map of the whole
// translation unit (about a third of a parse); the analysis in analyze() sees
// every node, implicit ones included.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_SPELLEDSOURCECHECK_H
#define MAPTIDY_CHECKS_SPELLEDSOURCECHECK_H

#include "ClangTidyCheck.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::maptidy {

class SpelledSourceCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

  std::optional<TraversalKind> getCheckTraversalKind() const final {
    return TK_IgnoreUnlessSpelledInSource;
  }

  void check(const ast_matchers::MatchFinder::MatchResult &Result) final {
    TraversalKindScope AllNodes(*Result.Context, TK_AsIs);
    analyze(Result);
  }

protected:
  /// check() for a node matched in the code as written.
  virtual void
  analyze(const ast_matchers::MatchFinder::MatchResult &Result) = 0;
};

/// A statement or declaration outside system headers.
inline auto isInUserCode() {
  using namespace ast_matchers;
  return unless(isExpansionInSystemHeader());
}

/// A declaration that is no alias: a reference member or variable names an
/// object declared elsewhere, whose own declaration sees all its uses and is
/// where a rewrite of its type belongs. A reference parameter is part of its
/// function's interface and counts as a declaration of its own.
inline auto isNotAlias() {
  using namespace ast_matchers;
  return unless(allOf(hasType(referenceType()), unless(parmVarDecl())));
}

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_SPELLEDSOURCECHECK_H
