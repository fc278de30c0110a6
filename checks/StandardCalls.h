//===--- StandardCalls.h - maptidy ----------------------------------------===//
//
// Recognizes calls of the standard library by the callee's declaration, in
// one step: matchers run on every call of a translation unit, and a test by
// nested matchers (callee, functionDecl, hasName) costs several times more.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_STANDARDCALLS_H
#define MAPTIDY_CHECKS_STANDARDCALLS_H

#include "clang/AST/Expr.h"

namespace clang::tidy::maptidy {

/// The name of the standard algorithm \p Call runs: "copy" for
/// `std::copy(...)` and for `std::ranges::copy(...)` (a call of the function
/// object's operator()); "" for any other call.
StringRef standardAlgorithmOf(const CallExpr &Call);

/// Whether \p Decl is declared in namespace std (or an inline namespace of
/// it) and named one of \p Names.
bool isStdNamed(const NamedDecl *Decl, llvm::ArrayRef<StringRef> Names);

/// Whether \p Decl is declared in namespace ::boost itself and named one of
/// \p Names (`boost::thread`, `boost::function`).
bool isBoostNamed(const NamedDecl *Decl, llvm::ArrayRef<StringRef> Names);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_STANDARDCALLS_H
