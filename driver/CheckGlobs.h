//===--- CheckGlobs.h - maptidy -------------------------------------------===//
//
// The `Checks` globs of a configuration, matched as clang-tidy matches them
// ('*' stands for any characters; the last glob that matches a name decides,
// enabling it or, after a '-', disabling it) without compiling each glob to a
// regular expression: clang-tidy's matching costs thousands of instructions
// per name and glob, and deciding which of its thousand checks run is then a
// few milliseconds of every run.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_CHECKGLOBS_H
#define MAPTIDY_DRIVER_CHECKGLOBS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace maptidy {

class CheckGlobs {
public:
  explicit CheckGlobs(llvm::StringRef Checks);

  bool enables(llvm::StringRef Check) const;

  /// Whether every name the globs may enable starts with one of \p Prefixes.
  bool enableOnly(llvm::ArrayRef<llvm::StringRef> Prefixes) const;

private:
  struct Glob {
    bool Positive;
    std::string Pattern;
  };
  std::vector<Glob> Globs;
};

} // namespace maptidy

#endif // MAPTIDY_DRIVER_CHECKGLOBS_H
