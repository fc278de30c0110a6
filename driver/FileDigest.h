//===--- FileDigest.h - maptidy -------------------------------------------===//
//
// What identifies the contents of a file as the analysis read it: --fix
// compares it with the file it is about to rewrite, so that fix-its computed
// on one version of a file are never applied, by byte offset, to another.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_FILEDIGEST_H
#define MAPTIDY_DRIVER_FILEDIGEST_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>

namespace maptidy {

struct FileDigest {
  uint64_t Size = 0;
  /// A 128-bit hash of the contents (not cryptographic: it detects edits,
  /// not forgeries).
  uint64_t High = 0;
  uint64_t Low = 0;

  bool operator==(const FileDigest &Other) const {
    return Size == Other.Size && High == Other.High && Low == Other.Low;
  }
  bool operator!=(const FileDigest &Other) const { return !(*this == Other); }
};

FileDigest digestOf(llvm::StringRef Contents);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_FILEDIGEST_H
