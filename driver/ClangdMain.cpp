//===--- ClangdMain.cpp - maptidy-clangd ----------------------------------===//
//
// clangd with the maptidy checks linked in: editors get maptidy's diagnostics
// and fix-its as quick fixes. Everything else is stock clangd, but for three
// functions of clangd's that the link wraps (-Wl,--wrap, driver/CMakeLists.txt)
// because clangd has no other hook for them:
// - isFastTidyCheck: clangd's FastCheckFilter (Strict by default) runs only
//   checks it knows to be fast; maptidy's checks that measure below clangd's
//   threshold are known to be fast here (docs/editors.md);
// - provideDefaultChecks: where no .clang-tidy or clangd configuration names
//   checks, maptidy's run along with clangd's defaults;
// - versionString: --version and the server's LSP serverInfo name maptidy.
// Its output goes through a filter that links maptidy's diagnostics to
// maptidy's pages (LspDocLinks.h).
//
//===----------------------------------------------------------------------===//

#include "ClangTidyOptions.h"
#include "LspDocLinks.h"
#include "llvm/ADT/FunctionExtras.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <optional>
#include <string>

namespace clang::tidy {
// Keeps the maptidy module in the static link.
extern volatile int MaptidyModuleAnchorSource;
[[maybe_unused]] static int MaptidyModuleAnchorDestination =
    MaptidyModuleAnchorSource;
} // namespace clang::tidy

namespace clang::clangd {
// Defined in libclangdMain.a; LLVM does not ship clangd's headers.
int clangdMain(int argc, char *argv[]);
using TidyProvider =
    llvm::unique_function<void(tidy::ClangTidyOptions &, llvm::StringRef) const>;
} // namespace clang::clangd

using clang::clangd::TidyProvider;

// clangd's own functions, and the wrappers the linker calls instead.
std::optional<bool> realIsFastTidyCheck(llvm::StringRef Check) __asm__(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> isFastTidyCheck(llvm::StringRef Check) __asm__(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
TidyProvider realProvideDefaultChecks() __asm__(
    "__real__ZN5clang6clangd20provideDefaultChecksEv");
TidyProvider provideDefaultChecks() __asm__(
    "__wrap__ZN5clang6clangd20provideDefaultChecksEv");
std::string realVersionString() __asm__(
    "__real__ZN5clang6clangd13versionStringB5cxx11Ev");
std::string versionString() __asm__(
    "__wrap__ZN5clang6clangd13versionStringB5cxx11Ev");

/// maptidy's checks whose overhead, measured as clangd measures its own
/// (bench/clangd_check_time.py), is within clangd's budget for fast checks.
static constexpr llvm::StringLiteral FastChecks[] = {
    "maptidy-concatenated-map-key",
    "maptidy-nested-map-key",
    "maptidy-unreserved-append",
    "maptidy-unsorted-map-to-vector",
    "maptidy-unsynchronized-map-access",
};

std::optional<bool> isFastTidyCheck(llvm::StringRef Check) {
  if (llvm::is_contained(FastChecks, Check))
    return true;
  return realIsFastTidyCheck(Check);
}

TidyProvider provideDefaultChecks() {
  return [Defaults = realProvideDefaultChecks()](
             clang::tidy::ClangTidyOptions &Options, llvm::StringRef File) {
    const bool Unconfigured = !Options.Checks || Options.Checks->empty();
    Defaults(Options, File);
    if (Unconfigured && Options.Checks)
      *Options.Checks += ",maptidy-*";
  };
}

std::string versionString() {
  return "maptidy-clangd " MAPTIDY_VERSION " (" + realVersionString() + ")";
}

/// Where diagnostics link to: the docs URL the build was configured with,
/// else the installed docs next to the binary, else the source tree's.
static std::string docsBase(const char *Argv0) {
  if (llvm::StringRef Url = MAPTIDY_DOCS_URL; !Url.empty())
    return Url.str();
  const std::string Executable = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&docsBase));
  llvm::SmallString<256> Docs(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Executable)));
  llvm::sys::path::append(Docs, MAPTIDY_INSTALLED_DOCS);
  if (!llvm::sys::fs::is_directory(Docs))
    Docs = MAPTIDY_SOURCE_DOCS;
  return "file://" + Docs.str().str() + "/";
}

int main(int argc, char *argv[]) {
  maptidy::filterStandardOutput(docsBase(argv[0]));
  return clang::clangd::clangdMain(argc, argv);
}
