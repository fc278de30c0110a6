//===--- LockVocabulary.h - maptidy ---------------------------------------===//
//
// The one table of what locks: mutex types, the lock objects (guards) that
// hold them for a scope, and the member functions that lock and unlock them.
// Both the lock inference of a class and the analysis of threads read it.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_LOCKVOCABULARY_H
#define MAPTIDY_CHECKS_LOCKVOCABULARY_H

#include "clang/AST/Stmt.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class CallExpr;
class CXXMethodDecl;
class Expr;
} // namespace clang

namespace clang::tidy::maptidy {

/// How a mutex is held.
enum class Hold { None, Shared, Exclusive };

/// What a call on a mutex does to it. A try-lock holds the mutex only where
/// its result says it succeeded.
enum class MutexCall {
  Other,
  Lock,
  LockShared,
  Unlock,
  TryLock,
  TryLockShared
};

/// A call that does something to one mutex: a member call on it
/// (`mu.lock()`) or a POSIX or OpenMP function given its address
/// (`pthread_mutex_lock(&mu)`).
struct MutexOperation {
  MutexCall Effect;
  /// The mutex, as the call names it.
  const Expr *Mutex;
};

/// Default MutexTypes: the standard, Abseil, Boost and Folly mutexes, and
/// folly::Synchronized, a mutex that owns the data it guards.
inline constexpr char DefaultMutexTypes[] =
    "::std::mutex;::std::shared_mutex;::std::recursive_mutex;"
    "::std::timed_mutex;::std::recursive_timed_mutex;::std::shared_timed_mutex;"
    "::absl::Mutex;::boost::mutex;::boost::shared_mutex;"
    "::boost::recursive_mutex;::boost::timed_mutex;::folly::SharedMutex;"
    "::folly::SpinLock;::folly::Synchronized";
/// Default LockGuardTypes: the standard, Abseil and Boost lock objects.
inline constexpr char DefaultLockGuardTypes[] =
    "::std::lock_guard;::std::unique_lock;::std::scoped_lock;"
    "::std::shared_lock;::absl::MutexLock;::absl::ReaderMutexLock;"
    "::absl::WriterMutexLock;::boost::lock_guard;::boost::unique_lock;"
    "::boost::shared_lock";

class LockVocabulary {
public:
  LockVocabulary(std::vector<std::string> MutexTypes,
                 std::vector<std::string> LockGuardTypes);

  /// A listed mutex type, a POSIX one (`pthread_mutex_t`, `pthread_rwlock_t`,
  /// `pthread_spinlock_t`), an OpenMP one (`omp_lock_t`, `omp_nest_lock_t`),
  /// or a project's own: a class named `Mutex`,
  /// `SpinLock` or `...Mutex` with lock()/unlock() (or Lock()/Unlock()).
  bool isMutex(QualType Type) const;

  /// Whether a member of \p Type is a mutex (isMutex) or points to one
  /// (raw pointer, std::unique_ptr, std::shared_ptr): a class keeps its
  /// mutex behind a pointer to stay movable, or to share it.
  bool isMutexMember(QualType Type) const;

  /// Whether std::lock_guard can hold a mutex of \p Type: it has lock() and
  /// unlock(), itself or from a base.
  static bool isLockableByStd(QualType Type);

  /// How a lock object of \p Type holds its mutex; None when \p Type is no
  /// lock object. Listed guards, and a project's own: a class whose
  /// constructor takes a mutex (`MutexLock l(&mu_)`) and that has a
  /// destructor or keeps a lock object as a member (then it holds the mutex
  /// as that member does). A guard named for reading (`shared_lock`,
  /// `ReaderMutexLock`) holds it shared.
  Hold guardMode(QualType Type) const;

  /// Whether \p S takes any lock: declares a lock object, calls a lock or
  /// try-lock function on anything (mutexOperation), calls std::lock, runs
  /// code through std::call_once (which runs it once, under a lock), or
  /// holds an OpenMP region one thread at a time runs (`critical`, `atomic`,
  /// `single`, `master`, `masked`, `ordered`).
  bool takesLock(const Stmt *S) const;

  /// What \p Call does to a mutex, if it is a lock, try-lock or unlock call
  /// of the table.
  static std::optional<MutexOperation> mutexOperation(const CallExpr &Call);

  /// Whether \p Call is `std::lock(a, b, ...)`, which locks all its
  /// arguments (mutexes or lock objects) together.
  static bool locksAll(const CallExpr &Call);

  /// Whether \p Call is `std::call_once(flag, f, ...)`: `f` runs once, and
  /// every other call waits for it to finish.
  static bool runsOnce(const CallExpr &Call);

  /// What calling \p Method on a mutex does, by its name or, for any name,
  /// by Clang's thread-safety attributes (`acquire_capability()`,
  /// `release_capability()` and their shared and try forms). A lock call
  /// that returns a value (folly::Synchronized's `wlock()`) holds the mutex
  /// while the value lives; one that takes a function (`withWLock(f)`)
  /// holds it while the function runs. An assertion that the mutex is held
  /// (Abseil's `AssertHeld()`) counts as a lock: the code after it holds the
  /// mutex.
  static MutexCall mutexCall(const CXXMethodDecl &Method);

  const std::vector<std::string> &mutexTypes() const { return MutexTypes; }
  const std::vector<std::string> &lockGuardTypes() const {
    return LockGuardTypes;
  }

private:
  const std::vector<std::string> MutexTypes;
  const std::vector<std::string> LockGuardTypes;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_LOCKVOCABULARY_H
