//===--- fingerprint_baseline_test.cpp - maptidy tests --------------------===//
//
// Fingerprints survive moved lines and re-indentation, and change with the
// line's text; a baseline written from findings reads back their
// fingerprints.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "DriverTestFiles.h"
#include "Fingerprint.h"

namespace maptidy {
namespace {

/// A finding of "check" at \p Line, \p Column of \p Path.
Finding findingAt(llvm::StringRef Path, unsigned Line, unsigned Column) {
  Finding F = findingWithFix("check", {});
  F.Path = Path.str();
  F.Where = {Line, Column};
  return F;
}

std::string fingerprintOf(Finding F, const ProjectRoot &Root) {
  SourceCache Sources;
  assignFingerprints(llvm::MutableArrayRef<Finding>(F), Sources, Root);
  return F.Fingerprint;
}

TEST(FingerprintTest, SurvivesMovedLinesAndIndentation) {
  TestDirectory Dir;
  const std::string Before = Dir.write("v1.cpp", "int a;\nf(x);\n");
  const ProjectRoot Root(llvm::sys::path::parent_path(Before));
  const std::string Print = fingerprintOf(findingAt(Before, 2, 1), Root);
  EXPECT_EQ(Print.size(), 40u);

  // The same file, later: a line above, the line indented.
  const std::string After = Dir.write("v1.cpp", "int z;\nint a;\n  f(x);\n");
  EXPECT_EQ(fingerprintOf(findingAt(After, 3, 3), Root), Print);

  Dir.write("v1.cpp", "int a;\nf(y);\n");
  EXPECT_NE(fingerprintOf(findingAt(Before, 2, 1), Root), Print);
}

// The formula is what baselines written by earlier runs hold: the SHA-1 of
// the check, the relative path, the message (its numbers as '#'), the line
// without whitespace and the position in it, each followed by a NUL, then
// the rank. The path is long enough to live on the heap, where a dangling
// copy would read freed memory.
TEST(FingerprintTest, IsTheDocumentedHashOfTheRelativePath) {
  TestDirectory Dir;
  llvm::SmallString<128> Nested(Dir.path());
  llvm::sys::path::append(Nested, "src", "service", "registry");
  ASSERT_FALSE(llvm::sys::fs::create_directories(Nested));
  const std::string File = Dir.write("src/service/registry/handlers.cpp",
                                     "void f() {\n  out.push_back(x);\n}\n");
  const ProjectRoot Root(Dir.path());
  EXPECT_EQ(fingerprintOf(findingAt(File, 2, 7), Root),
            "58c1da7ff119a6568da9c024166ff5a89e04f9dc");
}

// Counts in a message change when other lines do: locking one access
// changes "4 of 7 accesses hold it" on every other.
TEST(FingerprintTest, IgnoresTheNumbersInTheMessage) {
  TestDirectory Dir;
  const std::string File = Dir.write("race.cpp", "int a;\nf(x);\n");
  const ProjectRoot Root(llvm::sys::path::parent_path(File));
  Finding Before = findingAt(File, 2, 1), After = findingAt(File, 2, 1),
          Other = findingAt(File, 2, 1);
  Before.Error.Message.Message = "'m' is read without 'mu'; 4 of 7 hold it";
  After.Error.Message.Message = "'m' is read without 'mu'; 6 of 7 hold it";
  Other.Error.Message.Message = "'m' is written without 'mu'; 6 of 7 hold it";
  EXPECT_EQ(fingerprintOf(Before, Root), fingerprintOf(After, Root));
  EXPECT_NE(fingerprintOf(After, Root), fingerprintOf(Other, Root));
}

TEST(FingerprintTest, TellsEqualFindingsOnEqualLinesApart) {
  TestDirectory Dir;
  const std::string File = Dir.write("twice.cpp", "f(x);\nf(x);\n");
  const ProjectRoot Root(llvm::sys::path::parent_path(File));
  std::vector<Finding> Findings = {findingAt(File, 1, 1),
                                   findingAt(File, 2, 1)};
  SourceCache Sources;
  assignFingerprints(Findings, Sources, Root);
  EXPECT_NE(Findings[0].Fingerprint, Findings[1].Fingerprint);
}

TEST(BaselineTest, ReadsBackTheFingerprintsWritten) {
  TestDirectory Dir;
  const std::string File = Dir.write("a.cpp", "f(x);\ng(y);\n");
  const ProjectRoot Root(llvm::sys::path::parent_path(File));
  std::vector<Finding> Findings = {findingAt(File, 1, 1),
                                   findingAt(File, 2, 1)};
  SourceCache Sources;
  assignFingerprints(Findings, Sources, Root);
  const std::string Baseline =
      Dir.write("baseline.json", baselineText({&Findings[0]}, Root));

  llvm::Expected<llvm::StringSet<>> Known = readBaseline(Baseline);
  ASSERT_TRUE(static_cast<bool>(Known)) << llvm::toString(Known.takeError());
  EXPECT_EQ(Known->size(), 1u);
  EXPECT_TRUE(Known->contains(Findings[0].Fingerprint));
  EXPECT_FALSE(Known->contains(Findings[1].Fingerprint));
}

TEST(BaselineTest, RefusesAFileThatIsNotABaseline) {
  TestDirectory Dir;
  const std::string Bad = Dir.write("bad.json", "{\"version\": 2}");
  llvm::Expected<llvm::StringSet<>> Known = readBaseline(Bad);
  ASSERT_FALSE(static_cast<bool>(Known));
  EXPECT_EQ(llvm::toString(Known.takeError()),
            "invalid baseline '" + Bad +
                "': not a maptidy baseline (version 1)");
}

} // namespace
} // namespace maptidy
