// maptidy/detail/skiplist_key_hint.hpp - the key summaries that skiplist_map keeps in its links
// and in its search index.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every level-1 link carries a hint: a summary of the key of the node it links to, kept next to
// the link, so that a search on level 1 decides to move right or down from the node it stands on
// and fetches a node only when it moves onto it (one cache miss per move instead of one per
// comparison). The search index stores the same hints and serves the levels above, which keep
// bare links (skiplist_node.hpp). Two kinds:
// - exact: the key itself, for a scalar key (integers, floating point, enumerations, pointers)
//   ordered by std::less or std::greater;
// - prefix: the first eight bytes of a char string ordered by std::less, packed big-endian into
//   an integer, so that comparing two prefixes is one integer comparison. Unequal prefixes order
//   their strings the same way (std::char_traits<char> compares bytes as unsigned char); equal
//   prefixes decide nothing and the search compares the node's own key.
// Other keys have no hints: their links are plain and searches compare the nodes' keys.
#ifndef MAPTIDY_DETAIL_SKIPLIST_KEY_HINT_HPP
#define MAPTIDY_DETAIL_SKIPLIST_KEY_HINT_HPP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

namespace maptidy {
namespace detail {
namespace skiplist {

template <class Compare, class Key>
inline constexpr bool is_less_order =
    std::is_same_v<Compare, std::less<>> || std::is_same_v<Compare, std::less<Key>>;

template <class Compare, class Key>
inline constexpr bool is_builtin_order =
    is_less_order<Compare, Key> || std::is_same_v<Compare, std::greater<>> ||
    std::is_same_v<Compare, std::greater<Key>>;

template <class Key, bool Scalar = std::is_scalar_v<Key>>
inline constexpr bool is_exact_hint_key = false;

template <class Key>
inline constexpr bool is_exact_hint_key<Key, true> =
    sizeof(Key) <= sizeof(void*) && std::atomic<Key>::is_always_lock_free;

template <class Key>
inline constexpr bool is_char_string = false;

template <class Allocator>
inline constexpr bool is_char_string<std::basic_string<char, std::char_traits<char>, Allocator>> =
    true;

template <>
inline constexpr bool is_char_string<std::string_view> = true;

enum class hint_kind { none, exact, prefix };

template <class Key, class Compare>
inline constexpr hint_kind hint_kind_of =
    is_exact_hint_key<Key> && is_builtin_order<Compare, Key> ? hint_kind::exact
    : is_char_string<Key> && is_less_order<Compare, Key>     ? hint_kind::prefix
                                                             : hint_kind::none;

template <class Key, class Compare, hint_kind Kind = hint_kind_of<Key, Compare>>
struct key_hint {
  static constexpr bool enabled = false;
  using type = void;
};

template <class Key, class Compare>
struct key_hint<Key, Compare, hint_kind::exact> {
  static constexpr bool enabled = true;
  static constexpr bool exact = true;
  using type = Key;
  // Whether a lookup by a `K` can use the hints: it compares with keys, so with hints.
  template <class K>
  static constexpr bool probes = true;

  static const Key& of(const Key& key) noexcept { return key; }
};

template <class Key, class Compare>
struct key_hint<Key, Compare, hint_kind::prefix> {
  static constexpr bool enabled = true;
  static constexpr bool exact = false;
  using type = std::uint64_t;
  // Heterogeneous lookups by other types (a user type comparable with strings) use the keys.
  template <class K>
  static constexpr bool probes = std::is_convertible_v<const K&, std::string_view>;

  // The first eight bytes, zero-padded, most significant first: a shorter string that is a
  // prefix of a longer one gets a prefix no larger than the longer one's.
  static std::uint64_t of(std::string_view key) noexcept {
    unsigned char bytes[8] = {};
    if (!key.empty()) std::memcpy(bytes, key.data(), key.size() < 8 ? key.size() : 8);
    std::uint64_t prefix = 0;
    for (unsigned char byte : bytes) prefix = (prefix << 8) | byte;
    return prefix;
  }
};

}  // namespace skiplist
}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_SKIPLIST_KEY_HINT_HPP
