//===--- CompositeKeyTarget.h - maptidy -----------------------------------===//
//
// The container that the composite-key rewrites (nested-map-key,
// concatenated-map-key) give an unordered map or set keyed by a pair or
// tuple: its spelling, hashing and header, chosen by the checks'
// UnorderedMapTarget option. Ordered containers stay std::map and std::set.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_CHECKS_COMPOSITEKEYTARGET_H
#define MAPTIDY_CHECKS_COMPOSITEKEYTARGET_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>

namespace clang::tidy::maptidy {

/// One row of the table of unordered targets.
struct UnorderedTarget;

class CompositeKeyTarget {
public:
  /// The option's default value.
  static constexpr llvm::StringRef Default = "maptidy::flat_map";

  /// The target named \p OptionValue; none when the value is not one of
  /// maptidy::flat_map, std::unordered_map, absl::flat_hash_map and
  /// boost::unordered_flat_map.
  static std::optional<CompositeKeyTarget> named(llvm::StringRef OptionValue);
  /// The target the option value \p Value names, the default when there is
  /// none; \p Invalid is told of a value that names no target.
  static CompositeKeyTarget
  fromOption(std::optional<llvm::StringRef> Value,
             llvm::function_ref<void(llvm::StringRef)> Invalid);

  /// The option value that names this target.
  llvm::StringRef name() const;

  /// The map or set template, qualified: "absl::flat_hash_set".
  llvm::StringRef templateName(bool Set) const;
  /// The type of an unordered map or set from \p KeyType (a pair or tuple)
  /// to \p Value, or of a set when \p Value is empty.
  std::string type(llvm::StringRef KeyType, llvm::StringRef Value) const;
  /// The headers that declare the map or set type and its hashing, with
  /// their <> or "".
  llvm::SmallVector<llvm::StringRef, 2> headers(bool Set) const;
  /// The one of headers(Set) that is maptidy's own, which a translation
  /// unit may be unable to include.
  std::optional<llvm::StringRef> bundledHeader(bool Set) const;
  /// Whether an insertion may move the elements: a reference, pointer or
  /// iterator kept across one dangles (open addressing), where a node-based
  /// container keeps them valid.
  bool insertionMovesElements(bool Set) const;

private:
  explicit CompositeKeyTarget(const UnorderedTarget &Row) : Row(&Row) {}
  const UnorderedTarget *Row;
};

} // namespace clang::tidy::maptidy

#endif // MAPTIDY_CHECKS_COMPOSITEKEYTARGET_H
