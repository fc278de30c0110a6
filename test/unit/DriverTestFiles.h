//===--- DriverTestFiles.h - maptidy tests --------------------------------===//
//
// Source files on disk for the driver's unit tests, and findings whose
// fix-its change them.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_TEST_UNIT_DRIVERTESTFILES_H
#define MAPTIDY_TEST_UNIT_DRIVERTESTFILES_H

#include "Findings.h"
#include "SourceCache.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>
#include <string>

namespace maptidy {

/// A temporary directory, removed with its files.
class TestDirectory {
public:
  TestDirectory() {
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("maptidy-test", Path));
    // Paths as the driver spells them (the temporary directory may be
    // reached through a symbolic link).
    Path = resolvePath("", Path);
  }
  ~TestDirectory() { llvm::sys::fs::remove_directories(Path); }

  llvm::StringRef path() const { return Path; }

  /// Writes \p Contents to \p Name in the directory; returns its path.
  std::string write(llvm::StringRef Name, llvm::StringRef Contents) const {
    llvm::SmallString<256> File(Path);
    llvm::sys::path::append(File, Name);
    std::error_code Error;
    llvm::raw_fd_ostream OS(File, Error);
    OS << Contents;
    return std::string(File);
  }

  static std::string read(llvm::StringRef File) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    return Buffer ? (*Buffer)->getBuffer().str() : "<unreadable>";
  }

private:
  llvm::SmallString<256> Path;
};

struct TestEdit {
  std::string File;
  unsigned Offset;
  unsigned Length;
  std::string Text;
};

/// A finding of check \p Check at the start of the first file edited, whose
/// fix-it makes \p Edits.
inline Finding findingWithFix(llvm::StringRef Check,
                              llvm::ArrayRef<TestEdit> Edits) {
  clang::tidy::ClangTidyError Error(Check, clang::tooling::Diagnostic::Warning,
                                    /*BuildDirectory=*/"",
                                    /*IsWarningAsError=*/false);
  Error.Message.Message = "a finding";
  for (const TestEdit &E : Edits) {
    clang::tooling::Replacement R(E.File, E.Offset, E.Length, E.Text);
    llvm::cantFail(Error.Message.Fix[E.File].add(R));
  }
  Finding F(std::move(Error));
  if (!Edits.empty()) {
    F.Error.Message.FilePath = Edits.front().File;
    F.Path = Edits.front().File;
    F.Where = {1, 1};
  }
  return F;
}

} // namespace maptidy

#endif // MAPTIDY_TEST_UNIT_DRIVERTESTFILES_H
