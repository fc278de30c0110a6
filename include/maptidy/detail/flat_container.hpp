// maptidy/detail/flat_container.hpp - what maptidy::flat_map and
// maptidy::flat_set have in common: construction, iteration, the insertions
// and lookups by a whole element or key, erasure and the hash policy, over
// one detail::flat_table.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// flat_container<Derived, Key, Value, ElementKey, ...> is a base class
// (CRTP: the friends take the derived type, so that swap, == and erase_if
// are found by argument-dependent lookup for the front end itself). The
// front ends inherit its constructors and add what only they have: the
// mapped-value members of a map. The validity and exception guarantees that
// the front ends document are those of the members here.
//
// Invariants
// - hasher_ and equal_ hash and compare ElementKey::key(element) for every
//   element of table_, which allocator_ allocated.
// - A set's elements are its keys: they are reachable only as const.
#ifndef MAPTIDY_DETAIL_FLAT_CONTAINER_HPP
#define MAPTIDY_DETAIL_FLAT_CONTAINER_HPP

#include "maptidy/composite_key.hpp"
#include "maptidy/detail/flat_table.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>

namespace maptidy {
namespace detail {

template <class T>
using remove_cvref_t = std::remove_cv_t<std::remove_reference_t<T>>;

// Whether emplace's arguments already hold the key, and where: then a key
// that is present costs no element construction. Otherwise the element is
// built first to learn its key.
template <class ElementKey, class Key, class... Args>
struct key_argument {
  static constexpr bool found = false;
};
// A map's emplace(key, mapped).
template <class Key, class First, class Second>
struct key_argument<map_element_key, Key, First, Second> {
  static constexpr bool found = std::is_same_v<remove_cvref_t<First>, Key>;
  static const First& get(const First& key, const Second&) noexcept { return key; }
};
// A map's emplace(pair) whose first member is a key.
template <class Key, class Pair>
struct key_argument<map_element_key, Key, Pair> {
  template <class P, class = void>
  struct pair_with_key : std::false_type {};
  template <class P>
  struct pair_with_key<P, std::enable_if_t<is_pair<P>::value>>
      : std::is_same<std::remove_cv_t<typename P::first_type>, Key> {};
  static constexpr bool found = pair_with_key<remove_cvref_t<Pair>>::value;
  static const auto& get(const Pair& pair) noexcept { return pair.first; }
};
// A set's emplace(key).
template <class Key, class Arg>
struct key_argument<set_element_key, Key, Arg> {
  static constexpr bool found = std::is_same_v<remove_cvref_t<Arg>, Key>;
  static const Arg& get(const Arg& key) noexcept { return key; }
};

// What the deduction guides of the front ends read off their arguments, as
// the standard's guides for the unordered containers do: an input iterator's
// element types, and whether a type is an allocator (so that an allocator
// argument is not taken for a hash).
template <class InputIt>
using iter_value_t = typename std::iterator_traits<InputIt>::value_type;
template <class InputIt>
using iter_key_t = std::remove_const_t<typename iter_value_t<InputIt>::first_type>;
template <class InputIt>
using iter_mapped_t = typename iter_value_t<InputIt>::second_type;
template <class InputIt>
using iter_to_alloc_t = std::pair<const iter_key_t<InputIt>, iter_mapped_t<InputIt>>;

template <class T, class = void>
struct is_allocator : std::false_type {};
template <class T>
struct is_allocator<T, std::void_t<typename T::value_type, decltype(std::declval<T&>().allocate(std::size_t{}))>>
    : std::true_type {};

template <class T, class = void>
struct is_input_iterator : std::false_type {};
template <class T>
struct is_input_iterator<T, std::void_t<typename std::iterator_traits<T>::iterator_category>>
    : std::is_convertible<typename std::iterator_traits<T>::iterator_category, std::input_iterator_tag> {};

template <class InputIt>
using require_input_iterator = std::enable_if_t<is_input_iterator<InputIt>::value>;
template <class Hash>
using require_hash = std::enable_if_t<!std::is_integral_v<Hash> && !is_allocator<Hash>::value>;
template <class KeyEqual>
using require_key_equal = std::enable_if_t<!is_allocator<KeyEqual>::value>;
template <class Allocator>
using require_allocator = std::enable_if_t<is_allocator<Allocator>::value>;

template <class Derived, class Key, class Value, class ElementKey, class Hash, class KeyEqual, class Allocator>
class flat_container {
  using table_type = flat_table<Value, Allocator, ElementKey>;

 protected:
  using position = typename table_type::position;

 private:
  // A map's elements pair a key with a mapped value; a set's elements are
  // its keys, which must not change in place.
  static constexpr bool is_map = !std::is_same_v<Key, Value>;

  template <bool Const>
  class basic_iterator;

 public:
  using key_type = Key;
  using value_type = Value;
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

 protected:
  // Heterogeneous overloads: for probes other than the key when Hash and
  // KeyEqual are transparent, and never for iterators (erase).
  template <class K>
  using enable_if_probe = std::enable_if_t<is_transparent_lookup<Hash, KeyEqual, K>::value &&
                                               !std::is_convertible_v<K, const_iterator> &&
                                               !std::is_convertible_v<K, iterator>,
                                           int>;

 public:
  // ---- Construction. `bucket_count` reserves room for that many elements.

  flat_container() : flat_container(0) {}
  explicit flat_container(size_type bucket_count, const Hash& hash = Hash(), const KeyEqual& equal = KeyEqual(),
                          const Allocator& allocator = Allocator())
      : hasher_(hash), equal_(equal), allocator_(allocator) {
    reserve(bucket_count);
  }
  flat_container(size_type bucket_count, const Allocator& allocator)
      : flat_container(bucket_count, Hash(), KeyEqual(), allocator) {}
  flat_container(size_type bucket_count, const Hash& hash, const Allocator& allocator)
      : flat_container(bucket_count, hash, KeyEqual(), allocator) {}
  explicit flat_container(const Allocator& allocator) : flat_container(0, Hash(), KeyEqual(), allocator) {}

  template <class InputIt>
  flat_container(InputIt first, InputIt last, size_type bucket_count = 0, const Hash& hash = Hash(),
                 const KeyEqual& equal = KeyEqual(), const Allocator& allocator = Allocator())
      : flat_container(bucket_count, hash, equal, allocator) {
    insert(first, last);
  }
  template <class InputIt>
  flat_container(InputIt first, InputIt last, size_type bucket_count, const Allocator& allocator)
      : flat_container(first, last, bucket_count, Hash(), KeyEqual(), allocator) {}
  template <class InputIt>
  flat_container(InputIt first, InputIt last, size_type bucket_count, const Hash& hash, const Allocator& allocator)
      : flat_container(first, last, bucket_count, hash, KeyEqual(), allocator) {}
  flat_container(std::initializer_list<value_type> values, size_type bucket_count = 0, const Hash& hash = Hash(),
                 const KeyEqual& equal = KeyEqual(), const Allocator& allocator = Allocator())
      : flat_container(values.begin(), values.end(), bucket_count, hash, equal, allocator) {}
  flat_container(std::initializer_list<value_type> values, size_type bucket_count, const Allocator& allocator)
      : flat_container(values.begin(), values.end(), bucket_count, Hash(), KeyEqual(), allocator) {}
  flat_container(std::initializer_list<value_type> values, size_type bucket_count, const Hash& hash,
                 const Allocator& allocator)
      : flat_container(values.begin(), values.end(), bucket_count, hash, KeyEqual(), allocator) {}

  flat_container(const flat_container& other)
      : flat_container(other,
                       std::allocator_traits<Allocator>::select_on_container_copy_construction(other.allocator_)) {}
  flat_container(const flat_container& other, const Allocator& allocator)
      : hasher_(other.hasher_), equal_(other.equal_), allocator_(allocator) {
    table_.copy_from(other.table_, allocator_);
  }
  flat_container(flat_container&& other) noexcept(std::is_nothrow_move_constructible_v<Hash> &&
                                                  std::is_nothrow_move_constructible_v<KeyEqual>)
      : hasher_(std::move(other.hasher_)), equal_(std::move(other.equal_)), allocator_(std::move(other.allocator_)) {
    table_.swap(other.table_);
  }
  flat_container(flat_container&& other, const Allocator& allocator)
      : hasher_(other.hasher_), equal_(other.equal_), allocator_(allocator) {
    if (allocator_ == other.allocator_)
      table_.swap(other.table_);
    else
      move_elements_from(other);
  }

  ~flat_container() { table_.release(allocator_); }

  flat_container& operator=(const flat_container& other) {
    if (this == &other) return *this;
    using traits = std::allocator_traits<Allocator>;
    flat_container copy(other, traits::propagate_on_container_copy_assignment::value ? other.allocator_ : allocator_);
    table_.release(allocator_);
    hasher_ = std::move(copy.hasher_);
    equal_ = std::move(copy.equal_);
    if constexpr (traits::propagate_on_container_copy_assignment::value) allocator_ = copy.allocator_;
    table_.swap(copy.table_);
    return *this;
  }

  flat_container& operator=(flat_container&& other) noexcept(
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
      move_elements_from(other);
    }
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
    return std::min<size_type>(table_type::max_elements,
                               std::numeric_limits<difference_type>::max() / (sizeof(value_type) + 2));
  }

  // ---- Insertion. The single-element forms return {iterator to the element with the key,
  // whether it was inserted}; hints are ignored.

  MAPTIDY_FORCEINLINE std::pair<iterator, bool> insert(const value_type& value) {
    return emplace_unique(ElementKey::key(value), value);
  }
  MAPTIDY_FORCEINLINE std::pair<iterator, bool> insert(value_type&& value) {
    return emplace_unique(ElementKey::key(value), std::move(value));
  }
  iterator insert(const_iterator, const value_type& value) { return insert(value).first; }
  iterator insert(const_iterator, value_type&& value) { return insert(std::move(value)).first; }
  template <class InputIt>
  void insert(InputIt first, InputIt last) {
    for (; first != last; ++first) emplace(*first);
  }
  void insert(std::initializer_list<value_type> values) { insert(values.begin(), values.end()); }

  template <class... Args>
  MAPTIDY_FORCEINLINE std::pair<iterator, bool> emplace(Args&&... args) {
    using argument = key_argument<ElementKey, Key, Args...>;
    if constexpr (argument::found) {
      return emplace_unique(argument::get(args...), std::forward<Args>(args)...);
    } else {
      value_type value(std::forward<Args>(args)...);
      return emplace_unique(ElementKey::key(value), std::move(value));
    }
  }
  template <class... Args>
  iterator emplace_hint(const_iterator, Args&&... args) {
    return emplace(std::forward<Args>(args)...).first;
  }

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

  void swap(flat_container& other) noexcept(std::is_nothrow_swappable_v<Hash> &&
                                            std::is_nothrow_swappable_v<KeyEqual>) {
    using std::swap;
    swap(hasher_, other.hasher_);
    swap(equal_, other.equal_);
    if constexpr (std::allocator_traits<Allocator>::propagate_on_container_swap::value)
      swap(allocator_, other.allocator_);
    else
      assert(allocator_ == other.allocator_ && "maptidy: swap of flat containers with unequal allocators");
    table_.swap(other.table_);
  }

  // ---- Lookup. Each has an overload for any probe type K when Hash and KeyEqual are both
  // transparent.

  MAPTIDY_FORCEINLINE iterator find(const key_type& key) { return find_impl(key); }
  MAPTIDY_FORCEINLINE const_iterator find(const key_type& key) const { return find_impl(key); }
  template <class K, enable_if_probe<K> = 0>
  MAPTIDY_FORCEINLINE iterator find(const K& key) {
    return find_impl(key);
  }
  template <class K, enable_if_probe<K> = 0>
  MAPTIDY_FORCEINLINE const_iterator find(const K& key) const {
    return find_impl(key);
  }

  MAPTIDY_FORCEINLINE bool contains(const key_type& key) const { return position_of(key).found(); }
  template <class K, enable_if_probe<K> = 0>
  MAPTIDY_FORCEINLINE bool contains(const K& key) const {
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
  template <class K, enable_if_probe<K> = 0>
  std::pair<iterator, iterator> equal_range(const K& key) {
    return equal_range_impl<iterator>(*this, key);
  }
  template <class K, enable_if_probe<K> = 0>
  std::pair<const_iterator, const_iterator> equal_range(const K& key) const {
    return equal_range_impl<const_iterator>(*this, key);
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

  // Equal sizes, and each key of one is in the other, with an equal
  // (operator==) mapped value for maps.
  friend bool operator==(const Derived& a, const Derived& b) {
    if (a.size() != b.size()) return false;
    for (const value_type& element : a) {
      const auto it = b.find(ElementKey::key(element));
      if (it == b.end()) return false;
      if constexpr (is_map)
        if (!(it->second == element.second)) return false;
    }
    return true;
  }
  friend bool operator!=(const Derived& a, const Derived& b) { return !(a == b); }
  friend void swap(Derived& a, Derived& b) noexcept(noexcept(std::declval<flat_container&>().swap(
      std::declval<flat_container&>()))) {
    a.swap(b);
  }

  // Erases the elements for which pred(const value_type&) holds; returns how many.
  template <class Predicate>
  friend size_type erase_if(Derived& container, Predicate pred) {
    flat_container& self = container;
    return self.table_.erase_if(pred, self.allocator_);
  }

 protected:
  // Inserts the element made from `args` unless `key` (the key it would
  // have) is present; `key` is read only before the element is made.
  template <class K, class... Args>
  MAPTIDY_FORCEINLINE std::pair<iterator, bool> emplace_unique(const K& key, Args&&... args) {
    return visit_or_emplace(key, [](value_type&) noexcept {}, std::forward<Args>(args)...);
  }

  // emplace_unique that first calls visit(element) on the element with
  // `key` when there is one, with the one lookup.
  template <class K, class Visit, class... Args>
  MAPTIDY_FORCEINLINE std::pair<iterator, bool> visit_or_emplace(const K& key, Visit&& visit, Args&&... args) {
    const std::uint64_t hash = table_hash(hasher_, key);
    if (const position found = table_.find(key, hash, equal_); found.found()) {
      visit(table_type::value_at(found));
      return {iterator(found), false};
    }
    return {iterator(table_.emplace_absent(hash, hash_of_value(), allocator_, std::forward<Args>(args)...)), true};
  }

  // The slot of the element with `key`, or one that is not found().
  template <class K>
  MAPTIDY_FORCEINLINE position position_of(const K& key) const {
    return table_.find(key, table_hash(hasher_, key), equal_);
  }
  static value_type& element_at(const position& p) noexcept { return table_type::value_at(p); }

  void assign(std::initializer_list<value_type> values) {
    flat_container copy(values, 0, hasher_, equal_, allocator_);
    swap(copy);
  }

 private:
  template <bool Const>
  class basic_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Value;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<Const || !is_map, const value_type*, value_type*>;
    using reference = std::conditional_t<Const || !is_map, const value_type&, value_type&>;

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
    friend class flat_container;
    friend class basic_iterator<!Const>;
    explicit basic_iterator(const position& p) noexcept : position_(p) {}
    position position_;
  };

  auto hash_of_value() const noexcept {
    return [this](const value_type& value) noexcept(
               noexcept(table_hash(std::declval<const Hash&>(), ElementKey::key(value)))) {
      return table_hash(hasher_, ElementKey::key(value));
    };
  }

  // Moves the elements of a container whose allocator differs, one by one,
  // and leaves it empty.
  void move_elements_from(flat_container& other) {
    reserve(other.size());
    auto move_element = [&](Value& element) {
      table_.emplace_absent(table_hash(hasher_, ElementKey::key(element)), hash_of_value(), allocator_,
                            element_relocation<Value>::source(element));
    };
    other.table_.for_each(move_element);
    other.clear();
  }

  template <class K>
  MAPTIDY_FORCEINLINE iterator find_impl(const K& key) const {
    const position found = position_of(key);
    return iterator(found);
  }

  template <class Iterator, class Self, class K>
  static std::pair<Iterator, Iterator> equal_range_impl(Self& self, const K& key) {
    Iterator first = self.find(key);
    Iterator last = first;
    if (last != self.end()) ++last;
    return {first, last};
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

}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_FLAT_CONTAINER_HPP
