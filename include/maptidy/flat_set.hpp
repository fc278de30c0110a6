// maptidy/flat_set.hpp - a single-threaded open-addressing hash set.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef MAPTIDY_FLAT_SET_HPP
#define MAPTIDY_FLAT_SET_HPP

// maptidy::flat_set<Key, Hash, KeyEqual, Allocator> has the interface of std::unordered_set
// (without buckets or node handles) and stores its elements in place, in one array, instead of
// one heap node per element. It is maptidy::flat_map without mapped values: the same table
// (detail/flat_table.hpp) and the same members (detail/flat_container.hpp), so everything
// docs/containers/flat-map.md says of lookups, growth and memory holds for it.
//
// Defaults: Hash = maptidy::hash<Key> and KeyEqual = maptidy::equal_to<Key> are transparent, so
// a set of std::string accepts std::string_view and const char* probes, and a set of
// std::pair<std::string, std::string> accepts pairs of std::string_view. With other Hash and
// KeyEqual types, the heterogeneous overloads exist when both declare is_transparent.
//
// Elements are keys: iterator and const_iterator both give const references.
//
// Validity of iterators, pointers and references (where flat_set differs from
// std::unordered_set):
// - An insertion (insert, emplace, emplace_hint) that adds an element when size() == max_load()
//   rehashes: all iterators, pointers and references to elements are invalidated, since
//   elements move to new storage. Otherwise an insertion invalidates none, but an iteration in
//   progress may or may not visit the new element. Code that keeps a reference or iterator
//   across an insertion must reserve() first or not use flat_set.
// - max_load() never grows by insertion, and an erasure may lower it (an erasure from a group
//   that elements overflowed from does not free load budget). reserve(n) and rehash(n) make
//   max_load() >= n.
// - rehash, reserve (when it grows the table), copy and move assignment, clear and swap behave
//   as for std::unordered_set, except that rehash and reserve invalidate pointers and
//   references too. Move construction and swap keep iterators, pointers and references valid;
//   they then refer into the other container.
// - erase invalidates only iterators, pointers and references to the erased elements.
//   erase(iterator) returns the iterator to the next element.
//
// Exception guarantees (Hash, KeyEqual, the allocator and the element's constructors may throw;
// destructors must not):
// - insert, emplace, emplace_hint: strong; if a rehash happened before the constructor threw,
//   the capacity stays grown. Range insertion: each element's insertion is strong; elements
//   inserted before the exception stay.
// - rehash, reserve: strong when the elements are nothrow-movable and Hash is noexcept (they are
//   moved) or when they are copyable (they are copied); basic otherwise.
// - erase(iterator), erase(first, last), clear, swap (with equal or propagated allocators),
//   move construction: nothrow. erase(key): throws only what Hash or KeyEqual throws, strong.
// - erase_if: basic; if the predicate throws, the elements erased so far stay erased.
// - Copy construction and copy assignment: strong (assignment builds a copy, then swaps).
// - find, count, contains, equal_range, ==: no effect on the set.

#include "maptidy/composite_key.hpp"
#include "maptidy/detail/flat_container.hpp"

#include <cstddef>
#include <initializer_list>
#include <memory>

namespace maptidy {

template <class Key, class Hash = maptidy::hash<Key>, class KeyEqual = maptidy::equal_to<Key>,
          class Allocator = std::allocator<Key>>
class flat_set : public detail::flat_container<flat_set<Key, Hash, KeyEqual, Allocator>, Key, Key,
                                               detail::set_element_key, Hash, KeyEqual, Allocator> {
  using base = detail::flat_container<flat_set, Key, Key, detail::set_element_key, Hash, KeyEqual, Allocator>;

 public:
  using typename base::value_type;

  // The constructors of std::unordered_set; see detail/flat_container.hpp.
  using base::base;
  // Declared here as well as inherited: GCC deduces the arguments of a braced
  // list (flat_set m{...}) only from a class's own initializer-list
  // constructor, and declaring one takes away the implicit default one.
  flat_set() = default;
  flat_set(std::initializer_list<value_type> values, typename base::size_type bucket_count = 0,
           const Hash& hash = Hash(), const KeyEqual& equal = KeyEqual(), const Allocator& allocator = Allocator())
      : base(values, bucket_count, hash, equal, allocator) {}

  flat_set& operator=(std::initializer_list<value_type> values) {
    this->assign(values);
    return *this;
  }
};

// Deduction guides, as std::unordered_set's: from a range or a braced list,
// with the optional bucket count, hash, equality and allocator. Each
// requirement follows the parameter it tests, so that a guide that does not
// apply drops out before its defaults are formed.
template <class InputIt, class = detail::require_input_iterator<InputIt>,
          class Hash = maptidy::hash<detail::iter_value_t<InputIt>>, class = detail::require_hash<Hash>,
          class KeyEqual = maptidy::equal_to<detail::iter_value_t<InputIt>>,
          class = detail::require_key_equal<KeyEqual>, class Allocator = std::allocator<detail::iter_value_t<InputIt>>,
          class = detail::require_allocator<Allocator>>
flat_set(InputIt, InputIt, std::size_t = 0, Hash = Hash(), KeyEqual = KeyEqual(), Allocator = Allocator())
    -> flat_set<detail::iter_value_t<InputIt>, Hash, KeyEqual, Allocator>;

template <class Key, class Hash = maptidy::hash<Key>, class = detail::require_hash<Hash>,
          class KeyEqual = maptidy::equal_to<Key>, class = detail::require_key_equal<KeyEqual>,
          class Allocator = std::allocator<Key>, class = detail::require_allocator<Allocator>>
flat_set(std::initializer_list<Key>, std::size_t = 0, Hash = Hash(), KeyEqual = KeyEqual(), Allocator = Allocator())
    -> flat_set<Key, Hash, KeyEqual, Allocator>;

template <class InputIt, class = detail::require_input_iterator<InputIt>, class Allocator,
          class = detail::require_allocator<Allocator>>
flat_set(InputIt, InputIt, std::size_t, Allocator)
    -> flat_set<detail::iter_value_t<InputIt>, maptidy::hash<detail::iter_value_t<InputIt>>,
                maptidy::equal_to<detail::iter_value_t<InputIt>>, Allocator>;

template <class InputIt, class = detail::require_input_iterator<InputIt>, class Hash,
          class = detail::require_hash<Hash>, class Allocator, class = detail::require_allocator<Allocator>>
flat_set(InputIt, InputIt, std::size_t, Hash, Allocator)
    -> flat_set<detail::iter_value_t<InputIt>, Hash, maptidy::equal_to<detail::iter_value_t<InputIt>>, Allocator>;

template <class Key, class Allocator, class = detail::require_allocator<Allocator>>
flat_set(std::initializer_list<Key>, std::size_t, Allocator)
    -> flat_set<Key, maptidy::hash<Key>, maptidy::equal_to<Key>, Allocator>;

template <class Key, class Hash, class = detail::require_hash<Hash>, class Allocator,
          class = detail::require_allocator<Allocator>>
flat_set(std::initializer_list<Key>, std::size_t, Hash, Allocator)
    -> flat_set<Key, Hash, maptidy::equal_to<Key>, Allocator>;

}  // namespace maptidy

#endif  // MAPTIDY_FLAT_SET_HPP
