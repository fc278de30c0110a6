//===--- WorkerPool.h - maptidy -------------------------------------------===//
//
// Runs the worker processes, at most N at a time, and collects what each
// wrote back, in the order of the files whatever the order they finish in.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_WORKERPOOL_H
#define MAPTIDY_DRIVER_WORKERPOOL_H

#include "Progress.h"
#include "Worker.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <vector>

namespace maptidy {

struct UnitOutcome {
  /// Empty when the worker failed.
  std::optional<UnitResult> Result;
  /// Why the worker failed.
  std::string Failure;
  /// What the worker printed (clang's own messages, a crash's stack dump).
  std::string Log;
};

/// The hidden options that turn maptidy into a worker.
inline constexpr char WorkerFileOption[] = "worker-file";
inline constexpr char WorkerResultOption[] = "worker-result";

/// Runs `Executable --worker-file=F --worker-result=R Args...` for each file F
/// of \p Files, \p Jobs at a time. A worker still running after
/// \p TimeoutSeconds (0: no limit) is killed and its file reported as failed.
std::vector<UnitOutcome> runWorkers(llvm::StringRef Executable,
                                    llvm::ArrayRef<std::string> Args,
                                    llvm::ArrayRef<std::string> Files,
                                    unsigned Jobs, unsigned TimeoutSeconds,
                                    ProgressLine &Progress);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_WORKERPOOL_H
