//===--- MaptidyMain.cpp - maptidy ----------------------------------------===//
//
// The maptidy command: clang-tidy's options and behaviour (every built-in
// check, .clang-tidy files, NOLINT), with maptidy's checks run by default,
// one-line errors for bad input and exit statuses that tell findings from
// failures.
//
//===----------------------------------------------------------------------===//

#include "AtomicFile.h"
#include "Baseline.h"
#include "BundledHeaders.h"
#include "ClangTidy.h"
#include "ClangTidyForceLinker.h"
#include "CompilationSetup.h"
#include "ConfigSetup.h"
#include "DatabaseLoading.h"
#include "ExitCodes.h"
#include "GitDiff.h"
#include "GlobList.h"
#include "PluginLoading.h"
#include "PreCommit.h"
#include "RuleDocs.h"
#include "Run.h"
#include "VfsOverlay.h"
#include "Worker.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/Threading.h"

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
static cl::opt<bool> VerifyConfig(
    "verify-config",
    cl::desc("Check the configuration (and that the checks it names exist) "
             "and exit"),
    cl::cat(Category));
static cl::opt<bool> ExplainConfig(
    "explain-config",
    cl::desc("For each enabled check, print where it is enabled (the "
             "command line or a configuration file) and exit"),
    cl::cat(Category));
static cl::opt<bool> AllowNoChecks(
    "allow-no-checks",
    cl::desc("A configuration that enables no check is not an error"),
    cl::cat(Category));
static cl::list<std::string> RemovedArgs(
    "removed-arg",
    cl::desc("Argument to remove from the compiler command line (before "
             "--extra-arg and --extra-arg-before apply)"),
    cl::cat(Category));
static cl::opt<std::string>
    VfsOverlay("vfsoverlay",
               cl::desc("Overlay the virtual file system described by this "
                        "file over the real file system"),
               cl::value_desc("filename"), cl::cat(Category));
static cl::opt<bool> EnableModuleHeadersParsing(
    "enable-module-headers-parsing",
    cl::desc("Parse the headers of C++20 modules at the preprocessor level, "
             "so that checks see their macros (experimental)"),
    cl::cat(Category));
static cl::opt<bool> EnableCheckProfile(
    "enable-check-profile",
    cl::desc("Report each check's run time, per file, on stderr"),
    cl::cat(Category));
static cl::opt<std::string> StoreCheckProfile(
    "store-check-profile",
    cl::desc("With --enable-check-profile, store each file's profile as JSON "
             "in a file under this prefix instead"),
    cl::value_desc("prefix"), cl::cat(Category));
static cl::opt<bool> ExperimentalCustomChecks(
    "experimental-custom-checks",
    cl::desc("Enable the clang-query based checks of the 'CustomChecks' "
             "configuration (experimental)"),
    cl::cat(Category));
static cl::opt<bool>
    Quiet("quiet",
          cl::desc("Print no progress line, no statistics of suppressed "
                   "findings and no note of ignored compile flags"),
          cl::cat(Category));
// A string, so that a bad value (or --jobs=4, read as -j "obs=4") gets
// maptidy's one-line error.
static cl::opt<std::string>
    Jobs("j",
         cl::desc("Files analyzed in parallel (default: all cores); the "
                  "output is the same for any number"),
         cl::value_desc("N"), cl::Prefix, cl::cat(Category));
static cl::opt<std::string>
    Timeout("timeout",
            cl::desc("Seconds the analysis of one file may take; a file "
                     "that takes longer is reported as failed (exit status 2) "
                     "and the run goes on (default: no limit)"),
            cl::value_desc("seconds"), cl::cat(Category));
static cl::opt<bool> UseColor("use-color", cl::desc("Colour the diagnostics"),
                              cl::cat(Category));
static cl::opt<std::string>
    Format("format",
           cl::desc("Report format: text (clang-tidy's, the default), json "
                    "(maptidy's, see docs/cli.md), sarif (SARIF 2.1.0), "
                    "codeclimate (GitLab code quality) or github (GitHub "
                    "Actions annotations)"),
           cl::value_desc("format"), cl::init("text"), cl::cat(Category));
static cl::opt<std::string>
    Output("output",
           cl::desc("Write the --format report to this file (the text "
                    "report still goes to stdout)"),
           cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string>
    SourceRoot("source-root",
               cl::desc("Directory report paths are relative to (default: "
                        "the git work tree, else the working directory)"),
               cl::value_desc("dir"), cl::cat(Category));
static cl::opt<std::string> Baseline(
    "baseline",
    cl::desc("Hide the findings recorded in this file (--write-baseline)"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Record the findings in this file; they then do not fail"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string>
    DiffBase("diff-base",
             cl::desc("Report only findings on lines added or changed since "
                      "this git ref (with no files named, analyze the "
                      "changed files only)"),
             cl::value_desc("ref"), cl::cat(Category));
static cl::opt<bool> PreCommit(
    "pre-commit",
    cl::desc("Run as a pre-commit hook: the lines a commit changes, the "
             "changes of pre-commit's --from-ref/--to-ref, or whole files "
             "(--all-files)"),
    cl::cat(Category));
static cl::opt<std::string>
    ShardSpec("shard",
              cl::desc("Analyze part I of N of the files (1 <= I <= N), the "
                       "same part on every machine"),
              cl::value_desc("I/N"), cl::cat(Category));
static cl::opt<std::string>
    FailOn("fail-on",
           cl::desc("The findings that make the exit status 1: warning (any, "
                    "the default), error (errors, see --warnings-as-errors) "
                    "or none"),
           cl::value_desc("level"), cl::init("warning"), cl::cat(Category));

static cl::list<std::string>
    Plugins("load",
            cl::desc("Load the clang-tidy modules of this shared library"),
            cl::value_desc("plugin"), cl::cat(Category));

static cl::opt<std::string> FixVerify(
    "fix-verify",
    cl::desc("compile (the default): --fix parses the files it fixed, in "
             "memory, and writes none whose code does not compile; none: "
             "write the fixes unverified, as clang-tidy does"),
    cl::value_desc("mode"), cl::init("compile"), cl::cat(Category));
static cl::opt<std::string>
    Explain("explain",
            cl::desc("Print the documentation of a check and exit"),
            cl::value_desc("check"), cl::cat(Category));
static cl::opt<std::string> InstallHeaders(
    "install-headers",
    cl::desc("Copy the container headers that fix-its include "
             "(<maptidy/...>) into DIR/maptidy and exit; add DIR to the "
             "project's include path"),
    cl::value_desc("DIR"), cl::cat(Category));

static constexpr char Overview[] =
    "maptidy: finds costly map and container habits in C++ and fixes them.\n\n"
    "  maptidy -p build                 every file of "
    "build/compile_commands.json\n"
    "  maptidy -p build src/ 'test.*'   files below src/ or matching a "
    "pattern\n"
    "  maptidy -p build src/a.cpp       one file\n"
    "  maptidy a.cpp -- -std=c++17      without a compilation database\n"
    "  maptidy -p build --diff-base=origin/main --format=sarif "
    "--output=maptidy.sarif\n\n"
    "Exit status: 0 no findings, 1 findings (see --fail-on), 2 could not run "
    "or\n"
    "a file did not compile. Documentation: docs/cli.md.\n";

using namespace ::maptidy;

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
  Request.RemovedArgs.assign(RemovedArgs.begin(), RemovedArgs.end());
  Request.ExperimentalCustomChecks = ExperimentalCustomChecks;
  return Request;
}

/// Parses the command line; a bad option becomes one error line.
/// Whether \p Suggested, LLVM's nearest option to the unknown \p Given, is
/// close enough to be a typo of it (LLVM suggests its nearest whatever the
/// distance).
static bool isCloseSpelling(llvm::StringRef Given, llvm::StringRef Suggested) {
  auto Name = [](llvm::StringRef Option) {
    return Option.ltrim('-').split('=').first;
  };
  const unsigned Distance = Name(Given).edit_distance(Name(Suggested));
  return Distance <= std::max<size_t>(2, Name(Suggested).size() / 4);
}

static bool parseCommandLine(int Argc, const char **Argv) {
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "maptidy " MAPTIDY_VERSION " (LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  std::string Errors;
  llvm::raw_string_ostream ErrorStream(Errors);
  if (cl::ParseCommandLineOptions(Argc, Argv, Overview, &ErrorStream))
    return true;
  // LLVM's lines start with the program's name, and its hint names the
  // binary's full path; one line of maptidy's replaces them, keeping a
  // "did you mean" suggestion.
  auto [FirstLine, Rest] = llvm::StringRef(Errors).split('\n');
  const llvm::StringRef Program = llvm::sys::path::filename(Argv[0]);
  FirstLine.consume_front(Program);
  FirstLine = FirstLine.split("  Try: ").first.ltrim(": ").rtrim(". ");
  llvm::StringRef Suggestion = Rest.split('\n').first;
  Suggestion.consume_front(Program);
  if (Suggestion.consume_front(": Did you mean '") &&
      isCloseSpelling(FirstLine.split('\'').second.split('\'').first,
                      Suggestion.split('\'').first))
    reportError(FirstLine + "; did you mean '" + Suggestion.split('\'').first +
                "'? (see 'maptidy --help')");
  else
    reportError(FirstLine + "; see 'maptidy --help'");
  return false;
}

/// Parses -j; none or 0 means all cores (as in run-clang-tidy).
static std::optional<unsigned> parseJobs(llvm::StringRef Value) {
  unsigned Count = 0;
  if (!Value.empty() && Value.getAsInteger(10, Count))
    return std::nullopt;
  return Count ? Count : llvm::hardware_concurrency().compute_thread_count();
}

/// Parses --shard.
static std::optional<Shard> parseShard(llvm::StringRef Spec) {
  if (Spec.empty())
    return Shard();
  auto [Index, Count] = Spec.split('/');
  Shard Part;
  if (Index.getAsInteger(10, Part.Index) ||
      Count.getAsInteger(10, Part.Count) || Part.Index < 1 ||
      Part.Index > Part.Count)
    return std::nullopt;
  return Part;
}

/// Fails unless each output path can be written; checked before the run so
/// that a bad path costs nothing and overwrites nothing.
static bool outputsWritable() {
  for (const std::string &Path :
       {Output.getValue(), ExportFixes.getValue(), WriteBaseline.getValue()})
    if (!Path.empty())
      if (llvm::Error Error = checkWritable(Path)) {
        reportError(llvm::toString(std::move(Error)));
        return false;
      }
  return true;
}

/// --list-checks: clang-tidy's list, with the first sentence of the page of
/// each of maptidy's checks.
static void printCheckList(const std::vector<std::string> &Checks) {
  llvm::outs() << "Enabled checks:";
  const std::vector<std::string> Documented = documentedChecks();
  for (const std::string &Check : Checks) {
    llvm::outs() << "\n    " << Check;
    if (llvm::is_contained(Documented, Check))
      llvm::outs().indent(std::max<int>(1, 36 - Check.size()))
          << ruleDoc(Check).ShortDescription;
  }
  llvm::outs() << "\n\n";
}

/// --explain: the page of one of maptidy's checks, or where clang-tidy's
/// check is documented.
static int explainCheck(llvm::StringRef Check) {
  ClangTidyOptions All = ClangTidyOptions::getDefaults();
  All.Checks = "*";
  const std::vector<std::string> Known =
      getCheckNames(All, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                    /*ExperimentalCustomChecks=*/false);
  if (!llvm::is_contained(Known, Check)) {
    reportError("unknown check '" + Check +
                "'; 'maptidy --list-checks --checks=*' lists them");
    return ExitCouldNotRun;
  }
  const RuleDoc Doc = ruleDoc(Check);
  llvm::outs() << (llvm::is_contained(documentedChecks(), Check)
                       ? Doc.HelpMarkdown
                       : Check + ": a clang-tidy check, documented at " +
                             Doc.HelpUri + "\n");
  return ExitClean;
}

/// --explain-config: for each enabled check, the last configuration that
/// enables it, as clang-tidy prints it.
static void explainConfig(ClangTidyOptionsProvider &Provider,
                          llvm::StringRef File,
                          const std::vector<std::string> &Enabled) {
  const std::vector<ClangTidyOptionsProvider::OptionsSource> Sources =
      Provider.getRawOptions(File);
  for (const std::string &Check : Enabled)
    for (const auto &[Options, Source] : llvm::reverse(Sources))
      if (Options.Checks && GlobList(*Options.Checks).contains(Check)) {
        // maptidy's defaults come from maptidy, not from clang-tidy.
        llvm::outs() << "'" << Check << "' is enabled in the "
                     << (Source ==
                                 ClangTidyOptionsProvider::
                                     OptionsSourceTypeDefaultBinary
                             ? "maptidy binary"
                             : Source)
                     << ".\n";
        break;
      }
}

/// --install-headers: writes the bundled headers, analyzes nothing.
static int installHeaders() {
  if (!SourcePaths.empty()) {
    reportError("--install-headers analyzes nothing; run it without files");
    return ExitCouldNotRun;
  }
  llvm::Expected<unsigned> Written = installBundledHeaders(InstallHeaders);
  if (!Written) {
    reportError(llvm::toString(Written.takeError()));
    return ExitCouldNotRun;
  }
  llvm::outs() << "maptidy: " << *Written << " headers written below '"
               << InstallHeaders << "/maptidy'; add '" << InstallHeaders
               << "' to the include path of the code maptidy fixes\n";
  return ExitClean;
}

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  auto Rejected = std::make_shared<RejectedFlags>();
  auto FixedFlags = loadFlagsAfterDoubleDash(Argc, Argv, *Rejected);
  if (!FixedFlags) {
    reportError(llvm::toString(FixedFlags.takeError()));
    return ExitCouldNotRun;
  }
  if (!parseCommandLine(Argc, Argv))
    return ExitCouldNotRun;
  if (!InstallHeaders.empty())
    return installHeaders();
  if (!Explain.empty())
    return explainCheck(Explain);
  for (const std::string &Plugin : Plugins)
    if (llvm::Error Error = loadPlugin(Plugin)) {
      reportError(llvm::toString(std::move(Error)));
      return ExitCouldNotRun;
    }

  const ConfigRequest Request = configRequest();
  CompilationRequest Compilation;
  Compilation.BuildPath = BuildPath;
  Compilation.FixedFlags = std::move(*FixedFlags);
  Compilation.Files.assign(SourcePaths.begin(), SourcePaths.end());
  Compilation.ExtraArgs.assign(ExtraArgs.begin(), ExtraArgs.end());
  Compilation.ExtraArgsBefore.assign(ExtraArgsBefore.begin(),
                                     ExtraArgsBefore.end());
  Compilation.Argv0 = Argv[0];
  Compilation.Rejected = Rejected;
  auto Provider = createOptionsProvider(Request);
  if (!Provider) {
    reportError(llvm::toString(Provider.takeError()));
    return ExitCouldNotRun;
  }

  // The configuration that applies to the first file, for the listing modes.
  // A pattern names no directory: the working directory's configuration.
  llvm::SmallString<256> FirstFile;
  if (!SourcePaths.empty() && llvm::sys::fs::exists(SourcePaths[0]))
    FirstFile = SourcePaths[0];
  if (!llvm::sys::fs::is_regular_file(FirstFile))
    llvm::sys::path::append(FirstFile, "dummy");
  llvm::sys::fs::make_absolute(FirstFile);
  ClangTidyOptions Effective = (*Provider)->getOptions(FirstFile);
  if (ListChecks || DumpConfig || VerifyConfig || ExplainConfig) {
    if (llvm::Error Error = validateConfiguration(
            Request, {std::string(FirstFile)}, /*Strict=*/VerifyConfig)) {
      reportError(llvm::toString(std::move(Error)));
      return ExitCouldNotRun;
    }
    if (VerifyConfig) {
      llvm::outs() << "No config errors detected.\n";
      return ExitClean;
    }
    const std::vector<std::string> Enabled =
        getCheckNames(Effective, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                      ExperimentalCustomChecks);
    if (ExplainConfig) {
      explainConfig(**Provider, FirstFile, Enabled);
    } else if (ListChecks) {
      printCheckList(Enabled);
    } else {
      Effective.CheckOptions =
          getCheckOptions(Effective, false, ExperimentalCustomChecks);
      ClangTidyOptions Dumped =
          ClangTidyOptions::getDefaults().merge(Effective, 0);
      filterCheckOptions(Dumped, Enabled);
      llvm::outs() << configurationAsText(Dumped) << "\n";
    }
    return ExitClean;
  }

  unsigned TimeoutSeconds = 0;
  if (!Timeout.empty() &&
      (llvm::StringRef(Timeout).getAsInteger(10, TimeoutSeconds) ||
       TimeoutSeconds == 0)) {
    reportError("invalid --timeout '" + Timeout +
                "'; expected a positive number of seconds");
    return ExitCouldNotRun;
  }
  const std::optional<unsigned> Parallel = parseJobs(Jobs);
  if (!Parallel) {
    reportError("invalid -j '" + Jobs +
                "'; expected the number of files to analyze at a time");
    return ExitCouldNotRun;
  }
  const std::optional<Shard> Part = parseShard(ShardSpec);
  if (!Part) {
    reportError("invalid --shard '" + ShardSpec +
                "'; expected I/N with 1 <= I <= N");
    return ExitCouldNotRun;
  }
  Compilation.Part = *Part;
  const std::optional<OutputFormat> ReportFormat =
      llvm::StringSwitch<std::optional<OutputFormat>>(Format)
          .Case("text", OutputFormat::Text)
          .Case("json", OutputFormat::Json)
          .Case("sarif", OutputFormat::Sarif)
          .Case("codeclimate", OutputFormat::CodeClimate)
          .Case("github", OutputFormat::Github)
          .Default(std::nullopt);
  if (!ReportFormat) {
    reportError("invalid --format '" + Format +
                "'; expected text, json, sarif, codeclimate or github");
    return ExitCouldNotRun;
  }
  const std::optional<FailLevel> Failing =
      llvm::StringSwitch<std::optional<FailLevel>>(FailOn)
          .Case("warning", FailLevel::Warning)
          .Case("error", FailLevel::Error)
          .Case("none", FailLevel::None)
          .Default(std::nullopt);
  if (!Failing) {
    reportError("invalid --fail-on '" + FailOn +
                "'; expected warning, error or none");
    return ExitCouldNotRun;
  }
  if (!outputsWritable())
    return ExitCouldNotRun;
  if (auto FS = createAnalysisFileSystem(VfsOverlay); !FS) {
    reportError(llvm::toString(FS.takeError()));
    return ExitCouldNotRun;
  }
  RunRequest Run;
  if (!Baseline.empty()) {
    llvm::Expected<llvm::StringSet<>> Known = readBaseline(Baseline);
    if (!Known) {
      reportError(llvm::toString(Known.takeError()));
      return ExitCouldNotRun;
    }
    Run.Baseline = std::move(*Known);
  }
  if (PreCommit) {
    if (!DiffBase.empty()) {
      reportError("--pre-commit chooses the diff base itself; drop "
                  "--diff-base");
      return ExitCouldNotRun;
    }
    llvm::Expected<std::string> Base = preCommitDiffBase();
    if (!Base) {
      reportError(llvm::toString(Base.takeError()));
      return ExitCouldNotRun;
    }
    DiffBase = *Base;
  }
  if (!DiffBase.empty()) {
    llvm::Expected<ChangedLines> Changed = changedLinesSince(DiffBase);
    if (!Changed) {
      reportError(llvm::toString(Changed.takeError()));
      return ExitCouldNotRun;
    }
    Compilation.ChangedFiles = Changed->files();
    Run.Changed = std::move(*Changed);
  }
  llvm::Expected<CompilationSetup> Setup =
      setUpCompilation(std::move(Compilation));
  if (!Setup) {
    reportError(llvm::toString(Setup.takeError()));
    return ExitCouldNotRun;
  }
  if (!Setup->IgnoredFlags.empty() && !Quiet)
    llvm::errs() << "maptidy: note: clang does not accept the compile flags '"
                 << llvm::join(Setup->IgnoredFlags, "', '")
                 << "'; analyzing without them\n";
  if (llvm::Error Error = validateConfiguration(Request, Setup->Files)) {
    reportError(llvm::toString(std::move(Error)));
    return ExitCouldNotRun;
  }
  // As in clang-tidy, --allow-no-checks lets such a configuration pass; with
  // no check to run, nothing is analyzed.
  if (!anyCheckEnabled(Effective, ExperimentalCustomChecks)) {
    if (AllowNoChecks)
      return ExitClean;
    reportError("no checks enabled; see --checks and the 'Checks' of "
                ".clang-tidy files");
    return ExitCouldNotRun;
  }

  // Once, before the workers are forked.
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();
  const clang::tooling::CompilationDatabase &Database = *Setup->Database;
  AnalysisSettings Settings;
  Settings.FixNotes = FixNotes;
  Settings.EnableModuleHeadersParsing = EnableModuleHeadersParsing;
  Settings.VfsOverlay = VfsOverlay;
  Settings.EnableCheckProfile = EnableCheckProfile;
  // The workers' analysis runs in each command's directory.
  llvm::SmallString<128> ProfilePrefix(StoreCheckProfile);
  if (!ProfilePrefix.empty())
    llvm::sys::fs::make_absolute(ProfilePrefix);
  Settings.StoreCheckProfile = ProfilePrefix.str();
  Run.Analyze = [&Request, Settings, &Database](const std::string &File) {
    return analyzeUnit(Request, Settings, Database, File);
  };
  if (FixVerify == "compile") {
    // A parse that reports compile errors only, wherever they are.
    ConfigRequest CompileOnly = Request;
    CompileOnly.Checks = "-*";
    CompileOnly.WarningsAsErrors.reset();
    CompileOnly.LineFilter.clear();
    AnalysisSettings Parse;
    Parse.EnableModuleHeadersParsing = EnableModuleHeadersParsing;
    Parse.VfsOverlay = VfsOverlay;
    Run.Verify = [CompileOnly, Parse, &Database](
                     const std::string &File,
                     const llvm::StringMap<std::string> &Fixed) {
      return analyzeUnit(CompileOnly, Parse, Database, File, &Fixed);
    };
  } else if (FixVerify != "none") {
    reportError("invalid --fix-verify '" + FixVerify +
                "'; expected compile or none");
    return ExitCouldNotRun;
  }
  Run.DatabaseFiles = std::move(Setup->DatabaseFiles);
  Run.Files = std::move(Setup->Files);
  Run.Jobs = *Parallel;
  Run.TimeoutSeconds = TimeoutSeconds;
  Run.Quiet = Quiet;
  Run.Colors =
      Effective.UseColor.value_or(llvm::sys::Process::StandardOutHasColors());
  Run.Fix = Fix;
  Run.FixNotes = FixNotes;
  Run.FixErrors = FixErrors;
  std::shared_ptr<ClangTidyOptionsProvider> Options = std::move(*Provider);
  Run.FormatStyle = [Options](llvm::StringRef File) {
    return Options->getOptions(File).FormatStyle.value_or("none");
  };
  Run.PublicHeaders = [Options](llvm::StringRef File) {
    return Options->getOptions(File).CheckOptions.lookup("PublicHeaders").Value;
  };
  Run.ExportFixes = ExportFixes;
  Run.Format = *ReportFormat;
  Run.Output = Output;
  Run.SourceRoot = SourceRoot;
  Run.Part = *Part;
  Run.DiffBase = DiffBase;
  Run.WriteBaseline = WriteBaseline;
  Run.FailOn = *Failing;
  return run(Run);
}
