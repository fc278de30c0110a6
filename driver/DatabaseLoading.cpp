//===--- DatabaseLoading.cpp - maptidy ------------------------------------===//

#include "DatabaseLoading.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/YAMLParser.h"

using namespace clang::tooling;

namespace maptidy {

static llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

std::string canonicalPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Path, Real))
    return std::string(Real);
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadFlagsAfterDoubleDash(int &Argc, const char **Argv,
                         RejectedFlags &Rejected) {
  const char **DoubleDash =
      std::find(Argv, Argv + Argc, llvm::StringRef("--"));
  if (DoubleDash == Argv + Argc)
    return nullptr;
  CommandLineArguments Command = {"clang++"};
  Command.insert(Command.end(), DoubleDash + 1, Argv + Argc);
  // The driver that strips the input files from the flags refuses `-o` with
  // several inputs (the file, and the placeholder it adds).
  const CommandLineArguments Flags = combineAdjusters(
      getClangStripOutputAdjuster(),
      getClangStripDependencyFileAdjuster())(Rejected.drop(Command), "");
  std::vector<const char *> Stripped = {"--"};
  for (const std::string &Flag : llvm::drop_begin(Flags))
    Stripped.push_back(Flag.c_str());
  int Count = Stripped.size();
  std::string Problem;
  std::unique_ptr<CompilationDatabase> Database =
      FixedCompilationDatabase::loadFromCommandLine(Count, Stripped.data(),
                                                    Problem);
  Argc = DoubleDash - Argv;
  if (!Problem.empty()) {
    llvm::StringRef Line = llvm::StringRef(Problem).split('\n').first;
    Line.consume_front("error: ");
    return failure("invalid compile flags after '--': " + Line);
  }
  return Database;
}

namespace {

/// The first syntax error of a YAML or JSON file.
struct SyntaxError {
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;
};

/// compile_commands.json's commands by the real path of their file, with
/// absolute directories. A relative `directory` is relative to the
/// database's folder, as the tools that write one mean it; clang's loader
/// takes it relative to the working directory, and then finds no command for
/// any file.
class AbsolutePathsDatabase : public CompilationDatabase {
public:
  AbsolutePathsDatabase(const CompilationDatabase &Base,
                        llvm::StringRef Folder) {
    for (CompileCommand &Command : Base.getAllCompileCommands()) {
      llvm::SmallString<256> Directory(Command.Directory);
      llvm::sys::path::make_absolute(Folder, Directory);
      llvm::sys::path::remove_dots(Directory, /*remove_dot_dot=*/true);
      Command.Directory = std::string(Directory);
      llvm::SmallString<256> File(Command.Filename);
      llvm::sys::path::make_absolute(Directory, File);
      Command.Filename = canonicalPath(File);
      Commands[Command.Filename].push_back(std::move(Command));
    }
  }

  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    auto It = Commands.find(File);
    if (It == Commands.end())
      It = Commands.find(canonicalPath(File));
    return It == Commands.end() ? std::vector<CompileCommand>()
                                : It->getValue();
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> Files;
    for (const auto &Entry : Commands)
      Files.push_back(Entry.getKey().str());
    return Files;
  }

private:
  llvm::StringMap<std::vector<CompileCommand>> Commands;
};

} // namespace

/// Whether the `command` or `arguments` of \p Field is empty: the analysis
/// would crash on the entry.
static bool isEmptyCommand(llvm::yaml::KeyValueNode &Field,
                           llvm::StringRef Name) {
  llvm::yaml::Node *Value = Field.getValue();
  if (Name == "command")
    if (auto *Command = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(Value)) {
      llvm::SmallString<256> Storage;
      return Command->getValue(Storage).trim().empty();
    }
  if (Name == "arguments")
    if (auto *Arguments =
            llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(Value)) {
      unsigned Count = 0;
      for ([[maybe_unused]] llvm::yaml::Node &Argument : *Arguments)
        ++Count;
      return Count == 0;
    }
  return false;
}

/// Refuses what clang's loader prints several lines of parser output for
/// (syntax errors), and entries with an empty command, which it accepts and
/// the analysis crashes on. It names the other problems in a line itself.
static llvm::Error checkEntries(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::SourceMgr Sources;
  SyntaxError Syntax;
  Sources.setDiagHandler(
      [](const llvm::SMDiagnostic &Diag, void *Context) {
        auto &First = *static_cast<SyntaxError *>(Context);
        if (First.Message.empty())
          First = {static_cast<unsigned>(Diag.getLineNo()),
                   static_cast<unsigned>(Diag.getColumnNo() + 1),
                   Diag.getMessage().str()};
      },
      &Syntax);
  llvm::yaml::Stream Stream(llvm::MemoryBufferRef(Text, Path), Sources);
  std::string EmptyEntry;
  for (llvm::yaml::Document &Document : Stream) {
    auto *Entries =
        llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(Document.getRoot());
    if (!Entries)
      continue;
    unsigned Index = 0;
    for (llvm::yaml::Node &Entry : *Entries) {
      ++Index;
      auto *Fields = llvm::dyn_cast<llvm::yaml::MappingNode>(&Entry);
      if (!Fields)
        continue;
      std::string File;
      bool Empty = false;
      for (llvm::yaml::KeyValueNode &Field : *Fields) {
        auto *Key = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(
            Field.getKey());
        llvm::SmallString<16> KeyStorage;
        const llvm::StringRef Name = Key ? Key->getValue(KeyStorage) : "";
        if (auto *Value = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(
                Name == "file" ? Field.getValue() : nullptr)) {
          llvm::SmallString<256> Storage;
          File = Value->getValue(Storage).str();
        }
        Empty |= isEmptyCommand(Field, Name);
      }
      if (Empty && EmptyEntry.empty())
        EmptyEntry = ("entry " + llvm::Twine(Index) + " ('" + File +
                      "') has an empty command")
                         .str();
    }
  }
  if (!Syntax.Message.empty())
    return failure("invalid compilation database '" + Path + ":" +
                   llvm::Twine(Syntax.Line) + ":" + llvm::Twine(Syntax.Column) +
                   "': " + Syntax.Message);
  if (!EmptyEntry.empty())
    return failure("invalid compilation database '" + Path +
                   "': " + EmptyEntry);
  return llvm::Error::success();
}

static llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadJsonDatabase(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return failure("cannot read compilation database '" + Path +
                   "': " + Text.getError().message());
  if (llvm::Error Error = checkEntries(Path, (*Text)->getBuffer()))
    return std::move(Error);
  std::string Message;
  std::unique_ptr<CompilationDatabase> Database =
      JSONCompilationDatabase::loadFromBuffer(
          (*Text)->getBuffer(), Message, JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return failure("invalid compilation database '" + Path +
                   "': " + llvm::StringRef(Message).trim());
  llvm::SmallString<256> Folder(llvm::sys::path::parent_path(Path));
  llvm::sys::fs::make_absolute(Folder);
  // As clang's own loader of compile_commands.json does.
  return expandResponseFiles(
      std::make_unique<AbsolutePathsDatabase>(*Database, Folder),
      llvm::vfs::getRealFileSystem());
}

llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadCompilationDatabase(llvm::StringRef BuildPath, llvm::StringRef FirstFile) {
  if (!BuildPath.empty()) {
    llvm::SmallString<256> Json(BuildPath);
    // A directory, unless a .json file is named (even a missing one).
    if (llvm::sys::fs::is_directory(BuildPath) || !BuildPath.ends_with(".json"))
      llvm::sys::path::append(Json, "compile_commands.json");
    if (!llvm::sys::fs::exists(Json))
      return failure("no compilation database at '" + Json +
                     "'; create it with 'cmake -B " +
                     llvm::sys::path::parent_path(Json) +
                     " -DCMAKE_EXPORT_COMPILE_COMMANDS=ON' (or 'bear -- "
                     "make'), name its directory with -p, or pass compile "
                     "flags after '--'");
    return loadJsonDatabase(Json);
  }
  if (FirstFile.empty())
    return failure("no input files; name files, or pass -p <build-dir> to "
                   "analyze every file of a compilation database");
  // The nearest compile_commands.json, or another kind of database
  // (compile_flags.txt), as clang-tidy looks for them.
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(FirstFile);
       !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Json(Dir);
    llvm::sys::path::append(Json, "compile_commands.json");
    if (llvm::sys::fs::exists(Json))
      return loadJsonDatabase(Json);
    std::string Ignored;
    if (std::unique_ptr<CompilationDatabase> Database =
            CompilationDatabase::loadFromDirectory(Dir, Ignored))
      return Database;
  }
  return failure("no compilation database found above '" + FirstFile +
                 "'; pass -p <build-dir> or compile flags after '--'");
}

} // namespace maptidy
