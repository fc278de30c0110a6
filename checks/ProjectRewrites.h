//===--- ProjectRewrites.h - maptidy --------------------------------------===//
//
// Rewrites of a declaration that other translation units can name (a member
// of a class in a header, say). One translation unit cannot prove such a
// rewrite complete, so a check reports its part of it: the declaration, its
// findings, and the edits of the uses it sees or the first use it cannot
// rewrite. The maptidy driver gathers the parts of every unit and applies
// the rewrite when all of them agree (driver/ProjectRewriteDecision.h);
// clang-tidy and clangd, which see one unit, install no collector.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_PROJECTREWRITES_H
#define MAPTIDY_CHECKS_PROJECTREWRITES_H

#include "DeclarationRewrite.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

/// One translation unit's part of the rewrite of one declaration.
struct ProjectRewritePart {
  std::string Check;
  /// The declaration's USR: the same in every unit that sees it.
  std::string Key;
  /// The declaration: its name quoted ('m'), and where it is.
  tooling::DiagnosticMessage Declaration;
  /// Where this unit's findings about the declaration are (message unused).
  std::vector<tooling::DiagnosticMessage> Findings;
  /// The edits of the declaration and of this unit's uses, with the
  /// #include they need.
  llvm::StringMap<tooling::Replacements> Edits;
  /// When some use cannot be rewritten: the first, and why.
  std::optional<tooling::DiagnosticMessage> Blocker;
  /// What every unit must see the same besides the edits, in the check's
  /// words (the way a concatenated key is built); empty when nothing.
  std::string Agreement;
};

/// Where the parts go while one translation unit is analyzed.
class ProjectRewriteCollector {
public:
  void add(ProjectRewritePart Part) { Parts.push_back(std::move(Part)); }
  std::vector<ProjectRewritePart> take() { return std::move(Parts); }

private:
  std::vector<ProjectRewritePart> Parts;
};

/// The collector of the unit being analyzed; null unless the maptidy driver
/// installed one.
ProjectRewriteCollector *projectRewriteCollector();
void setProjectRewriteCollector(ProjectRewriteCollector *Collector);

/// The note of a declaration other units can name, where a run cannot see
/// all of them: one translation unit (clang-tidy, clangd), or a run of some
/// files that left out \p UnanalyzedUnit, which may use it. Inline: the
/// driver's decision gives the same note without linking the checks.
inline std::string projectWideFixNote(StringRef QuotedName,
                                      StringRef UnanalyzedUnit = "") {
  return (UnanalyzedUnit.empty()
              ? QuotedName.str() + " is visible outside this translation unit"
              : "'" + UnanalyzedUnit.str() + "' was not analyzed and may use " +
                    QuotedName.str()) +
         "; 'maptidy -p <build> --fix' on the whole project rewrites it in "
         "every file";
}

/// For a check's finding about \p Decl, which other translation units can
/// name: when the maptidy driver collects parts, reports this unit's (the
/// locations of its \p Findings about \p Decl, and \p Fix, every edit
/// with its #include, unless \p Blocker says why there is none) and returns
/// true; the driver then gives the findings their fix-it or note. Returns
/// false elsewhere. \p Agreement: see ProjectRewritePart.
bool deferProjectRewrite(StringRef Check, const DeclaratorDecl &Decl,
                         ArrayRef<SourceLocation> Findings,
                         ArrayRef<FixItHint> Fix,
                         const std::optional<RewriteBlocker> &Blocker,
                         StringRef Agreement = "");

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_PROJECTREWRITES_H
