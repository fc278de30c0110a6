//===--- UnreservedAppendCheck.h - maptidy --------------------------------===//

#ifndef MAPTIDY_CHECKS_UNRESERVEDAPPENDCHECK_H
#define MAPTIDY_CHECKS_UNRESERVEDAPPENDCHECK_H

#include "HeaderInserter.h"
#include "SpelledSourceCheck.h"
#include "ThreadSharing.h"
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

struct TripCount;

/// Finds containers filled one element at a time in loops whose trip count is
/// known before the loop, with no reserve() first, and inserts the reserve.
/// Also finds `std::vector<T> v(n);` followed by n appends.
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

  /// How a container grows, which decides its append members.
  enum class ContainerKind { None, Vector, String, Hash };

  /// One container that a loop (or an algorithm call) fills.
  struct Target {
    const ValueDecl *Decl = nullptr;
    /// The container as spelled at the append, e.g. `v` or `this->items`.
    const Expr *Object = nullptr;
    /// Where to report: the first counted append.
    SourceLocation AppendLoc;
    ContainerKind Kind = ContainerKind::None;
    /// Appends per iteration.
    unsigned PerIteration = 0;
  };

private:
  void analyze(const ast_matchers::MatchFinder::MatchResult &Result) override;
  ContainerKind kindOf(QualType Type) const;
  void diagnose(const Stmt &Anchor, const Target &Filled,
                const TripCount &Count, ASTContext &Context);
  void diagnoseConstructedWithSize(const Target &Filled,
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
