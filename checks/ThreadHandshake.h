//===--- ThreadHandshake.h - maptidy --------------------------------------===//
//
// Handshakes between a thread and the code that started it. One side signals
// a channel (a release store to an atomic, notify on a condition variable, a
// promise's set_value, a latch's count_down, a semaphore's release) and the
// other waits on it (a loop on an acquire load, wait, a future's get or wait,
// acquire). What one side did before it first signals happens before what
// the other does after its wait returns.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_THREADHANDSHAKE_H
#define MAPTIDY_CHECKS_THREADHANDSHAKE_H

#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
class ASTContext;
class ValueDecl;
} // namespace clang

namespace clang::tidy::maptidy {

/// A stretch of the code that started a thread, from just after From to just
/// before Until (to the end when Until is invalid).
struct CodeStretch {
  SourceLocation From;
  SourceLocation Until;
};

/// Narrows \p Running, the stretch of the code around \p Start that may run
/// while the thread it starts does, to the part that may run at the same time
/// as \p Use, a statement of \p ThreadBody (the thread's code):
///   - when the use comes before the thread first signals a channel, the
///     stretch ends where the starting code waits on that channel;
///   - when the use comes after the thread waited on a channel, the stretch
///     starts where the starting code first signals it.
/// Signals and waits count when they are statements of the function bodies
/// (or of blocks that are statements of them), so that they run every time.
CodeStretch narrowByHandshakes(CodeStretch Running, const Stmt &Use,
                               const Stmt &ThreadBody, const Stmt &Start,
                               ASTContext &Context);

/// The channels that a thread's code signals and those it waits on,
/// anywhere in it.
struct ChannelUses {
  llvm::SmallPtrSet<const ValueDecl *, 4> Signalled;
  llvm::SmallPtrSet<const ValueDecl *, 4> Waited;

  /// Adds the signals and waits of \p Code.
  void add(const Stmt &Code);
  /// Whether code with these uses may wait for code with \p Other's, or the
  /// other way round: then what each does may be ordered.
  bool handshakesWith(const ChannelUses &Other) const;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_THREADHANDSHAKE_H
