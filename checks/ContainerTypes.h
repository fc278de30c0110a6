//===--- ContainerTypes.h - maptidy ---------------------------------------===//
//
// Classifies class types by their qualified template name, ignoring inline
// namespaces (libstdc++'s std::__cxx11, libc++'s std::__1), so that options can
// list classes as users spell them ("::std::vector", "::absl::flat_hash_map").
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_CONTAINERTYPES_H
#define MAPTIDY_CHECKS_CONTAINERTYPES_H

#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class CXXRecordDecl;
class ClassTemplateSpecializationDecl;
class CXXMethodDecl;
} // namespace clang

namespace clang::tidy::maptidy {

/// "::ns::Name" for the record behind \p Type (through references, typedefs
/// and template specializations), without inline namespaces, and for
/// Boost.Unordered's containers the name Boost exports them under
/// ("::boost::unordered_map"); empty if \p Type is not a class.
std::string qualifiedClassName(QualType Type);

/// Whether \p Type is a class whose qualified name is one of \p Names. Names
/// may omit the leading "::".
bool isClassNamed(QualType Type, llvm::ArrayRef<std::string> Names);

/// Standard containers whose size() is O(1): a loop over one of them runs
/// size() times.
bool isStdSizedContainer(QualType Type);

/// The first template argument of the class template specialization behind
/// \p Type (the key of a map, the element of a vector); null otherwise.
QualType firstTemplateArgument(QualType Type);

/// The record's accessible reserve(n) member, if it has one.
const CXXMethodDecl *findReserveMethod(QualType Type);

/// Whether the template arguments of \p Spec from \p FirstPolicy on are the
/// standard comparators, hashes, equalities and allocators, which a rewritten
/// container gets by default too.
bool usesDefaultPolicies(const ClassTemplateSpecializationDecl &Spec,
                         unsigned FirstPolicy);

/// Default MapClasses and SetClasses of the key checks: the standard, Abseil
/// and Boost associative containers.
inline constexpr char DefaultAssociativeMaps[] =
    "::std::map;::std::unordered_map;::absl::flat_hash_map;"
    "::absl::node_hash_map;::absl::btree_map;::boost::unordered_map;"
    "::boost::unordered_flat_map;::boost::unordered_node_map";
inline constexpr char DefaultAssociativeSets[] =
    "::std::set;::std::unordered_set;::absl::flat_hash_set;"
    "::absl::node_hash_set;::absl::btree_set;::boost::unordered_set;"
    "::boost::unordered_flat_set;::boost::unordered_node_set";

/// Splits a ';'-separated option value into names.
std::vector<std::string> parseClassList(llvm::StringRef Value);

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_CONTAINERTYPES_H
