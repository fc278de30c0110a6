//===--- CompilationSetup.cpp - maptidy -----------------------------------===//

#include "CompilationSetup.h"
#include "DatabaseLoading.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <set>

using namespace clang::tooling;

namespace maptidy {

static llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// The builtin headers (stddef.h, ...): lib/clang/<major> under the prefix the
/// binary runs from when they are installed there, else those of the clang
/// maptidy was built with.
static std::string resourceDirectory(const char *Argv0) {
  static int Anchor;
  const std::string Executable =
      llvm::sys::fs::getMainExecutable(Argv0, static_cast<void *>(&Anchor));
  llvm::SmallString<256> Beside(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Executable)));
  llvm::sys::path::append(Beside, "lib", "clang", MAPTIDY_LLVM_VERSION_MAJOR,
                          "include");
  if (llvm::sys::fs::is_directory(Beside))
    return std::string(llvm::sys::path::parent_path(Beside));
  return MAPTIDY_CLANG_RESOURCE_DIR;
}

namespace {

/// A file built into several targets (a test helper linked into every test)
/// has a command per target, often differing in the output file only.
/// clang-tidy analyzes the file once per command; this database drops the
/// commands that would repeat an analysis, whose findings would be the same.
class DistinctCommandsDatabase : public CompilationDatabase {
public:
  explicit DistinctCommandsDatabase(std::unique_ptr<CompilationDatabase> Base)
      : Base(std::move(Base)) {}

  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    std::vector<CompileCommand> Commands = Base->getCompileCommands(File);
    std::set<std::pair<std::string, CommandLineArguments>> Analyses;
    llvm::erase_if(Commands, [&](const CompileCommand &Command) {
      return !Analyses.emplace(Command.Directory, analyzed(Command)).second;
    });
    return Commands;
  }
  std::vector<std::string> getAllFiles() const override {
    return Base->getAllFiles();
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return Base->getAllCompileCommands();
  }

private:
  /// The arguments without those the analysis drops anyway (ClangTool's
  /// defaults): the output file and the dependency file; and without those
  /// that a shared library's command adds to its static twin's (CMake's):
  /// position-independent code and the library's export macro, which decide
  /// code generation and symbol visibility only.
  CommandLineArguments analyzed(const CompileCommand &Command) const {
    CommandLineArguments Arguments =
        StripOutputs(Command.CommandLine, Command.Filename);
    llvm::erase_if(Arguments, [](llvm::StringRef Argument) {
      return llvm::is_contained({"-fPIC", "-fpic", "-fPIE", "-fpie"},
                                Argument) ||
             (Argument.starts_with("-D") && Argument.ends_with("_EXPORTS"));
    });
    return Arguments;
  }

  std::unique_ptr<CompilationDatabase> Base;
  const ArgumentsAdjuster StripOutputs = combineAdjusters(
      getClangStripOutputAdjuster(), getClangStripDependencyFileAdjuster());
};

} // namespace

bool isHeader(llvm::StringRef Path) {
  return llvm::is_contained(
      {"h", "hh", "hpp", "hxx", "h++", "inl", "ipp", "tpp"},
      llvm::sys::path::extension(Path).drop_front().lower());
}

/// The files of the database that \p Argument names: itself, those below it
/// (a directory) or those it matches (a regular expression).
static llvm::Error select(llvm::StringRef Argument,
                          const llvm::StringSet<> &Known,
                          std::vector<std::string> &Files) {
  if (llvm::sys::fs::is_regular_file(Argument)) {
    Files.push_back(canonicalPath(Argument));
    return llvm::Error::success();
  }
  const size_t Before = Files.size();
  if (llvm::sys::fs::is_directory(Argument)) {
    const std::string Directory = canonicalPath(Argument) + "/";
    for (const auto &Entry : Known)
      if (Entry.getKey().starts_with(Directory))
        Files.push_back(Entry.getKey().str());
    if (Files.size() == Before)
      return failure("no file of the compilation database is in '" + Argument +
                     "'");
    return llvm::Error::success();
  }
  llvm::Regex Pattern(Argument);
  if (Pattern.isValid())
    for (const auto &Entry : Known)
      if (Pattern.match(Entry.getKey()))
        Files.push_back(Entry.getKey().str());
  if (Files.size() == Before)
    return failure("no such file '" + Argument +
                   "', and no file of the compilation database matches it");
  return llvm::Error::success();
}

/// Fails on a file without a compile command, which the analysis would skip
/// with a message but no error: a run must not pass having analyzed nothing.
/// Notes the source files whose command is inferred (a stale database);
/// headers, which databases do not list, always get one that way.
static llvm::Error checkCommands(const CompilationDatabase &Database,
                                 const std::vector<std::string> &Files) {
  for (const std::string &File : Files) {
    const std::vector<CompileCommand> Commands =
        Database.getCompileCommands(File);
    if (Commands.empty())
      return failure("no compile command for '" + File +
                     "' in the compilation database");
    llvm::StringRef Origin = Commands.front().Heuristic;
    if (Origin.consume_front("inferred from ") && !isHeader(File))
      llvm::errs() << "maptidy: note: '" << File
                   << "' is not in the compilation database; analyzing it "
                      "with the command of '"
                   << Origin << "'\n";
  }
  return llvm::Error::success();
}

/// The files to analyze when none are named: all, or those changed.
static std::vector<std::string>
defaultFiles(const llvm::StringSet<> &Known,
             const std::optional<std::vector<std::string>> &Changed) {
  std::vector<std::string> Files;
  if (!Changed) {
    for (const auto &Entry : Known)
      Files.push_back(Entry.getKey().str());
    return Files;
  }
  for (const std::string &File : *Changed)
    if (Known.contains(File) ||
        (isHeader(File) && llvm::sys::fs::is_regular_file(File)))
      Files.push_back(File);
  return Files;
}

llvm::Expected<CompilationSetup> setUpCompilation(CompilationRequest Request) {
  CompilationSetup Setup;
  std::unique_ptr<CompilationDatabase> Database;
  llvm::StringSet<> Known;
  if (Request.FixedFlags) {
    if (Request.Files.empty())
      return failure("no input files given with the compile flags after '--'");
    for (const std::string &File : Request.Files) {
      if (!llvm::sys::fs::is_regular_file(File))
        return failure("no such file '" + File + "'");
      Setup.Files.push_back(canonicalPath(File));
    }
    Database = std::move(Request.FixedFlags);
  } else {
    std::string FirstFile;
    if (!Request.Files.empty()) {
      if (Request.BuildPath.empty() && !llvm::sys::fs::exists(Request.Files[0]))
        return failure("no such file '" + Request.Files[0] + "'");
      FirstFile = canonicalPath(Request.Files[0]);
    }
    auto Loaded = loadCompilationDatabase(Request.BuildPath, FirstFile);
    if (!Loaded)
      return Loaded.takeError();
    // A file the database does not list gets the command of the most similar
    // file that it does, as in clang-tidy and clangd.
    Database = inferTargetAndDriverMode(
        inferMissingCompileCommands(std::move(*Loaded)));
    for (const std::string &File : Database->getAllFiles())
      Known.insert(canonicalPath(File));
    if (Known.empty())
      return failure("the compilation database lists no files");
    for (const std::string &Argument : Request.Files)
      if (llvm::Error Error = select(Argument, Known, Setup.Files))
        return std::move(Error);
    if (Request.Files.empty())
      Setup.Files = defaultFiles(Known, Request.ChangedFiles);
  }

  llvm::sort(Setup.Files);
  Setup.Files.erase(llvm::unique(Setup.Files), Setup.Files.end());
  // Round robin over the sorted files: the same split on every machine, and
  // shards of nearly equal size.
  std::vector<std::string> Part;
  for (size_t I = 0; I < Setup.Files.size(); ++I)
    if (I % Request.Part.Count == Request.Part.Index - 1)
      Part.push_back(std::move(Setup.Files[I]));
  Setup.Files = std::move(Part);
  for (const auto &Entry : Known)
    Setup.DatabaseFiles.push_back(Entry.getKey().str());
  llvm::sort(Setup.DatabaseFiles);
  if (llvm::Error Error = checkCommands(*Database, Setup.Files))
    return std::move(Error);

  auto Adjusted = std::make_unique<ArgumentsAdjustingCompilations>(
      std::make_unique<DistinctCommandsDatabase>(std::move(Database)));
  Adjusted->appendArgumentsAdjuster(
      [Rejected = Request.Rejected](const CommandLineArguments &Args,
                                    llvm::StringRef) {
        return Rejected->drop(Args);
      });
  Adjusted->appendArgumentsAdjuster(getInsertArgumentAdjuster(
      Request.ExtraArgsBefore, ArgumentInsertPosition::BEGIN));
  Adjusted->appendArgumentsAdjuster(getInsertArgumentAdjuster(
      Request.ExtraArgs, ArgumentInsertPosition::END));
  const std::string ResourceDir = resourceDirectory(Request.Argv0);
  Adjusted->appendArgumentsAdjuster(
      [ResourceDir](const CommandLineArguments &Args, llvm::StringRef) {
        if (llvm::any_of(Args, [](llvm::StringRef Arg) {
              return Arg.starts_with("-resource-dir");
            }))
          return Args;
        return getInsertArgumentAdjuster(
            CommandLineArguments{"-resource-dir", ResourceDir},
            ArgumentInsertPosition::BEGIN)(Args, "");
      });
  // Decided here, before workers start, so that each is noted once.
  for (const std::string &File : Setup.Files)
    Adjusted->getCompileCommands(File);
  Setup.IgnoredFlags = Request.Rejected->dropped();
  Setup.Database = std::move(Adjusted);
  return Setup;
}

} // namespace maptidy
