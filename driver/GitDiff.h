//===--- GitDiff.h - maptidy ----------------------------------------------===//
//
// --diff-base REF: the lines added or changed since REF, from git. The work
// tree (with staged and unstaged changes, and untracked files) is compared
// with the merge base of REF and HEAD, so that commits that reached REF after
// the branch forked do not count as changes of the branch.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_GITDIFF_H
#define MAPTIDY_DRIVER_GITDIFF_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <string>
#include <utility>
#include <vector>

namespace maptidy {

class ChangedLines {
public:
  bool contains(llvm::StringRef Path, unsigned Line) const;
  /// The absolute paths of the files changed, sorted.
  std::vector<std::string> files() const;

  /// Marks lines [First, Last] of \p Path (absolute) as changed.
  void add(llvm::StringRef Path, unsigned First, unsigned Last);

private:
  llvm::StringMap<std::vector<std::pair<unsigned, unsigned>>> Ranges;
};

/// The lines changed since \p Ref in the git work tree around the working
/// directory. In a repository without commits, "HEAD" means everything is
/// new.
llvm::Expected<ChangedLines> changedLinesSince(llvm::StringRef Ref);

/// Whether \p Ref names the commit checked out (HEAD) in the git work tree
/// around the working directory.
llvm::Expected<bool> isCheckedOut(llvm::StringRef Ref);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_GITDIFF_H
