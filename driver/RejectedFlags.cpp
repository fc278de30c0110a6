//===--- RejectedFlags.cpp - maptidy --------------------------------------===//

#include "RejectedFlags.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticDriver.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Driver/Compilation.h"
#include "clang/Driver/Driver.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/TargetParser/Host.h"
#include <memory>

using namespace clang::tooling;

namespace maptidy {

namespace {

/// A flag the driver rejected, as its error names it: an unknown option
/// (Value empty), or an option and the value it does not take.
struct Rejection {
  std::string Option;
  std::string Value;
};

/// Keeps the driver's errors about rejected flags; the driver reports
/// nothing else that its recovery drops.
class RejectionCollector : public clang::DiagnosticConsumer {
public:
  std::vector<Rejection> Rejections;

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    const unsigned ID = Info.getID();
    if (ID == clang::diag::err_drv_unknown_argument ||
        ID == clang::diag::err_drv_unknown_argument_with_suggestion)
      Rejections.push_back({text(Info, 0), ""});
    else if (ID == clang::diag::err_drv_unsupported_option_argument)
      Rejections.push_back({text(Info, 0), text(Info, 1)});
  }

private:
  static std::string text(const clang::Diagnostic &Info, unsigned Index) {
    if (Index >= Info.getNumArgs())
      return "";
    if (Info.getArgKind(Index) == clang::DiagnosticsEngine::ak_std_string)
      return Info.getArgStdStr(Index);
    if (Info.getArgKind(Index) == clang::DiagnosticsEngine::ak_c_string)
      return Info.getArgCStr(Index);
    return "";
  }
};

} // namespace

/// What clang's driver rejects in \p Command, building the compilation as
/// the analysis will (inputs need not exist).
static std::vector<Rejection> rejections(const CommandLineArguments &Command) {
  clang::DiagnosticOptions Options;
  RejectionCollector Collector;
  clang::DiagnosticsEngine Diagnostics(clang::DiagnosticIDs::create(), Options,
                                       &Collector, /*ShouldOwnClient=*/false);
  clang::driver::Driver Driver(
      Command.front(), llvm::sys::getDefaultTargetTriple(), Diagnostics);
  Driver.setCheckInputsExist(false);
  std::vector<const char *> Argv;
  for (const std::string &Argument : Command)
    Argv.push_back(Argument.c_str());
  // Built for the errors it reports on the way.
  const std::unique_ptr<clang::driver::Compilation> Compilation(
      Driver.BuildCompilation(Argv));
  return std::move(Collector.Rejections);
}

CommandLineArguments RejectedFlags::drop(const CommandLineArguments &Command) {
  if (Command.empty())
    return Command;
  std::lock_guard<std::mutex> Guard(Lock);
  auto [Known, New] = Kept.try_emplace(Command);
  if (!New)
    return Known->second;
  const std::vector<Rejection> Rejected = rejections(Command);
  CommandLineArguments &Result = Known->second;
  for (size_t I = 0; I < Command.size(); ++I) {
    const std::string &Argument = Command[I];
    // An option and its value in one argument, or the value in the next.
    const bool Joined =
        I > 0 && llvm::any_of(Rejected, [&](const Rejection &R) {
          return Argument == R.Option + R.Value;
        });
    const bool Separate = I > 0 && I + 1 < Command.size() &&
                          llvm::any_of(Rejected, [&](const Rejection &R) {
                            return !R.Value.empty() && Argument == R.Option &&
                                   Command[I + 1] == R.Value;
                          });
    if (!Joined && !Separate) {
      Result.push_back(Argument);
      continue;
    }
    const std::string Flag =
        Separate ? Argument + " " + Command[I + 1] : Argument;
    if (Seen.insert(Flag).second)
      Dropped.push_back(Flag);
    I += Separate;
  }
  return Result;
}

std::vector<std::string> RejectedFlags::dropped() const {
  std::lock_guard<std::mutex> Guard(Lock);
  return Dropped;
}

} // namespace maptidy
