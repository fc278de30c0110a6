//===--- MaptidyMain.cpp - maptidy ----------------------------------------===//
//
// The maptidy command: clang-tidy's options and behaviour (every built-in
// check, .clang-tidy files, NOLINT), with maptidy's checks run by default,
// one-line errors for bad input and exit statuses that tell findings from
// failures.
//
//===----------------------------------------------------------------------===//

#include "ClangTidy.h"
#include "ClangTidyForceLinker.h"
#include "CompilationSetup.h"
#include "ConfigSetup.h"
#include "ExitCodes.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/PluginLoader.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"

namespace clang::tidy {
// Keeps the maptidy module in the static link.
extern volatile int MaptidyModuleAnchorSource;
[[maybe_unused]] static int MaptidyModuleAnchorDestination =
    MaptidyModuleAnchorSource;
} // namespace clang::tidy

using namespace clang::tidy;
namespace cl = llvm::cl;

static cl::OptionCategory Category("maptidy options");

static cl::opt<std::string> BuildPath(
    "p",
    cl::desc(
        "Build directory holding compile_commands.json (or the file itself)"),
    cl::value_desc("build-path"), cl::cat(Category));
static cl::list<std::string>
    SourcePaths(cl::Positional, cl::desc("[<file> ...]"), cl::cat(Category));
static cl::list<std::string> ExtraArgs(
    "extra-arg",
    cl::desc("Additional argument to append to the compiler command line"),
    cl::cat(Category));
static cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("Additional argument to prepend to the compiler command line"),
    cl::cat(Category));
static cl::opt<std::string>
    Checks("checks",
           cl::desc("Comma-separated check globs, appended to the 'Checks' of "
                    ".clang-tidy files\n(default: maptidy-*)"),
           cl::cat(Category));
static cl::opt<std::string>
    WarningsAsErrors("warnings-as-errors",
                     cl::desc("Check globs whose warnings are errors"),
                     cl::cat(Category));
static cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regular expression of the headers to report findings in"),
    cl::cat(Category));
static cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    cl::desc("Regular expression of headers not to report findings in"),
    cl::cat(Category));
static cl::opt<bool>
    SystemHeaders("system-headers",
                  cl::desc("Report findings in system headers"),
                  cl::cat(Category));
static cl::opt<std::string> LineFilter(
    "line-filter",
    cl::desc("JSON list of files and line ranges to report findings in"),
    cl::cat(Category));
static cl::opt<bool> Fix("fix", cl::desc("Apply the fix-its of the findings"),
                         cl::cat(Category));
static cl::opt<bool>
    FixErrors("fix-errors",
              cl::desc("Apply fix-its even when a file has compile errors"),
              cl::cat(Category));
static cl::opt<bool>
    FixNotes("fix-notes",
             cl::desc("Also apply a fix-it offered in a note (implies --fix)"),
             cl::cat(Category));
static cl::opt<std::string>
    FormatStyle("format-style",
                cl::desc("Style for formatting code around applied fixes "
                         "(none, file, llvm, google, ...)"),
                cl::cat(Category));
static cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("YAML file to store the fix-its in, for clang-apply-replacements"),
    cl::value_desc("filename"), cl::cat(Category));
static cl::opt<std::string> Config(
    "config",
    cl::desc("Configuration in YAML/JSON, used instead of .clang-tidy files"),
    cl::cat(Category));
static cl::opt<std::string>
    ConfigFile("config-file",
               cl::desc("Configuration file used instead of .clang-tidy files"),
               cl::value_desc("path"), cl::cat(Category));
static cl::opt<bool> ListChecks(
    "list-checks",
    cl::desc(
        "List the enabled checks and exit (with --checks='*': all checks)"),
    cl::cat(Category));
static cl::opt<bool>
    DumpConfig("dump-config",
               cl::desc("Print the effective configuration and exit"),
               cl::cat(Category));
static cl::opt<bool>
    Quiet("quiet", cl::desc("Do not print statistics of suppressed findings"),
          cl::cat(Category));
static cl::opt<bool> UseColor("use-color", cl::desc("Colour the diagnostics"),
                              cl::cat(Category));

static constexpr char Overview[] =
    "maptidy: finds costly map and container habits in C++ and fixes them.\n\n"
    "  maptidy -p build                 every file of "
    "build/compile_commands.json\n"
    "  maptidy -p build src/a.cpp       one file\n"
    "  maptidy a.cpp -- -std=c++17      without a compilation database\n\n"
    "Exit status: 0 no findings, 1 findings, 2 could not run or a file did "
    "not\n"
    "compile.\n";

namespace maptidy {
void reportError(const llvm::Twine &Message) {
  llvm::errs() << "maptidy: error: " << Message << "\n";
}
} // namespace maptidy

using namespace maptidy;

template <typename T> static std::optional<T> given(const cl::opt<T> &Option) {
  if (Option.getNumOccurrences() == 0)
    return std::nullopt;
  return Option.getValue();
}

static ConfigRequest configRequest() {
  ConfigRequest Request;
  Request.Checks = given(Checks);
  Request.WarningsAsErrors = given(WarningsAsErrors);
  Request.HeaderFilter = given(HeaderFilter);
  Request.ExcludeHeaderFilter = given(ExcludeHeaderFilter);
  Request.SystemHeaders = given(SystemHeaders);
  Request.FormatStyle = given(FormatStyle);
  Request.UseColor = given(UseColor);
  Request.LineFilter = LineFilter;
  Request.Config = Config;
  Request.ConfigFile = ConfigFile;
  return Request;
}

/// Parses the command line; a bad option becomes one error line.
static bool parseCommandLine(int Argc, const char **Argv) {
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "maptidy " MAPTIDY_VERSION " (LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  std::string Errors;
  llvm::raw_string_ostream ErrorStream(Errors);
  if (cl::ParseCommandLineOptions(Argc, Argv, Overview, &ErrorStream))
    return true;
  llvm::StringRef FirstLine = llvm::StringRef(Errors).split('\n').first;
  FirstLine.consume_front(llvm::sys::path::filename(Argv[0]));
  FirstLine = FirstLine.ltrim(": ").rtrim();
  reportError(FirstLine + "; see 'maptidy --help'");
  return false;
}

/// Writes \p Write's output to \p Path through a temporary file in the same
/// directory, so that a failure leaves any previous file untouched.
static bool
writeAtomically(llvm::StringRef Path,
                llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  llvm::SmallString<256> Model(Path);
  Model += ".tmp-%%%%%%";
  int FD;
  llvm::SmallString<256> Temporary;
  if (std::error_code Error =
          llvm::sys::fs::createUniqueFile(Model, FD, Temporary)) {
    reportError("cannot write '" + Path + "': " + Error.message());
    return false;
  }
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.close();
    if (OS.has_error()) {
      reportError("cannot write '" + Path + "': " + OS.error().message());
      OS.clear_error();
      llvm::sys::fs::remove(Temporary);
      return false;
    }
  }
  if (std::error_code Error = llvm::sys::fs::rename(Temporary, Path)) {
    reportError("cannot write '" + Path + "': " + Error.message());
    llvm::sys::fs::remove(Temporary);
    return false;
  }
  return true;
}

static void printSuppressed(const ClangTidyStats &Stats) {
  if (!Stats.errorsIgnored())
    return;
  llvm::errs() << "Suppressed " << Stats.errorsIgnored() << " warnings ("
               << Stats.ErrorsIgnoredNonUserCode << " in non-user code, "
               << Stats.ErrorsIgnoredNOLINT << " NOLINT, "
               << Stats.ErrorsIgnoredCheckFilter << " with check filters, "
               << Stats.ErrorsIgnoredLineFilter << " due to line filter).\n";
}

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);

  std::string FixedFlagsError;
  std::unique_ptr<clang::tooling::CompilationDatabase> FixedFlags =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(
          Argc, Argv, FixedFlagsError);
  if (!FixedFlagsError.empty()) {
    reportError(FixedFlagsError);
    return ExitCouldNotRun;
  }
  if (!parseCommandLine(Argc, Argv))
    return ExitCouldNotRun;

  const ConfigRequest Request = configRequest();
  auto Provider = createOptionsProvider(Request);
  if (!Provider) {
    reportError(llvm::toString(Provider.takeError()));
    return ExitCouldNotRun;
  }

  // The configuration that applies to the first file, for the listing modes.
  llvm::SmallString<256> FirstFile(SourcePaths.empty() ? "dummy"
                                                       : SourcePaths.front());
  llvm::sys::fs::make_absolute(FirstFile);
  ClangTidyOptions Effective = (*Provider)->getOptions(FirstFile);
  const std::vector<std::string> Enabled =
      getCheckNames(Effective, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                    /*ExperimentalCustomChecks=*/false);
  if (ListChecks || DumpConfig) {
    if (llvm::Error Error =
            validateConfiguration(Request, {std::string(FirstFile)})) {
      reportError(llvm::toString(std::move(Error)));
      return ExitCouldNotRun;
    }
    if (ListChecks) {
      llvm::outs() << "Enabled checks:";
      for (const std::string &Check : Enabled)
        llvm::outs() << "\n    " << Check;
      llvm::outs() << "\n\n";
    } else {
      Effective.CheckOptions = getCheckOptions(Effective, false, false);
      ClangTidyOptions Dumped =
          ClangTidyOptions::getDefaults().merge(Effective, 0);
      filterCheckOptions(Dumped, Enabled);
      llvm::outs() << configurationAsText(Dumped) << "\n";
    }
    return ExitClean;
  }

  CompilationRequest Compilation;
  Compilation.BuildPath = BuildPath;
  Compilation.FixedFlags = std::move(FixedFlags);
  Compilation.Files.assign(SourcePaths.begin(), SourcePaths.end());
  Compilation.ExtraArgs.assign(ExtraArgs.begin(), ExtraArgs.end());
  Compilation.ExtraArgsBefore.assign(ExtraArgsBefore.begin(),
                                     ExtraArgsBefore.end());
  Compilation.Argv0 = Argv[0];
  llvm::Expected<CompilationSetup> Setup =
      setUpCompilation(std::move(Compilation));
  if (!Setup) {
    reportError(llvm::toString(Setup.takeError()));
    return ExitCouldNotRun;
  }
  if (llvm::Error Error = validateConfiguration(Request, Setup->Files)) {
    reportError(llvm::toString(std::move(Error)));
    return ExitCouldNotRun;
  }
  if (Enabled.empty()) {
    reportError("no checks enabled; see --checks and the 'Checks' of "
                ".clang-tidy files");
    return ExitCouldNotRun;
  }

  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();

  const FixBehaviour Behaviour = FixNotes             ? FB_FixNotes
                                 : (Fix || FixErrors) ? FB_Fix
                                                      : FB_NoFix;
  // One context per file: a context filters diagnostics with the options of
  // the file it saw last, so files under different .clang-tidy files must not
  // share one.
  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  std::vector<ClangTidyError> AllErrors;
  ClangTidyStats Stats;
  size_t Findings = 0;
  llvm::StringMap<unsigned> Uncompiled; // file -> compile errors
  bool FixesDisabled = false;
  for (const std::string &File : Setup->Files) {
    auto FileProvider = createOptionsProvider(Request);
    if (!FileProvider) {
      reportError(llvm::toString(FileProvider.takeError()));
      return ExitCouldNotRun;
    }
    ClangTidyContext Context(std::move(*FileProvider),
                             /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                             /*EnableModuleHeadersParsing=*/false,
                             /*ExperimentalCustomChecks=*/false);
    std::vector<ClangTidyError> Errors = runClangTidy(
        Context, *Setup->Database, {File}, BaseFS, FixNotes,
        /*EnableCheckProfile=*/false, /*StoreCheckProfile=*/"", Quiet);
    unsigned CompileErrors = 0;
    for (const ClangTidyError &Error : Errors)
      CompileErrors += Error.DiagnosticName == "clang-diagnostic-error";
    if (CompileErrors) {
      Uncompiled[File] = CompileErrors;
      FixesDisabled |= !FixErrors && Behaviour != FB_NoFix;
    }
    Findings += Errors.size() - CompileErrors;
    unsigned WarningsAsErrorsCount = 0;
    handleErrors(Errors, Context,
                 CompileErrors && !FixErrors ? FB_NoFix : Behaviour,
                 WarningsAsErrorsCount, BaseFS);
    const ClangTidyStats &FileStats = Context.getStats();
    Stats.ErrorsDisplayed += FileStats.ErrorsDisplayed;
    Stats.ErrorsIgnoredCheckFilter += FileStats.ErrorsIgnoredCheckFilter;
    Stats.ErrorsIgnoredNOLINT += FileStats.ErrorsIgnoredNOLINT;
    Stats.ErrorsIgnoredNonUserCode += FileStats.ErrorsIgnoredNonUserCode;
    Stats.ErrorsIgnoredLineFilter += FileStats.ErrorsIgnoredLineFilter;
    llvm::append_range(AllErrors, Errors);
  }

  bool Failed = false;
  if (!ExportFixes.empty() &&
      !writeAtomically(ExportFixes, [&](llvm::raw_ostream &OS) {
        exportReplacements(Setup->Files.front(), AllErrors, OS);
      }))
    Failed = true;
  if (!Quiet)
    printSuppressed(Stats);
  for (const std::string &File : Setup->Files)
    if (auto It = Uncompiled.find(File); It != Uncompiled.end())
      reportError("'" + File + "' does not compile (" +
                  llvm::Twine(It->getValue()) +
                  " errors); its findings are incomplete" +
                  (FixesDisabled ? "; its fixes were not applied (see "
                                   "--fix-errors)"
                                 : ""));
  if (Failed || !Uncompiled.empty())
    return ExitCouldNotRun;
  return Findings ? ExitFindings : ExitClean;
}
