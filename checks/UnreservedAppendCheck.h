//===--- UnreservedAppendCheck.h - maptidy --------------------------------===//

#ifndef MAPTIDY_CHECKS_UNRESERVEDAPPENDCHECK_H
#define MAPTIDY_CHECKS_UNRESERVEDAPPENDCHECK_H

#include "HeaderInserter.h"
#include "LoopAppends.h"
#include "SpelledSourceCheck.h"
#include "ThreadSharing.h"
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

/// Finds containers filled a known number of elements per iteration in loops
/// (and std::for_each lambdas) whose trip count is known before the loop,
/// with no reserve() first, and inserts the reserve. Also finds
/// `std::vector<T> v(n);` followed by n appends.
///
/// For the user-facing documentation see docs/checks/unreserved-append.md.
class UnreservedAppendCheck : public SpelledSourceCheck {
public:
  UnreservedAppendCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;

private:
  void analyze(const ast_matchers::MatchFinder::MatchResult &Result) override;
  ContainerKind kindOf(QualType Type) const;
  void diagnoseGrowths(const Stmt &Anchor, const Stmt &Body,
                       llvm::ArrayRef<BodyGrowth> Growths,
                       const TripCount &Count, ASTContext &Context);
  void diagnose(const Stmt &Anchor, const BodyGrowth &Filled,
                const TripCount &Count, ASTContext &Context);
  void diagnoseConstructedWithSize(const BodyGrowth &Filled,
                                   const Expr &SizeArgument,
                                   ASTContext &Context);

  const std::vector<std::string> VectorLikeClasses;
  const std::vector<std::string> HashLikeClasses;
  /// VectorLikeClasses and HashLikeClasses: classes with a cheap size().
  std::vector<std::string> SizedClasses;
  /// A reserve() on another thread must not touch what other threads use.
  const ThreadStarts Starts;
  HeaderInserter Inserter;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_UNRESERVEDAPPENDCHECK_H
