//===--- fix_applier_test.cpp - maptidy tests -----------------------------===//
//
// --fix: fix-its applied whole or not at all, overlapping ones dropped,
// identical edits applied once, insertions at one place in report order
// (an #include line once),
// files that changed since they were analyzed left alone, and fix-its whose
// code does not compile refused.
//
//===----------------------------------------------------------------------===//

#include "DriverTestFiles.h"
#include "FileDigest.h"
#include "FixApplier.h"

namespace maptidy {
namespace {

class FixApplierTest : public ::testing::Test {
protected:
  /// Writes \p Contents to \p Name and records it as analyzed.
  std::string source(llvm::StringRef Name, llvm::StringRef Contents) {
    std::string Path = Dir.write(Name, Contents);
    Analyzed[Path] = digestOf(Contents);
    return Path;
  }

  FixResult apply(llvm::ArrayRef<Finding> Findings,
                  FixVerifier Verify = nullptr) {
    std::vector<const Finding *> Pointers;
    for (const Finding &F : Findings)
      Pointers.push_back(&F);
    FixRequest Request;
    Request.FormatStyle = [](llvm::StringRef) { return "none"; };
    Request.Verify = std::move(Verify);
    return applyFixes(Pointers, Request, Analyzed);
  }

  TestDirectory Dir;
  llvm::StringMap<std::optional<FileDigest>> Analyzed;
};

TEST_F(FixApplierTest, AppliesEachFixIt) {
  const std::string A = source("a.cpp", "int a = 1;\nint b = 2;\n");
  const FixResult Result = apply({findingWithFix("one", {{A, 8, 1, "10"}}),
                                  findingWithFix("two", {{A, 19, 1, "20"}})});
  EXPECT_EQ(TestDirectory::read(A), "int a = 10;\nint b = 20;\n");
  EXPECT_EQ(Result.Applied, 2u);
  EXPECT_EQ(Result.Suggested, 2u);
  EXPECT_FALSE(Result.WriteFailed);
}

TEST_F(FixApplierTest, DropsAFixItThatOverlapsOneTakenBefore) {
  const std::string A = source("a.cpp", "int value = 1;\n");
  const FixResult Result =
      apply({findingWithFix("first", {{A, 4, 5, "count"}}),
             findingWithFix("second", {{A, 6, 3, "xyz"}}),
             // Touching counts: an insertion at the end of a replaced range.
             findingWithFix("third", {{A, 9, 0, "_x"}})});
  EXPECT_EQ(TestDirectory::read(A), "int count = 1;\n");
  EXPECT_EQ(Result.Outcomes[0], FixOutcome::Applied);
  EXPECT_EQ(Result.Outcomes[1], FixOutcome::NotApplied);
  EXPECT_EQ(Result.Outcomes[2], FixOutcome::NotApplied);
  EXPECT_EQ(Result.Applied, 1u);
}

TEST_F(FixApplierTest, DropsAWholeFixItWhenOnePartOverlaps) {
  const std::string A = source("a.cpp", "int value = 1;\n");
  const std::string B = source("b.cpp", "int other = 2;\n");
  const FixResult Result =
      apply({findingWithFix("first", {{A, 4, 5, "count"}}),
             findingWithFix("second", {{B, 4, 5, "total"}, {A, 4, 1, "w"}})});
  EXPECT_EQ(TestDirectory::read(A), "int count = 1;\n");
  EXPECT_EQ(TestDirectory::read(B), "int other = 2;\n");
  EXPECT_EQ(Result.Outcomes[1], FixOutcome::NotApplied);
}

TEST_F(FixApplierTest, AppliesIdenticalEditsOnce) {
  const std::string H = source("shared.h", "int x;\n");
  const FixResult Result =
      apply({findingWithFix("seen-from-one", {{H, 0, 0, "// fixed\n"}}),
             findingWithFix("seen-from-two", {{H, 0, 0, "// fixed\n"}})});
  EXPECT_EQ(TestDirectory::read(H), "// fixed\nint x;\n");
  EXPECT_EQ(Result.Applied, 2u);
}

TEST_F(FixApplierTest, InsertsAtOnePlaceInReportOrder) {
  const std::string A = source("a.cpp", "f();\n");
  apply({findingWithFix("first", {{A, 0, 0, "a();\n"}}),
         findingWithFix("second", {{A, 0, 0, "b();\n"}})});
  EXPECT_EQ(TestDirectory::read(A), "a();\nb();\nf();\n");
}

// Each finding's fix-it carries the #include lines it needs, joined into one
// insertion when it needs several.
TEST_F(FixApplierTest, InsertsAnIncludeLineOnceAtOnePlace) {
  const std::string A = source("a.cpp", "int f();\n");
  apply({findingWithFix("two-headers",
                        {{A, 0, 0, "#include <algorithm>\n#include <map>\n"}}),
         findingWithFix("one-header", {{A, 0, 0, "#include <algorithm>\n"}}),
         findingWithFix("other-header",
                        {{A, 0, 0, "#include <map>\n#include <set>\n"}}),
         findingWithFix("no-newline", {{A, 0, 0, "/* x */"}})});
  EXPECT_EQ(TestDirectory::read(A), "#include <algorithm>\n#include "
                                    "<map>\n#include <set>\n/* x */int f();\n");
}

TEST_F(FixApplierTest, LeavesAFileThatChangedSinceItWasAnalyzed) {
  const std::string A = source("a.cpp", "int a = 1;\n");
  const std::string B = source("b.cpp", "int b = 1;\n");
  const std::string C = source("c.cpp", "int c = 1;\n");
  Dir.write("a.cpp", "// edited\nint a = 1;\n");
  const FixResult Result =
      apply({findingWithFix("in-a", {{A, 8, 1, "2"}}),
             // Whole or not at all: b.cpp is not changed either.
             findingWithFix("in-b-and-a", {{B, 8, 1, "2"}, {A, 0, 0, "//"}}),
             findingWithFix("in-c", {{C, 8, 1, "2"}})});
  EXPECT_EQ(TestDirectory::read(A), "// edited\nint a = 1;\n");
  EXPECT_EQ(TestDirectory::read(B), "int b = 1;\n");
  EXPECT_EQ(TestDirectory::read(C), "int c = 2;\n");
  EXPECT_EQ(Result.Outcomes[0], FixOutcome::NotApplied);
  EXPECT_EQ(Result.Outcomes[1], FixOutcome::NotApplied);
  EXPECT_EQ(Result.Outcomes[2], FixOutcome::Applied);
  EXPECT_TRUE(Result.WriteFailed);
}

TEST_F(FixApplierTest, LeavesAFileTwoUnitsReadDifferently) {
  const std::string A = source("a.cpp", "int a = 1;\n");
  Analyzed[A] = std::nullopt;
  const FixResult Result = apply({findingWithFix("in-a", {{A, 8, 1, "2"}})});
  EXPECT_EQ(TestDirectory::read(A), "int a = 1;\n");
  EXPECT_TRUE(Result.WriteFailed);
}

TEST_F(FixApplierTest, LeavesAFileNotAnalyzed) {
  const std::string A = Dir.write("a.cpp", "int a = 1;\n");
  const FixResult Result = apply({findingWithFix("in-a", {{A, 8, 1, "2"}})});
  EXPECT_EQ(TestDirectory::read(A), "int a = 1;\n");
  EXPECT_TRUE(Result.WriteFailed);
}

TEST(FileDigestTest, TellsContentsApart) {
  EXPECT_EQ(digestOf("int a;\n"), digestOf("int a;\n"));
  EXPECT_NE(digestOf("int a;\n"), digestOf("int b;\n"));
  EXPECT_NE(digestOf("int a;\n"), digestOf("int a;\r\n"));
  EXPECT_EQ(digestOf("int a;\n").Size, 7u);
}

/// A verifier for which fixed code "compiles" unless it contains \p Bad:
/// an error at each occurrence, in the files of \p Unit.
FixVerifier failsOn(std::string Bad, std::vector<std::string> Unit,
                    unsigned *Calls) {
  return [=](const llvm::StringMap<std::string> &Fixed) {
    ++*Calls;
    CompileFailure Failure;
    Failure.Files = Unit;
    for (const auto &Entry : Fixed) {
      const size_t At = Entry.getValue().find(Bad);
      if (At != std::string::npos)
        Failure.Errors.push_back({Entry.getKey().str(), unsigned(At),
                                  "use of undeclared identifier"});
    }
    return Failure.Errors.empty() ? std::vector<CompileFailure>()
                                  : std::vector<CompileFailure>{Failure};
  };
}

TEST_F(FixApplierTest, RefusesOnlyTheFixItTheErrorIsIn) {
  const std::string A = source("a.cpp", "int a = 1;\nint b = 2;\n");
  unsigned Calls = 0;
  const FixResult Result =
      apply({findingWithFix("good", {{A, 8, 1, "10"}}),
             findingWithFix("bad", {{A, 19, 1, "undeclared"}})},
            failsOn("undeclared", {A}, &Calls));
  EXPECT_EQ(TestDirectory::read(A), "int a = 10;\nint b = 2;\n");
  EXPECT_EQ(Result.Outcomes[0], FixOutcome::Applied);
  EXPECT_EQ(Result.Outcomes[1], FixOutcome::NotApplied);
  EXPECT_EQ(Result.Refusals[1], "use of undeclared identifier");
  EXPECT_EQ(Result.Refused, 1u);
  EXPECT_EQ(Calls, 2u); // The rest is verified again.
}

TEST_F(FixApplierTest, RefusesTheFixItsOfTheUnitWhenAnErrorHasNoPlace) {
  const std::string A = source("a.cpp", "int a = 1;\n");
  const std::string B = source("b.cpp", "int b = 2;\n");
  unsigned Calls = 0;
  FixVerifier CrashesOnA = [&](const llvm::StringMap<std::string> &Fixed) {
    ++Calls;
    CompileFailure Failure;
    Failure.Files = {A};
    Failure.Errors.push_back({"", 0, "the check of the fixed code crashed"});
    return std::vector<CompileFailure>{Failure};
  };
  const FixResult Result = apply({findingWithFix("in-a", {{A, 8, 1, "10"}}),
                                  findingWithFix("in-b", {{B, 8, 1, "20"}})},
                                 CrashesOnA);
  EXPECT_EQ(TestDirectory::read(A), "int a = 1;\n");
  EXPECT_EQ(TestDirectory::read(B), "int b = 20;\n");
  EXPECT_EQ(Result.Outcomes[0], FixOutcome::NotApplied);
  EXPECT_EQ(Result.Outcomes[1], FixOutcome::Applied);
  EXPECT_EQ(Calls, 1u);
}

TEST_F(FixApplierTest, WritesNothingUnverifiedAfterTheLastRound) {
  const std::string A = source("a.cpp", "int a = 1;\n");
  unsigned Calls = 0;
  // The error stays whatever is refused: after the rounds, the unit's files
  // keep none of their fix-its.
  FixVerifier AlwaysFails = [&](const llvm::StringMap<std::string> &) {
    ++Calls;
    CompileFailure Failure;
    Failure.Files = {A};
    Failure.Errors.push_back({A, 0, "error elsewhere"});
    return std::vector<CompileFailure>{Failure};
  };
  const FixResult Result =
      apply({findingWithFix("first-line", {{A, 0, 0, "// x\n"}}),
             findingWithFix("value", {{A, 8, 1, "10"}})},
            AlwaysFails);
  EXPECT_EQ(TestDirectory::read(A), "int a = 1;\n");
  EXPECT_EQ(Result.Refused, 2u);
  EXPECT_LE(Calls, 3u);
}

} // namespace
} // namespace maptidy
