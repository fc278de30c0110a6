//===--- NestedMapKeyCheck.h - maptidy ------------------------------------===//

#ifndef MAPTIDY_CHECKS_NESTEDMAPKEYCHECK_H
#define MAPTIDY_CHECKS_NESTEDMAPKEYCHECK_H

#include "CompositeKeyTarget.h"
#include "HeaderInserter.h"
#include "SpelledSourceCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

/// Finds maps whose mapped type is a map or a set (`m[a][b]`) when the
/// nesting serves only point access, and rewrites them to one map keyed by
/// `std::pair<A, B>` (or a tuple for deeper nesting).
///
/// For the user-facing documentation see docs/checks/nested-map-key.md.
class NestedMapKeyCheck : public SpelledSourceCheck {
public:
  NestedMapKeyCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void onEndOfTranslationUnit() override;

  /// The levels of a nested container type, outermost first.
  struct Shape {
    std::vector<QualType> Keys;
    /// The value of the innermost map; null when the innermost is a set.
    QualType Value;
    /// Every level is std::map/std::set (ordered) or every level is
    /// std::unordered_map/std::unordered_set with default template arguments.
    bool Rewritable = false;
    bool Ordered = false;
  };

  /// The shape of \p Type when it nests at least two levels.
  std::optional<Shape> shapeOf(QualType Type) const;
  /// shapeOf(Type) has a value; cached per type.
  bool isNested(QualType Type) const;

private:
  void analyze(const ast_matchers::MatchFinder::MatchResult &Result) override;
  struct Candidate {
    const DeclaratorDecl *Decl = nullptr;
    std::vector<const Expr *> Uses;
  };
  void diagnose(const Candidate &Found);

  const std::vector<std::string> MapClasses;
  const std::vector<std::string> SetClasses;
  const CompositeKeyTarget Target;
  HeaderInserter Inserter;
  ASTContext *Context = nullptr;
  /// Declarations of nested map type, in the order they were first seen.
  llvm::MapVector<const DeclaratorDecl *, Candidate> Candidates;
  mutable llvm::DenseMap<const Type *, bool> IsNested;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_NESTEDMAPKEYCHECK_H
