//===--- ConfigSetup.cpp - maptidy ----------------------------------------===//

#include "ConfigSetup.h"
#include "CheckGlobs.h"
#include "ConfigParsing.h"
#include "ClangTidy.h"
#include "ClangTidyModule.h"
#include "GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <optional>

using namespace clang::tidy;

namespace maptidy {

static llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

namespace {
/// Reads .clang-tidy files as clang-tidy does, without the keys clang-tidy
/// does not have.
class ProjectOptionsProvider : public FileOptionsProvider {
public:
  ProjectOptionsProvider(ClangTidyGlobalOptions Global,
                         ClangTidyOptions Defaults, ClangTidyOptions Overrides,
                         llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS)
      : FileOptionsProvider(std::move(Global), std::move(Defaults),
                            std::move(Overrides), std::move(FS)) {
    ConfigHandlers = {
        {".clang-tidy",
         [](llvm::MemoryBufferRef Config) -> llvm::ErrorOr<ClangTidyOptions> {
           std::vector<std::string> Ignored; // Warned about when validated.
           llvm::Expected<ClangTidyOptions> Parsed = parseConfigText(
               Config.getBuffer(), Config.getBufferIdentifier(), &Ignored);
           if (Parsed)
             return std::move(*Parsed);
           // validateConfiguration refuses the file in one line before any
           // file is analyzed; an error here would be printed in another.
           llvm::consumeError(Parsed.takeError());
           return ClangTidyOptions();
         }}};
  }
};
} // namespace

static llvm::Expected<std::string> readConfigFile(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return failure("cannot read config file '" + Path +
                   "': " + Text.getError().message());
  return (*Text)->getBuffer().str();
}

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
createOptionsProvider(const ConfigRequest &Request) {
  ClangTidyGlobalOptions Global;
  if (std::error_code Error = parseLineFilter(Request.LineFilter, Global))
    return failure("invalid --line-filter: " + Error.message());

  ClangTidyOptions Defaults;
  Defaults.Checks = DefaultChecks;
  Defaults.WarningsAsErrors = "";
  Defaults.HeaderFilterRegex = Request.HeaderFilter.value_or("");
  Defaults.ExcludeHeaderFilterRegex = Request.ExcludeHeaderFilter.value_or("");
  Defaults.SystemHeaders = Request.SystemHeaders.value_or(false);
  Defaults.FormatStyle = Request.FormatStyle.value_or("none");
  Defaults.User = llvm::sys::Process::GetEnv("USER");

  ClangTidyOptions Overrides;
  Overrides.Checks = Request.Checks;
  Overrides.WarningsAsErrors = Request.WarningsAsErrors;
  Overrides.HeaderFilterRegex = Request.HeaderFilter;
  Overrides.ExcludeHeaderFilterRegex = Request.ExcludeHeaderFilter;
  Overrides.SystemHeaders = Request.SystemHeaders;
  Overrides.FormatStyle = Request.FormatStyle;
  Overrides.UseColor = Request.UseColor;
  if (!Request.RemovedArgs.empty())
    Overrides.RemovedArgs = Request.RemovedArgs;

  auto FS = llvm::vfs::getRealFileSystem();
  if (!Request.Config.empty() && !Request.ConfigFile.empty())
    return failure("--config and --config-file are mutually exclusive");
  std::string Text = Request.Config;
  std::string Source = "<command-line-config>";
  if (!Request.ConfigFile.empty()) {
    llvm::Expected<std::string> FileText = readConfigFile(Request.ConfigFile);
    if (!FileText)
      return FileText.takeError();
    Text = std::move(*FileText);
    Source = Request.ConfigFile;
  }
  if (Text.empty())
    return std::make_unique<ProjectOptionsProvider>(
        std::move(Global), std::move(Defaults), std::move(Overrides),
        std::move(FS));
  llvm::Expected<ClangTidyOptions> Parsed =
      parseConfigText(Text, Source, /*Ignored=*/nullptr);
  if (!Parsed)
    return Parsed.takeError();
  return std::make_unique<ConfigOptionsProvider>(
      std::move(Global), ClangTidyOptions::getDefaults().merge(Defaults, 0),
      std::move(*Parsed), std::move(Overrides), std::move(FS));
}

/// The names of the checks of every module, plugins' included: listed once,
/// after the plugins are loaded.
static const llvm::StringSet<> &moduleChecks() {
  static const llvm::StringSet<> Names = [] {
    ClangTidyCheckFactories Factories;
    for (const auto &Entry : ClangTidyModuleRegistry::entries())
      Entry.instantiate()->addCheckFactories(Factories);
    llvm::StringSet<> Names;
    for (const auto &Factory : Factories)
      Names.insert(Factory.getKey());
    return Names;
  }();
  return Names;
}

/// The checks a name in a configuration may refer to. Listing the module
/// checks is cheap; the analyzer's checker registry is not, so its names are
/// listed only for a name no module check matches.
class KnownChecks {
public:
  explicit KnownChecks(bool ExperimentalCustomChecks)
      : ExperimentalCustomChecks(ExperimentalCustomChecks) {}

  /// Whether \p Name may name a check of a configuration's 'CustomChecks',
  /// which any configuration file may define.
  bool mayBeCustom(llvm::StringRef Name) const {
    return ExperimentalCustomChecks && Name.starts_with("custom-");
  }

  bool anyMatches(const llvm::Regex &Pattern) {
    const auto Matches = [&](llvm::StringRef Check) {
      return Pattern.match(Check);
    };
    return llvm::any_of(moduleChecks().keys(), Matches) ||
           llvm::any_of(all().keys(), Matches);
  }

  /// The known check closest to \p Name, for "did you mean".
  llvm::StringRef closest(llvm::StringRef Name) {
    unsigned Best = 5;
    llvm::StringRef Closest;
    for (llvm::StringRef Check : all().keys()) {
      const unsigned Distance =
          Name.edit_distance_insensitive(Check, true, Best);
      if (Distance < Best) {
        Best = Distance;
        Closest = Check;
      }
    }
    return Closest;
  }

private:
  const llvm::StringSet<> &all() {
    if (!AllChecks)
      AllChecks = getAllChecksAndOptions(
                      /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                      ExperimentalCustomChecks)
                      .Checks;
    return *AllChecks;
  }

  bool ExperimentalCustomChecks;
  std::optional<llvm::StringSet<>> AllChecks;
};

static llvm::Error validateChecks(llvm::StringRef Globs, llvm::StringRef Source,
                                  KnownChecks &Checks) {
  GlobList List(Globs);
  for (const auto &Item : List.getItems()) {
    if (Item.Text.empty()) // Stray commas, as clang-tidy accepts them.
      continue;
    if (Item.Text.starts_with("clang-diagnostic-") ||
        Checks.mayBeCustom(Item.Text))
      continue;
    if (Checks.anyMatches(Item.Regex))
      continue;
    std::string Message =
        (Item.Text.contains('*')
             ? "check glob '" + Item.Text + "' matches no check"
             : "unknown check '" + Item.Text + "'")
            .str();
    if (llvm::StringRef Closest = Checks.closest(Item.Text); !Closest.empty())
      Message += "; did you mean '" + Closest.str() + "'?";
    return failure(Message + " (in " + Source + ")");
  }
  return llvm::Error::success();
}

bool anyCheckEnabled(const ClangTidyOptions &Options,
                     bool ExperimentalCustomChecks) {
  const CheckGlobs Globs(Options.Checks.value_or(""));
  return llvm::any_of(
             moduleChecks().keys(),
             [&](llvm::StringRef Check) { return Globs.enables(Check); }) ||
         !getCheckNames(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                        ExperimentalCustomChecks)
              .empty();
}

llvm::Error validateConfiguration(const ConfigRequest &Request,
                                  const std::vector<std::string> &Files,
                                  bool Strict) {
  KnownChecks Checks(Request.ExperimentalCustomChecks);
  if (Request.Checks)
    if (llvm::Error Error = validateChecks(*Request.Checks, "--checks", Checks))
      return Error;

  std::vector<std::pair<std::string, std::string>> Configs; // text, source
  if (!Request.Config.empty())
    Configs.emplace_back(Request.Config, "--config");
  if (!Request.ConfigFile.empty()) {
    llvm::Expected<std::string> Text = readConfigFile(Request.ConfigFile);
    if (!Text)
      return Text.takeError();
    Configs.emplace_back(std::move(*Text), Request.ConfigFile);
  }
  if (Configs.empty()) {
    // The .clang-tidy files clang-tidy would read for these files: the nearest
    // one, and its parents while they ask to inherit.
    llvm::StringSet<> Visited;
    for (const std::string &File : Files) {
      for (llvm::StringRef Dir = llvm::sys::path::parent_path(File);
           !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
        if (!Visited.insert(Dir).second)
          break;
        llvm::SmallString<256> Path(Dir);
        llvm::sys::path::append(Path, ".clang-tidy");
        if (!llvm::sys::fs::exists(Path))
          continue;
        llvm::Expected<std::string> Text = readConfigFile(Path);
        if (!Text)
          return Text.takeError();
        std::vector<std::string> Ignored;
        llvm::Expected<ClangTidyOptions> Parsed =
            parseConfigText(*Text, Path, Strict ? nullptr : &Ignored);
        if (!Parsed)
          return Parsed.takeError();
        for (const std::string &Warning : Ignored)
          llvm::errs() << "maptidy: warning: " << Warning << "\n";
        // A project's .clang-tidy may name checks of another clang-tidy
        // version: a warning, where a name given on the command line is an
        // error.
        if (Parsed->Checks)
          if (llvm::Error Error =
                  validateChecks(*Parsed->Checks, Path, Checks)) {
            if (Strict)
              return Error;
            llvm::errs() << "maptidy: warning: "
                         << llvm::toString(std::move(Error)) << "\n";
          }
        if (!Parsed->InheritParentConfig.value_or(false))
          break;
      }
    }
    return llvm::Error::success();
  }
  for (const auto &[Text, Source] : Configs) {
    llvm::Expected<ClangTidyOptions> Parsed =
        parseConfigText(Text, Source, /*Ignored=*/nullptr);
    if (!Parsed)
      return Parsed.takeError();
    if (Parsed->Checks)
      if (llvm::Error Error = validateChecks(*Parsed->Checks, Source, Checks))
        return Error;
  }
  return llvm::Error::success();
}

} // namespace maptidy
