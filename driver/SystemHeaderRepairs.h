//===--- SystemHeaderRepairs.h - maptidy ----------------------------------===//
//
// Headers that GCC compiles and the analysis's front end (Clang 22) rejects.
// Clang 20 made it an error to form an enumeration value outside the
// enumeration's range in a constant expression; Boost.MPL's integral_c<E, N>
// forms its next and prior constants, N + 1 and N - 1, as soon as it is
// instantiated, so every integral_c of an enumeration's first or last value
// fails. Debian 12's Boost 1.74 does that in numeric_cast (and so in
// posix_time::seconds) and in Boost.Log's locks, and any Boost does it for a
// project's own enumerations: a unit that GCC builds would be reported as not
// compiling, with no finding. The analysis reads such headers with the
// smallest change that Clang accepts (there, the next and prior constants of
// an enumeration's integral_c name the constant itself), as it drops the
// compile flags that Clang does not know (RejectedFlags.h).
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_SYSTEMHEADERREPAIRS_H
#define MAPTIDY_DRIVER_SYSTEMHEADERREPAIRS_H

#include "llvm/Support/VirtualFileSystem.h"

namespace maptidy {

/// \p Base, except that the headers of the repair table read repaired. A
/// header whose text differs from the one a repair expects reads unchanged.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
withSystemHeaderRepairs(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_SYSTEMHEADERREPAIRS_H
