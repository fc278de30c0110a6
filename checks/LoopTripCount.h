//===--- LoopTripCount.h - maptidy ----------------------------------------===//
//
// Works out how many times a loop body runs, as an expression that can be
// evaluated before the loop without changing what the program does.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_LOOPTRIPCOUNT_H
#define MAPTIDY_CHECKS_LOOPTRIPCOUNT_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class CXXForRangeStmt;
class DoStmt;
class ForStmt;
class WhileStmt;
} // namespace clang

namespace clang::tidy::maptidy {

/// The number of iterations of a loop whose trip count is fixed when the loop
/// starts.
struct TripCount {
  /// Source text of an expression without side effects that evaluates to the
  /// iteration count and is never negative. Empty when the count is known to
  /// be fixed but cannot be spelled safely before the loop (for example the
  /// size of a temporary the loop ranges over).
  std::string Text;
  /// Text calls std::max and needs <algorithm>.
  bool UsesStdMax = false;
  /// The count, when it is a compile-time constant.
  std::optional<uint64_t> Constant;
  /// The expression the count equals when the loop counts from zero, e.g.
  /// `n` in `for (i = 0; i < n; ++i)`.
  const Expr *Bound = nullptr;
  /// The type Text evaluates in; null for a constant.
  QualType Type;
  /// The expressions the count reads (also when it has no Text).
  llvm::SmallVector<const Expr *, 2> Operands;
};

/// Options that widen what counts as a range with a cheap size().
struct TripCountContext {
  ASTContext &Context;
  /// Extra classes (qualified names) whose size() is O(1).
  llvm::ArrayRef<std::string> SizedClasses;
};

/// Counting loops (`for (i = a; i < b; ++i)`, `<=`, `!=`, counting down with
/// `>`/`>=`) and iterator loops (`for (it = c.begin(); it != c.end(); ++it)`).
std::optional<TripCount> tripCountOf(const ForStmt &Loop,
                                     const TripCountContext &Ctx);

/// `while (i < n) { ...; ++i; }` with one unconditional step of the counter,
/// `while (n--)` counting down, and `while (!q.empty()) { ...; q.pop(); }`
/// draining a container.
std::optional<TripCount> tripCountOf(const WhileStmt &Loop,
                                     const TripCountContext &Ctx);

/// The do-while forms of the while loops; the count is one less than the
/// iterations when the condition is false on entry.
std::optional<TripCount> tripCountOf(const DoStmt &Loop,
                                     const TripCountContext &Ctx);

/// The body of a for, range-for, while or do statement; null for others.
const Stmt *loopBody(const Stmt &Loop);

/// tripCountOf for any loop statement.
std::optional<TripCount> tripCountOfLoop(const Stmt &Loop,
                                         const TripCountContext &Ctx);

/// Range-for over arrays, initializer lists and sized containers.
std::optional<TripCount> tripCountOf(const CXXForRangeStmt &Loop,
                                     const TripCountContext &Ctx);

/// Elements in the range expression \p Range (ranges algorithms).
std::optional<TripCount> tripCountOfRange(const Expr *Range,
                                          const TripCountContext &Ctx);

/// Elements in [First, Last) for iterator-pair algorithms.
std::optional<TripCount> tripCountOfIterators(const Expr *First,
                                              const Expr *Last,
                                              const TripCountContext &Ctx);

/// A count argument such as copy_n's (nothing happens when it is negative).
std::optional<TripCount> tripCountOfCount(const Expr *Count,
                                          const TripCountContext &Ctx);

/// Whether what \p Count reads is declared outside \p Loop and not written in
/// it, so that the count, valid before an inner loop, is valid before
/// \p Loop too.
bool staysDuring(const TripCount &Count, const Stmt &Loop,
                 ASTContext &Context);

/// \p A times \p B, and \p A plus \p B, computed in std::size_t when the
/// operands' own type could overflow.
TripCount productOf(const TripCount &A, const TripCount &B,
                    ASTContext &Context);
TripCount sumOf(const TripCount &A, const TripCount &B, ASTContext &Context);

/// A constant count of \p Value.
TripCount constantCount(uint64_t Value);

/// Whether \p E can be evaluated again without observable effects and cheaply:
/// variables, members, constants, arithmetic, dereferences, and calls of
/// const member functions without arguments that return size(), another
/// integer (`d->field_count()`) or a reference (`catalog.items()`) on such
/// expressions.
bool isCheapPureExpr(const Expr *E);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_LOOPTRIPCOUNT_H
