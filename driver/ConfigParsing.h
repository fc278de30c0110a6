//===--- ConfigParsing.h - maptidy ----------------------------------------===//
//
// Parses clang-tidy configuration text with one-line errors that name the
// file, line and column (clang-tidy prints the parser's diagnostic with the
// offending line and a caret). A project's .clang-tidy may set keys this
// clang-tidy does not have (dropped since, or misspelled): those are ignored
// with a warning and the rest of the file applies, where clang-tidy ignores
// the whole file.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_CONFIGPARSING_H
#define MAPTIDY_DRIVER_CONFIGPARSING_H

#include "ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace maptidy {

/// The options \p Text (read from \p Source) sets. With \p Ignored, unknown
/// top-level keys are dropped and a warning for each is appended to it;
/// without, they are errors.
llvm::Expected<clang::tidy::ClangTidyOptions>
parseConfigText(llvm::StringRef Text, llvm::StringRef Source,
                std::vector<std::string> *Ignored);

} // namespace maptidy

#endif // MAPTIDY_DRIVER_CONFIGPARSING_H
