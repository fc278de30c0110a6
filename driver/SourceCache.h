//===--- SourceCache.h - maptidy ------------------------------------------===//
//
// The analyzed files as they were read once after the analysis: positions of
// findings, the text of their lines and the code fix-its are applied to.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_SOURCECACHE_H
#define MAPTIDY_DRIVER_SOURCECACHE_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <string>
#include <vector>

namespace maptidy {

/// \p Path made absolute against \p BuildDirectory (where clang-tidy saw it)
/// without dots or symbolic links, so that every spelling of a file is one.
std::string resolvePath(llvm::StringRef BuildDirectory, llvm::StringRef Path);

struct Position {
  /// 1-based; 0 for a diagnostic without a location.
  unsigned Line = 0;
  /// 1-based, in bytes (as clang counts).
  unsigned Column = 0;
};

class SourceCache {
public:
  /// The contents of \p Path, or std::nullopt when it cannot be read.
  std::optional<llvm::StringRef> contents(llvm::StringRef Path);
  Position position(llvm::StringRef Path, unsigned Offset);
  /// The text of line \p Line (1-based) without its end of line.
  llvm::StringRef lineText(llvm::StringRef Path, unsigned Line);
  /// The 1-based column of \p Where in UTF-16 code units (SARIF's default).
  unsigned utf16Column(llvm::StringRef Path, Position Where);

private:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<unsigned> LineStarts;
  };
  File *get(llvm::StringRef Path);
  llvm::StringMap<File> Files;
};

} // namespace maptidy

#endif // MAPTIDY_DRIVER_SOURCECACHE_H
