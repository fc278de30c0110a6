//===--- ConcatenatedMapKeyCheck.h - maptidy ------------------------------===//

#ifndef MAPTIDY_CHECKS_CONCATENATEDMAPKEYCHECK_H
#define MAPTIDY_CHECKS_CONCATENATEDMAPKEYCHECK_H

#include "CompositeKeyTarget.h"
#include "HeaderInserter.h"
#include "SpelledSourceCheck.h"
#include "llvm/ADT/MapVector.h"
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

/// Finds lookups in string-keyed maps whose key is glued together at the call
/// (`m[a + "/" + b]`, `std::to_string` pieces, `fmt::format`, a stream), and
/// re-keys the map by a pair or tuple of the parts.
///
/// For the user-facing documentation see docs/checks/concatenated-map-key.md.
class ConcatenatedMapKeyCheck : public SpelledSourceCheck {
public:
  ConcatenatedMapKeyCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void onEndOfTranslationUnit() override;

  /// Whether \p Type is a map or set of MapClasses/SetClasses keyed by
  /// std::string.
  bool isStringKeyed(QualType Type) const;

private:
  void analyze(const ast_matchers::MatchFinder::MatchResult &Result) override;
  struct Candidate {
    const DeclaratorDecl *Decl = nullptr;
    std::vector<const Expr *> Uses;
  };
  void diagnose(const ValueDecl &Map, const Candidate &Found);

  const std::vector<std::string> MapClasses;
  const std::vector<std::string> SetClasses;
  const CompositeKeyTarget Target;
  HeaderInserter Inserter;
  ASTContext *Context = nullptr;
  llvm::MapVector<const ValueDecl *, Candidate> Candidates;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_CONCATENATEDMAPKEYCHECK_H
