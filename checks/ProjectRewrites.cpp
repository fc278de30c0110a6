//===--- ProjectRewrites.cpp - maptidy ------------------------------------===//

#include "ProjectRewrites.h"
#include "UserReferences.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::maptidy {

static ProjectRewriteCollector *Installed = nullptr;

ProjectRewriteCollector *projectRewriteCollector() { return Installed; }

void setProjectRewriteCollector(ProjectRewriteCollector *Collector) {
  Installed = Collector;
}

std::string projectKey(const Decl &D) {
  SmallString<128> USR;
  return index::generateUSRForDecl(&D, USR) ? std::string() : USR.str().str();
}

bool ProjectRewriteCollector::reported(StringRef Check, StringRef Key) const {
  return llvm::any_of(Parts, [&](const ProjectRewritePart &Part) {
    return Part.Check == Check && Part.Key == Key;
  });
}

bool deferProjectRewrite(StringRef Check, const DeclaratorDecl &Decl,
                         ArrayRef<SourceLocation> Findings,
                         ArrayRef<FixItHint> Fix,
                         const std::optional<RewriteBlocker> &Blocker,
                         StringRef Agreement) {
  if (!Installed)
    return false;
  std::string Key = projectKey(Decl);
  if (Key.empty())
    return false;
  const ASTContext &Context = Decl.getASTContext();
  const SourceManager &SM = Context.getSourceManager();
  ProjectRewritePart Part;
  Part.Check = Check.str();
  Part.Key = std::move(Key);
  Part.Agreement = Agreement.str();
  Part.Declaration = tooling::DiagnosticMessage(
      quotedName(Decl), SM, SM.getFileLoc(Decl.getLocation()));
  for (SourceLocation Loc : Findings)
    Part.Findings.emplace_back("", SM, SM.getFileLoc(Loc));
  if (Blocker) {
    Part.Blocker =
        tooling::DiagnosticMessage(Blocker->Reason + "; no fix is offered", SM,
                                   SM.getFileLoc(Blocker->Where));
  } else {
    std::vector<tooling::Replacement> Edits;
    for (const FixItHint &Hint : Fix)
      Edits.emplace_back(SM, Hint.RemoveRange, Hint.CodeToInsert,
                         Context.getLangOpts());
    // Equal edits (an #include two uses need) are kept once.
    llvm::sort(Edits);
    Edits.erase(std::unique(Edits.begin(), Edits.end()), Edits.end());
    for (const tooling::Replacement &Edit : Edits)
      if (llvm::Error Error = Part.Edits[Edit.getFilePath()].add(Edit)) {
        llvm::consumeError(std::move(Error));
        return false;
      }
  }
  Installed->add(std::move(Part));
  return true;
}

void reportProjectRewriteUses(StringRef Check, ASTContext &Context,
                              ArrayRef<const DeclaratorDecl *> Candidates,
                              UsesPlanner PlanUses) {
  if (!Installed)
    return;
  const SourceManager &SM = Context.getSourceManager();
  llvm::MapVector<const Decl *, std::vector<const Expr *>> UsesOf;
  for (const DeclaratorDecl *Candidate : Candidates) {
    const auto &Canonical =
        *cast<DeclaratorDecl>(Candidate->getCanonicalDecl());
    if (SM.isInMainFile(SM.getExpansionLoc(Canonical.getLocation())) ||
        scopeOf(Canonical, SM) != DeclarationScope::Project)
      continue;
    if (const std::string Key = projectKey(Canonical);
        !Key.empty() && !Installed->reported(Check, Key))
      UsesOf.insert({&Canonical, {}});
  }
  if (UsesOf.empty())
    return;
  collectUserReferences(Context, [&](const ValueDecl &Target) {
    auto It = UsesOf.find(&Target);
    return It == UsesOf.end() ? nullptr : &It->second;
  });
  for (const auto &[Candidate, Uses] : UsesOf) {
    if (Uses.empty())
      continue;
    const auto &Decl = *cast<DeclaratorDecl>(Candidate);
    const DeclarationRewritePlan Plan = PlanUses(Decl, Uses);
    deferProjectRewrite(Check, Decl, {}, Plan.Edits, Plan.Blocker);
  }
}

} // namespace clang::tidy::maptidy
