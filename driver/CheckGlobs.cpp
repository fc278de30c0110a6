//===--- CheckGlobs.cpp - maptidy -----------------------------------------===//

#include "CheckGlobs.h"
#include "GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>

namespace maptidy {

/// Whether \p Name matches \p Pattern, where '*' stands for any characters.
static bool matches(llvm::StringRef Pattern, llvm::StringRef Name) {
  size_t P = 0, N = 0;
  std::optional<size_t> Star; // The last '*' seen, and where its match ends.
  size_t StarEnd = 0;
  while (N < Name.size()) {
    if (P < Pattern.size() && Pattern[P] == '*') {
      Star = P++;
      StarEnd = N;
    } else if (P < Pattern.size() && Pattern[P] == Name[N]) {
      ++P;
      ++N;
    } else if (Star) {
      P = *Star + 1;
      N = ++StarEnd;
    } else {
      return false;
    }
  }
  return Pattern.drop_front(P).find_first_not_of('*') == llvm::StringRef::npos;
}

CheckGlobs::CheckGlobs(llvm::StringRef Checks) {
  // clang-tidy's own parser, for the same splitting and trimming.
  const clang::tidy::GlobList Parsed(Checks);
  for (const auto &Item : Parsed.getItems()) {
    // '-*' disables every name the globs before it could enable: a project's
    // Checks followed by those of --checks='-*,...' end up here.
    // An empty glob (a stray comma) matches only the empty name, no check's.
    if (Item.Text.empty())
      continue;
    if (!Item.IsPositive &&
        Item.Text.find_first_not_of('*') == llvm::StringRef::npos)
      Globs.clear();
    else
      Globs.push_back({Item.IsPositive, Item.Text.str()});
  }
}

bool CheckGlobs::enables(llvm::StringRef Check) const {
  for (const Glob &G : llvm::reverse(Globs))
    if (matches(G.Pattern, Check))
      return G.Positive;
  return false;
}

bool CheckGlobs::enableOnly(llvm::ArrayRef<llvm::StringRef> Prefixes) const {
  return llvm::all_of(Globs, [&](const Glob &G) {
    const llvm::StringRef Literal =
        llvm::StringRef(G.Pattern).take_until([](char C) { return C == '*'; });
    return !G.Positive || llvm::any_of(Prefixes, [&](llvm::StringRef Prefix) {
      return Literal.starts_with(Prefix);
    });
  });
}

} // namespace maptidy
