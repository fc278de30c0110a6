//===--- IncludeClosure.h - maptidy ---------------------------------------===//
//
// Which files may include a header, read from the text of their #include
// lines without preprocessing: what a run knows of the translation units it
// did not analyze. Safety first: the answer may say a file reaches a header
// it does not, never the reverse, within the project.
// - `#include "p"` and `<p>` name every project file whose path ends with
//   `/p` (`.` and `..` components dropped: `../p` names every `p`);
// - a file whose #include operand is a macro, or that cannot be read, may
//   reach every file;
// - files outside the project root are not followed.
// Each file is read once, when a question first needs it.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_INCLUDECLOSURE_H
#define MAPTIDY_DRIVER_INCLUDECLOSURE_H

#include "ProjectRoot.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace maptidy {

class IncludeClosure {
public:
  /// The project's files are the C and C++ files below \p Root, outside
  /// hidden and build directories (with a CMakeCache.txt or a
  /// compile_commands.json), and those of \p Known (files the run knows
  /// of: the compilation database's, those the analysis read) below it.
  IncludeClosure(const ProjectRoot &Root, std::vector<std::string> Known)
      : Root(Root), Known(std::move(Known)) {}

  /// The project's files found below the root, listed once.
  llvm::ArrayRef<std::string> listed();

  /// Whether an #include of \p File may name \p Header, a project file
  /// (by its real path).
  bool includes(llvm::StringRef File, llvm::StringRef Header);

  /// The first of \p Starts that may include \p Header, a project file (by
  /// its real path), directly or through project files, or that is it.
  std::optional<std::string> firstReaching(llvm::ArrayRef<std::string> Starts,
                                           llvm::StringRef Header);

private:
  struct Node {
    std::string Path;
    bool Scanned = false;
    /// Cannot be read, or has an #include whose operand is not a path.
    bool Opaque = false;
    /// The operands of its #include lines, without `.` and `..`.
    std::vector<std::string> Included;
    /// The project files they name, once resolved.
    std::optional<std::vector<size_t>> Targets;
  };

  size_t node(llvm::StringRef Path);
  bool isFile(size_t Index, llvm::StringRef Path);
  Node &scanned(size_t Index);
  const std::vector<size_t> &targets(size_t Index);
  void index();

  const ProjectRoot &Root;
  std::vector<std::string> Known;
  std::optional<std::vector<std::string>> Listed;
  std::vector<Node> Nodes;
  llvm::StringMap<size_t> ByPath;
  /// The project's files by file name.
  std::optional<llvm::StringMap<std::vector<size_t>>> ByName;
};

} // namespace maptidy

#endif // MAPTIDY_DRIVER_INCLUDECLOSURE_H
