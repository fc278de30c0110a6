//===--- line_endings_test.cpp - maptidy tests ----------------------------===//

#include "DriverTestFiles.h"
#include "LineEndings.h"

namespace maptidy {
namespace {

TEST(LineEndingsTest, FollowsMostLines) {
  EXPECT_TRUE(usesCRLF("a\r\nb\r\n"));
  EXPECT_TRUE(usesCRLF("a\r\nb\r\nc\n"));
  EXPECT_FALSE(usesCRLF("a\nb\n"));
  EXPECT_FALSE(usesCRLF("a\r\nb\n"));
  EXPECT_FALSE(usesCRLF(""));
}

TEST(LineEndingsTest, ConvertsBareLineFeedsOnly) {
  EXPECT_EQ(withCRLF("a;\n  b;\n"), "a;\r\n  b;\r\n");
  EXPECT_EQ(withCRLF("a;\r\nb;\n"), "a;\r\nb;\r\n");
  EXPECT_EQ(withCRLF("\n"), "\r\n");
  EXPECT_EQ(withCRLF("no line end"), "no line end");
}

TEST(LineEndingsTest, GivesFixItsTheLineEndsOfTheirFile) {
  TestDirectory Dir;
  const std::string Crlf = Dir.write("crlf.cpp", "int a;\r\nint b;\r\n");
  const std::string Lf = Dir.write("lf.cpp", "int a;\nint b;\n");
  Finding F = findingWithFix("check", {{Crlf, 0, 0, "#include <a>\n"},
                                       {Crlf, 8, 0, "x();\n  y();\n"},
                                       {Lf, 0, 0, "#include <a>\n"}});
  clang::tooling::DiagnosticMessage Note("a note");
  llvm::cantFail(
      Note.Fix[Crlf].add(clang::tooling::Replacement(Crlf, 0, 0, "// note\n")));
  F.Error.Notes.push_back(Note);
  SourceCache Sources;
  matchLineEndings(F.Error, Sources);

  std::vector<std::string> CrlfTexts;
  for (const auto &R : F.Error.Message.Fix[Crlf])
    CrlfTexts.push_back(R.getReplacementText().str());
  EXPECT_EQ(CrlfTexts, (std::vector<std::string>{"#include <a>\r\n",
                                                 "x();\r\n  y();\r\n"}));
  EXPECT_EQ(F.Error.Message.Fix[Lf].begin()->getReplacementText(),
            "#include <a>\n");
  EXPECT_EQ(F.Error.Notes[0].Fix[Crlf].begin()->getReplacementText(),
            "// note\r\n");
}

} // namespace
} // namespace maptidy
