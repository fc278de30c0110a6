//===--- WorkerPool.h - maptidy -------------------------------------------===//
//
// Runs the worker processes, at most N at a time, and collects what each
// wrote back, in the order of the files whatever the order they finish in.
// A worker is a fork of maptidy itself: it starts with the configuration and
// the compilation database already loaded, and a crash or a hang in it costs
// one file.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_WORKERPOOL_H
#define MAPTIDY_DRIVER_WORKERPOOL_H

#include "Progress.h"
#include "Worker.h"
#include "llvm/ADT/ArrayRef.h"
#include <functional>
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

/// Analyzes one file; called in the worker process.
using UnitAnalyzer = std::function<UnitResult(const std::string &File)>;

/// Runs \p Analyze on each file of \p Files in a worker process of its own,
/// \p Jobs at a time. A worker still running after \p TimeoutSeconds
/// (0: no limit) is killed and its file reported as failed.
std::vector<UnitOutcome> runWorkers(const UnitAnalyzer &Analyze,
                                    llvm::ArrayRef<std::string> Files,
                                    unsigned Jobs, unsigned TimeoutSeconds,
                                    ProgressLine &Progress);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_WORKERPOOL_H
