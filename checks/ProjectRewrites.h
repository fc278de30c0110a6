//===--- ProjectRewrites.h - maptidy --------------------------------------===//
//
// Rewrites of a declaration that other translation units can name (a member
// of a class in a header, say). One translation unit cannot prove such a
// rewrite complete, so a check reports its part of it: the declaration, its
// findings, and the edits of the uses it sees or the first use it cannot
// rewrite. The maptidy driver gathers the parts of every unit and applies
// the rewrite when all of them agree (driver/ProjectRewriteDecision.h);
// clang-tidy and clangd, which see one unit, install no collector.
// Likewise the lock records of a class whose member functions several units
// define: the driver votes its guards over all of them
// (driver/ProjectGuardDecision.h).
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_PROJECTREWRITES_H
#define MAPTIDY_CHECKS_PROJECTREWRITES_H

#include "DeclarationRewrite.h"
#include "GuardVote.h"
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

/// A finding of unsynchronized-map-access that holds only if the run's vote
/// (GuardVote.h) makes \c Guard the guard of \c Map.
struct ConditionalGuardFinding {
  std::string Map, Guard;
  /// The member function it is in (MethodRecord::Key).
  std::string Method;
  /// The finding's place, and its message without the held-count clause.
  tooling::DiagnosticMessage Where;
  /// An unguarded access (else a write under a shared lock).
  bool Unguarded = true;
};

/// One translation unit's records of a class whose member functions other
/// units may define: the driver votes the guards over all units' records.
struct ProjectGuardPart {
  std::string Check;
  /// The class's USR.
  std::string Key;
  std::vector<std::string> Mutexes;
  unsigned GuardedPercent = 0;
  /// The member functions this unit defines.
  std::vector<MethodRecord> Methods;
  /// This unit's findings under each possible guard.
  std::vector<ConditionalGuardFinding> Findings;
};

/// Where the parts go while one translation unit is analyzed.
class ProjectRewriteCollector {
public:
  void add(ProjectRewritePart Part) { Parts.push_back(std::move(Part)); }
  void add(ProjectGuardPart Part) { Guards.push_back(std::move(Part)); }
  std::vector<ProjectRewritePart> take() { return std::move(Parts); }
  std::vector<ProjectGuardPart> takeGuards() { return std::move(Guards); }
  /// Whether \p Check reported a part for the declaration \p Key.
  bool reported(StringRef Check, StringRef Key) const;

private:
  std::vector<ProjectRewritePart> Parts;
  std::vector<ProjectGuardPart> Guards;
};

/// \p D's USR: the same in every unit that sees it; empty if it has none.
std::string projectKey(const Decl &D);

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

/// The plan of a declaration's rewrite in this unit, given the uses it has
/// here: every edit with its #include, or the first blocker.
using UsesPlanner = llvm::function_ref<DeclarationRewritePlan(
    const DeclaratorDecl &Decl, ArrayRef<const Expr *> Uses)>;

/// For a check whose findings about a declaration are in some units only
/// (the copy of a member map in one file, not the uses that fill it in
/// others): reports this unit's part of the rewrite of each of
/// \p Candidates that is declared outside the main file, can be named by
/// other units, is used here and was not reported here with a finding, so
/// that the decision sees every use. Call it at the end of the unit, after
/// the findings. Does nothing without a collector.
void reportProjectRewriteUses(StringRef Check, ASTContext &Context,
                              ArrayRef<const DeclaratorDecl *> Candidates,
                              UsesPlanner PlanUses);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_PROJECTREWRITES_H
