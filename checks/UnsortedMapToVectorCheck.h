//===--- UnsortedMapToVectorCheck.h - maptidy -----------------------------===//

#ifndef MAPTIDY_CHECKS_UNSORTEDMAPTOVECTORCHECK_H
#define MAPTIDY_CHECKS_UNSORTEDMAPTOVECTORCHECK_H

#include "HeaderInserter.h"
#include "SpelledSourceCheck.h"
#include "ThreadSharing.h"
#include "VectorOrderUses.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

/// Finds unordered containers copied into a vector whose order is then relied
/// on (returned, printed, compared, passed on) without a sort, and copies that
/// are sorted by key on every call. Fixes insert the sort, or make the source
/// a maptidy::skiplist_map, which iterates in key order.
///
/// For the user-facing documentation see docs/checks/unsorted-map-to-vector.md.
class UnsortedMapToVectorCheck : public SpelledSourceCheck {
public:
  UnsortedMapToVectorCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;

  void onEndOfTranslationUnit() override;

private:
  void analyze(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void diagnose(const ContainerCopy &Found, ASTContext &Context);
  /// Reports the copy: sorted by key, or its order relied on at \p Where.
  void report(const ContainerCopy &Found, bool SortedByKey, const Stmt &Where,
              ASTContext &Context);
  /// Appends the #include of maptidy::skiplist_map to the file declaring
  /// \p Map, unless it has it.
  void addSkiplistInclude(const DeclaratorDecl &Map,
                          std::vector<FixItHint> &Fix);

  /// Copies returned by a function only this unit calls, with the calls:
  /// reported at the end of the unit unless no caller relies on the order.
  struct ReturnedCopies {
    std::vector<std::pair<ContainerCopy, const Stmt *>> Copies;
    std::vector<const Expr *> Callers;
  };
  llvm::MapVector<const FunctionDecl *, ReturnedCopies> Returned;
  /// Maps declared outside the main file that other units may copy: this
  /// unit's uses are part of their project-wide retyping, finding or not.
  llvm::SetVector<const DeclaratorDecl *> ProjectMaps;
  ASTContext *Context = nullptr;

  const std::vector<std::string> UnorderedClasses;
  /// No fix on another thread edits what other threads reach.
  const ThreadStarts Starts;
  HeaderInserter Inserter;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_UNSORTEDMAPTOVECTORCHECK_H
