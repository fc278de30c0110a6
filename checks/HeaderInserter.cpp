//===--- HeaderInserter.cpp - maptidy -------------------------------------===//

#include "HeaderInserter.h"
#include "clang/Lex/HeaderSearch.h"
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

const char MissingBundledHeaderNote[] =
    "this fix-it needs %0, which is not on this file's include path: make "
    "maptidy's headers available (find_package(maptidy) and link "
    "maptidy::containers, or copy them with 'maptidy --install-headers DIR' "
    "and add DIR to the include path), then apply it with --fix-notes";

std::string missingBundledHeaderReason(StringRef Header) {
  StringRef Note = MissingBundledHeaderNote;
  Note.consume_back(", then apply it with --fix-notes");
  const auto [Before, After] = Note.split("%0");
  return (Before + Header + After).str();
}

void HeaderInserter::registerPreprocessor(Preprocessor *Preprocessor) {
  PP = Preprocessor;
  SM = &PP->getSourceManager();
  Files.clear();
  Includable.clear();
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(*this));
}

bool HeaderInserter::canInclude(StringRef Header) {
  auto [It, Inserted] = Includable.try_emplace(Header, false);
  if (Inserted)
    It->second = PP->getHeaderSearchInfo()
                     .LookupFile(Header.drop_front().drop_back(),
                                 SourceLocation(),
                                 /*isAngled=*/true, /*FromDir=*/nullptr,
                                 /*CurDir=*/nullptr, /*Includers=*/{},
                                 /*SearchPath=*/nullptr,
                                 /*RelativePath=*/nullptr,
                                 /*RequestingModule=*/nullptr,
                                 /*SuggestedModule=*/nullptr,
                                 /*IsMapped=*/nullptr,
                                 /*IsFrameworkFound=*/nullptr,
                                 /*SkipCache=*/false,
                                 /*BuildSystemModule=*/false,
                                 /*OpenFile=*/false)
                     .has_value();
  return It->second;
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
