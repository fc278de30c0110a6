//===--- TypeSpelling.h - maptidy -----------------------------------------===//
//
// Writes a type as code valid at the place a fix-it inserts it. The sugar a
// type carries names what the code it came from could see: a member typedef
// of another class (`value_type`), a local alias of another function. Such
// names are looked through; aliases visible at the insertion point are kept,
// and names from other namespaces are qualified.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_TYPESPELLING_H
#define MAPTIDY_CHECKS_TYPESPELLING_H

#include "clang/AST/Type.h"
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class DeclContext;
} // namespace clang

namespace clang::tidy::maptidy {

/// A type as written at an insertion point, or why it cannot be written.
struct TypeSpelling {
  std::optional<std::string> Text;
  /// Set when Text is not: "a lambda's closure type", ...
  std::string WhyNot;
};

/// \p Type as code valid in \p At. Keeps aliases visible there (declared in
/// a namespace, in a class or a function enclosing \p At), looks through the
/// others, qualifies names declared in namespaces that do not enclose \p At,
/// and refuses closure types, unnamed types and local classes of functions
/// that do not enclose \p At.
TypeSpelling spellType(QualType Type, const DeclContext &At,
                       const ASTContext &Context);

/// \p Type for a message about code in \p At: its spelling there, or
/// clang's description of a type that has none ("(lambda at a.cpp:3:8)").
std::string describeType(QualType Type, const DeclContext &At,
                         const ASTContext &Context);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_TYPESPELLING_H
