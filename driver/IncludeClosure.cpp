//===--- IncludeClosure.cpp - maptidy -------------------------------------===//

#include "IncludeClosure.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace maptidy {

namespace {

/// What a line says of inclusion.
enum class LineKind { Other, Path, Opaque };

/// Whether \p Line is an #include (#import, #include_next) and of what:
/// \p Path is its quoted or bracketed operand; an operand that is neither
/// (a macro, a path continued on the next line) is Opaque.
LineKind includeLine(llvm::StringRef Line, llvm::StringRef &Path) {
  Line = Line.ltrim();
  if (!Line.consume_front("#"))
    return LineKind::Other;
  Line = Line.ltrim();
  if (!Line.consume_front("include") && !Line.consume_front("import"))
    return LineKind::Other;
  Line.consume_front("_next");
  if (!Line.empty() && !llvm::isSpace(Line.front()) && Line.front() != '"' &&
      Line.front() != '<')
    return LineKind::Other; // #included, #importance
  Line = Line.ltrim();
  if (Line.empty() || (Line.front() != '"' && Line.front() != '<'))
    return LineKind::Opaque;
  const char Close = Line.front() == '"' ? '"' : '>';
  const size_t End = Line.find(Close, 1);
  if (End == llvm::StringRef::npos)
    return LineKind::Opaque;
  Path = Line.slice(1, End);
  return LineKind::Path;
}

/// \p Included without its `.` and `..` components and what precedes a
/// `..`: `../p` and `a/../p` may name any `p` (the include path decides).
std::string withoutDots(llvm::StringRef Included) {
  llvm::SmallVector<llvm::StringRef> Kept;
  for (auto
           It = llvm::sys::path::begin(Included, llvm::sys::path::Style::posix),
           End = llvm::sys::path::end(Included);
       It != End; ++It) {
    if (*It == "..")
      Kept.clear();
    else if (*It != "." && *It != "/")
      Kept.push_back(*It);
  }
  return llvm::join(Kept, "/");
}

/// Whether an #include of \p Included (without dots) may name \p Path.
bool mayName(llvm::StringRef Included, llvm::StringRef Path) {
  return !Included.empty() && Path.ends_with(Included) &&
         Path.drop_back(Included.size()).ends_with("/");
}

bool isSourceOrHeader(llvm::StringRef Path) {
  const llvm::StringRef Extension = llvm::sys::path::extension(Path);
  return llvm::is_contained({".c",   ".cc",  ".cpp", ".cxx", ".c++", ".C",
                             ".cu",  ".m",   ".mm",  ".h",   ".hh",  ".hpp",
                             ".hxx", ".h++", ".H",   ".inl", ".ipp", ".tcc",
                             ".tpp", ".txx", ".inc", ".def", ".ixx", ".cppm"},
                            Extension);
}

bool isBuildDirectory(llvm::StringRef Directory) {
  for (const char *Marker : {"CMakeCache.txt", "compile_commands.json"}) {
    llvm::SmallString<256> Path(Directory);
    llvm::sys::path::append(Path, Marker);
    if (llvm::sys::fs::exists(Path))
      return true;
  }
  return false;
}

} // namespace

llvm::ArrayRef<std::string> IncludeClosure::listed() {
  if (Listed)
    return *Listed;
  Listed.emplace();
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Root.path(), EC), End;
       It != End && !EC; It.increment(EC)) {
    const std::string &Path = It->path();
    if (It->type() == llvm::sys::fs::file_type::directory_file) {
      if (llvm::sys::path::filename(Path).starts_with(".") ||
          isBuildDirectory(Path))
        It.no_push();
      continue;
    }
    if (isSourceOrHeader(Path))
      Listed->push_back(Path);
  }
  return *Listed;
}

size_t IncludeClosure::node(llvm::StringRef Path) {
  auto [It, Inserted] = ByPath.try_emplace(Path, Nodes.size());
  if (Inserted)
    Nodes.push_back({Path.str()});
  return It->getValue();
}

IncludeClosure::Node &IncludeClosure::scanned(size_t Index) {
  Node &N = Nodes[Index];
  if (N.Scanned)
    return N;
  N.Scanned = true;
  auto Buffer = llvm::MemoryBuffer::getFile(N.Path);
  if (!Buffer) {
    N.Opaque = true;
    return N;
  }
  // Only the lines with a '#' can be #include lines.
  const llvm::StringRef Text = (*Buffer)->getBuffer();
  for (size_t Hash = Text.find('#'); Hash != llvm::StringRef::npos;) {
    const size_t Start = Text.rfind('\n', Hash) + 1; // 0 on the first line
    const size_t End = Text.find('\n', Hash);
    const llvm::StringRef Line = Text.slice(Start, End).rtrim('\r');
    Hash = Text.find('#', End);
    llvm::StringRef Included;
    switch (includeLine(Line, Included)) {
    case LineKind::Other:
      break;
    case LineKind::Opaque:
      N.Opaque = true;
      break;
    case LineKind::Path:
      N.Included.push_back(withoutDots(Included));
      break;
    }
  }
  return N;
}

void IncludeClosure::index() {
  if (ByName)
    return;
  ByName.emplace();
  auto Add = [&](llvm::StringRef Path) {
    const size_t Index = node(Path);
    std::vector<size_t> &Named = (*ByName)[llvm::sys::path::filename(Path)];
    if (!llvm::is_contained(Named, Index))
      Named.push_back(Index);
  };
  for (const std::string &Path : listed())
    Add(Path);
  for (const std::string &Path : Known)
    if (Root.contains(Path))
      Add(Path);
}

const std::vector<size_t> &IncludeClosure::targets(size_t Index) {
  if (Nodes[Index].Targets)
    return *Nodes[Index].Targets;
  index();
  std::vector<size_t> Targets;
  for (const std::string &Included : scanned(Index).Included) {
    auto Named = ByName->find(llvm::sys::path::filename(Included));
    if (Named == ByName->end())
      continue;
    for (size_t Target : Named->getValue())
      if (mayName(Included, Nodes[Target].Path))
        Targets.push_back(Target);
  }
  return *(Nodes[Index].Targets = std::move(Targets));
}

bool IncludeClosure::isFile(size_t Index, llvm::StringRef Path) {
  const std::string &Own = Nodes[Index].Path;
  if (Own == Path)
    return true;
  // The same file reached through a symbolic link.
  llvm::SmallString<256> Real;
  return llvm::sys::path::filename(Own) == llvm::sys::path::filename(Path) &&
         !llvm::sys::fs::real_path(Own, Real) && Real == Path;
}

bool IncludeClosure::includes(llvm::StringRef File, llvm::StringRef Header) {
  return llvm::any_of(targets(node(File)),
                      [&](size_t Target) { return isFile(Target, Header); });
}

std::optional<std::string>
IncludeClosure::firstReaching(llvm::ArrayRef<std::string> Starts,
                              llvm::StringRef Header) {
  // Shared by all starts: a file seen from an earlier start does not reach
  // the header, or that start would have been returned.
  std::vector<bool> Seen;
  std::vector<size_t> Pending;
  auto Visit = [&](size_t Index) {
    if (Index >= Seen.size())
      Seen.resize(Nodes.size());
    if (!Seen[Index]) {
      Seen[Index] = true;
      Pending.push_back(Index);
    }
  };
  for (const std::string &Start : Starts) {
    Visit(node(Start));
    while (!Pending.empty()) {
      const size_t Index = Pending.back();
      Pending.pop_back();
      if (isFile(Index, Header) || scanned(Index).Opaque) {
        Pending.clear();
        return Start;
      }
      for (size_t Target : targets(Index))
        Visit(Target);
    }
  }
  return std::nullopt;
}

} // namespace maptidy
