//===--- RewriteUtils.h - maptidy -----------------------------------------===//
//
// Small AST and source helpers shared by the checks: looking through implicit
// nodes, parents as the user wrote them, and source text for fix-its.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_REWRITEUTILS_H
#define MAPTIDY_CHECKS_REWRITEUTILS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class CXXMethodDecl;
class SourceManager;
} // namespace clang

namespace clang::tidy::maptidy {

/// \p E without implicit nodes, parentheses and implicit casts.
const Expr *strip(const Expr *E);

/// The pointer (raw, smart, or an iterator) that \p E dereferences, without
/// implicit nodes: `p` in `*p` and in the `p->` of an overloaded `->`; none
/// when \p E is no dereference.
const Expr *dereferencedOperand(const Expr &E);

/// The identifier of \p Decl, or "" for operators and other special names.
StringRef nameOf(const NamedDecl *Decl);

/// The statement containing \p S, looking through variable declarations.
const Stmt *parentStmt(const Stmt &S, ASTContext &Context);

/// The parent of \p E above parentheses and full-expression cleanups, and the
/// child of that parent on the way.
std::pair<const Stmt *, const Stmt *> parentAndChild(const Stmt &E,
                                                     ASTContext &Context);

/// The statement holding \p E: the expression statement or declaration.
const Stmt *statementOf(const Expr &E, ASTContext &Context);

/// The parent of \p E above parentheses, implicit casts and temporaries; for
/// the range of a range-for, the loop.
const Stmt *userParent(const Expr &E, ASTContext &Context);

/// A member function call as written: resolved, or in a template on an
/// object of dependent type.
struct MemberCallParts {
  const CallExpr *Call;
  /// The object, or the pointer to it for `p->f()`.
  const Expr *Object;
  StringRef Name;
  unsigned Args;
  bool Arrow;
  /// Null while the call is dependent.
  const CXXMethodDecl *Method;
  /// The member name.
  SourceLocation Loc;
};
std::optional<MemberCallParts> memberCallParts(const Expr *E);

/// The container of `c.begin()`, `c.cbegin()`, `std::begin(c)`, or with
/// \p End of the matching end calls; null for anything else.
const Expr *containerOfIteratorCall(const Expr *E, bool End);

/// Whether \p S is `==` or `!=`, built in or overloaded.
bool isEqualityTest(const Stmt *S);

/// The operands of \p E when it compares them with \p Op: built in,
/// overloaded, or rewritten by C++20 (`it != end` as `!(it == end)` where
/// the iterator defines only `==`).
std::optional<std::pair<const Expr *, const Expr *>>
comparisonOperands(const Expr *E, BinaryOperatorKind Op);

/// The body of the function or lambda around \p S.
const Stmt *enclosingFunctionBody(const Stmt &S, ASTContext &Context);

/// The function (a lambda's call operator), class, namespace or unit whose
/// code holds \p S: where names in code inserted at \p S are looked up.
const DeclContext *enclosingDeclContext(const Stmt &S, ASTContext &Context);

/// The innermost loop around \p S inside \p Body, if any.
const Stmt *enclosingLoop(const Stmt &S, const Stmt &Body, ASTContext &Context);

/// What a walk of the statements below another does after visiting one.
enum class Walk { Continue, SkipChildren, Stop };

/// The code an OpenMP region runs, without the references to the variables
/// it captures that the compiler adds beside it.
const Stmt &writtenCode(const CapturedStmt &Region);

/// Whether \p Ref is one of those references (the code never names it).
bool isCaptureInit(const Expr &Ref, ASTContext &Context);

/// Calls \p Visit on \p S and every statement below it (in a region, its
/// written code: writtenCode), each before its children, children in order; \p
/// Visit's answer skips a statement's children or ends the walk. Returns
/// whether it was ended.
bool walkDescendants(const Stmt *S,
                     llvm::function_ref<Walk(const Stmt &)> Visit);

/// Calls \p Visit, in source order, on every expression in \p S naming
/// \p Decl: a variable, or a member of `this`.
void forEachReference(const Stmt *S, const ValueDecl *Decl,
                      llvm::function_ref<void(const Expr &)> Visit);

/// Source text of \p E when it is spelled in one piece outside macros.
std::optional<std::string> textOf(const Expr &E, const ASTContext &Context);

/// Source text of the tokens \p Range when it is spelled in one piece
/// outside macros; a `>>` closing two template argument lists counts as
/// spelled.
std::optional<std::string> spelledText(SourceRange Range,
                                       const ASTContext &Context);

/// textOf, parenthesized when \p E is a binary or conditional expression.
std::optional<std::string> operandText(const Expr &E,
                                       const ASTContext &Context);

/// The first of \p Candidates that the code of \p Function never spells as
/// an unqualified name (after no `.`, `->` or `::`) and that no member of
/// \p Function's class is named: a variable so named, declared in its body,
/// neither clashes with nor hides a name the code uses. None when each is
/// taken or the function is not spelled in one piece.
std::optional<StringRef> unusedName(llvm::ArrayRef<StringRef> Candidates,
                                    const FunctionDecl &Function,
                                    const ASTContext &Context);

/// The whitespace before \p Loc on its line; none when code precedes it.
std::optional<std::string> indentationAt(SourceLocation Loc,
                                         const SourceManager &SM);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_REWRITEUTILS_H
