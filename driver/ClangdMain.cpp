//===--- ClangdMain.cpp - maptidy-clangd ----------------------------------===//
//
// clangd with the maptidy checks linked in: editors get maptidy's diagnostics
// and fix-its as quick fixes. Everything else is stock clangd.
//
//===----------------------------------------------------------------------===//

namespace clang::tidy {
// Keeps the maptidy module in the static link.
extern volatile int MaptidyModuleAnchorSource;
[[maybe_unused]] static int MaptidyModuleAnchorDestination =
    MaptidyModuleAnchorSource;
} // namespace clang::tidy

namespace clang::clangd {
// Defined in libclangdMain.a; LLVM does not ship clangd's headers.
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

int main(int argc, char *argv[]) {
  return clang::clangd::clangdMain(argc, argv);
}
