//===--- PreCommit.h - maptidy --------------------------------------------===//
//
// --pre-commit: the lines to analyze when pre-commit runs maptidy, from what
// pre-commit and git tell hooks. A hook's command line is the same for a
// commit, `pre-commit run --all-files` and `pre-commit run --from-ref A
// --to-ref B`, and each asks for other lines.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_PRECOMMIT_H
#define MAPTIDY_DRIVER_PRECOMMIT_H

#include "llvm/Support/Error.h"
#include <string>

namespace maptidy {

/// The --diff-base of this run of the hook: the from-ref of `--from-ref`/
/// `--to-ref` (and of pre-push hooks), HEAD for a commit, or none (whole
/// files) otherwise.
llvm::Expected<std::string> preCommitDiffBase();

} // namespace maptidy

#endif // MAPTIDY_DRIVER_PRECOMMIT_H
