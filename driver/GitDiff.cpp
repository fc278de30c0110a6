//===--- GitDiff.cpp - maptidy --------------------------------------------===//

#include "GitDiff.h"
#include "SourceCache.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <climits>

namespace maptidy {

bool ChangedLines::contains(llvm::StringRef Path, unsigned Line) const {
  auto It = Ranges.find(Path);
  return It != Ranges.end() &&
         llvm::any_of(It->getValue(), [&](const auto &Range) {
           return Range.first <= Line && Line <= Range.second;
         });
}

std::vector<std::string> ChangedLines::files() const {
  std::vector<std::string> Files;
  for (const auto &Entry : Ranges)
    Files.push_back(Entry.getKey().str());
  llvm::sort(Files);
  return Files;
}

void ChangedLines::add(llvm::StringRef Path, unsigned First, unsigned Last) {
  Ranges[Path].push_back({First, Last});
}

static llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

namespace {

class Git {
public:
  static llvm::Expected<Git> find() {
    llvm::ErrorOr<std::string> Path = llvm::sys::findProgramByName("git");
    if (!Path)
      return failure("--diff-base needs git, which is not on PATH");
    return Git(*Path);
  }

  /// The standard output of `git Args...`, or std::nullopt when it fails
  /// (its first line of error output in \p Error).
  std::optional<std::string> run(llvm::ArrayRef<llvm::StringRef> Args,
                                 std::string *Error = nullptr) const {
    llvm::SmallString<128> Out, Err;
    if (llvm::sys::fs::createTemporaryFile("maptidy-git", "out", Out) ||
        llvm::sys::fs::createTemporaryFile("maptidy-git", "err", Err))
      return std::nullopt;
    llvm::FileRemover RemoveOut(Out), RemoveErr(Err);
    std::vector<llvm::StringRef> Argv = {Program};
    Argv.insert(Argv.end(), Args.begin(), Args.end());
    const std::optional<llvm::StringRef> Redirects[] = {
        llvm::StringRef(""), llvm::StringRef(Out), llvm::StringRef(Err)};
    const int Status =
        llvm::sys::ExecuteAndWait(Program, Argv, std::nullopt, Redirects);
    auto Read = [](llvm::StringRef File) {
      auto Buffer = llvm::MemoryBuffer::getFile(File);
      return Buffer ? (*Buffer)->getBuffer().str() : std::string();
    };
    if (Status != 0) {
      if (Error)
        *Error = llvm::StringRef(Read(Err)).split('\n').first.trim().str();
      return std::nullopt;
    }
    return Read(Out);
  }

private:
  explicit Git(std::string Program) : Program(std::move(Program)) {}
  std::string Program;
};

/// A path as git prints it in a diff header, C-style quoted when unusual.
std::string unquote(llvm::StringRef Path) {
  if (!Path.consume_front("\"") || !Path.consume_back("\""))
    return Path.str();
  std::string Plain;
  for (size_t I = 0; I < Path.size(); ++I) {
    if (Path[I] != '\\' || I + 1 == Path.size()) {
      Plain += Path[I];
      continue;
    }
    const char C = Path[++I];
    if (C >= '0' && C <= '7' && I + 2 < Path.size()) {
      unsigned Byte = 0;
      Path.substr(I, 3).getAsInteger(8, Byte);
      Plain += static_cast<char>(Byte);
      I += 2;
      continue;
    }
    Plain += C == 'n' ? '\n' : C == 't' ? '\t' : C;
  }
  return Plain;
}

/// Adds the lines that `git diff --unified=0` shows as added in the new
/// version of each file.
void parseDiff(llvm::StringRef Diff, llvm::StringRef TopLevel,
               ChangedLines &Changed) {
  std::string File;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (Line.consume_front("+++ ")) {
      File.clear();
      if (Line.consume_front("\"b/"))
        File = unquote(("\"" + Line).str());
      else if (Line.consume_front("b/"))
        File = Line.str();
      if (!File.empty()) {
        llvm::SmallString<256> Path(TopLevel);
        llvm::sys::path::append(Path, File);
        File = resolvePath("", Path);
      }
      continue;
    }
    if (File.empty() || !Line.consume_front("@@ "))
      continue;
    // "-a[,b] +c[,d] @@": d lines from line c are new; d is 1 if omitted.
    llvm::StringRef New = Line.split(' ').second.split(' ').first;
    if (!New.consume_front("+"))
      continue;
    auto [Start, Count] = New.split(',');
    unsigned First = 0, Length = 1;
    if (Start.getAsInteger(10, First) ||
        (!Count.empty() && Count.getAsInteger(10, Length)))
      continue;
    if (Length > 0)
      Changed.add(File, First, First + Length - 1);
  }
}

} // namespace

llvm::Expected<bool> isCheckedOut(llvm::StringRef Ref) {
  llvm::Expected<Git> G = Git::find();
  if (!G)
    return G.takeError();
  auto Commit = [&](llvm::StringRef Name) {
    return G->run({"rev-parse", "--verify", "--quiet",
                   (Name + "^{commit}").str()});
  };
  const std::optional<std::string> Named = Commit(Ref);
  if (!Named)
    return failure("git ref '" + Ref + "' does not exist");
  return Named == Commit("HEAD");
}

llvm::Expected<ChangedLines> changedLinesSince(llvm::StringRef Ref) {
  llvm::Expected<Git> G = Git::find();
  if (!G)
    return G.takeError();
  std::string Error;
  std::optional<std::string> TopLevel =
      G->run({"rev-parse", "--show-toplevel"}, &Error);
  if (!TopLevel)
    return failure("--diff-base needs a git work tree: " + Error);
  const std::string Top = llvm::StringRef(*TopLevel).trim().str();

  const bool HasHead =
      G->run({"-C", Top, "rev-parse", "--verify", "--quiet", "HEAD"})
          .has_value();
  std::string Base;
  if (std::optional<std::string> Commit =
          G->run({"-C", Top, "rev-parse", "--verify", "--quiet",
                  (Ref + "^{commit}").str()})) {
    Base = llvm::StringRef(*Commit).trim().str();
    if (HasHead)
      if (std::optional<std::string> Fork =
              G->run({"-C", Top, "merge-base", Base, "HEAD"}))
        Base = llvm::StringRef(*Fork).trim().str();
  } else if (Ref == "HEAD" && !HasHead) {
    std::optional<std::string> Empty =
        G->run({"-C", Top, "hash-object", "-t", "tree", "/dev/null"});
    if (!Empty)
      return failure("git cannot name the empty tree");
    Base = llvm::StringRef(*Empty).trim().str();
  } else {
    return failure("git ref '" + Ref + "' does not exist");
  }

  std::optional<std::string> Diff =
      G->run({"-C", Top, "-c", "core.quotePath=false", "diff", "--no-color",
              "--no-ext-diff", "--no-textconv", "--unified=0",
              "--src-prefix=a/", "--dst-prefix=b/", "-M", Base, "--"},
             &Error);
  if (!Diff)
    return failure("git diff failed: " + Error);
  ChangedLines Changed;
  parseDiff(*Diff, Top, Changed);

  std::optional<std::string> Untracked = G->run(
      {"-C", Top, "ls-files", "--others", "--exclude-standard", "-z"}, &Error);
  if (!Untracked)
    return failure("git ls-files failed: " + Error);
  llvm::SmallVector<llvm::StringRef, 0> Files;
  llvm::StringRef(*Untracked).split(Files, '\0', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef File : Files) {
    llvm::SmallString<256> Path(Top);
    llvm::sys::path::append(Path, File);
    Changed.add(resolvePath("", Path), 1, UINT_MAX);
  }
  return Changed;
}

} // namespace maptidy
