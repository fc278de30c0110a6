//===--- TaskQueues.h - maptidy ---------------------------------*- C++ -*-===//
//
// Recognizes the task queues that projects write themselves: a class that
// owns worker threads and a member function that keeps the callable it is
// given for them, whatever the two are named.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_TASKQUEUES_H
#define MAPTIDY_CHECKS_TASKQUEUES_H

#include "clang/AST/DeclCXX.h"

namespace clang::tidy::maptidy {

/// Whether \p Record keeps threads: a member (of it or a base) that is a
/// thread, or a container or smart pointer of threads.
bool ownsThreads(const CXXRecordDecl &Record);

/// Whether \p Callee, a member function of a class that owns threads,
/// keeps a callable parameter for them instead of calling it: it stores or
/// moves it (`tasks_.push_back(std::move(task))`), or, when its body is not
/// in sight, takes a std::function by value or by rvalue reference.
bool queuesTaskForOwnThreads(const FunctionDecl &Callee);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_TASKQUEUES_H
