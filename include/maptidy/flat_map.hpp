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
// shards (detail/flat_table.hpp), without the locks.
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
#include "maptidy/detail/flat_table.hpp"

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>

namespace maptidy {

template <class Key, class T, class Hash = maptidy::hash<Key>, class KeyEqual = maptidy::equal_to<Key>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
class flat_map {
  using table_type = detail::flat_table<std::pair<const Key, T>, Allocator>;
  using position = typename table_type::position;

  template <bool Const>
  class basic_iterator;

 public:
  using key_type = Key;
  using mapped_type = T;
  using value_type = std::pair<const Key, T>;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using hasher = Hash;
  using key_equal = KeyEqual;
  using allocator_type = Allocator;
  using reference = value_type&;
  using const_reference = const value_type&;
  using pointer = typename std::allocator_traits<Allocator>::pointer;
  using const_pointer = typename std::allocator_traits<Allocator>::const_pointer;
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

 private:
  // Heterogeneous overloads: for probes other than the key when Hash and
  // KeyEqual are transparent, and never for iterators (erase).
  template <class K>
  using enable_if_probe = std::enable_if_t<detail::is_transparent_lookup<Hash, KeyEqual, K>::value &&
                                               !std::is_convertible_v<K, const_iterator> &&
                                               !std::is_convertible_v<K, iterator>,
                                           int>;

 public:
  // ---- Construction. `bucket_count` reserves room for that many elements.

  flat_map() : flat_map(0) {}
  explicit flat_map(size_type bucket_count, const Hash& hash = Hash(), const KeyEqual& equal = KeyEqual(),
                    const Allocator& allocator = Allocator())
      : hasher_(hash), equal_(equal), allocator_(allocator) {
    reserve(bucket_count);
  }
  flat_map(size_type bucket_count, const Allocator& allocator) : flat_map(bucket_count, Hash(), KeyEqual(), allocator) {}
  flat_map(size_type bucket_count, const Hash& hash, const Allocator& allocator)
      : flat_map(bucket_count, hash, KeyEqual(), allocator) {}
  explicit flat_map(const Allocator& allocator) : flat_map(0, Hash(), KeyEqual(), allocator) {}

  template <class InputIt>
  flat_map(InputIt first, InputIt last, size_type bucket_count = 0, const Hash& hash = Hash(),
           const KeyEqual& equal = KeyEqual(), const Allocator& allocator = Allocator())
      : flat_map(bucket_count, hash, equal, allocator) {
    insert(first, last);
  }
  flat_map(std::initializer_list<value_type> values, size_type bucket_count = 0, const Hash& hash = Hash(),
           const KeyEqual& equal = KeyEqual(), const Allocator& allocator = Allocator())
      : flat_map(values.begin(), values.end(), bucket_count, hash, equal, allocator) {}

  flat_map(const flat_map& other)
      : flat_map(other, std::allocator_traits<Allocator>::select_on_container_copy_construction(other.allocator_)) {}
  flat_map(const flat_map& other, const Allocator& allocator)
      : hasher_(other.hasher_), equal_(other.equal_), allocator_(allocator) {
    table_.copy_from(other.table_, allocator_);
  }
  flat_map(flat_map&& other) noexcept(std::is_nothrow_move_constructible_v<Hash> &&
                                      std::is_nothrow_move_constructible_v<KeyEqual>)
      : hasher_(std::move(other.hasher_)), equal_(std::move(other.equal_)), allocator_(std::move(other.allocator_)) {
    table_.swap(other.table_);
  }
  flat_map(flat_map&& other, const Allocator& allocator) : hasher_(other.hasher_), equal_(other.equal_), allocator_(allocator) {
    if (allocator_ == other.allocator_) {
      table_.swap(other.table_);
    } else {
      reserve(other.size());
      for (value_type& element : other) emplace_new(std::move(const_cast<Key&>(element.first)), std::move(element.second));
      other.clear();
    }
  }

  ~flat_map() { table_.release(allocator_); }

  flat_map& operator=(const flat_map& other) {
    if (this == &other) return *this;
    using traits = std::allocator_traits<Allocator>;
    flat_map copy(other, traits::propagate_on_container_copy_assignment::value ? other.allocator_ : allocator_);
    table_.release(allocator_);
    hasher_ = std::move(copy.hasher_);
    equal_ = std::move(copy.equal_);
    if constexpr (traits::propagate_on_container_copy_assignment::value) allocator_ = copy.allocator_;
    table_.swap(copy.table_);
    return *this;
  }

  flat_map& operator=(flat_map&& other) noexcept(
      (std::allocator_traits<Allocator>::propagate_on_container_move_assignment::value ||
       std::allocator_traits<Allocator>::is_always_equal::value) &&
      std::is_nothrow_move_assignable_v<Hash> && std::is_nothrow_move_assignable_v<KeyEqual>) {
    if (this == &other) return *this;
    using traits = std::allocator_traits<Allocator>;
    table_.release(allocator_);
    hasher_ = std::move(other.hasher_);
    equal_ = std::move(other.equal_);
    if constexpr (traits::propagate_on_container_move_assignment::value) {
      allocator_ = std::move(other.allocator_);
      table_.swap(other.table_);
    } else if (allocator_ == other.allocator_) {
      table_.swap(other.table_);
    } else {
      reserve(other.size());
      for (value_type& element : other) emplace_new(std::move(const_cast<Key&>(element.first)), std::move(element.second));
      other.clear();
    }
    return *this;
  }

  flat_map& operator=(std::initializer_list<value_type> values) {
    flat_map copy(values, 0, hasher_, equal_, allocator_);
    swap(copy);
    return *this;
  }

  allocator_type get_allocator() const noexcept { return allocator_; }
  hasher hash_function() const { return hasher_; }
  key_equal key_eq() const { return equal_; }

  // ---- Iteration: forward iterators over value_type, in no particular order.

  iterator begin() noexcept { return iterator(table_.begin()); }
  const_iterator begin() const noexcept { return const_iterator(table_.begin()); }
  const_iterator cbegin() const noexcept { return begin(); }
  iterator end() noexcept { return iterator(table_.end()); }
  const_iterator end() const noexcept { return const_iterator(table_.end()); }
  const_iterator cend() const noexcept { return end(); }

  // ---- Capacity.

  bool empty() const noexcept { return size() == 0; }
  size_type size() const noexcept { return table_.size(); }
  size_type max_size() const noexcept {
    return std::numeric_limits<difference_type>::max() / (sizeof(value_type) + 2);
  }

  // ---- Insertion. The single-element forms return {iterator to the element with the key,
  // whether it was inserted}; hints are ignored.

  std::pair<iterator, bool> insert(const value_type& value) { return emplace_unique(value.first, value); }
  std::pair<iterator, bool> insert(value_type&& value) { return emplace_unique(value.first, std::move(value)); }
  template <class P, std::enable_if_t<std::is_constructible_v<value_type, P&&>, int> = 0>
  std::pair<iterator, bool> insert(P&& value) {
    return emplace(std::forward<P>(value));
  }
  iterator insert(const_iterator, const value_type& value) { return insert(value).first; }
  iterator insert(const_iterator, value_type&& value) { return insert(std::move(value)).first; }
  template <class P, std::enable_if_t<std::is_constructible_v<value_type, P&&>, int> = 0>
  iterator insert(const_iterator, P&& value) {
    return emplace(std::forward<P>(value)).first;
  }
  template <class InputIt>
  void insert(InputIt first, InputIt last) {
    for (; first != last; ++first) emplace(*first);
  }
  void insert(std::initializer_list<value_type> values) { insert(values.begin(), values.end()); }

  template <class... Args>
  std::pair<iterator, bool> emplace(Args&&... args) {
    if constexpr (sizeof...(Args) == 2 && first_is_key<Args...>::value) {
      return emplace_key_first(std::forward<Args>(args)...);
    } else if constexpr (sizeof...(Args) == 1 && is_pair_with_key<Args...>::value) {
      return emplace_pair(std::forward<Args>(args)...);
    } else {
      // The key is only known once the element is built.
      value_type value(std::forward<Args>(args)...);
      return emplace_unique(value.first, std::move(value));
    }
  }
  template <class... Args>
  iterator emplace_hint(const_iterator, Args&&... args) {
    return emplace(std::forward<Args>(args)...).first;
  }

  // Leaves `args` untouched when the key is present.
  template <class... Args>
  std::pair<iterator, bool> try_emplace(const key_type& key, Args&&... args) {
    return emplace_unique(key, std::piecewise_construct, std::forward_as_tuple(key),
                          std::forward_as_tuple(std::forward<Args>(args)...));
  }
  template <class... Args>
  std::pair<iterator, bool> try_emplace(key_type&& key, Args&&... args) {
    return emplace_unique(key, std::piecewise_construct, std::forward_as_tuple(std::move(key)),
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

  T& operator[](const key_type& key) { return try_emplace(key).first->second; }
  T& operator[](key_type&& key) { return try_emplace(std::move(key)).first->second; }

  // ---- Erasure.

  iterator erase(iterator it) noexcept { return erase(const_iterator(it)); }
  iterator erase(const_iterator it) noexcept {
    position next = it.position_;
    next.advance();
    table_.erase(it.position_, allocator_);
    return iterator(next);
  }
  iterator erase(const_iterator first, const_iterator last) noexcept {
    while (first != last) first = erase(first);
    return iterator(last.position_);
  }
  size_type erase(const key_type& key) { return erase_key(key); }
  template <class K, enable_if_probe<K> = 0>
  size_type erase(K&& key) {
    return erase_key(key);
  }

  void clear() noexcept { table_.clear(allocator_); }

  void swap(flat_map& other) noexcept(std::is_nothrow_swappable_v<Hash> && std::is_nothrow_swappable_v<KeyEqual>) {
    using std::swap;
    swap(hasher_, other.hasher_);
    swap(equal_, other.equal_);
    if constexpr (std::allocator_traits<Allocator>::propagate_on_container_swap::value)
      swap(allocator_, other.allocator_);
    else
      assert(allocator_ == other.allocator_ && "maptidy::flat_map::swap: unequal allocators that do not propagate");
    table_.swap(other.table_);
  }

  // ---- Lookup. Each has an overload for any probe type K when Hash and KeyEqual are both
  // transparent.

  iterator find(const key_type& key) { return find_impl(key); }
  const_iterator find(const key_type& key) const { return find_impl(key); }
  template <class K, enable_if_probe<K> = 0>
  iterator find(const K& key) {
    return find_impl(key);
  }
  template <class K, enable_if_probe<K> = 0>
  const_iterator find(const K& key) const {
    return find_impl(key);
  }

  bool contains(const key_type& key) const { return position_of(key).found(); }
  template <class K, enable_if_probe<K> = 0>
  bool contains(const K& key) const {
    return position_of(key).found();
  }

  size_type count(const key_type& key) const { return contains(key) ? 1 : 0; }
  template <class K, enable_if_probe<K> = 0>
  size_type count(const K& key) const {
    return contains(key) ? 1 : 0;
  }

  std::pair<iterator, iterator> equal_range(const key_type& key) { return equal_range_impl<iterator>(*this, key); }
  std::pair<const_iterator, const_iterator> equal_range(const key_type& key) const {
    return equal_range_impl<const_iterator>(*this, key);
  }

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

  // ---- Hash policy. bucket_count() is the number of slots.

  size_type bucket_count() const noexcept { return table_.capacity(); }
  float load_factor() const noexcept {
    return bucket_count() == 0 ? 0.0f : static_cast<float>(size()) / static_cast<float>(bucket_count());
  }
  // Fixed at 7/8; setting it has no effect (as for boost::unordered_flat_map).
  float max_load_factor() const noexcept { return table_type::max_load_factor; }
  void max_load_factor(float) noexcept {}
  // The size up to which insertions do not rehash.
  size_type max_load() const noexcept { return table_.load_limit(); }
  void rehash(size_type count) { table_.rehash(count, hash_of_value(), allocator_); }
  void reserve(size_type count) { table_.reserve(count, hash_of_value(), allocator_); }

  // Bytes obtained from the allocator for the elements and their metadata.
  size_type allocated_bytes() const noexcept { return table_.allocated_bytes(); }

  friend bool operator==(const flat_map& a, const flat_map& b) {
    if (a.size() != b.size()) return false;
    for (const value_type& element : a) {
      const auto it = b.find(element.first);
      if (it == b.end() || !(it->second == element.second)) return false;
    }
    return true;
  }
  friend bool operator!=(const flat_map& a, const flat_map& b) { return !(a == b); }
  friend void swap(flat_map& a, flat_map& b) noexcept(noexcept(a.swap(b))) { a.swap(b); }

  // Erases the elements for which pred(const value_type&) holds; returns how many.
  template <class Predicate>
  friend size_type erase_if(flat_map& map, Predicate pred) {
    return map.table_.erase_if(pred, map.allocator_);
  }

 private:
  template <bool Const>
  class basic_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = flat_map::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<Const, const value_type*, value_type*>;
    using reference = std::conditional_t<Const, const value_type&, value_type&>;

    basic_iterator() noexcept = default;
    template <bool OtherConst, std::enable_if_t<Const && !OtherConst, int> = 0>
    basic_iterator(const basic_iterator<OtherConst>& other) noexcept : position_(other.position_) {}

    reference operator*() const noexcept { return table_type::value_at(position_); }
    pointer operator->() const noexcept { return std::addressof(**this); }
    basic_iterator& operator++() noexcept {
      position_.advance();
      return *this;
    }
    basic_iterator operator++(int) noexcept {
      basic_iterator previous = *this;
      ++*this;
      return previous;
    }
    friend bool operator==(const basic_iterator& a, const basic_iterator& b) noexcept {
      return a.position_ == b.position_;
    }
    friend bool operator!=(const basic_iterator& a, const basic_iterator& b) noexcept { return !(a == b); }

   private:
    friend class flat_map;
    friend class basic_iterator<!Const>;
    explicit basic_iterator(const position& p) noexcept : position_(p) {}
    position position_;
  };

  // Whether emplace(a, b) is emplace(key, mapped-constructor-argument).
  template <class... Args>
  struct first_is_key : std::false_type {};
  template <class First, class Second>
  struct first_is_key<First, Second> : std::is_same<std::remove_cv_t<std::remove_reference_t<First>>, key_type> {};
  // Whether emplace(p) gets a pair whose first member is a key.
  template <class... Args>
  struct is_pair_with_key : std::false_type {};
  template <class Arg>
  struct is_pair_with_key<Arg>
      : std::conjunction<detail::is_pair<std::remove_cv_t<std::remove_reference_t<Arg>>>,
                         std::is_same<std::remove_cv_t<typename std::remove_reference_t<Arg>::first_type>,
                                      key_type>> {};

  auto hash_of_value() const noexcept {
    return [this](const value_type& value) noexcept(noexcept(detail::table_hash(std::declval<const Hash&>(), value.first))) {
      return detail::table_hash(hasher_, value.first);
    };
  }

  template <class K>
  position position_of(const K& key) const {
    return table_.find(key, detail::table_hash(hasher_, key), equal_);
  }

  template <class K, class... Args>
  std::pair<iterator, bool> emplace_unique(const K& key, Args&&... args) {
    const std::uint64_t hash = detail::table_hash(hasher_, key);
    if (const position found = table_.find(key, hash, equal_); found.found()) return {iterator(found), false};
    return {iterator(table_.emplace_absent(hash, hash_of_value(), allocator_, std::forward<Args>(args)...)), true};
  }

  template <class K, class M>
  std::pair<iterator, bool> emplace_key_first(K&& key, M&& mapped) {
    return emplace_unique(key, std::forward<K>(key), std::forward<M>(mapped));
  }
  template <class P>
  std::pair<iterator, bool> emplace_pair(P&& pair) {
    return emplace_unique(pair.first, std::forward<P>(pair));
  }

  // Inserts an element whose key is known to be absent (moves between allocators).
  template <class... Args>
  void emplace_new(Args&&... args) {
    value_type value(std::forward<Args>(args)...);
    table_.emplace_absent(detail::table_hash(hasher_, value.first), hash_of_value(), allocator_, std::move(value));
  }

  template <class K, class M>
  std::pair<iterator, bool> insert_or_assign_impl(K&& key, M&& object) {
    const std::uint64_t hash = detail::table_hash(hasher_, key);
    if (const position found = table_.find(key, hash, equal_); found.found()) {
      table_type::value_at(found).second = std::forward<M>(object);
      return {iterator(found), false};
    }
    return {iterator(table_.emplace_absent(hash, hash_of_value(), allocator_, std::forward<K>(key),
                                           std::forward<M>(object))),
            true};
  }

  template <class K>
  iterator find_impl(const K& key) const {
    const position found = position_of(key);
    return iterator(found.found() ? found : table_.end());
  }

  template <class Iterator, class Self, class K>
  static std::pair<Iterator, Iterator> equal_range_impl(Self& self, const K& key) {
    Iterator first = self.find(key);
    Iterator last = first;
    if (last != self.end()) ++last;
    return {first, last};
  }

  template <class Self, class K>
  static auto& at_impl(Self& self, const K& key) {
    const position found = self.position_of(key);
    if (!found.found()) throw std::out_of_range("maptidy::flat_map::at: key not found");
    return static_cast<decltype(*self.begin())>(table_type::value_at(found)).second;
  }

  template <class K>
  size_type erase_key(const K& key) {
    const position found = position_of(key);
    if (!found.found()) return 0;
    table_.erase(found, allocator_);
    return 1;
  }

  Hash hasher_;
  KeyEqual equal_;
  Allocator allocator_;
  table_type table_;
};

}  // namespace maptidy

#endif  // MAPTIDY_FLAT_MAP_HPP
