//===--- SarifReport.cpp - maptidy ----------------------------------------===//
//
// --format=sarif: SARIF 2.1.0 as GitHub code scanning reads it. Paths are
// relative to %SRCROOT% (the project root); columns count UTF-16 code units,
// SARIF's default; each shard of a sharded run has its own category.
//
//===----------------------------------------------------------------------===//

#include "CheckTraits.h"
#include "Report.h"
#include "RuleDocs.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <set>

using clang::tooling::Replacement;

namespace maptidy {

namespace {

constexpr llvm::StringLiteral RootId = "%SRCROOT%";

class SarifWriter {
public:
  SarifWriter(const ReportInput &Input, llvm::raw_ostream &OS)
      : Input(Input), J(OS, /*IndentSize=*/2) {}

  void write() {
    std::set<std::string> Checks;
    for (const std::string &Check : documentedChecks())
      Checks.insert(Check);
    for (const ReportedFinding &R : Input.Findings)
      Checks.insert(R.F->Error.DiagnosticName);
    for (const std::string &Check : Checks)
      RuleIndex.try_emplace(Check, RuleIndex.size());

    J.object([&] {
      J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      J.attribute("version", "2.1.0");
      J.attributeArray("runs", [&] { J.object([&] { run(Checks); }); });
    });
  }

private:
  void run(const std::set<std::string> &Checks) {
    J.attributeObject("tool", [&] {
      J.attributeObject("driver", [&] {
        J.attribute("name", "maptidy");
        J.attribute("version", MAPTIDY_VERSION);
        J.attribute("semanticVersion", MAPTIDY_VERSION);
        J.attributeArray("rules", [&] {
          for (const std::string &Check : Checks)
            rule(Check);
        });
      });
    });
    if (Input.Part.Count > 1)
      J.attributeObject("automationDetails", [&] {
        J.attribute("id", "maptidy/shard-" + std::to_string(Input.Part.Index) +
                              "-of-" + std::to_string(Input.Part.Count) + "/");
      });
    J.attributeObject("originalUriBaseIds", [&] {
      J.attributeObject(
          RootId, [&] { J.attribute("uri", jsonText(Input.Root.uri())); });
    });
    J.attribute("columnKind", "utf16CodeUnits");
    J.attributeArray("results", [&] {
      for (const ReportedFinding &R : Input.Findings)
        result(R);
    });
    J.attributeArray("invocations", [&] {
      J.object([&] {
        J.attribute("executionSuccessful", Input.Problems.empty());
        J.attributeArray("toolExecutionNotifications", [&] {
          for (const UnitProblem &Problem : Input.Problems)
            J.object([&] {
              J.attribute("level", "error");
              message("'" + Input.Root.relative(Problem.File) + "' " +
                      Problem.Message);
              J.attributeArray("locations", [&] {
                J.object([&] {
                  J.attributeObject("physicalLocation",
                                    [&] { artifact(Problem.File); });
                });
              });
            });
        });
      });
    });
  }

  void rule(const std::string &Check) {
    const RuleDoc Doc = ruleDoc(Check);
    J.object([&] {
      J.attribute("id", Check);
      J.attributeObject("shortDescription", [&] {
        J.attribute("text", jsonText(Doc.ShortDescription));
      });
      J.attributeObject("fullDescription", [&] {
        J.attribute("text", jsonText(Doc.FullDescription));
      });
      J.attributeObject("help", [&] {
        J.attribute("text", jsonText(Doc.HelpText));
        J.attribute("markdown", jsonText(Doc.HelpMarkdown));
      });
      if (!Doc.HelpUri.empty())
        J.attribute("helpUri", Doc.HelpUri);
      const CheckTraits Traits = checkTraits(Check);
      J.attributeObject("defaultConfiguration", [&] {
        J.attribute("level", Traits.Defect ? "error" : "warning");
      });
      J.attributeObject("properties", [&] {
        J.attributeArray("tags", [&] {
          for (llvm::StringRef Tag : Traits.Tags)
            J.value(Tag);
        });
        J.attribute("precision", Traits.Precision);
        J.attribute("problem.severity", Traits.Defect ? "error"
                                        : Traits.Category == "Style"
                                            ? "recommendation"
                                            : "warning");
        if (!Traits.SecuritySeverity.empty())
          J.attribute("security-severity", Traits.SecuritySeverity);
      });
    });
  }

  void message(llvm::StringRef Text) {
    J.attributeObject("message", [&] { J.attribute("text", jsonText(Text)); });
  }

  void artifact(llvm::StringRef File) {
    J.attributeObject("artifactLocation", [&] {
      if (Input.Root.contains(File)) {
        J.attribute("uri", jsonText(uriPath(Input.Root.relative(File))));
        J.attribute("uriBaseId", RootId);
      } else {
        J.attribute("uri", jsonText("file://" + uriPath(File)));
      }
    });
  }

  void point(llvm::StringRef Prefix, llvm::StringRef File, unsigned Offset) {
    const Position Where = Input.Sources.position(File, Offset);
    J.attribute((Prefix + "Line").str(), Where.Line);
    J.attribute((Prefix + "Column").str(),
                Input.Sources.utf16Column(File, Where));
  }

  /// A physicalLocation member for \p Offset in \p File (absolute), with
  /// \p Length bytes.
  void physical(llvm::StringRef File, unsigned Offset, unsigned Length = 0) {
    J.attributeObject("physicalLocation", [&] {
      artifact(File);
      J.attributeObject("region", [&] {
        point("start", File, Offset);
        point("end", File, Offset + Length);
      });
    });
  }

  /// The length of the source range clang-tidy highlights at the finding,
  /// when it starts there.
  static unsigned highlighted(const clang::tidy::ClangTidyError &Error) {
    for (const clang::tooling::FileByteRange &Range : Error.Message.Ranges)
      if (Range.FilePath == Error.Message.FilePath &&
          Range.FileOffset == Error.Message.FileOffset)
        return Range.Length;
    return 0;
  }

  /// A fix-it as a SARIF fix, its edits grouped by file.
  void fix(llvm::StringRef Description,
           const llvm::StringMap<clang::tooling::Replacements> &Fix,
           llvm::StringRef BuildDirectory) {
    J.object([&] {
      J.attributeObject("description",
                        [&] { J.attribute("text", jsonText(Description)); });
      J.attributeArray("artifactChanges", [&] {
        for (const auto &Entry : Fix) {
          const std::string File = resolvePath(BuildDirectory, Entry.getKey());
          J.object([&] {
            artifact(File);
            J.attributeArray("replacements", [&] {
              for (const Replacement &R : Entry.getValue())
                J.object([&] {
                  J.attributeObject("deletedRegion", [&] {
                    point("start", File, R.getOffset());
                    point("end", File, R.getOffset() + R.getLength());
                  });
                  J.attributeObject("insertedContent", [&] {
                    J.attribute("text", jsonText(R.getReplacementText()));
                  });
                });
            });
          });
        }
      });
    });
  }

  void result(const ReportedFinding &R) {
    const Finding &F = *R.F;
    const clang::tidy::ClangTidyError &Error = F.Error;
    J.object([&] {
      J.attribute("ruleId", Error.DiagnosticName);
      J.attribute("ruleIndex", RuleIndex.lookup(Error.DiagnosticName));
      J.attribute("level", levelName(F));
      message(Error.Message.Message);
      if (!F.Path.empty())
        J.attributeArray("locations", [&] {
          J.object([&] {
            physical(F.Path, Error.Message.FileOffset, highlighted(Error));
          });
        });
      // GitHub matches results across commits by primaryLocationLineHash
      // only; the fingerprint is of the finding's line, as its is.
      J.attributeObject("partialFingerprints", [&] {
        J.attribute("maptidy/v1", F.Fingerprint);
        J.attribute("primaryLocationLineHash", F.Fingerprint);
      });
      J.attributeArray("relatedLocations", [&] {
        unsigned Id = 0;
        for (const clang::tooling::DiagnosticMessage &Note : Error.Notes) {
          if (Note.FilePath.empty())
            continue;
          J.object([&] {
            J.attribute("id", Id++);
            message(Note.Message);
            physical(resolvePath(Error.BuildDirectory, Note.FilePath),
                     Note.FileOffset);
          });
        }
      });
      J.attributeArray("fixes", [&] {
        if (!Error.Message.Fix.empty())
          fix("Fix-it of " + Error.DiagnosticName, Error.Message.Fix,
              Error.BuildDirectory);
        for (const clang::tooling::DiagnosticMessage &Note : Error.Notes)
          if (!Note.Fix.empty())
            fix(Note.Message, Note.Fix, Error.BuildDirectory);
      });
      if (!R.FixRefused.empty())
        J.attributeObject("properties", [&] {
          J.attribute("fixRefused", jsonText(R.FixRefused));
        });
    });
  }

  const ReportInput &Input;
  llvm::json::OStream J;
  llvm::StringMap<unsigned> RuleIndex;
};

} // namespace

void writeSarifReport(const ReportInput &Input, llvm::raw_ostream &OS) {
  SarifWriter(Input, OS).write();
  OS << "\n";
}

} // namespace maptidy
