//===--- ProjectRewrites.cpp - maptidy ------------------------------------===//

#include "ProjectRewrites.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Tooling/Core/Replacement.h"

namespace clang::tidy::maptidy {

static ProjectRewriteCollector *Installed = nullptr;

ProjectRewriteCollector *projectRewriteCollector() { return Installed; }

void setProjectRewriteCollector(ProjectRewriteCollector *Collector) {
  Installed = Collector;
}

bool reportProjectRewrite(StringRef Check, const NamedDecl &Decl,
                          ArrayRef<SourceLocation> Findings,
                          ArrayRef<FixItHint> Edits, SourceLocation BlockedAt,
                          StringRef BlockReason) {
  if (!Installed)
    return false;
  SmallString<128> USR;
  if (index::generateUSRForDecl(&Decl, USR))
    return false;
  const ASTContext &Context = Decl.getASTContext();
  const SourceManager &SM = Context.getSourceManager();
  ProjectRewritePart Part;
  Part.Check = Check.str();
  Part.Key = USR.str().str();
  Part.Declaration = tooling::DiagnosticMessage(
      Decl.getQualifiedNameAsString(), SM,
      SM.getFileLoc(Decl.getLocation()));
  for (SourceLocation Loc : Findings)
    Part.Findings.emplace_back("", SM, SM.getFileLoc(Loc));
  if (BlockedAt.isValid()) {
    Part.Blocker = tooling::DiagnosticMessage(BlockReason, SM,
                                              SM.getFileLoc(BlockedAt));
  } else {
    std::vector<tooling::Replacement> Replacements;
    for (const FixItHint &Hint : Edits)
      Replacements.emplace_back(SM, Hint.RemoveRange, Hint.CodeToInsert,
                                Context.getLangOpts());
    // Equal edits (an #include two uses need) are kept once.
    llvm::sort(Replacements);
    Replacements.erase(std::unique(Replacements.begin(), Replacements.end()),
                       Replacements.end());
    for (const tooling::Replacement &Edit : Replacements)
      if (llvm::Error Error = Part.Edits[Edit.getFilePath()].add(Edit)) {
        llvm::consumeError(std::move(Error));
        return false;
      }
  }
  Installed->add(std::move(Part));
  return true;
}

} // namespace clang::tidy::maptidy
