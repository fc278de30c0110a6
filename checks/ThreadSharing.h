//===--- ThreadSharing.h - maptidy ----------------------------------------===//
//
// Which code runs on another thread, and which of the objects it names other
// threads can reach too. Threads are recognized when started on a lambda
// written in place: std::thread, std::jthread, emplace_back on a vector of
// threads, std::async(std::launch::async, ...), and thread-pool functions
// named by the user (a lambda argument, also converted to std::function).
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_THREADSHARING_H
#define MAPTIDY_CHECKS_THREADSHARING_H

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::maptidy {

/// A thread started on a lambda.
struct ThreadLaunch {
  const Expr *Launch;
  const LambdaExpr *Lambda;
};

/// Recognizes the starts of threads.
class ThreadStarts {
public:
  /// \p Launchers: qualified names of functions whose lambda argument runs
  /// on another thread (the ThreadLaunchers option).
  explicit ThreadStarts(std::vector<std::string> Launchers);

  /// The lambda that \p Start (a construction or a call) runs on another
  /// thread; null when it starts none.
  const LambdaExpr *threadBody(const Expr &Start) const;

  /// The innermost thread whose lambda contains \p S.
  std::optional<ThreadLaunch> enclosingThread(const Stmt &S,
                                              ASTContext &Context) const;

  const std::vector<std::string> &launchers() const { return Launchers; }

private:
  bool isLauncher(const FunctionDecl *Callee) const;

  const std::vector<std::string> Launchers;
  /// The unqualified names of Launchers, to reject other calls quickly.
  llvm::StringSet<> LauncherNames;
};

/// How the code of a thread reaches a variable or member.
enum class Reach {
  /// Its own object: declared in the thread, captured by copy, thread_local.
  Own,
  /// A local of the launching code captured by reference.
  ByReference,
  /// A variable with static storage.
  Static,
  /// A member of the object the thread's `this` points to.
  ThroughThis,
  /// A reference whose referent is not known.
  ThroughReference,
};

/// How \p Thread reaches \p Decl; with a null \p Thread, how the code of a
/// function that threads call does (only static storage is shared).
Reach reachOf(const LambdaExpr *Thread, const ValueDecl &Decl);

/// Whether code of \p Thread works on an object that other threads can
/// reach too, so that changing it there may race with them.
inline bool isShared(const LambdaExpr &Thread, const ValueDecl &Decl) {
  return reachOf(&Thread, Decl) != Reach::Own;
}

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_THREADSHARING_H
