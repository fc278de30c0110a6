//===--- ShardedMapRewrite.h - maptidy ------------------------------------===//
//
// The fix of maptidy-unsynchronized-map-access for maps shared between
// threads without a lock: the map becomes a maptidy::sharded_map and every
// use is rewritten to its API, or the first use that cannot be is named.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_SHARDEDMAPREWRITE_H
#define MAPTIDY_CHECKS_SHARDEDMAPREWRITE_H

#include "DeclarationRewrite.h"

namespace clang {
class ASTContext;
class DeclaratorDecl;
class Expr;
} // namespace clang

namespace clang::tidy::maptidy {

/// Plans the rewrite of the std::map or std::unordered_map \p Map (a
/// variable or a data member) and of all its uses in the translation unit.
/// The include of the header is left to the caller. Blockers are clauses
/// for a "no fix: " note. A map visible beyond \p Reach is not rewritten
/// (planDeclarationRewrite).
DeclarationRewritePlan planShardedMapRewrite(
    const DeclaratorDecl &Map, ASTContext &Context,
    DeclarationScope Reach = DeclarationScope::TranslationUnit);
/// The same, for the uses \p Refs of \p Map that the caller collected.
DeclarationRewritePlan planShardedMapRewrite(const DeclaratorDecl &Map,
                                             ArrayRef<const Expr *> Refs,
                                             ASTContext &Context,
                                             DeclarationScope Reach);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_SHARDEDMAPREWRITE_H
