// CheckGlobs decides as clang-tidy's GlobList does, and says when only
// maptidy's checks can run.

#include "CheckGlobs.h"
#include "GlobList.h"
#include <gtest/gtest.h>

using maptidy::CheckGlobs;

namespace {

TEST(CheckGlobsTest, AgreesWithClangTidy) {
  const char *const Lists[] = {
      "",
      "-*,maptidy-*",
      " -* , maptidy-* ",
      "maptidy-*,-maptidy-unsorted-*",
      "*,-maptidy-*,maptidy-nested-*",
      "-*,*-map-*",
      "-*,maptidy-*-key",
      "-*,m*p*y-*d*",
      "-*,**",
      "*,-bugprone-*,-*,maptidy-*,bugprone-use-after-move",
      "-*,maptidy-nested-map-key\nbugprone-*",
      "-*,clang-diagnostic-*",
      "-*,,maptidy-*,",
  };
  const char *const Names[] = {
      "maptidy-nested-map-key",
      "maptidy-nested-map-keys",
      "maptidy-unsorted-map-to-vector",
      "maptidy-",
      "bugprone-use-after-move",
      "bugprone-branch-clone",
      "clang-analyzer-core.DivideZero",
      "clang-diagnostic-unused",
      "mapt",
  };
  for (const char *List : Lists) {
    const CheckGlobs Ours(List);
    const clang::tidy::GlobList Theirs(List);
    for (const char *Name : Names)
      EXPECT_EQ(Ours.enables(Name), Theirs.contains(Name))
          << "Checks '" << List << "', name '" << Name << "'";
  }
}

TEST(CheckGlobsTest, EnableOnlyPrefixes) {
  const llvm::StringRef Maptidy[] = {"maptidy-", "clang-diagnostic-"};
  EXPECT_TRUE(CheckGlobs("-*,maptidy-*").enableOnly(Maptidy));
  EXPECT_TRUE(
      CheckGlobs("-*,maptidy-*,clang-diagnostic-*").enableOnly(Maptidy));
  EXPECT_TRUE(CheckGlobs("-*").enableOnly(Maptidy));
  EXPECT_TRUE(CheckGlobs("").enableOnly(Maptidy));
  EXPECT_TRUE(CheckGlobs("-*,,maptidy-*,").enableOnly(Maptidy));
  // A project's Checks followed by those of --checks='-*,maptidy-*'.
  EXPECT_TRUE(CheckGlobs("*,-abseil-*,-*,maptidy-*").enableOnly(Maptidy));
  EXPECT_TRUE(CheckGlobs("bugprone-*,-**,maptidy-*").enableOnly(Maptidy));

  EXPECT_FALSE(CheckGlobs("maptidy-*,bugprone-*").enableOnly(Maptidy));
  EXPECT_FALSE(CheckGlobs("*,-bugprone-*,maptidy-*").enableOnly(Maptidy));
  EXPECT_FALSE(CheckGlobs("-*,clang-*").enableOnly(Maptidy));
  EXPECT_FALSE(CheckGlobs("-*,m*").enableOnly(Maptidy));
  EXPECT_FALSE(
      CheckGlobs("-*,maptidy-*,-*-map-*,bugprone-*").enableOnly(Maptidy));
}

} // namespace
