//===--- PreCommit.cpp - maptidy ------------------------------------------===//

#include "PreCommit.h"
#include "GitDiff.h"
#include "llvm/Support/Process.h"
#include <optional>
#include <utility>

namespace maptidy {

static std::string environment(const char *Name) {
  return llvm::sys::Process::GetEnv(Name).value_or("");
}

llvm::Expected<std::string> preCommitDiffBase() {
  std::string From = environment("PRE_COMMIT_FROM_REF");
  std::string To = environment("PRE_COMMIT_TO_REF");
  if (From.empty() || To.empty()) {
    // The names before pre-commit 2; versions disagree on which is which.
    From = environment("PRE_COMMIT_SOURCE");
    To = environment("PRE_COMMIT_ORIGIN");
    if (!From.empty() && !To.empty()) {
      llvm::Expected<bool> FromIsHead = isCheckedOut(From);
      if (!FromIsHead)
        return FromIsHead.takeError();
      if (*FromIsHead)
        std::swap(From, To);
    }
  }
  if (!From.empty() && !To.empty()) {
    // The files are read from the work tree: it must be the to-ref's.
    llvm::Expected<bool> ToIsHead = isCheckedOut(To);
    if (!ToIsHead)
      return ToIsHead.takeError();
    if (!*ToIsHead)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "pre-commit's --to-ref '" + To +
              "' is not checked out; maptidy analyzes the files of the work "
              "tree: check it out first");
    return From;
  }
  // git commit gives its hooks the index being committed; pre-commit has
  // set the unstaged changes aside, so that the lines changed since HEAD are
  // the commit's.
  if (llvm::sys::Process::GetEnv("GIT_INDEX_FILE"))
    return std::string("HEAD");
  // `pre-commit run --all-files`, `--files`, or by hand: whole files.
  return std::string();
}

} // namespace maptidy
