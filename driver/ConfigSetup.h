//===--- ConfigSetup.h - maptidy ------------------------------------------===//
//
// Builds clang-tidy's options provider the way clang-tidy does (.clang-tidy
// files, --config, --config-file, command-line overrides), with `maptidy-*` as
// the default check set, and rejects configuration that would silently do
// something else than asked: unparsable config files and unknown checks.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_CONFIGSETUP_H
#define MAPTIDY_DRIVER_CONFIGSETUP_H

#include "ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace maptidy {

/// The checks run when neither the command line nor a config file names any.
inline constexpr char DefaultChecks[] = "maptidy-*";

/// Configuration given on the command line; unset members were not given.
struct ConfigRequest {
  std::optional<std::string> Checks;
  std::optional<std::string> WarningsAsErrors;
  std::optional<std::string> HeaderFilter;
  std::optional<std::string> ExcludeHeaderFilter;
  std::optional<bool> SystemHeaders;
  std::optional<std::string> FormatStyle;
  std::optional<bool> UseColor;
  std::string LineFilter;
  std::string Config;
  std::string ConfigFile;
  /// Arguments removed from each compile command (--removed-arg).
  std::vector<std::string> RemovedArgs;
  /// Whether the checks of 'CustomChecks' exist (--experimental-custom-checks).
  bool ExperimentalCustomChecks = false;
};

llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
createOptionsProvider(const ConfigRequest &Request);

/// Fails on a .clang-tidy file that applies to one of \p Files and does not
/// parse, and on check names (there or in \p Request) that match no check.
/// Problems of a project's .clang-tidy are warnings unless \p Strict.
llvm::Error validateConfiguration(const ConfigRequest &Request,
                                  const std::vector<std::string> &Files,
                                  bool Strict = false);

/// Whether \p Options enable any check: one of the module checks, or else one
/// of the analyzer's, whose registry is slow to list.
bool anyCheckEnabled(const clang::tidy::ClangTidyOptions &Options,
                     bool ExperimentalCustomChecks);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_CONFIGSETUP_H
