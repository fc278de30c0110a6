//===--- CompositeKeyTarget.cpp - maptidy ---------------------------------===//

#include "CompositeKeyTarget.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::maptidy {

/// A map or set template and how a pair or tuple key is hashed with it.
struct UnorderedTemplate {
  llvm::StringRef Name;
  llvm::StringRef Header;
  /// The standard header of the template, when Header is maptidy's hashing.
  llvm::StringRef StandardHeader;
  /// The template hashes pairs and tuples itself; otherwise the type names
  /// maptidy::hash of the key.
  bool HashesPairs;
  /// Elements live in the table's array, not in nodes of their own.
  bool OpenAddressing;
};

struct UnorderedTarget {
  llvm::StringRef Option;
  UnorderedTemplate Map;
  UnorderedTemplate Set;
};

// maptidy::flat_map and maptidy::flat_set default to maptidy::hash, and
// absl::Hash and boost::hash hash std::pair and std::tuple of hashable types
// themselves; std::unordered_map and std::unordered_set are named with
// maptidy::hash.
static const UnorderedTarget Targets[] = {
    {"maptidy::flat_map",
     {"maptidy::flat_map", "<maptidy/flat_map.hpp>", "", true, true},
     {"maptidy::flat_set", "<maptidy/flat_set.hpp>", "", true, true}},
    {"std::unordered_map",
     {"std::unordered_map", "<maptidy/composite_key.hpp>", "<unordered_map>",
      false, false},
     {"std::unordered_set", "<maptidy/composite_key.hpp>", "<unordered_set>",
      false, false}},
    {"absl::flat_hash_map",
     {"absl::flat_hash_map", "<absl/container/flat_hash_map.h>", "", true,
      true},
     {"absl::flat_hash_set", "<absl/container/flat_hash_set.h>", "", true,
      true}},
    {"boost::unordered_flat_map",
     {"boost::unordered_flat_map", "<boost/unordered/unordered_flat_map.hpp>",
      "", true, true},
     {"boost::unordered_flat_set", "<boost/unordered/unordered_flat_set.hpp>",
      "", true, true}},
};

std::optional<CompositeKeyTarget>
CompositeKeyTarget::named(llvm::StringRef OptionValue) {
  const auto *Row = llvm::find_if(Targets, [&](const UnorderedTarget &T) {
    return T.Option == OptionValue.trim();
  });
  if (Row == std::end(Targets))
    return std::nullopt;
  return CompositeKeyTarget(*Row);
}

CompositeKeyTarget CompositeKeyTarget::fromOption(
    std::optional<llvm::StringRef> Value,
    llvm::function_ref<void(llvm::StringRef)> Invalid) {
  if (Value)
    if (std::optional<CompositeKeyTarget> Target = named(*Value))
      return *Target;
  if (Value)
    Invalid(*Value);
  return *named(Default);
}

llvm::StringRef CompositeKeyTarget::name() const { return Row->Option; }

llvm::StringRef CompositeKeyTarget::templateName(bool Set) const {
  return (Set ? Row->Set : Row->Map).Name;
}

std::string CompositeKeyTarget::type(llvm::StringRef KeyType,
                                     llvm::StringRef Value) const {
  const UnorderedTemplate &Template = Value.empty() ? Row->Set : Row->Map;
  std::string Type = Template.Name.str() + "<" + KeyType.str();
  if (!Value.empty())
    Type += ", " + Value.str();
  if (!Template.HashesPairs)
    Type += ", maptidy::hash<" + KeyType.str() + ">";
  return Type + ">";
}

llvm::SmallVector<llvm::StringRef, 2>
CompositeKeyTarget::headers(bool Set) const {
  const UnorderedTemplate &Template = Set ? Row->Set : Row->Map;
  llvm::SmallVector<llvm::StringRef, 2> Headers = {Template.Header};
  if (!Template.StandardHeader.empty())
    Headers.push_back(Template.StandardHeader);
  return Headers;
}

std::optional<llvm::StringRef> CompositeKeyTarget::bundledHeader(bool Set) const {
  const llvm::StringRef Header = (Set ? Row->Set : Row->Map).Header;
  if (!Header.starts_with("<maptidy/"))
    return std::nullopt;
  return Header;
}

bool CompositeKeyTarget::insertionMovesElements(bool Set) const {
  return (Set ? Row->Set : Row->Map).OpenAddressing;
}

} // namespace clang::tidy::maptidy
