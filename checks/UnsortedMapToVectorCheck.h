//===--- UnsortedMapToVectorCheck.h - maptidy -----------------------------===//

#ifndef MAPTIDY_CHECKS_UNSORTEDMAPTOVECTORCHECK_H
#define MAPTIDY_CHECKS_UNSORTEDMAPTOVECTORCHECK_H

#include "ClangTidyCheck.h"
#include "HeaderInserter.h"
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

/// Finds unordered containers copied into a vector whose order is then relied
/// on (returned, printed, compared, passed on) without a sort, and copies that
/// are sorted by key on every call. Fixes insert the sort, or make the source
/// a maptidy::skiplist_map, which iterates in key order.
///
/// For the user-facing documentation see docs/checks/unsorted-map-to-vector.md.
class UnsortedMapToVectorCheck : public ClangTidyCheck {
public:
  UnsortedMapToVectorCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  // Template instantiations are not visited: a check reports the code as
  // written, and testing each node's ancestors would build the whole
  // translation unit's parent map.
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_IgnoreUnlessSpelledInSource;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

  /// What the vector receives from each entry of the source.
  enum class Element { Entries, Keys, Values, Derived };

  /// One copy of an unordered container into a local vector.
  struct Copy {
    const Stmt *Statement = nullptr;
    const VarDecl *Vector = nullptr;
    const Expr *Source = nullptr;
    Element Kind = Element::Derived;
  };

private:
  void diagnose(const Copy &Found, ASTContext &Context);

  const std::vector<std::string> UnorderedClasses;
  HeaderInserter Inserter;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_UNSORTEDMAPTOVECTORCHECK_H
