//===--- JsonReport.cpp - maptidy -----------------------------------------===//
//
// --format=json: the schema is documented in docs/cli.md; version 1 only
// ever gains members.
//
//===----------------------------------------------------------------------===//

#include "Report.h"
#include "llvm/Support/JSON.h"

using clang::tooling::Replacement;

namespace maptidy {

std::string jsonText(llvm::StringRef Text) {
  return llvm::json::isUTF8(Text) ? Text.str() : llvm::json::fixUTF8(Text);
}

llvm::StringRef levelName(const Finding &F) {
  return F.isError() ? "error" : "warning";
}

namespace {

class JsonWriter {
public:
  JsonWriter(const ReportInput &Input, llvm::raw_ostream &OS)
      : Input(Input), J(OS, /*IndentSize=*/2) {}

  void write() {
    J.object([&] {
      J.attribute("version", 1);
      J.attributeObject("tool", [&] {
        J.attribute("name", "maptidy");
        J.attribute("version", MAPTIDY_VERSION);
      });
      J.attribute("root", jsonText(Input.Root.path()));
      J.attributeObject("shard", [&] {
        J.attribute("index", Input.Part.Index);
        J.attribute("count", Input.Part.Count);
      });
      J.attribute("files", static_cast<int64_t>(Input.Files));
      J.attributeArray("findings", [&] {
        for (const ReportedFinding &R : Input.Findings)
          finding(R);
      });
      J.attributeArray("problems", [&] {
        for (const UnitProblem &Problem : Input.Problems)
          J.object([&] {
            J.attribute("file", path(Problem.File));
            J.attribute("message", jsonText(Problem.Message));
          });
      });
    });
  }

private:
  std::string path(llvm::StringRef Absolute) {
    return jsonText(Input.Root.relative(Absolute));
  }

  void location(llvm::StringRef File, unsigned Offset) {
    if (File.empty())
      return;
    const Position Where = Input.Sources.position(File, Offset);
    J.attribute("file", path(File));
    J.attribute("line", Where.Line);
    J.attribute("column", Where.Column);
  }

  void replacements(const llvm::StringMap<clang::tooling::Replacements> &Fix,
                    llvm::StringRef BuildDirectory) {
    for (const auto &Entry : Fix)
      for (const Replacement &R : Entry.getValue())
        J.object([&] {
          location(resolvePath(BuildDirectory, R.getFilePath()), R.getOffset());
          J.attribute("offset", R.getOffset());
          J.attribute("length", R.getLength());
          J.attribute("replacement", jsonText(R.getReplacementText()));
        });
  }

  void finding(const ReportedFinding &R) {
    const Finding &F = *R.F;
    const clang::tidy::ClangTidyError &Error = F.Error;
    J.object([&] {
      J.attribute("check", Error.DiagnosticName);
      J.attribute("level", levelName(F));
      J.attribute("message", jsonText(Error.Message.Message));
      location(F.Path, Error.Message.FileOffset);
      J.attribute("fingerprint", F.Fingerprint);
      J.attributeArray("fix", [&] {
        replacements(Error.Message.Fix, Error.BuildDirectory);
      });
      J.attribute("fixed", R.Fixed);
      if (R.FixRefused.empty())
        J.attribute("fixRefused", nullptr);
      else
        J.attribute("fixRefused", jsonText(R.FixRefused));
      J.attributeArray("notes", [&] {
        for (const clang::tooling::DiagnosticMessage &Note : Error.Notes)
          J.object([&] {
            J.attribute("message", jsonText(Note.Message));
            location(Note.FilePath.empty()
                         ? std::string()
                         : resolvePath(Error.BuildDirectory, Note.FilePath),
                     Note.FileOffset);
            J.attributeArray(
                "fix", [&] { replacements(Note.Fix, Error.BuildDirectory); });
          });
      });
    });
  }

  const ReportInput &Input;
  llvm::json::OStream J;
};

} // namespace

void writeJsonReport(const ReportInput &Input, llvm::raw_ostream &OS) {
  JsonWriter(Input, OS).write();
  OS << "\n";
}

} // namespace maptidy
