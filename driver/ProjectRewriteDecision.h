//===--- ProjectRewriteDecision.h - maptidy ------------------------------===//
//
// The second phase of a project-wide rewrite (checks/ProjectRewrites.h):
// after every unit has been analyzed, a declaration other units can name is
// rewritten only when the run proves it has seen every use and every use can
// be rewritten. Then its findings carry all the edits, in every file, as one
// fix-it (applied whole or not at all by --fix); otherwise they get a note
// naming what blocks it, in whichever file it is.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_PROJECTREWRITEDECISION_H
#define MAPTIDY_DRIVER_PROJECTREWRITEDECISION_H

#include "Findings.h"
#include "IncludeClosure.h"
#include "ProjectRoot.h"
#include "llvm/ADT/StringSet.h"
#include <functional>
#include <optional>
#include <string>

namespace maptidy {

/// What the run covered.
struct ProjectCoverage {
  /// The run knows every translation unit of the project: a compilation
  /// database lists them.
  bool KnowsEveryUnit = false;
  /// The project's files; a declaration outside is never rewritten.
  const ProjectRoot *Root = nullptr;
  /// Whether a header is public (PublicHeaders): not the project's alone.
  std::function<bool(llvm::StringRef Path)> IsPublic;
  /// A file of the compilation database that the run did not analyze and
  /// that may include the header \p Path, if there is one.
  std::function<std::optional<std::string>(llvm::StringRef Path)>
      UnanalyzedUnit;
  /// A file of the project outside the compilation database that no
  /// analyzed unit read and that includes the header \p Path, if there is
  /// one.
  std::function<std::optional<std::string>(llvm::StringRef Path)>
      UnanalyzedIncluder;
};

/// Decides the rewrite of each declaration of \p Merged's parts (of the
/// units \p Files) and gives its findings the fix-it or the note.
void decideProjectRewrites(MergedResults &Merged,
                           llvm::ArrayRef<std::string> Files,
                           const ProjectCoverage &Coverage);

/// The first of the files IncludeClosure lists below the project root,
/// other than \p Known, with an #include that may name \p Header.
class IncluderSearch {
public:
  IncluderSearch(IncludeClosure &Includes, llvm::StringSet<> Known)
      : Includes(Includes), Known(std::move(Known)) {}
  std::optional<std::string> find(llvm::StringRef Header);

private:
  IncludeClosure &Includes;
  llvm::StringSet<> Known;
};

/// Whether \p Path matches one of \p Globs (';'-separated, relative to
/// \p Root; '*' matches across '/' too); invalid globs match nothing and
/// are reported by the configuration check.
bool matchesPublicHeaders(llvm::StringRef Path, llvm::StringRef Globs,
                          const ProjectRoot &Root);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_PROJECTREWRITEDECISION_H
