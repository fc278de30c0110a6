//===--- DeclarationRewrite.h - maptidy -----------------------------------===//
//
// Whether a fix-it may change the type of a variable or member: only when no
// other translation unit can name it and it starts out empty.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_DECLARATIONREWRITE_H
#define MAPTIDY_CHECKS_DECLARATIONREWRITE_H

namespace clang {
class DeclaratorDecl;
class SourceManager;
} // namespace clang

namespace clang::tidy::maptidy {

/// Locals, internal-linkage globals of the main file, and private members of
/// classes defined in the main file whose member functions are all defined
/// here and that have no friends. Parameters never: callers pick their type.
bool isPrivateToTranslationUnit(const DeclaratorDecl &Decl,
                                const SourceManager &SM);

/// Default-constructed: no initializer with contents, in the declaration or
/// in a constructor's member initializers.
bool startsEmpty(const DeclaratorDecl &Decl);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_DECLARATIONREWRITE_H
