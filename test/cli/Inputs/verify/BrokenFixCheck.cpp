//===--- BrokenFixCheck.cpp - maptidy tests -------------------------------===//
//
// A clang-tidy module for maptidy --load whose one check, verifytest-value,
// offers for each variable named "value_*" a fix-it that replaces its
// initializer with the macro VERIFY_VALUE: the fixed code compiles only where
// the macro is defined (-DVERIFY_VALUE=...). The --fix verification tests
// use it for fix-its that break a build.
//
//===----------------------------------------------------------------------===//

#include "ClangTidyCheck.h"
#include "ClangTidyModule.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace {

using namespace clang;
using namespace clang::ast_matchers;

class ValueCheck : public tidy::ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(
        varDecl(matchesName("::value_"), hasInitializer(expr().bind("init")))
            .bind("var"),
        this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var");
    const auto *Init = Result.Nodes.getNodeAs<Expr>("init");
    diag(Var->getLocation(), "%0 takes VERIFY_VALUE")
        << Var
        << FixItHint::CreateReplacement(Init->getSourceRange(),
                                        "VERIFY_VALUE");
  }
};

class VerifyTestModule : public tidy::ClangTidyModule {
public:
  void addCheckFactories(tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<ValueCheck>("verifytest-value");
  }
};

tidy::ClangTidyModuleRegistry::Add<VerifyTestModule>
    Registration("verifytest-module",
                 "A check whose fix-its compile only with -DVERIFY_VALUE.");

} // namespace
