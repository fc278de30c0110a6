// maptidy/flat_map.hpp - a single-threaded open-addressing hash map.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef MAPTIDY_FLAT_MAP_HPP
#define MAPTIDY_FLAT_MAP_HPP

// maptidy::flat_map<Key, T, Hash, KeyEqual, Allocator> has the interface of std::unordered_map
// (without buckets or node handles) and stores its elements in place, in one array, instead of
// one heap node per element. Lookups touch one 16-byte metadata group and, on a tag match, the
// element itself; that is why it outruns std::unordered_map, and why its iterators and
// references are less stable than std::unordered_map's. It is the table of sharded_map's
// shards (detail/flat_table.hpp), without the locks, and shares everything but the mapped
// values with maptidy::flat_set (detail/flat_container.hpp).
//
// Design sources: Google's Swiss tables (absl::flat_hash_map) for matching a group of tags at
// once, and boost::unordered_flat_map (Joaquín M López Muñoz, Boost 1.81) for groups of 15 slots
// with an overflow byte instead of tombstones and for moving keys during a rehash; see
// detail/flat_table.hpp.
//
// Defaults: Hash = maptidy::hash<Key> and KeyEqual = maptidy::equal_to<Key> are transparent, so
// a map keyed by std::string accepts std::string_view and const char* probes, and a map keyed
// by std::pair<std::string, std::string> accepts pairs of std::string_view. With other Hash and
// KeyEqual types, the heterogeneous overloads exist when both declare is_transparent.
//
// Validity of iterators, pointers and references (as boost::unordered_flat_map documents its
// own; this is where flat_map differs from std::unordered_map):
// - An insertion (insert, emplace, emplace_hint, try_emplace, insert_or_assign, operator[])
//   that adds an element when size() == max_load() rehashes: all iterators, pointers and
//   references to elements are invalidated, since elements move to new storage. Otherwise an
//   insertion invalidates none, but an iteration in progress may or may not visit the new
//   element. Code that keeps a reference or iterator across an insertion must reserve() first
//   or not use flat_map.
// - max_load() never grows by insertion, and an erasure may lower it (an erasure from a group
//   that elements overflowed from does not free load budget). reserve(n) and rehash(n) make
//   max_load() >= n.
// - rehash, reserve (when it grows the table), copy and move assignment, clear and swap behave
//   as for std::unordered_map, except that rehash and reserve invalidate pointers and
//   references too. Move construction and swap keep iterators, pointers and references valid;
//   they then refer into the other container.
// - erase invalidates only iterators, pointers and references to the erased elements.
//   erase(iterator) returns the iterator to the next element.
//
// Exception guarantees (Hash, KeyEqual, the allocator and the element's constructors may throw;
// destructors must not):
// - insert, emplace, try_emplace, operator[], insert_or_assign inserting: strong; if a rehash
//   happened before the constructor threw, the capacity stays grown. insert_or_assign on an
//   existing key: the guarantee of T's assignment. Range insertion: each element's insertion
//   is strong; elements inserted before the exception stay.
// - rehash, reserve: strong when the elements are nothrow-movable and Hash is noexcept (they are
//   moved) or when they are copyable (they are copied); basic otherwise.
// - erase(iterator), erase(first, last), clear, swap (with equal or propagated allocators),
//   move construction: nothrow. erase(key): throws only what Hash or KeyEqual throws, strong.
// - erase_if: basic; if the predicate throws, the elements erased so far stay erased.
// - Copy construction and copy assignment: strong (assignment builds a copy, then swaps).
// - find, count, contains, at, ==: no effect on the map; at throws std::out_of_range.

#include "maptidy/composite_key.hpp"
#include "maptidy/detail/flat_container.hpp"

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>

namespace maptidy {

template <class Key, class T, class Hash = maptidy::hash<Key>, class KeyEqual = maptidy::equal_to<Key>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
class flat_map : public detail::flat_container<flat_map<Key, T, Hash, KeyEqual, Allocator>, Key,
                                               std::pair<const Key, T>, detail::map_element_key, Hash, KeyEqual,
                                               Allocator> {
  using base = detail::flat_container<flat_map, Key, std::pair<const Key, T>, detail::map_element_key, Hash,
                                      KeyEqual, Allocator>;
  template <class K>
  using enable_if_probe = typename base::template enable_if_probe<K>;

 public:
  using mapped_type = T;
  using typename base::const_iterator;
  using typename base::iterator;
  using typename base::key_type;
  using typename base::value_type;

  // The constructors of std::unordered_map; see detail/flat_container.hpp.
  using base::base;
  // Declared here as well as inherited: GCC deduces the arguments of a braced
  // list (flat_map m{...}) only from a class's own initializer-list
  // constructor, and declaring one takes away the implicit default one.
  flat_map() = default;
  flat_map(std::initializer_list<value_type> values, typename base::size_type bucket_count = 0,
           const Hash& hash = Hash(), const KeyEqual& equal = KeyEqual(), const Allocator& allocator = Allocator())
      : base(values, bucket_count, hash, equal, allocator) {}

  flat_map& operator=(std::initializer_list<value_type> values) {
    this->assign(values);
    return *this;
  }

  // ---- Insertion, besides insert and emplace of whole elements (detail/flat_container.hpp).

  using base::insert;
  template <class P, std::enable_if_t<std::is_constructible_v<value_type, P&&>, int> = 0>
  std::pair<iterator, bool> insert(P&& value) {
    return this->emplace(std::forward<P>(value));
  }
  template <class P, std::enable_if_t<std::is_constructible_v<value_type, P&&>, int> = 0>
  iterator insert(const_iterator, P&& value) {
    return this->emplace(std::forward<P>(value)).first;
  }

  // Leaves `args` untouched when the key is present.
  template <class... Args>
  MAPTIDY_FORCEINLINE std::pair<iterator, bool> try_emplace(const key_type& key, Args&&... args) {
    return this->emplace_unique(key, std::piecewise_construct, std::forward_as_tuple(key),
                                std::forward_as_tuple(std::forward<Args>(args)...));
  }
  template <class... Args>
  MAPTIDY_FORCEINLINE std::pair<iterator, bool> try_emplace(key_type&& key, Args&&... args) {
    return this->emplace_unique(key, std::piecewise_construct, std::forward_as_tuple(std::move(key)),
                                std::forward_as_tuple(std::forward<Args>(args)...));
  }
  template <class... Args>
  iterator try_emplace(const_iterator, const key_type& key, Args&&... args) {
    return try_emplace(key, std::forward<Args>(args)...).first;
  }
  template <class... Args>
  iterator try_emplace(const_iterator, key_type&& key, Args&&... args) {
    return try_emplace(std::move(key), std::forward<Args>(args)...).first;
  }

  template <class M>
  std::pair<iterator, bool> insert_or_assign(const key_type& key, M&& object) {
    return insert_or_assign_impl(key, std::forward<M>(object));
  }
  template <class M>
  std::pair<iterator, bool> insert_or_assign(key_type&& key, M&& object) {
    return insert_or_assign_impl(std::move(key), std::forward<M>(object));
  }
  template <class M>
  iterator insert_or_assign(const_iterator, const key_type& key, M&& object) {
    return insert_or_assign(key, std::forward<M>(object)).first;
  }
  template <class M>
  iterator insert_or_assign(const_iterator, key_type&& key, M&& object) {
    return insert_or_assign(std::move(key), std::forward<M>(object)).first;
  }

  MAPTIDY_FORCEINLINE T& operator[](const key_type& key) { return try_emplace(key).first->second; }
  MAPTIDY_FORCEINLINE T& operator[](key_type&& key) { return try_emplace(std::move(key)).first->second; }

  // ---- Lookup of mapped values, besides find, contains, count and equal_range.

  T& at(const key_type& key) { return at_impl(*this, key); }
  const T& at(const key_type& key) const { return at_impl(*this, key); }
  template <class K, enable_if_probe<K> = 0>
  T& at(const K& key) {
    return at_impl(*this, key);
  }
  template <class K, enable_if_probe<K> = 0>
  const T& at(const K& key) const {
    return at_impl(*this, key);
  }

 private:
  // `object` is either assigned to the element found or moved into a new one, never both.
  template <class K, class M>
  std::pair<iterator, bool> insert_or_assign_impl(K&& key, M&& object) {
    return this->visit_or_emplace(
        key, [&](value_type& element) { element.second = std::forward<M>(object); }, std::forward<K>(key),
        std::forward<M>(object));
  }

  template <class Self, class K>
  static auto& at_impl(Self& self, const K& key) {
    const auto found = self.position_of(key);
    if (!found.found()) throw std::out_of_range("maptidy::flat_map::at: key not found");
    return static_cast<decltype(*self.begin())>(base::element_at(found)).second;
  }
};

// Deduction guides, as std::unordered_map's: from a range of pairs or a
// braced list of pairs, with the optional bucket count, hash, equality and
// allocator. Each requirement follows the parameter it tests, so that a
// guide that does not apply drops out before its defaults are formed.
template <class InputIt, class = detail::require_input_iterator<InputIt>,
          class Hash = maptidy::hash<detail::iter_key_t<InputIt>>, class = detail::require_hash<Hash>,
          class KeyEqual = maptidy::equal_to<detail::iter_key_t<InputIt>>, class = detail::require_key_equal<KeyEqual>,
          class Allocator = std::allocator<detail::iter_to_alloc_t<InputIt>>,
          class = detail::require_allocator<Allocator>>
flat_map(InputIt, InputIt, std::size_t = 0, Hash = Hash(), KeyEqual = KeyEqual(), Allocator = Allocator())
    -> flat_map<detail::iter_key_t<InputIt>, detail::iter_mapped_t<InputIt>, Hash, KeyEqual, Allocator>;

template <class Key, class T, class Hash = maptidy::hash<Key>, class = detail::require_hash<Hash>,
          class KeyEqual = maptidy::equal_to<Key>, class = detail::require_key_equal<KeyEqual>,
          class Allocator = std::allocator<std::pair<const Key, T>>, class = detail::require_allocator<Allocator>>
flat_map(std::initializer_list<std::pair<Key, T>>, std::size_t = 0, Hash = Hash(), KeyEqual = KeyEqual(),
         Allocator = Allocator()) -> flat_map<Key, T, Hash, KeyEqual, Allocator>;

template <class InputIt, class = detail::require_input_iterator<InputIt>, class Allocator,
          class = detail::require_allocator<Allocator>>
flat_map(InputIt, InputIt, std::size_t, Allocator)
    -> flat_map<detail::iter_key_t<InputIt>, detail::iter_mapped_t<InputIt>,
                maptidy::hash<detail::iter_key_t<InputIt>>, maptidy::equal_to<detail::iter_key_t<InputIt>>, Allocator>;

template <class InputIt, class = detail::require_input_iterator<InputIt>, class Hash,
          class = detail::require_hash<Hash>, class Allocator, class = detail::require_allocator<Allocator>>
flat_map(InputIt, InputIt, std::size_t, Hash, Allocator)
    -> flat_map<detail::iter_key_t<InputIt>, detail::iter_mapped_t<InputIt>, Hash,
                maptidy::equal_to<detail::iter_key_t<InputIt>>, Allocator>;

template <class Key, class T, class Allocator, class = detail::require_allocator<Allocator>>
flat_map(std::initializer_list<std::pair<Key, T>>, std::size_t, Allocator)
    -> flat_map<Key, T, maptidy::hash<Key>, maptidy::equal_to<Key>, Allocator>;

template <class Key, class T, class Hash, class = detail::require_hash<Hash>, class Allocator,
          class = detail::require_allocator<Allocator>>
flat_map(std::initializer_list<std::pair<Key, T>>, std::size_t, Hash, Allocator)
    -> flat_map<Key, T, Hash, maptidy::equal_to<Key>, Allocator>;

}  // namespace maptidy

#endif  // MAPTIDY_FLAT_MAP_HPP
