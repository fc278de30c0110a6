//===--- AtomicFile.h - maptidy -------------------------------------------===//
//
// Writes files so that a failure at any point leaves the previous contents:
// a temporary file in the same directory, then a rename over the target.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_ATOMICFILE_H
#define MAPTIDY_DRIVER_ATOMICFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace maptidy {

/// Fails with "cannot write '<Path>': <reason>" when \p Path could not be
/// written: its directory is missing or not writable, it is a directory, or it
/// is a read-only file (refused even for root, as editors do).
llvm::Error checkWritable(llvm::StringRef Path);

/// Replaces \p Path with \p Contents, keeping the permissions of the file it
/// replaces.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_ATOMICFILE_H
