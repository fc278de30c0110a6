//===--- MaptidyModule.cpp - maptidy --------------------------------------===//
//
// Registers the maptidy checks with clang-tidy's module registry. The same
// object is linked into the maptidy driver, the clang-tidy plugin and
// maptidy-clangd, so the three artifacts always offer the same checks.
//
//===----------------------------------------------------------------------===//

#include "ClangTidyModule.h"
#include "ConcatenatedMapKeyCheck.h"
#include "NestedMapKeyCheck.h"
#include "UnreservedAppendCheck.h"
#include "UnsortedMapToVectorCheck.h"
#include "UnsynchronizedMapAccessCheck.h"

namespace clang::tidy {
namespace maptidy {

class MaptidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<ConcatenatedMapKeyCheck>(
        "maptidy-concatenated-map-key");
    CheckFactories.registerCheck<NestedMapKeyCheck>("maptidy-nested-map-key");
    CheckFactories.registerCheck<UnreservedAppendCheck>(
        "maptidy-unreserved-append");
    CheckFactories.registerCheck<UnsortedMapToVectorCheck>(
        "maptidy-unsorted-map-to-vector");
    CheckFactories.registerCheck<UnsynchronizedMapAccessCheck>(
        "maptidy-unsynchronized-map-access");
  }
};

} // namespace maptidy

static ClangTidyModuleRegistry::Add<maptidy::MaptidyModule>
    X("maptidy-module", "Checks for costly map and container habits.");

// Referenced by the driver and maptidy-clangd so that a static link keeps
// this registration.
volatile int MaptidyModuleAnchorSource = 0;

} // namespace clang::tidy
