//===--- WorkerPool.cpp - maptidy -----------------------------------------===//

#include "WorkerPool.h"
#include "AtomicFile.h"
#include "ExitCodes.h"
#include "Termination.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace maptidy {

namespace {

using Clock = std::chrono::steady_clock;

/// Lets the parent sleep until a worker ends, a termination signal arrives or
/// a deadline passes. Those signals are blocked while the pool runs, so one
/// that arrives between a poll of the workers and the wait stays pending and
/// ends the wait at once; the disposition of SIGCHLD is the default one, as an
/// ignored SIGCHLD would reap the workers before the pool could read their
/// status.
class SignalWait {
public:
  SignalWait() : Terminating(terminationSignals()), Awaited(Terminating) {
    sigaddset(&Awaited, SIGCHLD);
    struct sigaction Default = {};
    Default.sa_handler = SIG_DFL;
    sigemptyset(&Default.sa_mask);
    ::sigaction(SIGCHLD, &Default, &SavedAction);
    ::pthread_sigmask(SIG_BLOCK, &Awaited, &SavedMask);
  }
  ~SignalWait() { restore(); }
  SignalWait(const SignalWait &) = delete;
  SignalWait &operator=(const SignalWait &) = delete;

  /// Returns when a signal awaited is pending or at \p Deadline, and at the
  /// latest after a second, in case the signal went to another thread.
  void waitUntil(Clock::time_point Deadline) {
    const Clock::time_point Latest = Clock::now() + std::chrono::seconds(1);
    const auto Left = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::max(std::min(Deadline, Latest) - Clock::now(), Clock::duration()));
    struct timespec Timeout;
    Timeout.tv_sec = Left.count() / 1000000000;
    Timeout.tv_nsec = Left.count() % 1000000000;
    const int Signal = ::sigtimedwait(&Awaited, nullptr, &Timeout);
    if (Signal > 0 && sigismember(&Terminating, Signal))
      Received = Signal;
  }

  /// The termination signal that arrived, or 0.
  int termination() {
    if (!Received) {
      const struct timespec Now = {};
      const int Signal = ::sigtimedwait(&Terminating, nullptr, &Now);
      Received = Signal > 0 ? Signal : 0;
    }
    return Received;
  }

  /// Puts back the signal state maptidy was started with; a worker starts
  /// with it too.
  void restore() const {
    ::pthread_sigmask(SIG_SETMASK, &SavedMask, nullptr);
    ::sigaction(SIGCHLD, &SavedAction, nullptr);
  }

private:
  sigset_t Terminating;
  sigset_t Awaited;
  sigset_t SavedMask;
  struct sigaction SavedAction;
  int Received = 0;
};

struct Running {
  size_t Index;
  llvm::sys::ProcessInfo Process;
  Clock::time_point Deadline;
};

class Pool {
public:
  Pool(const UnitAnalyzer &Analyze, llvm::ArrayRef<std::string> Files,
       llvm::StringRef Scratch, unsigned TimeoutSeconds)
      : Analyze(Analyze), Files(Files), Scratch(Scratch),
        TimeoutSeconds(TimeoutSeconds), Outcomes(Files.size()) {}

  /// The outcomes, in the order of the files; empty when a termination
  /// signal (see interruption()) stopped the workers.
  std::vector<UnitOutcome> run(unsigned Jobs, ProgressLine &Progress) {
    size_t Next = 0, Done = 0;
    std::vector<Running> Active;
    while (Done < Files.size()) {
      if (Signals.termination()) {
        stopAll(Active);
        return {};
      }
      while (Next < Files.size() && Active.size() < Jobs) {
        if (!start(Next, Active))
          ++Done;
        Progress.update(Done, Files[Next]);
        ++Next;
      }
      bool Finished = false;
      for (size_t I = 0; I < Active.size();) {
        std::string Message;
        llvm::sys::ProcessInfo Status =
            llvm::sys::Wait(Active[I].Process, /*SecondsToWait=*/0, &Message);
        if (Status.Pid == 0 && !expired(Active[I])) { // Still running.
          ++I;
          continue;
        }
        if (Status.Pid == 0)
          stop(Active[I]);
        else
          collect(Active[I].Index, Status, Message);
        Active.erase(Active.begin() + I);
        ++Done;
        Finished = true;
      }
      if (Finished && !Active.empty())
        Progress.update(Done, Files[Active.front().Index]);
      else if (!Finished)
        Signals.waitUntil(nextDeadline(Active));
    }
    return std::move(Outcomes);
  }

  /// The termination signal received while the pool ran, or 0.
  int interruption() { return Signals.termination(); }

private:
  std::string path(size_t Index, llvm::StringRef Suffix) const {
    llvm::SmallString<256> Path(Scratch);
    llvm::sys::path::append(Path, std::to_string(Index) + Suffix.str());
    return std::string(Path);
  }

  bool start(size_t Index, std::vector<Running> &Active) {
    // What is buffered now would otherwise be written twice.
    llvm::outs().flush();
    std::fflush(nullptr);
    const pid_t Parent = ::getpid();
    const pid_t Pid = ::fork();
    if (Pid < 0) {
      Outcomes[Index].Failure =
          "cannot start a worker: " + std::string(std::strerror(errno));
      return false;
    }
    if (Pid == 0) {
      // A worker must not outlive maptidy, however maptidy ends; the parent
      // may have ended before the request took effect.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != Parent)
        ::_exit(ExitCouldNotRun);
      Signals.restore();
      work(Index);
    }
    llvm::sys::ProcessInfo Process;
    Process.Pid = Pid;
    Active.push_back(
        {Index, Process, Clock::now() + std::chrono::seconds(TimeoutSeconds)});
    return true;
  }

  /// The worker: analyzes the file with its output going to the file's log,
  /// writes the result and exits without running the parent's exit handlers.
  [[noreturn]] void work(size_t Index) {
    const int Input = ::open("/dev/null", O_RDONLY);
    const int Log =
        ::open(path(Index, ".log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (Input < 0 || Log < 0 || ::dup2(Input, STDIN_FILENO) < 0 ||
        ::dup2(Log, STDOUT_FILENO) < 0 || ::dup2(Log, STDERR_FILENO) < 0)
      ::_exit(ExitCouldNotRun);
    int Status = ExitClean;
    if (llvm::Error Error = writeFileAtomically(
            path(Index, ".result"), encodeUnitResult(Analyze(Files[Index])))) {
      reportError(llvm::toString(std::move(Error)));
      Status = ExitCouldNotRun;
    }
    llvm::outs().flush();
    ::_exit(Status);
  }

  Clock::time_point nextDeadline(llvm::ArrayRef<Running> Active) const {
    Clock::time_point Next = Clock::time_point::max();
    if (TimeoutSeconds != 0)
      for (const Running &Worker : Active)
        Next = std::min(Next, Worker.Deadline);
    return Next;
  }

  bool expired(const Running &Worker) const {
    return TimeoutSeconds != 0 && Clock::now() >= Worker.Deadline;
  }

  /// Kills a worker that ran out of time and reaps it.
  void stop(const Running &Worker) {
    ::kill(Worker.Process.Pid, SIGKILL);
    llvm::sys::Wait(Worker.Process, /*SecondsToWait=*/std::nullopt);
    readLog(Worker.Index);
    Outcomes[Worker.Index].Failure =
        "timed out after " + std::to_string(TimeoutSeconds) + " s";
  }

  /// Kills the workers still running and reaps them.
  static void stopAll(llvm::ArrayRef<Running> Active) {
    for (const Running &Worker : Active)
      ::kill(Worker.Process.Pid, SIGKILL);
    for (const Running &Worker : Active)
      llvm::sys::Wait(Worker.Process, /*SecondsToWait=*/std::nullopt);
  }

  void readLog(size_t Index) {
    if (auto Log = llvm::MemoryBuffer::getFile(path(Index, ".log")))
      Outcomes[Index].Log = (*Log)->getBuffer().str();
  }

  void collect(size_t Index, const llvm::sys::ProcessInfo &Status,
               llvm::StringRef Message) {
    UnitOutcome &Outcome = Outcomes[Index];
    readLog(Index);
    if (Status.ReturnCode != 0) {
      Outcome.Failure =
          Status.ReturnCode == -2
              ? "crashed (" + Message.str() + ")"
              : "failed (exit status " + std::to_string(Status.ReturnCode) +
                    (Message.empty() ? "" : ": " + Message.str()) + ")";
      return;
    }
    auto Data = llvm::MemoryBuffer::getFile(path(Index, ".result"));
    if (!Data) {
      Outcome.Failure = "wrote no result";
      return;
    }
    llvm::Expected<UnitResult> Result = decodeUnitResult((*Data)->getBuffer());
    if (!Result) {
      Outcome.Failure = llvm::toString(Result.takeError());
      return;
    }
    Outcome.Result = std::move(*Result);
  }

  SignalWait Signals;
  const UnitAnalyzer &Analyze;
  llvm::ArrayRef<std::string> Files;
  llvm::StringRef Scratch;
  unsigned TimeoutSeconds;
  std::vector<UnitOutcome> Outcomes;
};

} // namespace

std::vector<UnitOutcome> runWorkers(const UnitAnalyzer &Analyze,
                                    llvm::ArrayRef<std::string> Files,
                                    unsigned Jobs, unsigned TimeoutSeconds,
                                    ProgressLine &Progress) {
  llvm::SmallString<256> Prefix, Scratch;
  llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Prefix);
  llvm::sys::path::append(Prefix, "maptidy");
  if (std::error_code Error =
          llvm::sys::fs::createUniqueDirectory(Prefix, Scratch)) {
    std::vector<UnitOutcome> Outcomes(Files.size());
    for (UnitOutcome &Outcome : Outcomes)
      Outcome.Failure =
          "cannot create a temporary directory: " + Error.message();
    return Outcomes;
  }
  Pool Workers(Analyze, Files, Scratch, TimeoutSeconds);
  std::vector<UnitOutcome> Outcomes = Workers.run(Jobs, Progress);
  llvm::sys::fs::remove_directories(Scratch);
  if (const int Signal = Workers.interruption()) {
    Progress.clear();
    endBySignal(Signal);
  }
  return Outcomes;
}

} // namespace maptidy
