//===--- PluginLoading.h - maptidy ----------------------------------------===//
//
// Loads the modules named with --load. maptidy has LLVM and Clang linked in:
// a plugin takes their symbols from maptidy. A plugin that needs the shared
// libLLVM or libclang-cpp would bring a second copy of LLVM, whose first
// static constructor aborts the process; such a plugin is refused up front.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_PLUGINLOADING_H
#define MAPTIDY_DRIVER_PLUGINLOADING_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace maptidy {

/// Loads the shared library \p Path for good (its clang-tidy modules register
/// themselves), or fails with "cannot load '<Path>': <reason>".
llvm::Error loadPlugin(llvm::StringRef Path);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_PLUGINLOADING_H
