//===--- LineEndings.cpp - maptidy ----------------------------------------===//

#include "LineEndings.h"

using clang::tooling::Replacement;
using clang::tooling::Replacements;

namespace maptidy {

bool usesCRLF(llvm::StringRef Contents) {
  return 2 * Contents.count("\r\n") > Contents.count('\n');
}

std::string withCRLF(llvm::StringRef Text) {
  std::string Result;
  Result.reserve(Text.size());
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\n' && (I == 0 || Text[I - 1] != '\r'))
      Result += '\r';
    Result += Text[I];
  }
  return Result;
}

static void matchLineEndings(clang::tooling::DiagnosticMessage &Message,
                             llvm::StringRef BuildDirectory,
                             SourceCache &Sources) {
  for (auto &Entry : Message.Fix) {
    const std::optional<llvm::StringRef> Contents =
        Sources.contents(resolvePath(BuildDirectory, Entry.getKey()));
    if (!Contents || !usesCRLF(*Contents))
      continue;
    // Replacements cannot be edited in place. The converted ones have the
    // ranges of the originals, so that adding them cannot fail.
    Replacements Converted;
    for (const Replacement &R : Entry.getValue())
      llvm::cantFail(Converted.add(
          Replacement(R.getFilePath(), R.getOffset(), R.getLength(),
                      withCRLF(R.getReplacementText()))));
    Entry.getValue() = std::move(Converted);
  }
}

void matchLineEndings(clang::tidy::ClangTidyError &Error,
                      SourceCache &Sources) {
  matchLineEndings(Error.Message, Error.BuildDirectory, Sources);
  for (clang::tooling::DiagnosticMessage &Note : Error.Notes)
    matchLineEndings(Note, Error.BuildDirectory, Sources);
}

} // namespace maptidy
