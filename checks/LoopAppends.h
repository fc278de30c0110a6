//===--- LoopAppends.h - maptidy ------------------------------------------===//
//
// Works out which containers a loop body grows and by how many elements per
// run of the body, in code as written (template definitions included).
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_LOOPAPPENDS_H
#define MAPTIDY_CHECKS_LOOPAPPENDS_H

#include "LoopTripCount.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::maptidy {

/// How a container grows, which decides its append members.
enum class ContainerKind { None, Vector, String, Hash };
using ContainerKindOf = llvm::function_ref<ContainerKind(QualType)>;

/// What one run of a loop body adds to one container.
struct BodyGrowth {
  /// A variable, a member of `this`, or a pointer variable.
  const ValueDecl *Decl = nullptr;
  /// The container as spelled at the first append: `v`, `this->items`, or
  /// the pointer `out` of `out->push_back(x)`.
  const Expr *Object = nullptr;
  bool ThroughPointer = false;
  /// Where to report: the first counted append.
  SourceLocation AppendLoc;
  ContainerKind Kind = ContainerKind::None;
  /// Elements added on every run: appends before any early exit, and appends
  /// in inner loops whose trip count is fixed before the outer loop.
  TripCount PerRun;
  /// Another append adds a number of elements that is not known before the
  /// loop (a string of any length, a range, an inner loop of unknown count),
  /// so that reserving PerRun times the trip count would fall short.
  bool Unbounded = false;
};

/// The containers that \p Body, run once per iteration of \p Loop (a loop, or
/// the lambda of an algorithm), grows on every run, in order of first append.
/// Containers declared in \p Loop are new on each run and not listed.
llvm::SmallVector<BodyGrowth, 2> growthPerRun(const Stmt &Body,
                                              const Stmt &Loop,
                                              ContainerKindOf KindOf,
                                              const TripCountContext &Ctx);

/// Whether the use \p Ref of a container may shrink, replace or hand out the
/// container, which makes its size after the loop unknowable.
bool mayResetContainer(const Expr &Ref, ASTContext &Context);

/// The variable or `this` member that a member call's object \p Object names
/// (a pointer variable for `p->f()`); null for anything else.
const ValueDecl *containerDeclOf(const Expr *Object);

/// The name of the member function called on \p Ref, and the function when
/// it is resolved; an empty name when \p Ref is not the object of a call.
std::pair<StringRef, const CXXMethodDecl *> calledMember(const Expr &Ref,
                                                         ASTContext &Context);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_LOOPAPPENDS_H
