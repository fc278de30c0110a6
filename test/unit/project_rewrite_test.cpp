//===--- project_rewrite_test.cpp - maptidy tests -------------------------===//
//
// The decision of a project-wide rewrite: applied as one fix-it on every
// finding of the declaration when the run saw every use and every use can
// be rewritten; otherwise a note that names what blocks it.
//
//===----------------------------------------------------------------------===//

#include "DriverTestFiles.h"
#include "ProjectRewriteDecision.h"

using clang::tidy::maptidy::ProjectRewritePart;
using clang::tooling::DiagnosticMessage;
using clang::tooling::Replacement;

namespace maptidy {
namespace {

DiagnosticMessage at(llvm::StringRef File, unsigned Offset,
                     llvm::StringRef Text = "") {
  DiagnosticMessage Message(Text);
  Message.FilePath = File.str();
  Message.FileOffset = Offset;
  return Message;
}

class ProjectRewriteTest : public ::testing::Test {
protected:
  ProjectRewriteTest()
      : Root(Dir.path()),
        Header(Dir.write("grid.h", "struct Grid { Map cells; };\n")),
        A(Dir.write("a.cpp", "#include \"grid.h\"\nA\n")),
        B(Dir.write("b.cpp", "#include \"grid.h\"\nB\n")) {
    Coverage.KnowsEveryUnit = true;
    Coverage.Root = &Root;
    Files = {A, B};
  }

  /// Unit \p Unit's part: a finding at the declaration when \p WithFinding,
  /// edits of the header and of the unit's own file.
  ProjectRewritePart part(llvm::StringRef UnitFile, bool WithFinding) {
    ProjectRewritePart Part;
    Part.Check = "maptidy-nested-map-key";
    Part.Key = "c:@S@Grid@FI@cells";
    Part.Declaration = at(Header, 18, "'cells'");
    if (WithFinding)
      Part.Findings.push_back(at(Header, 18));
    llvm::cantFail(Part.Edits[Header].add(Replacement(Header, 14, 3, "Flat")));
    llvm::cantFail(
        Part.Edits[UnitFile].add(Replacement(UnitFile, 18, 1, "rewritten")));
    return Part;
  }

  /// Unit \p UnitFile's part when a use at \p Where blocks the rewrite.
  ProjectRewritePart blockedPart(llvm::StringRef UnitFile, bool WithFinding,
                                 DiagnosticMessage Where) {
    ProjectRewritePart Part = part(UnitFile, WithFinding);
    Part.Edits.clear();
    Part.Blocker = std::move(Where);
    return Part;
  }

  /// The finding at the declaration, as the merge leaves it.
  void addFinding() {
    Finding F = findingWithFix("maptidy-nested-map-key", {});
    F.Error.Message.FilePath = Header;
    F.Error.Message.FileOffset = 18;
    F.Path = Header;
    Merged.Findings.push_back(std::move(F));
  }

  const clang::tidy::ClangTidyError &decide() {
    decideProjectRewrites(Merged, Files, Coverage);
    return Merged.Findings.front().Error;
  }

  TestDirectory Dir;
  ProjectRoot Root;
  std::string Header, A, B;
  std::vector<std::string> Files;
  ProjectCoverage Coverage;
  MergedResults Merged;
};

TEST_F(ProjectRewriteTest, EveryUnitAgreesSoTheFindingCarriesAllEdits) {
  addFinding();
  Merged.RewriteParts.emplace_back(0, part(A, /*WithFinding=*/true));
  Merged.RewriteParts.emplace_back(1, part(B, /*WithFinding=*/false));
  const auto &Error = decide();
  EXPECT_TRUE(Error.Notes.empty());
  ASSERT_EQ(Error.Message.Fix.size(), 3u);
  EXPECT_EQ(Error.Message.Fix.lookup(Header).size(), 1u); // shared, once
  EXPECT_EQ(Error.Message.Fix.lookup(A).size(), 1u);
  EXPECT_EQ(Error.Message.Fix.lookup(B).size(), 1u);
}

TEST_F(ProjectRewriteTest, AUseThatCannotBeRewrittenBlocksItWherever) {
  addFinding();
  Merged.RewriteParts.emplace_back(0, part(A, true));
  Merged.RewriteParts.emplace_back(
      1, blockedPart(B, false,
                     at(B, 18, "'cells' is iterated here; no fix is offered")));
  const auto &Error = decide();
  EXPECT_TRUE(Error.Message.Fix.empty());
  ASSERT_EQ(Error.Notes.size(), 1u);
  EXPECT_EQ(Error.Notes[0].Message,
            "'cells' is iterated here; no fix is offered");
  EXPECT_EQ(Error.Notes[0].FilePath, B);
}

TEST_F(ProjectRewriteTest, AUseThatCannotBeRewrittenComesBeforeAMissingHeader) {
  addFinding();
  Merged.RewriteParts.emplace_back(
      0,
      blockedPart(A, true,
                  at(Header, 18, "'cells' needs a header; no fix is offered")));
  Merged.RewriteParts.emplace_back(
      1, blockedPart(B, false,
                     at(B, 18, "'cells' is iterated here; no fix is offered")));
  const auto &Error = decide();
  ASSERT_EQ(Error.Notes.size(), 1u);
  EXPECT_EQ(Error.Notes[0].FilePath, B);
}

TEST_F(ProjectRewriteTest, ARunWithoutADatabaseCannotProveItSawEveryUse) {
  Coverage.KnowsEveryUnit = false;
  addFinding();
  Merged.RewriteParts.emplace_back(0, part(A, true));
  const auto &Error = decide();
  EXPECT_TRUE(Error.Message.Fix.empty());
  ASSERT_EQ(Error.Notes.size(), 1u);
  EXPECT_EQ(Error.Notes[0].Message,
            "'cells' is visible outside this translation unit; 'maptidy -p "
            "<build> --fix' on the whole project rewrites it in every file");
}

TEST_F(ProjectRewriteTest, AUnitLeftOutThatMayIncludeTheHeaderIsNamed) {
  Files = {A};
  Coverage.UnanalyzedUnit =
      [&](llvm::StringRef Path) -> std::optional<std::string> {
    if (Path == Header)
      return B;
    return std::nullopt;
  };
  addFinding();
  Merged.RewriteParts.emplace_back(0, part(A, true));
  const auto &Error = decide();
  EXPECT_TRUE(Error.Message.Fix.empty());
  ASSERT_EQ(Error.Notes.size(), 1u);
  EXPECT_EQ(Error.Notes[0].Message,
            "'" + B +
                "' was not analyzed and may use 'cells'; 'maptidy -p <build> "
                "--fix' on the whole project rewrites it in every file");
}

TEST_F(ProjectRewriteTest, UnitsLeftOutThatCannotIncludeTheHeaderDoNotBlock) {
  Files = {A};
  Coverage.UnanalyzedUnit = [](llvm::StringRef) { return std::nullopt; };
  addFinding();
  Merged.RewriteParts.emplace_back(0, part(A, true));
  const auto &Error = decide();
  EXPECT_TRUE(Error.Notes.empty());
  EXPECT_EQ(Error.Message.Fix.size(), 2u);
}

TEST_F(ProjectRewriteTest, AUnitThatDoesNotCompileMayHideUses) {
  addFinding();
  Merged.RewriteParts.emplace_back(0, part(A, true));
  Merged.UncompiledReaders[Header].push_back(1);
  const auto &Error = decide();
  EXPECT_TRUE(Error.Message.Fix.empty());
  ASSERT_EQ(Error.Notes.size(), 1u);
  EXPECT_EQ(Error.Notes[0].Message,
            "'" + B +
                "' does not compile and may use 'cells'; no fix is offered");
}

TEST_F(ProjectRewriteTest, UnitsThatNeedDifferentEditsBlockIt) {
  addFinding();
  Merged.RewriteParts.emplace_back(0, part(A, true));
  ProjectRewritePart Other = part(B, false);
  Other.Edits[Header] = {};
  llvm::cantFail(Other.Edits[Header].add(Replacement(Header, 14, 3, "Tree")));
  Merged.RewriteParts.emplace_back(1, std::move(Other));
  const auto &Error = decide();
  EXPECT_TRUE(Error.Message.Fix.empty());
  ASSERT_EQ(Error.Notes.size(), 1u);
  EXPECT_NE(Error.Notes[0].Message.find("need different edits"),
            std::string::npos);
}

TEST_F(ProjectRewriteTest, PublicAndOutsideHeadersAreNeverRewritten) {
  Coverage.IsPublic = [&](llvm::StringRef Path) { return Path == Header; };
  addFinding();
  Merged.RewriteParts.emplace_back(0, part(A, true));
  const auto &Error = decide();
  EXPECT_TRUE(Error.Message.Fix.empty());
  ASSERT_EQ(Error.Notes.size(), 1u);
  EXPECT_NE(Error.Notes[0].Message.find("public header"), std::string::npos);

  EXPECT_TRUE(matchesPublicHeaders(Header, "include/**;grid.*", Root));
  EXPECT_FALSE(matchesPublicHeaders(Header, "include/*", Root));
}

TEST_F(ProjectRewriteTest, AnIncluderMissingFromTheDatabaseIsNamed) {
  llvm::sys::fs::create_directories(Root.path().str() + "/build");
  Dir.write("build/CMakeCache.txt", "");
  Dir.write("build/generated.cpp", "#include \"../grid.h\"\n");
  Dir.write("notes.txt", "#include \"grid.h\"\n");
  Dir.write("other.h", "#include <vector>\n");
  llvm::StringSet<> Analyzed;
  for (const std::string &File : {Header, A, B})
    Analyzed.insert(File);
  {
    IncludeClosure Includes(Root, {});
    IncluderSearch Search(Includes, Analyzed);
    EXPECT_EQ(Search.find(Header), std::nullopt);
  }
  const std::string Tool = Dir.write("tool.cpp", "# include <grid.h>\n");
  IncludeClosure Includes(Root, {});
  IncluderSearch Search(Includes, Analyzed);
  EXPECT_EQ(Search.find(Header), Tool);
  Coverage.UnanalyzedIncluder = [&](llvm::StringRef Path) {
    return Search.find(Path);
  };
  addFinding();
  Merged.RewriteParts.emplace_back(0, part(A, true));
  const auto &Error = decide();
  ASSERT_EQ(Error.Notes.size(), 1u);
  EXPECT_EQ(Error.Notes[0].Message,
            "'" + Tool +
                "' is not in the compilation database and may use 'cells'; "
                "no fix is offered");
}

} // namespace
} // namespace maptidy
