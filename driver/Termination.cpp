//===--- Termination.cpp - maptidy ----------------------------------------===//

#include "Termination.h"
#include <pthread.h>
#include <unistd.h>

namespace maptidy {

static constexpr int Terminating[] = {SIGINT, SIGTERM, SIGHUP};

sigset_t terminationSignals() {
  sigset_t Signals;
  sigemptyset(&Signals);
  for (int Signal : Terminating)
    sigaddset(&Signals, Signal);
  return Signals;
}

void endBySignal(int Signal) {
  struct sigaction Default = {};
  Default.sa_handler = SIG_DFL;
  sigemptyset(&Default.sa_mask);
  ::sigaction(Signal, &Default, nullptr);
  ::raise(Signal);
  sigset_t Only;
  sigemptyset(&Only);
  sigaddset(&Only, Signal);
  ::pthread_sigmask(SIG_UNBLOCK, &Only, nullptr);
  // Not reached: the default action of the termination signals ends the
  // process as soon as the signal is unblocked.
  ::_exit(128 + Signal);
}

TerminationDeferred::TerminationDeferred() {
  const sigset_t Signals = terminationSignals();
  ::pthread_sigmask(SIG_BLOCK, &Signals, &SavedMask);
}

TerminationDeferred::~TerminationDeferred() {
  sigset_t Pending;
  sigpending(&Pending);
  for (int Signal : Terminating)
    if (sigismember(&Pending, Signal) && !sigismember(&SavedMask, Signal))
      endBySignal(Signal);
  ::pthread_sigmask(SIG_SETMASK, &SavedMask, nullptr);
}

} // namespace maptidy
