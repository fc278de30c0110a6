//===--- HeaderInserter.cpp - maptidy -------------------------------------===//

#include "HeaderInserter.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

namespace clang::tidy::maptidy {

class IncludeRecorder : public PPCallbacks {
public:
  explicit IncludeRecorder(HeaderInserter &Inserter) : Inserter(Inserter) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &IncludeToken,
                          StringRef FileName, bool IsAngled, CharSourceRange,
                          OptionalFileEntryRef, StringRef, StringRef,
                          const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (Inserter.SM->isInSystemHeader(HashLoc))
      return;
    HeaderInserter::FileIncludes &Includes =
        Inserter.includesOf(Inserter.SM->getFileID(HashLoc));
    Includes.Sorter->addInclude(FileName, IsAngled, HashLoc,
                                IncludeToken.getEndLoc());
    Includes.Written.insert(IsAngled ? ("<" + FileName + ">").str()
                                     : ("\"" + FileName + "\"").str());
  }

private:
  HeaderInserter &Inserter;
};

void HeaderInserter::registerPreprocessor(Preprocessor *PP) {
  SM = &PP->getSourceManager();
  Files.clear();
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(*this));
}

HeaderInserter::FileIncludes &HeaderInserter::includesOf(FileID File) {
  FileIncludes &Includes = Files[File];
  if (!Includes.Sorter)
    Includes.Sorter = std::make_unique<utils::IncludeSorter>(
        SM, File, SM->getFilename(SM->getLocForStartOfFile(File)), Style);
  return Includes;
}

std::optional<FixItHint> HeaderInserter::insertion(FileID File,
                                                   StringRef Header) {
  const bool IsAngled = Header.starts_with("<");
  FileIncludes &Includes = includesOf(File);
  if (Includes.Written.contains(Header))
    return std::nullopt;
  if (!Includes.Inserted.insert(Header).second && !SelfContainedDiags)
    return std::nullopt;
  return Includes.Sorter->createIncludeInsertion(
      Header.drop_front().drop_back(), IsAngled);
}

} // namespace clang::tidy::maptidy
