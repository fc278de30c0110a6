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

#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class NamedDecl;
} // namespace clang

namespace clang::tidy::maptidy {

/// One translation unit's part of the rewrite of one declaration.
struct ProjectRewritePart {
  std::string Check;
  /// The declaration's USR: the same in every unit that sees it.
  std::string Key;
  /// The declaration: its name, and where it is.
  tooling::DiagnosticMessage Declaration;
  /// Where this unit's findings about the declaration are (message unused).
  std::vector<tooling::DiagnosticMessage> Findings;
  /// The edits of the declaration and of this unit's uses, with the
  /// #include they need.
  llvm::StringMap<tooling::Replacements> Edits;
  /// When some use cannot be rewritten: the first, and why.
  std::optional<tooling::DiagnosticMessage> Blocker;
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

/// Reports \p Decl's part, when a collector is installed: \p Findings are
/// the locations of this unit's findings about it; \p Edits apply when
/// \p BlockedAt is invalid, else \p BlockReason says why they cannot.
/// Returns whether a collector took it.
bool reportProjectRewrite(StringRef Check, const NamedDecl &Decl,
                          ArrayRef<SourceLocation> Findings,
                          ArrayRef<FixItHint> Edits, SourceLocation BlockedAt,
                          StringRef BlockReason);

/// The note of a finding whose fix needs the whole project, where no
/// collector is installed: %0 is the declaration.
inline constexpr const char ProjectWideFixNote[] =
    "%0 is visible outside this translation unit; 'maptidy -p <build> --fix' "
    "rewrites it in every file of the project";

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_PROJECTREWRITES_H
