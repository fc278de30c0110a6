//===--- HeaderInserter.h - maptidy ---------------------------------------===//
//
// Adds an #include with a fix-it unless the file already includes the header.
// clang-tidy's IncludeInserter assumes sorted includes and would add a second
// #include <algorithm> to a file whose includes are not sorted. Includes are
// recorded for user files only: no fix-it ever edits a system header, and a
// translation unit has hundreds of includes in the standard library alone.
//
// maptidy's own headers (<maptidy/...>) are a dependency the project may not
// have: a fix-it that needs one goes on the finding only when the translation
// unit's include paths find it, and otherwise on a note that says how to make
// the headers available.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_HEADERINSERTER_H
#define MAPTIDY_CHECKS_HEADERINSERTER_H

#include "utils/IncludeSorter.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <optional>
#include <string>

namespace clang {
class Preprocessor;
class FixItHint;
} // namespace clang

namespace clang::tidy::maptidy {

class HeaderInserter {
public:
  HeaderInserter(utils::IncludeSorter::IncludeStyle Style,
                 bool SelfContainedDiags)
      : Style(Style), SelfContainedDiags(SelfContainedDiags) {}

  void registerPreprocessor(Preprocessor *PP);

  /// A fix-it that includes \p Header ("<algorithm>", "\"a.h\"") in \p File,
  /// or none when \p File includes it already. Unless diagnostics must be
  /// self-contained, only the first request for a header in a file gets one.
  std::optional<FixItHint> insertion(FileID File, StringRef Header);

  /// Whether `#include <Header>` finds a file on the translation unit's
  /// include paths (\p Header is spelled with its angle brackets).
  bool canInclude(StringRef Header);

  utils::IncludeSorter::IncludeStyle getStyle() const { return Style; }

private:
  /// What the preprocessor reports of a user file's #include directives.
  struct FileIncludes {
    std::unique_ptr<utils::IncludeSorter> Sorter;
    /// Headers as spelled in the directives, with their <> or "".
    llvm::StringSet<> Written;
    /// Headers this inserter has offered to add.
    llvm::StringSet<> Inserted;
  };
  FileIncludes &includesOf(FileID File);

  Preprocessor *PP = nullptr;
  const SourceManager *SM = nullptr;
  const utils::IncludeSorter::IncludeStyle Style;
  const bool SelfContainedDiags;
  llvm::DenseMap<FileID, FileIncludes> Files;
  llvm::StringMap<bool> Includable;

  friend class IncludeRecorder;
};

/// The message of the note that carries, instead of the finding, a fix-it
/// that needs maptidy's header %0 when the translation unit cannot include it.
extern const char MissingBundledHeaderNote[];

/// Why a fix-it that needs maptidy's header \p Header (spelled with its
/// angle brackets) cannot be made here, where no note can carry it: a
/// project-wide rewrite's part (ProjectRewrites.h).
std::string missingBundledHeaderReason(StringRef Header);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_HEADERINSERTER_H
