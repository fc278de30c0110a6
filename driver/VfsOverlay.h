//===--- VfsOverlay.h - maptidy -------------------------------------------===//
//
// The file system of the analysis: the real one, with the system headers
// Clang rejects read repaired (SystemHeaderRepairs.h) and, with
// --vfsoverlay, the overlay file's virtual files over it, as in clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_VFSOVERLAY_H
#define MAPTIDY_DRIVER_VFSOVERLAY_H

#include "llvm/Support/Error.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace maptidy {

/// The real file system with its header repairs, overlaid with \p OverlayFile's
/// when not empty; an error names a file that cannot be read or is not a valid
/// overlay.
llvm::Expected<llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>>
createAnalysisFileSystem(llvm::StringRef OverlayFile);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_VFSOVERLAY_H
