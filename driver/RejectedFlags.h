//===--- RejectedFlags.h - maptidy ----------------------------------------===//
//
// Compile commands written for another compiler carry flags that clang's
// driver rejects: GCC's compile_commands.json, or CMake running maptidy as
// the CLANG_TIDY launcher of a GCC build, pass options clang does not know
// (-ftree-loop-vectorize) and values it does not take (-flto=2). The driver
// reports an error for each and goes on without it, so every file would be
// reported as not compiling although its analysis is complete. The analysis
// drops them instead, as clangd recovers from them, and the run notes them
// once.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_REJECTEDFLAGS_H
#define MAPTIDY_DRIVER_REJECTEDFLAGS_H

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace maptidy {

/// Drops the flags clang's driver rejects from compile commands and records
/// which, for every command of a run.
class RejectedFlags {
public:
  /// \p Command (the compiler first) without the flags clang's driver
  /// rejects as unknown or as a value it does not take.
  clang::tooling::CommandLineArguments
  drop(const clang::tooling::CommandLineArguments &Command);

  /// The flags dropped so far, each once, in the order first met.
  std::vector<std::string> dropped() const;

private:
  mutable std::mutex Lock;
  std::map<clang::tooling::CommandLineArguments,
           clang::tooling::CommandLineArguments>
      Kept;
  std::vector<std::string> Dropped;
  llvm::StringSet<> Seen;
};

} // namespace maptidy

#endif // MAPTIDY_DRIVER_REJECTEDFLAGS_H
