//===--- Termination.h - maptidy ------------------------------------------===//
//
// SIGINT, SIGTERM and SIGHUP end a run early, and leave nothing behind: the
// worker pool waits for them as it waits for its workers (and then ends the
// workers and removes its scratch folder), and --fix holds them back while it
// replaces files. maptidy then ends by the signal itself, so that a shell sees
// 130, 143 or 129. Elsewhere LLVM's handlers apply: they remove the files
// registered with llvm::sys::RemoveFileOnSignal and end the process the same
// way.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_TERMINATION_H
#define MAPTIDY_DRIVER_TERMINATION_H

#include <csignal>

namespace maptidy {

/// SIGINT, SIGTERM and SIGHUP.
sigset_t terminationSignals();

/// Ends the process by \p Signal with the signal's default action, whatever
/// handler or mask was set.
[[noreturn]] void endBySignal(int Signal);

/// Holds the termination signals back while it lives; one that arrived
/// meanwhile ends the process when it is destroyed.
class TerminationDeferred {
public:
  TerminationDeferred();
  ~TerminationDeferred();
  TerminationDeferred(const TerminationDeferred &) = delete;
  TerminationDeferred &operator=(const TerminationDeferred &) = delete;

private:
  sigset_t SavedMask;
};

} // namespace maptidy

#endif // MAPTIDY_DRIVER_TERMINATION_H
