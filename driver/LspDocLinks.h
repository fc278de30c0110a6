//===--- LspDocLinks.h - maptidy-clangd -----------------------------------===//
//
// clangd links each clang-tidy diagnostic (LSP codeDescription.href) to the
// check's page on LLVM's site, which does not exist for maptidy's checks, and
// has no hook to change that. maptidy-clangd passes clangd's output through
// a filter that points those links at maptidy's own pages instead.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_LSPDOCLINKS_H
#define MAPTIDY_DRIVER_LSPDOCLINKS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace maptidy {

/// \p Message (an LSP message's JSON body) with the links to LLVM's pages of
/// maptidy's checks replaced by links to "<DocsBase>checks/<check>.md".
std::string withMaptidyDocLinks(llvm::StringRef Message,
                                llvm::StringRef DocsBase);

/// Routes this process's standard output through the filter, on a thread of
/// its own, until the process exits (the filter is flushed then).
void filterStandardOutput(std::string DocsBase);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_LSPDOCLINKS_H
