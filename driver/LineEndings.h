//===--- LineEndings.h - maptidy ------------------------------------------===//
//
// Checks write their replacement text with '\n' line ends. In a file whose
// lines end with "\r\n", that text gets "\r\n" too, once, when the results
// are merged, so that --fix, --export-fixes and the reports agree and a CRLF
// file stays CRLF.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_LINEENDINGS_H
#define MAPTIDY_DRIVER_LINEENDINGS_H

#include "ClangTidyDiagnosticConsumer.h"
#include "SourceCache.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace maptidy {

/// Whether most lines of \p Contents end with "\r\n" (as clang-format
/// decides).
bool usesCRLF(llvm::StringRef Contents);

/// \p Text with each '\n' that no '\r' precedes written "\r\n".
std::string withCRLF(llvm::StringRef Text);

/// Gives the replacement text of \p Error's fix-its (its own and its notes')
/// the line ends of the files they change.
void matchLineEndings(clang::tidy::ClangTidyError &Error, SourceCache &Sources);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_LINEENDINGS_H
