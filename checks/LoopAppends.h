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
#include <optional>
#include <string>

namespace clang::tidy::maptidy {

/// How a container grows, which decides its append members.
enum class ContainerKind { None, Vector, String, Hash };
using ContainerKindOf = llvm::function_ref<ContainerKind(QualType)>;

/// A container a loop grows: a variable or a member of `this` (the root),
/// or a member reached from the root through members (`result.rows`,
/// `this->state_.rows`). A pointer root (raw, or a smart pointer) is
/// dereferenced first: `out->push_back(x)`, `out->rows`, `impl_->rows`.
struct ContainerPath {
  const ValueDecl *Root = nullptr;
  llvm::SmallVector<const FieldDecl *, 2> Fields;
  bool ThroughPointer = false;

  bool operator==(const ContainerPath &Other) const {
    return Root == Other.Root && Fields == Other.Fields &&
           ThroughPointer == Other.ThroughPointer;
  }
  /// As written from the root: `rows`, `result.rows`, `impl_->rows`.
  std::string spelling() const;
};

/// The container that the object of an append names: \p Object, or the
/// pointer \p Object points to when \p Arrow (`out->push_back(x)`). None
/// for anything else, and for paths with a pointer past the root.
std::optional<ContainerPath> containerPathOf(const Expr *Object, bool Arrow);

/// Calls \p Visit on each use in \p S of the container \p Path names: with
/// \p Whole set, an expression naming the container; otherwise an object on
/// the way from the root (the root, `result`, `*impl_`) used on its own,
/// through which the container may change. Uses of other members of those
/// objects are not visited.
void forEachContainerUse(
    const Stmt *S, const ContainerPath &Path, ASTContext &Context,
    llvm::function_ref<void(const Expr &Use, bool Whole)> Visit);

/// Whether the use \p Use of an object on the way to a container (see
/// forEachContainerUse) may change the container: a write of the object, a
/// non-const member call, or, for a pointer, anything but a dereference.
bool mayChangeThroughPrefix(const Expr &Use, ASTContext &Context);

/// What one run of a loop body adds to one container.
struct BodyGrowth {
  ContainerPath Container;
  /// The container as spelled at the first append: `v`, `this->items`,
  /// `result.rows`, or the pointer `out` of `out->push_back(x)`.
  const Expr *Object = nullptr;
  /// The append is `out->push_back(x)`: Object is the pointer.
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

/// The name of the member function called on \p Ref, and the function when
/// it is resolved; an empty name when \p Ref is not the object of a call.
std::pair<StringRef, const CXXMethodDecl *> calledMember(const Expr &Ref,
                                                         ASTContext &Context);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_LOOPAPPENDS_H
