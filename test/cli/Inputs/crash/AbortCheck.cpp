//===--- AbortCheck.cpp - maptidy tests -----------------------------------===//
//
// A clang-tidy module for maptidy --load whose one check, crashtest-abort,
// aborts on files whose name starts with "crash": the crash test makes sure
// that a crash in one file costs that file's findings only.
//
//===----------------------------------------------------------------------===//

#include "ClangTidyCheck.h"
#include "ClangTidyModule.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/Path.h"
#include <cstdlib>

namespace {

using namespace clang;
using namespace clang::ast_matchers;

class AbortCheck : public tidy::ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("unit"), this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    const SourceManager &SM = *Result.SourceManager;
    const OptionalFileEntryRef Main =
        SM.getFileEntryRefForID(SM.getMainFileID());
    if (Main && llvm::sys::path::filename(Main->getName()).starts_with("crash"))
      std::abort();
  }
};

class CrashTestModule : public tidy::ClangTidyModule {
public:
  void addCheckFactories(tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<AbortCheck>("crashtest-abort");
  }
};

tidy::ClangTidyModuleRegistry::Add<CrashTestModule>
    Registration("crashtest-module", "A check that aborts on crash*.cpp.");

} // namespace
