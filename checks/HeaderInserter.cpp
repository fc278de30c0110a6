//===--- HeaderInserter.cpp - maptidy -------------------------------------===//

#include "HeaderInserter.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

namespace clang::tidy::maptidy {

namespace {
class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(const SourceManager &SM,
                  llvm::DenseMap<FileID, llvm::StringSet<>> &Included)
      : SM(SM), Included(Included) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &,
                          StringRef FileName, bool IsAngled, CharSourceRange,
                          OptionalFileEntryRef, StringRef, StringRef,
                          const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    Included[SM.getFileID(HashLoc)].insert(
        IsAngled ? ("<" + FileName + ">").str()
                 : ("\"" + FileName + "\"").str());
  }

private:
  const SourceManager &SM;
  llvm::DenseMap<FileID, llvm::StringSet<>> &Included;
};
} // namespace

HeaderInserter::HeaderInserter(utils::IncludeSorter::IncludeStyle Style,
                               bool SelfContainedDiags)
    : Inserter(Style, SelfContainedDiags) {}

void HeaderInserter::registerPreprocessor(Preprocessor *PP) {
  Inserter.registerPreprocessor(PP);
  PP->addPPCallbacks(
      std::make_unique<IncludeRecorder>(PP->getSourceManager(), Included));
}

std::optional<FixItHint> HeaderInserter::insertion(FileID File,
                                                   StringRef Header) {
  if (auto It = Included.find(File);
      It != Included.end() && It->second.contains(Header))
    return std::nullopt;
  return Inserter.createIncludeInsertion(File, Header);
}

} // namespace clang::tidy::maptidy
