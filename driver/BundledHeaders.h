//===--- BundledHeaders.h - maptidy ---------------------------------------===//
//
// --install-headers DIR: the container headers that maptidy's fix-its
// include (<maptidy/...>), compiled into maptidy and copied into a project
// that vendors them instead of using find_package(maptidy).
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_BUNDLEDHEADERS_H
#define MAPTIDY_DRIVER_BUNDLEDHEADERS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace maptidy {

/// Writes the bundled headers below \p Directory (DIR/maptidy/...), so that
/// `-I DIR` makes them includable. A file already there with the same
/// contents is left alone; one with other contents (an edited or another
/// version's copy) is an error and nothing is written. Returns the number of
/// headers written.
llvm::Expected<unsigned> installBundledHeaders(llvm::StringRef Directory);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_BUNDLEDHEADERS_H
