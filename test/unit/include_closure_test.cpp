//===--- include_closure_test.cpp - maptidy tests -------------------------===//
//
// Which files may include a header, from the text of their #include lines:
// never less than the preprocessor would include within the project.
//
//===----------------------------------------------------------------------===//

#include "DriverTestFiles.h"
#include "IncludeClosure.h"

namespace maptidy {
namespace {

class IncludeClosureTest : public ::testing::Test {
protected:
  IncludeClosureTest() : Root(Dir.path()) {
    llvm::sys::fs::create_directories(Dir.path().str() + "/src/detail");
    llvm::sys::fs::create_directories(Dir.path().str() + "/tools");
    Header = Dir.write("src/detail/grid.h", "struct Grid {};\n");
  }

  std::optional<std::string> reaching(llvm::ArrayRef<std::string> Starts) {
    IncludeClosure Includes(Root, {});
    return Includes.firstReaching(Starts, Header);
  }

  TestDirectory Dir;
  ProjectRoot Root;
  std::string Header;
};

TEST_F(IncludeClosureTest, AnIncludeNamesEveryFileItsPathEnds) {
  const std::string Quoted =
      Dir.write("tools/quoted.cpp", "#include \"detail/grid.h\"\n");
  const std::string Bracketed =
      Dir.write("tools/bracketed.cpp", "  #  include <grid.h> // grid\n");
  const std::string Dots =
      Dir.write("tools/dots.cpp", "#include \"../src/./detail/grid.h\"\n");
  const std::string Next =
      Dir.write("tools/next.cpp", "#include_next <grid.h>\n");
  const std::string Other = Dir.write(
      "tools/other.cpp", "#include \"tail/grid.h\"\n#include \"rid.h\"\n"
                         "#include <vector>\n// #include \"grid.h\"\n");
  EXPECT_EQ(reaching({Quoted}), Quoted);
  EXPECT_EQ(reaching({Bracketed}), Bracketed);
  EXPECT_EQ(reaching({Dots}), Dots);
  EXPECT_EQ(reaching({Next}), Next);
  EXPECT_EQ(reaching({Other}), std::nullopt);
  EXPECT_EQ(reaching({Other, Quoted}), Quoted);
}

TEST_F(IncludeClosureTest, IncludesAreFollowedThroughProjectHeaders) {
  Dir.write("src/report.h", "#pragma once\n#include \"detail/grid.h\"\n");
  Dir.write("src/view.h", "#include \"report.h\"\n");
  const std::string Through =
      Dir.write("tools/show.cpp", "#include <view.h>\n");
  IncludeClosure Includes(Root, {});
  EXPECT_EQ(Includes.firstReaching({Through}, Header), Through);
  EXPECT_FALSE(Includes.includes(Through, Header));
}

TEST_F(IncludeClosureTest, ACycleEnds) {
  Dir.write("src/a.h", "#include \"b.h\"\n");
  Dir.write("src/b.h", "#include \"a.h\"\n");
  const std::string Start = Dir.write("tools/cycle.cpp", "#include \"a.h\"\n");
  EXPECT_EQ(reaching({Start}), std::nullopt);
  Dir.write("src/b.h", "#include \"a.h\"\n#include \"grid.h\"\n");
  EXPECT_EQ(reaching({Start}), Start);
}

TEST_F(IncludeClosureTest, AMacroOrAnUnreadableFileMayReachAnything) {
  Dir.write("src/config.h",
            "#define PLATFORM \"posix.h\"\n#include PLATFORM\n");
  const std::string Macro =
      Dir.write("tools/macro.cpp", "#include \"config.h\"\n");
  EXPECT_EQ(reaching({Macro}), Macro);
  const std::string Continued =
      Dir.write("tools/continued.cpp", "#include \\\n  \"vector\"\n");
  EXPECT_EQ(reaching({Continued}), Continued);
  const std::string Missing = Dir.path().str() + "/tools/generated.cpp";
  EXPECT_EQ(reaching({Missing}), Missing);
  const std::string Plain = Dir.write("tools/plain.cpp", "#include <vector>\n");
  EXPECT_EQ(reaching({Plain}), std::nullopt);
}

TEST_F(IncludeClosureTest, BuildDirectoriesHoldOnlyKnownFiles) {
  llvm::sys::fs::create_directories(Dir.path().str() + "/build");
  Dir.write("build/CMakeCache.txt", "");
  const std::string Generated =
      Dir.write("build/generated.h", "#include \"detail/grid.h\"\n");
  const std::string Start =
      Dir.write("tools/gen.cpp", "#include \"generated.h\"\n");
  EXPECT_EQ(reaching({Start}), std::nullopt);
  IncludeClosure Includes(Root, {Generated});
  EXPECT_EQ(Includes.firstReaching({Start}, Header), Start);
}

TEST_F(IncludeClosureTest, AHeaderIsFoundThroughASymbolicLink) {
  llvm::sys::fs::create_directories(Dir.path().str() + "/include");
  ASSERT_FALSE(llvm::sys::fs::create_link("../src/detail",
                                          Dir.path().str() + "/include/grid"));
  Dir.write("src/detail/grid.tpp", "#include \"grid/grid.h\"\n");
  const std::string Start =
      Dir.write("tools/linked.cpp", "#include \"detail/grid.tpp\"\n");
  IncludeClosure Includes(Root, {});
  EXPECT_EQ(Includes.firstReaching({Start}, Header), Start);
  EXPECT_TRUE(
      Includes.includes(Dir.path().str() + "/src/detail/grid.tpp", Header));
}

TEST_F(IncludeClosureTest, FilesOutsideTheRootAreNotFollowed) {
  TestDirectory Outside;
  Outside.write("bridge.h", "#include \"detail/grid.h\"\n");
  const std::string Start = Dir.write("tools/out.cpp", "#include <bridge.h>\n");
  IncludeClosure Includes(Root, {Outside.path().str() + "/bridge.h"});
  EXPECT_EQ(Includes.firstReaching({Start}, Header), std::nullopt);
  // A start is read wherever it is.
  const std::string OutsideStart =
      Outside.write("unit.cpp", "#include \"grid.h\"\n");
  EXPECT_EQ(Includes.firstReaching({OutsideStart}, Header), OutsideStart);
}

} // namespace
} // namespace maptidy
