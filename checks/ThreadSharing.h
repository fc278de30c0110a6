//===--- ThreadSharing.h - maptidy ----------------------------------------===//
//
// Which code runs on another thread, and which of the objects it names other
// threads can reach too. Threads are started by std::thread, std::jthread,
// boost::thread, emplace_back on a vector of threads, std::async (unless
// deferred), pthread_create, and thread-pool functions: those named by the
// user, and by default the task functions of a class named for running tasks
// (ThreadPool, Executor, boost::thread_group's create_thread, ...) and
// boost::asio::post/dispatch/defer. Parallel algorithms (TBB's, and the
// standard ones given a parallel execution policy) run a lambda on several
// threads at once, and so does an OpenMP parallel region
// (`#pragma omp parallel for`). A thread runs a lambda (written in place or
// named), a function, a member function, a functor (each also bound with
// std::bind or boost::bind) or the region's code.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_THREADSHARING_H
#define MAPTIDY_CHECKS_THREADSHARING_H

#include "LockVocabulary.h"
#include "MemberPath.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
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

/// The code a thread runs.
struct ThreadEntry {
  /// A lambda, written in place or named by a local variable.
  const LambdaExpr *Lambda = nullptr;
  /// Or a function, a member function or a functor's operator(), defined.
  const FunctionDecl *Function = nullptr;
  /// Or the code of an OpenMP parallel region, which a team of threads runs
  /// (Parallel).
  const CapturedStmt *Region = nullptr;
  /// The arguments \p Function receives; for a member function the object
  /// comes first.
  llvm::SmallVector<const Expr *, 4> Args;
  /// The callable the start names with \p Function: the functor object
  /// whose operator() runs, or the function.
  const Expr *Callable = nullptr;
  /// The strand a task is posted to (`boost::asio::post(strand, task)`):
  /// the tasks of one strand run one at a time.
  const ValueDecl *Strand = nullptr;
  /// A parallel algorithm runs the lambda on several threads at once
  /// (`tbb::parallel_for`, `std::for_each(std::execution::par, ...)`), as an
  /// OpenMP parallel region does its code, and returns when all are done.
  bool Parallel = false;
  /// An Asio completion handler (`timer.async_wait([this](auto ec) {...})`):
  /// it runs on the threads that run the I/O context, another thread only
  /// where one of the unit's threads runs an I/O context (ioContextRunner).
  bool CompletionHandler = false;

  const Stmt *body() const;
  /// The code written in place whose captures say what the thread shares:
  /// the lambda or the region.
  const Stmt *inPlace() const;
  /// The member functions run on `this` of the launching object: the
  /// function the thread starts on `this` (`std::thread(&C::run, this)`),
  /// those a lambda capturing `this` calls on it (`[this] { run(); }`), or
  /// those a function given `this` calls on its parameter
  /// (`static_cast<C *>(self)->run()`).
  llvm::SmallVector<const CXXMethodDecl *, 2> membersOfThis() const;
};

/// The I/O context that the code of \p Entry runs, `io.run()` (also
/// `run_one`, `run_for`, `run_until`, `poll`, `poll_one`) on an Asio
/// `io_context` or `io_service`: the variable or member, or null.
const ValueDecl *ioContextRunner(const ThreadEntry &Entry);

/// Whether \p Record is std::thread, std::jthread or boost::thread.
bool isThreadClass(const CXXRecordDecl *Record);

/// Whether \p Lambda captures `this`.
bool capturesThis(const LambdaExpr &Lambda);

/// Recognizes the starts of threads.
class ThreadStarts {
public:
  /// \p Launchers: qualified names of functions whose lambda argument runs
  /// on another thread (the ThreadLaunchers option).
  explicit ThreadStarts(std::vector<std::string> Launchers);

  /// The lambda that \p Start (a construction or a call) runs on another
  /// thread; null when it starts none or runs a function.
  const LambdaExpr *threadBody(const Expr &Start) const;

  /// What \p Start (a construction, a call or an OpenMP directive) runs on
  /// another thread, when it starts one on code defined in the translation
  /// unit.
  std::optional<ThreadEntry> entryOf(const Stmt &Start) const;

  /// The innermost thread whose lambda contains \p S.
  std::optional<ThreadLaunch> enclosingThread(const Stmt &S,
                                              ASTContext &Context) const;

  const std::vector<std::string> &launchers() const { return Launchers; }

private:
  bool isLauncher(const FunctionDecl *Callee) const;
  /// Whether \p Call hands a lambda or a bound function (std::bind) to code
  /// that runs it on another thread: a launcher, or a task queue of the
  /// project (TaskQueues.h).
  bool queuesTask(const CallExpr &Call) const;
  /// The arguments of \p Start that the thread receives, the callable
  /// first; none when \p Start starts no thread.
  std::optional<llvm::ArrayRef<const Expr *>>
  threadArguments(const Expr &Start) const;

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

/// How \p Thread (a lambda, or an OpenMP region's captured code) reaches
/// \p Decl; with a null \p Thread, how the code of a function that threads
/// call does (only static storage is shared).
Reach reachOf(const Stmt *Thread, const ValueDecl &Decl);

/// Whether code of \p Thread works on an object that other threads can
/// reach too, so that changing it there may race with them.
inline bool isShared(const LambdaExpr &Thread, const ValueDecl &Decl) {
  return reachOf(&Thread, Decl) != Reach::Own;
}

/// A use, in the code of a thread, of an object other threads can reach.
struct SharedUse {
  /// The object, or a shared_ptr to it; or the root of Path.
  const VarDecl *Object;
  /// The use: the object, a parameter of the thread's function bound to it
  /// by std::ref or its address, `*p` or `p->` of a shared_ptr, or the last
  /// member of Path.
  const Expr *Where;
  /// The use is in code that takes a lock.
  bool Locked;
  /// The members from Object (or what it points to) to the map
  /// (MemberPath.h); empty when Object is the map or points to it.
  MemberFields Path = {};

  /// Whether \p Other uses the same map.
  bool sameMap(const SharedUse &Other) const {
    return Object == Other.Object && Path == Other.Path;
  }
};

/// Whether \p Type is a std::shared_ptr to a type \p Select accepts.
bool isSharedPointerTo(QualType Type,
                       llvm::function_ref<bool(QualType)> Select);

/// What \p Ref (a variable or member) uses: `*p` or `p->` when it
/// dereferences a smart pointer, else \p Ref itself.
const Expr &objectUse(const Expr &Ref, ASTContext &Context);

/// The uses in \p Entry of objects whose type \p Select accepts and that
/// other threads can reach: locals the thread receives by reference, locals
/// it receives a shared_ptr to (any copy shares the object), and variables
/// with static storage; maps inside such objects, reached through members
/// (`state->depthOf`, `st.index`), and inside objects a copied pointer
/// points to; maps a functor's reference and pointer members are bound to
/// by its constructor (`Indexer(index)`); also in the functions defined in
/// the translation unit that it calls (three levels deep), and through the
/// calls of accessors that return a reference to one (`registry()[k]`, a
/// use at the call). The uses in code that takes a lock, or that such code
/// calls, are marked Locked.
void collectSharedUses(const ThreadEntry &Entry,
                       llvm::function_ref<bool(QualType)> Select,
                       const LockVocabulary &Vocabulary, ASTContext &Context,
                       llvm::SmallVectorImpl<SharedUse> &Uses);

/// Whether \p Call, made by the code that starts threads, uses \p Static
/// (a variable with static storage) as the code of a thread would
/// (collectSharedUses), or returns a reference to it; with \p WritesOnly,
/// modifies it. Returns \p Call if so.
const Expr *staticUseInCall(const CallExpr &Call, const VarDecl &Static,
                            bool WritesOnly, const LockVocabulary &Vocabulary,
                            ASTContext &Context);

/// Whether \p Call waits for other threads to end: `join()` (of a thread or a
/// pool), a thread group's `join_all()`, `pthread_join`, a future's `get()` or `wait()`, or a pool's
/// `wait()` (any `wait()` but a condition variable's, latch's, barrier's or
/// semaphore's, which wait for a signal while the threads go on).
bool waitsForThreads(const CallExpr &Call);

/// Whether \p Body may wait for other threads to end: a call waitsForThreads,
/// a callee's name says it stops, joins or waits for something (`stop`,
/// `shutdown`, `terminate`, `join`, `wait` in any case: `StopIOService()`,
/// `pool.shutdown()`, whose bodies other files may hold), or a function it
/// calls may, three levels deep. A lock held there may never be released to
/// the thread waited for.
bool mayWaitForThreads(const Stmt &Body);

/// The first call in \p Body that waitsForThreads() on an object of `this`:
/// a member thread, pool or future (`worker_.join()`, `m_Thread->join()`),
/// or each element of a member container of them (`for (auto &t : threads_)
/// t.join();`). What follows runs after the class's own threads ended.
SourceLocation firstMemberJoin(const Stmt &Body, const SourceManager &SM);

/// The first call that waitsForThreads() after \p After in \p Body: the
/// point where the launching function has waited for its threads.
SourceLocation firstJoinAfter(SourceLocation After, const Stmt &Body,
                              const SourceManager &SM);

/// Where the code around \p Start, inside \p Within, has waited for the
/// thread it started: the first call that waitsForThreads() after it, or the
/// end of the scope of the local variable whose destructor joins it (a
/// std::jthread, a vector of them, the std::future of std::async), or the
/// end of a parallel algorithm; invalid when it does not wait inside
/// \p Within.
SourceLocation threadWaited(const Stmt &Start, const ThreadEntry &Entry,
                            const Stmt &Within, ASTContext &Context);

/// Whether the thread \p A started by \p StartA and \p B started by
/// \p StartB, both in \p Body, may run at the same time: they are not tasks
/// of one strand, and neither is waited for before the other starts (in
/// every round of a loop around both).
bool mayRunTogether(const Stmt &StartA, const ThreadEntry &A,
                    const Stmt &StartB, const ThreadEntry &B, const Stmt &Body,
                    ASTContext &Context);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_THREADSHARING_H
