//===--- EditCheck.cpp - maptidy tests ------------------------------------===//
//
// A clang-tidy module for maptidy --load whose one check, edittest-edit,
// stands for a user who edits a file while maptidy runs: when it analyzes a
// file whose name starts with "editor", it adds a line at the top of
// "edited.cpp" in the same directory. The stale-file test analyzes
// edited.cpp first, then editor.cpp, so that edited.cpp changes after its
// analysis and before the fixes are written.
//
//===----------------------------------------------------------------------===//

#include "ClangTidyCheck.h"
#include "ClangTidyModule.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace {

using namespace clang;

class EditCheck : public tidy::ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

  void registerPPCallbacks(const SourceManager &SM, Preprocessor *,
                           Preprocessor *) override {
    const OptionalFileEntryRef Main =
        SM.getFileEntryRefForID(SM.getMainFileID());
    if (!Main ||
        !llvm::sys::path::filename(Main->getName()).starts_with("editor"))
      return;
    llvm::SmallString<256> Edited(Main->getName());
    llvm::sys::path::remove_filename(Edited);
    llvm::sys::path::append(Edited, "edited.cpp");
    auto Old = llvm::MemoryBuffer::getFile(Edited);
    if (!Old)
      return;
    const std::string Contents = (*Old)->getBuffer().str();
    std::error_code Error;
    llvm::raw_fd_ostream OS(Edited, Error);
    OS << "// A line the user added while maptidy ran.\n" << Contents;
  }
};

class EditTestModule : public tidy::ClangTidyModule {
public:
  void addCheckFactories(tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<EditCheck>("edittest-edit");
  }
};

tidy::ClangTidyModuleRegistry::Add<EditTestModule> Registration(
    "edittest-module",
    "A check that edits edited.cpp while editor*.cpp is analyzed.");

} // namespace
