//===--- ObjectLifecycle.h - maptidy --------------------------------------===//
//
// Which code of a class runs while no other thread can reach the object:
// constructors and the destructor, the code of an "open" (a public member
// function that loads state and then starts the class's threads, RocksDB's
// BlobDBImpl::Open) before its first start, and the private helpers that
// only such code calls. Its accesses are not judged against a guard.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_OBJECTLIFECYCLE_H
#define MAPTIDY_CHECKS_OBJECTLIFECYCLE_H

#include "LockVocabulary.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::maptidy {

/// A thread started on `this` of a class: the start (a construction, a call
/// or a directive), the member functions the thread runs, and the lambda it
/// runs when a member function of the class writes it (or null).
struct ThreadOnThis {
  const Stmt *Launch;
  llvm::ArrayRef<const CXXMethodDecl *> Runs;
  const LambdaExpr *Lambda;
};

/// The code of a class that runs before or after any sharing.
struct UnsharedCode {
  /// Member functions that run only then (canonical declarations):
  /// constructors, the destructor, and the private or protected helpers
  /// that only such code calls in this translation unit, not from a lambda
  /// (`~Cache() { clear(); }`), helpers of helpers too.
  llvm::SmallPtrSet<const CXXMethodDecl *, 8> Functions;
  /// The opens (canonical declarations), each with the statement of its
  /// body that first starts one of the class's threads: what comes before
  /// runs alone. An open is a public member function that starts them,
  /// itself or through a member function it calls, takes no lock before
  /// that, and is not run by them; none when a constructor starts them.
  llvm::DenseMap<const CXXMethodDecl *, const Stmt *> OpenUntil;

  /// Whether \p Where, in \p Method, comes before an open's first start.
  bool beforeFirstStart(const CXXMethodDecl &Method, SourceLocation Where,
                        const SourceManager &SM) const;
};

/// The unshared code of \p Record, whose threads on `this` are \p Threads.
UnsharedCode unsharedCode(const CXXRecordDecl &Record,
                          llvm::ArrayRef<ThreadOnThis> Threads,
                          const LockVocabulary &Vocabulary);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_OBJECTLIFECYCLE_H
