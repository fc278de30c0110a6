//===--- UnsynchronizedMapAccessCheck.h - maptidy -------------------------===//

#ifndef MAPTIDY_CHECKS_UNSYNCHRONIZEDMAPACCESSCHECK_H
#define MAPTIDY_CHECKS_UNSYNCHRONIZEDMAPACCESSCHECK_H

#include "HeaderInserter.h"
#include "SpelledSourceCheck.h"
#include "ThreadSharing.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

/// Infers which mutex member guards a map member from the accesses that hold
/// it, and reports the accesses that do not; inserts the lock when that
/// cannot deadlock. Also reports maps written by threads that share them
/// without any lock, and makes them maptidy::sharded_map when it can.
///
/// For the user-facing documentation see
/// docs/checks/unsynchronized-map-access.md.
class UnsynchronizedMapAccessCheck : public SpelledSourceCheck {
public:
  UnsynchronizedMapAccessCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void onEndOfTranslationUnit() override;

  bool isMutex(QualType Type) const;
  bool isMap(QualType Type) const;
  /// The lambda that \p Start runs on another thread, if it starts one.
  const LambdaExpr *threadBody(const Expr &Start) const {
    return Starts.threadBody(Start);
  }

private:
  void analyze(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void analyzeClass(const CXXRecordDecl &Record);
  void analyzeThreads(const Stmt &Body, llvm::ArrayRef<ThreadLaunch> Started);

  const std::vector<std::string> MutexClasses;
  const std::vector<std::string> MapClasses;
  /// Thread starts, with the functions whose lambda argument runs on
  /// another thread.
  const ThreadStarts Starts;
  const unsigned GuardedPercent;
  HeaderInserter Inserter;
  ASTContext *Context = nullptr;
  /// Classes defined in the translation unit, in the order first seen.
  llvm::SetVector<const CXXRecordDecl *> Classes;
  /// Threads started, per launching function body.
  llvm::MapVector<const Stmt *, std::vector<ThreadLaunch>> Launches;
  /// Thread-shared maps whose rewrite was planned already.
  llvm::SmallPtrSet<const VarDecl *, 4> Planned;
  /// The file spells std::scoped_lock somewhere: inserted locks follow suit.
  bool UsesScopedLock = false;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_UNSYNCHRONIZEDMAPACCESSCHECK_H
