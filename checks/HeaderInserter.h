//===--- HeaderInserter.h - maptidy ---------------------------------------===//
//
// Adds an #include with a fix-it unless the file already includes the header.
// clang-tidy's IncludeInserter assumes sorted includes and would add a second
// #include <algorithm> to a file whose includes are not sorted.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_HEADERINSERTER_H
#define MAPTIDY_CHECKS_HEADERINSERTER_H

#include "utils/IncludeInserter.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <optional>

namespace clang {
class Preprocessor;
class FixItHint;
} // namespace clang

namespace clang::tidy::maptidy {

class HeaderInserter {
public:
  HeaderInserter(utils::IncludeSorter::IncludeStyle Style,
                 bool SelfContainedDiags);

  void registerPreprocessor(Preprocessor *PP);

  /// A fix-it that includes \p Header ("<algorithm>", "\"a.h\"") in \p File,
  /// or none when \p File includes it already.
  std::optional<FixItHint> insertion(FileID File, StringRef Header);

  utils::IncludeSorter::IncludeStyle getStyle() const {
    return Inserter.getStyle();
  }

private:
  utils::IncludeInserter Inserter;
  /// Per file, the headers it includes, spelled as in the directive.
  llvm::DenseMap<FileID, llvm::StringSet<>> Included;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_HEADERINSERTER_H
