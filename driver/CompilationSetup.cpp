//===--- CompilationSetup.cpp - maptidy -----------------------------------===//

#include "CompilationSetup.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang::tooling;

namespace maptidy {

static llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// One line: database loaders report several.
static std::string oneLine(llvm::StringRef Message) {
  std::string Line = Message.trim().str();
  llvm::replace(Line, '\n', ' ');
  return Line;
}

/// A path without symlinks or dots, to compare the names a user types with the
/// names in a database.
static std::string canonicalPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Path, Real))
    return std::string(Real);
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
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

static llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadDatabase(llvm::StringRef BuildPath, llvm::StringRef FirstFile) {
  std::string Message;
  if (!BuildPath.empty()) {
    llvm::SmallString<256> Json(BuildPath);
    if (llvm::sys::fs::is_directory(BuildPath))
      llvm::sys::path::append(Json, "compile_commands.json");
    if (!llvm::sys::fs::exists(Json))
      return failure("no compilation database at '" + Json +
                     "'; configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON or "
                     "pass compile flags after '--'");
    std::unique_ptr<CompilationDatabase> Database =
        JSONCompilationDatabase::loadFromFile(
            Json, Message, JSONCommandLineSyntax::AutoDetect);
    if (!Database)
      return failure("invalid compilation database '" + Json +
                     "': " + oneLine(Message));
    return inferTargetAndDriverMode(std::move(Database));
  }
  if (FirstFile.empty())
    return failure("no input files; name files, or pass -p <build-dir> to "
                   "analyze every file of a compilation database");
  std::unique_ptr<CompilationDatabase> Database =
      CompilationDatabase::autoDetectFromSource(FirstFile, Message);
  if (!Database)
    return failure("no compilation database found above '" + FirstFile +
                   "'; pass -p <build-dir> or compile flags after '--'");
  return Database;
}

llvm::Expected<CompilationSetup> setUpCompilation(CompilationRequest Request) {
  CompilationSetup Setup;
  for (const std::string &File : Request.Files) {
    if (!llvm::sys::fs::is_regular_file(File))
      return failure("no such file '" + File + "'");
    Setup.Files.push_back(canonicalPath(File));
  }

  std::unique_ptr<CompilationDatabase> Database;
  if (Request.FixedFlags) {
    if (Setup.Files.empty())
      return failure("no input files given with the compile flags after '--'");
    Database = std::move(Request.FixedFlags);
  } else {
    auto Loaded = loadDatabase(Request.BuildPath, Setup.Files.empty()
                                                      ? llvm::StringRef()
                                                      : Setup.Files.front());
    if (!Loaded)
      return Loaded.takeError();
    Database = std::move(*Loaded);
    llvm::StringSet<> Known;
    for (const std::string &File : Database->getAllFiles())
      Known.insert(canonicalPath(File));
    if (Setup.Files.empty()) {
      for (const auto &Entry : Known)
        Setup.Files.push_back(Entry.getKey().str());
      llvm::sort(Setup.Files);
      if (Setup.Files.empty())
        return failure("the compilation database lists no files");
    }
    for (const std::string &File : Setup.Files)
      if (!Known.contains(File))
        return failure("'" + File +
                       "' is not in the compilation database; rebuild the "
                       "database or pass its compile flags after '--'");
  }

  auto Adjusted =
      std::make_unique<ArgumentsAdjustingCompilations>(std::move(Database));
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
  Setup.Database = std::move(Adjusted);
  return Setup;
}

} // namespace maptidy
