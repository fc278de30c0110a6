//===--- RuleDocs.h - maptidy ---------------------------------------------===//
//
// What SARIF says about each check: a one-sentence and a one-paragraph
// description, the help text and a link. maptidy's checks take them from
// their page in docs/checks (compiled in); clang-tidy's link to LLVM's pages.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_RULEDOCS_H
#define MAPTIDY_DRIVER_RULEDOCS_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace maptidy {

struct RuleDoc {
  std::string ShortDescription;
  std::string FullDescription;
  std::string HelpText;
  std::string HelpMarkdown;
  /// Empty when there is no page to link to.
  std::string HelpUri;
};

RuleDoc ruleDoc(llvm::StringRef Check);

/// The checks that have a page in docs/checks.
std::vector<std::string> documentedChecks();

} // namespace maptidy

#endif // MAPTIDY_DRIVER_RULEDOCS_H
